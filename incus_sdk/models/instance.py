"""Instance models: the spec's writable, create and rename bodies, state
and image metadata models, and the resources bound to their sub-APIs
(defined with them, in ``incus_sdk.api``): ``Instance`` (full read, with
convenience methods), ``InstanceFull`` (``recursion=2``: with state,
snapshots and backups), ``InstanceSnapshot``, ``InstanceBackup``,
``InstanceMetadata``, and :class:`BulkResult` for the many-instance helpers."""

from __future__ import annotations

from ..api.instance_metadata import InstanceMetadata
from ..api.instances import BulkResult, Instance, InstanceBackup, InstanceFull, InstanceSnapshot
from . import _spec

InstancePut = _spec.InstancePut
InstancesPost = _spec.InstancesPost
InstancePost = _spec.InstancePost
InstancesPut = _spec.InstancesPut
InstanceSource = _spec.InstanceSource
InstanceRebuildPost = _spec.InstanceRebuildPost
InstanceState = _spec.InstanceState
InstanceStateCPU = _spec.InstanceStateCPU
InstanceStateDisk = _spec.InstanceStateDisk
InstanceStateMemory = _spec.InstanceStateMemory
InstanceStateNetwork = _spec.InstanceStateNetwork
InstanceStateNetworkAddress = _spec.InstanceStateNetworkAddress
InstanceStateNetworkCounters = _spec.InstanceStateNetworkCounters
InstanceStateOSInfo = _spec.InstanceStateOSInfo
InstanceStatePut = _spec.InstanceStatePut
InstanceSnapshotsPost = _spec.InstanceSnapshotsPost
InstanceSnapshotPut = _spec.InstanceSnapshotPut
InstanceSnapshotPost = _spec.InstanceSnapshotPost
InstanceBackupsPost = _spec.InstanceBackupsPost
InstanceBackupPost = _spec.InstanceBackupPost
ImageMetadata = _spec.ImageMetadata
ImageMetadataTemplate = _spec.ImageMetadataTemplate


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
