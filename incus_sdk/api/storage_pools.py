"""The storage_pools family (being written; see the open issues)."""

from __future__ import annotations

from ._base import SubAPI


class StoragePoolsAPI(SubAPI):
    """API client for Incus storage_pools."""
