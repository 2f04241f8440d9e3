"""Files in instances (``client.instances.files``) against the real daemon:
push/pull streamed, modes, owners, dirs, links, errors."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import resource
import uuid
import zlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from incus_sdk import (
    Client,
    IncusAPIError,
    IncusDirectoryNotEmptyError,
    IncusFileExistsError,
    IncusIsADirectoryError,
    IncusNotADirectoryError,
    IncusNotFoundError,
    IncusSymlinkLoopError,
)

from .conftest import incus


@pytest.fixture
def workdir(box: tuple[str, str]) -> Iterator[str]:
    """A fresh directory in the container, removed afterwards."""
    path = f"/tmp/t-{uuid.uuid4().hex[:8]}"
    incus("exec", "--project", box[0], "c1", "--", "mkdir", path)
    yield path
    incus("exec", "--project", box[0], "c1", "--", "rm", "-rf", path, check=False)


async def sh(scoped: Client, script: str) -> str:
    result = await scoped.instances.exec("c1", ["sh", "-c", script])
    assert result.exit_code == 0, result.stderr_text
    return result.stdout_text.strip()


async def test_push_bytes_with_mode_and_owner(
    scoped: Client, workdir: str, box: tuple[str, str], tmp_path: Path
) -> None:
    path = f"{workdir}/a.bin"
    data = bytes(range(256)) * 10
    await scoped.instances.files.push("c1", path, data, uid=1234, gid=4321, mode=0o640)
    assert await sh(scoped, f"stat -c '%a %u %g %s' {path}") == f"640 1234 4321 {len(data)}"
    assert (await sh(scoped, f"md5sum {path}")).split()[0] == hashlib.md5(data).hexdigest()
    info = await scoped.instances.files.stat("c1", path)
    assert (info.type, info.mode, info.uid, info.gid, info.size) == ("file", 0o640, 1234, 4321, len(data))
    assert await scoped.instances.files.read("c1", path) == data
    # The CLI sees the same bytes.
    incus("file", "pull", f"c1{path}", str(tmp_path / "via-cli"), project=box[0])
    assert (tmp_path / "via-cli").read_bytes() == data
    # An overwrite replaces content; append adds to it.
    await scoped.instances.files.push("c1", path, b"new")
    await scoped.instances.files.push("c1", path, b"+more", append=True)
    assert await scoped.instances.files.read("c1", path) == b"new+more"


async def test_append_to_a_missing_file_names_the_file(scoped: Client, workdir: str) -> None:
    # Incus 6.0 appends only to an existing file: the 404 is about the file,
    # not its directory (which exists here).
    with pytest.raises(IncusNotFoundError, match=f"'{workdir}/none.log'"):
        await scoped.instances.files.push("c1", f"{workdir}/none.log", b"x", append=True)
    assert await sh(scoped, f"ls {workdir}") == ""


async def test_push_bytes_larger_than_a_mebibyte(scoped: Client, workdir: str) -> None:
    # aiohttp warns (an error here) about bodies over 1 MiB given to it as bytes.
    data = os.urandom(3 * 2**20 + 7)
    await scoped.instances.files.push("c1", f"{workdir}/big", memoryview(data))
    assert (await sh(scoped, f"sha256sum {workdir}/big")).split()[0] == hashlib.sha256(data).hexdigest()


async def test_push_and_pull_local_files_byte_exact(scoped: Client, workdir: str, tmp_path: Path) -> None:
    src = tmp_path / "src.bin"
    src.write_bytes(os.urandom(3 * 1024 * 1024 + 17))
    await scoped.instances.files.push("c1", f"{workdir}/f.bin", src)
    assert (await sh(scoped, f"md5sum {workdir}/f.bin")).split()[0] == hashlib.md5(src.read_bytes()).hexdigest()
    dest = tmp_path / "dest.bin"
    info = await scoped.instances.files.pull("c1", f"{workdir}/f.bin", str(dest))
    assert dest.read_bytes() == src.read_bytes()
    assert info.size == src.stat().st_size
    # To and from file objects.
    await scoped.instances.files.push("c1", f"{workdir}/g.bin", io.BytesIO(b"from a file object"))
    sink = io.BytesIO()
    await scoped.instances.files.pull("c1", f"{workdir}/g.bin", sink)
    assert sink.getvalue() == b"from a file object"


async def test_async_streams_both_ways_with_bounded_memory(scoped: Client, workdir: str) -> None:
    chunk = os.urandom(1 << 20)
    # 256 MiB generated on the fly (more than the RSS bound below, so holding it
    # whole anywhere would fail); the benchmark moves larger files.
    total_chunks = 256
    expected = 0

    async def produce() -> AsyncIterator[bytes]:
        nonlocal expected
        for i in range(total_chunks):
            piece = chunk[i % 7 :] + chunk[: i % 7]
            expected = zlib.crc32(piece, expected)
            yield piece

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    path = f"{workdir}/huge.bin"
    await scoped.instances.files.push("c1", path, produce(), mode=0o600)
    assert (await scoped.instances.files.stat("c1", path)).size == total_chunks << 20
    got = 0
    count = 0
    async with scoped.instances.files.open("c1", path) as download:
        assert download.info.size == total_chunks << 20 and download.info.mode == 0o600
        async for piece in download:
            got = zlib.crc32(piece, got)
            count += len(piece)
    assert count == total_chunks << 20
    assert got == expected
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 100, f"peak RSS grew by {grown_mb:.0f} MB moving 256 MiB"
    await scoped.instances.files.delete("c1", path)


async def test_directories_symlinks_and_delete(scoped: Client, workdir: str) -> None:
    deep = f"{workdir}/a/b/c"
    await scoped.instances.files.mkdir("c1", deep, parents=True, mode=0o700, uid=1000, gid=1000)
    assert await sh(scoped, f"stat -c '%a %u %g %F' {deep}") == "700 1000 1000 directory"
    await scoped.instances.files.mkdir("c1", deep)  # exists already: fine
    await scoped.instances.files.mkdir("c1", f"{workdir}/plain")
    assert await sh(scoped, f"stat -c '%a' {workdir}/plain") == "755"
    await scoped.instances.files.push("c1", f"{deep}/x.txt", b"x")
    assert await scoped.instances.files.names("c1", workdir) == ["a", "plain"]
    assert await scoped.instances.files.names("c1", deep) == ["x.txt"]
    assert (await scoped.instances.files.stat("c1", deep)).is_dir

    await scoped.instances.files.symlink("c1", f"{workdir}/abs", f"{deep}/x.txt")
    await scoped.instances.files.symlink("c1", f"{workdir}/rel", "a/b/c/x.txt")
    assert await sh(scoped, f"readlink {workdir}/rel") == "a/b/c/x.txt"
    link = await scoped.instances.files.stat("c1", f"{workdir}/abs")
    assert link.is_symlink
    assert await scoped.instances.files.read_link("c1", f"{workdir}/rel") == f"{deep}/x.txt"
    assert await scoped.instances.files.read("c1", f"{workdir}/rel") == b"x"  # followed

    with pytest.raises(IncusNotFoundError):
        await scoped.instances.files.delete("c1", f"{workdir}/nope")
    await scoped.instances.files.delete("c1", f"{workdir}/abs")
    assert not await scoped.instances.files.exists("c1", f"{workdir}/abs")
    assert await scoped.instances.files.exists("c1", f"{deep}/x.txt")
    await scoped.instances.files.delete("c1", f"{workdir}/a", recursive=True)
    assert await sh(scoped, f"ls -A {workdir}") == "plain\nrel"


async def test_bad_input(scoped: Client, workdir: str, tmp_path: Path) -> None:
    with pytest.raises(IncusNotFoundError, match="no such file"):
        await scoped.instances.files.read("c1", f"{workdir}/missing")
    with pytest.raises(IncusNotFoundError, match="no such file"):
        await scoped.instances.files.pull("c1", f"{workdir}/missing", str(tmp_path / "out"))
    with pytest.raises(IncusNotFoundError):
        await scoped.instances.files.push("c1", f"{workdir}/no/such/dir/f", b"x")
    with pytest.raises(IncusNotFoundError):
        await scoped.instances.files.stat("c1", f"{workdir}/missing")
    with pytest.raises(IsADirectoryError):
        await scoped.instances.files.read("c1", workdir)
    with pytest.raises(IncusIsADirectoryError):
        await scoped.instances.files.pull("c1", workdir, io.BytesIO())
    await scoped.instances.files.push("c1", f"{workdir}/f", b"x")
    with pytest.raises(NotADirectoryError):
        await scoped.instances.files.names("c1", f"{workdir}/f")
    with pytest.raises(ValueError):
        await scoped.instances.files.push("c1", "relative/path", b"x")
    with pytest.raises(ValueError):
        await scoped.instances.files.push("c1", f"{workdir}/f", b"x", mode=0o17777)
    # The daemon drops setuid, setgid and sticky bits: refused, nothing sent.
    for special in (0o4755, 0o2755, 0o1777):
        with pytest.raises(ValueError, match="setuid, setgid and sticky"):
            await scoped.instances.files.push("c1", f"{workdir}/special", b"x", mode=special)
        with pytest.raises(ValueError, match="setuid, setgid and sticky"):
            await scoped.instances.files.mkdir("c1", f"{workdir}/special", mode=special)
    assert not await scoped.instances.files.exists("c1", f"{workdir}/special")
    with pytest.raises(FileNotFoundError):
        await scoped.instances.files.push("c1", f"{workdir}/f", str(tmp_path / "does-not-exist"))
    with pytest.raises(IncusNotFoundError, match="nstance"):
        await scoped.instances.files.read("no-such-instance", "/etc/hostname")
    with pytest.raises(IncusNotFoundError):
        await scoped.instances.files.exists("no-such-instance", "/etc/hostname")


async def test_writes_onto_the_wrong_kind_of_path(scoped: Client, workdir: str) -> None:
    files = scoped.instances.files
    await files.mkdir("c1", f"{workdir}/d")
    await files.push("c1", f"{workdir}/d/x", b"x")
    await files.push("c1", f"{workdir}/f", b"file")

    # Pushing onto a directory: Incus answers 500 "sftp: ... is a directory".
    with pytest.raises(IsADirectoryError) as isdir:
        await files.push("c1", f"{workdir}/d", b"data")
    assert isinstance(isdir.value, IncusIsADirectoryError) and isinstance(isdir.value, IncusAPIError)
    assert (isdir.value.errno, isdir.value.filename, isdir.value.status_code) == (21, f"{workdir}/d", 500)
    assert "is a directory" in isdir.value.message

    # A directory or file under a file.
    with pytest.raises(NotADirectoryError) as notdir:
        await files.mkdir("c1", f"{workdir}/f/sub")
    assert isinstance(notdir.value, IncusNotADirectoryError) and notdir.value.errno == 20
    with pytest.raises(IncusNotADirectoryError):
        await files.push("c1", f"{workdir}/f/sub", b"x")
    with pytest.raises(IncusNotADirectoryError):
        await files.mkdir("c1", f"{workdir}/f/a/b", parents=True)
    with pytest.raises(IncusNotADirectoryError):
        await files.stat("c1", f"{workdir}/f/x")  # a HEAD's error has no text: the SDK asks again
    assert not await files.exists("c1", f"{workdir}/f/x")

    # A directory where a file is (Incus says success and keeps the file), a link onto anything.
    with pytest.raises(FileExistsError) as exists:
        await files.mkdir("c1", f"{workdir}/f")
    assert isinstance(exists.value, IncusFileExistsError)
    with pytest.raises(IncusFileExistsError):
        await files.symlink("c1", f"{workdir}/d", "/etc")
    assert await sh(scoped, f"stat -c %F {workdir}/f {workdir}/d") == "regular file\ndirectory"

    # A directory with entries is not deleted (recursive=True is what does that).
    with pytest.raises(OSError) as notempty:
        await files.delete("c1", f"{workdir}/d")
    assert isinstance(notempty.value, IncusDirectoryNotEmptyError) and notempty.value.errno == 39
    assert await files.names("c1", f"{workdir}/d") == ["x"]
    await files.delete("c1", f"{workdir}/d", recursive=True)
    assert not await files.exists("c1", f"{workdir}/d")
    assert await sh(scoped, f"cat {workdir}/f") == "file"


async def test_read_link_of_a_dangling_link(scoped: Client, workdir: str) -> None:
    files = scoped.instances.files
    await files.symlink("c1", f"{workdir}/dangling", "no/such/target")
    await files.symlink("c1", f"{workdir}/chain", "dangling")
    # The target, made absolute, whether or not it exists; one level at a time.
    assert await files.read_link("c1", f"{workdir}/dangling") == f"{workdir}/no/such/target"
    assert await files.read_link("c1", f"{workdir}/chain") == f"{workdir}/dangling"
    assert await sh(scoped, f"readlink {workdir}/dangling") == "no/such/target"
    assert not await files.exists("c1", f"{workdir}/no/such/target")
    with pytest.raises(IncusNotFoundError, match="no such file"):
        await files.read("c1", f"{workdir}/dangling")
    with pytest.raises(IncusNotFoundError, match="no such file"):
        await files.read_link("c1", f"{workdir}/missing")
    await files.push("c1", f"{workdir}/plain", b"x")
    with pytest.raises(ValueError, match="not a symlink"):
        await files.read_link("c1", f"{workdir}/plain")


async def test_symlinks_that_loop_are_an_eloop_file_error(scoped: Client, workdir: str) -> None:
    files = scoped.instances.files
    await files.symlink("c1", f"{workdir}/ping", "pong")
    await files.symlink("c1", f"{workdir}/pong", "ping")
    # In the instance, the path resolves to nothing: the kernel gives up with ELOOP.
    assert await sh(scoped, f"readlink {workdir}/ping; test -e {workdir}/ping || echo loops") == "pong\nloops"
    with pytest.raises(IncusSymlinkLoopError, match="too many levels of symbolic links") as err:
        await files.read("c1", f"{workdir}/ping")
    assert isinstance(err.value, OSError) and err.value.errno == errno.ELOOP
    assert err.value.filename == f"{workdir}/ping"
