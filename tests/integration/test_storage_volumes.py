"""Storage volumes, snapshots and backups against the real daemon.

Volumes are made in a throwaway project (``make_project``), in the
``default`` pool and in a scratch ``dir`` pool of the test's own. The
``dir`` driver keeps a custom volume as the directory
``<pool source>/custom/<project>_<volume>``, which lets the tests put
content in and check it independently of the SDK.
"""

from __future__ import annotations

import hashlib
import os
import tracemalloc
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from incus_sdk import (
    Client,
    IncusAPIError,
    IncusBadRequestError,
    IncusConflictError,
    IncusNotFoundError,
    IncusOperationError,
    IncusPreconditionFailedError,
    Response,
)
from incus_sdk.models.storage import (
    StorageVolume,
    StorageVolumeBackup,
    StorageVolumeSnapshot,
    StorageVolumeState,
)

from .conftest import TEST_IMAGE, incus, incus_query
from .test_storage_pools import make_scratch_pool

DEFAULT_SOURCE = "/var/lib/incus/storage-pools/default"


def volume_dir(source: str, project: str, volume: str) -> Path:
    """Where the dir driver keeps a custom volume's files."""
    return Path(source) / "custom" / f"{project}_{volume}"


def cli_volume(pool: str, volume: str, project: str, volume_type: str = "custom") -> dict[str, Any]:
    """The volume as the ``incus`` CLI reads it."""
    data: dict[str, Any] = incus_query(f"/1.0/storage-pools/{pool}/volumes/{volume_type}/{volume}?project={project}")
    return data


def cli_volume_names(pool: str, project: str, volume_type: str = "custom") -> list[str]:
    """Volume names as the CLI lists them (snapshots as ``vol/snap``)."""
    urls = incus_query(f"/1.0/storage-pools/{pool}/volumes/{volume_type}?project={project}")
    names = (unquote(url.split("?")[0].split(f"/volumes/{volume_type}/", 1)[1]) for url in urls)
    return sorted(name.replace("/snapshots/", "/") for name in names)


def cli_exists(pool: str, volume: str, project: str) -> bool:
    return volume in cli_volume_names(pool, project)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@pytest.fixture
async def scratch_pool(client: Client, unique: Callable[[str], str]) -> AsyncIterator[tuple[str, str]]:
    """A fresh ``dir`` pool of the test's own: ``(name, directory)``."""
    async with make_scratch_pool(client, unique) as pool:
        yield pool


@pytest.fixture
async def scoped(make_project: Callable[..., Any]) -> Client:
    """A client scoped to a fresh project with its own storage volumes."""
    client: Client = await make_project(**{"features.storage.volumes": "true"})
    return client


# -- CRUD ---------------------------------------------------------------------------


async def test_volume_crud_seed_methods(scoped: Client, client: Client, scratch_pool: tuple[str, str]) -> None:
    pool, source = scratch_pool
    project = str(scoped.project)
    sp = scoped.storage_pools

    created = await sp.create_volume(pool, "v1", "custom", {"user.a": "1"}, description="first")
    assert isinstance(created, Response) and created["type"] == "sync"
    assert volume_dir(source, project, "v1").is_dir()

    vol = await sp.get_volume(pool, "v1", "custom")
    assert isinstance(vol, StorageVolume)
    assert (vol.name, vol.pool, vol.type, vol.project, vol.content_type) == (
        "v1",
        pool,
        "custom",
        project,
        "filesystem",
    )
    assert vol.config == {"user.a": "1"} and vol.description == "first" and vol.etag
    assert repr(vol) == f"<StorageVolume: v1 ({pool})>"
    assert cli_volume(pool, "v1", project)["config"] == {"user.a": "1"}

    assert [v.name for v in await sp.list_volumes(pool)] == ["v1"]
    assert [v.name for v in await sp.list_volumes(pool, "custom", recursion=0)] == ["v1"]
    assert await sp.volumes.names(pool) == cli_volume_names(pool, project) == ["v1"]
    assert await sp.volumes.exists(pool, "v1") and not await sp.volumes.exists(pool, "nope")
    # Unscoped, across projects: the volume carries its project.
    everywhere = await client.storage_pools.volumes.list(pool, volume_type="custom", all_projects=True)
    assert [(v.name, v.project) for v in everywhere] == [("v1", project)]
    assert [v.name for v in await sp.volumes.list(pool, filter="name eq v1")] == ["v1"]
    assert await sp.volumes.names(pool, filter="name eq v1") == ["v1"]

    # update changes the config keys given; a description alone keeps the config.
    await sp.update_volume(pool, "v1", "custom", {"config": {"user.b": "2"}})
    await sp.volumes.update(pool, "v1", {"description": "patched"})
    shown = cli_volume(pool, "v1", project)
    assert shown["config"] == {"user.a": "1", "user.b": "2"} and shown["description"] == "patched"
    # None removes a key, and nothing else changes.
    await sp.volumes.update(pool, "v1", {"config": {"user.a": None}})
    shown = cli_volume(pool, "v1", project)
    assert shown["config"] == {"user.b": "2"} and shown["description"] == "patched"
    # patch is the server's own PATCH: it merges config keys too.
    await sp.volumes.patch(pool, "v1", {"config": {"user.a": "1"}})
    assert cli_volume(pool, "v1", project)["config"] == {"user.a": "1", "user.b": "2"}

    # PUT with the ETag read before: replaces everything; a stale ETag is refused.
    vol = await sp.volumes.get(pool, "v1")
    await sp.replace_volume(pool, "v1", "custom", {"config": {"user.c": "3"}, "description": "put"}, etag=vol.etag)
    shown = cli_volume(pool, "v1", project)
    assert shown["config"] == {"user.c": "3"} and shown["description"] == "put"
    with pytest.raises(IncusPreconditionFailedError):
        await sp.replace_volume(pool, "v1", "custom", {"config": {}}, etag=vol.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await sp.update_volume(pool, "v1", "custom", {"config": {"user.x": "1"}}, etag=vol.etag)
    assert cli_volume(pool, "v1", project)["config"] == {"user.c": "3"}

    # The model's methods.
    vol = await sp.volumes.get(pool, "v1")
    await vol.update({"config": {"user.model": "1"}})
    assert cli_volume(pool, "v1", project)["config"] == {"user.c": "3", "user.model": "1"}
    with pytest.raises(IncusPreconditionFailedError):
        await vol.replace()  # read before the update
    vol = await sp.volumes.get(pool, "v1")
    vol.config["user.c"] = "33"
    await vol.replace()
    assert cli_volume(pool, "v1", project)["config"]["user.c"] == "33"
    state = await vol.state()
    assert isinstance(state, StorageVolumeState)
    assert (
        state.to_dict()
        == StorageVolumeState.from_dict(
            incus_query(f"/1.0/storage-pools/{pool}/volumes/custom/v1/state?project={project}")
        ).to_dict()
    )

    # Rename: seed method, then the model's.
    await sp.rename_volume(pool, "v1", "custom", "v2")
    assert cli_volume_names(pool, project) == ["v2"]
    assert volume_dir(source, project, "v2").is_dir() and not volume_dir(source, project, "v1").exists()
    vol = await sp.volumes.get(pool, "v2")
    await vol.rename("v3")
    assert vol.name == "v3" and cli_volume_names(pool, project) == ["v3"]

    # A block volume: content type and size kept.
    await sp.volumes.create(pool, "blk", content_type="block", config={"size": "8MiB"})
    blk = await sp.volumes.get(pool, "blk")
    assert blk.content_type == "block" and blk.config["size"] == "8MiB"
    assert cli_volume(pool, "blk", project)["content_type"] == "block"

    await sp.delete_volume(pool, "blk", "custom")
    await vol.delete()
    assert cli_volume_names(pool, project) == [] and await sp.volumes.list(pool) == []
    assert not volume_dir(source, project, "v3").exists()


async def test_volume_bad_input_fails_cleanly(scoped: Client, scratch_pool: tuple[str, str]) -> None:
    pool, _ = scratch_pool
    project = str(scoped.project)
    volumes = scoped.storage_pools.volumes
    await volumes.create(pool, "keep", config={"user.a": "1"})
    before = cli_volume(pool, "keep", project)

    with pytest.raises(ValueError, match="writable fields"):
        await volumes.update(pool, "keep", {"size": "1GiB"})  # a config key, not a field
    with pytest.raises(ValueError, match="config"):
        await volumes.replace(pool, "keep", {"config": ["user.a"]})
    with pytest.raises(ValueError):
        await volumes.get(pool, "..")

    # Invalid config keys: HTTP 500 in Incus 6.0, and nothing created/changed.
    with pytest.raises(IncusAPIError, match=r'Invalid option .*"bogus\.key"'):
        await volumes.create(pool, "other", config={"bogus.key": "1"})
    with pytest.raises(IncusAPIError, match=r'Invalid option .*"bogus\.key"'):
        await volumes.update(pool, "keep", {"config": {"bogus.key": "1"}})
    with pytest.raises(IncusBadRequestError, match="/"):
        await volumes.create(pool, "a/b")
    with pytest.raises(IncusConflictError):
        await volumes.create(pool, "keep")
    await volumes.create(pool, "second")
    with pytest.raises(IncusConflictError):
        await volumes.rename(pool, "second", "keep")
    assert cli_volume_names(pool, project) == ["keep", "second"]
    assert cli_volume(pool, "keep", project) == before

    with pytest.raises(IncusBadRequestError, match=r"(?i)volume type"):
        await volumes.list(pool, volume_type="bogus")
    # volume_type is a keyword; a type where recursion goes is refused, not sent.
    with pytest.raises(TypeError, match="volume_type='container'"):
        await volumes.list(pool, "container")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="volume_type='custom'"):
        await volumes.snapshots.list(pool, "keep", "custom")  # type: ignore[arg-type]
    with pytest.raises(IncusNotFoundError):
        await volumes.get(pool, "nope")
    with pytest.raises(IncusNotFoundError):
        await volumes.delete(pool, "nope")
    with pytest.raises(IncusNotFoundError):
        await volumes.get(pool, "keep", volume_type="virtual-machine")
    with pytest.raises(IncusNotFoundError):
        await volumes.get("no-such-pool-x", "keep")


async def test_volume_names_needing_escapes_round_trip(scoped: Client, scratch_pool: tuple[str, str]) -> None:
    # Incus accepts spaces, '?', '#', '%' and non-ASCII in volume names (not
    # whitespace in snapshot names): each must stay one path segment. Its
    # snapshot listings carry such names unescaped; the SDK still reads them.
    pool, source = scratch_pool
    project = str(scoped.project)
    volumes = scoped.storage_pools.volumes
    for name in ("with space", "q?x#y%z", "ünï"):
        await volumes.create(pool, name)
        assert (await volumes.get(pool, name)).name == name
        assert volume_dir(source, project, name).is_dir()
        await volumes.snapshots.create(pool, name, "s%1")
        assert await volumes.snapshots.names(pool, name) == ["s%1"]
        assert [s.name for s in await volumes.snapshots.list(pool, name)] == ["s%1"]
    assert sorted(await volumes.names(pool)) == sorted(
        ["with space", "with space/s%1", "q?x#y%z", "q?x#y%z/s%1", "ünï", "ünï/s%1"]
    )
    assert sorted(await volumes.names(pool)) == cli_volume_names(pool, project)
    await volumes.rename(pool, "with space", "still spaced")
    assert "still spaced" in cli_volume_names(pool, project)
    for name in ("still spaced", "q?x#y%z", "ünï"):
        await volumes.delete(pool, name)
    assert cli_volume_names(pool, project) == []


# -- copy / move -----------------------------------------------------------------------


async def test_volume_copy_and_move_within_and_across_pools(
    scoped: Client, scratch_pool: tuple[str, str], make_project: Callable[..., Any]
) -> None:
    other, other_source = scratch_pool
    project = str(scoped.project)
    volumes = scoped.storage_pools.volumes

    await volumes.create("default", "src", config={"user.origin": "yes"})
    volume_dir(DEFAULT_SOURCE, project, "src").joinpath("hello").write_text("from the host\n")
    await volumes.snapshots.create("default", "src", "s1")

    # Same pool: content, config and snapshots come along.
    copied = await volumes.copy("default", "src", "copy1")
    assert copied.operation is not None and copied.operation.status == "Success"
    assert volume_dir(DEFAULT_SOURCE, project, "copy1").joinpath("hello").read_text() == "from the host\n"
    assert cli_volume("default", "copy1", project)["config"]["user.origin"] == "yes"
    assert await volumes.snapshots.names("default", "copy1") == ["s1"]

    # To the second pool, without snapshots, with its own config.
    await volumes.copy("default", "src", "copy2", target_pool=other, volume_only=True, config={"user.copy": "2"})
    assert volume_dir(other_source, project, "copy2").joinpath("hello").read_text() == "from the host\n"
    assert cli_volume(other, "copy2", project)["config"] == {"user.copy": "2"}
    assert await volumes.snapshots.names(other, "copy2") == []

    # Copying onto an existing volume fails and leaves it as it was.
    with pytest.raises((IncusConflictError, IncusOperationError)):
        await volumes.copy("default", "src", "copy2", target_pool=other)
    assert cli_volume(other, "copy2", project)["config"] == {"user.copy": "2"}

    # Move to the second pool under a new name: gone here, there with its snapshot.
    moved = await volumes.move("default", "copy1", other, new_name="moved")
    assert moved.operation is not None and moved.operation.status == "Success"
    assert not cli_exists("default", "copy1", project)
    assert volume_dir(other_source, project, "moved").joinpath("hello").read_text() == "from the host\n"
    assert await volumes.snapshots.names(other, "moved") == ["s1"]
    # And back, keeping the name.
    await volumes.move(other, "moved", "default")
    assert cli_exists("default", "moved", project) and not cli_exists(other, "moved", project)

    # Across projects: copy from this project into another, then move it back.
    elsewhere: Client = await make_project(**{"features.storage.volumes": "true"})
    there = str(elsewhere.project)
    await elsewhere.storage_pools.volumes.copy("default", "src", "imported", source_project=project, target_pool=other)
    assert volume_dir(other_source, there, "imported").joinpath("hello").read_text() == "from the host\n"
    await elsewhere.storage_pools.volumes.move(other, "imported", other, target_project=project)
    assert cli_exists(other, "imported", project) and not cli_exists(other, "imported", there)

    with pytest.raises(IncusNotFoundError):
        await volumes.move("default", "nope", other)
    with pytest.raises((IncusAPIError, IncusOperationError)):
        await volumes.copy("default", "nope", "x", target_pool=other)
    assert not cli_exists(other, "x", project)


# -- attached to an instance ------------------------------------------------------------


async def test_volume_attached_to_a_container_is_mounted_and_protected(
    scoped: Client, unique: Callable[[str], str]
) -> None:
    project = str(scoped.project)
    volumes = scoped.storage_pools.volumes
    name = unique("c")
    await volumes.create("default", "data")
    incus("launch", TEST_IMAGE, name, project=project)
    incus("storage", "volume", "attach", "default", "data", name, "data", "/mnt/data", project=project)

    mounts = incus("exec", "--project", project, name, "--", "cat", "/proc/mounts")
    assert " /mnt/data " in mounts
    incus("exec", "--project", project, name, "--", "sh", "-c", "echo written-inside > /mnt/data/inside")
    assert volume_dir(DEFAULT_SOURCE, project, "data").joinpath("inside").read_text() == "written-inside\n"

    vol = await volumes.get("default", "data")
    assert f"/1.0/instances/{name}?project={project}" in vol.used_by

    # In use: cannot be deleted or renamed; it stays, content intact.
    with pytest.raises(IncusBadRequestError, match=r"(?i)in use"):
        await vol.delete()
    with pytest.raises(IncusAPIError, match="still in use by running instances") as refused:
        await volumes.rename("default", "data", "renamed")
    assert refused.value.status_code == 500  # Incus 6.0 says 500 here, 400 for delete
    assert cli_exists("default", "data", project)
    assert volume_dir(DEFAULT_SOURCE, project, "data").joinpath("inside").exists()

    # The instance's own volume, by type.
    containers = await volumes.list("default", volume_type="container")
    assert name in [v.name for v in containers] and all(v.type == "container" for v in containers)
    assert [v.type for v in await volumes.list("default", 0, volume_type="container")] == ["container"]
    root = await volumes.get("default", name, volume_type="container")
    assert (root.name, root.type, root.pool) == (name, "container", "default")
    assert cli_volume("default", name, project, "container")["type"] == "container"
    assert isinstance(await volumes.state("default", name, volume_type="container"), StorageVolumeState)
    # Every type, in one listing: each volume knows its type.
    every = {(v.name, v.type) for v in await volumes.list("default", volume_type=None)}
    assert every == {(v.name, v.type) for v in await volumes.list("default", 0, volume_type=None)}
    assert {("data", "custom"), (name, "container")} <= every
    # Incus 6.0 PATCHes only custom volumes; update (read, merge, PUT) works for every type.
    with pytest.raises(IncusBadRequestError, match="Invalid storage volume type"):
        await volumes.patch("default", name, {"description": "x"}, volume_type="container")
    await volumes.update("default", name, {"description": "root of " + name}, volume_type="container")
    shown = cli_volume("default", name, project, "container")
    assert shown["description"] == "root of " + name and shown["config"] == root.config
    root = await volumes.get("default", name, volume_type="container")
    await volumes.replace("default", name, {"description": "replaced"}, volume_type="container", etag=root.etag)
    assert cli_volume("default", name, project, "container")["description"] == "replaced"
    assert await volumes.snapshots.list("default", name, volume_type="container") == []
    # Image and VM volumes: whatever the daemon has (none on dir), the SDK agrees with the CLI.
    for vtype in ("image", "virtual-machine"):
        assert sorted(v.name for v in await volumes.list("default", volume_type=vtype)) == cli_volume_names(
            "default", project, vtype
        )


# -- snapshots -----------------------------------------------------------------------------


async def test_volume_snapshots_and_restore(scoped: Client, scratch_pool: tuple[str, str]) -> None:
    pool, source = scratch_pool
    project = str(scoped.project)
    volumes = scoped.storage_pools.volumes
    snapshots = volumes.snapshots
    await volumes.create(pool, "vol")
    content = volume_dir(source, project, "vol") / "hello"
    content.write_text("one\n")

    made = await snapshots.create(pool, "vol", "s1")
    assert made.operation is not None and made.operation.status == "Success"
    snap = await snapshots.get(pool, "vol", "s1")
    assert isinstance(snap, StorageVolumeSnapshot) and snap.name == "s1" and snap.etag
    assert (snap.pool_name, snap.volume, snap.volume_type) == (pool, "vol", "custom")
    assert [s.name for s in await snapshots.list(pool, "vol")] == ["s1"]
    assert [s.name for s in await snapshots.list(pool, "vol", recursion=0)] == ["s1"]
    cli_snaps = incus_query(f"/1.0/storage-pools/{pool}/volumes/custom/vol/snapshots?project={project}")
    assert [u.split("?")[0].rsplit("/", 1)[1] for u in cli_snaps] == ["s1"]

    # The server lists snapshots among volumes, as "vol/s1".
    assert [v.name for v in await volumes.list(pool)] == ["vol", "vol/s1"]
    assert await volumes.names(pool) == ["vol", "vol/s1"]
    assert [v.name for v in await volumes.list(pool, include_snapshots=False)] == ["vol"]

    # Unnamed: the server picks one. wait=False hands back the running operation.
    started = await snapshots.create(pool, "vol", wait=False)
    assert started.operation is not None and started.operation.id
    await started.operation.wait(60)
    assert started.operation.status == "Success"
    assert await snapshots.names(pool, "vol") == ["s1", "snap0"]
    await snapshots.delete(pool, "vol", "snap0")

    await snapshots.update(pool, "vol", "s1", {"description": "first"})
    assert (
        incus_query(f"/1.0/storage-pools/{pool}/volumes/custom/vol/snapshots/s1?project={project}")["description"]
        == "first"
    )
    snap = await snapshots.get(pool, "vol", "s1")
    await snapshots.replace(pool, "vol", "s1", {"description": "put"}, etag=snap.etag)
    assert (await snapshots.get(pool, "vol", "s1")).description == "put"
    with pytest.raises(IncusPreconditionFailedError):
        await snapshots.replace(pool, "vol", "s1", {"description": "stale"}, etag=snap.etag)
    with pytest.raises(ValueError, match="writable fields"):
        await snapshots.update(pool, "vol", "s1", {"config": {}})
    assert (await snapshots.get(pool, "vol", "s1")).description == "put"

    await snapshots.rename(pool, "vol", "s1", "s2")
    assert await snapshots.names(pool, "vol") == ["s2"]
    with pytest.raises(IncusNotFoundError):
        await snapshots.get(pool, "vol", "s1")

    # Restore: the content goes back to the snapshot's.
    content.write_text("two\n")
    await volumes.restore(pool, "vol", "s2")
    assert content.read_text() == "one\n"
    content.write_text("three\n")
    await (await snapshots.get(pool, "vol", "s2")).restore()
    assert content.read_text() == "one\n"
    content.write_text("four\n")
    await (await volumes.get(pool, "vol")).restore_snapshot("s2")
    assert content.read_text() == "one\n"
    content.write_text("five\n")
    await snapshots.restore(pool, "vol", "s2")
    assert content.read_text() == "one\n"

    # Errors: each leaves the volume and its snapshots as they were.
    with pytest.raises(IncusConflictError):
        await snapshots.create(pool, "vol", "s2")
    with pytest.raises(IncusBadRequestError):
        await snapshots.create(pool, "vol", "a/b")
    with pytest.raises(IncusAPIError, match=r"(?i)snapshot not found"):
        await volumes.restore(pool, "vol", "nope")
    with pytest.raises(IncusNotFoundError):
        await snapshots.delete(pool, "vol", "nope")
    assert content.read_text() == "one\n" and await snapshots.names(pool, "vol") == ["s2"]

    # Model methods: the volume's snapshot(), the snapshot's update/rename/delete.
    await (await volumes.get(pool, "vol")).snapshot("s3")
    s3 = (await (await volumes.get(pool, "vol")).snapshots())[-1]
    assert s3.name == "s3"
    await s3.update({"description": "model"})
    await s3.rename("s4")
    assert s3.name == "s4" and (await snapshots.get(pool, "vol", "s4")).description == "model"
    await s3.delete()
    await snapshots.delete(pool, "vol", "s2")
    assert await snapshots.list(pool, "vol") == []
    assert incus_query(f"/1.0/storage-pools/{pool}/volumes/custom/vol/snapshots?project={project}") == []


# -- backups -------------------------------------------------------------------------------


async def test_volume_backup_export_and_import_streamed(
    scoped: Client, scratch_pool: tuple[str, str], tmp_path: Path
) -> None:
    pool, source = scratch_pool
    project = str(scoped.project)
    volumes = scoped.storage_pools.volumes
    backups = volumes.backups
    await volumes.create(pool, "data")
    root = volume_dir(source, project, "data")
    (root / "hello").write_text("backed up\n")
    blob_size = 8 << 20
    with open(root / "blob", "wb") as f:  # incompressible, so the backup is as big
        for _ in range(blob_size >> 20):
            f.write(os.urandom(1 << 20))
    blob_hash = sha256(root / "blob")
    await volumes.snapshots.create(pool, "data", "snap")

    made = await backups.create(pool, "data", "b1", compression_algorithm="gzip")
    assert made.operation is not None and made.operation.status == "Success"
    backup = await backups.get(pool, "data", "b1")
    assert isinstance(backup, StorageVolumeBackup) and backup.name == "b1" and backup.created_at is not None
    assert [b.name for b in await backups.list(pool, "data")] == ["b1"]
    assert await backups.names(pool, "data") == ["b1"]
    cli = incus_query(f"/1.0/storage-pools/{pool}/volumes/custom/data/backups?project={project}")
    assert [u.split("?")[0].rsplit("/", 1)[1] for u in cli] == ["b1"]
    await backups.rename(pool, "data", "b1", "b2")
    assert await backups.names(pool, "data") == ["b2"]

    # Export, streamed: memory stays far below the file's size.
    target = tmp_path / "data.tar.gz"
    tracemalloc.start()
    try:
        written = await backups.export(pool, "data", "b2", target, chunk_size=64 << 10)
        _, export_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert written == target.stat().st_size > blob_size
    assert target.read_bytes()[:2] == b"\x1f\x8b"  # gzip
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("data.tar.gz")] == ["data.tar.gz"]
    assert export_peak < 4 << 20, export_peak

    sizes = [len(chunk) async for chunk in backups.iter_export(pool, "data", "b2", chunk_size=64 << 10)]
    assert sum(sizes) == written and max(sizes) <= 64 << 10

    # Import from the path, streamed, under a new name.
    tracemalloc.start()
    try:
        imported = await volumes.import_backup(pool, target, name="restored")
        _, import_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert imported.operation is not None and imported.operation.status == "Success"
    assert import_peak < 4 << 20, import_peak
    restored = volume_dir(source, project, "restored")
    assert (restored / "hello").read_text() == "backed up\n" and sha256(restored / "blob") == blob_hash
    assert await volumes.snapshots.names(pool, "restored") == ["snap"]

    # From an open file and from an async iterator of bytes.
    with open(target, "rb") as f:
        await volumes.import_backup(pool, f, name="from-file")

    async def chunks() -> AsyncIterator[bytes]:
        with open(target, "rb") as f:
            while block := f.read(256 << 10):
                yield block

    await volumes.import_backup(pool, chunks(), name="from-iter")
    for name in ("from-file", "from-iter"):
        assert sha256(volume_dir(source, project, name) / "blob") == blob_hash

    # Importing onto an existing name fails; the existing volume is untouched.
    with pytest.raises((IncusConflictError, IncusOperationError, IncusAPIError)):
        await volumes.import_backup(pool, target, name="restored")
    assert (restored / "hello").read_text() == "backed up\n"
    # Not a backup at all: refused, nothing created.
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"not a backup" * 1000)
    with pytest.raises(IncusAPIError, match="Unsupported compression"):
        await volumes.import_backup(pool, garbage, name="garbage")
    assert not cli_exists(pool, "garbage", project)

    # Missing backups, and the model's export/delete.
    with pytest.raises(IncusNotFoundError):
        await backups.export(pool, "data", "nope", tmp_path / "nope.tar.gz")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("nope.tar.gz")]
    backup = await backups.get(pool, "data", "b2")
    assert await backup.export(tmp_path / "again.tar.gz") == written
    await backup.rename("b3")
    await backup.delete()
    assert await backups.list(pool, "data") == []
    await backups.create(pool, "data", volume_only=True)
    assert len(await backups.names(pool, "data")) == 1
    await backups.delete(pool, "data", (await backups.names(pool, "data"))[0])
    assert incus_query(f"/1.0/storage-pools/{pool}/volumes/custom/data/backups?project={project}") == []


async def test_volume_from_iso_image_streamed(scoped: Client, scratch_pool: tuple[str, str], tmp_path: Path) -> None:
    pool, source = scratch_pool
    project = str(scoped.project)
    volumes = scoped.storage_pools.volumes
    image = tmp_path / "disc.iso"
    image.write_bytes(os.urandom(1 << 20))

    made = await volumes.import_iso(pool, image, "disc")
    assert made.operation is not None and made.operation.status == "Success"
    vol = await volumes.get(pool, "disc")
    assert vol.content_type == "iso" and cli_volume(pool, "disc", project)["content_type"] == "iso"
    stored = [p for p in (Path(source) / "custom" / f"{project}_disc.iso").rglob("*") if p.is_file()]
    assert [sha256(p) for p in stored] == [sha256(image)]
    await volumes.import_iso(pool, image.read_bytes(), "disc2")  # bytes in memory work too
    assert cli_volume(pool, "disc2", project)["content_type"] == "iso"
    # ISO volumes cannot be snapshotted: the operation fails, nothing is made.
    with pytest.raises(IncusOperationError, match="does not support snapshots"):
        await vol.snapshot("s")
    assert await volumes.snapshots.names(pool, "disc") == []
    # A second import under the same name fails in the operation; the first stays.
    with pytest.raises(IncusOperationError, match="already exists"):
        await volumes.import_iso(pool, tmp_path / "disc.iso", "disc")
    assert [sha256(p) for p in stored] == [sha256(image)]


# -- the contract: waiting, bound objects ---------------------------------------------------


async def test_volume_writes_wait_false_hand_back_the_running_operation(
    scoped: Client, scratch_pool: tuple[str, str]
) -> None:
    pool, source = scratch_pool
    project = str(scoped.project)
    volumes = scoped.storage_pools.volumes
    await volumes.create(pool, "src")
    volume_dir(source, project, "src").joinpath("hello").write_text("copied\n")

    copying = await volumes.copy(pool, "src", "dst", wait=False)
    assert copying.operation is not None and copying.operation.status == "Running"
    assert await copying.wait(timeout=60) is copying
    assert copying.operation.status == "Success"
    assert volume_dir(source, project, "dst").joinpath("hello").read_text() == "copied\n"

    backing_up = await volumes.backups.create(pool, "src", "b0", wait=False)
    assert backing_up.operation is not None and backing_up.operation.status == "Running"
    await backing_up.wait(timeout=60)
    assert await volumes.backups.names(pool, "src") == ["b0"]
    assert await volumes.backups.exists(pool, "src", "b0")
    renaming = await volumes.backups.rename(pool, "src", "b0", "b1", wait=False)
    await renaming.wait(timeout=60)
    deleting = await volumes.backups.delete(pool, "src", "b1", wait=False)
    await deleting.wait(timeout=60)
    assert incus_query(f"/1.0/storage-pools/{pool}/volumes/custom/src/backups?project={project}") == []

    # The seed's flat methods take wait too, and wait by default.
    await scoped.storage_pools.rename_volume(pool, "dst", "custom", "dst2", wait=False)
    await scoped.storage_pools.delete_volume(pool, "dst2", "custom")
    assert not cli_exists(pool, "dst2", project)


async def test_listed_volumes_act_in_their_own_project(
    scoped: Client, client: Client, scratch_pool: tuple[str, str]
) -> None:
    pool, _ = scratch_pool
    project = str(scoped.project)
    await scoped.storage_pools.volumes.create(pool, "mine", config={"user.a": "1"})

    # Read by a client of another project, across projects: the volume acts in its own.
    [vol] = await client.storage_pools.volumes.list(pool, all_projects=True)
    assert (vol.name, vol.project, vol.pool) == ("mine", project, pool)
    await vol.update({"config": {"user.b": "2"}})
    assert cli_volume(pool, "mine", project)["config"] == {"user.a": "1", "user.b": "2"}
    await vol.snapshot("s0")
    [snap] = await vol.snapshots()
    assert (snap.name, snap.pool_name, snap.volume, snap.volume_type) == ("s0", pool, "mine", "custom")
    await snap.update({"description": "from afar"})
    assert (await scoped.storage_pools.volumes.snapshots.get(pool, "mine", "s0")).description == "from afar"
    await snap.delete()
    assert await scoped.storage_pools.volumes.snapshots.names(pool, "mine") == []

    # The model's patch and replace, under the same rules as the sub-API's.
    await vol.patch({"config": {"user.c": "3"}})
    assert cli_volume(pool, "mine", project)["config"]["user.c"] == "3"
    fresh = await scoped.storage_pools.volumes.get(pool, "mine")
    # (Incus 6.0 leaves a volume's ETag as it is when only its description changes.)
    await vol.update({"config": {"user.c": "33"}})
    with pytest.raises(IncusPreconditionFailedError):
        await fresh.replace({"config": {"user.only": "1"}})  # read before the change
    fresh = await scoped.storage_pools.volumes.get(pool, "mine")
    await fresh.replace({"config": {"user.only": "1"}})
    assert cli_volume(pool, "mine", project)["config"] == {"user.only": "1"}

    # Built by hand, as the seed SDK's users did: its fields say where it is.
    by_hand = StorageVolume(client=scoped, name="mine", pool=pool, type="custom")
    await by_hand.update({"description": "by hand"})
    assert cli_volume(pool, "mine", project)["description"] == "by hand"
    await by_hand.delete()
    assert not cli_exists(pool, "mine", project)
