"""Storage buckets: ``/1.0/storage-pools/{pool}/buckets/{name}``, their keys and backups.

``client.storage_pools.buckets`` manages S3 buckets served by a pool, with
``.keys`` for their access keys and ``.backups`` for their backups. The
server needs an S3 backend for the pool: drivers with an object store
(``cephobject``), or local pools with MinIO installed on the server and
``core.storage_buckets_address`` set; elsewhere creating a bucket fails
with the server's reason (e.g. ``Couldn't find the MinIO client tool``).
Buckets live in the client's project when it has
``features.storage.buckets``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from functools import cached_property
from typing import Any, Dict, List, TypeVar

from .._core import Response
from .._transfer import CHUNK_SIZE, FileTarget, ProgressCallback
from ..models import _spec
from ..models._base import Resource
from ._collection import PARENT, Body, ChildCollection, Collection, Member
from ._storage import Backup, BackupImports, Backups, InPool

M = TypeVar("M", bound=Resource)


# -- resources ------------------------------------------------------------------------


class _InBucket(InPool):
    """A bucket's key or backup: where the bucket is."""

    @property
    def bucket(self) -> str:
        """The name of the bucket it belongs to."""
        return self._parent(1)


class StorageBucket(InPool, Member, _spec.StorageBucket):
    """An S3 bucket served by a storage pool.

    Attributes:
        name: The bucket name.
        description: Its description.
        config: Its configuration (``size``...).
        project: Its project.
        s3_url: Where its S3 API is.
    """

    _family = "storage_pools.buckets"

    async def keys(self) -> List[StorageBucketKey]:
        """List the bucket's access keys."""
        return await self._resolve(StorageBucketsAPI).keys.list(self.pool_name, self.name)


class StorageBucketKey(_InBucket, Member, _spec.StorageBucketKey):
    """An access key of a bucket.

    Attributes:
        name: The key name.
        description: Its description.
        role: ``admin`` or ``read-only``.
        access_key: The S3 access key (JSON ``access-key``).
        secret_key: The S3 secret key (JSON ``secret-key``).
    """

    _family = "storage_pools.buckets.keys"


class StorageBucketBackup(_InBucket, Backup, _spec.StorageBucketBackup):
    """A backup of a bucket, kept by the server until deleted (or expired).

    Besides ``name`` and ``expires_at``, ``compression_algorithm`` says how
    it is compressed.
    """

    _family = "storage_pools.buckets.backups"


# -- sub-APIs ---------------------------------------------------------------------------


class _BucketChildren(Collection[M]):
    """What a bucket's keys and backups share: ``.../buckets/{bucket}/<family>/{name}``.

    Every verb takes the pool and the bucket first, then the member's name.
    """

    async def list(self, pool: str, bucket: str, recursion: int = 1) -> List[M]:
        """List the members under a bucket.

        Args:
            recursion: ``1`` (default) for whole objects, ``0`` for objects
                carrying only their name.

        Raises:
            IncusNotFoundError: If there is no such pool or bucket.
        """
        return await self._list((pool, bucket), recursion)

    async def names(self, pool: str, bucket: str) -> List[str]:
        """Return the names of the members under a bucket (one request)."""
        return await self._names((pool, bucket))

    async def get(self, pool: str, bucket: str, name: str) -> M:
        """Get one member, with ``etag`` set.

        Raises:
            IncusNotFoundError: If there is no such pool, bucket or member.
        """
        return await self._get((pool, bucket), name)

    async def exists(self, pool: str, bucket: str, name: str) -> bool:
        """Return whether the member exists (False also when the bucket does not)."""
        return await self._exists((pool, bucket), name)

    async def delete(self, pool: str, bucket: str, name: str, *, wait: bool = True) -> Response:
        """Delete a member.

        Raises:
            IncusNotFoundError: If there is no such member.
        """
        return await self._delete((pool, bucket), name, wait=wait)


class StorageBucketKeysAPI(_BucketChildren[StorageBucketKey]):
    """Access keys of buckets (``client.storage_pools.buckets.keys``).

    ``list`` / ``names`` / ``get`` / ``exists`` / ``create`` / ``update`` /
    ``replace`` / ``delete`` mean what they mean in every family (see the
    Conventions page). Each takes the pool and the bucket first, then the
    key's name; as keywords, ``wait`` (wait until the server has finished,
    the default) and, on a write, ``etag`` (apply only if the key still has
    this ETag, sent as ``If-Match``). Incus has no ``PATCH`` for keys
    (``update`` reads, merges and writes with ``PUT``), and cannot rename
    them.
    """

    path = ("storage-pools", PARENT, "buckets", PARENT, "keys")
    model = StorageBucketKey
    post_model = _spec.StorageBucketKeysPost
    put_model = _spec.StorageBucketKeyPut

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
        wait: bool = True,
    ) -> Response:
        """Create an access key for a bucket; the reply's ``metadata`` is the new key with its secrets.

        Args:
            role: ``read-only`` (default) or ``admin``.
            description: Its description.
            access_key: The access key (generated if not given).
            secret_key: The secret key (generated if not given).
        """
        fields = {"role": role, "description": description, "access_key": access_key, "secret_key": secret_key}
        return await self._create((pool, bucket), name, None, fields, wait=wait)

    async def update(
        self, pool: str, bucket: str, name: str, config: Body, *, etag: str | None = None, wait: bool = True
    ) -> Response:
        """Change the fields given (``role``, ``description``, ``access-key``, ``secret-key``), keeping the other.

        Reads the key, merges, and writes it back with ``If-Match`` (see the
        Conventions page); with ``etag``, no retry.

        Args:
            config: The fields to change, e.g. ``{"role": "admin"}``.

        Raises:
            ValueError: For fields a key does not have.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._update((pool, bucket), name, config, etag=etag, wait=wait)

    async def replace(
        self, pool: str, bucket: str, name: str, config: Body, *, etag: str | None = None, wait: bool = True
    ) -> Response:
        """Replace a key's writable fields with ``config`` (``PUT``: a field left out is reset).

        Raises:
            ValueError: For fields a key does not have.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._replace((pool, bucket), name, config, etag=etag, wait=wait)


class StorageBucketBackupsAPI(_BucketChildren[StorageBucketBackup], Backups[StorageBucketBackup]):
    """Backups of buckets (``client.storage_pools.buckets.backups``).

    A backup is made and kept by the server: :meth:`export` streams it to a
    file, :meth:`StorageBucketsAPI.import_backup` makes a bucket from one.
    Backups cannot be edited (no ``update`` / ``replace``). Each method
    takes the pool and the bucket first, then the backup's name, and
    ``wait`` as a keyword (wait until the server has finished, the default).
    """

    path = ("storage-pools", PARENT, "buckets", PARENT, "backups")
    model = StorageBucketBackup
    post_model = _spec.StorageBucketBackupsPost

    async def create(
        self,
        pool: str,
        bucket: str,
        name: str | None = None,
        *,
        expires_at: str | datetime | None = None,
        compression_algorithm: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Back a bucket up on the server (see :meth:`export` to download it).

        With ``wait=False``, ``response.operation`` is the running operation.

        Args:
            name: The backup name (default: the server picks one).
            expires_at: When the server deletes it.
            compression_algorithm: e.g. ``gzip``, ``none``.
        """
        fields = {"expires_at": expires_at, "compression_algorithm": compression_algorithm}
        return await self._create((pool, bucket), name, None, fields, wait=wait)

    async def rename(self, pool: str, bucket: str, name: str, new_name: str, *, wait: bool = True) -> Response:
        """Rename a bucket backup to ``new_name``."""
        return await self._rename((pool, bucket), name, new_name, wait=wait)

    async def export(
        self,
        pool: str,
        bucket: str,
        name: str,
        destination: FileTarget,
        *,
        chunk_size: int = CHUNK_SIZE,
        progress: ProgressCallback | None = None,
    ) -> int:
        """Download a bucket backup, streamed: the arguments after the keys are :meth:`StorageBucketBackup.export`'s."""
        return await self._export((pool, bucket), name, destination, chunk_size, progress)

    def iter_export(self, pool: str, bucket: str, name: str, *, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        """Yield a bucket backup's bytes, at most ``chunk_size`` at a time (``async for chunk in ...``)."""
        return self._iter_export((pool, bucket), name, chunk_size)


class StorageBucketsAPI(BackupImports[StorageBucket], ChildCollection[StorageBucket]):
    """S3 buckets of storage pools (``client.storage_pools.buckets``).

    ``list`` / ``names`` / ``get`` / ``exists`` / ``create`` / ``update`` /
    ``patch`` / ``replace`` / ``delete`` mean what they mean in every family
    (see the Conventions page); each takes the pool first. Buckets cannot be
    renamed.
    """

    path = ("storage-pools", PARENT, "buckets")
    model = StorageBucket
    post_model = _spec.StorageBucketsPost
    put_model = _spec.StorageBucketPut

    @cached_property
    def keys(self) -> StorageBucketKeysAPI:
        """Bucket access keys (``.../buckets/{bucket}/keys``)."""
        return StorageBucketKeysAPI(self._core)

    @cached_property
    def backups(self) -> StorageBucketBackupsAPI:
        """Bucket backups (``.../buckets/{bucket}/backups``)."""
        return StorageBucketBackupsAPI(self._core)

    async def list(
        self, pool: str, recursion: int = 1, *, filter: str | None = None, all_projects: bool = False
    ) -> List[StorageBucket]:
        """List the buckets of a pool.

        Args:
            pool: The pool.
            recursion: ``1`` (default) for whole buckets, ``0`` for buckets
                carrying only their name.
            filter: A server-side filter.
            all_projects: The buckets of every project (each carries its
                ``project`` and acts in it).

        Returns:
            The buckets.

        Raises:
            IncusNotFoundError: If there is no such pool.
        """
        return await self._list((pool,), recursion, {"filter": filter, "all-projects": all_projects or None})

    async def create(  # type: ignore[override]  # 0.1.0's signature: config is the bucket's config map
        self,
        pool: str,
        name: str,
        config: Dict[str, Any] | None = None,
        *,
        description: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Create a bucket; the reply's ``metadata`` is the bucket's first (admin) key.

        Args:
            pool: The pool.
            name: The bucket name (3-63 lowercase letters, digits, ``.``, ``-``).
            config: Its configuration (``size``...).
            description: Its description.
            wait: Wait until the server has finished (default).

        Raises:
            ValueError: If ``config`` is not a mapping.
            IncusAPIError: For an invalid name, or if the pool cannot serve
                buckets (no S3 backend; HTTP 500 in Incus 6.0).
        """
        return await self._create((pool,), name, None, {"config": config, "description": description}, wait=wait)


__all__ = [
    "StorageBucket",
    "StorageBucketBackup",
    "StorageBucketBackupsAPI",
    "StorageBucketKey",
    "StorageBucketKeysAPI",
    "StorageBucketsAPI",
]
