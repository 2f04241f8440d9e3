"""Files in instances: ``client.instances.files`` (``/1.0/instances/{name}/files?path=...``).

Every method takes the instance's name, then the absolute path in it.
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
* ``GET`` of a symlink returns the path it points to (made absolute, one
  level), not the contents; :meth:`~InstanceFilesAPI.pull` follows it.
* ``DELETE`` removes files, symlinks and *empty* directories.
* Writes onto the wrong kind of path (a file pushed onto a directory, a
  directory made under a file, a non-empty directory deleted) fail with
  HTTP 500 and the sftp server's text; the SDK raises the
  :class:`~incus_sdk.exceptions.IncusFileError` of that kind, which is also
  the builtin ``OSError`` of its name, as reads do.
* A special mode bit (setuid, setgid, sticky) is dropped by the daemon, so
  the SDK refuses one rather than send it.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import posixpath
from collections.abc import AsyncIterable, AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import IO, Any, List, Union

from .._paths import api_path
from .._transfer import Counter, ProgressCallback, counted, read_chunks, replacing, size_of
from ..exceptions import (
    IncusAPIError,
    IncusDirectoryNotEmptyError,
    IncusFileError,
    IncusFileExistsError,
    IncusIsADirectoryError,
    IncusNotADirectoryError,
    IncusNotFoundError,
    IncusSymlinkLoopError,
)
from ..streams import FileDownload, FileInfo
from ._base import SubAPI

#: What :meth:`InstanceFilesAPI.push` accepts as the content to send.
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
        if not 0 <= mode <= 0o777:
            raise ValueError(
                f"mode must be permission bits 0o000 to 0o777 such as 0o644, not {oct(mode)} (Incus 6.0 drops"
                " setuid, setgid and sticky bits: set those with exec, e.g. chmod)"
            )
        # The daemon parses a leading 0 as octal; "644" would be read as decimal.
        headers["X-Incus-mode"] = f"0{mode:o}"
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


async def _reporting(source: FileSource, data: Any, progress: ProgressCallback) -> AsyncIterable[bytes]:
    """A push's body that reports ``Progress("upload", ...)`` as it is sent."""
    if isinstance(data, bytes):
        return counted(data, progress, Counter(total=len(data)))
    if isinstance(source, (str, os.PathLike)):
        return counted(data, progress, Counter(total=await asyncio.to_thread(os.path.getsize, source)))
    if isinstance(data, AsyncIterable):
        return counted(data, progress, Counter())
    return read_chunks(data, progress=progress, counter=Counter(total=size_of(data)))


#: The daemon's sftp texts for a write onto the wrong kind of path (Go's errno
#: strings), and what the SDK raises for each.
_SFTP_ERRORS: tuple[tuple[str, type[IncusFileError]], ...] = (
    ("is a directory", IncusIsADirectoryError),
    ("not a directory", IncusNotADirectoryError),
    ("file exists", IncusFileExistsError),
    ("directory not empty", IncusDirectoryNotEmptyError),
)


@contextmanager
def _file_errors(name: str, path: str, *, missing: str | None = None) -> Iterator[None]:
    """Raise the documented errors for the daemon's answers about ``path``.

    A missing path comes as a bare "Not Found", named here (as ``missing``
    where that is what must exist: a push's directory). A write onto the
    wrong kind of path comes as HTTP 500 with the sftp server's text, e.g.
    ``sftp: "open /d: is a directory" (SSH_FX_FAILURE)``: raised as the
    :class:`~incus_sdk.exceptions.IncusFileError` of that kind.
    """
    try:
        yield
    except IncusNotFoundError as exc:
        if exc.message.strip().lower() != "not found":
            raise  # e.g. the instance itself is missing; that message says so
        raise IncusNotFoundError(
            f"no such file or directory: {missing or path!r} in instance {name!r}",
            exc.response,
            status_code=exc.status_code,
            method=exc.method,
            url=exc.url,
        ) from exc
    except IncusAPIError as exc:
        if not exc.message.startswith("sftp: "):
            raise
        for text, kind in _SFTP_ERRORS:
            if f": {text}" in exc.message:
                raise kind(
                    f"{text.capitalize()}: {path!r} in instance {name!r} ({exc.message})",
                    exc.status_code,
                    exc.response,
                    method=exc.method,
                    url=exc.url,
                    filename=path,
                ) from exc
        raise


class InstanceFilesAPI(SubAPI):
    """Files in instances (``client.instances.files``).

    Every method takes ``name``, the instance's name, then ``path``, an
    absolute path in it. Files move streamed both ways (:meth:`push`,
    :meth:`pull`, :meth:`open`); a path of the wrong kind raises the
    :class:`~incus_sdk.exceptions.IncusFileError` of that kind (also the
    builtin ``IsADirectoryError``, ``NotADirectoryError``...), a missing one
    :class:`~incus_sdk.exceptions.IncusNotFoundError` naming it.
    """

    def _files_path(self, name: str) -> str:
        return api_path("instances", name, "files")

    async def push(
        self,
        name: str,
        path: str,
        source: FileSource,
        *,
        uid: int | None = None,
        gid: int | None = None,
        mode: int | None = None,
        append: bool = False,
        progress: ProgressCallback | None = None,
    ) -> None:
        """Write a file in the instance, streamed.

        Args:
            path: Absolute path in the instance; its directory must exist.
            source: The content: ``bytes``; a local file path (``str`` or
                ``os.PathLike``); a binary file object; or an async iterable
                of ``bytes`` chunks.
            uid: Owner UID, for a new file.
            gid: Owner GID, for a new file.
            mode: Permission bits (``0o000`` to ``0o777``, e.g. ``0o600``),
                for a new file.
            append: Append to the file instead of replacing it; the file
                must exist (Incus 6.0 does not create it).
            progress: Called with ``Progress("upload", done, total)`` as
                bytes are sent (``total`` is None for an async iterable).

        Raises:
            IncusNotFoundError: If the instance or the parent directory (with
                ``append``: the file) does not exist.
            IncusIsADirectoryError: If ``path`` is a directory.
            IncusNotADirectoryError: If a parent of ``path`` is not a directory.
            FileNotFoundError: If a local source path does not exist.
            ValueError: For a relative path, or a mode outside ``0o777``
                (Incus 6.0 drops setuid, setgid and sticky bits).
        """
        headers = _file_headers(type="file", uid=uid, gid=gid, mode=mode, write="append" if append else "overwrite")
        data: Any
        if isinstance(source, (bytes, bytearray, memoryview)):
            # A file object, not bytes: aiohttp warns (ResourceWarning) that a
            # body over 1 MiB given as bytes is written in one go on the loop.
            data = io.BytesIO(source)
        elif isinstance(source, (str, os.PathLike)):
            if not await asyncio.to_thread(os.path.isfile, source):
                raise FileNotFoundError(f"no local file {os.fspath(source)!r} to push")
            data = _read_local(source)
        else:
            data = source
        if progress is not None:
            data = await _reporting(source, data, progress)
        # What a bare 404 means is missing: the directory, or the file appended to.
        with _file_errors(name, path, missing=path if append else posixpath.dirname(path)):
            async with self._core.stream(
                "POST", self._files_path(name), params={"path": _check_path(path)}, data=data, headers=headers
            ) as reply:
                await reply.read()

    async def pull(
        self,
        name: str,
        path: str,
        dest: str | os.PathLike[str] | IO[bytes],
        *,
        progress: ProgressCallback | None = None,
    ) -> FileInfo:
        """Copy a file out of the instance to a local path or file object, streamed.

        Symlinks are followed.

        A local path is written beside it first and renamed into place when
        the whole file arrived, so a failed or cancelled pull leaves
        nothing at that path (an existing file there stays as it was).

        Args:
            path: Absolute path in the instance.
            dest: A local path (created or replaced) or a binary file object.
            progress: Called with ``Progress("download", done, total)`` as bytes arrive.

        Returns:
            The file's owner, mode and size.

        Raises:
            IncusNotFoundError: If the instance or the file does not exist.
            IncusIsADirectoryError: If the path is a directory.
            IncusTimeoutError: If the daemon stalled mid-way (no data for the
                client's timeout).
        """
        if not isinstance(dest, (str, os.PathLike)):
            return await self._pull_into(name, path, dest, progress)
        with replacing(dest) as partial:
            # "r+b", not "wb": truncating the new file would make ext4 flush it to disk on close.
            handle: IO[bytes] = await asyncio.to_thread(open, partial, "r+b")
            try:
                return await self._pull_into(name, path, handle, progress)
            finally:
                handle.close()

    async def _pull_into(self, name: str, path: str, handle: IO[bytes], progress: ProgressCallback | None) -> FileInfo:
        async with self.open(name, path) as download:
            chunks: AsyncIterable[bytes] = download
            if progress is not None:
                chunks = counted(download, progress, Counter(total=download.info.size), stage="download")
            async for chunk in chunks:
                # Local writes land in the page cache: cheaper inline than
                # handed to a thread chunk by chunk.
                handle.write(chunk)
            return download.info

    async def read(self, name: str, path: str) -> bytes:
        """Return a file's whole content (for small files; see :meth:`open` for large ones).

        Symlinks are followed.

        Args:
            path: Absolute path in the instance.

        Returns:
            The content.

        Raises:
            IncusNotFoundError: If the instance or the file does not exist.
            IncusIsADirectoryError: If the path is a directory.
        """
        async with self.open(name, path) as download:
            return await download.read()

    @asynccontextmanager
    async def open(self, name: str, path: str) -> AsyncIterator[FileDownload]:
        """Open a file of the instance for streamed reading.

        ``async with client.instances.files.open("c1", "/var/log/big") as f:``
        then ``f.info`` and ``async for chunk in f``. Symlinks are followed.

        Args:
            path: Absolute path in the instance.

        Yields:
            The :class:`~incus_sdk.streams.FileDownload`.

        Raises:
            IncusNotFoundError: If the instance or the file does not exist.
            IncusIsADirectoryError: If the path is a directory.
            IncusSymlinkLoopError: If its symlinks loop (or chain more than 40 deep).
        """
        current = _check_path(path)
        for _ in range(_MAX_LINKS):
            with _file_errors(name, current):
                async with self._core.stream("GET", self._files_path(name), params={"path": current}) as reply:
                    info = FileInfo.from_headers(current, reply.headers)
                    if info.is_dir:
                        raise IncusIsADirectoryError(
                            f"{path!r} is a directory in instance {name!r}; use files.names()", filename=path
                        )
                    if info.is_file:
                        yield FileDownload(info, reply)
                        return
                    # A symlink: the daemon sends the resolved target path instead of content.
                    current = (await reply.read()).decode()
        raise IncusSymlinkLoopError(
            f"too many levels of symbolic links at {path!r} in instance {name!r}", filename=path
        )

    async def stat(self, name: str, path: str) -> FileInfo:
        """Return a path's type, owner, mode and size without reading it (``HEAD``).

        Symlinks are not followed (``type`` is ``symlink``).

        Args:
            path: Absolute path in the instance.

        Returns:
            What the daemon says about the path.

        Raises:
            IncusNotFoundError: If the instance or the path does not exist.
            IncusNotADirectoryError: If a parent of the path is not a directory.
        """
        params = {"path": _check_path(path)}
        with _file_errors(name, path):
            try:
                async with self._core.stream("HEAD", self._files_path(name), params=params) as reply:
                    return FileInfo.from_headers(path, reply.headers)
            except IncusAPIError as exc:
                if exc.status_code != 500 or exc.response:
                    raise
                # A HEAD error has no body, so no reason (an sftp error such as
                # "not a directory"): the same GET's error says it. Its headers
                # alone are read if it succeeds after all.
                async with self._core.stream("GET", self._files_path(name), params=params) as reply:
                    return FileInfo.from_headers(path, reply.headers)

    async def exists(self, name: str, path: str) -> bool:
        """Return whether a path exists in the instance (a link is not followed).

        Args:
            path: Absolute path in the instance.

        Raises:
            IncusNotFoundError: If the instance does not exist.
        """
        try:
            await self.stat(name, path)
        except IncusNotADirectoryError:
            return False  # under a file: nothing can be there
        except IncusNotFoundError:
            await self._core.request("GET", api_path("instances", name))  # a missing instance raises
            return False
        return True

    async def names(self, name: str, path: str) -> List[str]:
        """Return the names of the entries of a directory (without ``.`` and ``..``), sorted.

        Args:
            path: Absolute path of the directory.

        Returns:
            The entries' names.

        Raises:
            IncusNotFoundError: If the instance or the directory does not exist.
            IncusNotADirectoryError: If the path is not a directory.
        """
        with _file_errors(name, path):
            async with self._core.stream("GET", self._files_path(name), params={"path": _check_path(path)}) as reply:
                info = FileInfo.from_headers(path, reply.headers)
                if not info.is_dir:
                    raise IncusNotADirectoryError(
                        f"{path!r} is a {info.type}, not a directory, in instance {name!r}", filename=path
                    )
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

        An existing directory is left as it is. Incus 6.0 answers a
        directory push onto an existing file with success and leaves the
        file; the SDK checks the path afterwards and raises.

        Args:
            path: Absolute path of the directory.
            parents: Create missing parent directories too (with the same
                mode and owner).
            mode: Permission bits (``0o000`` to ``0o777``).
            uid: Owner UID.
            gid: Owner GID.

        Raises:
            IncusNotFoundError: If the parent does not exist (without ``parents``).
            IncusNotADirectoryError: If a parent is not a directory.
            IncusFileExistsError: If something other than a directory is at ``path``.
        """
        headers = _file_headers(type="directory", uid=uid, gid=gid, mode=mode)
        targets = [_check_path(path)]
        if parents:
            parts = posixpath.normpath(path).strip("/").split("/")
            targets = ["/" + "/".join(parts[: i + 1]) for i in range(len(parts))]
        for target in targets:
            with _file_errors(name, target):
                await self._core.request(
                    "POST", self._files_path(name), params={"path": target}, data=b"", headers=headers
                )
        info = await self.stat(name, path)
        if not info.is_dir:
            raise IncusFileExistsError(f"{path!r} exists in instance {name!r} and is a {info.type}", filename=path)

    async def symlink(
        self, name: str, path: str, target: str, *, uid: int | None = None, gid: int | None = None
    ) -> None:
        """Create a symbolic link ``path`` pointing at ``target``.

        Args:
            path: Absolute path of the link.
            target: What it points to (absolute or relative to the link's
                directory; it need not exist).
            uid: Owner UID.
            gid: Owner GID.

        Raises:
            IncusFileExistsError: If something exists at ``path`` already.
            IncusNotFoundError: If the link's directory does not exist.
        """
        headers = _file_headers(type="symlink", uid=uid, gid=gid, mode=None)
        with _file_errors(name, path, missing=posixpath.dirname(path)):
            await self._core.request(
                "POST",
                self._files_path(name),
                params={"path": _check_path(path)},
                data=target.encode(),
                headers=headers,
            )

    async def read_link(self, name: str, path: str) -> str:
        """Return where a symlink points, as an absolute path (one level, like ``readlink``).

        A relative target is made absolute against the link's directory.
        The target need not exist: a dangling link gives its target too
        (:meth:`stat` / :meth:`exists` on the result tell whether it exists).

        Args:
            path: Absolute path of the link.

        Returns:
            The absolute path the link points to.

        Raises:
            IncusNotFoundError: If there is nothing at ``path``.
            ValueError: If the path is not a symlink.
        """
        with _file_errors(name, path):
            async with self._core.stream("GET", self._files_path(name), params={"path": _check_path(path)}) as reply:
                if reply.headers.get("X-Incus-type") != "symlink":
                    raise ValueError(f"{path!r} is not a symlink in instance {name!r}")
                return (await reply.read()).decode()

    async def delete(self, name: str, path: str, *, recursive: bool = False) -> None:
        """Delete a file, symlink or empty directory.

        Args:
            path: Absolute path.
            recursive: Delete a directory with everything in it (one request
                per entry).

        Raises:
            IncusNotFoundError: If the path does not exist.
            IncusDirectoryNotEmptyError: If it is a directory with entries
                (and not ``recursive``).
        """
        _check_path(path)
        if recursive and (await self.stat(name, path)).is_dir:
            for entry in await self.names(name, path):
                await self.delete(name, posixpath.join(path, entry), recursive=True)
        with _file_errors(name, path):
            await self._core.request("DELETE", self._files_path(name), params={"path": path})


__all__ = ["FileSource", "InstanceFilesAPI"]
