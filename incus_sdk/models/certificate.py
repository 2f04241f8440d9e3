"""Certificate models: ``CertificatePut`` (the writable fields),
``CertificatesPost`` (the create body), and the resource classes
``Certificate`` (a trusted certificate, bound to ``client.certificates``) and
``TrustToken`` (a certificate add token, as ``incus config trust add``
prints it), which live with their API in :mod:`incus_sdk.api.certificates`."""

from __future__ import annotations

from ..api.certificates import Certificate, TrustToken
from ._spec import CertificatePut, CertificatesPost

__all__ = ["Certificate", "CertificatePut", "CertificatesPost", "TrustToken"]
