"""Instance models: the spec's writable, create and rename bodies, state
and image metadata models, and the resources bound to their sub-APIs
(defined with them, in ``incus_sdk.api``): ``Instance`` (full read, with
convenience methods), ``InstanceFull`` (``recursion=2``: with state,
snapshots and backups), ``InstanceSnapshot``, ``InstanceBackup``,
``InstanceMetadata``, and :class:`BulkResult` for the many-instance helpers."""

from __future__ import annotations

from ..api.instance_metadata import InstanceMetadata
from ..api.instances import BulkResult, Instance, InstanceBackup, InstanceFull, InstanceSnapshot
from ._spec import (
    ImageMetadata,
    ImageMetadataTemplate,
    InstanceBackupPost,
    InstanceBackupsPost,
    InstancePost,
    InstancePut,
    InstanceRebuildPost,
    InstanceSnapshotPost,
    InstanceSnapshotPut,
    InstanceSnapshotsPost,
    InstanceSource,
    InstancesPost,
    InstancesPut,
    InstanceState,
    InstanceStateCPU,
    InstanceStateDisk,
    InstanceStateMemory,
    InstanceStateNetwork,
    InstanceStateNetworkAddress,
    InstanceStateNetworkCounters,
    InstanceStateOSInfo,
    InstanceStatePut,
)

__all__ = [
    "BulkResult",
    "ImageMetadata",
    "ImageMetadataTemplate",
    "Instance",
    "InstanceBackup",
    "InstanceBackupPost",
    "InstanceBackupsPost",
    "InstanceFull",
    "InstanceMetadata",
    "InstancePost",
    "InstancePut",
    "InstanceRebuildPost",
    "InstanceSnapshot",
    "InstanceSnapshotPost",
    "InstanceSnapshotPut",
    "InstanceSnapshotsPost",
    "InstanceSource",
    "InstanceState",
    "InstanceStateCPU",
    "InstanceStateDisk",
    "InstanceStateMemory",
    "InstanceStateNetwork",
    "InstanceStateNetworkAddress",
    "InstanceStateNetworkCounters",
    "InstanceStateOSInfo",
    "InstanceStatePut",
    "InstancesPost",
    "InstancesPut",
]
