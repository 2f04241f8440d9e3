"""The networks family (being written; see the open issues)."""

from __future__ import annotations

from ._base import SubAPI


class NetworksAPI(SubAPI):
    """API client for Incus networks."""
