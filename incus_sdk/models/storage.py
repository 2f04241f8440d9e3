"""Storage models: pools, volumes, volume snapshots and backups, buckets,
bucket keys and bucket backups.

For each family the spec's split is kept: ``...Put`` (writable fields),
``...sPost`` (create body), ``...Post`` (rename/move body) and the full
read, which is a resource bound to its sub-API (defined with it, in
``incus_sdk.api``; it carries the ``etag`` it was read with, for a safe
``replace``, and the keys of what it lives under: its pool, its volume...).
"""

from __future__ import annotations

from ..api.storage_buckets import StorageBucket, StorageBucketBackup, StorageBucketKey
from ..api.storage_pools import StoragePool
from ..api.storage_volumes import (
    VOLUME_TYPES,
    StorageVolume,
    StorageVolumeBackup,
    StorageVolumeSnapshot,
)
from ._spec import (
    ResourcesStoragePool,
    StorageBucketBackupPost,
    StorageBucketBackupsPost,
    StorageBucketKeyPut,
    StorageBucketKeysPost,
    StorageBucketPut,
    StorageBucketsPost,
    StoragePoolPut,
    StoragePoolsPost,
    StoragePoolState,
    StorageVolumeBackupPost,
    StorageVolumeBackupsPost,
    StorageVolumePost,
    StorageVolumePut,
    StorageVolumeSnapshotPost,
    StorageVolumeSnapshotPut,
    StorageVolumeSnapshotsPost,
    StorageVolumeSource,
    StorageVolumesPost,
    StorageVolumeState,
    StorageVolumeStateUsage,
)

__all__ = [
    "VOLUME_TYPES",
    "ResourcesStoragePool",
    "StorageBucket",
    "StorageBucketBackup",
    "StorageBucketBackupPost",
    "StorageBucketBackupsPost",
    "StorageBucketKey",
    "StorageBucketKeyPut",
    "StorageBucketKeysPost",
    "StorageBucketPut",
    "StorageBucketsPost",
    "StoragePool",
    "StoragePoolPut",
    "StoragePoolState",
    "StoragePoolsPost",
    "StorageVolume",
    "StorageVolumeBackup",
    "StorageVolumeBackupPost",
    "StorageVolumeBackupsPost",
    "StorageVolumePost",
    "StorageVolumePut",
    "StorageVolumeSnapshot",
    "StorageVolumeSnapshotPost",
    "StorageVolumeSnapshotPut",
    "StorageVolumeSnapshotsPost",
    "StorageVolumeSource",
    "StorageVolumeState",
    "StorageVolumeStateUsage",
    "StorageVolumesPost",
]
