"""Event models: the envelope of ``/1.0/events`` messages and its typed payloads.

``Event`` is the spec's ``Event`` (type, timestamp, location, project,
metadata); :attr:`Event.lifecycle`, :attr:`Event.logging` and
:attr:`Event.operation` decode the metadata for each event type.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from . import _spec
from ._base import IncusModel
from .operation import OperationModel

#: The event types Incus 6.0 knows (``network-acl`` carries logging records).
EVENT_TYPES = ("lifecycle", "logging", "operation", "network-acl")


class EventLifecycleRequestor(IncusModel):
    """Who caused a lifecycle event.

    Attributes:
        username: The user (or certificate fingerprint).
        protocol: How they authenticated (``unix``, ``tls``, ``oidc``...).
        address: Where the request came from (``@`` for the local socket).
    """

    username: str = ""
    protocol: str = ""
    address: str = ""


class EventLifecycle(IncusModel):
    """The metadata of a ``lifecycle`` event: something was created, started, deleted...

    Attributes:
        action: What happened, e.g. ``instance-started``, ``instance-file-pushed``.
        source: The URL of the object it happened to.
        context: Action-specific details (e.g. ``{"path": "/etc/hosts"}``).
        requestor: Who asked for it, when known.
        name: The object's name (newer servers).
        project: The object's project (newer servers).
    """

    action: str = ""
    source: str = ""
    context: dict[str, Any] = Field(default_factory=dict)
    requestor: EventLifecycleRequestor | None = None
    name: str = ""
    project: str = ""


class EventLogging(IncusModel):
    """The metadata of a ``logging`` event: one record of the daemon's log.

    Attributes:
        message: The log message.
        level: ``debug``, ``info``, ``warning``, ``error``...
        context: Structured fields of the record.
    """

    message: str = ""
    level: str = ""
    context: dict[str, Any] = Field(default_factory=dict)


class Event(_spec.Event):
    """One message of the event stream.

    Attributes:
        type: ``lifecycle``, ``operation``, ``logging`` (or ``network-acl``).
        timestamp: When the daemon sent it.
        location: The cluster member it came from (``none`` outside clusters).
        project: The project it belongs to.
        metadata: The raw payload; see the typed accessors.
    """

    @property
    def lifecycle(self) -> EventLifecycle | None:
        """The payload of a ``lifecycle`` event, typed (else None)."""
        return EventLifecycle.from_dict(self.metadata) if self.type == "lifecycle" else None

    @property
    def logging(self) -> EventLogging | None:
        """The payload of a ``logging`` / ``network-acl`` event, typed (else None)."""
        return EventLogging.from_dict(self.metadata) if self.type in ("logging", "network-acl") else None

    @property
    def operation(self) -> OperationModel | None:
        """The operation an ``operation`` event reports on, typed (else None)."""
        return OperationModel.from_dict(self.metadata) if self.type == "operation" else None

    @property
    def action(self) -> str:
        """The lifecycle action (``instance-started``...), or ``""`` for other types."""
        return str(self.metadata.get("action", "")) if self.type == "lifecycle" else ""

    def __repr__(self) -> str:
        detail = self.action or self.metadata.get("description") or self.metadata.get("message") or ""
        return f"<Event {self.type} {detail!r} project={self.project!r}>"


__all__ = [
    "EVENT_TYPES",
    "Event",
    "EventLifecycle",
    "EventLifecycleRequestor",
    "EventLogging",
]
