"""The event stream protocol, without I/O.

``GET /1.0/events`` upgrades to a websocket on which the daemon writes one
JSON text message per event (``type``, ``timestamp``, ``metadata``,
``location``, ``project``). Query parameters: ``type`` (comma separated),
``project`` or ``all-projects=true`` (not both: the server answers 400).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from ..models.event import Event


def events_params(
    types: Iterable[str] | str | None,
    *,
    project: str | None,
    all_projects: bool,
) -> tuple[list[str], dict[str, str | bool | None]]:
    """Build the query of an event subscription.

    Args:
        types: Event types (``lifecycle``, ``operation``, ``logging``...), a
            comma-separated string, or None for all.
        project: The project to watch; None: the client's own project.
        all_projects: Watch every project instead.

    Returns:
        The normalised types and the query parameters. ``project`` is an
        explicit None with ``all_projects`` so the client's own project is
        not added (the server refuses both).

    Raises:
        ValueError: For empty type names, or a project together with all_projects.
    """
    if isinstance(types, str):
        types = types.split(",")
    names = [t.strip() for t in (types or [])]
    if any(not t for t in names):
        raise ValueError("event type names must not be empty")
    if all_projects and project is not None:
        raise ValueError("give either project or all_projects, not both")
    params: dict[str, str | bool | None] = {}
    if names:
        params["type"] = ",".join(dict.fromkeys(names))
    if all_projects:
        params["all-projects"] = True
        params["project"] = None
    elif project is not None:
        params["project"] = project
    return list(dict.fromkeys(names)), params


def decode_event(data: str | bytes) -> Event | None:
    """Decode one websocket message into an :class:`Event`.

    Returns:
        The event, or None for a message that is not an event object
        (the stream goes on).
    """
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(raw, dict):
        return None
    if not isinstance(raw.get("metadata"), dict):
        raw["metadata"] = {} if raw.get("metadata") is None else {"value": raw["metadata"]}
    return Event.from_dict(raw)


@dataclass(frozen=True)
class Backoff:
    """Reconnection delays: ``initial`` seconds, doubling up to ``maximum``."""

    initial: float = 0.5
    maximum: float = 10.0

    def delay(self, attempt: int) -> float:
        """The delay before reconnection attempt ``attempt`` (0 is the first)."""
        if attempt <= 0:
            return 0.0 if self.initial <= 0 else float(self.initial)
        return float(min(self.maximum, self.initial * (2**attempt)))


__all__ = ["Backoff", "decode_event", "events_params"]
