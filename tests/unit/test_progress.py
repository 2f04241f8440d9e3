"""The one progress shape, the terminal bar, and progress where a real daemon cannot serve (buckets need MinIO)."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from incus_sdk import Client, Progress
from incus_sdk.progress import ProgressBar

from .conftest import envelope

Start = Callable[[dict[str, Any]], Awaitable[str]]


@pytest.mark.parametrize(
    ("event", "fraction"),
    [
        (Progress("download", 50, 200), 0.25),
        (Progress("download", 50, None), None),
        (Progress("download", 0, 0), None),
        (Progress("download_progress", text="rootfs: 52% (12.30MB/s)"), 0.52),
        (Progress("unpack_progress", text="7.5%"), 0.075),
        (Progress("create_image_from_container_pack_progress", text="Image pack: 120.5MB (30.1MB/s)"), None),
        (Progress("download_progress", text="150%"), 1.0),
    ],
)
def test_fraction(event: Progress, fraction: float | None) -> None:
    assert event.fraction == fraction


def test_the_bar_draws_bytes_then_the_servers_percentage() -> None:
    out = io.StringIO()
    with ProgressBar("image", file=out) as bar:
        bar(Progress("upload", 1 << 20, 4 << 20))
        bar(Progress("upload", 4 << 20, 4 << 20))
        assert bar.stage == "upload"
        bar(Progress("download_progress", text="rootfs: 40% (1.00MB/s)"))
        assert bar.stage == "download_progress"
        bar(Progress("download_progress", text="rootfs: 100% (1.00MB/s)"))
    assert bar.stage is None
    text = out.getvalue()
    assert "image: upload" in text and "4.19M/4.19M" in text  # bytes, scaled
    assert "image: download_progress" in text and "100/100" in text and "rootfs: 100% (1.00MB/s)" in text


async def test_bucket_backup_export_and_import_report_progress(fake_daemon: Start, tmp_path: Path) -> None:
    data = bytes(range(256)) * 4096  # 1 MiB
    received: list[bytes] = []

    async def export(request: web.Request) -> web.Response:
        return web.Response(body=data, content_type="application/octet-stream")

    async def import_(request: web.Request) -> web.Response:
        received.append(await request.read())
        return web.json_response(envelope({}))

    sock = await fake_daemon(
        {"GET /1.0/storage-pools/p/buckets/b/backups/k/export": export, "POST /1.0/storage-pools/p/buckets": import_}
    )
    seen: list[Progress] = []
    async with Client(sock) as client:
        size = await client.storage_pools.buckets.backups.export(
            "p", "b", "k", tmp_path / "b.tar", progress=seen.append
        )
        assert size == len(data) == (tmp_path / "b.tar").stat().st_size
        assert seen[-1] == Progress("download", len(data), len(data))
        assert all(event.stage == "download" for event in seen)
        seen.clear()
        await client.storage_pools.buckets.import_backup("p", tmp_path / "b.tar", name="b2", progress=seen.append)
    assert received == [data]
    assert seen[-1] == Progress("upload", len(data), len(data))
    assert [e.done for e in seen] == sorted(e.done for e in seen)
