"""Streamed transfers shared by every family: downloads into files, uploads from them.

Bodies move in chunks (never whole in memory): a download is written to a
temporary file beside the target (:func:`replacing`) and renamed into place
when complete, so a failed or cancelled transfer never leaves anything at
the target path.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
from collections.abc import AsyncGenerator, AsyncIterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Union

if TYPE_CHECKING:
    from ._core import Core, Response

#: Chunk size for streamed transfers.
CHUNK_SIZE = 1 << 20

#: Where a download goes: a path (created or replaced) or a binary file.
FileTarget = Union[str, "os.PathLike[str]", IO[bytes]]
#: What an upload reads: a path, a binary file, an async iterable of chunks, or bytes.
UploadSource = Union[str, "os.PathLike[str]", IO[bytes], AsyncIterable[bytes], bytes]


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


async def iter_download(core: Core, path: str, *, chunk_size: int = CHUNK_SIZE) -> AsyncGenerator[bytes, None]:
    """Yield a download's body chunk by chunk (never whole in memory)."""
    async with core.stream("GET", path) as reply:
        async for chunk in reply.content.iter_chunked(chunk_size):
            yield chunk


async def download(core: Core, path: str, destination: FileTarget, *, chunk_size: int = CHUNK_SIZE) -> int:
    """Stream a download into a path or binary file; return the bytes written.

    A path is written beside the target first and renamed into place
    (:func:`replacing`), so a failed download leaves nothing at the target.
    """
    if isinstance(destination, (str, os.PathLike)):
        with replacing(destination) as partial, open(partial, "wb") as out:  # noqa: ASYNC230 - writes go to a thread
            return await _copy_into(core, path, out, chunk_size)
    return await _copy_into(core, path, destination, chunk_size)


async def _copy_into(core: Core, path: str, out: IO[bytes], chunk_size: int) -> int:
    written = 0
    # aclosing: a failed write ends the download (and frees its connection) at once.
    async with contextlib.aclosing(iter_download(core, path, chunk_size=chunk_size)) as chunks:
        async for chunk in chunks:
            await asyncio.to_thread(out.write, chunk)
            written += len(chunk)
    return written


async def upload(core: Core, path: str, source: UploadSource, headers: Mapping[str, str]) -> Response:
    """POST a file as ``application/octet-stream``, streamed, and return the reply.

    ``source`` is a path, a binary file (read in chunks by aiohttp, in a
    thread), an async iterator of bytes, or bytes already in memory.
    """
    hdrs = {"Content-Type": "application/octet-stream", **headers}
    if isinstance(source, (str, os.PathLike)):
        with open(os.fspath(source), "rb") as data:  # noqa: ASYNC230 - aiohttp reads it in a thread
            return await core.request("POST", path, data=data, headers=hdrs, timeout=None)
    return await core.request("POST", path, data=source, headers=hdrs, timeout=None)
