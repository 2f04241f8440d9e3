"""Instance snapshots, backups (export / import), logs, exec outputs, metadata
and templates against the real daemon, in the ``project`` fixture's project:
the sub-APIs ``client.instances.snapshots``, ``.backups``, ``.logs``,
``.logs.exec_output``, ``.metadata`` and ``.metadata.templates``."""

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
    snapshots = project.instances.snapshots

    expiry = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + datetime.timedelta(days=2)
    response = await snapshots.create(name, "s0", expires_at=expiry)
    assert response.operation is not None and response.operation.status == "Success"
    await snapshots.create(name)  # server-chosen name

    snaps = await snapshots.list(name)
    assert all(isinstance(s, InstanceSnapshot) and s.instance == name for s in snaps)
    names = sorted(s.name for s in snaps)
    assert "s0" in names and len(names) == 2
    assert sorted(await snapshots.names(name)) == names
    assert sorted(s.name for s in await snapshots.list(name, recursion=0)) == names
    with pytest.raises(ValueError, match="filter"):
        await snapshots.list(name, filter="name eq s0")  # Incus would ignore it and list them all
    cli = {s["name"]: s for s in incus_json("list", name, project=project.project)[0]["snapshots"]}
    assert set(cli) == set(names)
    assert await snapshots.exists(name, "s0") and not await snapshots.exists(name, "nope")

    s0 = await snapshots.get(name, "s0")
    assert s0.expires_at == expiry and s0.etag

    later = expiry + datetime.timedelta(days=1)
    await snapshots.update(name, "s0", {"expires_at": later})
    assert (await snapshots.get(name, "s0")).expires_at == later
    # None means "never" (the server ignores a null expiry).
    await snapshots.update(name, "s0", {"expires_at": None})
    never = (await snapshots.get(name, "s0")).expires_at
    assert never is not None and never.year == 1
    # A replace based on a stale read is refused.
    with pytest.raises(IncusPreconditionFailedError):
        await snapshots.replace(name, "s0", {"expires_at": later}, etag=s0.etag)

    await snapshots.rename(name, "s0", "base")
    with pytest.raises(IncusNotFoundError):
        await snapshots.get(name, "s0")
    base = await snapshots.get(name, "base")
    assert base.name == "base"

    # A file changed after the snapshot comes back as it was.
    sh(project, name, "echo after > /root/file")
    await base.restore()
    assert sh(project, name, "cat /root/file").strip() == "before"
    sh(project, name, "echo after > /root/file")
    await snapshots.restore(name, "base")
    assert sh(project, name, "cat /root/file").strip() == "before"

    other = next(n for n in names if n != "s0")
    await snapshots.delete(name, other)
    assert [s.name for s in await snapshots.list(name)] == ["base"]
    assert [s["name"] for s in incus_json("list", name, project=project.project)[0]["snapshots"]] == ["base"]

    with pytest.raises(IncusOperationError, match="UNIQUE constraint failed"):
        await snapshots.create(name, "base")
    with pytest.raises(IncusNotFoundError):
        await snapshots.get(name, "nope")
    with pytest.raises(IncusOperationError, match="does not exist"):
        await snapshots.restore(name, "nope")
    assert sh(project, name, "cat /root/file").strip() == "before"


async def test_snapshot_objects_act_where_they_were_read(
    project: Client, make_project: Callable[..., object], unique: Unique
) -> None:
    name = unique("ms")
    inst = await make(project, name)
    await inst.snapshot("m0")
    # The same instance name in another project, with a snapshot of the same name.
    other = await make_project()  # type: ignore[misc]
    assert isinstance(other, Client)
    await make(other, name)
    await other.instances.snapshots.create(name, "m0")

    snap = (await project.instances.snapshots.list(name))[0]
    assert (snap.name, snap.instance) == ("m0", name)
    await snap.rename("m1")
    assert snap.name == "m1"
    await snap.delete()
    assert incus_json("list", name, project=project.project)[0]["snapshots"] in (None, [])
    assert [s["name"] for s in incus_json("list", name, project=other.project)[0]["snapshots"]] == ["m0"]

    response = await other.instances.snapshots.create(name, "slow", wait=False)
    assert response.operation is not None
    await response.wait()
    assert "slow" in await other.instances.snapshots.names(name)


async def test_snapshot_names_listed_unescaped(project: Client, unique: Unique) -> None:
    name = unique("esc")
    await make(project, name)
    # Incus lists these names unescaped, followed by ?project=: "%41" must stay "%41".
    for snap in ("p%41", "a#b", "ü"):
        incus("snapshot", "create", name, snap, project=project.project)
    assert sorted(await project.instances.snapshots.names(name)) == sorted(["p%41", "a#b", "ü"])
    listed = await project.instances.snapshots.list(name, recursion=0)
    assert sorted(s.name for s in listed) == sorted(["p%41", "a#b", "ü"])


# -- backups -----------------------------------------------------------------------


async def test_backup_lifecycle_export_and_import(project: Client, unique: Unique, tmp_path: Path) -> None:
    name = unique("bak")
    await make(project, name, start=True)
    sh(project, name, "echo from-backup > /root/mark")
    await project.instances.snapshots.create(name, "s0")
    backups = project.instances.backups

    expiry = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + datetime.timedelta(days=1)
    await backups.create(name, "b0", expires_at=expiry, compression_algorithm="gzip")
    response = await backups.create(name, "b1", instance_only=True, compression_algorithm="none", wait=False)
    assert response.operation is not None
    await response.wait()

    listed = await backups.list(name)
    assert all(isinstance(b, InstanceBackup) and b.instance == name for b in listed)
    assert sorted(b.name for b in listed) == ["b0", "b1"]
    assert sorted(b.name for b in await backups.list(name, recursion=0)) == ["b0", "b1"]
    assert sorted(await backups.names(name)) == ["b0", "b1"]
    assert await backups.exists(name, "b0") and not await backups.exists(name, "nope")
    b0 = await backups.get(name, "b0")
    assert b0.expires_at == expiry and not b0.instance_only
    assert (await backups.get(name, "b1")).instance_only
    assert not hasattr(b0, "update") and not hasattr(backups, "update")

    await backups.rename(name, "b1", "plain")
    assert sorted(await backups.names(name)) == ["b0", "plain"]
    with pytest.raises(IncusNotFoundError):
        await backups.get(name, "b1")

    # Export to a path, and to an open file object, in small chunks.
    path = tmp_path / "b0.tar.gz"
    size = await backups.export(name, "b0", path, chunk_size=64 * 1024)
    assert size == path.stat().st_size > 0
    with tarfile.open(path, "r:gz") as tar:
        members = tar.getnames()
    assert "backup/index.yaml" in members
    assert any(m.startswith("backup/snapshots/s0") for m in members)
    buffer = io.BytesIO()
    assert await backups.export(name, "plain", buffer) == len(buffer.getvalue()) > 0
    with tarfile.open(fileobj=io.BytesIO(buffer.getvalue()), mode="r:") as tar:
        assert not any("snapshots/" in m for m in tar.getnames())
    streamed = b"".join([chunk async for chunk in backups.iter_export(name, "plain", chunk_size=4096)])
    assert streamed == buffer.getvalue()
    # The bound object exports itself.
    assert await b0.export(tmp_path / "again.tar.gz") == size

    # Import from the path under another name: it boots and has the file.
    copy1 = unique("imp")
    await project.instances.import_backup(path, name=copy1, pool="default")
    imported = await project.instances.get(copy1)
    assert imported.name == copy1
    assert await project.instances.snapshots.names(copy1) == ["s0"]
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

    await b0.rename("first")
    assert b0.name == "first"
    await b0.delete()
    assert await backups.names(name) == ["plain"]
    with pytest.raises(IncusNotFoundError):
        await backups.export(name, "first", tmp_path / "gone")
    assert not os.path.exists(tmp_path / "gone")


# -- logs, exec outputs, metadata, templates ----------------------------------------


async def test_logs(project: Client, unique: Unique) -> None:
    name = unique("log")
    await make(project, name, start=True)
    logs = project.instances.logs
    assert "lxc.log" in await logs.names(name)
    text = await logs.get(name, "lxc.log")
    assert isinstance(text, str)
    # The server only serves names it knows the shape of.
    with pytest.raises(IncusBadRequestError, match="not valid"):
        await logs.get(name, "no-such.log")
    # lxc.log / lxc.conf are protected; other .log files can go.
    with pytest.raises(IncusAPIError):
        await logs.delete(name, "lxc.log")
    assert "lxc.log" in await logs.names(name)
    with pytest.raises(IncusNotFoundError):
        await logs.names(unique("missing"))


async def test_exec_outputs(project: Client, unique: Unique) -> None:
    name = unique("xo")
    await make(project, name, start=True)
    outputs = project.instances.logs.exec_output
    # Nothing recorded yet: an empty listing (Incus answers 404 until the first).
    assert await outputs.names(name) == []
    with pytest.raises(IncusNotFoundError, match="not found"):
        await outputs.names(unique("missing"))

    reply = await project.instances.execute(name, ["sh", "-c", "echo out; echo err >&2"], record_output=True)
    recorded = reply.metadata["metadata"]["output"]
    files = await outputs.names(name)
    stdout = next(f for f in files if f.endswith(".stdout"))
    stderr = next(f for f in files if f.endswith(".stderr"))
    assert recorded["1"].endswith(stdout) and recorded["2"].endswith(stderr)
    assert await outputs.get(name, stdout) == b"out\n"
    assert await outputs.get(name, stderr) == b"err\n"
    await outputs.delete(name, stdout)
    assert stdout not in await outputs.names(name)
    with pytest.raises(IncusNotFoundError):
        await outputs.get(name, stdout)


async def test_metadata_and_templates(project: Client, unique: Unique) -> None:
    name = unique("meta")
    await make(project, name)
    metadata = project.instances.metadata

    meta = await metadata.get(name)
    assert isinstance(meta, ImageMetadata) and isinstance(meta, InstanceMetadata)
    assert meta.properties["os"] == "busybox" and meta.instance == name
    assert meta.etag

    # update changes the keys given; None removes one (Incus's PATCH cannot).
    await metadata.update(name, {"properties": {"note": "merged", "extra": "1"}})
    await meta.update({"properties": {"extra": None}})
    after = await metadata.get(name)
    assert after.properties["note"] == "merged" and "extra" not in after.properties
    assert after.properties["os"] == "busybox"
    await metadata.patch(name, {"properties": {"patched": "1"}})
    assert (await metadata.get(name)).properties["note"] == "merged"
    after = await metadata.get(name)

    # Templates: create, read, list, wire into the metadata, see it rendered on start.
    templates = metadata.templates
    await templates.create(name, "greeting.tpl", "hello {{ instance.name }}\n")
    assert await templates.names(name) == ["greeting.tpl"]
    assert await templates.get(name, "greeting.tpl") == "hello {{ instance.name }}\n"
    wired = after.model_copy(deep=True)
    wired.templates["/root/greeting"] = ImageMetadataTemplate(template="greeting.tpl", when=["start"])
    await metadata.replace(name, wired, etag=after.etag)
    assert "/root/greeting" in (await metadata.get(name)).templates
    await project.instances.start(name, wait=True)
    assert sh(project, name, "cat /root/greeting").strip() == f"hello {name}"

    # A replace, update or patch based on a stale read is refused (the SDK
    # checks the ETag itself where Incus ignores If-Match on PUT).
    with pytest.raises(IncusPreconditionFailedError):
        await metadata.replace(name, after, etag=after.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await after.replace()
    with pytest.raises(IncusPreconditionFailedError):
        await metadata.update(name, {"properties": {}}, etag=after.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await metadata.patch(name, {"properties": {}}, etag=after.etag)
    assert "/root/greeting" in (await metadata.get(name)).templates

    await templates.create(name, "greeting.tpl", b"bye\n")
    assert await templates.get(name, "greeting.tpl") == "bye\n"
    await templates.delete(name, "greeting.tpl")
    assert await templates.names(name) == []
    with pytest.raises(IncusNotFoundError):
        await templates.get(name, "greeting.tpl")
    with pytest.raises(IncusNotFoundError):
        await templates.delete(name, "greeting.tpl")
