"""Storage volumes: ``/1.0/storage-pools/{pool}/volumes/{type}/{name}``, their snapshots and backups.

``client.storage_pools.volumes`` covers volumes of every type the API names
(``custom``, ``container``, ``virtual-machine``, ``image``), with
``.snapshots`` and ``.backups`` below it. Every method takes the pool (and
the volume) positionally and ``volume_type`` as a keyword, ``"custom"`` by
default (the only type that can be created directly). Volumes live in the
client's project when the project has ``features.storage.volumes``; use
``client.with_project()`` for others.

Incus 6.0's own ways with storage listings (unescaped names, snapshots
listed among the volumes as ``volume/snapshot``) are handled in
``incus_sdk.api._storage``, through the engine's hooks.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from functools import cached_property
from typing import Any, Dict, List, TypeVar

from .._core import Response
from .._paths import api_path
from .._transfer import CHUNK_SIZE, FileTarget, ProgressCallback, UploadSource
from ..models import _spec
from ..models._base import Resource
from ._bodies import writable_body
from ._collection import PARENT, Body, Collection, Member, NamedResource
from ._storage import Backup, BackupImports, Backups, InPool, own_name, unescaped_key, volume_in_url

M = TypeVar("M", bound=Resource)

#: The volume types the API names (``/storage-pools/{pool}/volumes/{type}``).
VOLUME_TYPES = ("container", "virtual-machine", "image", "custom")


def _recursion(value: int) -> int:
    # In 0.1.0 volume_type came before recursion in list(); a type name here
    # would be sent as the recursion level and answered with a wrong listing.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"recursion must be an int, not {value!r}; pass the volume type as volume_type={value!r}")
    return value


# -- resources ------------------------------------------------------------------------


class _InVolume(InPool):
    """A volume's snapshot or backup: where the volume is."""

    @property
    def volume_type(self) -> str:
        """The type of the volume it belongs to."""
        return self._parent(1)

    @property
    def volume(self) -> str:
        """The name of the volume it belongs to."""
        return self._parent(2)


class StorageVolume(InPool, NamedResource, _spec.StorageVolume):
    """Model representing an Incus storage volume.

    Attributes:
        name: The volume name (``volume/snapshot`` for a snapshot listed
            among the volumes).
        type: ``custom``, ``container``, ``virtual-machine`` or ``image``.
        pool: The pool it is in (set by the SDK; not part of the API object).
        project: Its project.
        config: Its configuration (``size``, ``snapshots.schedule``...).
        content_type: ``filesystem``, ``block`` or ``iso``.
        used_by: URLs of the instances/profiles using it; see :attr:`used_by_refs`.
    """

    _family = "storage_pools.volumes"

    pool: str = ""

    def model_post_init(self, context: Any, /) -> None:
        super().model_post_init(context)
        if self.pool:
            # Built by hand, as in the seed SDK: its fields say where it is
            # (a volume read from the server is told so by its sub-API).
            self._parents = (self.pool, self.type or "custom")

    def __repr__(self) -> str:
        return f"<StorageVolume: {self.name} ({self.pool})>"

    def _volumes(self) -> StorageVolumesAPI:
        return self._resolve(StorageVolumesAPI)

    async def state(self) -> _spec.StorageVolumeState:
        """Return the volume's usage (``usage`` is None where the driver cannot tell)."""
        pool, volume_type = self._parents
        return await self._volumes().state(pool, self.name, volume_type=volume_type)

    async def snapshots(self) -> List[StorageVolumeSnapshot]:
        """List the volume's snapshots."""
        pool, volume_type = self._parents
        return await self._volumes().snapshots.list(pool, self.name, volume_type=volume_type)

    async def snapshot(
        self, name: str | None = None, *, expires_at: str | datetime | None = None, wait: bool = True
    ) -> Response:
        """Snapshot the volume (see :meth:`StorageVolumeSnapshotsAPI.create`).

        Args:
            name: The snapshot name (by default the server picks ``snap0``...).
            expires_at: When the server should delete it.
            wait: Wait until the server has finished (default).

        Returns:
            The server's reply.
        """
        pool, volume_type = self._parents
        snapshots = self._volumes().snapshots
        return await snapshots.create(pool, self.name, name, volume_type=volume_type, expires_at=expires_at, wait=wait)

    async def restore_snapshot(self, snapshot: str, *, wait: bool = True) -> Response:
        """Restore the volume to one of its snapshots (its config is left as is).

        (Not ``restore()``: ``restore`` is a field of the API's volume object.)

        Args:
            snapshot: The snapshot's name.
            wait: Wait until the server has finished (default).

        Returns:
            The server's reply.
        """
        pool, volume_type = self._parents
        return await self._volumes().restore(pool, self.name, snapshot, volume_type=volume_type, wait=wait)


class StorageVolumeSnapshot(_InVolume, Member, _spec.StorageVolumeSnapshot):
    """A snapshot of a storage volume; its writes wait for the server unless given ``wait=False``.

    ``name`` is the snapshot's own name (``snap0``) whether it was read
    alone or in a listing (where the server says ``vol/snap0``).

    Attributes:
        name: The snapshot name.
        description: Its description.
        config: The volume configuration at snapshot time.
        expires_at: When the server deletes it, if set.
    """

    _family = "storage_pools.volumes.snapshots"

    async def restore(self, *, wait: bool = True) -> Response:
        """Restore the volume to this snapshot."""
        snapshots = self._resolve(StorageVolumeSnapshotsAPI)
        return await snapshots.restore(self.pool_name, self.volume, self.name, volume_type=self.volume_type, wait=wait)


class StorageVolumeBackup(_InVolume, Backup, _spec.StorageVolumeBackup):
    """A backup of a custom volume, kept by the server until deleted (or expired).

    Besides the fields every backup has (``name``, ``created_at``,
    ``expires_at``, ``optimized_storage``), ``volume_only`` says whether
    the volume's snapshots were left out.
    """

    _family = "storage_pools.volumes.backups"


# -- sub-APIs ---------------------------------------------------------------------------


class _VolumeChildren(Collection[M]):
    """What a volume's snapshots and backups share: ``.../volumes/{type}/{volume}/<family>/{name}``.

    Every verb takes the pool and the volume first, then the member's name;
    ``volume_type`` (the volume's type, ``"custom"`` by default) and
    ``wait`` are keywords.
    """

    async def list(self, pool: str, volume: str, recursion: int = 1, *, volume_type: str = "custom") -> List[M]:
        """List the members under a volume.

        Args:
            recursion: ``1`` (default) for whole objects, ``0`` for objects
                carrying only their name.

        Returns:
            The members; ``name`` is each one's own name (``snap0``).

        Raises:
            IncusNotFoundError: If there is no such pool or volume.
        """
        return await self._list((pool, volume_type, volume), _recursion(recursion))

    async def names(self, pool: str, volume: str, *, volume_type: str = "custom") -> List[str]:
        """Return the names of the members under a volume (one request)."""
        return await self._names((pool, volume_type, volume))

    async def get(self, pool: str, volume: str, name: str, *, volume_type: str = "custom") -> M:
        """Get one member, with ``etag`` set.

        Raises:
            IncusNotFoundError: If there is no such pool, volume or member.
        """
        return await self._get((pool, volume_type, volume), name)

    async def exists(self, pool: str, volume: str, name: str, *, volume_type: str = "custom") -> bool:
        """Return whether the member exists (False also when the volume does not)."""
        return await self._exists((pool, volume_type, volume), name)

    async def rename(
        self, pool: str, volume: str, name: str, new_name: str, *, volume_type: str = "custom", wait: bool = True
    ) -> Response:
        """Rename a member to ``new_name``.

        Raises:
            IncusConflictError: If ``new_name`` is taken.
        """
        return await self._rename((pool, volume_type, volume), name, new_name, wait=wait)

    async def delete(
        self, pool: str, volume: str, name: str, *, volume_type: str = "custom", wait: bool = True
    ) -> Response:
        """Delete a member.

        Raises:
            IncusNotFoundError: If there is no such member.
        """
        return await self._delete((pool, volume_type, volume), name, wait=wait)


class StorageVolumeSnapshotsAPI(_VolumeChildren[StorageVolumeSnapshot]):
    """Snapshots of storage volumes (``client.storage_pools.volumes.snapshots``).

    ``list`` / ``names`` / ``get`` / ``exists`` / ``create`` / ``update`` /
    ``patch`` / ``replace`` / ``rename`` / ``delete`` mean what they mean in
    every family (see the Conventions page). Each takes the pool and the
    volume first, then the snapshot's name; as keywords, ``volume_type``
    (the volume's type, ``"custom"`` by default), ``wait`` (wait until the
    server has finished, the default) and, on a write, ``etag`` (apply only
    if the snapshot still has this ETag, sent as ``If-Match``).
    """

    path = ("storage-pools", PARENT, "volumes", PARENT, PARENT, "snapshots")
    model = StorageVolumeSnapshot
    post_model = _spec.StorageVolumeSnapshotsPost
    put_model = _spec.StorageVolumeSnapshotPut

    def _key_from_url(self, url: str, parents: Sequence[str]) -> str:
        return unescaped_key(url, self._url(parents)) or super()._key_from_url(url, parents)

    def _complete(self, data: dict[str, Any], parents: Sequence[str]) -> dict[str, Any]:
        return own_name(data)

    async def create(
        self,
        pool: str,
        volume: str,
        name: str | None = None,
        *,
        volume_type: str = "custom",
        expires_at: str | datetime | None = None,
        wait: bool = True,
    ) -> Response:
        """Snapshot a volume (with ``wait=False``, ``response.operation`` is the running operation).

        Args:
            name: The snapshot name; by default the server names it after
                the volume's ``snapshots.pattern`` (``snap0``, ``snap1``...).
            expires_at: When the server should delete it.

        Raises:
            IncusBadRequestError: If the name is invalid.
            IncusConflictError: If the snapshot exists.
            IncusOperationError: If the volume cannot be snapshotted (``iso``).
        """
        return await self._create((pool, volume_type, volume), name, None, {"expires_at": expires_at}, wait=wait)

    async def update(
        self,
        pool: str,
        volume: str,
        name: str,
        config: Body,
        *,
        volume_type: str = "custom",
        etag: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Change the fields given (``description``, ``expires_at``), keeping the other.

        Reads the snapshot, merges, and writes it back with ``If-Match``
        (see the Conventions page); with ``etag``, no retry.

        Args:
            config: The fields to change, e.g. ``{"description": "..."}``.

        Raises:
            ValueError: For fields a snapshot does not have.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._update((pool, volume_type, volume), name, config, etag=etag, wait=wait)

    async def patch(
        self,
        pool: str,
        volume: str,
        name: str,
        config: Body,
        *,
        volume_type: str = "custom",
        etag: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Send the fields in ``config`` as the server's own ``PATCH`` for a snapshot, as is (one request)."""
        return await self._patch((pool, volume_type, volume), name, config, etag=etag, wait=wait)

    async def replace(
        self,
        pool: str,
        volume: str,
        name: str,
        config: Body,
        *,
        volume_type: str = "custom",
        etag: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Replace a snapshot's writable fields with ``config`` (``PUT``: a field left out is reset).

        Raises:
            ValueError: For fields a snapshot does not have.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._replace((pool, volume_type, volume), name, config, etag=etag, wait=wait)

    async def restore(
        self, pool: str, volume: str, name: str, *, volume_type: str = "custom", wait: bool = True
    ) -> Response:
        """Restore a volume to this snapshot (same as :meth:`StorageVolumesAPI.restore`)."""
        volumes = StorageVolumesAPI(self._core)
        return await volumes.restore(pool, volume, name, volume_type=volume_type, wait=wait)


class StorageVolumeBackupsAPI(_VolumeChildren[StorageVolumeBackup], Backups[StorageVolumeBackup]):
    """Backups of custom volumes (``client.storage_pools.volumes.backups``).

    A backup is made and kept by the server: :meth:`export` streams it to a
    file, :meth:`StorageVolumesAPI.import_backup` makes a volume from one.
    Backups cannot be edited (no ``update`` / ``replace``). Each method
    takes the pool and the volume first, then the backup's name; as
    keywords, ``volume_type`` (the volume's type: Incus backs up ``custom``
    ones, the default) and ``wait`` (wait until the server has finished,
    the default).
    """

    path = ("storage-pools", PARENT, "volumes", PARENT, PARENT, "backups")
    model = StorageVolumeBackup
    post_model = _spec.StorageVolumeBackupsPost

    async def create(
        self,
        pool: str,
        volume: str,
        name: str | None = None,
        *,
        volume_type: str = "custom",
        expires_at: str | datetime | None = None,
        volume_only: bool | None = None,
        optimized_storage: bool | None = None,
        compression_algorithm: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Make a backup of a custom volume, kept on the server.

        With ``wait=False``, ``response.operation`` is the running operation.

        Args:
            name: The backup name (default: ``backup0``, ``backup1``...).
            expires_at: When the server deletes it.
            volume_only: Leave the volume's snapshots out.
            optimized_storage: Use the pool driver's own format.
            compression_algorithm: e.g. ``gzip``, ``none``.
        """
        fields = {
            "expires_at": expires_at,
            "volume_only": volume_only,
            "optimized_storage": optimized_storage,
            "compression_algorithm": compression_algorithm,
        }
        return await self._create((pool, volume_type, volume), name, None, fields, wait=wait)

    async def export(
        self,
        pool: str,
        volume: str,
        name: str,
        destination: FileTarget,
        *,
        volume_type: str = "custom",
        chunk_size: int = CHUNK_SIZE,
        progress: ProgressCallback | None = None,
    ) -> int:
        """Download a backup file, streamed: the arguments after the keys are :meth:`StorageVolumeBackup.export`'s."""
        return await self._export((pool, volume_type, volume), name, destination, chunk_size, progress)

    def iter_export(
        self, pool: str, volume: str, name: str, *, volume_type: str = "custom", chunk_size: int = CHUNK_SIZE
    ) -> AsyncIterator[bytes]:
        """Yield a backup file's bytes, at most ``chunk_size`` at a time (``async for chunk in ...``)."""
        return self._iter_export((pool, volume_type, volume), name, chunk_size)


class StorageVolumesAPI(BackupImports[StorageVolume]):
    """Storage volumes of every type (``client.storage_pools.volumes``).

    ``list`` / ``names`` / ``get`` / ``exists`` / ``create`` / ``update`` /
    ``patch`` / ``replace`` / ``rename`` / ``delete`` / ``state`` mean what
    they mean in every family (see the Conventions page). Each takes the
    pool first, then the volume's name; as keywords, ``volume_type`` (the
    volume's type, ``"custom"`` by default: the only type the server
    creates), ``wait`` (wait until the server has finished, the default;
    with False, ``response.operation`` is the running operation) and, on a
    write, ``etag`` (apply only if the volume still has this ETag, sent as
    ``If-Match``; no retry then).
    """

    path = ("storage-pools", PARENT, "volumes", PARENT)
    model = StorageVolume
    post_model = _spec.StorageVolumesPost
    put_model = _spec.StorageVolumePut

    @cached_property
    def snapshots(self) -> StorageVolumeSnapshotsAPI:
        """Volume snapshots (``.../volumes/{type}/{volume}/snapshots``)."""
        return StorageVolumeSnapshotsAPI(self._core)

    @cached_property
    def backups(self) -> StorageVolumeBackupsAPI:
        """Custom volume backups (``.../volumes/custom/{volume}/backups``)."""
        return StorageVolumeBackupsAPI(self._core)

    def _key_from_url(self, url: str, parents: Sequence[str]) -> str:
        return volume_in_url(url)[1]

    def _complete(self, data: dict[str, Any], parents: Sequence[str]) -> dict[str, Any]:
        return {"type": parents[1], **data, "pool": parents[0]}

    #: A backup file makes a custom volume (the only type Incus backs up).
    _import_parents = ("custom",)

    # -- reads -----------------------------------------------------------------

    async def list(
        self,
        pool: str,
        recursion: int = 1,
        *,
        volume_type: str | None = "custom",
        filter: str | None = None,
        all_projects: bool = False,
        include_snapshots: bool = True,
    ) -> List[StorageVolume]:
        """List the volumes of a pool.

        Args:
            pool: The pool.
            recursion: ``1`` (default) for whole volumes, ``0`` for volumes
                carrying only their name (and type).
            volume_type: Only this type (``custom``, ``container``,
                ``virtual-machine``, ``image``); None for every type.
            filter: A server-side filter, e.g. ``"name eq data"``.
            all_projects: The volumes of every project (each carries its
                ``project`` and acts in it).
            include_snapshots: The server lists each volume's snapshots as
                volumes named ``volume/snapshot``; False leaves them out.

        Returns:
            The volumes, with ``pool`` set.

        Raises:
            IncusNotFoundError: If there is no such pool.
            IncusBadRequestError: For an unknown volume type.
        """
        params = {"filter": filter, "all-projects": all_projects or None}
        if volume_type is not None:
            volumes = await self._list((pool, volume_type), _recursion(recursion), params)
        else:
            volumes = await self._list_every_type(pool, _recursion(recursion), params)
        return volumes if include_snapshots else [v for v in volumes if "/" not in v.name]

    async def _list_every_type(self, pool: str, recursion: int, params: Dict[str, Any]) -> List[StorageVolume]:
        # /volumes without a type: each volume's type comes from its URL or data.
        items = await self._core.get_list(
            api_path("storage-pools", pool, "volumes"), params={**params, "recursion": recursion}
        )
        if recursion == 0:
            located = (volume_in_url(str(url)) for url in items)
            return [self._bind({"name": name}, (pool, volume_type)) for volume_type, name in located]
        return [self._bind(item, (pool, item.get("type") or "custom")) for item in items]

    async def names(self, pool: str, *, volume_type: str = "custom", filter: str | None = None) -> List[str]:
        """Return the names of the volumes of one type in a pool (one request).

        Snapshots are listed too, as ``volume/snapshot``.

        Args:
            filter: A server-side filter, e.g. ``"name eq data"``.
        """
        return await self._names((pool, volume_type), {"filter": filter})

    async def get(self, pool: str, name: str, *, volume_type: str = "custom") -> StorageVolume:
        """Get a volume, with ``pool`` and ``etag`` set.

        Raises:
            IncusNotFoundError: If there is no such pool or volume.
        """
        return await self._get((pool, volume_type), name)

    async def exists(self, pool: str, name: str, *, volume_type: str = "custom") -> bool:
        """Return whether the volume exists (a 404 is False; other errors raise)."""
        return await self._exists((pool, volume_type), name)

    async def state(self, pool: str, name: str, *, volume_type: str = "custom") -> _spec.StorageVolumeState:
        """Return a volume's usage.

        Returns:
            ``state.usage`` (bytes used and total), None where the driver
            cannot tell.

        Raises:
            IncusNotFoundError: If there is no such volume.
        """
        return await self._core.get_model(_spec.StorageVolumeState, self._url((pool, volume_type), name, "state"))

    # -- writes ----------------------------------------------------------------

    async def create(
        self,
        pool: str,
        name: str,
        config: Dict[str, Any] | None = None,
        *,
        volume_type: str = "custom",
        description: str | None = None,
        content_type: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Create an empty volume.

        Args:
            config: Its configuration (``size``, ``user.*``...). An explicit
                ``{}`` is sent as such.
            description: Its description.
            content_type: ``filesystem`` (default) or ``block``.

        Raises:
            ValueError: If ``config`` is not a mapping.
            IncusBadRequestError: For an invalid name.
            IncusConflictError: If the volume exists.
            IncusAPIError: For an invalid config key (HTTP 500 in Incus 6.0).
        """
        fields = {"type": volume_type, "config": config, "description": description, "content_type": content_type}
        return await self._create((pool, volume_type), name, None, fields, wait=wait)

    async def update(
        self,
        pool: str,
        name: str,
        config: Body,
        *,
        volume_type: str = "custom",
        etag: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Change the fields given, keeping every other (read, merge, ``PUT`` with ``If-Match``).

        Within ``config`` only the keys given change (``None`` or ``""``
        removes one); ``description`` given replaces the old one. Works for
        every volume type (Incus 6.0's own ``PATCH`` only for ``custom``).

        Args:
            config: The fields to change, e.g. ``{"config": {"size": "1GiB"}}``.

        Raises:
            ValueError: For fields a volume does not have.
            IncusAPIError: For an invalid config key or value.
            IncusPreconditionFailedError: If ``etag`` no longer matches, or
                other writers kept winning.
        """
        return await self._update((pool, volume_type), name, config, etag=etag, wait=wait)

    async def patch(
        self,
        pool: str,
        name: str,
        config: Body,
        *,
        volume_type: str = "custom",
        etag: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Send the fields in ``config`` as the server's own ``PATCH`` for a volume, as is (one request).

        Incus 6.0 merges the ``config`` keys given, and patches only
        ``custom`` volumes (``IncusBadRequestError`` for the others).
        """
        return await self._patch((pool, volume_type), name, config, etag=etag, wait=wait)

    async def replace(
        self,
        pool: str,
        name: str,
        config: Body,
        *,
        volume_type: str = "custom",
        etag: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Replace a volume's writable fields (``PUT``: a field left out is reset).

        Args:
            config: ``{"config": {...}, "description": "..."}``.

        Raises:
            ValueError: For fields a volume does not have.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._replace((pool, volume_type), name, config, etag=etag, wait=wait)

    async def rename(
        self, pool: str, name: str, new_name: str, *, volume_type: str = "custom", wait: bool = True
    ) -> Response:
        """Rename a volume within its pool to ``new_name``.

        Raises:
            IncusConflictError: If ``new_name`` is taken.
            IncusAPIError: If a running instance uses it (HTTP 500 in Incus 6.0).
        """
        return await self._rename((pool, volume_type), name, new_name, wait=wait)

    async def delete(self, pool: str, name: str, *, volume_type: str = "custom", wait: bool = True) -> Response:
        """Delete a volume, with its snapshots.

        Raises:
            IncusNotFoundError: If there is no such volume.
            IncusBadRequestError: If it is attached to an instance or profile.
        """
        return await self._delete((pool, volume_type), name, wait=wait)

    async def restore(
        self,
        pool: str,
        name: str,
        snapshot: str,
        *,
        volume_type: str = "custom",
        etag: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Restore a volume to its snapshot named ``snapshot`` (its config is left as is).

        Raises:
            IncusAPIError: If there is no such snapshot (HTTP 500 in Incus 6.0).
            IncusBadRequestError: If a running instance uses the volume.
        """
        # A PUT carrying only "restore" restores and leaves the config alone.
        return await self._replace((pool, volume_type), name, {"restore": snapshot}, etag=etag, wait=wait)

    async def copy(
        self,
        pool: str,
        name: str,
        new_name: str,
        *,
        volume_type: str = "custom",
        target_pool: str | None = None,
        source_project: str | None = None,
        volume_only: bool = False,
        refresh: bool = False,
        config: Dict[str, Any] | None = None,
        description: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Copy a volume (with its snapshots unless ``volume_only``) on this server.

        Args:
            new_name: The copy's name (of the same type).
            target_pool: Where the copy goes (default: the same pool).
            source_project: The source's project if not the client's.
            volume_only: Leave the snapshots out.
            refresh: Update an existing copy instead of failing.
            config: The copy's configuration (default: the source's).
            description: The copy's description (default: the source's).

        Raises:
            IncusConflictError: If ``new_name`` exists (and not ``refresh``).
            IncusOperationError: If the copy failed.
        """
        source = writable_body(
            _spec.StorageVolumeSource,
            None,
            "copy",
            type="copy",
            name=name,
            pool=pool,
            project=source_project,
            volume_only=volume_only or None,
            refresh=refresh or None,
        )
        fields = {"type": volume_type, "source": source, "config": config, "description": description}
        return await self._create((target_pool or pool, volume_type), new_name, None, fields, wait=wait)

    async def move(
        self,
        pool: str,
        name: str,
        target_pool: str,
        *,
        volume_type: str = "custom",
        new_name: str | None = None,
        target_project: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Move a volume to another pool (and/or project) on this server, optionally renaming it.

        Args:
            target_pool: The pool to move it to (may be the same one, with
                ``target_project``).
            new_name: Its name there (default: unchanged).
            target_project: A project to move it to.

        Raises:
            IncusNotFoundError: If there is no such volume.
            IncusBadRequestError: If the volume is in use.
            IncusOperationError: If the move failed (the volume stays where it was).
        """
        body = writable_body(
            _spec.StorageVolumePost, None, "move", name=new_name or name, pool=target_pool, project=target_project
        )
        response = await self._core.request("POST", self._url((pool, volume_type), name), json=body)
        return await response.finish(wait)

    async def import_iso(
        self,
        pool: str,
        source: UploadSource,
        name: str,
        *,
        wait: bool = True,
        progress: ProgressCallback | None = None,
    ) -> Response:
        """Create a custom ``iso`` volume named ``name`` from an ISO image, streamed from ``source``.

        Args:
            source: A path, a binary file, an async iterator of bytes or bytes.
            progress: Called with ``Progress("upload", done, total)`` as bytes are sent.

        Raises:
            IncusOperationError: If a volume of that name exists.
        """
        headers = {"X-Incus-name": name, "X-Incus-type": "iso"}
        return await self._post_file((pool, "custom"), source, headers, wait=wait, progress=progress)


__all__ = [
    "VOLUME_TYPES",
    "StorageVolume",
    "StorageVolumeBackup",
    "StorageVolumeBackupsAPI",
    "StorageVolumeSnapshot",
    "StorageVolumeSnapshotsAPI",
    "StorageVolumesAPI",
]
