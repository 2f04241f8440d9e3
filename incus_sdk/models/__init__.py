"""Typed models following the Incus REST API spec, one module per family.

``incus_sdk.models._spec`` holds every definition of the spec, generated;
family modules re-export those and add the resource classes with
convenience methods (``Project.update()``, ``Instance.start()``...).

The resource classes live with their sub-API (``incus_sdk.api.<family>``),
which itself builds on ``incus_sdk.models._base`` and ``_spec``: importing
the families here would make importing any model module import every
sub-API first (and run in circles). So a name is imported from its family's
module when first asked for (PEP 562), from the table below
(``tests/protocol/test_lazy_exports.py`` checks it against each module's
``__all__``).
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:
    # What the table below serves, for type checkers: each module's whole ``__all__``.
    from ._base import *
    from .certificate import *
    from .cluster import *
    from .event import *
    from .image import *
    from .instance import *
    from .metrics import *
    from .network import *
    from .operation import *
    from .profile import *
    from .project import *
    from .server import *
    from .storage import *
    from .warning import *

#: Each name -> the family module it is read from.
_EXPORTS = {
    "IncusModel": "._base",
    "Model": "._base",
    "Resource": "._base",
    "ServerTime": "._base",
    "Timestamp": "._base",
    "Certificate": ".certificate",
    "CertificatePut": ".certificate",
    "CertificatesPost": ".certificate",
    "TrustToken": ".certificate",
    "Cluster": ".cluster",
    "ClusterCertificatePut": ".cluster",
    "ClusterGroup": ".cluster",
    "ClusterGroupPost": ".cluster",
    "ClusterGroupPut": ".cluster",
    "ClusterGroupsPost": ".cluster",
    "ClusterJoinToken": ".cluster",
    "ClusterMember": ".cluster",
    "ClusterMemberConfigKey": ".cluster",
    "ClusterMemberJoinToken": ".cluster",
    "ClusterMemberPost": ".cluster",
    "ClusterMemberPut": ".cluster",
    "ClusterMembersPost": ".cluster",
    "ClusterMemberState": ".cluster",
    "ClusterMemberStatePost": ".cluster",
    "ClusterMemberSysInfo": ".cluster",
    "ClusterPut": ".cluster",
    "Event": ".event",
    "EVENT_TYPES": ".event",
    "EventLifecycle": ".event",
    "EventLifecycleRequestor": ".event",
    "EventLogging": ".event",
    "Image": ".image",
    "ImageAlias": ".image",
    "ImageAliasesEntryPost": ".image",
    "ImageAliasesEntryPut": ".image",
    "ImageAliasesPost": ".image",
    "ImageExportPost": ".image",
    "ImageMetadata": ".image",
    "ImageProgress": ".image",
    "ImagePut": ".image",
    "ImageSource": ".image",
    "ImagesPost": ".image",
    "ImagesPostSource": ".image",
    "ProgressCallback": ".image",
    "BulkResult": ".instance",
    "ImageMetadataTemplate": ".instance",
    "Instance": ".instance",
    "InstanceBackup": ".instance",
    "InstanceBackupPost": ".instance",
    "InstanceBackupsPost": ".instance",
    "InstanceFull": ".instance",
    "InstanceMetadata": ".instance",
    "InstancePost": ".instance",
    "InstancePut": ".instance",
    "InstanceRebuildPost": ".instance",
    "InstanceSnapshot": ".instance",
    "InstanceSnapshotPost": ".instance",
    "InstanceSnapshotPut": ".instance",
    "InstanceSnapshotsPost": ".instance",
    "InstanceSource": ".instance",
    "InstancesPost": ".instance",
    "InstancesPut": ".instance",
    "InstanceState": ".instance",
    "InstanceStateCPU": ".instance",
    "InstanceStateDisk": ".instance",
    "InstanceStateMemory": ".instance",
    "InstanceStateNetwork": ".instance",
    "InstanceStateNetworkAddress": ".instance",
    "InstanceStateNetworkCounters": ".instance",
    "InstanceStateOSInfo": ".instance",
    "InstanceStatePut": ".instance",
    "MetricFamily": ".metrics",
    "Metrics": ".metrics",
    "MetricSample": ".metrics",
    "Network": ".network",
    "NetworkACL": ".network",
    "NetworkACLPost": ".network",
    "NetworkACLPut": ".network",
    "NetworkACLRule": ".network",
    "NetworkACLsPost": ".network",
    "NetworkAllocations": ".network",
    "NetworkForward": ".network",
    "NetworkForwardPort": ".network",
    "NetworkForwardPut": ".network",
    "NetworkForwardsPost": ".network",
    "NetworkIntegration": ".network",
    "NetworkIntegrationPost": ".network",
    "NetworkIntegrationPut": ".network",
    "NetworkIntegrationsPost": ".network",
    "NetworkLease": ".network",
    "NetworkLoadBalancer": ".network",
    "NetworkLoadBalancerBackend": ".network",
    "NetworkLoadBalancerPort": ".network",
    "NetworkLoadBalancerPut": ".network",
    "NetworkLoadBalancersPost": ".network",
    "NetworkLoadBalancerState": ".network",
    "NetworkPeer": ".network",
    "NetworkPeerPut": ".network",
    "NetworkPeersPost": ".network",
    "NetworkPost": ".network",
    "NetworkPut": ".network",
    "NetworkState": ".network",
    "NetworkStateAddress": ".network",
    "NetworkStateBond": ".network",
    "NetworkStateBridge": ".network",
    "NetworkStateCounters": ".network",
    "NetworkStateOVN": ".network",
    "NetworkStateVLAN": ".network",
    "NetworkZone": ".network",
    "NetworkZonePut": ".network",
    "NetworkZoneRecord": ".network",
    "NetworkZoneRecordEntry": ".network",
    "NetworkZoneRecordPut": ".network",
    "NetworkZoneRecordsPost": ".network",
    "NetworkZonesPost": ".network",
    "OperationModel": ".operation",
    "parse_used_by": ".profile",
    "parse_used_by_list": ".profile",
    "Profile": ".profile",
    "ProfilePost": ".profile",
    "ProfilePut": ".profile",
    "ProfilesPost": ".profile",
    "UsedByRef": ".profile",
    "Project": ".project",
    "ProjectPost": ".project",
    "ProjectPut": ".project",
    "ProjectsPost": ".project",
    "ProjectState": ".project",
    "ProjectStateResource": ".project",
    "MetadataConfigKey": ".server",
    "MetadataConfiguration": ".server",
    "Resources": ".server",
    "Server": ".server",
    "ServerEnvironment": ".server",
    "ServerInfo": ".server",
    "ServerPut": ".server",
    "ServerUntrusted": ".server",
    "ResourcesStoragePool": ".storage",
    "StorageBucket": ".storage",
    "StorageBucketBackup": ".storage",
    "StorageBucketBackupPost": ".storage",
    "StorageBucketBackupsPost": ".storage",
    "StorageBucketKey": ".storage",
    "StorageBucketKeyPut": ".storage",
    "StorageBucketKeysPost": ".storage",
    "StorageBucketPut": ".storage",
    "StorageBucketsPost": ".storage",
    "StoragePool": ".storage",
    "StoragePoolPut": ".storage",
    "StoragePoolsPost": ".storage",
    "StoragePoolState": ".storage",
    "StorageVolume": ".storage",
    "StorageVolumeBackup": ".storage",
    "StorageVolumeBackupPost": ".storage",
    "StorageVolumeBackupsPost": ".storage",
    "StorageVolumePost": ".storage",
    "StorageVolumePut": ".storage",
    "StorageVolumeSnapshot": ".storage",
    "StorageVolumeSnapshotPost": ".storage",
    "StorageVolumeSnapshotPut": ".storage",
    "StorageVolumeSnapshotsPost": ".storage",
    "StorageVolumeSource": ".storage",
    "StorageVolumesPost": ".storage",
    "StorageVolumeState": ".storage",
    "StorageVolumeStateUsage": ".storage",
    "VOLUME_TYPES": ".storage",
    "IncusWarning": ".warning",
    "WARNING_STATUSES": ".warning",
    "WarningPut": ".warning",
}

__getattr__, __dir__ = lazy_names(__name__, _EXPORTS)

__all__ = list(_EXPORTS)
