"""The streamed-transfer machinery (``incus_sdk._transfer``): batches written and hashed beside the loop."""

from __future__ import annotations

import hashlib
import io
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from incus_sdk import Client, _transfer
from incus_sdk._transfer import Progress, replacing, save, save_path, save_to

from .conftest import envelope


async def pieces(data: bytes, size: int) -> AsyncIterator[bytes]:
    for offset in range(0, len(data), size):
        yield data[offset : offset + size]


DATA = os.urandom(3 * (1 << 20) + 12345)


@pytest.mark.parametrize("size", [1, 4096, 1 << 18, 1 << 20, 5 << 20])
async def test_save_path_writes_and_hashes_every_byte_in_order(tmp_path: Path, size: int) -> None:
    data = DATA if size > 1 else DATA[:70000]  # (one-byte pieces: a batch of more buffers than writev takes)
    digest = hashlib.sha256()
    reports: list[Progress] = []
    with replacing(tmp_path / "out") as partial:
        written = await save_path(pieces(data, size), partial, digest=digest, progress=reports.append)
    assert written == len(data)
    assert (tmp_path / "out").read_bytes() == data
    assert digest.hexdigest() == hashlib.sha256(data).hexdigest()
    assert reports[-1] == Progress("download", len(data), None)
    assert [r.done for r in reports] == sorted(r.done for r in reports)
    assert os.listdir(tmp_path) == ["out"]


async def test_save_into_a_file_object_and_a_path(tmp_path: Path) -> None:
    out = io.BytesIO()
    assert await save(pieces(DATA, 70000), out) == len(DATA)
    assert out.getvalue() == DATA
    assert await save_to(pieces(DATA, 70000), tmp_path / "x") == len(DATA)
    assert (tmp_path / "x").read_bytes() == DATA


async def test_writes_and_hashes_run_off_the_event_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: set[str] = set()
    write_all, hash_all = _transfer._writev_all, _transfer._hash_all

    def write(fd: int, batch: list[bytes]) -> None:
        threads.add(threading.current_thread().name)
        write_all(fd, batch)

    def hash_(digest: _transfer.Digest, batch: list[bytes]) -> None:
        threads.add(threading.current_thread().name)
        hash_all(digest, batch)

    monkeypatch.setattr(_transfer, "_writev_all", write)
    monkeypatch.setattr(_transfer, "_hash_all", hash_)
    with replacing(tmp_path / "out") as partial:
        await save_path(pieces(DATA, 1 << 16), partial, digest=hashlib.sha256())
    assert threading.main_thread().name not in threads
    assert {name.rsplit("_", 1)[0] for name in threads} == {"incus-write", "incus-hash"}


def test_a_short_write_is_completed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = os.writev

    def short(fd: int, buffers: list[bytes]) -> int:
        return real(fd, [memoryview(buffers[0])[:3]])  # at most 3 bytes a call

    monkeypatch.setattr(os, "writev", short)
    fd = os.open(tmp_path / "f", os.O_WRONLY | os.O_CREAT)
    try:
        _transfer._writev_all(fd, [b"abcdefgh", b"", b"ij", b"klmnop"])
    finally:
        os.close(fd)
    assert (tmp_path / "f").read_bytes() == b"abcdefghijklmnop"


async def test_a_failed_write_raises_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0

    def failing(fd: int, batch: list[bytes]) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(28, "No space left on device")
        os.writev(fd, batch)

    monkeypatch.setattr(_transfer, "_writev_all", failing)
    with pytest.raises(OSError, match="No space"):
        await save_to(pieces(DATA, 1 << 16), tmp_path / "out", digest=hashlib.sha256())
    assert os.listdir(tmp_path) == []
    # It stopped receiving soon after the failure: at most the batches in flight more.
    assert calls <= 2 + _transfer.BATCHES_IN_FLIGHT


async def test_the_partial_file_is_never_truncated_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Reopening the new partial file with O_TRUNC makes ext4 flush it to disk on close (auto_da_alloc).
    truncating: list[str] = []
    real_open, real_builtin = os.open, open

    def spy(path: str, flag: int, *args: int) -> int:
        if flag & os.O_TRUNC:
            truncating.append(path)
        return real_open(path, flag, *args)

    def builtin_spy(path: str, mode: str = "r", *args: object) -> object:
        if "w" in mode:
            truncating.append(path)
        return real_builtin(path, mode, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "open", spy)
    monkeypatch.setattr(_transfer, "open", builtin_spy, raising=False)
    await save_to(pieces(DATA, 1 << 20), tmp_path / "out")
    assert truncating == []
    assert (tmp_path / "out").read_bytes() == DATA


async def test_a_hash_pipe_hashes_everything_fed_in_order() -> None:
    pipe = _transfer.HashPipe(hashlib.sha256())
    try:
        for offset in range(0, len(DATA), 4096):  # far more pieces than may lag behind
            await pipe.feed(DATA[offset : offset + 4096])
        await pipe.feed([b"tail", b"", b"end"])
        assert await pipe.hexdigest() == hashlib.sha256(DATA + b"tailend").hexdigest()
    finally:
        await pipe.close()


async def test_an_upload_hashes_what_it_reads(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(DATA)
    pipe = _transfer.HashPipe(hashlib.sha256())
    with open(tmp_path / "f", "rb") as source:
        sent = [chunk async for chunk in _transfer.read_chunks(source, digest=pipe)]
    assert b"".join(sent) == DATA
    assert await pipe.hexdigest() == hashlib.sha256(DATA).hexdigest()
    await pipe.close()


@pytest.mark.parametrize("as_path", [False, True])
async def test_a_file_upload_is_read_ahead_and_sent_chunked(
    fake_daemon: Callable[[dict[str, Any]], Awaitable[str]], tmp_path: Path, as_path: bool
) -> None:
    (tmp_path / "backup.tar").write_bytes(DATA)
    seen: dict[str, Any] = {}

    async def import_(request: web.Request) -> web.Response:
        seen["headers"] = dict(request.headers)
        body = bytearray()
        while chunk := await request.content.read(1 << 20):
            body += chunk
        seen["body"] = bytes(body)
        return web.json_response(envelope({}))

    sock = await fake_daemon({"POST /1.0/storage-pools/p/buckets": import_})
    with open(tmp_path / "backup.tar", "rb") as source:
        async with Client(sock) as client:
            # No progress callback: the plain case, which aiohttp would send with a length.
            await client.storage_pools.buckets.import_backup("p", tmp_path / "backup.tar" if as_path else source)
        assert not source.closed  # the caller's file stays the caller's
    assert seen["body"] == DATA
    assert seen["headers"]["Transfer-Encoding"] == "chunked"
    assert "Content-Length" not in seen["headers"]
