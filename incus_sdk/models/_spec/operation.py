"""Models of the ``operation`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .._base import IncusModel, Timestamp


class Operation(IncusModel):
    """Operation represents a background operation"""

    class_: str = Field(default="", alias="class")
    """Type of operation (task, token or websocket) (example: websocket)"""

    created_at: Timestamp | None = None
    """Operation creation time (example: 2021-03-23T17:38:37.753398689-04:00)"""

    description: str = ""
    """Description of the operation (example: Executing command)"""

    err: str = ""
    """Operation error message (example: Some error message)"""

    id: str = ""
    """UUID of the operation (example: 6916c8a6-9b7d-4abd-90b3-aedfec7ec7da)"""

    location: str = ""
    """What cluster member this record was found on (example: server01)"""

    may_cancel: bool = False
    """Whether the operation can be canceled (example: False)"""

    metadata: dict[str, Any] = Field(default_factory=dict)
    """Operation specific metadata"""

    resources: dict[str, list[str]] = Field(default_factory=dict)
    """Affected resources"""

    status: str = ""
    """Status name (example: Running)"""

    status_code: int = 0

    updated_at: Timestamp | None = None
    """Operation last change (example: 2021-03-23T17:38:37.753398689-04:00)"""


__all__ = [
    "Operation",
]
