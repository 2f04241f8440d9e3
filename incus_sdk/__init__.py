"""incus_sdk: an async Python SDK for Incus.

``from incus_sdk import Client``, then ``async with Client() as client:``.
"""

from ._core import Response
from ._paths import api_path
from .client import Client
from .exceptions import (
    IncusAPIError,
    IncusAuthenticationError,
    IncusBadRequestError,
    IncusConflictError,
    IncusConnectionError,
    IncusError,
    IncusExtensionMissingError,
    IncusNotFoundError,
    IncusOperationCancelledError,
    IncusOperationError,
    IncusPermissionError,
    IncusPreconditionFailedError,
    IncusTimeoutError,
)
from .models import (
    IncusModel,
    Model,
    OperationModel,
    Project,
    ProjectState,
    Resource,
    Resources,
    Server,
)
from .operations import Operation

__version__ = "0.1.0"

__all__ = [
    "Client",
    "IncusAPIError",
    "IncusAuthenticationError",
    "IncusBadRequestError",
    "IncusConflictError",
    "IncusConnectionError",
    "IncusError",
    "IncusExtensionMissingError",
    "IncusModel",
    "IncusNotFoundError",
    "IncusOperationCancelledError",
    "IncusOperationError",
    "IncusPermissionError",
    "IncusPreconditionFailedError",
    "IncusTimeoutError",
    "Model",
    "Operation",
    "OperationModel",
    "Project",
    "ProjectState",
    "Resource",
    "Resources",
    "Response",
    "Server",
    "api_path",
]
