"""The Storage Pools API: ``/1.0/storage-pools`` and everything under it.

``client.storage_pools`` manages the pools themselves; its attributes
manage what is in them:

* ``client.storage_pools.volumes`` (with ``.snapshots`` and ``.backups``) —
  ``/1.0/storage-pools/{pool}/volumes/{type}/{name}``
* ``client.storage_pools.buckets`` (with ``.keys`` and ``.backups``) —
  ``/1.0/storage-pools/{pool}/buckets/{name}``

Pools are global: the client's project only matters for the volumes and
buckets in them. The seed SDK's flat volume methods (``list_volumes``,
``create_volume``...) are kept, as delegations to ``volumes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any, Dict, List

from .._core import Response
from ..models import _spec
from ._collection import Body, NamedCollection, NamedResource
from ._storage import unescaped_key
from .storage_buckets import StorageBucket, StorageBucketsAPI
from .storage_volumes import StorageVolume, StorageVolumesAPI


class StoragePool(NamedResource, _spec.StoragePool):
    """Model representing an Incus storage pool.

    Attributes:
        name: The pool name.
        driver: The storage driver (``dir``, ``zfs``, ``btrfs``, ``lvm``...).
        description: Its description.
        config: Its configuration (``source``, ``volume.size``...).
        status: ``Created``, ``Pending``, ``Errored`` or ``Unknown``.
        locations: Cluster members the pool is defined on.
        used_by: URLs of the objects using the pool; see :attr:`used_by_refs`.
    """

    _family = "storage_pools"

    def __repr__(self) -> str:
        return f"<StoragePool: {self.name} ({self.driver})>"

    def _pools(self) -> StoragePoolsAPI:
        return self._resolve(StoragePoolsAPI)

    async def resources(self) -> _spec.ResourcesStoragePool:
        """Return the pool's space and inode totals and usage."""
        return await self._pools().resources(self.name)

    async def get_volume(self, name: str, volume_type: str = "custom") -> StorageVolume:
        """Get a volume of the pool (see :meth:`StoragePoolsAPI.get_volume`).

        Args:
            name: The volume name.
            volume_type: The volume type.

        Returns:
            The volume.
        """
        return await self._pools().volumes.get(self.name, name, volume_type=volume_type)

    async def list_buckets(self) -> List[StorageBucket]:
        """List the pool's buckets (see :meth:`StorageBucketsAPI.list`)."""
        return await self._pools().buckets.list(self.name)

    # -- seed compatibility (incus-sdk 1.0.0) ---------------------------------------

    async def list_volumes(self, volume_type: str | None = None) -> List[StorageVolume]:
        """Seed SDK name for :meth:`StorageVolumesAPI.list` on this pool.

        Args:
            volume_type: Only volumes of this type (``custom``, ``container``...);
                every type by default.

        Returns:
            The volumes (snapshots included, as ``volume/snapshot``).
        """
        return await self._pools().list_volumes(self.name, volume_type)

    async def create_volume(
        self,
        name: str,
        volume_type: str = "custom",
        config: Dict[str, Any] | None = None,
        *,
        description: str | None = None,
        content_type: str | None = None,
    ) -> StorageVolume:
        """Seed SDK name: create a volume in the pool and return it as now stored.

        Args:
            name: Name of the volume.
            volume_type: Type of volume (only ``custom`` can be created).
            config: Volume configuration.
            description: Its description.
            content_type: ``filesystem`` (default) or ``block``.

        Returns:
            StorageVolume: The created storage volume.
        """
        volumes = self._pools().volumes
        await volumes.create(
            self.name, name, config, volume_type=volume_type, description=description, content_type=content_type
        )
        return await volumes.get(self.name, name, volume_type=volume_type)


class StoragePoolsAPI(NamedCollection[StoragePool]):
    """API client for Incus storage pools.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``create`` / ``update`` /
    ``patch`` / ``replace`` / ``delete`` mean what they mean in every family
    (see the Conventions page): ``update`` changes only what it is given
    (``{"config": {"rsync.bwlimit": None}}`` removes a key), ``replace``
    resets the rest (config keys the driver needs, like ``source``, are
    kept by the server). Deleting a pool in use (volumes, profiles) raises
    ``IncusBadRequestError``. Pools cannot be renamed.
    """

    path = ("storage-pools",)
    model = StoragePool
    post_model = _spec.StoragePoolsPost
    put_model = _spec.StoragePoolPut

    @cached_property
    def volumes(self) -> StorageVolumesAPI:
        """Storage volumes (``/1.0/storage-pools/{pool}/volumes``), with their snapshots and backups."""
        return StorageVolumesAPI(self._core)

    @cached_property
    def buckets(self) -> StorageBucketsAPI:
        """Storage buckets (``/1.0/storage-pools/{pool}/buckets``), with their keys and backups."""
        return StorageBucketsAPI(self._core)

    def _key_from_url(self, url: str, parents: Sequence[str]) -> str:
        return unescaped_key(url, self._url(parents)) or super()._key_from_url(url, parents)

    async def create(  # type: ignore[override]  # the seed's signature
        self,
        name: str,
        driver: str,
        config: Dict[str, Any] | None = None,
        description: str | None = None,
        *,
        wait: bool = True,
    ) -> Response:
        """Create a new storage pool.

        Args:
            name: Name of the storage pool.
            driver: Storage driver (``dir``, ``btrfs``, ``zfs``, ``lvm``...).
            config: Storage pool configuration (e.g. ``{"source": "/srv/pool"}``
                for ``dir``). An explicit ``{}`` is sent as such.
            description: Description of the storage pool.
            wait: Wait until the server has finished (default).

        Returns:
            Dict[str, Any]: The operation response (a :class:`~incus_sdk.Response`).

        Raises:
            IncusBadRequestError: For an invalid name.
            IncusAPIError: For an unknown driver or config key (HTTP 500 in
                Incus 6.0; nothing is left behind).
            IncusConflictError: If a pool of that name exists.
        """
        fields = {"driver": driver, "config": config, "description": description}
        return await self._create((), name, None, fields, wait=wait)

    async def resources(self, name: str) -> _spec.ResourcesStoragePool:
        """Return a pool's space and inode totals and usage.

        Args:
            name: Name of the storage pool.

        Returns:
            ``resources.space.total`` / ``.used`` in bytes, ``resources.inodes``.

        Raises:
            IncusAPIError: If there is no such pool (HTTP 500 in Incus 6.0).
        """
        return await self._core.get_model(_spec.ResourcesStoragePool, self._url((), name, "resources"))

    # -- seed compatibility (incus-sdk 1.0.0) ---------------------------------------

    async def list_volumes(
        self, pool_name: str, volume_type: str | None = None, recursion: int = 1
    ) -> List[StorageVolume]:
        """Seed SDK name for :meth:`StorageVolumesAPI.list`, of every type by default; same reply."""
        return await self.volumes.list(pool_name, recursion, volume_type=volume_type)

    async def get_volume(self, pool_name: str, volume_name: str, volume_type: str) -> StorageVolume:
        """Seed SDK name for :meth:`StorageVolumesAPI.get`, with ``volume_type`` positional."""
        return await self.volumes.get(pool_name, volume_name, volume_type=volume_type)

    async def create_volume(
        self,
        pool_name: str,
        volume_name: str,
        volume_type: str,
        config: Dict[str, Any] | None = None,
        *,
        description: str | None = None,
        content_type: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Seed SDK name for :meth:`StorageVolumesAPI.create`, with ``volume_type`` positional; same reply."""
        return await self.volumes.create(
            pool_name,
            volume_name,
            config,
            volume_type=volume_type,
            description=description,
            content_type=content_type,
            wait=wait,
        )

    async def update_volume(
        self,
        pool_name: str,
        volume_name: str,
        volume_type: str,
        config: Body,
        *,
        etag: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Seed SDK name for :meth:`StorageVolumesAPI.update`, with ``volume_type`` positional; same reply."""
        return await self.volumes.update(pool_name, volume_name, config, volume_type=volume_type, etag=etag, wait=wait)

    async def replace_volume(
        self,
        pool_name: str,
        volume_name: str,
        volume_type: str,
        config: Body,
        *,
        etag: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Seed SDK name for :meth:`StorageVolumesAPI.replace`, with ``volume_type`` positional; same reply."""
        return await self.volumes.replace(pool_name, volume_name, config, volume_type=volume_type, etag=etag, wait=wait)

    async def delete_volume(self, pool_name: str, volume_name: str, volume_type: str, *, wait: bool = True) -> Response:
        """Seed SDK name for :meth:`StorageVolumesAPI.delete`, with ``volume_type`` positional; same reply."""
        return await self.volumes.delete(pool_name, volume_name, volume_type=volume_type, wait=wait)

    async def rename_volume(
        self, pool_name: str, volume_name: str, volume_type: str, new_name: str, *, wait: bool = True
    ) -> Response:
        """Seed SDK name for :meth:`StorageVolumesAPI.rename`, with ``volume_type`` positional; same reply."""
        return await self.volumes.rename(pool_name, volume_name, new_name, volume_type=volume_type, wait=wait)


__all__ = ["StoragePool", "StoragePoolsAPI"]
