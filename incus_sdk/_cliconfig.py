"""The ``incus`` CLI's configuration: remotes, certificates, and how to reach a remote.

The files and environment variables are those of the Incus 6.0 CLI (listed
in :mod:`incus_sdk.remotes`, which re-exports this module's public names):
``config.yml``, the client certificate and key, pinned server certificates,
the system-wide configuration.

Nothing here talks to an Incus server: this is what the client
(:meth:`incus_sdk.Client.from_remote`, through :func:`connection`), the
images sub-API (``remote:image`` references) and the simplestreams reader
build on. Adding a remote with a trust token needs a client: that is
:func:`incus_sdk.remotes.add_remote`.

PyYAML is imported on first use and ``cryptography`` only when a client
certificate must be generated, so ``import incus_sdk`` stays fast.
"""

from __future__ import annotations

import datetime
import os
import pwd
import socket
import ssl
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .exceptions import IncusConfigError

#: The remote the CLI always has: the local daemon over its unix socket.
LOCAL_REMOTE = "local"
#: The public image server the CLI's default configuration names ``images``.
IMAGES_REMOTE = "images"
IMAGES_URL = "https://images.linuxcontainers.org"
#: Protocols a remote may speak (``oci`` is newer than Incus 6.0's CLI).
PROTOCOLS = ("incus", "simplestreams", "oci")


_REMOTE_KEYS = ("addr", "auth_type", "keepalive", "project", "protocol", "public")


@dataclass(frozen=True)
class Remote:
    """One remote of the CLI configuration.

    Attributes:
        name: The remote's name (``local``, ``images``...).
        addr: Its address: ``unix://`` (the local socket), ``unix:///path``,
            ``https://host:port`` or an image server URL. Newer CLIs may keep
            several, comma-separated (see :attr:`addresses`).
        protocol: ``incus``, ``simplestreams`` or ``oci``.
        public: Whether it is a public image server (no client certificate).
        auth_type: ``tls`` (a client certificate) or ``oidc``; empty for
            public servers.
        project: The project used on it (empty: the server's default).
        keepalive: The CLI's keep-alive setting (kept, unused by the SDK).
        is_global: Whether it comes from the system-wide configuration.
        static: Whether it is a built-in remote that cannot be removed (``local``).
        extra: Keys of the remote that this SDK does not know, kept as read.
    """

    name: str
    addr: str
    protocol: str = "incus"
    public: bool = False
    auth_type: str = ""
    project: str = ""
    keepalive: int = 0
    is_global: bool = False
    static: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def addresses(self) -> list[str]:
        """The remote's addresses (newer CLIs keep several, comma-separated)."""
        return [a.strip() for a in self.addr.split(",") if a.strip()]

    @property
    def is_unix(self) -> bool:
        """Whether the remote is a daemon reached over a unix socket."""
        return self.addr.startswith("unix:")

    @property
    def is_image_server(self) -> bool:
        """Whether it only serves images (simplestreams, OCI, or a public Incus server)."""
        return self.public or self.protocol != "incus"

    @property
    def socket_path(self) -> str | None:
        """The socket path of a unix remote (None: the default discovery), else None."""
        if not self.is_unix:
            return None
        path = self.addr[len("unix:") :]
        path = path[2:] if path.startswith("//") else path
        return path or None

    def to_yaml(self) -> dict[str, Any]:
        """The remote as the CLI writes it in ``config.yml`` (empty fields left out)."""
        out: dict[str, Any] = {"addr": self.addr}
        if self.auth_type:
            out["auth_type"] = self.auth_type
        if self.keepalive:
            out["keepalive"] = self.keepalive
        if self.project:
            out["project"] = self.project
        if self.protocol:
            out["protocol"] = self.protocol
        out["public"] = self.public
        out.update({k: v for k, v in self.extra.items() if k not in out})
        return out


_DEFAULT_REMOTES = (
    Remote(LOCAL_REMOTE, "unix://", static=True),
    Remote(IMAGES_REMOTE, IMAGES_URL, protocol="simplestreams", public=True),
)


def default_config_dir() -> Path:
    """The CLI's configuration directory: ``$INCUS_CONF``, else ``~/.config/incus``.

    As the Incus 6.0 CLI: ``$HOME`` when it is set and exists, else the
    current user's home directory from the password database.
    """
    explicit = os.environ.get("INCUS_CONF")
    if explicit:
        return Path(explicit)
    home = os.environ.get("HOME")
    if not home or not os.path.isdir(home):
        home = pwd.getpwuid(os.getuid()).pw_dir
    return Path(home) / ".config" / "incus"


def global_config_dir() -> Path:
    """The system-wide configuration directory: ``$INCUS_GLOBAL_CONF``, else ``/etc/incus``."""
    return Path(os.environ.get("INCUS_GLOBAL_CONF") or "/etc/incus")


def _yaml() -> Any:
    import yaml  # imported on first use: keeps `import incus_sdk` fast

    return yaml


def _read_yaml(path: Path) -> Any:
    yaml = _yaml()
    try:
        text = path.read_text()
    except OSError as exc:
        raise IncusConfigError(f"cannot read {path}: {exc.strerror or exc}", path=str(path)) from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise IncusConfigError(f"{path} is not valid YAML: {exc}", path=str(path)) from exc


def _expect(value: Any, kind: type | tuple[type, ...], path: Path, key: str, what: str) -> Any:
    # bool is an int in Python; the CLI's YAML decoder tells them apart.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise IncusConfigError(
            f"{path}: {key} must be {what}, not {type(value).__name__} {value!r}", path=str(path), key=key
        )
    return value


def _parse_remote(name: Any, data: Any, path: Path, *, is_global: bool) -> Remote:
    key = f"remotes.{name}"
    _expect(name, str, path, key, "a string name")
    if data is None:
        data = {}
    _expect(data, dict, path, key, "a mapping")
    addr = data.get("addr")
    if addr is None:
        raise IncusConfigError(f"{path}: {key}.addr is missing", path=str(path), key=f"{key}.addr")
    _expect(addr, str, path, f"{key}.addr", "a string")
    fields: dict[str, Any] = {}
    for field_name, kind, what in (
        ("protocol", str, "a string"),
        ("auth_type", str, "a string"),
        ("project", str, "a string"),
        ("public", bool, "true or false"),
        ("keepalive", int, "an integer"),
    ):
        if data.get(field_name) is not None:
            fields[field_name] = _expect(data[field_name], kind, path, f"{key}.{field_name}", what)
    protocol = fields.get("protocol") or "incus"
    if protocol not in PROTOCOLS:
        raise IncusConfigError(
            f"{path}: {key}.protocol {protocol!r} is not one of {', '.join(PROTOCOLS)}",
            path=str(path),
            key=f"{key}.protocol",
        )
    fields["protocol"] = protocol
    # As the CLI: a private remote without an auth type authenticates by TLS.
    if not fields.get("public") and not fields.get("auth_type"):
        fields["auth_type"] = "tls"
    extra = {k: v for k, v in data.items() if k not in _REMOTE_KEYS}
    return Remote(name, addr, is_global=is_global, extra=extra, **fields)


@dataclass
class CLIConfig:
    """The CLI's configuration as read from ``config.yml`` (see :func:`load_config`).

    Attributes:
        config_dir: The configuration directory.
        default_remote: The remote used when none is named (``INCUS_REMOTE``
            applied).
        remotes: The remotes by name, system-wide ones included.
        aliases: The CLI's command aliases (kept as read).
        extra: Top-level keys this SDK does not know, written back as read.
    """

    config_dir: Path
    default_remote: str = LOCAL_REMOTE
    remotes: dict[str, Remote] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    _file_default: str = LOCAL_REMOTE

    # -- paths -----------------------------------------------------------------

    @property
    def path(self) -> Path:
        """The ``config.yml`` file."""
        return self.config_dir / "config.yml"

    def server_cert_path(self, name: str) -> Path:
        """Where the pinned certificate of remote ``name`` is (the system-wide one for global remotes)."""
        remote = self.remotes.get(name)
        base = global_config_dir() if remote is not None and remote.is_global else self.config_dir
        return base / "servercerts" / f"{_file_name(name)}.crt"

    def client_cert_paths(self, name: str | None = None) -> tuple[Path, Path]:
        """The client certificate and key used for remote ``name``.

        ``clientcerts/NAME.crt`` and ``.key`` when both exist, else
        ``client.crt`` and ``client.key``.
        """
        if name is not None:
            own = self.config_dir / "clientcerts"
            crt, key = own / f"{_file_name(name)}.crt", own / f"{_file_name(name)}.key"
            if crt.exists() and key.exists():
                return crt, key
        return self.config_dir / "client.crt", self.config_dir / "client.key"

    def has_client_certificate(self) -> bool:
        """Whether ``client.crt`` and ``client.key`` both exist."""
        crt, key = self.client_cert_paths()
        return crt.exists() and key.exists()

    # -- remotes -----------------------------------------------------------------

    def remote(self, name: str | None = None) -> Remote:
        """Return a remote by name (by default the default remote).

        Raises:
            IncusConfigError: If there is no such remote.
        """
        name = self.default_remote if name is None else name
        remote = self.remotes.get(name)
        if remote is None:
            raise IncusConfigError(
                f"the remote {name!r} doesn't exist in {self.path} (remotes: {', '.join(sorted(self.remotes))})",
                path=str(self.path),
                key=f"remotes.{name}",
            )
        return remote

    def parse_remote(self, reference: str) -> tuple[str, str]:
        """Split ``"remote:object"`` as the CLI does.

        Without a colon the object is on the default remote. A first part
        that is no remote but holds a ``/`` is taken as part of the object
        (a snapshot name with a colon).

        Args:
            reference: e.g. ``"images:debian/12"``, ``"c1"``.

        Returns:
            ``(remote name, object)``.

        Raises:
            IncusConfigError: If the named remote does not exist.
        """
        remote, sep, rest = reference.partition(":")
        if not sep:
            return self.default_remote, reference
        if remote not in self.remotes:
            if "/" in remote:
                return self.default_remote, reference
            self.remote(remote)  # raises, naming the remotes there are
        return remote, rest

    # -- writing -----------------------------------------------------------------

    def to_yaml(self) -> dict[str, Any]:
        """The document :meth:`save` writes: the CLI's layout, system-wide remotes left out."""
        remotes = {name: remote.to_yaml() for name, remote in sorted(self.remotes.items()) if not remote.is_global}
        doc: dict[str, Any] = {"default-remote": self._file_default, "remotes": remotes, "aliases": dict(self.aliases)}
        doc.update({k: v for k, v in self.extra.items() if k not in doc})
        return doc

    def save(self) -> None:
        """Write ``config.yml`` (atomically: a reader sees the old or the new file).

        Raises:
            IncusConfigError: If the file cannot be written.
        """
        text = _yaml().safe_dump(self.to_yaml(), default_flow_style=False, sort_keys=False)
        try:
            _ensure_dir(self.config_dir, 0o700)
            _write_atomic(self.path, text.encode(), 0o644)
        except OSError as exc:
            raise IncusConfigError(f"cannot write {self.path}: {exc.strerror or exc}", path=str(self.path)) from exc

    def set_default(self, name: str) -> None:
        """Make ``name`` the default remote (in memory; :meth:`save` writes it)."""
        self.remote(name)
        self.default_remote = self._file_default = name


def _file_name(name: str) -> str:
    # A remote name becomes a file name: it must stay one.
    if not name or "/" in name or name in (".", "..") or "\0" in name:
        raise ValueError(f"invalid remote name {name!r}")
    return name


def load_config(config_dir: str | os.PathLike[str] | None = None) -> CLIConfig:
    """Read the CLI's configuration as ``incus`` does.

    Args:
        config_dir: The configuration directory; by default
            :func:`default_config_dir` (``$INCUS_CONF`` or ``~/.config/incus``).

    Returns:
        The configuration: the user's remotes, the system-wide ones it does
        not override (``is_global``), and ``local`` always.

    Raises:
        IncusConfigError: If a file is not valid YAML or a key has the wrong
            type (the message names the file and the key).
    """
    directory = Path(config_dir) if config_dir is not None else default_config_dir()
    path = directory / "config.yml"
    if not path.exists():
        config = CLIConfig(directory, remotes={r.name: r for r in _DEFAULT_REMOTES})
    else:
        config = _config_from(_read_yaml(path), path, directory)
        global_path = global_config_dir() / "config.yml"
        if global_path.exists():
            glob = _config_from(_read_yaml(global_path), global_path, global_path.parent, is_global=True)
            for name, remote in glob.remotes.items():
                config.remotes.setdefault(name, remote)
        # The static remote is always there, with the project the user gave it.
        project = config.remotes[LOCAL_REMOTE].project if LOCAL_REMOTE in config.remotes else ""
        config.remotes[LOCAL_REMOTE] = replace(_DEFAULT_REMOTES[0], project=project)
    config._file_default = config.default_remote
    override = os.environ.get("INCUS_REMOTE")
    if override:
        config.default_remote = override
    return config


def _config_from(doc: Any, path: Path, directory: Path, *, is_global: bool = False) -> CLIConfig:
    if doc is None:
        doc = {}
    _expect(doc, dict, path, "(top level)", "a mapping")
    default = doc.get("default-remote")
    if default is not None:
        _expect(default, str, path, "default-remote", "a string")
    remotes_doc = doc.get("remotes")
    if remotes_doc is not None:
        _expect(remotes_doc, dict, path, "remotes", "a mapping of remote names")
    aliases = doc.get("aliases")
    if aliases is not None:
        _expect(aliases, dict, path, "aliases", "a mapping")
    remotes = {name: _parse_remote(name, data, path, is_global=is_global) for name, data in (remotes_doc or {}).items()}
    extra = {k: v for k, v in doc.items() if k not in ("default-remote", "remotes", "aliases")}
    return CLIConfig(
        directory,
        default_remote=default or LOCAL_REMOTE,
        remotes=remotes,
        aliases={str(k): str(v) for k, v in (aliases or {}).items()},
        extra=extra,
    )


# -- files -------------------------------------------------------------------------


def _ensure_dir(path: Path, mode: int) -> None:
    path.mkdir(mode=mode, parents=True, exist_ok=True)


def _write_atomic(path: Path, data: bytes, mode: int) -> None:
    """Write a file under a temporary name, then rename it into place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        _unlink(Path(tmp))
        raise


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def _check_key_file(key: Path) -> None:
    """Refuse a key the SDK cannot use without a prompt (OpenSSL would ask on the terminal)."""
    try:
        head = key.read_bytes()[:4096]
    except OSError as exc:
        raise IncusConfigError(f"cannot read the client key {key}: {exc.strerror or exc}", path=str(key)) from exc
    if b"ENCRYPTED" in head or b"OPENSSH PRIVATE KEY" in head:
        raise IncusConfigError(
            f"the client key {key} is password-protected or in OpenSSH format; the SDK needs a plain PEM key",
            path=str(key),
        )


def client_certificate(config: CLIConfig, name: str | None = None) -> tuple[str, str]:
    """The client certificate and key files for remote ``name``, checked to exist.

    Raises:
        IncusConfigError: If the certificate or its key is missing, or the key
            is password-protected.
    """
    crt, key = config.client_cert_paths(name)
    if not crt.exists() and not key.exists():
        raise IncusConfigError(
            f"no client certificate in {config.config_dir} ({crt.name}, {key.name}): add the remote with a "
            "trust token (incus remote add / incus_sdk.remotes.add_remote) or generate one",
            path=str(crt),
        )
    for present, missing in ((crt, key), (key, crt)):
        if not missing.exists():
            raise IncusConfigError(f"{missing} is missing (beside {present.name})", path=str(missing))
    _check_key_file(key)
    return str(crt), str(key)


def generate_client_certificate(config_dir: str | os.PathLike[str] | None = None) -> tuple[Path, Path]:
    """Create ``client.crt`` and ``client.key`` as ``incus remote generate-certificate`` does.

    An ECDSA P-384 key and a self-signed certificate for client
    authentication, valid ten years, named ``user@host``; both files mode
    0600. Nothing is done if both exist.

    Args:
        config_dir: The configuration directory (default: :func:`default_config_dir`).

    Returns:
        The paths of the certificate and the key.

    Raises:
        IncusConfigError: If only one of the two files exists.
        ImportError: If the ``cryptography`` package is not installed
            (``pip install 'incus_sdk[certs]'``).
    """
    config = CLIConfig(Path(config_dir) if config_dir is not None else default_config_dir())
    crt, key = config.client_cert_paths()
    if crt.exists() and key.exists():
        return crt, key
    for present, missing in ((crt, key), (key, crt)):
        if present.exists():
            raise IncusConfigError(
                f"{present} exists but {missing.name} is missing: restore it or remove {present.name}",
                path=str(missing),
            )
    cert_pem, key_pem = _new_client_certificate()
    _ensure_dir(config.config_dir, 0o700)
    # The key first: a certificate never exists without its key.
    _write_atomic(key, key_pem, 0o600)
    try:
        _write_atomic(crt, cert_pem, 0o600)
    except BaseException:
        _unlink(key)
        raise
    return crt, key


def _new_client_certificate() -> tuple[bytes, bytes]:
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    except ImportError as exc:
        raise ImportError(
            "generating a client certificate needs the 'cryptography' package: "
            "pip install 'incus_sdk[certs]' (or run `incus remote generate-certificate`)"
        ) from exc
    private_key = ec.generate_private_key(ec.SECP384R1())
    try:
        user = pwd.getpwuid(os.getuid()).pw_name or "UNKNOWN"
    except KeyError:
        user = "UNKNOWN"
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Linux Containers"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{user}@{socket.gethostname() or 'UNKNOWN'}"),
        ]
    )
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_encipherment=True,
                content_commitment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(private_key, hashes.SHA384())
    )
    key_pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    )
    return certificate.public_bytes(serialization.Encoding.PEM), key_pem


# -- how to reach a remote ---------------------------------------------------------


def _server_trust(config: CLIConfig, name: str) -> tuple[str | None, bool | str]:
    """``(pinned certificate PEM, verify)`` for a remote, as the CLI trusts its server."""
    pinned = config.server_cert_path(name)
    if pinned.exists():
        try:
            return pinned.read_text(), True
        except OSError as exc:
            raise IncusConfigError(f"cannot read {pinned}: {exc.strerror or exc}", path=str(pinned)) from exc
    ca = config.config_dir / "client.ca"
    return None, (str(ca) if ca.exists() else True)


@dataclass(frozen=True)
class Connection:
    """How to reach a remote's server: what :class:`~incus_sdk.Client` is built from.

    Attributes:
        endpoint: ``unix://`` (the local socket, found as the client finds
            it), ``unix:///path`` or ``https://host:port``.
        cert: The client certificate and key files (None: a unix socket or
            a public server).
        verify: How the server's certificate is verified when none is
            pinned: ``True`` (the system CAs) or the path of ``client.ca``.
        server_cert: The pinned server certificate (PEM), if any.
        project: The project to use (None: the server's default).
    """

    endpoint: str
    cert: tuple[str, str] | None = None
    verify: bool | str = True
    server_cert: str | None = None
    project: str | None = None


def connection(
    config: CLIConfig, name: str | None = None, *, project: str | None = None, public: bool = False
) -> Connection:
    """How the CLI reaches a remote's Incus server: endpoint, certificates and project.

    ``local`` (any ``unix:`` remote) is the unix socket; an HTTPS remote
    uses the client certificate and key (``clientcerts/NAME.*``, else
    ``client.crt`` / ``client.key``) and the pinned ``servercerts/NAME.crt``
    (else the system CAs, or ``client.ca``); the remote's project is used
    unless ``project`` is given.

    Args:
        config: The configuration (:func:`load_config`).
        name: The remote (default: the default remote).
        project: The project to use instead of the remote's.
        public: Accept a public Incus server, reached without a client
            certificate (as ``incus image copy`` does); by default it is
            refused, as every image server is.

    Returns:
        The connection parameters (nothing is sent).

    Raises:
        IncusConfigError: If the remote does not exist, is an image server
            (simplestreams, OCI, or a public Incus server unless ``public``),
            authenticates otherwise than by TLS, or its client certificate
            or key is missing or unusable.
    """
    remote = config.remote(name)
    if remote.is_image_server and not (public and remote.protocol == "incus"):
        raise IncusConfigError(
            f"the remote {remote.name!r} is an image server ({remote.protocol}"
            f"{', public' if remote.public else ''}): read it with incus_sdk.simplestreams.SimpleStreams."
            "from_remote() or launch from it with client.instances.launch()",
            path=str(config.path),
            key=f"remotes.{remote.name}",
        )
    if remote.is_unix:
        socket_path = remote.socket_path
        scope = project if project is not None else (remote.project or None)
        return Connection(f"unix://{socket_path}" if socket_path else "unix://", project=scope)
    server_cert, verify = _server_trust(config, remote.name)
    if remote.public:
        return Connection(remote.addresses[0], verify=verify, server_cert=server_cert, project=project)
    if remote.auth_type not in ("", "tls"):
        raise IncusConfigError(
            f"the remote {remote.name!r} authenticates with {remote.auth_type!r}; the SDK supports TLS "
            "client certificates only",
            path=str(config.path),
            key=f"remotes.{remote.name}.auth_type",
        )
    return Connection(
        remote.addresses[0],
        cert=client_certificate(config, remote.name),
        verify=verify,
        server_cert=server_cert,
        project=project if project is not None else (remote.project or None),
    )


# -- changing the configuration ----------------------------------------------------


def _check_new_name(config: CLIConfig, name: str) -> None:
    if not name or ":" in name:
        raise ValueError(f"invalid remote name {name!r}: it must be non-empty and may not contain ':'")
    _file_name(name)
    if name in config.remotes:
        raise IncusConfigError(
            f"the remote {name!r} exists already (as <{config.remotes[name].addr}>)",
            path=str(config.path),
            key=f"remotes.{name}",
        )


@contextmanager
def _rollback(paths: list[Path]) -> Iterator[None]:
    """Remove the files and directories listed (as they are created) if the block fails."""
    try:
        yield
    except BaseException:
        for path in reversed(paths):
            if path.is_dir():
                try:
                    path.rmdir()
                except OSError:
                    pass  # not empty: it holds what was there before
            else:
                _unlink(path)
        raise


def _new_dirs(path: Path) -> list[Path]:
    """The directories that creating ``path`` would create, outermost first."""
    missing: list[Path] = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    return missing[::-1]


def _save_remote(config: CLIConfig, remote: Remote, pinned: str | None, created: list[Path]) -> None:
    """Pin the server's certificate (if any), then save the remote; new files go to ``created``."""
    if pinned is not None:
        cert_path = config.server_cert_path(remote.name)
        _ensure_dir(cert_path.parent, 0o750)
        _write_atomic(cert_path, pinned.encode(), 0o644)
        created.append(cert_path)
    config.remotes[remote.name] = remote
    config.save()


def add_image_server(
    name: str,
    url: str,
    *,
    protocol: str = "simplestreams",
    server_cert: str | os.PathLike[str] | None = None,
    config_dir: str | os.PathLike[str] | None = None,
) -> Remote:
    """Add a public image server, as ``incus remote add NAME URL --protocol=simplestreams``.

    Nothing is sent to the server (as the CLI). The CLI accepts only
    ``https://`` URLs for simplestreams; so does this.

    Args:
        name: The remote's name.
        url: The server's URL, e.g. ``https://images.example.org``.
        protocol: ``simplestreams`` (or ``oci``).
        server_cert: A certificate to pin for it (PEM text or a file), for a
            server whose certificate the system CAs do not verify. It is
            written to ``servercerts/NAME.crt``, where the CLI reads it too.
        config_dir: The configuration directory (default: :func:`default_config_dir`).

    Returns:
        The saved remote.

    Raises:
        ValueError: For an invalid name, URL, protocol or certificate.
        IncusConfigError: If the remote exists or the files cannot be written.
    """
    config = load_config(config_dir)
    _check_new_name(config, name)
    if protocol not in ("simplestreams", "oci"):
        raise ValueError(f"invalid protocol {protocol!r} for an image server: simplestreams or oci")
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError(f"only https:// URLs are supported for image servers, not {url!r}")
    pem = _pem_text(server_cert) if server_cert is not None else None
    remote = Remote(name, url.rstrip("/"), protocol=protocol, public=True)
    created = _new_dirs(config.server_cert_path(name).parent)
    with _rollback(created):
        _save_remote(config, remote, pem, created)
    return remote


def _pem_text(value: str | os.PathLike[str]) -> str:
    text = str(value) if not isinstance(value, os.PathLike) else Path(value).read_text()
    if "-----BEGIN CERTIFICATE-----" not in text:
        path = Path(text)
        if len(text) < 4096 and "\n" not in text and path.is_file():
            text = path.read_text()
    try:
        ssl.PEM_cert_to_DER_cert(text.strip())
    except ValueError as exc:
        raise ValueError("server_cert is neither a PEM certificate nor the path of one") from exc
    return text.strip() + "\n"


def remove_remote(name: str, *, config_dir: str | os.PathLike[str] | None = None) -> None:
    """Remove a remote and its pinned certificate, as ``incus remote remove NAME``.

    Raises:
        IncusConfigError: If there is no such remote, or it is ``local``,
            system-wide, or the default remote.
    """
    config = load_config(config_dir)
    remote = config.remote(name)
    if remote.static or remote.is_global:
        raise IncusConfigError(
            f"the remote {name!r} is {'static' if remote.static else 'system-wide'} and cannot be removed",
            path=str(config.path),
            key=f"remotes.{name}",
        )
    if name == config._file_default:
        raise IncusConfigError(
            f"the remote {name!r} is the default remote: make another the default first",
            path=str(config.path),
            key="default-remote",
        )
    del config.remotes[name]
    config.save()
    _unlink(config.server_cert_path(name))


def set_default_remote(name: str, *, config_dir: str | os.PathLike[str] | None = None) -> None:
    """Make a remote the default, as ``incus remote switch NAME``.

    Raises:
        IncusConfigError: If there is no such remote.
    """
    config = load_config(config_dir)
    config.set_default(name)
    config.save()
