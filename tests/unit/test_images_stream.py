"""Image transfers against a fake daemon: the wire format of uploads and the
memory they take (what the real daemon cannot show: how the client streams).

The fake daemon parses the multipart body with aiohttp's own parser, as
Go's ``mime/multipart`` would, and both sides hold at most a few chunks at a
time: the peak of ``tracemalloc`` stays far below the size of the files.
"""

from __future__ import annotations

import hashlib
import os
import tracemalloc
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web

from incus_sdk import Client
from incus_sdk.exceptions import IncusError
from incus_sdk.models.image import ImageProgress

from .conftest import envelope

MIB = 1 << 20
#: The test image's root file system: large enough that holding it shows.
SIZE = 64 * MIB


def write_random(path: Path, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "wb") as f:
        for _ in range(size // MIB):
            chunk = os.urandom(MIB)
            digest.update(chunk)
            f.write(chunk)
    return digest.hexdigest()


def operation(fingerprint: str) -> dict[str, Any]:
    return {
        "id": "op1",
        "class": "task",
        "status": "Success",
        "status_code": 200,
        "metadata": {"fingerprint": fingerprint, "size": "0"},
        "resources": {},
        "err": "",
    }


def import_started(fingerprint: str) -> web.Response:
    """The daemon's reply to an upload: the import's operation, started."""
    return web.json_response(
        {**envelope(operation(fingerprint), status_code=100), "type": "async", "operation": "/1.0/operations/op1"},
        status=202,
    )


def import_done(seen: dict[str, Any]) -> Callable[[web.Request], Awaitable[web.Response]]:
    """The handler of the import operation's ``/wait``: done, with the fingerprint of what was received."""

    async def wait(request: web.Request) -> web.Response:
        return web.json_response(envelope(operation(seen["fingerprint"])))

    return wait


async def test_split_upload_is_streamed_multipart(
    fake_daemon: Callable[[dict[str, Any]], Awaitable[str]], tmp_path: Path
) -> None:
    meta, rootfs = tmp_path / "meta.tar.xz", tmp_path / 'root"fs.squashfs'
    (tmp_path / "meta.tar.xz").write_bytes(b"metadata" * 100)
    write_random(rootfs, SIZE)
    seen: dict[str, Any] = {}

    async def upload(request: web.Request) -> web.Response:
        seen["headers"] = dict(request.headers)
        seen["project"] = request.query.get("project")
        digest = hashlib.sha256()
        parts = []
        reader = await request.multipart()
        async for part in reader:
            size = 0
            while chunk := await part.read_chunk(MIB):  # type: ignore[union-attr]
                digest.update(chunk)
                size += len(chunk)
            parts.append((part.name, part.filename, size))  # type: ignore[union-attr]
        seen["parts"] = parts
        seen["fingerprint"] = digest.hexdigest()
        return import_started(seen["fingerprint"])

    socket = await fake_daemon({"POST /1.0/images": upload, "GET /1.0/operations/op1/wait": import_done(seen)})
    events: list[ImageProgress] = []
    async with Client(socket, project="p1") as client:
        tracemalloc.start()
        try:
            fp = await client.images.import_file(
                meta,
                rootfs,
                properties={"a b": "c&d", "é": "ü"},
                public=True,
                profiles=["default", "x"],
                progress=events.append,
            )
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    expected = hashlib.sha256(meta.read_bytes() + rootfs.read_bytes()).hexdigest()
    assert fp == seen["fingerprint"] == expected
    assert seen["parts"] == [
        ("metadata", "meta.tar.xz", meta.stat().st_size),
        ("rootfs", 'root"fs.squashfs', rootfs.stat().st_size),
    ]
    headers = seen["headers"]
    assert headers["Content-Type"].startswith("multipart/form-data; boundary=")
    # Chunked, no announced length: the daemon receives that more cheaply.
    assert headers["Transfer-Encoding"] == "chunked"
    assert "Content-Length" not in headers
    assert headers["X-Incus-public"] == "true"
    assert parse_qs(headers["X-Incus-properties"]) == {"a b": ["c&d"], "é": ["ü"]}
    assert parse_qs(headers["X-Incus-profiles"]) == {"profile": ["default", "x"]}
    assert "X-Incus-aliases" not in headers
    assert seen["project"] == "p1"
    assert events[-1].done == events[-1].total == meta.stat().st_size + rootfs.stat().st_size
    # The fake daemon runs in this process: its buffers count too, hence a
    # bound relative to the size (what matters is that the file is never held).
    assert peak < SIZE / 3, f"upload held {peak / MIB:.1f} MiB"


async def test_unified_upload_is_sent_chunked_as_read(
    fake_daemon: Callable[[dict[str, Any]], Awaitable[str]], tmp_path: Path
) -> None:
    tarball = tmp_path / "image.tar"
    write_random(tarball, 3 * MIB)
    with open(tarball, "ab") as f:
        f.write(b"tail")  # not a whole number of chunks
    expected = hashlib.sha256(tarball.read_bytes()).hexdigest()
    seen: dict[str, Any] = {}

    async def upload(request: web.Request) -> web.Response:
        seen["headers"] = dict(request.headers)
        digest = hashlib.sha256()
        while chunk := await request.content.read(MIB):
            digest.update(chunk)
        seen["fingerprint"] = digest.hexdigest()
        return import_started(seen["fingerprint"])

    socket = await fake_daemon({"POST /1.0/images": upload, "GET /1.0/operations/op1/wait": import_done(seen)})
    events: list[ImageProgress] = []
    async with Client(socket) as client:
        fp = await client.images.import_file(tarball, progress=events.append)

    assert fp == seen["fingerprint"] == expected
    headers = seen["headers"]
    assert headers["Content-Type"] == "application/octet-stream"
    # Chunked, no announced length: the daemon receives that more cheaply.
    assert headers["Transfer-Encoding"] == "chunked"
    assert "Content-Length" not in headers
    assert events[-1].done == events[-1].total == tarball.stat().st_size


async def test_split_export_is_streamed_to_two_files(
    fake_daemon: Callable[[dict[str, Any]], Awaitable[str]], tmp_path: Path
) -> None:
    meta, rootfs = tmp_path / "m.bin", tmp_path / "r.bin"
    meta.write_bytes(b"meta" * 1000)
    write_random(rootfs, SIZE)
    fingerprint = hashlib.sha256(meta.read_bytes() + rootfs.read_bytes()).hexdigest()

    async def export(request: web.Request) -> web.StreamResponse:
        boundary = "b0undary"
        reply = web.StreamResponse(headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        await reply.prepare(request)
        for name, filename, path in (("metadata", f"meta-{fingerprint}.tar", meta), ("rootfs", "../../evil", rootfs)):
            await reply.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n\r\n'.encode()
            )
            with open(path, "rb") as f:
                while chunk := f.read(MIB):
                    await reply.write(chunk)
            await reply.write(b"\r\n")
        await reply.write(f"--{boundary}--\r\n".encode())
        await reply.write_eof()
        return reply

    socket = await fake_daemon({f"GET /1.0/images/{fingerprint}/export": export})
    out = tmp_path / "out"
    out.mkdir()
    async with Client(socket) as client:
        tracemalloc.start()
        try:
            paths = await client.images.export(fingerprint, out)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        # A wrong fingerprint (data that does not hash to it) leaves nothing.
        wrong = ("1" if fingerprint[0] == "0" else "0") + fingerprint[1:]  # never the real one
        socket2 = await fake_daemon({f"GET /1.0/images/{wrong}/export": export})
        async with Client(socket2) as other:
            try:
                await other.images.export(wrong, tmp_path / "wrong")
            except IncusError as exc:
                assert "hashes to" in str(exc)
            else:
                raise AssertionError("a mismatching export was accepted")

    # The server's file names are used, but never outside the directory.
    assert paths == [str(out / f"meta-{fingerprint}.tar"), str(out / "evil")]
    assert Path(paths[0]).read_bytes() == meta.read_bytes()
    assert Path(paths[1]).read_bytes() == rootfs.read_bytes()
    assert [n for n in sorted(os.listdir(tmp_path)) if not n.endswith(".sock")] == ["m.bin", "out", "r.bin"]
    assert peak < SIZE / 3, f"export held {peak / MIB:.1f} MiB"


async def test_server_side_progress_reaches_the_callback(
    fake_daemon: Callable[[dict[str, Any]], Awaitable[str]],
) -> None:
    """While a copy runs, the operation's ``*_progress`` metadata is passed on."""
    import asyncio

    polls = [0]
    running = {**operation("f" * 64), "status": "Running", "status_code": 103}

    async def create(request: web.Request) -> web.Response:
        body = await request.json()
        assert body["source"] == {
            "type": "image",
            "mode": "pull",
            "server": "https://127.0.0.1:1",
            "protocol": "simplestreams",
            "alias": "busybox",
        }
        return web.json_response(
            {**envelope(running, status_code=100), "type": "async", "operation": "/1.0/operations/op1"}, status=202
        )

    async def state(request: web.Request) -> web.Response:
        polls[0] += 1
        return web.json_response(
            envelope({**running, "metadata": {"download_progress": f"rootfs: {polls[0] * 10}% (1MB/s)"}})
        )

    async def wait(request: web.Request) -> web.Response:
        await asyncio.sleep(1.3)
        return web.json_response(envelope(operation("f" * 64)))

    async def image(request: web.Request) -> web.Response:
        return web.json_response(envelope({"fingerprint": "f" * 64}))

    socket = await fake_daemon(
        {
            "POST /1.0/images": create,
            "GET /1.0/operations/op1": state,
            "GET /1.0/operations/op1/wait": wait,
            f"GET /1.0/images/{'f' * 64}": image,
        }
    )
    events: list[ImageProgress] = []

    async def record(event: ImageProgress) -> None:  # coroutine callbacks are awaited
        events.append(event)

    async with Client(socket) as client:
        image_model = await client.images.copy_from(
            "https://127.0.0.1:1", alias="busybox", protocol="simplestreams", progress=record
        )

    assert image_model.fingerprint == "f" * 64
    assert [e.stage for e in events] == ["download_progress"] * len(events)
    assert [e.text for e in events][:2] == ["rootfs: 10% (1MB/s)", "rootfs: 20% (1MB/s)"]
