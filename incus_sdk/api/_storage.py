"""Where the storage families depart from the engine's defaults, said once.

Pools, volumes, snapshots, backups, buckets and keys are all declarations
on the one collection engine (:mod:`incus_sdk.api._collection`); this
module holds what Incus 6.0 does its own way in them, for the storage
sub-APIs to plug into the engine's hooks:

* the listing URLs of pools and of volume snapshots carry the names
  unescaped (:func:`unescaped_key`);
* a volume listing includes the volumes' snapshots, as
  ``.../volumes/custom/v1/snapshots/s1`` (:func:`volume_in_url`), and a full
  snapshot listing names them ``v1/s1`` (:func:`own_name`);
* volumes and buckets carry their project, and those of an ``all_projects``
  listing act in it (the engine's ``_in_project``);
* backups (of instances, volumes and buckets) are made, renamed, deleted
  and exported, never edited (:class:`Backups`, :class:`Backup`), and a
  volume or a bucket is made from a backup file the same way
  (:class:`BackupImports`).

It also holds :class:`InPool`, what every object in a pool says about
where it is.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, ClassVar, TypeVar
from urllib.parse import unquote, urlsplit

from .._core import Response
from .._transfer import CHUNK_SIZE, Counter, FileTarget, ProgressCallback, UploadSource, iter_download, save_to
from ..models._base import Resource
from ._collection import Collection, KeyedResource

M = TypeVar("M", bound=Resource)


def unescaped_key(url: str, collection: str) -> str | None:
    """Return the key in a listing URL that the server wrote with the name unescaped.

    Incus 6.0 writes the URLs of pool and volume snapshot listings without
    escaping the names, which may hold ``?``, ``#``, ``%`` or spaces: the
    key is then everything after the collection's own (unescaped) path.

    Args:
        url: One URL of the listing.
        collection: The collection's path, as the SDK escapes it.

    Returns:
        The key, or None if ``url`` is not of that form.
    """
    prefix = unquote(collection) + "/"
    key = url[len(prefix) :] if url.startswith(prefix) else ""
    return key if key and "/" not in key else None


def volume_in_url(url: str) -> tuple[str, str]:
    """Return the type and name of the volume a volume listing's URL names.

    ``/1.0/storage-pools/p/volumes/custom/v1?project=x`` gives
    ``("custom", "v1")``. The server lists each volume's snapshots among the
    volumes (``.../custom/v1/snapshots/s1``); those are named ``v1/s1``, as
    full listings name them.

    Args:
        url: One URL of the listing (names escaped).

    Returns:
        ``(volume_type, name)``.
    """
    # "", "1.0", "storage-pools", pool, "volumes", type, volume[, "snapshots", snapshot]
    volume_type, *names = [unquote(segment) for segment in urlsplit(url).path.split("/")][5:]
    return volume_type, "/".join(names[::2])


def own_name(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return a snapshot's or backup's data with its own name (``s1``, not ``vol/s1``)."""
    return {**data, "name": str(data.get("name", "")).rsplit("/", 1)[-1]}


class InPool(Resource):
    """A storage object read from a pool: its parents' keys say where it is."""

    def _parent(self, index: int) -> str:
        # "" for an object built by hand, which knows no location.
        return self._parents[index] if len(self._parents) > index else ""

    @property
    def pool_name(self) -> str:
        """The name of the pool the object is in."""
        return self._parent(0)


class Backups(Collection[M]):
    """What volume and bucket backups share: the server makes and keeps them;
    they are renamed, deleted and exported, never edited (there is no ``PUT``)."""

    def _complete(self, data: dict[str, Any], parents: Sequence[str]) -> dict[str, Any]:
        return own_name(data)

    async def _export(
        self,
        parents: Sequence[str],
        name: str,
        destination: FileTarget,
        chunk_size: int,
        progress: ProgressCallback | None = None,
    ) -> int:
        """Stream a backup file into a path or binary file; return the bytes written.

        A path is written beside the target first and renamed into place
        (:func:`~incus_sdk._transfer.replacing`), so a failed export leaves
        nothing at the target.
        """
        async with self._core.stream("GET", self._url(parents, name, "export")) as reply:
            counter = Counter(total=reply.content_length)
            # Whatever has arrived, as it arrived (no copies; grouped into batches
            # by save()), unless the caller asked for smaller pieces.
            chunks = reply.iter_any() if chunk_size >= CHUNK_SIZE else reply.iter_chunks(chunk_size)
            return await save_to(chunks, destination, progress=progress, counter=counter, batch_size=chunk_size)

    def _iter_export(self, parents: Sequence[str], name: str, chunk_size: int) -> AsyncIterator[bytes]:
        return iter_download(self._core, self._url(parents, name, "export"), chunk_size=chunk_size)


class Backup(KeyedResource):
    """A backup read from :class:`Backups`: ``rename``, ``delete`` and ``export`` act on it.

    Every backup has its ``name``, ``expires_at`` (when the server deletes
    it) and, for instances and volumes, ``created_at`` and
    ``optimized_storage`` (whether it is in the pool driver's own format).
    """

    def _collection(self) -> Backups[Any]:
        return self._resolve(Backups)

    async def export(
        self, destination: FileTarget, *, chunk_size: int = CHUNK_SIZE, progress: ProgressCallback | None = None
    ) -> int:
        """Download the backup file, streamed, to a path or a binary file.

        The sub-APIs' ``export`` takes the same arguments after the keys.

        Args:
            destination: A path (written beside it first and renamed into
                place when complete: a failed export leaves nothing there)
                or a file opened for binary writing.
            chunk_size: Bytes held in memory at a time.
            progress: Called with ``Progress("download", done, total)`` as bytes arrive.

        Returns:
            The number of bytes written.

        Raises:
            IncusNotFoundError: If there is no such backup (nothing is written).
        """
        return await self._collection()._export(self._parents, self._key(), destination, chunk_size, progress)


class BackupImports(Collection[M]):
    """A pool's family whose members can be made from a backup file (volumes, buckets)."""

    #: The parents' keys after the pool's under which a backup is imported.
    _import_parents: ClassVar[tuple[str, ...]] = ()

    async def import_backup(
        self,
        pool: str,
        source: UploadSource,
        *,
        name: str | None = None,
        wait: bool = True,
        progress: ProgressCallback | None = None,
    ) -> Response:
        """Create a custom volume or a bucket (whichever this sub-API holds) from a backup file, streamed.

        The file is one that this sub-API's ``backups.export`` wrote.

        Args:
            pool: The pool to create it in.
            source: A path, a binary file, an async iterator of bytes or bytes.
            name: The new volume's or bucket's name (default: the one in the backup).
            wait: Wait until the import is done (default).
            progress: Called with ``Progress("upload", done, total)`` as
                bytes are sent, then with the server's progress while waiting.

        Returns:
            The server's reply.

        Raises:
            IncusAPIError: If the file is not a volume backup
                (``Unsupported compression``).
            IncusBadRequestError: If the file is not a bucket backup.
            IncusOperationError: If the backup cannot be restored, or one
                of that name exists.
        """
        parents = (pool, *self._import_parents)
        return await self._post_file(parents, source, {"X-Incus-name": name}, wait=wait, progress=progress)


__all__ = ["Backup", "BackupImports", "Backups", "InPool", "own_name", "unescaped_key", "volume_in_url"]
