"""The Certificates API: the trust store (``/1.0/certificates``) and trust tokens."""

from __future__ import annotations

import base64
import binascii
import os
import re
import warnings
from typing import Any, List, Mapping, Union

from .._paths import api_path, check_fingerprint
from ..exceptions import IncusAPIError, IncusNotFoundError
from ..models.certificate import Certificate, CertificatePut, TrustToken
from ..operations import list_operations
from ._base import SubAPI
from ._bodies import writable_body
from ._extensions import requires_extension

#: The writable fields of a certificate, i.e. what ``update`` / ``replace`` take.
_PEM_BLOCK = re.compile(rb"-----BEGIN CERTIFICATE-----\s*(.*?)\s*-----END CERTIFICATE-----", re.S)

CertificateInput = Union[str, bytes, "os.PathLike[str]"]


def certificate_to_base64(certificate: CertificateInput) -> str:
    """Turn a certificate into what ``POST /1.0/certificates`` expects: base64 DER.

    The server decodes the ``certificate`` field as base64 and parses the
    bytes as DER, so PEM armor is stripped here.

    Args:
        certificate: PEM text, the path of a PEM (or DER) file, base64 DER
            text, or the raw PEM/DER bytes.

    Returns:
        The base64 (standard alphabet, no line breaks) of the DER bytes.

    Raises:
        ValueError: If it is none of these (nothing is sent).
    """
    if isinstance(certificate, os.PathLike):
        with open(certificate, "rb") as f:
            return certificate_to_base64(f.read())
    if isinstance(certificate, str):
        text = certificate.strip()
        if "-----BEGIN" in text:
            return certificate_to_base64(text.encode())
        if text and "\n" not in text and len(text) < 4096 and os.path.isfile(text):
            with open(text, "rb") as f:
                return certificate_to_base64(f.read())
        if text.endswith((".crt", ".pem", ".cer", ".der")):
            raise ValueError(f"no such certificate file: {text!r}")
        try:
            der = base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            der = b""
        return _checked_der(der, "certificate text is neither PEM, base64 DER, nor the path of a certificate file")
    raw = bytes(certificate)
    if b"-----BEGIN" in raw:
        match = _PEM_BLOCK.search(raw)
        if match is None:
            raise ValueError("PEM data holds no CERTIFICATE block")
        try:
            der = base64.b64decode(b"".join(match.group(1).split()), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError(f"PEM CERTIFICATE block is not valid base64: {exc}") from exc
        return _checked_der(der, "PEM CERTIFICATE block does not hold a DER certificate")
    return _checked_der(raw, "bytes are neither PEM nor a DER certificate")


def _checked_der(der: bytes, message: str) -> str:
    # A DER certificate is an ASN.1 SEQUENCE (0x30) of a few hundred bytes at
    # least; anything else is certainly not one. Full parsing is the server's.
    if len(der) < 64 or der[0] != 0x30:
        raise ValueError(message)
    return base64.b64encode(der).decode()


class CertificatesAPI(SubAPI):
    """API client for Incus certificates: the trust store and trust tokens.

    The trust store is server-wide: it is the same whatever project the
    client is scoped to.
    """

    async def list(self, recursion: int = 1, *, filter: str | None = None) -> List[Certificate]:
        """List the trusted certificates.

        Args:
            recursion: ``1`` (default) for full certificates; ``0`` for
                certificates carrying just their ``fingerprint``.
            filter: A server-side filter, e.g. ``"type eq metrics"``.

        Returns:
            List[Certificate]: The certificates.
        """
        params = {"filter": filter}
        path = api_path("certificates")
        return await self._core.get_models(
            Certificate, path, params=params, recursion=recursion, client=self.client, key="fingerprint"
        )

    async def fingerprints(self) -> List[str]:
        """Return the fingerprints of all trusted certificates (one cheap request)."""
        return await self._core.get_names(api_path("certificates"))

    async def get(self, fingerprint: str) -> Certificate:
        """Get a certificate by fingerprint.

        Args:
            fingerprint: Fingerprint of the certificate; the server also
                accepts a unique prefix of it.

        Returns:
            Certificate: The certificate, with ``etag`` set for a safe replace.

        Raises:
            IncusNotFoundError: If no trusted certificate has that fingerprint.
        """
        return await self._core.get_model(
            Certificate, api_path("certificates", check_fingerprint(fingerprint)), client=self.client
        )

    async def exists(self, fingerprint: str) -> bool:
        """Return whether a certificate with that fingerprint is trusted."""
        return await self._core.exists(api_path("certificates", check_fingerprint(fingerprint)))

    async def create(
        self,
        certificate: CertificateInput | None = None,
        name: str | None = None,
        type: str = "client",
        restricted: bool = False,
        projects: List[str] | None = None,
        password: str | None = None,
        *,
        description: str | None = None,
        trust_token: str | TrustToken | None = None,
    ) -> dict[str, Any]:
        """Add a certificate to the trust store.

        Args:
            certificate: The certificate: PEM text, a path to a PEM file,
                base64 DER, or PEM/DER bytes (sent as base64 DER, as the
                server expects). Over HTTPS with ``trust_token`` it may be
                left out: the server then trusts the client's own TLS
                certificate.
            name: Name of the certificate (the server derives one if omitted).
            type: Usage type: ``client`` (default) or ``metrics``.
            restricted: Whether the certificate may reach only ``projects``.
            projects: The projects a restricted certificate may reach.
            password: Kept for the seed's signature. Incus has no trust
                password; a value given here is sent as ``trust_token``
                (with a ``DeprecationWarning``).
            description: Description of the certificate.
            trust_token: A certificate add token, for a client that is not
                trusted yet (see :meth:`add_with_token`).

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            ValueError: If ``certificate`` is not a certificate (nothing is sent).
            IncusBadRequestError: If the server rejects it.
            IncusConflictError: If it is already trusted.
            IncusPermissionError: If an untrusted client's token is invalid.
        """
        if password is not None:
            warnings.warn(
                "Incus has no trust password; create(password=...) is sent as trust_token=",
                DeprecationWarning,
                stacklevel=2,
            )
            trust_token = trust_token if trust_token is not None else password
        body: dict[str, Any] = {"type": type, "restricted": restricted}
        if certificate is not None:
            body["certificate"] = certificate_to_base64(certificate)
        if name is not None:
            body["name"] = name
        if projects is not None:
            body["projects"] = list(projects)
        if description is not None:
            await self._core.require_extension("certificate_description", what="a certificate description")
            body["description"] = description
        if trust_token is not None:
            body["trust_token"] = str(trust_token)
        return await self._core.request("POST", api_path("certificates"), json=body, params={"project": None})

    async def add_with_token(
        self, token: str | TrustToken, *, certificate: CertificateInput | None = None
    ) -> dict[str, Any]:
        """Have a not-yet-trusted client add its own certificate with a trust token.

        Use this on an HTTPS client whose certificate the server does not
        trust yet. The name, type, restriction and projects come from the
        token (the server ignores any given here); the token is single use.

        Args:
            token: The encoded token (``str(trust_token)``, or what
                ``incus config trust add`` printed).
            certificate: The certificate to add; by default the client's own
                TLS certificate.

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            ValueError: If ``token`` is not a certificate add token.
            IncusPermissionError: If the token is unknown, used or expired.
        """
        encoded = str(token)
        TrustToken.decode(encoded)  # refuse garbage before sending it
        return await self.create(certificate, trust_token=encoded)

    @requires_extension("certificate_update")
    async def update(
        self, fingerprint: str, data: Mapping[str, Any] | CertificatePut, *, etag: str | None = None
    ) -> dict[str, Any]:
        """Update a certificate partially (``PATCH``): only the fields given change.

        Args:
            fingerprint: Fingerprint of the certificate.
            data: The fields to change: ``name``, ``type``, ``restricted``,
                ``projects``, ``description`` (or ``certificate`` to swap the
                certificate itself). Incus 6.0 refuses a changed ``type``.
            etag: If given, apply only if the certificate still has this ETag
                (from :meth:`get`).

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            ValueError: If ``data`` has fields a certificate does not have.
            IncusNotFoundError: If there is no such certificate.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        body = writable_body(CertificatePut, data, "update")
        if body.get("certificate"):
            body["certificate"] = certificate_to_base64(body["certificate"])
        return await self._core.request(
            "PATCH", api_path("certificates", check_fingerprint(fingerprint)), json=body, etag=etag
        )

    @requires_extension("certificate_update")
    async def replace(
        self, fingerprint: str, data: Mapping[str, Any] | CertificatePut, *, etag: str | None = None
    ) -> dict[str, Any]:
        """Replace a certificate's writable fields (``PUT``).

        Fields left out are reset (``restricted`` to false, ``projects`` and
        ``description`` emptied); the certificate itself stays unless given.

        Args:
            fingerprint: Fingerprint of the certificate.
            data: The new fields (as for :meth:`update`). ``name`` and
                ``type`` should be given: the server rejects an empty type.
            etag: Sent as ``If-Match``: the server refuses the write if the
                certificate changed since it was read.

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        body = writable_body(CertificatePut, data, "replace")
        if body.get("certificate"):
            body["certificate"] = certificate_to_base64(body["certificate"])
        return await self._core.request(
            "PUT", api_path("certificates", check_fingerprint(fingerprint)), json=body, etag=etag
        )

    async def delete(self, fingerprint: str) -> dict[str, Any]:
        """Remove a certificate from the trust store.

        Args:
            fingerprint: Fingerprint of the certificate.

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusNotFoundError: If there is no such certificate.
        """
        return await self._core.request("DELETE", api_path("certificates", check_fingerprint(fingerprint)))

    # -- trust tokens --------------------------------------------------------

    @requires_extension("certificate_token")
    async def create_token(
        self,
        name: str,
        *,
        type: str = "client",
        restricted: bool = False,
        projects: List[str] | None = None,
        description: str | None = None,
    ) -> TrustToken:
        """Issue a trust token with which one new client can add its certificate.

        The server keeps the token as a running operation (class ``token``)
        until it is used, revoked (:meth:`revoke_token`) or expires
        (server key ``core.remote_token_expiry``). The server must listen
        on the network (``core.https_address``).

        Args:
            name: The name the new certificate will get.
            type: Its usage type (``client`` or ``metrics``).
            restricted: Whether it may reach only ``projects``.
            projects: The projects it may reach when restricted.
            description: Its description.

        Returns:
            TrustToken: ``str(token)`` is the encoded token to hand over.

        Raises:
            IncusBadRequestError: If the server does not listen on the network.
        """
        body: dict[str, Any] = {"name": name, "type": type, "restricted": restricted, "token": True}
        if projects is not None:
            body["projects"] = list(projects)
        if description is not None:
            body["description"] = description
        response = await self._core.request("POST", api_path("certificates"), json=body, params={"project": None})
        if response.operation is None:
            raise IncusAPIError("the server issued no token operation", response.http_status, dict(response))
        return TrustToken.from_operation(response.operation)

    @requires_extension("certificate_token")
    async def list_tokens(self) -> List[TrustToken]:
        """List the trust tokens not used, revoked or expired yet.

        Returns:
            List[TrustToken]: The pending tokens (as ``incus config trust list-tokens``).
        """
        tokens = []
        for op in await list_operations(self._core, {"project": None}):
            if op.model.class_ != "token" or op.status != "Running":
                continue
            try:
                tokens.append(TrustToken.from_operation(op))
            except ValueError:
                continue  # a cluster join token, not a certificate add token
        return tokens

    @requires_extension("certificate_token")
    async def revoke_token(self, token: str | TrustToken) -> dict[str, Any]:
        """Revoke a pending trust token (delete the operation holding it).

        Args:
            token: The token, its encoded text, or its operation's UUID.

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusNotFoundError: If no pending token matches.
        """
        if isinstance(token, TrustToken) and token.operation_id:
            op_id = token.operation_id
        else:
            op_id = await self._token_operation_id(token)
        return await self._core.request("DELETE", api_path("operations", op_id), params={"project": None})

    async def _token_operation_id(self, token: str | TrustToken) -> str:
        text = token if isinstance(token, str) else token.encode()
        secret: str | None
        try:
            secret = TrustToken.decode(text).secret
        except ValueError:
            secret = None  # not an encoded token: take it as an operation UUID
        for pending in await self.list_tokens():
            if pending.secret == secret or pending.operation_id == text:
                return pending.operation_id
        raise IncusNotFoundError("no pending trust token matches", method="DELETE", url=api_path("operations"))
