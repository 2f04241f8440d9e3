"""Progress of every long transfer through the one shape (``Progress``), against the real daemon.

Images (import, export, server-side downloads) are in test_images.py,
test_images_remote.py and test_launch.py; bucket backups need MinIO and are
in tests/unit/test_progress.py.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from incus_sdk import Client, Progress

from .conftest import TEST_IMAGE, incus

Unique = Callable[[str], str]


def check_reports(seen: list[Progress], stage: str, size: int, total: int | None) -> None:
    """Reports of one stage, growing, ending at ``size`` bytes of ``total``."""
    assert seen, "no progress was reported"
    assert {event.stage for event in seen} == {stage}
    done = [event.done or 0 for event in seen]
    assert done == sorted(done) and done[-1] == size
    assert {event.total for event in seen} == {total}


async def test_file_push_and_pull(scoped: Client, box: tuple[str, str], tmp_path: Path) -> None:
    name = box[1]
    files = scoped.instances.files
    data = os.urandom(3 * (1 << 20) + 123)
    local = tmp_path / "data.bin"
    local.write_bytes(data)

    seen: list[Progress] = []
    await files.push(name, "/root/from-path", local, progress=seen.append)
    check_reports(seen, "upload", len(data), len(data))
    assert len(seen) >= 3  # one report per chunk, not one at the end

    seen.clear()
    await files.push(name, "/root/from-bytes", data, progress=seen.append)
    check_reports(seen, "upload", len(data), len(data))

    async def chunks() -> AsyncIterator[bytes]:
        for offset in range(0, len(data), 1 << 20):
            yield data[offset : offset + (1 << 20)]

    seen.clear()
    await files.push(name, "/root/from-iter", chunks(), progress=seen.append)
    check_reports(seen, "upload", len(data), None)  # an iterator's size is not known

    seen.clear()
    with local.open("rb") as handle:
        await files.push(name, "/root/from-file", handle, progress=seen.append)
    check_reports(seen, "upload", len(data), len(data))
    sums = incus("exec", name, "--", "md5sum", "/root/from-path", "/root/from-bytes", "/root/from-iter", project=box[0])
    assert len({line.split()[0] for line in sums.splitlines()}) == 1

    seen.clear()
    info = await files.pull(name, "/root/from-iter", tmp_path / "back.bin", progress=seen.append)
    check_reports(seen, "download", len(data), len(data))
    assert info.size == len(data) and (tmp_path / "back.bin").read_bytes() == data


async def test_instance_backup_export_and_import(project: Client, unique: Unique, tmp_path: Path) -> None:
    name = unique("bak")
    await project.instances.create(name, image=TEST_IMAGE, wait=True)
    await project.instances.backups.create(name, "b0", compression_algorithm="none")
    target = tmp_path / "b0.tar"

    seen: list[Progress] = []
    size = await project.instances.backups.export(name, "b0", target, progress=seen.append)
    check_reports(seen, "download", size, size)
    assert target.stat().st_size == size

    seen.clear()
    backup = await project.instances.backups.get(name, "b0")
    assert await backup.export(tmp_path / "again.tar", progress=seen.append) == size
    check_reports(seen, "download", size, size)

    seen.clear()
    copy = unique("imp")
    await project.instances.import_backup(target, name=copy, progress=seen.append)
    uploads = [event for event in seen if event.stage == "upload"]
    check_reports(uploads, "upload", size, size)
    # Anything else is what the daemon reported while unpacking: its own text.
    assert all(event.text for event in seen if event.stage != "upload")
    assert (await project.instances.get(copy)).name == copy


async def test_volume_backup_export_and_import(make_project: Callable[..., Any], tmp_path: Path) -> None:
    scoped = await make_project(**{"features.storage.volumes": "true"})
    volumes = scoped.storage_pools.volumes
    await volumes.create("default", "data")
    await volumes.backups.create("default", "data", "b0", compression_algorithm="none")
    target = tmp_path / "vol.tar"

    seen: list[Progress] = []
    size = await volumes.backups.export("default", "data", "b0", target, progress=seen.append)
    check_reports(seen, "download", size, size)

    seen.clear()
    await volumes.import_backup("default", target, name="restored", progress=seen.append)
    check_reports([event for event in seen if event.stage == "upload"], "upload", size, size)
    assert await volumes.exists("default", "restored")
