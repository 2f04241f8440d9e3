"""Files in instances (``/1.0/instances/{name}/files?path=...``).

Transfers are streamed both ways: pushing from a local file or an async
iterator and pulling to a local file or as an async iterator never hold the
whole file in memory. Ownership, mode and type travel in ``X-Incus-*``
headers (the only ones Incus reads).

Facts about the daemon (Incus 6.0) worth knowing:

* ``uid`` / ``gid`` / ``mode`` are applied only when a push *creates* the
  file; overwriting an existing file keeps its owner and mode.
* A directory push of an existing directory succeeds without changing it;
  directories are created one level at a time (``mkdir(..., parents=True)``
  walks the path).
* ``GET`` of a symlink returns the (resolved) path it points to, not the
  contents; :meth:`~InstanceFilesMixin.pull_file` follows it.
* ``DELETE`` removes files, symlinks and *empty* directories.
"""

from __future__ import annotations

import asyncio
import json
import os
import posixpath
from collections.abc import AsyncIterable, AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import IO, Any, List, Union

from .._paths import api_path
from .._transfer import replacing
from ..exceptions import IncusNotFoundError
from ..streams import FileDownload, FileInfo
from ._base import SubAPI

#: What :meth:`InstanceFilesMixin.push_file` accepts as the content to send.
FileSource = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]", IO[bytes], AsyncIterable[bytes]]

#: Chunk size for local file reads and writes.
_CHUNK = 1 << 20
#: How many symlinks a pull follows before giving up (as the kernel's ELOOP).
_MAX_LINKS = 40


def _file_headers(
    *,
    type: str,
    uid: int | None,
    gid: int | None,
    mode: int | None,
    write: str | None = None,
) -> dict[str, str]:
    headers = {"X-Incus-type": type}
    if uid is not None:
        headers["X-Incus-uid"] = str(int(uid))
    if gid is not None:
        headers["X-Incus-gid"] = str(int(gid))
    if mode is not None:
        if not 0 <= mode <= 0o7777:
            raise ValueError(f"mode must be permission bits such as 0o644, not {mode!r}")
        # The daemon parses a leading 0 as octal; "644" would be read as decimal.
        headers["X-Incus-mode"] = f"0{mode & 0o777:o}"
    if write is not None:
        headers["X-Incus-write"] = write
    return headers


def _check_path(path: str) -> str:
    if not path or not path.startswith("/"):
        raise ValueError(f"instance paths must be absolute, not {path!r}")
    return path


async def _read_local(path: str | os.PathLike[str]) -> AsyncIterator[bytes]:
    """Yield a local file's content in chunks, reading off the event loop."""
    handle = await asyncio.to_thread(open, os.fspath(path), "rb")
    try:
        while chunk := await asyncio.to_thread(handle.read, _CHUNK):
            yield chunk
    finally:
        handle.close()


@contextmanager
def _naming(name: str, path: str) -> Iterator[None]:
    """Say which path was missing: the daemon's own message is a bare "Not Found"."""
    try:
        yield
    except IncusNotFoundError as exc:
        if exc.message.strip().lower() != "not found":
            raise  # e.g. the instance itself is missing; that message says so
        raise IncusNotFoundError(
            f"no such file or directory: {path!r} in instance {name!r}",
            exc.response,
            status_code=exc.status_code,
            method=exc.method,
            url=exc.url,
        ) from exc


class InstanceFilesMixin(SubAPI):
    """The file methods of :class:`~incus_sdk.api.instances.InstancesAPI`."""

    def _files_path(self, name: str) -> str:
        return api_path("instances", name, "files")

    async def push_file(
        self,
        name: str,
        path: str,
        source: FileSource,
        *,
        uid: int | None = None,
        gid: int | None = None,
        mode: int | None = None,
        append: bool = False,
    ) -> None:
        """Write a file in the instance, streamed.

        Args:
            name: Name of the instance.
            path: Absolute path in the instance; its directory must exist.
            source: The content: ``bytes``; a local file path (``str`` or
                ``os.PathLike``); a binary file object; or an async iterable
                of ``bytes`` chunks.
            uid: Owner UID, for a new file.
            gid: Owner GID, for a new file.
            mode: Permission bits (e.g. ``0o600``), for a new file.
            append: Append to the file instead of replacing it.

        Raises:
            IncusNotFoundError: If the instance or the parent directory does not exist.
            FileNotFoundError: If a local source path does not exist.
            ValueError: For a relative path or an invalid mode.
        """
        headers = _file_headers(type="file", uid=uid, gid=gid, mode=mode, write="append" if append else "overwrite")
        data: Any
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
        elif isinstance(source, (str, os.PathLike)):
            if not await asyncio.to_thread(os.path.isfile, source):
                raise FileNotFoundError(f"no local file {os.fspath(source)!r} to push")
            data = _read_local(source)
        else:
            data = source
        with _naming(name, posixpath.dirname(path)):
            async with self._core.stream(
                "POST", self._files_path(name), params={"path": _check_path(path)}, data=data, headers=headers
            ) as reply:
                await reply.read()

    async def pull_file(self, name: str, path: str, dest: str | os.PathLike[str] | IO[bytes]) -> FileInfo:
        """Copy a file out of the instance to a local path or file object, streamed.

        Symlinks are followed.

        A local path is written beside it first and renamed into place when
        the whole file arrived, so a failed or cancelled pull leaves
        nothing at that path (an existing file there stays as it was).

        Args:
            name: Name of the instance.
            path: Absolute path in the instance.
            dest: A local path (created or replaced) or a binary file object.

        Returns:
            The file's owner, mode and size.

        Raises:
            IncusNotFoundError: If the instance or the file does not exist.
            IsADirectoryError: If the path is a directory.
            IncusTimeoutError: If the daemon stalled mid-way (no data for the
                client's timeout).
        """
        if not isinstance(dest, (str, os.PathLike)):
            return await self._pull_into(name, path, dest)
        with replacing(dest) as partial:
            handle: IO[bytes] = await asyncio.to_thread(open, partial, "wb")
            try:
                return await self._pull_into(name, path, handle)
            finally:
                handle.close()

    async def _pull_into(self, name: str, path: str, handle: IO[bytes]) -> FileInfo:
        async with self.open_file(name, path) as download:
            async for chunk in download:
                # Local writes land in the page cache: cheaper inline than
                # handed to a thread chunk by chunk.
                handle.write(chunk)
            return download.info

    async def read_file(self, name: str, path: str) -> bytes:
        """Return a file's whole content (for small files; see :meth:`open_file` for large ones).

        Symlinks are followed.

        Raises:
            IncusNotFoundError: If the instance or the file does not exist.
            IsADirectoryError: If the path is a directory.
        """
        async with self.open_file(name, path) as download:
            return await download.read()

    @asynccontextmanager
    async def open_file(self, name: str, path: str) -> AsyncIterator[FileDownload]:
        """Open a file of the instance for streamed reading.

        ``async with client.instances.open_file("c1", "/var/log/big") as f:``
        then ``f.info`` and ``async for chunk in f``. Symlinks are followed.

        Args:
            name: Name of the instance.
            path: Absolute path in the instance.

        Yields:
            The :class:`~incus_sdk.streams.FileDownload`.

        Raises:
            IncusNotFoundError: If the instance or the file does not exist.
            IsADirectoryError: If the path is a directory.
        """
        current = _check_path(path)
        for _ in range(_MAX_LINKS):
            with _naming(name, current):
                async with self._core.stream("GET", self._files_path(name), params={"path": current}) as reply:
                    info = FileInfo.from_headers(current, reply.headers)
                    if info.is_dir:
                        raise IsADirectoryError(f"{path!r} is a directory in instance {name!r}; use list_dir()")
                    if info.is_file:
                        yield FileDownload(info, reply)
                        return
                    # A symlink: the daemon sends the resolved target path instead of content.
                    current = (await reply.read()).decode()
        raise OSError(f"too many levels of symbolic links at {path!r} in instance {name!r}")

    async def stat_file(self, name: str, path: str) -> FileInfo:
        """Return a path's type, owner, mode and size without reading it (``HEAD``).

        Symlinks are not followed (``type`` is ``symlink``).

        Raises:
            IncusNotFoundError: If the instance or the path does not exist.
        """
        with _naming(name, path):
            async with self._core.stream("HEAD", self._files_path(name), params={"path": _check_path(path)}) as reply:
                return FileInfo.from_headers(path, reply.headers)

    async def file_exists(self, name: str, path: str) -> bool:
        """Return whether a path exists in the instance.

        Raises:
            IncusNotFoundError: If the instance does not exist.
        """
        try:
            await self.stat_file(name, path)
        except IncusNotFoundError:
            await self._core.request("GET", api_path("instances", name))  # a missing instance raises
            return False
        return True

    async def list_dir(self, name: str, path: str) -> List[str]:
        """Return the names of the entries of a directory (without ``.`` and ``..``).

        Raises:
            IncusNotFoundError: If the instance or the directory does not exist.
            NotADirectoryError: If the path is not a directory.
        """
        with _naming(name, path):
            async with self._core.stream("GET", self._files_path(name), params={"path": _check_path(path)}) as reply:
                info = FileInfo.from_headers(path, reply.headers)
                if not info.is_dir:
                    raise NotADirectoryError(f"{path!r} is a {info.type}, not a directory, in instance {name!r}")
                envelope = json.loads(await reply.read())
        return sorted(str(entry) for entry in envelope.get("metadata") or [])

    async def mkdir(
        self,
        name: str,
        path: str,
        *,
        parents: bool = False,
        mode: int | None = None,
        uid: int | None = None,
        gid: int | None = None,
    ) -> None:
        """Create a directory (``mode`` defaults to ``0o755``).

        An existing directory is left as it is.

        Args:
            name: Name of the instance.
            path: Absolute path of the directory.
            parents: Create missing parent directories too (with the same
                mode and owner).
            mode: Permission bits.
            uid: Owner UID.
            gid: Owner GID.

        Raises:
            IncusNotFoundError: If the parent does not exist (without ``parents``).
        """
        path = _check_path(posixpath.normpath(path))
        headers = _file_headers(type="directory", uid=uid, gid=gid, mode=mode)
        targets = [path]
        if parents:
            parts = path.strip("/").split("/")
            targets = ["/" + "/".join(parts[: i + 1]) for i in range(len(parts))]
        for target in targets:
            await self._core.request("POST", self._files_path(name), params={"path": target}, data=b"", headers=headers)

    async def symlink(
        self, name: str, path: str, target: str, *, uid: int | None = None, gid: int | None = None
    ) -> None:
        """Create a symbolic link ``path`` pointing at ``target``.

        Args:
            name: Name of the instance.
            path: Absolute path of the link.
            target: What it points to (absolute or relative to the link's directory).
            uid: Owner UID.
            gid: Owner GID.

        Raises:
            IncusAPIError: If ``path`` exists already (and points elsewhere).
        """
        headers = _file_headers(type="symlink", uid=uid, gid=gid, mode=None)
        await self._core.request(
            "POST", self._files_path(name), params={"path": _check_path(path)}, data=target.encode(), headers=headers
        )

    async def read_link(self, name: str, path: str) -> str:
        """Return the absolute path a symlink resolves to (the daemon resolves it fully).

        Raises:
            IncusNotFoundError: If the link or what it points to does not exist.
            ValueError: If the path is not a symlink.
        """
        async with self._core.stream("GET", self._files_path(name), params={"path": _check_path(path)}) as reply:
            if reply.headers.get("X-Incus-type") != "symlink":
                raise ValueError(f"{path!r} is not a symlink in instance {name!r}")
            return (await reply.read()).decode()

    async def delete_file(self, name: str, path: str, *, recursive: bool = False) -> None:
        """Delete a file, symlink or empty directory.

        Args:
            name: Name of the instance.
            path: Absolute path.
            recursive: Delete a directory with everything in it (one request
                per entry).

        Raises:
            IncusNotFoundError: If the path does not exist.
        """
        _check_path(path)
        if recursive and (await self.stat_file(name, path)).is_dir:
            for entry in await self.list_dir(name, path):
                await self.delete_file(name, posixpath.join(path, entry), recursive=True)
        with _naming(name, path):
            await self._core.request("DELETE", self._files_path(name), params={"path": path})


__all__ = ["FileSource", "InstanceFilesMixin"]
