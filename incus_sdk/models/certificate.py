"""Certificate models: ``Certificate`` (a trusted certificate), ``CertificatePut``
(its writable fields), ``CertificatesPost`` (the create body) and
``TrustToken`` (a certificate add token, as ``incus config trust add`` prints)."""

from __future__ import annotations

import base64
import binascii
import json
from typing import TYPE_CHECKING, Any, List

from pydantic import PrivateAttr

from . import _spec
from ._base import Resource

if TYPE_CHECKING:
    from .._core import Response
    from ..operations import Operation

CertificatePut = _spec.CertificatePut
CertificatesPost = _spec.CertificatesPost

#: How Go writes a zero ``time.Time``: what a token without expiry carries.
_ZERO_TIME = "0001-01-01T00:00:00Z"


class Certificate(Resource, _spec.Certificate):
    """Model representing an Incus certificate (an entry of the trust store).

    Attributes:
        fingerprint: SHA-256 fingerprint (hex), the certificate's identifier.
        certificate: The certificate, PEM encoded.
        name: Name associated with the certificate.
        type: Usage type: ``client`` or ``metrics`` (``server`` for cluster members).
        restricted: Whether the certificate may only reach ``projects``.
        projects: The projects a restricted certificate may reach.
        description: Free-form description.
    """

    async def delete(self) -> Response:
        """Remove the certificate from the trust store.

        Returns:
            The server's response.
        """
        return await self._api("certificates").delete(self.fingerprint)  # type: ignore[no-any-return]

    async def update(
        self,
        name: str | None = None,
        type: str | None = None,
        restricted: bool | None = None,
        projects: List[str] | None = None,
        *,
        description: str | None = None,
    ) -> Response:
        """Update the certificate partially (only the arguments given change).

        Args:
            name: New name for the certificate.
            type: New usage type; Incus 6.0 refuses to change it
                (``IncusBadRequestError``), so it only confirms the current one.
            restricted: Whether the certificate should be restricted to ``projects``.
            projects: New list of projects the certificate has access to.
            description: New description.

        Returns:
            The server's response.
        """
        given = {"name": name, "type": type, "restricted": restricted, "projects": projects, "description": description}
        data = {key: value for key, value in given.items() if value is not None}
        response = await self._api("certificates").update(self.fingerprint, data)
        for key, value in data.items():
            setattr(self, key, value)
        return response  # type: ignore[no-any-return]

    async def replace(self, data: dict[str, Any] | None = None) -> Response:
        """Replace the writable fields, refusing if the certificate changed since read.

        Args:
            data: The new fields (``name``, ``type``, ``restricted``,
                ``projects``, ``description``); by default this object's own.

        Returns:
            The server's response.

        Raises:
            IncusPreconditionFailedError: If the certificate changed since it was read.
        """
        body = data if data is not None else self._writable()
        return await self._api("certificates").replace(self.fingerprint, body, etag=self.etag)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"<Certificate: {self.name or self.fingerprint}>"

    def _writable(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "restricted": self.restricted,
            "projects": list(self.projects),
            "description": self.description,
        }


class TrustToken(_spec.CertificateAddToken):
    """A certificate add token: lets one new client add its own certificate.

    ``str(token)`` is the encoded token as ``incus config trust add`` prints
    it (base64 of the JSON fields); hand it to the new client, which passes it
    to :meth:`~incus_sdk.api.certificates.CertificatesAPI.add_with_token`
    (or ``incus remote add NAME TOKEN``). The server keeps the token as a
    running operation until it is used, revoked or expires.

    Attributes:
        client_name: The name the new certificate will get.
        fingerprint: The server certificate's fingerprint, for the new
            client to pin.
        addresses: The addresses the server listens on.
        secret: The single-use secret.
        expires_at: When the token expires (None: never).
    """

    _operation_id: str = PrivateAttr(default="")
    _operation: Any = PrivateAttr(default=None)

    @property
    def operation_id(self) -> str:
        """The UUID of the server operation holding the token (revoke by deleting it)."""
        return self._operation_id

    @property
    def operation(self) -> Operation | None:
        """The handle of that operation, when the token came from the server."""
        return self._operation  # type: ignore[no-any-return]

    @classmethod
    def from_operation(cls, operation: Operation) -> TrustToken:
        """Build the token from the metadata of a certificate add token operation.

        Args:
            operation: The operation (``class`` token) the server created.

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
        token = cls(
            client_name=str(request.get("name") or ""),
            fingerprint=str(meta.get("fingerprint") or ""),
            addresses=[str(a) for a in meta.get("addresses") or []],
            secret=meta["secret"],
            expires_at=expires if expires and expires != _ZERO_TIME else None,
        )
        token._operation_id = operation.id
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
            The token's fields.

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

    def __str__(self) -> str:
        return self.encode()


__all__ = ["Certificate", "CertificatePut", "CertificatesPost", "TrustToken"]
