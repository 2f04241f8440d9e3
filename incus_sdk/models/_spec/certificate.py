"""Models of the ``certificate`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from pydantic import Field

from .._base import IncusModel, Timestamp


class Certificate(IncusModel):
    """Certificate represents a certificate"""

    certificate: str = ""
    """The certificate itself, as PEM encoded X509 (or as base64 encoded X509 on
    POST) (example: X509 PEM certificate)
    """

    description: str = ""
    """Certificate description (example: X509 certificate)"""

    fingerprint: str = ""
    """SHA256 fingerprint of the certificate (example:
    fd200419b271f1dc2a5591b693cc5774b7f234e1ff8c6b78ad703b6888fe2b69)
    """

    name: str = ""
    """Name associated with the certificate (example: castiana)"""

    projects: list[str] = Field(default_factory=list)
    """List of allowed projects (applies when restricted)"""

    restricted: bool = False
    """Whether to limit the certificate to listed projects (example: True)"""

    type: str = ""
    """Usage type for the certificate (example: client)"""


class CertificateAddToken(IncusModel):
    """CertificateAddToken represents the fields contained within an encoded
    certificate add token.
    """

    addresses: list[str] = Field(default_factory=list)
    """The addresses of the server"""

    client_name: str = ""
    """The name of the new client (example: user@host)"""

    expires_at: Timestamp | None = None
    """The token's expiry date. (example: 2021-03-23T17:38:37.753398689-04:00)"""

    fingerprint: str = ""
    """The fingerprint of the network certificate (example:
    57bb0ff4340b5bb28517e062023101adf788c37846dc8b619eb2c3cb4ef29436)
    """

    secret: str = ""
    """The random join secret (example:
    2b2284d44db32675923fe0d2020477e0e9be11801ff70c435e032b97028c35cd)
    """


class CertificatePut(IncusModel):
    """CertificatePut represents the modifiable fields of a certificate"""

    certificate: str = ""
    """The certificate itself, as PEM encoded X509 (or as base64 encoded X509 on
    POST) (example: X509 PEM certificate)
    """

    description: str = ""
    """Certificate description (example: X509 certificate)"""

    name: str = ""
    """Name associated with the certificate (example: castiana)"""

    projects: list[str] = Field(default_factory=list)
    """List of allowed projects (applies when restricted)"""

    restricted: bool = False
    """Whether to limit the certificate to listed projects (example: True)"""

    type: str = ""
    """Usage type for the certificate (example: client)"""


class CertificatesPost(IncusModel):
    """CertificatesPost represents the fields of a new certificate"""

    certificate: str = ""
    """The certificate itself, as PEM encoded X509 (or as base64 encoded X509 on
    POST) (example: X509 PEM certificate)
    """

    description: str = ""
    """Certificate description (example: X509 certificate)"""

    name: str = ""
    """Name associated with the certificate (example: castiana)"""

    projects: list[str] = Field(default_factory=list)
    """List of allowed projects (applies when restricted)"""

    restricted: bool = False
    """Whether to limit the certificate to listed projects (example: True)"""

    token: bool = False
    """Whether to create a certificate add token (example: True)"""

    trust_token: str = ""
    """Trust token (used to add an untrusted client) (example: blah)"""

    type: str = ""
    """Usage type for the certificate (example: client)"""


__all__ = [
    "Certificate",
    "CertificateAddToken",
    "CertificatePut",
    "CertificatesPost",
]
