"""The profiles family (being written; see the open issues)."""

from __future__ import annotations

from ._base import SubAPI


class ProfilesAPI(SubAPI):
    """API client for Incus profiles."""
