"""The cluster family (being written; see the open issues)."""

from __future__ import annotations

from ._base import SubAPI


class ClusterAPI(SubAPI):
    """API client for Incus cluster."""
