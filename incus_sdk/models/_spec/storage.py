"""Models of the ``storage`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from pydantic import Field

from .._base import IncusModel, Timestamp
from .resources import ResourcesStoragePoolInodes, ResourcesStoragePoolSpace


class StorageBucket(IncusModel):
    """StorageBucket represents the fields of a storage pool bucket"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage bucket configuration map"""

    description: str = ""
    """Description of the storage bucket (example: My custom bucket)"""

    location: str = ""
    """What cluster member this record was found on (example: server01)"""

    name: str = ""
    """Bucket name (example: foo)"""

    project: str = ""
    """Project name (example: project1)"""

    s3_url: str = ""
    """Bucket S3 URL (example: https://127.0.0.1:8080/foo)"""


class StorageBucketBackup(IncusModel):
    """StorageBucketBackup represents the fields available for a new storage bucket
    backup
    """

    compression_algorithm: str = ""
    """What compression algorithm to use (example: gzip)"""

    expires_at: Timestamp | None = None
    """When the backup expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    name: str = ""
    """Backup name (example: backup0)"""


class StorageBucketBackupPost(IncusModel):
    """StorageBucketBackupPost represents the fields available for the renaming of a
    bucket backup
    """

    name: str = ""
    """New backup name (example: backup1)"""


class StorageBucketBackupsPost(IncusModel):
    """StorageBucketBackupsPost represents the fields available for a new storage
    bucket backup
    """

    compression_algorithm: str = ""
    """What compression algorithm to use (example: gzip)"""

    expires_at: Timestamp | None = None
    """When the backup expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    name: str = ""
    """Backup name (example: backup0)"""


class StorageBucketKey(IncusModel):
    """StorageBucketKey represents the fields of a storage pool bucket key"""

    access_key: str = Field(default="", alias="access-key")
    """Access key (example: 33UgkaIBLBIxb7O1)"""

    description: str = ""
    """Description of the storage bucket key (example: My read-only bucket key)"""

    name: str = ""
    """Key name (example: my-read-only-key)"""

    role: str = ""
    """Whether the key can perform write actions or not. (example: read-only)"""

    secret_key: str = Field(default="", alias="secret-key")
    """Secret key (example: kDQD6AOgwHgaQI1UIJBJpPaiLgZuJbq0)"""


class StorageBucketKeyPut(IncusModel):
    """StorageBucketKeyPut represents the modifiable fields of a storage pool bucket
    key
    """

    access_key: str = Field(default="", alias="access-key")
    """Access key (example: 33UgkaIBLBIxb7O1)"""

    description: str = ""
    """Description of the storage bucket key (example: My read-only bucket key)"""

    role: str = ""
    """Whether the key can perform write actions or not. (example: read-only)"""

    secret_key: str = Field(default="", alias="secret-key")
    """Secret key (example: kDQD6AOgwHgaQI1UIJBJpPaiLgZuJbq0)"""


class StorageBucketKeysPost(IncusModel):
    """StorageBucketKeysPost represents the fields of a new storage pool bucket key"""

    access_key: str = Field(default="", alias="access-key")
    """Access key (example: 33UgkaIBLBIxb7O1)"""

    description: str = ""
    """Description of the storage bucket key (example: My read-only bucket key)"""

    name: str = ""
    """Key name (example: my-read-only-key)"""

    role: str = ""
    """Whether the key can perform write actions or not. (example: read-only)"""

    secret_key: str = Field(default="", alias="secret-key")
    """Secret key (example: kDQD6AOgwHgaQI1UIJBJpPaiLgZuJbq0)"""


class StorageBucketPut(IncusModel):
    """StorageBucketPut represents the modifiable fields of a storage pool bucket"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage bucket configuration map"""

    description: str = ""
    """Description of the storage bucket (example: My custom bucket)"""


class StorageBucketsPost(IncusModel):
    """StorageBucketsPost represents the fields of a new storage pool bucket"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage bucket configuration map"""

    description: str = ""
    """Description of the storage bucket (example: My custom bucket)"""

    name: str = ""
    """Bucket name (example: foo)"""


class StoragePool(IncusModel):
    """StoragePool represents the fields of a storage pool."""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage pool configuration map (refer to doc/storage.md)"""

    description: str = ""
    """Description of the storage pool (example: Local SSD pool)"""

    driver: str = ""
    """Storage pool driver (btrfs, ceph, cephfs, cephobject, dir, lvm, lvmcluster or
    zfs) (example: zfs)
    """

    locations: list[str] = Field(default_factory=list)
    """Cluster members on which the storage pool has been defined"""

    name: str = ""
    """Storage pool name (example: local)"""

    status: str = ""
    """Pool status (Pending, Created, Errored or Unknown) (example: Created)"""

    used_by: list[str] = Field(default_factory=list)
    """List of URLs of objects using this storage pool"""


class StoragePoolPut(IncusModel):
    """StoragePoolPut represents the modifiable fields of a storage pool."""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage pool configuration map (refer to doc/storage.md)"""

    description: str = ""
    """Description of the storage pool (example: Local SSD pool)"""


class StoragePoolsPost(IncusModel):
    """StoragePoolsPost represents the fields of a new storage pool"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage pool configuration map (refer to doc/storage.md)"""

    description: str = ""
    """Description of the storage pool (example: Local SSD pool)"""

    driver: str = ""
    """Storage pool driver (btrfs, ceph, cephfs, cephobject, dir, lvm, lvmcluster or
    zfs) (example: zfs)
    """

    name: str = ""
    """Storage pool name (example: local)"""


class StorageVolume(IncusModel):
    """StorageVolume represents the fields of a storage volume."""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage volume configuration map (refer to doc/storage.md)"""

    content_type: str = ""
    """Volume content type (filesystem or block) (example: filesystem)"""

    created_at: Timestamp | None = None
    """Volume creation timestamp (example: 2021-03-23T20:00:00-04:00)"""

    description: str = ""
    """Description of the storage volume (example: My custom volume)"""

    location: str = ""
    """What cluster member this record was found on (example: server01)"""

    name: str = ""
    """Volume name (example: foo)"""

    project: str = ""
    """Project containing the volume. (example: default)"""

    restore: str = ""
    """Name of a snapshot to restore (example: snap0)"""

    type: str = ""
    """Volume type (example: custom)"""

    used_by: list[str] = Field(default_factory=list)
    """List of URLs of objects using this storage volume"""


class StorageVolumeBackup(IncusModel):
    """StorageVolumeBackup represents a volume backup"""

    created_at: Timestamp | None = None
    """When the backup was created (example: 2021-03-23T16:38:37.753398689-04:00)"""

    expires_at: Timestamp | None = None
    """When the backup expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    name: str = ""
    """Backup name (example: backup0)"""

    optimized_storage: bool = False
    """Whether to use a pool-optimized binary format (instead of plain tarball)
    (example: True)
    """

    volume_only: bool = False
    """Whether to ignore snapshots (example: False)"""


class StorageVolumeBackupPost(IncusModel):
    """StorageVolumeBackupPost represents the fields available for the renaming of a
    volume backup
    """

    name: str = ""
    """New backup name (example: backup1)"""


class StorageVolumeBackupsPost(IncusModel):
    """StorageVolumeBackupsPost represents the fields available for a new volume
    backup
    """

    compression_algorithm: str = ""
    """What compression algorithm to use (example: gzip)"""

    expires_at: Timestamp | None = None
    """When the backup expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    name: str = ""
    """Backup name (example: backup0)"""

    optimized_storage: bool = False
    """Whether to use a pool-optimized binary format (instead of plain tarball)
    (example: True)
    """

    volume_only: bool = False
    """Whether to ignore snapshots (example: False)"""


class StorageVolumePostTarget(IncusModel):
    """StorageVolumePostTarget represents the migration target host and operation"""

    certificate: str = ""
    """The certificate of the migration target (example: X509 PEM certificate)"""

    operation: str = ""
    """Remote operation URL (for migration) (example:
    https://1.2.3.4:8443/1.0/operations/1721ae08-b6a8-416a-9614-3f89302466e1)
    """

    secrets: dict[str, str] = Field(default_factory=dict)
    """Migration websockets credentials"""


class StorageVolumePut(IncusModel):
    """StorageVolumePut represents the modifiable fields of a storage volume"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage volume configuration map (refer to doc/storage.md)"""

    description: str = ""
    """Description of the storage volume (example: My custom volume)"""

    restore: str = ""
    """Name of a snapshot to restore (example: snap0)"""


class StorageVolumeSnapshot(IncusModel):
    """StorageVolumeSnapshot represents a storage volume snapshot"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage volume configuration map (refer to doc/storage.md)"""

    content_type: str = ""
    """The content type (filesystem or block) (example: filesystem)"""

    created_at: Timestamp | None = None
    """Volume snapshot creation timestamp (example: 2021-03-23T20:00:00-04:00)"""

    description: str = ""
    """Description of the storage volume (example: My custom volume)"""

    expires_at: Timestamp | None = None
    """When the snapshot expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    name: str = ""
    """Snapshot name (example: snap0)"""


class StorageVolumeSnapshotPut(IncusModel):
    """StorageVolumeSnapshotPut represents the modifiable fields of a storage volume"""

    description: str = ""
    """Description of the storage volume (example: My custom volume)"""

    expires_at: Timestamp | None = None
    """When the snapshot expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """


class StorageVolumeSnapshotsPost(IncusModel):
    """StorageVolumeSnapshotsPost represents the fields available for a new storage
    volume snapshot
    """

    expires_at: Timestamp | None = None
    """When the snapshot expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    name: str = ""
    """Snapshot name (example: snap0)"""


class StorageVolumeSource(IncusModel):
    """StorageVolumeSource represents the creation source for a new storage volume"""

    certificate: str = ""
    """Certificate (for migration) (example: X509 PEM certificate)"""

    location: str = ""
    """What cluster member this record was found on (example: server01)"""

    mode: str = ""
    """Whether to use pull or push mode (for migration) (example: pull)"""

    name: str = ""
    """Source volume name (for copy) (example: foo)"""

    operation: str = ""
    """Remote operation URL (for migration) (example:
    https://1.2.3.4:8443/1.0/operations/1721ae08-b6a8-416a-9614-3f89302466e1)
    """

    pool: str = ""
    """Source storage pool (for copy) (example: local)"""

    project: str = ""
    """Source project name (example: foo)"""

    refresh: bool = False
    """Whether existing destination volume should be refreshed (example: False)"""

    refresh_exclude_older: bool = False
    """Whether to exclude source snapshots earlier than latest target snapshot
    (example: False)
    """

    secrets: dict[str, str] = Field(default_factory=dict)
    """Map of migration websockets (for migration)"""

    type: str = ""
    """Source type (copy or migration) (example: copy)"""

    volume_only: bool = False
    """Whether snapshots should be discarded (for migration) (example: False)"""


class StorageVolumeStateUsage(IncusModel):
    """StorageVolumeStateUsage represents the disk usage of a volume"""

    total: int = 0
    """Storage volume size in bytes (example: 5189222192)"""

    used: int = 0
    """Used space in bytes (example: 1693552640)"""


class StoragePoolState(IncusModel):
    """StoragePoolState represents the state of a storage pool."""

    inodes: ResourcesStoragePoolInodes | None = None

    space: ResourcesStoragePoolSpace | None = None


class StorageVolumePost(IncusModel):
    """StorageVolumePost represents the fields required to rename a storage pool
    volume
    """

    migration: bool = False
    """Initiate volume migration (example: False)"""

    name: str = ""
    """New volume name (example: foo)"""

    pool: str = ""
    """New storage pool (example: remote)"""

    project: str = ""
    """New project name (example: foo)"""

    source: StorageVolumeSource | None = None

    target: StorageVolumePostTarget | None = None

    volume_only: bool = False
    """Whether snapshots should be discarded (migration only) (example: False)"""


class StorageVolumeSnapshotPost(IncusModel):
    """StorageVolumeSnapshotPost represents the fields required to rename/move a
    storage volume snapshot
    """

    migration: bool = False
    """Initiate volume snapshot migration (example: False)"""

    name: str = ""
    """New snapshot name (example: snap1)"""

    target: StorageVolumePostTarget | None = None


class StorageVolumeState(IncusModel):
    """StorageVolumeState represents the live state of the volume"""

    usage: StorageVolumeStateUsage | None = None


class StorageVolumesPost(IncusModel):
    """StorageVolumesPost represents the fields of a new storage pool volume"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage volume configuration map (refer to doc/storage.md)"""

    content_type: str = ""
    """Volume content type (filesystem or block) (example: filesystem)"""

    description: str = ""
    """Description of the storage volume (example: My custom volume)"""

    name: str = ""
    """Volume name (example: foo)"""

    restore: str = ""
    """Name of a snapshot to restore (example: snap0)"""

    source: StorageVolumeSource | None = None

    type: str = ""
    """Volume type (container, custom, image or virtual-machine) (example: custom)"""


__all__ = [
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
    "StoragePoolsPost",
    "StorageVolume",
    "StorageVolumeBackup",
    "StorageVolumeBackupPost",
    "StorageVolumeBackupsPost",
    "StorageVolumePostTarget",
    "StorageVolumePut",
    "StorageVolumeSnapshot",
    "StorageVolumeSnapshotPut",
    "StorageVolumeSnapshotsPost",
    "StorageVolumeSource",
    "StorageVolumeStateUsage",
    "StoragePoolState",
    "StorageVolumePost",
    "StorageVolumeSnapshotPost",
    "StorageVolumeState",
    "StorageVolumesPost",
]
