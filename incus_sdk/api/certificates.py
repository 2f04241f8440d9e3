"""The certificates family (being written; see the open issues)."""

from __future__ import annotations

from ._base import SubAPI


class CertificatesAPI(SubAPI):
    """API client for Incus certificates."""
