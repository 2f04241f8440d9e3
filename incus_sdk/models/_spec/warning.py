"""Models of the ``warning`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from .._base import IncusModel, Timestamp


class Warning(IncusModel):
    """Warning represents a warning entry."""

    count: int = 0
    """The number of times this warning occurred (example: 1)"""

    entity_url: str = ""
    """The entity affected by this warning (example:
    /1.0/instances/c1?project=default)
    """

    first_seen_at: Timestamp | None = None
    """The first time this warning occurred (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    last_message: str = ""
    """The warning message (example: Couldn't find the CGroup blkio.weight, disk
    priority will be ignored)
    """

    last_seen_at: Timestamp | None = None
    """The last time this warning occurred (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    location: str = ""
    """What cluster member this warning occurred on (example: server01)"""

    project: str = ""
    """The project the warning occurred in (example: default)"""

    severity: str = ""
    """The severity of this warning (example: low)"""

    status: str = ""
    """Status of the warning (new, acknowledged, or resolved) (example: new)"""

    type: str = ""
    """Type type of warning (example: Couldn't find CGroup)"""

    uuid: str = ""
    """UUID of the warning (example: e9e9da0d-2538-4351-8047-46d4a8ae4dbb)"""


class WarningPut(IncusModel):
    """WarningPut represents the modifiable fields of a warning."""

    status: str = ""
    """Status of the warning (new, acknowledged, or resolved) (example: new)"""


__all__ = [
    "Warning",
    "WarningPut",
]
