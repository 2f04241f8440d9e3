"""Warning models: ``WarningPut`` (the writable status) and ``IncusWarning``
(spec ``Warning``, renamed so as not to shadow Python's builtin; bound to
``client.server.warnings``), which lives with its API in
:mod:`incus_sdk.api.server`."""

from __future__ import annotations

from ..api.server import IncusWarning
from ._spec import WarningPut

#: The statuses a warning can have; ``resolved`` is set by the server only.
WARNING_STATUSES = ("new", "acknowledged", "resolved")

__all__ = ["WARNING_STATUSES", "IncusWarning", "WarningPut"]
