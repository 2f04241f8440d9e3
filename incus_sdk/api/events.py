"""The events family (being written; see the open issues)."""

from __future__ import annotations

from ._base import SubAPI


class EventsAPI(SubAPI):
    """API client for Incus events."""

    def subscribe(self, *args: object, **kwargs: object) -> object:
        """Subscribe to events (not yet implemented)."""
        raise NotImplementedError("the event stream is not implemented yet")
