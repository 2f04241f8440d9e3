"""The images family (being written; see the open issues)."""

from __future__ import annotations

from ._base import SubAPI


class ImagesAPI(SubAPI):
    """API client for Incus images."""
