"""The server family (being written; see the open issues)."""

from __future__ import annotations

from ._base import SubAPI


class ServerAPI(SubAPI):
    """API client for Incus server."""
