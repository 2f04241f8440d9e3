"""Instance snapshots, backups (export / import), logs, metadata and templates
against the real daemon, in the ``project`` fixture's project."""

from __future__ import annotations

import datetime
import io
import os
import tarfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from incus_sdk import (
    Client,
    IncusAPIError,
    IncusBadRequestError,
    IncusNotFoundError,
    IncusOperationError,
    IncusPreconditionFailedError,
    api_path,
)
from incus_sdk.models.instance import (
    ImageMetadata,
    ImageMetadataTemplate,
    Instance,
    InstanceBackup,
    InstanceMetadata,
    InstanceSnapshot,
)

from .conftest import TEST_IMAGE, incus, incus_json

Unique = Callable[[str], str]


def sh(project: Client, name: str, script: str) -> str:
    """Run a shell script in an instance with the CLI (independent of the SDK's exec)."""
    assert project.project is not None
    return incus("--project", project.project, "exec", name, "--", "sh", "-c", script)


async def make(project: Client, name: str, *, start: bool = False) -> Instance:
    inst = await project.instances.create(name, image=TEST_IMAGE, start=start, wait=True)
    assert isinstance(inst, Instance)
    return inst


# -- snapshots ---------------------------------------------------------------------


async def test_snapshot_lifecycle_and_restore(project: Client, unique: Unique) -> None:
    name = unique("snap")
    await make(project, name, start=True)
    sh(project, name, "echo before > /root/file")

    expiry = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + datetime.timedelta(days=2)
    response = await project.instances.create_snapshot(name, "s0", expires_at=expiry)
    assert response.operation is not None and response.operation.status == "Success"
    await project.instances.create_snapshot(name)  # server-chosen name

    snaps = await project.instances.list_snapshots(name)
    assert all(isinstance(s, InstanceSnapshot) for s in snaps)
    names = sorted(s.name for s in snaps)
    assert "s0" in names and len(names) == 2
    assert sorted(s.name for s in await project.instances.list_snapshots(name, recursion=0)) == names
    cli = {s["name"]: s for s in incus_json("list", name, project=project.project)[0]["snapshots"]}
    assert set(cli) == set(names)

    s0 = await project.instances.get_snapshot(name, "s0")
    assert s0.expires_at == expiry

    later = expiry + datetime.timedelta(days=1)
    await project.instances.update_snapshot(name, "s0", expires_at=later)
    assert (await project.instances.get_snapshot(name, "s0")).expires_at == later
    await project.instances.update_snapshot(name, "s0", expires_at=None)
    never = (await project.instances.get_snapshot(name, "s0")).expires_at
    assert never is None or never.year == 1

    await project.instances.rename_snapshot(name, "s0", "base")
    with pytest.raises(IncusNotFoundError):
        await project.instances.get_snapshot(name, "s0")
    assert (await project.instances.get_snapshot(name, "base")).name == "base"

    # A file changed after the snapshot comes back as it was.
    sh(project, name, "echo after > /root/file")
    await project.instances.restore_snapshot(name, "base")
    assert sh(project, name, "cat /root/file").strip() == "before"

    other = next(n for n in names if n != "s0")
    await project.instances.delete_snapshot(name, other)
    assert [s.name for s in await project.instances.list_snapshots(name)] == ["base"]
    assert [s["name"] for s in incus_json("list", name, project=project.project)[0]["snapshots"]] == ["base"]

    with pytest.raises(IncusOperationError, match="UNIQUE constraint failed"):
        await project.instances.create_snapshot(name, "base")
    with pytest.raises(IncusNotFoundError):
        await project.instances.get_snapshot(name, "nope")
    with pytest.raises(IncusOperationError, match="does not exist"):
        await project.instances.restore_snapshot(name, "nope")
    assert sh(project, name, "cat /root/file").strip() == "before"


async def test_snapshot_via_model(project: Client, unique: Unique) -> None:
    name = unique("ms")
    inst = await make(project, name)
    await inst.snapshot("m0")
    assert [s.name for s in await project.instances.list_snapshots(name)] == ["m0"]


# -- backups -----------------------------------------------------------------------


async def test_backup_lifecycle_export_and_import(project: Client, unique: Unique, tmp_path: Path) -> None:
    name = unique("bak")
    await make(project, name, start=True)
    sh(project, name, "echo from-backup > /root/mark")
    await project.instances.create_snapshot(name, "s0")

    expiry = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + datetime.timedelta(days=1)
    await project.instances.create_backup(name, "b0", expires_at=expiry, compression_algorithm="gzip")
    await project.instances.create_backup(name, "b1", instance_only=True, compression_algorithm="none")

    backups = await project.instances.list_backups(name)
    assert all(isinstance(b, InstanceBackup) for b in backups)
    assert sorted(b.name for b in backups) == ["b0", "b1"]
    assert sorted(b.name for b in await project.instances.list_backups(name, recursion=0)) == ["b0", "b1"]
    b0 = await project.instances.get_backup(name, "b0")
    assert b0.expires_at == expiry and not b0.instance_only
    assert (await project.instances.get_backup(name, "b1")).instance_only

    await project.instances.rename_backup(name, "b1", "plain")
    assert sorted(b.name for b in await project.instances.list_backups(name)) == ["b0", "plain"]
    with pytest.raises(IncusNotFoundError):
        await project.instances.get_backup(name, "b1")

    # Export to a path, and to an open file object, in small chunks.
    path = tmp_path / "b0.tar.gz"
    size = await project.instances.export_backup(name, "b0", path, chunk_size=64 * 1024)
    assert size == path.stat().st_size > 0
    with tarfile.open(path, "r:gz") as tar:
        members = tar.getnames()
    assert "backup/index.yaml" in members
    assert any(m.startswith("backup/snapshots/s0") for m in members)
    buffer = io.BytesIO()
    assert await project.instances.export_backup(name, "plain", buffer) == len(buffer.getvalue()) > 0
    with tarfile.open(fileobj=io.BytesIO(buffer.getvalue()), mode="r:") as tar:
        assert not any("snapshots/" in m for m in tar.getnames())

    # Import from the path under another name: it boots and has the file.
    copy1 = unique("imp")
    await project.instances.import_backup(path, name=copy1, pool="default")
    imported = await project.instances.get(copy1)
    assert imported.name == copy1
    assert [s.name for s in await project.instances.list_snapshots(copy1)] == ["s0"]
    await project.instances.start(copy1, wait=True)
    assert incus_json("list", copy1, project=project.project)[0]["status"] == "Running"
    assert sh(project, copy1, "cat /root/mark").strip() == "from-backup"

    # Import from an async chunk iterator and from an open file.
    async def chunks() -> AsyncIterator[bytes]:
        with open(path, "rb") as f:
            while chunk := f.read(100_000):
                yield chunk

    copy2, copy3 = unique("imp"), unique("imp")
    await project.instances.import_backup(chunks(), name=copy2)
    with open(path, "rb") as f:
        await project.instances.import_backup(f, name=copy3)
    assert {copy1, copy2, copy3} <= {i["name"] for i in incus_json("list", project=project.project)}

    # A backup whose name is taken is refused and changes nothing.
    with pytest.raises(IncusOperationError, match="already exists"):
        await project.instances.import_backup(path, name=copy1)
    assert incus_json("list", copy1, project=project.project)[0]["status"] == "Running"

    # Garbage is refused and leaves no instance behind.
    before = {i["name"] for i in incus_json("list", project=project.project)}
    with pytest.raises(IncusAPIError, match="Unsupported compression"):
        await project.instances.import_backup(b"this is not a tarball" * 100, name=unique("junk"))
    assert {i["name"] for i in incus_json("list", project=project.project)} == before

    await project.instances.delete_backup(name, "b0")
    assert [b.name for b in await project.instances.list_backups(name)] == ["plain"]
    with pytest.raises(IncusNotFoundError):
        await project.instances.export_backup(name, "b0", tmp_path / "gone")
    assert not os.path.exists(tmp_path / "gone") or os.path.getsize(tmp_path / "gone") == 0


# -- logs, metadata, templates -------------------------------------------------------


async def test_logs(project: Client, unique: Unique) -> None:
    name = unique("log")
    await make(project, name, start=True)
    logs = await project.instances.list_logs(name)
    assert "lxc.log" in logs
    text = await project.instances.get_log(name, "lxc.log")
    assert isinstance(text, str)
    # The server only serves names it knows the shape of.
    with pytest.raises(IncusBadRequestError, match="not valid"):
        await project.instances.get_log(name, "no-such.log")
    # lxc.log / lxc.conf are protected; other .log files can go.
    with pytest.raises(IncusAPIError):
        await project.instances.delete_log(name, "lxc.log")
    assert "lxc.log" in await project.instances.list_logs(name)


async def test_exec_outputs(project: Client, unique: Unique) -> None:
    name = unique("xo")
    await make(project, name, start=True)
    # A recorded exec through the raw API (the exec SDK is tested on its own).
    reply = await project.api.post(
        api_path("instances", name, "exec"),
        {"command": ["sh", "-c", "echo out; echo err >&2"], "record-output": True, "wait-for-websocket": False},
    )
    assert reply.operation is not None
    await reply.operation
    files = await project.instances.list_exec_outputs(name)
    stdout = next(f for f in files if f.endswith(".stdout"))
    stderr = next(f for f in files if f.endswith(".stderr"))
    assert await project.instances.get_exec_output(name, stdout) == b"out\n"
    assert await project.instances.get_exec_output(name, stderr) == b"err\n"
    await project.instances.delete_exec_output(name, stdout)
    assert stdout not in await project.instances.list_exec_outputs(name)
    with pytest.raises(IncusNotFoundError):
        await project.instances.get_exec_output(name, stdout)


async def test_metadata_and_templates(project: Client, unique: Unique) -> None:
    name = unique("meta")
    await make(project, name)

    meta = await project.instances.get_metadata(name)
    assert isinstance(meta, ImageMetadata) and isinstance(meta, InstanceMetadata)
    assert meta.properties["os"] == "busybox"
    assert meta.etag

    await project.instances.update_metadata(name, {"properties": {**meta.properties, "note": "patched"}})
    after = await project.instances.get_metadata(name)
    assert after.properties["note"] == "patched"

    # Templates: create, read, list, wire into the metadata, see it rendered on start.
    await project.instances.create_template(name, "greeting.tpl", "hello {{ instance.name }}\n")
    assert await project.instances.list_templates(name) == ["greeting.tpl"]
    assert await project.instances.get_template(name, "greeting.tpl") == "hello {{ instance.name }}\n"
    wired = after.model_copy(deep=True)
    wired.templates["/root/greeting"] = ImageMetadataTemplate(template="greeting.tpl", when=["start"])
    await project.instances.replace_metadata(name, wired, etag=after.etag)
    assert "/root/greeting" in (await project.instances.get_metadata(name)).templates
    await project.instances.start(name, wait=True)
    assert sh(project, name, "cat /root/greeting").strip() == f"hello {name}"

    # A replace or patch based on a stale read is refused.
    with pytest.raises(IncusPreconditionFailedError):
        await project.instances.replace_metadata(name, after, etag=after.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await project.instances.update_metadata(name, {"properties": {}}, etag=after.etag)
    assert "/root/greeting" in (await project.instances.get_metadata(name)).templates

    await project.instances.create_template(name, "greeting.tpl", b"bye\n")
    assert await project.instances.get_template(name, "greeting.tpl") == "bye\n"
    await project.instances.delete_template(name, "greeting.tpl")
    assert await project.instances.list_templates(name) == []
    with pytest.raises(IncusNotFoundError):
        await project.instances.get_template(name, "greeting.tpl")
    with pytest.raises(IncusNotFoundError):
        await project.instances.delete_template(name, "greeting.tpl")
