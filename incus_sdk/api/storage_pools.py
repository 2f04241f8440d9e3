"""The Storage Pools API: ``/1.0/storage-pools`` and everything under it.

``client.storage_pools`` manages the pools themselves and keeps the seed
SDK's volume methods (``list_volumes``, ``create_volume``...);
``client.storage_pools.volumes`` (with ``.snapshots`` / ``.backups``) and
``client.storage_pools.buckets`` (with ``.keys`` / ``.backups``) cover the
rest. Pools are global: the client's project only matters for the volumes
and buckets in them.
"""

from __future__ import annotations

from typing import Any, List, Mapping

from .._core import Response
from .._paths import api_path
from ..models._base import IncusModel
from ..models.storage import ResourcesStoragePool, StoragePool, StoragePoolPut, StorageVolume
from ._base import SubAPI
from ._storage_common import Collection, drop_none
from .storage_buckets import StorageBucketsAPI
from .storage_volumes import StorageVolumesAPI

_POOLS = ("storage-pools",)


class StoragePoolsAPI(SubAPI):
    """API client for Incus storage pools.

    Attributes:
        volumes: Storage volumes, their snapshots and backups.
        buckets: Storage buckets, their keys and backups.
    """

    def __init__(self, core: Any, client: Any = None) -> None:
        super().__init__(core, client)
        self._items = Collection(core, client, StoragePool, StoragePoolPut)
        self.volumes = StorageVolumesAPI(core, client)
        self.buckets = StorageBucketsAPI(core, client)

    # -- pools -------------------------------------------------------------------

    async def list(self, recursion: int = 1, *, filter: str | None = None) -> List[StoragePool]:
        """List all storage pools.

        Args:
            recursion: Level of recursion for the response (``0``: pools
                carrying only their ``name``).
            filter: A server-side filter, e.g. ``"driver eq dir"``.

        Returns:
            List[StoragePool]: List of storage pools.
        """
        return await self._items.list(_POOLS, recursion=recursion, params={"filter": filter})

    async def names(self) -> List[str]:
        """Return the names of all storage pools."""
        return await self._items.names(_POOLS)

    async def get(self, name: str) -> StoragePool:
        """Get a storage pool by name.

        Args:
            name: Name of the storage pool.

        Returns:
            StoragePool: The storage pool, with ``etag`` set for :meth:`replace`.

        Raises:
            IncusNotFoundError: If there is no such pool.
        """
        return await self._items.get(_POOLS, name)

    async def exists(self, name: str) -> bool:
        """Return whether a storage pool of that name exists."""
        return await self._items.exists(_POOLS, name)

    async def create(
        self,
        name: str,
        driver: str,
        config: dict[str, Any] | None = None,
        description: str | None = None,
    ) -> Response:
        """Create a new storage pool.

        Args:
            name: Name of the storage pool.
            driver: Storage driver (``dir``, ``btrfs``, ``zfs``, ``lvm``...).
            config: Storage pool configuration (e.g. ``{"source": "/srv/pool"}``
                for ``dir``). An explicit ``{}`` is sent as such.
            description: Description of the storage pool.

        Returns:
            Dict[str, Any]: The operation response (a :class:`~incus_sdk.Response`).

        Raises:
            IncusBadRequestError: For an invalid name, driver or config key
                (nothing is left behind).
            IncusConflictError: If a pool of that name exists.
        """
        body = drop_none(name=name, driver=driver, config=config, description=description)
        return await self._items.create(_POOLS, body)

    async def update(self, name: str, config: Mapping[str, Any] | IncusModel, *, etag: str | None = None) -> Response:
        """Update a storage pool (``PATCH``).

        Only the fields given change; the server merges the ``config`` keys
        given into the existing ones.

        Args:
            name: Name of the storage pool.
            config: The fields to change: ``{"config": {...}}`` and/or
                ``{"description": "..."}``.
            etag: Apply only if the pool still has this ETag.

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            ValueError: If ``config`` has fields a pool does not have.
            IncusBadRequestError: For invalid config keys or values.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._items.write("PATCH", _POOLS, name, config, etag=etag, caller="update")

    async def replace(self, name: str, config: Mapping[str, Any] | IncusModel, *, etag: str | None = None) -> Response:
        """Replace a storage pool configuration (``PUT``).

        Every writable field is replaced; a config key left out is reset
        (those the driver needs, like ``source``, are kept by the server).

        Args:
            name: Name of the storage pool.
            config: ``{"config": {...}, "description": "..."}``.
            etag: Sent as ``If-Match``: refused if the pool changed since read.

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            ValueError: If ``config`` has fields a pool does not have.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._items.write("PUT", _POOLS, name, config, etag=etag, caller="replace")

    async def delete(self, name: str) -> Response:
        """Delete a storage pool.

        Args:
            name: Name of the storage pool.

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusNotFoundError: If there is no such pool.
            IncusBadRequestError: If the pool is in use (volumes, profiles).
        """
        return await self._items.delete(_POOLS, name)

    async def resources(self, name: str) -> ResourcesStoragePool:
        """Return a pool's space and inode totals and usage.

        Args:
            name: Name of the storage pool.

        Returns:
            ``resources.space.total`` / ``.used`` in bytes, ``resources.inodes``.
        """
        return await self._core.get_model(ResourcesStoragePool, api_path("storage-pools", name, "resources"))

    # -- the seed's volume methods (see also ``self.volumes``) ---------------------

    async def list_volumes(
        self, pool_name: str, volume_type: str | None = None, recursion: int = 1
    ) -> List[StorageVolume]:
        """List volumes in a storage pool.

        Args:
            pool_name: Name of the storage pool.
            volume_type: Type of volumes to list (all types by default).
            recursion: Level of recursion for the response.

        Returns:
            List[StorageVolume]: List of storage volumes, with ``pool`` set.
        """
        return await self.volumes.list(pool_name, volume_type, recursion)

    async def get_volume(self, pool_name: str, volume_name: str, volume_type: str) -> StorageVolume:
        """Get a storage volume by name.

        Args:
            pool_name: Name of the storage pool.
            volume_name: Name of the volume.
            volume_type: Type of volume (``custom``, ``container``,
                ``virtual-machine``, ``image``).

        Returns:
            StorageVolume: The storage volume.

        Raises:
            IncusNotFoundError: If there is no such volume.
        """
        return await self.volumes.get(pool_name, volume_name, volume_type)

    async def create_volume(
        self,
        pool_name: str,
        volume_name: str,
        volume_type: str,
        config: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Response:
        """Create a new storage volume.

        Args:
            pool_name: Name of the storage pool.
            volume_name: Name of the volume.
            volume_type: Type of volume (``custom``).
            config: Volume configuration.
            **kwargs: ``description``, ``content_type``, ``wait`` (see
                :meth:`StorageVolumesAPI.create`).

        Returns:
            Dict[str, Any]: The operation response.
        """
        return await self.volumes.create(pool_name, volume_name, volume_type, config, **kwargs)

    async def update_volume(
        self, pool_name: str, volume_name: str, volume_type: str, config: Mapping[str, Any], *, etag: str | None = None
    ) -> Response:
        """Update a storage volume (``PATCH``: the fields and config keys given).

        Args:
            pool_name: Name of the storage pool.
            volume_name: Name of the volume.
            volume_type: Type of volume.
            config: New configuration: ``{"config": {...}, "description": "..."}``.
            etag: Apply only if the volume still has this ETag.

        Returns:
            Dict[str, Any]: The operation response.
        """
        return await self.volumes.update(pool_name, volume_name, config, volume_type=volume_type, etag=etag)

    async def replace_volume(
        self, pool_name: str, volume_name: str, volume_type: str, config: Mapping[str, Any], *, etag: str | None = None
    ) -> Response:
        """Replace a storage volume configuration (``PUT``).

        Args:
            pool_name: Name of the storage pool.
            volume_name: Name of the volume.
            volume_type: Type of volume.
            config: New configuration: ``{"config": {...}, "description": "..."}``.
            etag: Sent as ``If-Match``.

        Returns:
            Dict[str, Any]: The operation response.
        """
        return await self.volumes.replace(pool_name, volume_name, config, volume_type=volume_type, etag=etag)

    async def delete_volume(self, pool_name: str, volume_name: str, volume_type: str) -> Response:
        """Delete a storage volume.

        Args:
            pool_name: Name of the storage pool.
            volume_name: Name of the volume.
            volume_type: Type of volume.

        Returns:
            Dict[str, Any]: The operation response.
        """
        return await self.volumes.delete(pool_name, volume_name, volume_type=volume_type)

    async def rename_volume(self, pool_name: str, volume_name: str, volume_type: str, new_name: str) -> Response:
        """Rename a storage volume.

        Args:
            pool_name: Name of the storage pool.
            volume_name: Current name of the volume.
            volume_type: Type of volume.
            new_name: New name for the volume.

        Returns:
            Dict[str, Any]: The operation response.
        """
        return await self.volumes.rename(pool_name, volume_name, new_name, volume_type=volume_type)
