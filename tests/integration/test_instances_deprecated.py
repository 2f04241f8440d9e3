"""The 0.1.0 names of ``client.instances`` that the nested sub-APIs replaced:
each warns, naming its replacement, and still does what it did."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from incus_sdk import Client, IncusAPIError, IncusNotFoundError
from incus_sdk.models.instance import InstanceBackup, InstanceMetadata, InstanceSnapshot

from .conftest import TEST_IMAGE, incus, incus_query

Unique = Callable[[str], str]


def names_of(project: Client, name: str, what: str) -> list[str]:
    """The names of an instance's snapshots or backups, as the CLI sees them."""
    urls = incus_query(f"/1.0/instances/{name}/{what}?project={project.project}")
    return sorted(url.rsplit("/", 1)[-1].partition("?")[0] for url in urls)


async def test_snapshot_aliases(project: Client, unique: Unique) -> None:
    name = unique("ds")
    api = project.instances
    await api.create(name, image=TEST_IMAGE, wait=True)
    with pytest.deprecated_call(match=r"snapshots\.create"):
        await api.create_snapshot(name, "s0")
    with pytest.deprecated_call(match=r"snapshots\.list"):
        listed = await api.list_snapshots(name)
    assert [type(s) for s in listed] == [InstanceSnapshot] and listed[0].name == "s0"
    with pytest.deprecated_call(match=r"snapshots\.get"):
        assert (await api.get_snapshot(name, "s0")).name == "s0"
    with pytest.deprecated_call(match=r"snapshots\.update"):
        await api.update_snapshot(name, "s0", expires_at="2040-01-01T00:00:00Z")
    expiry = (await api.snapshots.get(name, "s0")).expires_at
    assert expiry is not None and expiry.year == 2040
    with pytest.deprecated_call(match=r"snapshots\.rename"):
        await api.rename_snapshot(name, "s0", "s1")
    with pytest.deprecated_call(match=r"snapshots\.restore"):
        await api.restore_snapshot(name, "s1")
    assert names_of(project, name, "snapshots") == ["s1"]
    with pytest.deprecated_call(match=r"snapshots\.delete"):
        await api.delete_snapshot(name, "s1")
    assert names_of(project, name, "snapshots") == []


async def test_backup_aliases(project: Client, unique: Unique, tmp_path: Path) -> None:
    name = unique("db")
    api = project.instances
    await api.create(name, image=TEST_IMAGE, wait=True)
    with pytest.deprecated_call(match=r"backups\.create"):
        await api.create_backup(name, "b0", compression_algorithm="none")
    with pytest.deprecated_call(match=r"backups\.list"):
        assert [type(b) for b in await api.list_backups(name)] == [InstanceBackup]
    with pytest.deprecated_call(match=r"backups\.get"):
        assert (await api.get_backup(name, "b0")).name == "b0"
    with pytest.deprecated_call(match=r"backups\.rename"):
        await api.rename_backup(name, "b0", "b1")
    assert names_of(project, name, "backups") == ["b1"]
    with pytest.deprecated_call(match=r"backups\.export"):
        size = await api.export_backup(name, "b1", tmp_path / "b1.tar")
    with pytest.deprecated_call(match=r"backups\.iter_export"):
        chunks = api.iter_backup(name, "b1")
    assert len(b"".join([chunk async for chunk in chunks])) == size == (tmp_path / "b1.tar").stat().st_size
    with pytest.deprecated_call(match=r"backups\.delete"):
        await api.delete_backup(name, "b1")
    assert names_of(project, name, "backups") == []


async def test_log_and_exec_output_aliases(project: Client, unique: Unique) -> None:
    name = unique("dl")
    api = project.instances
    await api.create(name, image=TEST_IMAGE, start=True, wait=True)
    with pytest.deprecated_call(match=r"logs\.names"):
        assert "lxc.log" in await api.list_logs(name)
    with pytest.deprecated_call(match=r"logs\.get"):
        assert isinstance(await api.get_log(name, "lxc.log"), str)
    with pytest.deprecated_call(match=r"logs\.delete"), pytest.raises(IncusAPIError):
        await api.delete_log(name, "lxc.log")  # the server keeps it, as in 0.1.0
    with pytest.deprecated_call(match=r"exec_output\.names"):
        assert await api.list_exec_outputs(name) == []
    await api.execute(name, ["echo", "recorded"], record_output=True)
    with pytest.deprecated_call(match=r"exec_output\.names"):
        stdout = next(f for f in await api.list_exec_outputs(name) if f.endswith(".stdout"))
    with pytest.deprecated_call(match=r"exec_output\.get"):
        assert await api.get_exec_output(name, stdout) == b"recorded\n"
    with pytest.deprecated_call(match=r"exec_output\.delete"):
        await api.delete_exec_output(name, stdout)
    with pytest.raises(IncusNotFoundError):
        await api.logs.exec_output.get(name, stdout)


async def test_metadata_and_template_aliases(project: Client, unique: Unique) -> None:
    name = unique("dm")
    api = project.instances
    await api.create(name, image=TEST_IMAGE, wait=True)
    with pytest.deprecated_call(match=r"metadata\.get"):
        meta = await api.get_metadata(name)
    assert isinstance(meta, InstanceMetadata) and meta.etag
    with pytest.deprecated_call(match=r"metadata\.update"):
        await api.update_metadata(name, {"properties": {"note": "old-name"}}, etag=meta.etag)
    with pytest.deprecated_call(match=r"metadata\.replace"):
        await api.replace_metadata(name, {**meta.to_dict(), "properties": {"only": "this"}})
    assert (await api.metadata.get(name)).properties == {"only": "this"}
    with pytest.deprecated_call(match=r"templates\.create"):
        await api.create_template(name, "t.tpl", "x")
    with pytest.deprecated_call(match=r"templates\.names"):
        assert await api.list_templates(name) == ["t.tpl"]
    with pytest.deprecated_call(match=r"templates\.get"):
        assert await api.get_template(name, "t.tpl") == "x"
    with pytest.deprecated_call(match=r"templates\.delete"):
        await api.delete_template(name, "t.tpl")
    assert await api.metadata.templates.names(name) == []


async def test_file_aliases(scoped: Client, box: tuple[str, str], tmp_path: Path) -> None:
    api = scoped.instances
    root = f"/tmp/dep-{tmp_path.name[-8:]}"
    with pytest.deprecated_call(match=r"files\.mkdir"):
        await api.mkdir("c1", f"{root}/sub", parents=True)
    with pytest.deprecated_call(match=r"files\.push"):
        await api.push_file("c1", f"{root}/sub/f", b"data", mode=0o600)
    with pytest.deprecated_call(match=r"files\.read\("):
        assert await api.read_file("c1", f"{root}/sub/f") == b"data"
    sink = io.BytesIO()
    with pytest.deprecated_call(match=r"files\.pull"):
        assert (await api.pull_file("c1", f"{root}/sub/f", sink)).mode == 0o600
    assert sink.getvalue() == b"data"
    with pytest.deprecated_call(match=r"files\.open"):
        async with api.open_file("c1", f"{root}/sub/f") as download:
            assert await download.read() == b"data"
    with pytest.deprecated_call(match=r"files\.stat"):
        assert (await api.stat_file("c1", f"{root}/sub")).is_dir
    with pytest.deprecated_call(match=r"files\.names"):
        assert await api.list_dir("c1", f"{root}/sub") == ["f"]
    with pytest.deprecated_call(match=r"files\.symlink"):
        await api.symlink("c1", f"{root}/link", "sub/f")
    with pytest.deprecated_call(match=r"files\.read_link"):
        assert await api.read_link("c1", f"{root}/link") == f"{root}/sub/f"
    with pytest.deprecated_call(match=r"files\.exists"):
        assert await api.file_exists("c1", f"{root}/link")
    with pytest.deprecated_call(match=r"files\.delete"):
        await api.delete_file("c1", root, recursive=True)
    assert incus("exec", "c1", "--", "ls", "/tmp", project=box[0]).split().count(root[5:]) == 0
