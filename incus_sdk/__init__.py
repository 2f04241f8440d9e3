"""incus_sdk: an async Python SDK for Incus.

``from incus_sdk import Client``, then ``async with Client() as client:``.

Every public name is imported when first used (PEP 562): ``import incus_sdk``
costs almost nothing, and a program pays only for the parts it touches.
"""

from typing import TYPE_CHECKING

from ._lazy import lazy_names

__version__ = "0.1.0"

if TYPE_CHECKING:
    # What the table below serves, for type checkers: a module's whole ``__all__``
    # (``*``), or the names it re-exports (``X as X``).
    from ._core import Response as Response
    from ._paths import api_path as api_path
    from ._transfer import Progress as Progress
    from ._transfer import ProgressCallback as ProgressCallback
    from .client import Client as Client
    from .exceptions import IncusAPIError as IncusAPIError
    from .exceptions import IncusAuthenticationError as IncusAuthenticationError
    from .exceptions import IncusBadRequestError as IncusBadRequestError
    from .exceptions import IncusCertificateError as IncusCertificateError
    from .exceptions import IncusConfigError as IncusConfigError
    from .exceptions import IncusConflictError as IncusConflictError
    from .exceptions import IncusConnectionError as IncusConnectionError
    from .exceptions import IncusDirectoryNotEmptyError as IncusDirectoryNotEmptyError
    from .exceptions import IncusError as IncusError
    from .exceptions import IncusExtensionMissingError as IncusExtensionMissingError
    from .exceptions import IncusFileError as IncusFileError
    from .exceptions import IncusFileExistsError as IncusFileExistsError
    from .exceptions import IncusIsADirectoryError as IncusIsADirectoryError
    from .exceptions import IncusNotADirectoryError as IncusNotADirectoryError
    from .exceptions import IncusNotFoundError as IncusNotFoundError
    from .exceptions import IncusOperationCancelledError as IncusOperationCancelledError
    from .exceptions import IncusOperationError as IncusOperationError
    from .exceptions import IncusPermissionError as IncusPermissionError
    from .exceptions import IncusPreconditionFailedError as IncusPreconditionFailedError
    from .exceptions import IncusProtocolError as IncusProtocolError
    from .exceptions import IncusRedirectError as IncusRedirectError
    from .exceptions import IncusSymlinkLoopError as IncusSymlinkLoopError
    from .exceptions import IncusTimeoutError as IncusTimeoutError
    from .models import BulkResult as BulkResult
    from .models import Certificate as Certificate
    from .models import Cluster as Cluster
    from .models import ClusterGroup as ClusterGroup
    from .models import ClusterJoinToken as ClusterJoinToken
    from .models import ClusterMember as ClusterMember
    from .models import ClusterMemberState as ClusterMemberState
    from .models import Event as Event
    from .models import Image as Image
    from .models import ImageAlias as ImageAlias
    from .models import ImageProgress as ImageProgress
    from .models import IncusModel as IncusModel
    from .models import IncusWarning as IncusWarning
    from .models import Instance as Instance
    from .models import InstanceFull as InstanceFull
    from .models import InstanceState as InstanceState
    from .models import Metrics as Metrics
    from .models import MetricSample as MetricSample
    from .models import Model as Model
    from .models import Network as Network
    from .models import NetworkACL as NetworkACL
    from .models import NetworkForward as NetworkForward
    from .models import NetworkLoadBalancer as NetworkLoadBalancer
    from .models import NetworkPeer as NetworkPeer
    from .models import NetworkState as NetworkState
    from .models import NetworkZone as NetworkZone
    from .models import NetworkZoneRecord as NetworkZoneRecord
    from .models import OperationModel as OperationModel
    from .models import Profile as Profile
    from .models import Project as Project
    from .models import ProjectState as ProjectState
    from .models import Resource as Resource
    from .models import Resources as Resources
    from .models import Server as Server
    from .models import ServerInfo as ServerInfo
    from .models import StorageBucket as StorageBucket
    from .models import StoragePool as StoragePool
    from .models import StorageVolume as StorageVolume
    from .models import TrustToken as TrustToken
    from .models import UsedByRef as UsedByRef
    from .operations import MigrationOperation as MigrationOperation
    from .operations import Operation as Operation
    from .retry import *
    from .streams import *

#: Each public name -> the module it lives in.
_EXPORTS = {
    "Response": "._core",
    "api_path": "._paths",
    "Progress": "._transfer",
    "ProgressCallback": "._transfer",
    "Retry": ".retry",
    "Client": ".client",
    "IncusAPIError": ".exceptions",
    "IncusAuthenticationError": ".exceptions",
    "IncusBadRequestError": ".exceptions",
    "IncusCertificateError": ".exceptions",
    "IncusConfigError": ".exceptions",
    "IncusConflictError": ".exceptions",
    "IncusConnectionError": ".exceptions",
    "IncusDirectoryNotEmptyError": ".exceptions",
    "IncusError": ".exceptions",
    "IncusExtensionMissingError": ".exceptions",
    "IncusFileError": ".exceptions",
    "IncusFileExistsError": ".exceptions",
    "IncusIsADirectoryError": ".exceptions",
    "IncusNotADirectoryError": ".exceptions",
    "IncusNotFoundError": ".exceptions",
    "IncusOperationCancelledError": ".exceptions",
    "IncusOperationError": ".exceptions",
    "IncusPermissionError": ".exceptions",
    "IncusPreconditionFailedError": ".exceptions",
    "IncusProtocolError": ".exceptions",
    "IncusRedirectError": ".exceptions",
    "IncusSymlinkLoopError": ".exceptions",
    "IncusTimeoutError": ".exceptions",
    "BulkResult": ".models",
    "Certificate": ".models",
    "Cluster": ".models",
    "ClusterGroup": ".models",
    "ClusterJoinToken": ".models",
    "ClusterMember": ".models",
    "ClusterMemberState": ".models",
    "Event": ".models",
    "Image": ".models",
    "ImageAlias": ".models",
    "ImageProgress": ".models",
    "IncusModel": ".models",
    "IncusWarning": ".models",
    "Instance": ".models",
    "InstanceFull": ".models",
    "InstanceState": ".models",
    "Metrics": ".models",
    "MetricSample": ".models",
    "Model": ".models",
    "Network": ".models",
    "NetworkACL": ".models",
    "NetworkForward": ".models",
    "NetworkLoadBalancer": ".models",
    "NetworkPeer": ".models",
    "NetworkState": ".models",
    "NetworkZone": ".models",
    "NetworkZoneRecord": ".models",
    "OperationModel": ".models",
    "Profile": ".models",
    "Project": ".models",
    "ProjectState": ".models",
    "Resource": ".models",
    "Resources": ".models",
    "Server": ".models",
    "ServerInfo": ".models",
    "StorageBucket": ".models",
    "StoragePool": ".models",
    "StorageVolume": ".models",
    "TrustToken": ".models",
    "UsedByRef": ".models",
    "MigrationOperation": ".operations",
    "Operation": ".operations",
    "ConsoleSession": ".streams",
    "EventStream": ".streams",
    "ExecError": ".streams",
    "ExecProcess": ".streams",
    "ExecResult": ".streams",
    "ExecTimeoutError": ".streams",
    "FileDownload": ".streams",
    "FileInfo": ".streams",
    "OutputStream": ".streams",
}

__getattr__, __dir__, __all__ = lazy_names(__name__, _EXPORTS)
