"""Storage models: pools, volumes, volume snapshots and backups, buckets,
bucket keys and bucket backups.

The writable parts (``StoragePoolPut``, ``StorageVolumePut``...), the create
bodies (``StoragePoolsPost``, ``StorageVolumesPost``...) and the states come
straight from the spec. The resource classes below add what a caller needs
to act on an object it read: each remembers where it lives (its pool, its
volume...) so that ``volume.snapshots()`` or ``key.delete()`` need no
arguments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List

from pydantic import PrivateAttr

from . import _spec
from ._base import Resource

if TYPE_CHECKING:
    from .._core import Response

StoragePoolPut = _spec.StoragePoolPut
StoragePoolsPost = _spec.StoragePoolsPost
StoragePoolState = _spec.StoragePoolState
ResourcesStoragePool = _spec.ResourcesStoragePool
StorageVolumePut = _spec.StorageVolumePut
StorageVolumesPost = _spec.StorageVolumesPost
StorageVolumePost = _spec.StorageVolumePost
StorageVolumeSource = _spec.StorageVolumeSource
StorageVolumeState = _spec.StorageVolumeState
StorageVolumeStateUsage = _spec.StorageVolumeStateUsage
StorageVolumeSnapshotPut = _spec.StorageVolumeSnapshotPut
StorageVolumeSnapshotsPost = _spec.StorageVolumeSnapshotsPost
StorageVolumeSnapshotPost = _spec.StorageVolumeSnapshotPost
StorageVolumeBackupsPost = _spec.StorageVolumeBackupsPost
StorageVolumeBackupPost = _spec.StorageVolumeBackupPost
StorageBucketPut = _spec.StorageBucketPut
StorageBucketsPost = _spec.StorageBucketsPost
StorageBucketKeyPut = _spec.StorageBucketKeyPut
StorageBucketKeysPost = _spec.StorageBucketKeysPost
StorageBucketBackupsPost = _spec.StorageBucketBackupsPost
StorageBucketBackupPost = _spec.StorageBucketBackupPost

#: The volume types the API names (``/storage-pools/{pool}/volumes/{type}``).
VOLUME_TYPES = ("container", "virtual-machine", "image", "custom")


class _Located(Resource):
    """A storage object that knows the path segments of its collection.

    ``_base`` is e.g. ``("storage-pools", "p", "volumes", "custom", "v",
    "snapshots")``; the API sets it when it builds the object.
    """

    _base: tuple[str, ...] = PrivateAttr(default=())

    def _locate(self, base: tuple[str, ...]) -> None:
        self._base = base

    def _storage(self) -> Any:
        return self._api("storage_pools")

    @property
    def pool_name(self) -> str:
        """The name of the pool this object belongs to."""
        return self._base[1] if len(self._base) > 1 else ""


class StoragePool(Resource, _spec.StoragePool):
    """Model representing an Incus storage pool.

    Attributes:
        name: The pool name.
        driver: The storage driver (``dir``, ``zfs``, ``btrfs``, ``lvm``...).
        description: Its description.
        config: Its configuration (``source``, ``volume.size``...).
        status: ``Created``, ``Pending``, ``Errored`` or ``Unknown``.
        locations: Cluster members the pool is defined on.
        used_by: URLs of the objects using the pool.
    """

    def __repr__(self) -> str:
        return f"<StoragePool: {self.name} ({self.driver})>"

    async def update(self, config: dict[str, Any]) -> Response:
        """Update the pool partially (see :meth:`StoragePoolsAPI.update`).

        Args:
            config: The fields to change, e.g. ``{"config": {"rsync.bwlimit": "10"}}``.
        """
        return await self._api("storage_pools").update(self.name, config)  # type: ignore[no-any-return]

    async def replace(self, config: dict[str, Any] | None = None) -> Response:
        """Replace the pool's writable fields, refusing if it changed since read.

        Args:
            config: The new ``config`` / ``description``; by default this
                object's own current values.
        """
        body = config if config is not None else {"config": self.config, "description": self.description}
        return await self._api("storage_pools").replace(self.name, body, etag=self.etag)  # type: ignore[no-any-return]

    async def delete(self) -> Response:
        """Delete the pool (it must be unused)."""
        return await self._api("storage_pools").delete(self.name)  # type: ignore[no-any-return]

    async def resources(self) -> ResourcesStoragePool:
        """Return the pool's space and inode usage."""
        return await self._api("storage_pools").resources(self.name)  # type: ignore[no-any-return]

    async def list_volumes(self, volume_type: str | None = None) -> List[StorageVolume]:
        """List the volumes in the pool.

        Args:
            volume_type: Only volumes of this type (``custom``, ``container``...).
        """
        return await self._api("storage_pools").list_volumes(self.name, volume_type)  # type: ignore[no-any-return]

    async def get_volume(self, name: str, volume_type: str = "custom") -> StorageVolume:
        """Get a volume of the pool.

        Args:
            name: The volume name.
            volume_type: The volume type.
        """
        return await self._api("storage_pools").get_volume(self.name, name, volume_type)  # type: ignore[no-any-return]

    async def create_volume(
        self, name: str, volume_type: str = "custom", config: dict[str, Any] | None = None, **kwargs: Any
    ) -> StorageVolume:
        """Create a volume in the pool and return it as now stored.

        Args:
            name: Name of the volume.
            volume_type: Type of volume (only ``custom`` can be created).
            config: Volume configuration.
            **kwargs: Further options of :meth:`StorageVolumesAPI.create`
                (``description``, ``content_type``).

        Returns:
            StorageVolume: The created storage volume.
        """
        api = self._api("storage_pools")
        await api.volumes.create(self.name, name, volume_type, config, **kwargs)
        return await api.volumes.get(self.name, name, volume_type)  # type: ignore[no-any-return]

    async def list_buckets(self) -> List[StorageBucket]:
        """List the pool's buckets."""
        return await self._api("storage_pools").buckets.list(self.name)  # type: ignore[no-any-return]


class StorageVolume(_Located, _spec.StorageVolume):
    """Model representing an Incus storage volume.

    Attributes:
        name: The volume name.
        type: ``custom``, ``container``, ``virtual-machine`` or ``image``.
        pool: The pool it is in (set by the SDK; not part of the API object).
        config: Its configuration (``size``, ``snapshots.schedule``...).
        content_type: ``filesystem``, ``block`` or ``iso``.
        used_by: URLs of the instances/profiles using it.
    """

    pool: str = ""

    def _locate(self, base: tuple[str, ...]) -> None:
        super()._locate(base)
        self.pool = base[1]

    def __repr__(self) -> str:
        return f"<StorageVolume: {self.name} ({self.pool})>"

    def _key(self) -> tuple[str, str, str]:
        if not self.pool:
            raise ValueError("this volume does not know its pool; set volume.pool")
        return self.pool, self.name, self.type or "custom"

    async def update(self, config: dict[str, Any]) -> Response:
        """Update the volume partially (see :meth:`StorageVolumesAPI.update`).

        Args:
            config: The fields to change, e.g. ``{"config": {"user.a": "1"}}``.
        """
        return await self._storage().update_volume(*self._key(), config)  # type: ignore[no-any-return]

    async def replace(self, config: dict[str, Any] | None = None) -> Response:
        """Replace the volume's writable fields, refusing if it changed since read.

        Args:
            config: The new ``config`` / ``description``; by default this
                object's own current values.
        """
        body = config if config is not None else {"config": self.config, "description": self.description}
        pool, name, vtype = self._key()
        return await self._storage().volumes.replace(  # type: ignore[no-any-return]
            pool, name, body, volume_type=vtype, etag=self.etag
        )

    async def delete(self) -> Response:
        """Delete the volume (it must not be in use)."""
        return await self._storage().delete_volume(*self._key())  # type: ignore[no-any-return]

    async def rename(self, new_name: str) -> Response:
        """Rename the volume within its pool; this object takes the new name.

        Args:
            new_name: The new name for the storage volume.
        """
        response = await self._storage().rename_volume(*self._key(), new_name)
        self.name = new_name
        return response  # type: ignore[no-any-return]

    async def state(self) -> StorageVolumeState:
        """Return the volume's usage (``usage`` is None where the driver cannot tell)."""
        return await self._storage().volumes.state(*self._key())  # type: ignore[no-any-return]

    async def snapshots(self) -> List[StorageVolumeSnapshot]:
        """List the volume's snapshots."""
        pool, name, vtype = self._key()
        return await self._storage().volumes.snapshots.list(pool, name, vtype)  # type: ignore[no-any-return]

    async def snapshot(self, name: str | None = None, **kwargs: Any) -> Response:
        """Snapshot the volume (see :meth:`StorageVolumeSnapshotsAPI.create`).

        Args:
            name: The snapshot name (by default the server picks ``snap0``...).
            **kwargs: ``expires_at``, ``wait``.
        """
        pool, vol, vtype = self._key()
        return await self._storage().volumes.snapshots.create(  # type: ignore[no-any-return]
            pool, vol, name, volume_type=vtype, **kwargs
        )

    async def restore_snapshot(self, snapshot: str) -> Response:
        """Restore the volume to one of its snapshots (``restore`` is the API field).

        Args:
            snapshot: The snapshot name.
        """
        pool, name, vtype = self._key()
        return await self._storage().volumes.restore(pool, name, snapshot, volume_type=vtype)  # type: ignore[no-any-return]


class StorageVolumeSnapshot(_Located, _spec.StorageVolumeSnapshot):
    """A snapshot of a storage volume.

    ``name`` is the snapshot's own name (``snap0``) whether it was read
    alone or in a listing (where the server says ``vol/snap0``).

    Attributes:
        name: The snapshot name.
        config: The volume configuration at snapshot time.
        expires_at: When the server deletes it, if set.
    """

    def _locate(self, base: tuple[str, ...]) -> None:
        super()._locate(base)
        self.name = self.name.rsplit("/", 1)[-1]

    @property
    def volume(self) -> str:
        """The name of the snapshotted volume."""
        return self._base[4] if len(self._base) > 4 else ""

    @property
    def volume_type(self) -> str:
        """The type of the snapshotted volume."""
        return self._base[3] if len(self._base) > 3 else ""

    def _key(self) -> tuple[str, str, str]:
        if not self._base:
            raise ValueError("this snapshot was not read from a server")
        return self.pool_name, self.volume, self.name

    async def update(self, config: dict[str, Any]) -> Response:
        """Update the snapshot's description / expiry.

        Args:
            config: e.g. ``{"description": "before upgrade"}``.
        """
        return await self._storage().volumes.snapshots.update(  # type: ignore[no-any-return]
            *self._key(), config, volume_type=self.volume_type
        )

    async def rename(self, new_name: str) -> Response:
        """Rename the snapshot; this object takes the new name.

        Args:
            new_name: The new snapshot name.
        """
        response = await self._storage().volumes.snapshots.rename(*self._key(), new_name, volume_type=self.volume_type)
        self.name = new_name
        return response  # type: ignore[no-any-return]

    async def delete(self) -> Response:
        """Delete the snapshot."""
        return await self._storage().volumes.snapshots.delete(  # type: ignore[no-any-return]
            *self._key(), volume_type=self.volume_type
        )

    async def restore(self) -> Response:
        """Restore the volume to this snapshot."""
        pool, volume, name = self._key()
        return await self._storage().volumes.restore(  # type: ignore[no-any-return]
            pool, volume, name, volume_type=self.volume_type
        )


class StorageVolumeBackup(_Located, _spec.StorageVolumeBackup):
    """A backup of a custom volume, kept by the server until exported/deleted.

    Attributes:
        name: The backup name.
        created_at: When it was made.
        expires_at: When the server deletes it.
        volume_only: Whether snapshots were left out.
        optimized_storage: Whether it is in the pool driver's own format.
    """

    def _locate(self, base: tuple[str, ...]) -> None:
        super()._locate(base)
        self.name = self.name.rsplit("/", 1)[-1]

    @property
    def volume(self) -> str:
        """The name of the backed-up volume."""
        return self._base[4] if len(self._base) > 4 else ""

    async def export(self, destination: Any) -> int:
        """Download the backup file (streamed) to a path or binary file.

        Returns:
            The number of bytes written.
        """
        return await self._storage().volumes.backups.export(  # type: ignore[no-any-return]
            self.pool_name, self.volume, self.name, destination
        )

    async def rename(self, new_name: str) -> Response:
        """Rename the backup; this object takes the new name."""
        response = await self._storage().volumes.backups.rename(self.pool_name, self.volume, self.name, new_name)
        self.name = new_name
        return response  # type: ignore[no-any-return]

    async def delete(self) -> Response:
        """Delete the backup."""
        return await self._storage().volumes.backups.delete(  # type: ignore[no-any-return]
            self.pool_name, self.volume, self.name
        )


class StorageBucket(_Located, _spec.StorageBucket):
    """An S3 bucket served by a storage pool.

    Attributes:
        name: The bucket name.
        config: Its configuration (``size``...).
        s3_url: Where its S3 API is.
    """

    async def update(self, config: dict[str, Any]) -> Response:
        """Update the bucket partially (``{"config": {...}, "description": ...}``)."""
        return await self._storage().buckets.update(self.pool_name, self.name, config)  # type: ignore[no-any-return]

    async def delete(self) -> Response:
        """Delete the bucket and its contents."""
        return await self._storage().buckets.delete(self.pool_name, self.name)  # type: ignore[no-any-return]

    async def keys(self) -> List[StorageBucketKey]:
        """List the bucket's access keys."""
        return await self._storage().buckets.keys.list(self.pool_name, self.name)  # type: ignore[no-any-return]


class StorageBucketKey(_Located, _spec.StorageBucketKey):
    """An access key of a bucket.

    Attributes:
        name: The key name.
        role: ``admin`` or ``read-only``.
        access_key: The S3 access key (JSON ``access-key``).
        secret_key: The S3 secret key (JSON ``secret-key``).
    """

    @property
    def bucket(self) -> str:
        """The name of the bucket the key opens."""
        return self._base[3] if len(self._base) > 3 else ""

    async def delete(self) -> Response:
        """Delete the key."""
        return await self._storage().buckets.keys.delete(  # type: ignore[no-any-return]
            self.pool_name, self.bucket, self.name
        )


class StorageBucketBackup(_Located, _spec.StorageBucketBackup):
    """A backup of a bucket."""

    def _locate(self, base: tuple[str, ...]) -> None:
        super()._locate(base)
        self.name = self.name.rsplit("/", 1)[-1]


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
