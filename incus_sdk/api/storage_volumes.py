"""Storage volumes: ``/1.0/storage-pools/{pool}/volumes[/{type}/{name}...]``.

``client.storage_pools.volumes`` covers volumes of every type the API names
(``custom``, ``container``, ``virtual-machine``, ``image``), with
``.snapshots`` and ``.backups`` for their snapshots and (custom) backups.
Volumes live in the client's project when the project has
``features.storage.volumes``; use ``client.with_project()`` for others.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, List, Mapping

from .._core import Core, Response
from .._paths import api_path
from .._transfer import CHUNK_SIZE, FileTarget, UploadSource, download, iter_download, upload
from ..models._base import IncusModel
from ..models.storage import (
    StorageVolume,
    StorageVolumeBackup,
    StorageVolumeBackupPost,
    StorageVolumePut,
    StorageVolumeSnapshot,
    StorageVolumeSnapshotPut,
    StorageVolumeState,
)
from ._base import SubAPI
from ._storage_common import Collection, drop_none, finish

Body = Mapping[str, Any] | IncusModel


def _volumes(pool: str, volume_type: str | None = None) -> tuple[str, ...]:
    return ("storage-pools", pool, "volumes", *((volume_type,) if volume_type else ()))


async def _restore(core: Core, pool: str, name: str, snapshot: str, volume_type: str, etag: str | None) -> Response:
    # A PUT carrying only "restore" restores and leaves the config alone.
    path = api_path(*_volumes(pool, volume_type), name)
    return await finish(await core.request("PUT", path, json={"restore": snapshot}, etag=etag), True)


class StorageVolumeSnapshotsAPI(SubAPI):
    """Snapshots of storage volumes (``.../volumes/{type}/{volume}/snapshots``).

    Every method takes the pool and the volume first; ``volume_type``
    defaults to ``custom``.
    """

    def __init__(self, core: Any, client: Any = None) -> None:
        super().__init__(core, client)
        self._items = Collection(core, client, StorageVolumeSnapshot, StorageVolumeSnapshotPut)

    @staticmethod
    def _base(pool: str, volume: str, volume_type: str) -> tuple[str, ...]:
        return (*_volumes(pool, volume_type), volume, "snapshots")

    async def list(
        self, pool: str, volume: str, volume_type: str = "custom", recursion: int = 1
    ) -> List[StorageVolumeSnapshot]:
        """List a volume's snapshots.

        Args:
            pool: The pool.
            volume: The volume.
            volume_type: Its type.
            recursion: ``1`` for full snapshots, ``0`` for names only.

        Returns:
            The snapshots (``name`` is the snapshot's own name, e.g. ``snap0``).
        """
        return await self._items.list(self._base(pool, volume, volume_type), recursion=recursion)

    async def names(self, pool: str, volume: str, volume_type: str = "custom") -> List[str]:
        """Return the names of a volume's snapshots."""
        return await self._items.names(self._base(pool, volume, volume_type))

    async def get(self, pool: str, volume: str, name: str, *, volume_type: str = "custom") -> StorageVolumeSnapshot:
        """Get one snapshot (with its ETag).

        Raises:
            IncusNotFoundError: If there is no such snapshot.
        """
        return await self._items.get(self._base(pool, volume, volume_type), name)

    async def create(
        self,
        pool: str,
        volume: str,
        name: str | None = None,
        *,
        volume_type: str = "custom",
        expires_at: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Snapshot a volume.

        Args:
            pool: The pool.
            volume: The volume.
            name: The snapshot name; by default the server names it
                after the pool's ``snapshots.pattern`` (``snap0``, ``snap1``...).
            volume_type: The volume type.
            expires_at: When the server should delete it (RFC 3339).
            wait: Wait for the operation (else ``response.operation`` is it).

        Returns:
            The reply (a :class:`~incus_sdk.Response`).

        Raises:
            IncusBadRequestError: If the name is invalid.
            IncusConflictError: If the snapshot exists.
        """
        body = drop_none(name=name, expires_at=expires_at)
        return await self._items.create(self._base(pool, volume, volume_type), body, wait=wait)

    async def update(
        self,
        pool: str,
        volume: str,
        name: str,
        config: Body,
        *,
        volume_type: str = "custom",
        etag: str | None = None,
    ) -> Response:
        """Change some of a snapshot's fields (``description``, ``expires_at``).

        Args:
            config: The fields to change.
            etag: Apply only if the snapshot still has this ETag.

        Raises:
            ValueError: For fields a snapshot does not have.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._items.write(
            "PATCH", self._base(pool, volume, volume_type), name, config, etag=etag, caller="update"
        )

    async def replace(
        self,
        pool: str,
        volume: str,
        name: str,
        config: Body,
        *,
        volume_type: str = "custom",
        etag: str | None = None,
    ) -> Response:
        """Replace a snapshot's writable fields (a field left out is reset).

        Raises:
            ValueError: For fields a snapshot does not have.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._items.write(
            "PUT", self._base(pool, volume, volume_type), name, config, etag=etag, caller="replace"
        )

    async def rename(
        self, pool: str, volume: str, name: str, new_name: str, *, volume_type: str = "custom", wait: bool = True
    ) -> Response:
        """Rename a snapshot.

        Raises:
            IncusConflictError: If ``new_name`` is taken.
        """
        return await self._items.post(self._base(pool, volume, volume_type), name, {"name": new_name}, wait=wait)

    async def delete(
        self, pool: str, volume: str, name: str, *, volume_type: str = "custom", wait: bool = True
    ) -> Response:
        """Delete a snapshot.

        Raises:
            IncusNotFoundError: If there is no such snapshot.
        """
        return await self._items.delete(self._base(pool, volume, volume_type), name, wait=wait)

    async def restore(self, pool: str, volume: str, name: str, *, volume_type: str = "custom") -> Response:
        """Restore a volume to this snapshot (same as :meth:`StorageVolumesAPI.restore`)."""
        return await _restore(self._core, pool, volume, name, volume_type, None)


class StorageVolumeBackupsAPI(SubAPI):
    """Backups of custom volumes (``.../volumes/custom/{volume}/backups``).

    A backup is made and kept by the server; :meth:`export` streams it to
    a file, :meth:`StorageVolumesAPI.import_backup` makes a volume from one.
    """

    def __init__(self, core: Any, client: Any = None) -> None:
        super().__init__(core, client)
        self._items = Collection(core, client, StorageVolumeBackup, StorageVolumeBackupPost)

    @staticmethod
    def _base(pool: str, volume: str) -> tuple[str, ...]:
        return (*_volumes(pool, "custom"), volume, "backups")

    async def list(self, pool: str, volume: str, recursion: int = 1) -> List[StorageVolumeBackup]:
        """List a custom volume's backups."""
        return await self._items.list(self._base(pool, volume), recursion=recursion)

    async def names(self, pool: str, volume: str) -> List[str]:
        """Return the names of a custom volume's backups."""
        return await self._items.names(self._base(pool, volume))

    async def get(self, pool: str, volume: str, name: str) -> StorageVolumeBackup:
        """Get one backup.

        Raises:
            IncusNotFoundError: If there is no such backup.
        """
        return await self._items.get(self._base(pool, volume), name)

    async def create(
        self,
        pool: str,
        volume: str,
        name: str | None = None,
        *,
        expires_at: str | None = None,
        volume_only: bool | None = None,
        optimized_storage: bool | None = None,
        compression_algorithm: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Make a backup of a custom volume, kept on the server.

        Args:
            pool: The pool.
            volume: The custom volume.
            name: The backup name (default: ``backup0``, ``backup1``...).
            expires_at: When the server deletes it (RFC 3339).
            volume_only: Leave the volume's snapshots out.
            optimized_storage: Use the pool driver's own format.
            compression_algorithm: e.g. ``gzip``, ``none``.
            wait: Wait for the backup to be written.

        Returns:
            The reply (``.operation`` is the backup operation).
        """
        body = drop_none(
            name=name,
            expires_at=expires_at,
            volume_only=volume_only,
            optimized_storage=optimized_storage,
            compression_algorithm=compression_algorithm,
        )
        return await self._items.create(self._base(pool, volume), body, wait=wait)

    async def rename(self, pool: str, volume: str, name: str, new_name: str, *, wait: bool = True) -> Response:
        """Rename a backup."""
        return await self._items.post(self._base(pool, volume), name, {"name": new_name}, wait=wait)

    async def delete(self, pool: str, volume: str, name: str, *, wait: bool = True) -> Response:
        """Delete a backup."""
        return await self._items.delete(self._base(pool, volume), name, wait=wait)

    async def export(
        self, pool: str, volume: str, name: str, destination: FileTarget, *, chunk_size: int = CHUNK_SIZE
    ) -> int:
        """Download a backup file, streamed, to a path or a binary file.

        Args:
            pool: The pool.
            volume: The custom volume.
            name: The backup.
            destination: A path (written beside it and renamed into place
                when complete: a failed export leaves nothing there) or a
                file opened for binary writing.
            chunk_size: Bytes held in memory at a time.

        Returns:
            The number of bytes written.

        Raises:
            IncusNotFoundError: If there is no such backup.
        """
        path = api_path(*self._base(pool, volume), name, "export")
        return await download(self._core, path, destination, chunk_size=chunk_size)

    def iter_export(self, pool: str, volume: str, name: str, *, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        """Yield a backup file's bytes chunk by chunk (``async for chunk in ...``)."""
        return iter_download(self._core, api_path(*self._base(pool, volume), name, "export"), chunk_size=chunk_size)


class StorageVolumesAPI(SubAPI):
    """Storage volumes of every type, with ``.snapshots`` and ``.backups``.

    Methods take the pool and the volume name first; ``volume_type``
    defaults to ``custom`` (the only type that can be created directly).

    Attributes:
        snapshots: Volume snapshots.
        backups: Custom volume backups.
    """

    def __init__(self, core: Any, client: Any = None) -> None:
        super().__init__(core, client)
        self._items = Collection(core, client, StorageVolume, StorageVolumePut)
        self.snapshots = StorageVolumeSnapshotsAPI(core, client)
        self.backups = StorageVolumeBackupsAPI(core, client)

    async def list(
        self,
        pool: str,
        volume_type: str | None = None,
        recursion: int = 1,
        *,
        filter: str | None = None,
        all_projects: bool = False,
        include_snapshots: bool = True,
    ) -> List[StorageVolume]:
        """List the volumes in a pool.

        Args:
            pool: The pool.
            volume_type: Only this type (``custom``, ``container``,
                ``virtual-machine``, ``image``); all types by default.
            recursion: ``1`` for full volumes, ``0`` for names only.
            filter: A server-side filter, e.g. ``"name eq data"``.
            all_projects: Volumes of every project (each has ``project`` set).
            include_snapshots: The server lists each volume's snapshots as
                volumes named ``volume/snapshot``; False leaves them out.

        Returns:
            The volumes, with ``pool`` set.
        """
        params = {"filter": filter, "all-projects": True if all_projects else None}
        volumes = await self._items.list(_volumes(pool, volume_type), recursion=recursion, params=params)
        return volumes if include_snapshots else [v for v in volumes if "/" not in v.name]

    async def names(self, pool: str, volume_type: str = "custom") -> List[str]:
        """Return the names of the volumes of one type in a pool."""
        return await self._items.names(_volumes(pool, volume_type))

    async def get(self, pool: str, name: str, volume_type: str = "custom") -> StorageVolume:
        """Get a volume (with its ETag, for :meth:`replace`).

        Raises:
            IncusNotFoundError: If there is no such volume.
        """
        return await self._items.get(_volumes(pool, volume_type), name)

    async def exists(self, pool: str, name: str, volume_type: str = "custom") -> bool:
        """Return whether the volume exists."""
        return await self._items.exists(_volumes(pool, volume_type), name)

    async def create(
        self,
        pool: str,
        name: str,
        volume_type: str = "custom",
        config: dict[str, Any] | None = None,
        *,
        description: str | None = None,
        content_type: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Create an empty volume.

        Args:
            pool: The pool.
            name: The volume name.
            volume_type: Its type (the server creates only ``custom`` ones).
            config: Its configuration (``size``, ``user.*``...). An explicit
                ``{}`` is sent as such.
            description: Its description.
            content_type: ``filesystem`` (default) or ``block``.
            wait: Wait for the operation, if the server starts one.

        Returns:
            The reply (a :class:`~incus_sdk.Response`).

        Raises:
            IncusBadRequestError: For an invalid name or config key.
            IncusConflictError: If the volume exists.
        """
        body = drop_none(name=name, type=volume_type, config=config, description=description, content_type=content_type)
        return await self._items.create(_volumes(pool, volume_type), body, wait=wait)

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
        config: dict[str, Any] | None = None,
        description: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Copy a volume (with its snapshots unless ``volume_only``).

        Args:
            pool: The source pool.
            name: The source volume.
            new_name: The copy's name.
            volume_type: The type of both.
            target_pool: Where the copy goes (default: the same pool).
            source_project: The source's project if not the client's.
            volume_only: Leave the snapshots out.
            refresh: Update an existing copy instead of failing.
            config: The copy's configuration (default: the source's).
            description: The copy's description (default: the source's).
            wait: Wait for the copy to finish.

        Returns:
            The reply (``.operation`` is the copy operation).

        Raises:
            IncusConflictError: If ``new_name`` exists (and not ``refresh``).
            IncusOperationError: If the copy failed.
        """
        source = drop_none(
            type="copy",
            name=name,
            pool=pool,
            project=source_project,
            volume_only=volume_only or None,
            refresh=refresh or None,
        )
        body = drop_none(name=new_name, type=volume_type, source=source, config=config, description=description)
        return await self._items.create(_volumes(target_pool or pool, volume_type), body, wait=wait)

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
        """Move a volume to another pool (and/or project), optionally renaming it.

        Args:
            pool: The current pool.
            name: The volume.
            target_pool: The pool to move it to.
            volume_type: Its type.
            new_name: Its name there (default: unchanged).
            target_project: A project to move it to.
            wait: Wait for the move to finish.

        Raises:
            IncusBadRequestError: If the volume is in use.
            IncusOperationError: If the move failed (the volume stays where it was).
        """
        body = drop_none(name=new_name or name, pool=target_pool, project=target_project)
        return await self._items.post(_volumes(pool, volume_type), name, body, wait=wait)

    async def rename(self, pool: str, name: str, new_name: str, *, volume_type: str = "custom") -> Response:
        """Rename a volume within its pool (waits for it).

        Raises:
            IncusConflictError: If ``new_name`` is taken.
            IncusBadRequestError: If the volume is in use by an instance.
        """
        return await self._items.post(_volumes(pool, volume_type), name, {"name": new_name})

    async def update(
        self, pool: str, name: str, config: Body, *, volume_type: str = "custom", etag: str | None = None
    ) -> Response:
        """Change some of a volume's fields (``PATCH``).

        Only the fields given change; within ``config`` the server merges
        the keys given into the existing ones. Incus 6.0 patches only
        ``custom`` volumes (``IncusBadRequestError`` for the others): use
        :meth:`replace` for an instance's or image's volume.

        Args:
            config: e.g. ``{"config": {"size": "1GiB"}, "description": "..."}``.
            etag: Apply only if the volume still has this ETag.

        Raises:
            ValueError: For fields a volume does not have.
            IncusBadRequestError: For invalid config keys or values.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._items.write("PATCH", _volumes(pool, volume_type), name, config, etag=etag, caller="update")

    async def replace(
        self, pool: str, name: str, config: Body, *, volume_type: str = "custom", etag: str | None = None
    ) -> Response:
        """Replace a volume's writable fields (``PUT``; a field left out is reset).

        Args:
            config: ``{"config": {...}, "description": "..."}``.
            etag: Sent as ``If-Match``: refused if the volume changed since read.

        Raises:
            ValueError: For fields a volume does not have.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._items.write("PUT", _volumes(pool, volume_type), name, config, etag=etag, caller="replace")

    async def delete(self, pool: str, name: str, *, volume_type: str = "custom") -> Response:
        """Delete a volume (with its snapshots).

        Raises:
            IncusNotFoundError: If there is no such volume.
            IncusBadRequestError: If it is attached to an instance or profile.
        """
        return await self._items.delete(_volumes(pool, volume_type), name)

    async def state(self, pool: str, name: str, volume_type: str = "custom") -> StorageVolumeState:
        """Return a volume's usage (``state.usage`` is None where the driver cannot tell).

        Raises:
            IncusNotFoundError: If there is no such volume.
        """
        return await self._core.get_model(StorageVolumeState, api_path(*_volumes(pool, volume_type), name, "state"))

    async def restore(
        self, pool: str, name: str, snapshot: str, *, volume_type: str = "custom", etag: str | None = None
    ) -> Response:
        """Restore a volume to one of its snapshots (its config is left as is).

        Raises:
            IncusNotFoundError: If there is no such snapshot.
            IncusBadRequestError: If the volume is in use by a running instance.
        """
        return await _restore(self._core, pool, name, snapshot, volume_type, etag)

    async def import_backup(
        self, pool: str, source: UploadSource, *, name: str | None = None, wait: bool = True
    ) -> Response:
        """Create a custom volume from a backup file, streamed from ``source``.

        Args:
            pool: The pool to create it in.
            source: A path, a binary file, an async iterator of bytes or bytes.
            name: The new volume's name (default: the one in the backup).
            wait: Wait for the import to finish.

        Returns:
            The reply (``.operation`` is the import operation).

        Raises:
            IncusOperationError: If the file is not a valid backup, or a
                volume of that name exists.
        """
        headers = {"X-Incus-name": name} if name is not None else {}
        return await finish(await upload(self._core, api_path(*_volumes(pool, "custom")), source, headers), wait)

    async def import_iso(self, pool: str, source: UploadSource, name: str, *, wait: bool = True) -> Response:
        """Create a custom ``iso`` volume from an ISO image, streamed from ``source``.

        Args:
            pool: The pool.
            source: A path, a binary file, an async iterator of bytes or bytes.
            name: The volume name.
            wait: Wait for the import to finish.
        """
        headers = {"X-Incus-name": name, "X-Incus-type": "iso"}
        return await finish(await upload(self._core, api_path(*_volumes(pool, "custom")), source, headers), wait)
