"""Storage buckets: ``/1.0/storage-pools/{pool}/buckets[/{name}/keys|backups]``.

``client.storage_pools.buckets`` manages S3 buckets served by a pool, with
``.keys`` for their access keys and ``.backups`` for their backups. The
server needs an S3 backend for the pool: drivers with an object store
(``cephobject``), or local pools with MinIO installed on the server and
``core.storage_buckets_address`` set; elsewhere creating a bucket fails
with the server's reason (e.g. ``Couldn't find the MinIO client tool``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, List, Mapping

from .._core import Response
from .._paths import api_path
from .._transfer import CHUNK_SIZE, FileTarget, UploadSource, download, iter_download, upload
from ..models._base import IncusModel
from ..models.storage import (
    StorageBucket,
    StorageBucketBackup,
    StorageBucketBackupPost,
    StorageBucketKey,
    StorageBucketKeyPut,
    StorageBucketPut,
)
from ._base import SubAPI
from ._storage_common import Collection, drop_none, finish

Body = Mapping[str, Any] | IncusModel


def _buckets(pool: str) -> tuple[str, ...]:
    return ("storage-pools", pool, "buckets")


class StorageBucketKeysAPI(SubAPI):
    """Access keys of buckets (``.../buckets/{bucket}/keys``)."""

    def __init__(self, core: Any, client: Any = None) -> None:
        super().__init__(core, client)
        self._items = Collection(core, client, StorageBucketKey, StorageBucketKeyPut)

    @staticmethod
    def _base(pool: str, bucket: str) -> tuple[str, ...]:
        return (*_buckets(pool), bucket, "keys")

    async def list(self, pool: str, bucket: str, recursion: int = 1) -> List[StorageBucketKey]:
        """List a bucket's keys."""
        return await self._items.list(self._base(pool, bucket), recursion=recursion)

    async def names(self, pool: str, bucket: str) -> List[str]:
        """Return the names of a bucket's keys."""
        return await self._items.names(self._base(pool, bucket))

    async def get(self, pool: str, bucket: str, name: str) -> StorageBucketKey:
        """Get a key (with its secret).

        Raises:
            IncusNotFoundError: If there is no such key or bucket.
        """
        return await self._items.get(self._base(pool, bucket), name)

    async def create(
        self,
        pool: str,
        bucket: str,
        name: str,
        *,
        role: str | None = None,
        description: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
    ) -> Response:
        """Create an access key for a bucket.

        Args:
            pool: The pool.
            bucket: The bucket.
            name: The key name.
            role: ``read-only`` (default) or ``admin``.
            description: Its description.
            access_key: The access key (generated if not given).
            secret_key: The secret key (generated if not given).

        Returns:
            The reply; its ``metadata`` is the new key with its secrets.
        """
        body = drop_none(name=name, role=role, description=description)
        body.update(drop_none(**{"access-key": access_key, "secret-key": secret_key}))
        return await self._items.create(self._base(pool, bucket), body)

    async def replace(self, pool: str, bucket: str, name: str, config: Body, *, etag: str | None = None) -> Response:
        """Replace a key's fields (``role``, ``description``, ``access-key``, ``secret-key``).

        Raises:
            ValueError: For fields a key does not have.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._items.write("PUT", self._base(pool, bucket), name, config, etag=etag, caller="replace")

    async def delete(self, pool: str, bucket: str, name: str) -> Response:
        """Delete a key."""
        return await self._items.delete(self._base(pool, bucket), name)


class StorageBucketBackupsAPI(SubAPI):
    """Backups of buckets (``.../buckets/{bucket}/backups``)."""

    def __init__(self, core: Any, client: Any = None) -> None:
        super().__init__(core, client)
        self._items = Collection(core, client, StorageBucketBackup, StorageBucketBackupPost)

    @staticmethod
    def _base(pool: str, bucket: str) -> tuple[str, ...]:
        return (*_buckets(pool), bucket, "backups")

    async def list(self, pool: str, bucket: str, recursion: int = 1) -> List[StorageBucketBackup]:
        """List a bucket's backups."""
        return await self._items.list(self._base(pool, bucket), recursion=recursion)

    async def get(self, pool: str, bucket: str, name: str) -> StorageBucketBackup:
        """Get one backup of a bucket."""
        return await self._items.get(self._base(pool, bucket), name)

    async def create(
        self,
        pool: str,
        bucket: str,
        name: str | None = None,
        *,
        expires_at: str | None = None,
        compression_algorithm: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Back a bucket up on the server (see :meth:`export` to download it)."""
        body = drop_none(name=name, expires_at=expires_at, compression_algorithm=compression_algorithm)
        return await self._items.create(self._base(pool, bucket), body, wait=wait)

    async def rename(self, pool: str, bucket: str, name: str, new_name: str, *, wait: bool = True) -> Response:
        """Rename a bucket backup."""
        return await self._items.post(self._base(pool, bucket), name, {"name": new_name}, wait=wait)

    async def delete(self, pool: str, bucket: str, name: str, *, wait: bool = True) -> Response:
        """Delete a bucket backup."""
        return await self._items.delete(self._base(pool, bucket), name, wait=wait)

    async def export(
        self, pool: str, bucket: str, name: str, destination: FileTarget, *, chunk_size: int = CHUNK_SIZE
    ) -> int:
        """Download a bucket backup, streamed, to a path or binary file; return its size."""
        path = api_path(*self._base(pool, bucket), name, "export")
        return await download(self._core, path, destination, chunk_size=chunk_size)

    def iter_export(self, pool: str, bucket: str, name: str, *, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        """Yield a bucket backup's bytes chunk by chunk."""
        return iter_download(self._core, api_path(*self._base(pool, bucket), name, "export"), chunk_size=chunk_size)


class StorageBucketsAPI(SubAPI):
    """S3 buckets of storage pools, with ``.keys`` and ``.backups``.

    Attributes:
        keys: Bucket access keys.
        backups: Bucket backups.
    """

    def __init__(self, core: Any, client: Any = None) -> None:
        super().__init__(core, client)
        self._items = Collection(core, client, StorageBucket, StorageBucketPut)
        self.keys = StorageBucketKeysAPI(core, client)
        self.backups = StorageBucketBackupsAPI(core, client)

    async def list(
        self, pool: str, recursion: int = 1, *, filter: str | None = None, all_projects: bool = False
    ) -> List[StorageBucket]:
        """List the buckets of a pool.

        Args:
            pool: The pool.
            recursion: ``1`` for full buckets, ``0`` for names only.
            filter: A server-side filter.
            all_projects: Buckets of every project.
        """
        params = {"filter": filter, "all-projects": True if all_projects else None}
        return await self._items.list(_buckets(pool), recursion=recursion, params=params)

    async def names(self, pool: str) -> List[str]:
        """Return the names of a pool's buckets."""
        return await self._items.names(_buckets(pool))

    async def get(self, pool: str, name: str) -> StorageBucket:
        """Get a bucket (with its ETag).

        Raises:
            IncusNotFoundError: If there is no such bucket.
        """
        return await self._items.get(_buckets(pool), name)

    async def create(
        self, pool: str, name: str, config: dict[str, Any] | None = None, *, description: str | None = None
    ) -> Response:
        """Create a bucket.

        Args:
            pool: The pool.
            name: The bucket name (3-63 lowercase letters, digits, ``.``, ``-``).
            config: Its configuration (``size``...).
            description: Its description.

        Returns:
            The reply; its ``metadata`` is the bucket's first (admin) key.

        Raises:
            IncusBadRequestError: For an invalid name.
            IncusAPIError: If the pool cannot serve buckets (no S3 backend).
        """
        body = drop_none(name=name, config=config, description=description)
        return await self._items.create(_buckets(pool), body)

    async def update(self, pool: str, name: str, config: Body, *, etag: str | None = None) -> Response:
        """Change some of a bucket's fields (``config`` keys merged, ``description``)."""
        return await self._items.write("PATCH", _buckets(pool), name, config, etag=etag, caller="update")

    async def replace(self, pool: str, name: str, config: Body, *, etag: str | None = None) -> Response:
        """Replace a bucket's writable fields (``If-Match`` with ``etag``)."""
        return await self._items.write("PUT", _buckets(pool), name, config, etag=etag, caller="replace")

    async def delete(self, pool: str, name: str) -> Response:
        """Delete a bucket and everything in it."""
        return await self._items.delete(_buckets(pool), name)

    async def import_backup(
        self, pool: str, source: UploadSource, *, name: str | None = None, wait: bool = True
    ) -> Response:
        """Create a bucket from a backup file, streamed from ``source``.

        Args:
            pool: The pool.
            source: A path, a binary file, an async iterator of bytes or bytes.
            name: The bucket name (default: the one in the backup).
            wait: Wait for the import to finish.
        """
        headers = {"X-Incus-name": name} if name is not None else {}
        return await finish(await upload(self._core, api_path(*_buckets(pool)), source, headers), wait)
