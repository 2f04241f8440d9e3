"""Models of the ``event`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .._base import IncusModel, Timestamp


class Event(IncusModel):
    """Event represents an event entry (over websocket)"""

    location: str = ""
    """Originating cluster member (example: server01)"""

    metadata: dict[str, Any] = Field(default_factory=dict)
    """JSON encoded metadata (see EventLogging, EventLifecycle or Operation)"""

    project: str = ""
    """Project the event belongs to. (example: default)"""

    timestamp: Timestamp | None = None
    """Time at which the event was sent (example:
    2021-02-24T19:00:45.452649098-05:00)
    """

    type: str = ""
    """Event type (one of operation, logging or lifecycle) (example: lifecycle)"""


__all__ = [
    "Event",
]
