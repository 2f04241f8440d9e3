"""The Certificates API: the trust store (``/1.0/certificates``) and trust tokens.

``client.certificates`` is the trust store, keyed by fingerprint (Incus
also takes a unique prefix of one); ``client.certificates.tokens`` are the
trust tokens with which a new client adds its own certificate. Both are
server-wide: the same whatever project the client is scoped to.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import textwrap
import warnings
from functools import cached_property
from typing import TYPE_CHECKING, Any, List, Union

from pydantic import PrivateAttr

from .._core import Response, name_from_url
from .._paths import api_path
from ..exceptions import IncusAPIError, IncusNotFoundError
from ..models import _spec
from ..models._base import Resource
from ..operations import Operation
from ._base import SubAPI, child
from ._bodies import writable_body
from ._collection import Body, Family, FingerprintCollection, Member
from ._compat import deprecated_alias
from ._extensions import requires_extension
from .operations import OperationsAPI

if TYPE_CHECKING:
    pass

_PEM_BLOCK = re.compile(rb"-----BEGIN CERTIFICATE-----\s*(.*?)\s*-----END CERTIFICATE-----", re.S)

#: How Go writes a zero ``time.Time``: what a token without expiry carries.
_ZERO_TIME = "0001-01-01T00:00:00Z"

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


def certificate_to_pem(certificate: CertificateInput) -> str:
    """Turn a certificate into what ``PUT`` / ``PATCH /1.0/certificates/{fingerprint}`` expect: PEM.

    (Adding one, ``POST``, takes base64 DER instead: :func:`certificate_to_base64`.)

    Args:
        certificate: As for :func:`certificate_to_base64`.

    Returns:
        The PEM text of the certificate.

    Raises:
        ValueError: If it is not a certificate (nothing is sent).
    """
    body = "\n".join(textwrap.wrap(certificate_to_base64(certificate), 64))
    return f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n"


def _put_body(data: Body, method: str) -> dict[str, Any]:
    # The server reads a replacement certificate as PEM (base64 DER, which
    # POST takes, is refused: "Invalid PEM encoded certificate").
    body = writable_body(_spec.CertificatePut, data, method)
    if body.get("certificate"):
        body["certificate"] = certificate_to_pem(body["certificate"])
    return body


class CertificateResponse(Response):
    """The reply to adding a certificate: the server's reply, a ``dict`` as the
    seed SDK returned, which also names the certificate added.

    Attributes:
        fingerprint: The full fingerprint of the certificate now trusted
            (from the reply's ``Location``), for :meth:`CertificatesAPI.get`
            and the other calls keyed by it.
    """

    fingerprint: str

    @classmethod
    def of(cls, response: Response) -> CertificateResponse:
        """The reply ``response`` with the fingerprint of what it added."""
        added = cls(response, response.http_status, response.headers)
        added.operation = response.operation
        added.fingerprint = name_from_url(response.headers.get("Location", ""))
        return added


class Certificate(Member, _spec.Certificate):
    """A trusted certificate (an entry of the trust store), bound to ``client.certificates``.

    ``update`` / ``patch`` / ``replace`` / ``delete`` act on it (see
    :class:`CertificatesAPI`); ``update`` also takes the seed SDK's keywords.

    Attributes:
        fingerprint: SHA-256 fingerprint (hex), the certificate's key.
        certificate: The certificate, PEM encoded.
        name: Name associated with the certificate.
        type: Usage type: ``client`` or ``metrics`` (``server`` for cluster members).
        restricted: Whether the certificate may only reach ``projects``.
        projects: The projects a restricted certificate may reach.
        description: Free-form description.
    """

    _family = "certificates"

    async def update(  # the seed's keywords, or the native mapping
        self,
        name: str | Body | None = None,
        type: str | None = None,
        restricted: bool | None = None,
        projects: List[str] | None = None,
        *,
        description: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Change the fields given, keeping the others (see :meth:`CertificatesAPI.update`).

        Takes the fields as the seed SDK's keywords
        (``cert.update(name="x", restricted=True)``) or, like every bound
        object, as one mapping (``cert.update({"name": "x"})``).

        Args:
            name: New name for the certificate, or a mapping of the fields to change.
            type: New usage type; Incus 6.0 refuses to change it
                (``IncusBadRequestError``), so it only confirms the current one.
            restricted: Whether the certificate should be restricted to ``projects``.
            projects: New list of projects the certificate has access to.
            description: New description.
            wait: Wait until the server has finished (default).

        Returns:
            The server's reply.
        """
        if name is None or isinstance(name, str):
            fields = {"name": name, "type": type, "restricted": restricted, "projects": projects}
            data: Body = {k: v for k, v in {**fields, "description": description}.items() if v is not None}
        else:
            data = name
        response = await self._resolve(CertificatesAPI).update(self.fingerprint, data, wait=wait)
        for key, value in writable_body(_spec.CertificatePut, data, "update").items():
            setattr(self, key, value)
        return response

    def __repr__(self) -> str:
        return f"<Certificate: {self.name or self.fingerprint}>"


class TrustToken(Resource, _spec.CertificateAddToken):
    """A certificate add token: lets one new client add its own certificate.

    ``str(token)`` is the encoded token as ``incus config trust add`` prints
    it (base64 of the JSON fields); hand it to the new client, which passes
    it to :meth:`CertificatesAPI.add_with_token` (or ``incus remote add
    NAME TOKEN``). The server keeps the token as a running operation until
    it is used, revoked (``await token.delete()``) or expires.

    Attributes:
        client_name: The name the new certificate will get.
        fingerprint: The server certificate's fingerprint, for the new
            client to pin.
        addresses: The addresses the server listens on.
        secret: The single-use secret.
        expires_at: When the token expires (None: never).
    """

    _family = "certificates.tokens"
    _operation: Operation | None = PrivateAttr(default=None)

    @property
    def operation_id(self) -> str:
        """The UUID of the server operation holding the token: its key in
        :class:`TrustTokensAPI` ("" for a token decoded from its text)."""
        return self._operation.id if self._operation is not None else ""

    @property
    def operation(self) -> Operation | None:
        """The handle of that operation, when the token came from the server.

        It runs while the token is pending. Incus 6.0 ends it as
        ``Cancelled`` both when the token is used and when it is revoked, so
        waiting on it (which then raises ``IncusOperationCancelledError``)
        tells that the token is no longer pending, not why: the trust store
        tells whether the new client was added.
        """
        return self._operation

    @classmethod
    def from_operation(cls, operation: Operation, *, api: object = None) -> TrustToken:
        """Build the token from the metadata of a certificate add token operation.

        Args:
            operation: The operation (``class`` token) the server created.
            api: The :class:`TrustTokensAPI` its :meth:`delete` acts through.

        Returns:
            The token.

        Raises:
            ValueError: If the operation does not hold a certificate add token.
        """
        meta = operation.metadata
        request = meta.get("request")
        if not isinstance(request, dict) or not isinstance(meta.get("secret"), str):
            raise ValueError(f"operation {operation.id} is not a certificate add token")
        expires = meta.get("expiresAt")
        fields = {
            "client_name": str(request.get("name") or ""),
            "fingerprint": str(meta.get("fingerprint") or ""),
            "addresses": [str(a) for a in meta.get("addresses") or []],
            "secret": meta["secret"],
            "expires_at": expires if expires and expires != _ZERO_TIME else None,
        }
        token = cls.bound(fields, api=api)
        token._operation = operation
        return token

    def encode(self) -> str:
        """Return the token as the server and the ``incus`` CLI expect it.

        Returns:
            Base64 of the JSON ``{"client_name", "fingerprint", "addresses",
            "secret", "expires_at"}``, as Go's ``CertificateAddToken.String()``.
        """
        fields = self.to_dict()
        body = {
            "client_name": fields["client_name"],
            "fingerprint": fields["fingerprint"],
            "addresses": fields["addresses"],
            "secret": fields["secret"],
            "expires_at": fields["expires_at"] or _ZERO_TIME,
        }
        return base64.b64encode(json.dumps(body, separators=(",", ":")).encode()).decode()

    @classmethod
    def decode(cls, encoded: str) -> TrustToken:
        """Parse an encoded token (as printed by ``incus config trust add``).

        Args:
            encoded: The base64 token text.

        Returns:
            The token's fields (not bound to a client).

        Raises:
            ValueError: If the text is not a certificate add token.
        """
        try:
            data = json.loads(base64.b64decode(encoded.strip(), validate=True))
        except (binascii.Error, ValueError) as exc:
            raise ValueError(f"not a certificate add token: {exc}") from exc
        if not isinstance(data, dict) or not data.get("secret") or not data.get("client_name"):
            raise ValueError("not a certificate add token: no client name or secret in it")
        if data.get("expires_at") == _ZERO_TIME:
            data["expires_at"] = None
        return cls.from_dict(data)

    async def delete(self) -> Response:
        """Revoke the token (see :meth:`TrustTokensAPI.delete`).

        Returns:
            The server's reply.
        """
        return await self._resolve(TrustTokensAPI).delete(self)

    def __str__(self) -> str:
        return self.encode()

    def __repr__(self) -> str:
        # Never the secret: a repr ends up in logs.
        return f"<TrustToken: {self.client_name} {self.operation_id}>"


#: What names a pending token: the token, its encoded text, or its operation's UUID.
TokenRef = str | TrustToken


class TrustTokensAPI(SubAPI):
    """Trust tokens (``client.certificates.tokens``): certificate add tokens not used yet.

    Incus keeps each token as a running operation (class ``token``) until
    it is used, revoked or expires (server key ``core.remote_token_expiry``),
    so a token's key is its operation's UUID (:attr:`TrustToken.operation_id`);
    ``get`` / ``exists`` / ``delete`` also take the token itself or its
    encoded text. The verbs mean what they mean in every family; there is
    nothing to update. Several pending tokens may carry the same name.
    """

    @cached_property
    def _operations(self) -> OperationsAPI:
        # Tokens are server-wide: their operations are read outside the client's project.
        return OperationsAPI(self._core.scoped(project=None))

    @cached_property
    def _certificates(self) -> CertificatesAPI:
        return CertificatesAPI(self._core)

    @requires_extension("certificate_token")
    async def create(
        self,
        name: str,
        *,
        type: str = "client",
        restricted: bool = False,
        projects: List[str] | None = None,
        description: str | None = None,
    ) -> TrustToken:
        """Issue a trust token with which one new client can add its certificate.

        Unlike other ``create`` calls this returns the token, not the
        server's reply: the server answers with the token's operation, which
        runs for as long as the token is pending, so there is nothing to
        wait for here (see :attr:`TrustToken.operation`). The server must
        listen on the network (``core.https_address``).

        Args:
            name: The name the new certificate will get.
            type: Its usage type (``client`` or ``metrics``).
            restricted: Whether it may reach only ``projects``.
            projects: The projects it may reach when restricted.
            description: Its description.

        Returns:
            The token: ``str(token)`` is the encoded token to hand over.

        Raises:
            IncusBadRequestError: If the server does not listen on the network.
        """
        fields = {"type": type, "restricted": restricted, "projects": projects, "description": description}
        response = await self._certificates._create(
            (), None, {"name": name, "token": True}, fields, wait=False, params={"project": None}
        )
        if response.operation is None:
            raise IncusAPIError("the server issued no token operation", response.http_status, dict(response))
        return TrustToken.from_operation(response.operation, api=self)

    @requires_extension("certificate_token")
    async def list(self) -> List[TrustToken]:
        """List the trust tokens not used, revoked or expired yet.

        Returns:
            The pending tokens (as ``incus config trust list-tokens``).
        """
        tokens = []
        for op in await self._operations.list():
            if op.model.class_ != "token" or op.status != "Running":
                continue
            try:
                tokens.append(TrustToken.from_operation(op, api=self))
            except ValueError:
                continue  # a cluster join token, not a certificate add token
        return tokens

    async def names(self) -> List[str]:
        """Return the keys (operation UUIDs) of the pending tokens."""
        return [token.operation_id for token in await self.list()]

    async def get(self, token: TokenRef) -> TrustToken:
        """Get a pending token.

        Args:
            token: Its operation's UUID, its encoded text, or the token.

        Returns:
            The token, bound to this API.

        Raises:
            IncusNotFoundError: If no pending token matches.
        """
        if isinstance(token, str):
            try:
                secret, key = TrustToken.decode(token).secret, ""
            except ValueError:
                secret, key = "", token  # not an encoded token: take it as an operation UUID
        else:
            secret, key = token.secret, token.operation_id
        for pending in await self.list():
            if pending.operation_id == key or pending.secret == secret:
                return pending
        raise IncusNotFoundError("no pending trust token matches", method="GET", url=api_path("operations"))

    async def exists(self, token: TokenRef) -> bool:
        """Return whether the token is still pending (not used, revoked or expired).

        Args:
            token: Its operation's UUID, its encoded text, or the token.
        """
        try:
            await self.get(token)
        except IncusNotFoundError:
            return False
        return True

    async def delete(self, token: TokenRef) -> Response:
        """Revoke a pending token (delete the operation holding it), as
        ``incus config trust revoke-token``.

        Args:
            token: Its operation's UUID, its encoded text, or the token.

        Returns:
            The server's reply (it answers at once).

        Raises:
            IncusNotFoundError: If no pending token matches.
        """
        pending = await self.get(token)
        return await self._operations.delete(pending.operation_id)


class CertificatesAPI(FingerprintCollection[Certificate]):
    """API client for the trust store (``/1.0/certificates``), keyed by fingerprint.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``update`` / ``patch`` /
    ``replace`` / ``delete`` mean what they mean in every family (see the
    Conventions page). ``create`` keeps the seed SDK's signature and its reply
    names the fingerprint added. Certificates are renamed with ``update``.

    Every method that takes a ``fingerprint`` also takes a unique prefix of
    it (one that matches no trusted certificate raises
    :class:`~incus_sdk.IncusNotFoundError`); every write takes ``wait`` (wait
    until the server has finished, the default; it answers at once) and
    returns the server's reply; ``etag``, where taken, is sent as
    ``If-Match`` (a write to a certificate changed since it was read raises
    :class:`~incus_sdk.IncusPreconditionFailedError`).

    Attributes:
        tokens: The pending trust tokens (a :class:`TrustTokensAPI`).
    """

    family = Family(("certificates",), post=_spec.CertificatesPost, put=_spec.CertificatePut)

    tokens = child(TrustTokensAPI)
    """Trust tokens: certificate add tokens not used yet."""

    async def list(
        self, recursion: int = 1, *, filter: str | None = None, all_projects: bool = False
    ) -> List[Certificate]:
        """List the trusted certificates.

        Args:
            recursion: ``1`` (default) for full certificates; ``0`` for
                certificates carrying just their ``fingerprint``.
            filter: A server-side filter, e.g. ``"type eq metrics"``.
            all_projects: Accepted for symmetry with other collections; the
                trust store is server-wide.

        Returns:
            List[Certificate]: The certificates.
        """
        return await self._list((), recursion, {"filter": filter})

    async def get(self, fingerprint: str) -> Certificate:
        """Get a certificate by fingerprint.

        Returns:
            Certificate: The certificate, with ``etag`` set for a safe replace.
        """
        return await self._get((), fingerprint)

    async def exists(self, fingerprint: str) -> bool:
        """Return whether a certificate with that fingerprint (or prefix) is trusted."""
        return await self._exists((), fingerprint)

    async def create(  # type: ignore[override]  # the seed's signature
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
        wait: bool = True,
    ) -> CertificateResponse:
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
            wait: Wait until the server has finished (default; it answers at once).

        Returns:
            The server's reply (a ``dict``, as the seed returned);
            ``response.fingerprint`` is the full fingerprint of the
            certificate added.

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
        if description is not None:
            await self._core.require_extension("certificate_description", what="a certificate description")
        fields = {
            "certificate": None if certificate is None else certificate_to_base64(certificate),
            "name": name,
            "type": type,
            "restricted": restricted,
            "projects": projects,
            "description": description,
            "trust_token": None if trust_token is None else str(trust_token),
        }
        response = await self._create((), None, None, fields, wait=wait, params={"project": None})
        return CertificateResponse.of(response)

    async def add_with_token(
        self, token: str | TrustToken, *, certificate: CertificateInput | None = None, wait: bool = True
    ) -> CertificateResponse:
        """Have a not-yet-trusted client add its own certificate with a trust token.

        Use this on an HTTPS client whose certificate the server does not
        trust yet. The name, type, restriction and projects come from the
        token (the server ignores any given here); the token is single use.

        Args:
            token: The encoded token (``str(trust_token)``, or what
                ``incus config trust add`` printed).
            certificate: The certificate to add; by default the client's own
                TLS certificate.
            wait: Wait until the server has finished (default).

        Returns:
            The server's reply; ``response.fingerprint`` names the certificate added.

        Raises:
            ValueError: If ``token`` is not a certificate add token.
            IncusPermissionError: If the token is unknown, used or expired.
        """
        encoded = str(token)
        TrustToken.decode(encoded)  # refuse garbage before sending it
        return await self.create(certificate, trust_token=encoded, wait=wait)

    @requires_extension("certificate_update")
    async def update(self, fingerprint: str, data: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Change the fields given, keeping every other (read, merge, ``PUT`` with ``If-Match``).

        With ``etag``, the change applies only if the certificate still has
        it (from :meth:`get`), with no retry.

        Args:
            data: The fields to change: ``name``, ``type``, ``restricted``,
                ``projects``, ``description``, or ``certificate`` to swap the
                certificate itself (any form :func:`certificate_to_base64`
                takes). Incus 6.0 refuses a changed ``type``.

        Raises:
            ValueError: If ``data`` has fields a certificate does not have.
        """
        return await self._update((), fingerprint, _put_body(data, "update"), etag=etag, wait=wait)

    @requires_extension("certificate_update")
    async def patch(self, fingerprint: str, data: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Send the server's own ``PATCH`` (Incus 6.0 keeps the fields not given).

        Args:
            data: The fields to send (as for :meth:`update`).
        """
        return await self._patch((), fingerprint, _put_body(data, "patch"), etag=etag, wait=wait)

    @requires_extension("certificate_update")
    async def replace(self, fingerprint: str, data: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Replace a certificate's writable fields (``PUT``).

        Fields left out are reset (``restricted`` to false, ``projects`` and
        ``description`` emptied); the certificate itself stays unless given.

        Args:
            data: The new fields (as for :meth:`update`). ``name`` and
                ``type`` should be given: the server rejects an empty type.
        """
        return await self._replace((), fingerprint, _put_body(data, "replace"), etag=etag, wait=wait)

    async def delete(self, fingerprint: str, *, wait: bool = True) -> Response:
        """Remove a certificate from the trust store."""
        return await self._delete((), fingerprint, wait=wait)

    # -- deprecated aliases (incus_sdk 0.1.0) -----------------------------------

    fingerprints = deprecated_alias("certificates", FingerprintCollection.names)
    create_token = deprecated_alias("certificates.tokens", TrustTokensAPI.create)
    list_tokens = deprecated_alias("certificates.tokens", TrustTokensAPI.list)
    revoke_token = deprecated_alias("certificates.tokens", TrustTokensAPI.delete)


__all__ = [
    "Certificate",
    "CertificateInput",
    "CertificateResponse",
    "CertificatesAPI",
    "TrustToken",
    "TrustTokensAPI",
    "certificate_to_base64",
    "certificate_to_pem",
]
