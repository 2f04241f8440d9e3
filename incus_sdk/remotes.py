"""The ``incus`` CLI's remotes: connecting, and adding a remote with a trust token.

The SDK reads and writes the same files as the ``incus`` command line tool of
Incus 6.0, so a remote added with ``incus remote add`` is usable here and one
added here shows in ``incus remote list``::

    $INCUS_CONF, else ~/.config/incus/
        config.yml                 default-remote, remotes, aliases
        client.crt, client.key     the client certificate and key (all remotes)
        clientcerts/NAME.crt/.key  a certificate for remote NAME only, if present
        client.ca                  a CA to verify servers by, if present
        servercerts/NAME.crt       the pinned certificate of remote NAME
    $INCUS_GLOBAL_CONF, else /etc/incus/
        config.yml                 system-wide remotes (those not in the user's file)
        servercerts/NAME.crt       their pinned certificates

``INCUS_REMOTE`` overrides the default remote for reading (it is never
written back). Without a ``config.yml`` the configuration is the CLI's
default: the ``local`` unix socket (the default remote) and the public
``images`` simplestreams server.

Entry points: :func:`load_config`, :meth:`incus_sdk.Client.from_remote`
(:func:`connect`), :func:`add_remote` (``incus remote add``, with a trust
token or an address), :func:`add_image_server`, :func:`remove_remote`,
:func:`set_default_remote` and :func:`generate_client_certificate`.

Reading and writing the configuration needs no client: it is done below the
client (``incus_sdk._cliconfig``), and its names are re-exported here.
Onboarding (:func:`add_remote`) talks to the server through a
:class:`~incus_sdk.Client`.

PyYAML is imported on first use and ``cryptography`` only when a client
certificate must be generated, so ``import incus_sdk`` stays fast.
"""

from __future__ import annotations

import asyncio
import datetime
import hashlib
import hmac
import os
import re
import ssl
from urllib.parse import urlsplit

from ._cliconfig import (
    IMAGES_REMOTE,
    IMAGES_URL,
    LOCAL_REMOTE,
    PROTOCOLS,
    CLIConfig,
    Remote,
    _check_new_name,
    _new_dirs,
    _rollback,
    _save_remote,
    add_image_server,
    client_certificate,
    default_config_dir,
    generate_client_certificate,
    global_config_dir,
    load_config,
    remove_remote,
    set_default_remote,
)
from .api.certificates import TrustToken
from .client import Client
from .exceptions import (
    IncusAuthenticationError,
    IncusCertificateError,
    IncusConfigError,
    IncusConnectionError,
    IncusTimeoutError,
)

_FINGERPRINT = re.compile(r"[0-9a-f]{64}")

# -- connecting ----------------------------------------------------------------------


def connect(
    name: str | None = None,
    *,
    config_dir: str | os.PathLike[str] | None = None,
    project: str | None = None,
    timeout: float | None = 30,
) -> Client:
    """Build a :class:`~incus_sdk.Client` for a remote of the CLI configuration.

    This is :meth:`incus_sdk.Client.from_remote`; see there.
    """
    return Client.from_remote(name, config_dir=config_dir, project=project, timeout=timeout)


def certificate_fingerprint(certificate: bytes | str) -> str:
    """The SHA-256 fingerprint Incus names a certificate by (hex of the DER's hash).

    Args:
        certificate: DER bytes or PEM text.
    """
    der = ssl.PEM_cert_to_DER_cert(certificate) if isinstance(certificate, str) else certificate
    return hashlib.sha256(der).hexdigest()


async def fetch_server_certificate(url: str, *, timeout: float = 30) -> bytes:
    """Return the certificate (DER) an HTTPS server presents, without trusting it.

    Only for comparing it with a fingerprint known by other means (a trust
    token, the user): nothing but the TLS handshake is sent.

    Raises:
        IncusConnectionError: If no TLS connection can be made.
    """
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or 8443
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        _, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, ssl=context, server_hostname=host), timeout
        )
    except asyncio.TimeoutError as exc:
        raise IncusTimeoutError(f"no TLS handshake with {url} within {timeout}s", exc, url=url) from exc
    except (OSError, ssl.SSLError) as exc:
        raise IncusConnectionError(f"cannot reach {url}: {exc}", exc, url=url) from exc
    try:
        der = writer.get_extra_info("ssl_object").getpeercert(binary_form=True)
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except (OSError, ssl.SSLError):
            pass
    if not der:
        raise IncusConnectionError(f"{url} presented no certificate", url=url)
    return bytes(der)


async def _trusted_by_system(url: str, timeout: float) -> bool:
    """Whether the system CAs verify the server's certificate (host name included)."""
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or 8443
    try:
        _, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, ssl=ssl.create_default_context(), server_hostname=host), timeout
        )
    except ssl.SSLCertVerificationError:
        return False
    except (OSError, ssl.SSLError, asyncio.TimeoutError) as exc:
        raise IncusConnectionError(f"cannot reach {url}: {exc}", exc, url=url) from exc
    writer.close()
    try:
        await writer.wait_closed()
    except (OSError, ssl.SSLError):
        pass
    return True


# -- adding remotes ------------------------------------------------------------------------


def decode_token(token: str) -> TrustToken:
    """Decode and check a trust token as ``incus remote add`` does, before any use.

    Args:
        token: The token ``incus config trust add`` (or
            :meth:`~incus_sdk.api.certificates.TrustTokensAPI.create`) printed.

    Returns:
        The token's fields.

    Raises:
        ValueError: If it is not a certificate add token (no client name,
            secret, server address, or a fingerprint that is not 64 hex
            digits), or it expired by this machine's clock.
    """
    return _checked_token(TrustToken.decode(token))


def _checked_token(decoded: TrustToken) -> TrustToken:
    if not decoded.addresses:
        raise ValueError("not a certificate add token: no server address in it")
    if not _FINGERPRINT.fullmatch(decoded.fingerprint):
        raise ValueError("not a certificate add token: its server fingerprint is not 64 hex digits")
    expires = decoded.expires_at
    if expires is not None:
        if expires.tzinfo is None:
            expires = expires.replace(tzinfo=datetime.timezone.utc)
        if expires <= datetime.datetime.now(datetime.timezone.utc):
            raise ValueError(f"the trust token expired at {expires.isoformat()}")
    return decoded


def _looks_like_token(text: str) -> bool:
    """Whether ``incus remote add NAME TEXT`` would take TEXT as a token rather than an address.

    As the CLI: whatever decodes as a token is one. Text that does not but
    cannot be a host name either (too long, base64 punctuation) is a broken
    token, so that its error says so.
    """
    try:
        TrustToken.decode(text)
        return True
    except ValueError:
        return "://" not in text and (len(text) > 253 or any(c in text for c in "+/="))


def _https_address(address: str) -> str:
    """Turn ``host``, ``host:port`` or ``https://host[:port]`` into ``https://host:port`` as the CLI does."""
    if "://" in address:
        parts = urlsplit(address)
        if parts.scheme != "https":
            raise ValueError(f"invalid URL scheme {parts.scheme!r} in {address!r}: use https://")
        host = parts.netloc
    else:
        host = address
    if not host or "/" in host or "@" in host:
        raise ValueError(f"invalid server address {address!r}")
    bracketed = host.startswith("[")
    if bracketed:
        has_port = "]:" in host
    elif host.count(":") > 1:  # a bare IPv6 address
        host, has_port = f"[{host}]", False
    else:
        has_port = ":" in host
    return f"https://{host}" if has_port else f"https://{host}:8443"


async def add_remote(
    name: str,
    address: str,
    *,
    token: str | None = None,
    fingerprint: str | None = None,
    accept_certificate: bool = False,
    project: str | None = None,
    config_dir: str | os.PathLike[str] | None = None,
    timeout: float = 30,
) -> Remote:
    """Add an Incus server as a remote, as ``incus remote add NAME TOKEN|ADDRESS`` does.

    With a trust token (``address`` is the token, or ``token=``): the client
    certificate and key are created if there are none, the server's
    certificate is fetched from the token's addresses in turn and must have
    the token's fingerprint (nothing else is sent otherwise), the token is
    presented to have the client certificate trusted, the server certificate
    is pinned in ``servercerts/NAME.crt`` and the remote saved in
    ``config.yml``. Incus needs the ``certificate_token`` API extension for
    this (Incus has no ``explicit_trust_token`` extension: it is LXD's).

    With an address: the server's certificate must be verified by the system
    CAs, or have the ``fingerprint`` given, or be accepted blindly with
    ``accept_certificate=True`` (as the CLI's prompt); a certificate the
    system CAs do not verify is pinned. If the server does not trust the
    client yet, ``token`` is presented. A public server is saved as a public
    image remote.

    If anything fails, nothing is written: no remote, no pinned certificate,
    and no client certificate if this call created it.

    Args:
        name: The remote's name (no ``:``).
        address: A trust token, or the server's address (``host``,
            ``host:port``, ``https://host:port``; port 8443 by default).
        token: A trust token for a server reached by ``address``.
        fingerprint: The SHA-256 fingerprint the server's certificate must have.
        accept_certificate: Trust whatever certificate the server presents.
        project: The project to use on the remote (checked to exist). By
            default, as the CLI: the only project the client may use, or the
            server's default.
        config_dir: The configuration directory (default: :func:`default_config_dir`).
        timeout: Seconds each network step may take.

    Returns:
        The saved remote.

    Raises:
        ValueError: If the name, address or token is invalid (an expired token
            included), before anything is sent.
        IncusConfigError: If the remote exists, a file cannot be read or
            written, or the client may use several projects and ``project``
            does not say which (the client is trusted by then).
        IncusCertificateError: If the server's certificate does not have the
            expected fingerprint (the token is not used).
        IncusConnectionError: If no address of the server can be reached.
        IncusPermissionError: If the server refuses the token (unknown, used,
            revoked or expired).
        IncusAuthenticationError: If the server still does not trust the client.
    """
    config = load_config(config_dir)
    _check_new_name(config, name)
    as_token = token is None and _looks_like_token(address)
    if as_token:
        token = address
    decoded = decode_token(token) if token is not None else None
    if as_token:
        assert decoded is not None
        candidates = [_https_address(a) for a in decoded.addresses]
    else:
        candidates = [_https_address(address)]
    if fingerprint is None and decoded is not None:
        # Fail closed: the token names the certificate of the server it is for.
        fingerprint = decoded.fingerprint
    if fingerprint is not None:
        fingerprint = fingerprint.lower().replace(":", "")
        if not _FINGERPRINT.fullmatch(fingerprint):
            raise ValueError("fingerprint must be the 64 hex digits of the certificate's SHA-256")
    created = _new_dirs(config.server_cert_path(name).parent)
    with _rollback(created):
        if not config.has_client_certificate():
            crt, key = config.client_cert_paths()
            exists = [p for p in (crt, key) if p.exists()]
            generate_client_certificate(config.config_dir)
            created.extend(p for p in (key, crt) if p not in exists)
        url, pinned = await _reach(candidates, fingerprint, accept_certificate, timeout)
        remote = await _enroll(config, name, url, pinned, token, project, timeout)
        _save_remote(config, remote, pinned, created)
    return remote


async def _reach(
    candidates: list[str], fingerprint: str | None, accept: bool, timeout: float
) -> tuple[str, str | None]:
    """Find the first reachable address and decide how to trust it: ``(url, PEM to pin or None)``."""
    errors: list[str] = []
    for url in candidates:
        try:
            der = await fetch_server_certificate(url, timeout=timeout)
        except IncusConnectionError as exc:
            errors.append(f"{url}: {exc.message}")
            continue
        actual = certificate_fingerprint(der)
        pem = ssl.DER_cert_to_PEM_cert(der)
        if fingerprint is not None:
            if not hmac.compare_digest(actual, fingerprint):
                raise IncusCertificateError(
                    f"the certificate of {url} has fingerprint {actual}, not {fingerprint} as expected "
                    "(from the trust token or the caller): refusing to send it anything",
                    expected=fingerprint,
                    actual=actual,
                    url=url,
                )
            return url, pem
        if await _trusted_by_system(url, timeout):
            return url, None
        if accept:
            return url, pem
        raise IncusCertificateError(
            f"the certificate of {url} (fingerprint {actual}) is not trusted by the system CAs: "
            "pass fingerprint= (or accept_certificate=True)",
            expected="",
            actual=actual,
            url=url,
        )
    raise IncusConnectionError("no server address could be reached: " + "; ".join(errors))


async def _enroll(
    config: CLIConfig, name: str, url: str, pinned: str | None, token: str | None, project: str | None, timeout: float
) -> Remote:
    """Connect with the client certificate, present the token if needed, pick the project."""
    crt, key = client_certificate(config, name)
    async with Client(url, cert=(crt, key), server_cert=pinned, timeout=timeout) as client:
        info = await client.get_server_info()
        if info.public:
            return Remote(name, url, protocol="incus", public=True)
        if info.auth != "trusted":
            if token is None:
                raise IncusAuthenticationError(f"{url} does not trust this client: a trust token is needed")
            await client.certificates.add_with_token(token)
            info = await client.get_server_info()
            if info.auth != "trusted":
                raise IncusAuthenticationError(f"{url} does not trust this client after the token was accepted")
        chosen = await _choose_project(client, project, url)
    return Remote(name, url, protocol="incus", auth_type="tls", project=chosen)


async def _choose_project(client: Client, project: str | None, url: str) -> str:
    if project is not None:
        await client.projects.get(project)  # IncusNotFoundError if it does not exist
        return "" if project == "default" else project
    if not await client.has_extension("projects"):
        return ""
    names = await client.projects.names()
    if len(names) == 1:
        return "" if names[0] == "default" else names[0]
    if not names or "default" in names:
        return ""
    raise IncusConfigError(
        f"{url} trusts this client now, but it may use several projects ({', '.join(sorted(names))}): "
        "add the remote again with project="
    )


__all__ = [
    "IMAGES_REMOTE",
    "IMAGES_URL",
    "LOCAL_REMOTE",
    "PROTOCOLS",
    "CLIConfig",
    "Remote",
    "add_image_server",
    "add_remote",
    "certificate_fingerprint",
    "client_certificate",
    "connect",
    "decode_token",
    "default_config_dir",
    "fetch_server_certificate",
    "generate_client_certificate",
    "global_config_dir",
    "load_config",
    "remove_remote",
    "set_default_remote",
]
