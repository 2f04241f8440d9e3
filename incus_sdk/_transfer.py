"""Streamed transfers, for every family: chunking, progress, digests and partial files.

One module owns how bytes move between the daemon and the local disk, so
files, images and instance / volume / bucket backups keep the same promises:

* **Never whole in memory**: bodies move in chunks of about
  :data:`CHUNK_SIZE` bytes.
* **Nothing half-written at the target**: a download to a path is written to
  a temporary file beside it (:func:`replacing`) and renamed onto it only
  when complete (and verified); a failed or cancelled transfer removes it.
* **Receiving, writing and hashing side by side**: the event loop drains
  the socket; a download's batches are written by one worker thread and
  hashed by another (:func:`save`).
* **One progress shape**: every ``progress=`` callback receives a
  :class:`Progress`: bytes this client sent or received (stages
  ``"upload"``, ``"download"``, ``"export"``), or the progress a background
  operation of the server reports in its metadata (:func:`wait_reporting`).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import re
import secrets
import time
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterable, Awaitable, Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Protocol, TypedDict, Union

from ._paths import api_path
from .exceptions import IncusError
from .hooks import transfer_log

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._core import Core, Response
    from .operations import Operation

#: Chunk size for streamed transfers.
CHUNK_SIZE = 1 << 20
#: Batches (of about CHUNK_SIZE bytes) a download may hold while writing them.
BATCHES_IN_FLIGHT = 4
#: Batches hashing may lag behind the receiving (it is the slower of the
#: two: the lag rides out the moments a busy machine gives its thread no core).
HASH_BATCHES_IN_FLIGHT = 8

#: Seconds between two reads of a background operation's progress.
PROGRESS_POLL = 0.5

#: Where a download goes: a path (created or replaced) or a binary file.
FileTarget = Union[str, "os.PathLike[str]", IO[bytes]]
#: What an upload reads: a path, a binary file, an async iterable of chunks, or bytes.
UploadSource = Union[str, "os.PathLike[str]", IO[bytes], AsyncIterable[bytes], bytes]


@dataclass(frozen=True)
class Progress:
    """One progress report of a long transfer.

    Attributes:
        stage: What is progressing: ``"upload"`` (bytes sent by this client),
            ``"download"`` / ``"export"`` (bytes received by this client),
            or, for work the server does, the key of the operation's metadata
            that reports it (e.g. ``"download_progress"``,
            ``"create_image_from_container_pack_progress"``).
        done: Bytes transferred so far (client-side stages), else None.
        total: Bytes expected in all, if known.
        text: The server's own progress text (server-side stages), e.g.
            ``"52% (12.3MB/s)"``; None for client-side stages.
    """

    stage: str
    done: int | None = None
    total: int | None = None
    text: str | None = None

    @property
    def fraction(self) -> float | None:
        """How far it is, 0.0-1.0: ``done / total`` where both are known, else the
        percentage in the server's text (``"rootfs: 52% (12.3MB/s)"`` gives 0.52), else None."""
        if self.done is not None and self.total:
            return self.done / self.total
        if self.text is not None:
            found = _PERCENT.search(self.text)
            if found is not None:
                return min(float(found.group(1)), 100.0) / 100
        return None


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")


#: The type of every ``progress=`` callback. A callback may be a plain
#: function or return an awaitable (it is then awaited).
ProgressCallback = Callable[[Progress], Any]


async def report(progress: ProgressCallback | None, event: Progress) -> None:
    """Call a progress callback (awaiting it if it returns an awaitable)."""
    if progress is None:
        return
    result = progress(event)
    if isinstance(result, Awaitable):
        await result


class Digest(Protocol):
    """A hash object (``hashlib.sha256()``...)."""

    def update(self, data: bytes, /) -> None: ...

    def hexdigest(self) -> str: ...


@contextlib.contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[str]:
    """Write a file beside ``target``, renamed onto it only if the block succeeds.

    Yields the path of a new, empty temporary file in the target's directory
    (so the final rename is atomic); when the block ends normally it
    replaces ``target``, when it raises (or is cancelled) it is removed and
    ``target`` is left as it was.

    Args:
        target: The final path.

    Yields:
        The temporary path to write.

    Raises:
        OSError: If the directory cannot be written (before anything else).
    """
    final = os.fspath(target)
    partial = f"{final}.{secrets.token_hex(4)}.part"
    # O_EXCL: never write through a file (or symlink) someone else put there.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        yield partial
        os.replace(partial, final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
        raise


async def batches(chunks: AsyncIterable[bytes], size: int = CHUNK_SIZE) -> AsyncGenerator[list[bytes], None]:
    """Group chunks into batches of about ``size`` bytes (without copying them).

    Draining the socket with whatever has arrived is cheapest; batching its
    small pieces keeps hand-offs to the worker threads few.
    """
    batch: list[bytes] = []
    held = 0
    async for piece in chunks:
        batch.append(piece)
        held += len(piece)
        if held >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _write_all(out: IO[bytes], batch: list[bytes]) -> None:
    for piece in batch:
        out.write(piece)


#: Buffers one ``os.writev`` call may take (the system's limit, IOV_MAX).
_IOV_MAX = 1024


def _writev_all(fd: int, batch: list[bytes]) -> None:
    """Write a batch to a file descriptor with as few system calls as it takes (no joins)."""
    pending: list[bytes | memoryview] = list(batch)
    while pending:
        written = os.writev(fd, pending[:_IOV_MAX])
        # A short write (rare on a file; a full disk raises instead): drop what went.
        while pending and written >= len(pending[0]):
            written -= len(pending.pop(0))
        if written:
            pending[0] = memoryview(pending[0])[written:]


def _hash_all(digest: Digest, batch: list[bytes]) -> None:
    for piece in batch:
        digest.update(piece)


@dataclass
class Counter:
    """Bytes moved so far, shared by the files of one transfer (for progress)."""

    done: int = 0
    total: int | None = None


async def _settle(futures: Iterable[asyncio.Future[Any]]) -> None:
    """Wait for work handed to threads that is no longer awaited (after a failure), dropping its errors."""
    pending = list(futures)
    if pending:
        await asyncio.wait(pending)
        for future in pending:
            if not future.cancelled():
                future.exception()  # (retrieved: the failure that matters is already raised)


class HashPipe:
    """A hash fed by a worker thread of its own, beside the transfer that feeds it.

    :meth:`feed` hands data to the thread and returns at once, unless the
    hashing lags more than :data:`HASH_BATCHES_IN_FLIGHT` pieces behind
    (so memory stays bounded); :meth:`hexdigest` waits for what is still
    queued. hashlib releases the GIL while it hashes large buffers.

    Args:
        digest: The hash object to feed (``hashlib.sha256()``...).
    """

    def __init__(self, digest: Digest) -> None:
        self.digest = digest
        self._thread: ThreadPoolExecutor | None = None
        self._pending: deque[asyncio.Future[None]] = deque()

    async def feed(self, data: bytes | list[bytes]) -> None:
        """Queue data (one buffer, or a batch of them) for hashing, in order."""
        if self._thread is None:
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="incus-hash")
        pieces = data if isinstance(data, list) else [data]
        self._pending.append(asyncio.get_running_loop().run_in_executor(self._thread, _hash_all, self.digest, pieces))
        while self._pending and (len(self._pending) > HASH_BATCHES_IN_FLIGHT or self._pending[0].done()):
            await self._pending.popleft()

    async def drain(self) -> None:
        """Wait until everything fed is hashed."""
        while self._pending:
            await self._pending.popleft()

    async def hexdigest(self) -> str:
        """The hex digest of everything fed (once it is all hashed)."""
        await self.drain()
        return self.digest.hexdigest()

    async def close(self) -> None:
        """Wait for any hashing still running (its errors dropped) and end the thread."""
        await _settle(self._pending)
        self._pending.clear()
        if self._thread is not None:
            self._thread.shutdown(wait=False)
            self._thread = None


class SaveOptions(TypedDict, total=False):
    """The options of :func:`save` and its variants (see :func:`save`)."""

    digest: Digest | None
    progress: ProgressCallback | None
    stage: str
    counter: Counter | None
    batch_size: int


async def save(chunks: AsyncIterable[bytes], out: IO[bytes], **options: Unpack[SaveOptions]) -> int:
    """Write chunks to a binary file in a worker thread, hashing them in another, and report them.

    The event loop only receives: it groups what arrives into batches of
    about ``batch_size`` bytes and hands each to a writer thread (at most
    :data:`BATCHES_IN_FLIGHT` batches behind) and, with a ``digest``, to a
    hasher thread (at most :data:`HASH_BATCHES_IN_FLIGHT` behind). A write
    to the page cache usually costs little, but stalls for as long as the
    kernel throttles writers (seconds, while other writes are flushed): the
    socket is drained meanwhile. Hashing is real work (0.5-0.7 s of CPU per
    GiB for SHA-256, hardware-assisted), done beside the transfer (hashlib
    releases the GIL): on an idle second core it costs no time, on a busy
    machine it competes for the CPU.

    Args:
        chunks: The data.
        out: The file, opened for binary writing.
        digest: A hash object to feed with the data, if any.
        progress: Called with a :class:`Progress` after each batch received.
        stage: The progress reports' stage.
        counter: Bytes so far and expected, shared by several files.
        batch_size: About how many bytes a batch holds (so at most
            ``BATCHES_IN_FLIGHT * batch_size`` are held at a time).

    Returns:
        The bytes written.
    """
    return await _save(chunks, functools.partial(_write_all, out), **options)


async def save_path(chunks: AsyncIterable[bytes], path: str, **options: Unpack[SaveOptions]) -> int:
    """:func:`save` into the new, empty file at ``path`` (as :func:`replacing` yields), a ``writev`` per batch.

    The file is opened as it is, never truncated: ext4 takes a truncation
    followed by writes for a rewrite in place and flushes the file to disk
    when it is closed (``auto_da_alloc``), which made a 1 GiB download wait
    for the disk.

    Returns:
        The bytes written.
    """
    fd = await asyncio.to_thread(os.open, path, os.O_WRONLY | _O_CLOEXEC)
    try:
        return await _save(chunks, functools.partial(_writev_all, fd), **options)
    finally:
        await asyncio.to_thread(os.close, fd)


_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


async def _save(
    chunks: AsyncIterable[bytes],
    write: Callable[[list[bytes]], None],
    *,
    digest: Digest | None = None,
    progress: ProgressCallback | None = None,
    stage: str = "download",
    counter: Counter | None = None,
    batch_size: int = CHUNK_SIZE,
) -> int:
    loop = asyncio.get_running_loop()
    counter = counter if counter is not None else Counter()
    start = counter.done
    started = time.monotonic()
    writer = ThreadPoolExecutor(1, thread_name_prefix="incus-write")
    hashing = HashPipe(digest) if digest is not None else None
    writes: deque[asyncio.Future[None]] = deque()
    try:
        async with contextlib.aclosing(batches(chunks, batch_size)) as grouped:
            async for batch in grouped:
                writes.append(loop.run_in_executor(writer, write, batch))
                if hashing is not None:
                    await hashing.feed(batch)
                while writes and (len(writes) > BATCHES_IN_FLIGHT or writes[0].done()):
                    # (a failed write raises at once)
                    await writes.popleft()
                counter.done += sum(len(piece) for piece in batch)
                await report(progress, Progress(stage, counter.done, counter.total))
        while writes:
            await writes.popleft()
        if hashing is not None:
            await hashing.drain()
    finally:
        # Never leave a write running on a file the caller is about to close.
        await _settle(writes)
        writer.shutdown(wait=False)
        if hashing is not None:
            await hashing.close()
    log_done(stage, counter.done - start, started)
    return counter.done - start


async def save_to(chunks: AsyncIterable[bytes], destination: FileTarget, **options: Unpack[SaveOptions]) -> int:
    """:func:`save` into a path (written beside it, renamed when complete) or a binary file.

    Returns:
        The bytes written.
    """
    if not isinstance(destination, (str, os.PathLike)):
        return await save(chunks, destination, **options)
    with replacing(destination) as partial:
        return await save_path(chunks, partial, **options)


async def iter_download(core: Core, path: str, *, chunk_size: int = CHUNK_SIZE) -> AsyncGenerator[bytes, None]:
    """Yield a download's body chunk by chunk (never whole in memory)."""
    async with core.stream("GET", path) as reply:
        async for chunk in reply.iter_chunks(chunk_size):
            yield chunk


def _read_chunk(source: IO[bytes]) -> bytes:
    return source.read(CHUNK_SIZE)


async def read_chunks(
    source: IO[bytes],
    *,
    digest: HashPipe | None = None,
    progress: ProgressCallback | None = None,
    counter: Counter | None = None,
) -> AsyncGenerator[bytes, None]:
    """Yield a binary file's chunks, read off the event loop, reporting upload progress.

    The next chunk is read while the current one is being sent, so disk and
    socket work overlap; with a ``digest``, each chunk is fed to it before
    it is yielded (hashed in the pipe's thread: the caller awaits
    :meth:`HashPipe.hexdigest` once the body is sent).
    """
    counter = counter if counter is not None else Counter()
    loop = asyncio.get_running_loop()
    start, started = counter.done, time.monotonic()
    ahead = loop.run_in_executor(None, _read_chunk, source)
    try:
        while True:
            chunk = await ahead
            if not chunk:
                log_done("upload", counter.done - start, started)
                return
            ahead = loop.run_in_executor(None, _read_chunk, source)
            if digest is not None:
                await digest.feed(chunk)
            yield chunk
            counter.done += len(chunk)
            await report(progress, Progress("upload", counter.done, counter.total))
    finally:
        # Never leave a read running on a file the caller is about to close.
        await _settle([ahead])


def size_of(source: IO[bytes]) -> int | None:
    """Bytes left to read in a file object, if it can tell (a file, ``io.BytesIO``...)."""
    try:
        return os.fstat(source.fileno()).st_size - source.tell()
    except (OSError, AttributeError, ValueError):
        pass
    try:
        here = source.tell()
        end = source.seek(0, os.SEEK_END)
        source.seek(here)
        return end - here
    except (OSError, AttributeError, ValueError):
        return None


async def upload(
    core: Core,
    path: str,
    source: UploadSource,
    headers: Mapping[str, str],
    *,
    progress: ProgressCallback | None = None,
) -> Response:
    """POST a file as ``application/octet-stream``, streamed, and return the reply.

    Args:
        core: The core to send through.
        path: Where to post it.
        source: A path, a binary file (read in chunks, in a thread), an
            async iterable of bytes, or bytes already in memory.
        headers: Extra headers (the server's ``X-Incus-*`` options).
        progress: Called with ``Progress("upload", ...)`` as chunks are sent
            (for paths and files).

    Returns:
        The server's reply.
    """
    hdrs = {"Content-Type": "application/octet-stream", **headers}
    if isinstance(source, (str, os.PathLike)):
        data = await asyncio.to_thread(open, os.fspath(source), "rb")
        try:
            return await upload(core, path, data, headers, progress=progress)
        finally:
            await asyncio.to_thread(data.close)
    if isinstance(source, (bytes, AsyncIterable)):
        body: Any = source
        if progress is not None:
            body = counted(source, progress, Counter(total=len(source) if isinstance(source, bytes) else None))
        return await core.request("POST", path, data=body, headers=hdrs, timeout=None)
    # A file is read a chunk ahead in a thread and sent chunked, as an image
    # import is (aiohttp would announce its length and read it 64 KiB at a time).
    chunks = read_chunks(source, progress=progress, counter=Counter(total=size_of(source)))
    try:
        return await core.request("POST", path, data=chunks, headers=hdrs, timeout=None)
    finally:
        # Stop any read still running before the caller closes the file.
        await chunks.aclose()


def log_done(stage: str, size: int, started: float) -> None:
    """Log a finished transfer (``incus_sdk.transfer``, DEBUG): its size and speed."""
    elapsed = time.monotonic() - started
    transfer_log.debug(
        "%s finished: %d bytes in %.2f s (%.1f MB/s)", stage, size, elapsed, size / 1e6 / max(elapsed, 1e-9)
    )


async def counted(
    source: bytes | AsyncIterable[bytes],
    progress: ProgressCallback | None,
    counter: Counter,
    *,
    stage: str = "upload",
    chunk_size: int = CHUNK_SIZE,
) -> AsyncGenerator[bytes, None]:
    """Yield bytes (in slices) or an async iterable's chunks, reporting ``Progress(stage, ...)`` after each.

    For uploads, the report for a chunk comes once the connection took it
    (when the consumer asks for the next one).
    """
    start, started = counter.done, time.monotonic()
    if isinstance(source, (bytes, bytearray, memoryview)):
        view = memoryview(source)
        pieces: AsyncIterable[bytes] = _slices(view, chunk_size)
    else:
        pieces = source
    async for chunk in pieces:
        yield chunk
        counter.done += len(chunk)
        await report(progress, Progress(stage, counter.done, counter.total))
    log_done(stage, counter.done - start, started)


async def _slices(view: memoryview, size: int) -> AsyncGenerator[bytes, None]:
    for offset in range(0, len(view), size):
        yield view[offset : offset + size].tobytes()


async def wait_reporting(op: Operation, progress: ProgressCallback | None, timeout: float | None = None) -> None:
    """Wait for a background operation, passing the progress its metadata reports to ``progress``.

    The server reports the progress of its long work (an image download,
    an unpack, a backup) as ``*_progress`` keys of the operation's metadata
    (``download_progress: "rootfs: 52% (12.3MB/s)"``); each new value is
    reported as ``Progress(key, text=value)`` while the wait goes on.

    Args:
        op: The operation.
        progress: The callback (None: a plain wait).
        timeout: Seconds to wait at most.

    Raises:
        IncusOperationError: If the operation failed (as :meth:`Operation.wait`).
    """
    if progress is None or not op.id:
        await op.wait(timeout)
        return

    async def watch() -> None:
        seen: dict[str, str] = {}
        path = api_path("operations", op.id)
        while True:
            await asyncio.sleep(PROGRESS_POLL)
            try:
                state = await op._core.get_metadata(path, expect=dict)
            except IncusError:
                return  # gone (finished): the wait says how it ended
            metadata = state.get("metadata")
            for key, value in sorted(metadata.items() if isinstance(metadata, dict) else ()):
                if key.endswith("_progress") and seen.get(key) != value:
                    seen[key] = value
                    await report(progress, Progress(key, text=str(value)))

    watcher = asyncio.ensure_future(watch())
    try:
        await op.wait(timeout)
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher


async def finish_reporting(response: Response, wait: bool, progress: ProgressCallback | None) -> Response:
    """What a write with ``progress=`` does with its reply: wait (when asked), reporting the server's progress."""
    if wait and response.operation is not None:
        await wait_reporting(response.operation, progress)
        response._record_end()
    return response


__all__ = [
    "CHUNK_SIZE",
    "Counter",
    "Digest",
    "FileTarget",
    "HashPipe",
    "Progress",
    "ProgressCallback",
    "UploadSource",
    "batches",
    "counted",
    "finish_reporting",
    "iter_download",
    "replacing",
    "report",
    "save",
    "save_path",
    "save_to",
    "read_chunks",
    "size_of",
    "upload",
    "wait_reporting",
]
