"""Storage pools and buckets against the real daemon: every method, every error.

Pools are global, so each test makes its own ``dir`` pool in a temporary
directory (``scratch_pool``) and removes it, with anything left in it, even
when the test fails. ``test_storage_volumes.py`` uses ``make_scratch_pool`` too.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest

from incus_sdk import (
    Client,
    IncusAPIError,
    IncusBadRequestError,
    IncusConflictError,
    IncusNotFoundError,
    IncusPreconditionFailedError,
    Response,
    api_path,
)
from incus_sdk.models.storage import ResourcesStoragePool, StoragePool, StorageVolume

from .conftest import incus_json, incus_query


async def purge_pool(client: Client, name: str) -> None:
    """Delete a test pool and every volume/bucket left in it (raw requests only)."""
    raw = client.api
    try:
        volumes = (
            await raw.get(api_path("storage-pools", name, "volumes"), {"recursion": 1, "all-projects": "true"})
        ).metadata
    except IncusNotFoundError:
        return
    # Snapshots are listed as "vol/snap"; deleting the volume takes them along.
    for vol in volumes or []:
        if "/" in vol["name"] or vol["type"] != "custom":
            continue
        try:
            await raw.request(
                "DELETE", api_path("storage-pools", name, "volumes", "custom", vol["name"]), {"project": vol["project"]}
            )
        except IncusAPIError:
            pass
    await raw.delete(api_path("storage-pools", name))


@asynccontextmanager
async def make_scratch_pool(client: Client, unique: Callable[[str], str]) -> AsyncIterator[tuple[str, str]]:
    """Create a ``dir`` pool in a temporary directory; remove both afterwards."""
    directory = tempfile.mkdtemp(prefix="sdk-pool-")
    name = unique("sdkpool")
    try:
        await client.storage_pools.create(name, "dir", {"source": directory})
        yield name, directory
    finally:
        await purge_pool(client, name)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
async def scratch_pool(client: Client, unique: Callable[[str], str]) -> AsyncIterator[tuple[str, str]]:
    """A fresh ``dir`` pool in a temporary directory: ``(name, directory)``."""
    async with make_scratch_pool(client, unique) as pool:
        yield pool


@pytest.fixture
async def pool_names(client: Client) -> AsyncIterator[list[str]]:
    """Pool names a test creates itself; each is removed afterwards if it exists."""
    created: list[str] = []
    yield created
    for name in created:
        if await client.storage_pools.exists(name):
            await purge_pool(client, name)


def cli_pool(name: str) -> dict[str, Any]:
    """The pool as the ``incus`` CLI reads it."""
    pool: dict[str, Any] = incus_query("/1.0/storage-pools/" + name)
    return pool


def cli_pool_names() -> list[str]:
    return [p["name"] for p in incus_json("storage", "list")]


# -- pools ------------------------------------------------------------------------


async def test_pool_create_get_list_resources_delete(
    client: Client, unique: Callable[[str], str], pool_names: list[str], tmp_path: Any
) -> None:
    name = unique("sdkpool")
    pool_names.append(name)
    directory = tempfile.mkdtemp(prefix="sdk-pool-", dir=tmp_path)

    response = await client.storage_pools.create(
        name, "dir", {"source": directory, "rsync.bwlimit": "10"}, "scratch pool"
    )
    assert isinstance(response, Response) and response["type"] == "sync"

    pool = await client.storage_pools.get(name)
    assert isinstance(pool, StoragePool)
    assert (pool.name, pool.driver, pool.description, pool.status) == (name, "dir", "scratch pool", "Created")
    assert pool.config["source"] == directory and pool.config["rsync.bwlimit"] == "10"
    assert pool.etag
    assert cli_pool(name)["config"]["source"] == directory

    listed = await client.storage_pools.list()
    assert name in [p.name for p in listed] and all(isinstance(p, StoragePool) for p in listed)
    assert [p.name for p in await client.storage_pools.list(recursion=0)] == await client.storage_pools.names()
    assert [p.name for p in await client.storage_pools.list(filter=f"name eq {name}")] == [name]
    assert await client.storage_pools.exists(name)

    resources = await client.storage_pools.resources(name)
    assert isinstance(resources, ResourcesStoragePool)
    assert resources.space.total > 0 and 0 < resources.space.used <= resources.space.total
    # The dir pool shares the host's filesystem: "used" moves, "total" does not.
    assert (await pool.resources()).space.total == resources.space.total
    assert incus_query(f"/1.0/storage-pools/{name}/resources")["space"]["total"] == resources.space.total

    deleted = await client.storage_pools.delete(name)
    assert deleted["status_code"] == 200
    assert not await client.storage_pools.exists(name)
    assert name not in cli_pool_names()


async def test_pool_update_merges_and_replace_honours_etag(client: Client, scratch_pool: tuple[str, str]) -> None:
    name, directory = scratch_pool
    sp = client.storage_pools

    await sp.update(name, {"config": {"rsync.bwlimit": "10", "user.a": "1"}})
    await sp.update(name, {"description": "patched"})
    shown = cli_pool(name)
    assert shown["config"] == {"source": directory, "rsync.bwlimit": "10", "user.a": "1"}
    assert shown["description"] == "patched"
    # None removes a key; nothing else changes.
    await sp.update(name, {"config": {"user.a": None}})
    shown = cli_pool(name)
    assert shown["config"] == {"source": directory, "rsync.bwlimit": "10"} and shown["description"] == "patched"
    # patch is the server's own PATCH (it merges config keys as well).
    await sp.patch(name, {"config": {"user.p": "1"}})
    assert cli_pool(name)["config"] == {"source": directory, "rsync.bwlimit": "10", "user.p": "1"}
    await sp.update(name, {"config": {"user.p": None}})

    pool = await sp.get(name)
    await sp.replace(name, {"config": {"source": directory, "user.note": "r"}, "description": "put"}, etag=pool.etag)
    shown = cli_pool(name)
    # PUT replaced the whole config: the bwlimit is gone.
    assert shown["config"] == {"source": directory, "user.note": "r"} and shown["description"] == "put"

    # The ETag read before the replace is stale now: refused, nothing changed.
    with pytest.raises(IncusPreconditionFailedError):
        await sp.replace(name, {"config": {"source": directory}, "description": "lost"}, etag=pool.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await sp.update(name, {"description": "lost"}, etag=pool.etag)
    assert cli_pool(name)["description"] == "put"

    # The model's methods: update, replace with its own ETag.
    fresh = await sp.get(name)
    await fresh.update({"config": {"user.model": "1"}})
    assert cli_pool(name)["config"]["user.model"] == "1"
    with pytest.raises(IncusPreconditionFailedError):
        await fresh.replace()  # read before the update above
    fresh = await sp.get(name)
    fresh.description = "via model"
    await fresh.replace()
    assert cli_pool(name)["description"] == "via model"


async def test_pool_bad_input_fails_cleanly(
    client: Client, scratch_pool: tuple[str, str], unique: Callable[[str], str], pool_names: list[str], tmp_path: Any
) -> None:
    name, _ = scratch_pool
    sp = client.storage_pools
    before = cli_pool(name)

    # Arguments the SDK can judge are refused before anything is sent.
    with pytest.raises(ValueError, match="writable fields"):
        await sp.update(name, {"rsync.bwlimit": "10"})  # a config key, not a field
    with pytest.raises(ValueError, match="config"):
        await sp.replace(name, {"config": "rsync.bwlimit=10"})
    with pytest.raises(ValueError):
        await sp.get("..")

    # The server's refusals, each leaving nothing behind.
    bad = unique("sdkpool")
    pool_names.append(bad)
    # Incus 6.0 answers an invalid pool config key with HTTP 500.
    with pytest.raises(IncusAPIError, match=r'Invalid option "bogus\.key"'):
        await sp.create(bad, "dir", {"source": str(tmp_path), "bogus.key": "1"})
    with pytest.raises(IncusAPIError, match=r"(?i)driver"):
        await sp.create(bad, "no-such-driver")
    with pytest.raises(IncusBadRequestError):
        await sp.create("bad/name", "dir")
    assert not await sp.exists(bad) and bad not in cli_pool_names()

    with pytest.raises(IncusConflictError):
        await sp.create(name, "dir", {"source": str(tmp_path)})
    with pytest.raises(IncusBadRequestError, match=r"(?i)bogus"):
        await sp.update(name, {"config": {"bogus.key": "1"}})
    assert cli_pool(name) == before

    with pytest.raises(IncusNotFoundError):
        await sp.get(unique("nopool"))
    with pytest.raises(IncusNotFoundError):
        await sp.delete(unique("nopool"))
    # Incus 6.0 answers this one with HTTP 500 "Storage pool not found".
    with pytest.raises(IncusAPIError, match="not found"):
        await sp.resources(unique("nopool"))

    # A pool in use cannot be deleted; it stays, with its volume.
    await sp.create_volume(name, "keep", "custom")
    with pytest.raises(IncusBadRequestError, match=r"(?i)in use"):
        await sp.delete(name)
    assert await sp.exists(name)
    assert [v.name for v in await sp.list_volumes(name, "custom")] == ["keep"]


async def test_pool_names_needing_escapes(client: Client, unique: Callable[[str], str], pool_names: list[str]) -> None:
    # Pool names may hold "?", "#" and "%"; the daemon's pool listing carries
    # them unescaped. Each stays one path segment and is listed as it is.
    name = unique("sdk?p#q%25")
    pool_names.append(name)
    directory = tempfile.mkdtemp(prefix="sdk-pool-")
    try:
        await client.storage_pools.create(name, "dir", {"source": directory})
        assert (await client.storage_pools.get(name)).name == name
        assert name in await client.storage_pools.names()
        assert name in [p.name for p in await client.storage_pools.list(recursion=0)]
        assert name in cli_pool_names()
        await client.storage_pools.volumes.create(name, "v")
        assert [v.pool for v in await client.storage_pools.volumes.list(name, recursion=0)] == [name]
        await client.storage_pools.volumes.delete(name, "v")
        await client.storage_pools.delete(name)
        assert name not in cli_pool_names()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


async def test_pool_model_seed_methods(client: Client, scratch_pool: tuple[str, str]) -> None:
    name, _ = scratch_pool
    pool = await client.storage_pools.get(name)
    assert repr(pool) == f"<StoragePool: {name} (dir)>"

    volume = await pool.create_volume("vol-a", "custom", {"user.a": "1"}, description="made by the model")
    assert isinstance(volume, StorageVolume)
    assert (volume.name, volume.pool, volume.type, volume.config) == ("vol-a", name, "custom", {"user.a": "1"})
    assert incus_query(f"/1.0/storage-pools/{name}/volumes/custom/vol-a")["description"] == "made by the model"
    assert [v.name for v in await pool.list_volumes()] == ["vol-a"]
    assert [v.name for v in await pool.list_volumes("custom")] == ["vol-a"]
    assert (await pool.get_volume("vol-a")).config == {"user.a": "1"}
    assert await pool.list_buckets() == []

    await volume.delete()
    assert incus_json("storage", "volume", "list", name) == []
    await pool.delete()
    assert name not in cli_pool_names()


# -- buckets -------------------------------------------------------------------------


async def test_buckets_refused_clearly_without_an_s3_backend(
    client: Client, scratch_pool: tuple[str, str], unique: Callable[[str], str], tmp_path: Any
) -> None:
    # This daemon has no MinIO: a dir pool cannot serve buckets, and says so.
    name, _ = scratch_pool
    buckets = client.storage_pools.buckets

    with pytest.raises(IncusAPIError, match="Size cannot be specified"):
        await buckets.create(name, "sdk-bucket", {"size": "1GiB"})
    with pytest.raises(IncusAPIError, match=r"(?i)minio") as refused:
        await buckets.create(name, "sdk-bucket", {}, description="d")
    assert refused.value.status_code == 500
    assert "sdk-bucket" not in incus_query(f"/1.0/storage-pools/{name}/buckets")
    assert await buckets.list(name) == [] and await buckets.names(name) == []
    assert await buckets.list(name, all_projects=True) == []

    # Invalid names are refused before the backend is even tried (HTTP 500 in 6.0).
    with pytest.raises(IncusAPIError, match="Bucket name must be between 3 and 63"):
        await buckets.create(name, "ab")

    with pytest.raises(IncusNotFoundError):
        await buckets.get(name, "sdk-bucket")
    assert not await buckets.exists(name, "sdk-bucket")
    with pytest.raises(IncusNotFoundError):
        await buckets.update(name, "sdk-bucket", {"description": "x"})
    with pytest.raises(IncusNotFoundError):
        await buckets.patch(name, "sdk-bucket", {"description": "x"})
    with pytest.raises(IncusNotFoundError):
        await buckets.replace(name, "sdk-bucket", {"config": {}})
    with pytest.raises(IncusNotFoundError):
        await buckets.delete(name, "sdk-bucket")
    with pytest.raises(IncusNotFoundError):
        await buckets.keys.create(name, "sdk-bucket", "reader", role="read-only")
    with pytest.raises(IncusNotFoundError):
        await buckets.keys.list(name, "sdk-bucket")
    with pytest.raises(IncusNotFoundError):
        await buckets.keys.get(name, "sdk-bucket", "reader")
    with pytest.raises(IncusNotFoundError):
        await buckets.keys.replace(name, "sdk-bucket", "reader", {"role": "admin"})
    with pytest.raises(IncusNotFoundError):
        await buckets.keys.update(name, "sdk-bucket", "reader", {"role": "admin"})
    assert not await buckets.keys.exists(name, "sdk-bucket", "reader")
    with pytest.raises(IncusNotFoundError):
        await buckets.keys.delete(name, "sdk-bucket", "reader")
    with pytest.raises(IncusNotFoundError):
        await buckets.keys.names(name, "sdk-bucket")
    with pytest.raises(IncusNotFoundError):
        await buckets.backups.list(name, "sdk-bucket")
    with pytest.raises(IncusNotFoundError):
        await buckets.backups.names(name, "sdk-bucket")
    assert not await buckets.backups.exists(name, "sdk-bucket", "b0")
    with pytest.raises(IncusNotFoundError):
        await buckets.backups.get(name, "sdk-bucket", "b0")
    with pytest.raises(IncusNotFoundError):
        await buckets.backups.rename(name, "sdk-bucket", "b0", "b1")
    with pytest.raises(IncusNotFoundError):
        await buckets.backups.delete(name, "sdk-bucket", "b0")
    with pytest.raises(IncusNotFoundError):
        _ = [chunk async for chunk in buckets.backups.iter_export(name, "sdk-bucket", "b0")]
    with pytest.raises(IncusNotFoundError):
        await buckets.backups.create(name, "sdk-bucket", "b0")
    with pytest.raises(IncusNotFoundError):
        await buckets.backups.export(name, "sdk-bucket", "b0", tmp_path / "b0.tar.gz")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("b0.tar.gz")]  # no target, no partial file

    # Writable-field checks happen before sending.
    with pytest.raises(ValueError, match="writable fields"):
        await buckets.update(name, "sdk-bucket", {"size": "1GiB"})
    with pytest.raises(ValueError, match="writable fields"):
        await buckets.keys.replace(name, "sdk-bucket", "reader", {"name": "x"})
    with pytest.raises(ValueError, match="writable fields"):
        await buckets.keys.update(name, "sdk-bucket", "reader", {"name": "x"})
    with pytest.raises(ValueError, match="config"):
        await buckets.create(name, "sdk-bucket", "size=1GiB")  # type: ignore[arg-type]

    # A file that is not a bucket backup is refused; nothing is created.
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"not a backup" * 100)
    with pytest.raises(IncusBadRequestError, match="Unsupported compression"):
        await buckets.import_backup(name, garbage, name="sdk-imported")
    assert await buckets.list(name) == []
