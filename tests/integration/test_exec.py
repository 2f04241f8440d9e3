"""Exec against the real daemon: run-and-capture, streaming processes, signals, timeouts."""

from __future__ import annotations

import asyncio
import hashlib
import resource
import uuid
from typing import Any

import pytest

from incus_sdk import Client, IncusBadRequestError, IncusNotFoundError, IncusOperationError
from incus_sdk.streams import ExecError, ExecTimeoutError

from ..conftest import stray_tasks
from .conftest import TEST_IMAGE, incus


async def ps(scoped: Client) -> str:
    return (await scoped.instances.exec("c1", ["ps", "-o", "pid,args"])).stdout_text


# -- run and capture -------------------------------------------------------------


async def test_exit_codes(scoped: Client) -> None:
    ok = await scoped.instances.exec("c1", ["true"])
    assert ok.exit_code == 0 and ok.ok and ok.returncode == 0
    assert ok.stdout == b"" and ok.stderr == b""
    assert (await scoped.instances.exec("c1", ["sh", "-c", "exit 3"])).exit_code == 3
    missing = await scoped.instances.exec("c1", ["no-such-command-xyz"])
    assert missing.exit_code == 127
    assert missing.error == "Command not found"
    not_exec = await scoped.instances.exec("c1", ["/etc/passwd"])
    assert not_exec.exit_code == 126
    with pytest.raises(ExecError) as info:
        await scoped.instances.exec("c1", ["sh", "-c", "echo boom >&2; exit 9"], check=True)
    assert info.value.result.exit_code == 9
    assert "boom" in str(info.value)


async def test_stdout_and_stderr_separate_and_exact(scoped: Client) -> None:
    script = r"printf 'out\000\377\n'; printf 'err\001' >&2; printf 'tail'"
    for _ in range(3):
        result = await scoped.instances.exec("c1", ["sh", "-c", script])
        # incusd now and then ends a stream before its data (documented on
        # exec()): only a run where both streams arrived says anything here.
        if result.stdout and result.stderr:
            break
    assert result.stdout == b"out\x00\xff\ntail"
    assert result.stderr == b"err\x01"
    assert result.stdout_text.startswith("out\x00")


async def test_large_binary_output_is_complete(scoped: Client) -> None:
    # 20 MB of random bytes; the container reports their checksum on stderr.
    script = "head -c 20000000 /dev/urandom > /tmp/r; cat /tmp/r; md5sum /tmp/r >&2; rm /tmp/r"
    result = await scoped.instances.exec("c1", ["sh", "-c", script])
    assert result.exit_code == 0
    assert len(result.stdout) == 20_000_000
    assert result.stderr.split()[0].decode() == hashlib.md5(result.stdout).hexdigest()


async def test_stdin_round_trip(scoped: Client) -> None:
    data = bytes(range(256)) * 20_000  # 5 MB, every byte value
    result = await scoped.instances.exec("c1", ["cat"], stdin=data)
    assert result.exit_code == 0 and result.stdout == data
    counted = await scoped.instances.exec("c1", ["wc", "-c"], stdin="héllo")
    assert counted.stdout_text.strip() == str(len("héllo".encode()))
    # Without stdin the command reads end-of-file at once instead of hanging.
    assert (await scoped.instances.exec("c1", ["cat"], timeout=20)).stdout == b""


async def test_environment_cwd_user_group(scoped: Client) -> None:
    result = await scoped.instances.exec(
        "c1",
        ["sh", "-c", 'echo "$GREETING|$(pwd)|$(id -u):$(id -g)"'],
        environment={"GREETING": "hi there"},
        cwd="/tmp",
        user=1234,
        group=4321,
    )
    assert result.stdout_text.strip() == "hi there|/tmp|1234:4321"
    root = await scoped.instances.exec("c1", ["sh", "-c", "echo $HOME $USER $(id -u)"])
    assert root.stdout_text.split() == ["/root", "root", "0"]


async def test_timeout_kills_the_command(scoped: Client) -> None:
    marker = uuid.uuid4().hex[:8]
    loop = asyncio.get_running_loop()
    start = loop.time()
    with pytest.raises(ExecTimeoutError) as info:
        await scoped.instances.exec("c1", ["sh", "-c", "echo started; exec sleep 1000"], timeout=1)
    assert loop.time() - start < 8
    assert info.value.result.stdout == b"started\n"
    assert info.value.result.exit_code == 143  # SIGTERM
    assert "sleep 1000" not in await ps(scoped)
    # A command that ignores SIGTERM gets SIGKILL after the grace period.
    script = f"trap '' TERM; while :; do : {marker}; done"
    with pytest.raises(ExecTimeoutError) as info:
        await scoped.instances.exec("c1", ["sh", "-c", script], timeout=0.5, kill_grace=0.5)
    assert info.value.result.exit_code == 137  # SIGKILL
    assert marker not in await ps(scoped)
    assert isinstance(info.value, TimeoutError)


# -- streaming processes ------------------------------------------------------------


async def test_streaming_process_interleaves_input_and_output(scoped: Client) -> None:
    async with scoped.instances.process("c1", ["cat"]) as proc:
        for i in range(3):
            await proc.write(f"line {i}\n".encode())
            # Each line comes back before the next is sent: a real stream.
            assert await asyncio.wait_for(proc.stdout.readline(), 10) == f"line {i}\n".encode()
        await proc.close_stdin()
        assert await proc.wait(timeout=10) == 0
        assert await proc.stdout.read() == b""
        assert proc.returncode == 0 and proc.done
    with pytest.raises(BrokenPipeError):
        await proc.write(b"late")


async def test_signals_are_delivered(scoped: Client) -> None:
    script = "trap 'echo got-usr1; exit 42' USR1; echo ready; while :; do sleep 0.1; done"
    async with scoped.instances.process("c1", ["sh", "-c", script]) as proc:
        assert await asyncio.wait_for(proc.stdout.readline(), 10) == b"ready\n"
        await proc.send_signal("USR1")
        assert await asyncio.wait_for(proc.stdout.read(), 10) == b"got-usr1\n"
        assert await proc.wait(10) == 42


async def test_leaving_the_block_kills_a_running_command(scoped: Client) -> None:
    marker = str(1000 + uuid.uuid4().int % 9000)
    async with scoped.instances.process("c1", ["sleep", marker]) as proc:
        await asyncio.sleep(0.2)
        assert f"sleep {marker}" in await ps(scoped)
    assert proc.returncode == 137
    assert f"sleep {marker}" not in await ps(scoped)
    # Nothing of the process is left running in this loop.
    assert stray_tasks() == set()


async def test_interactive_pty_and_resize(scoped: Client) -> None:
    async with scoped.instances.process("c1", ["sh"], interactive=True, width=100, height=30) as proc:
        await proc.write(b"stty size\n")
        seen = b""
        while b"30 100" not in seen:
            seen += await asyncio.wait_for(proc.stdout.read(4096), 10)
        await proc.resize(132, 50)
        await proc.write(b"stty size; tty; exit 5\n")
        rest = await asyncio.wait_for(proc.stdout.read(), 10)
        assert b"50 132" in rest
        assert b"/dev/pts/" in rest
        assert await proc.wait(10) == 5
        assert await proc.stderr.read() == b""
    result = await scoped.instances.exec("c1", ["sh", "-c", "test -t 0 && echo tty"], interactive=True)
    assert result.stdout.strip() == b"tty"


async def test_streamed_output_is_not_held_whole(scoped: Client) -> None:
    total = 200 * 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count = 0
    nonzero = 0
    async with scoped.instances.process("c1", ["head", "-c", str(total), "/dev/zero"]) as proc:
        async for chunk in proc.stdout:
            count += len(chunk)
            nonzero += len(chunk.strip(b"\0"))
        assert await proc.wait(30) == 0
    assert count == total and nonzero == 0
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 80, f"peak RSS grew by {grown_mb:.0f} MB while streaming"


async def test_unread_stderr_does_not_block_when_discarded(scoped: Client) -> None:
    # stderr floods; only stdout is consumed through communicate(), which reads both.
    script = "head -c 5000000 /dev/zero >&2; echo done"
    out, err = await (await scoped.instances.spawn("c1", ["sh", "-c", script])).communicate()
    assert out == b"done\n" and len(err) == 5_000_000


# -- the seed's call and bad input ---------------------------------------------------


async def test_execute_seed_call(scoped: Client) -> None:
    response = await scoped.instances.execute("c1", ["sh", "-c", "exit 4"], wait=True)
    assert response["type"] == "async"
    assert response.operation is not None and response.operation.metadata["return"] == 4
    # Waited for, the reply describes the finished operation, not the one just created.
    assert response.metadata["status"] == "Success" and response.metadata["status_code"] == 200
    assert response.metadata["metadata"] == {"return": 4}
    assert response.metadata["id"] == response.operation.id
    # Waiting is the default (the command has run when the call returns).
    marker = f"/tmp/x-{uuid.uuid4().hex[:8]}"
    done = await scoped.instances.execute("c1", ["touch", marker])
    assert done.metadata["status"] == "Success"
    assert (await scoped.instances.exec("c1", ["test", "-e", marker])).exit_code == 0
    recorded = await scoped.instances.execute("c1", ["sh", "-c", "echo rec"], record_output=True)
    stdout_log = recorded.metadata["metadata"]["output"]["1"]
    assert stdout_log.endswith(".stdout")
    async with scoped._core.stream("GET", stdout_log) as reply:
        assert await reply.read() == b"rec\n"
    with pytest.raises(IncusOperationError, match="Command not found"):
        await scoped.instances.execute("c1", ["no-such-command-xyz"])
    # Not waiting: the reply as the server sent it, the operation running.
    running = await scoped.instances.execute("c1", ["sleep", "1"], wait=False)
    assert running.metadata["status"] == "Running"
    assert running.operation is not None
    await running.wait()
    pending = await scoped.instances.execute("c1", ["true"], wait_for_websocket=True)
    # Nobody connects (so the call cannot have waited): the daemon gives up on its own after a few seconds.
    assert set(pending.metadata["metadata"]["fds"]) == {"0", "1", "2", "control"}
    assert pending.metadata["status"] == "Running"


async def test_bad_input(scoped: Client, client: Client, box: tuple[str, str]) -> None:
    with pytest.raises(ValueError):
        await scoped.instances.exec("c1", [])
    with pytest.raises(ValueError):
        await scoped.instances.exec("c1", "echo hi")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        await scoped.instances.execute("c1", ["true"], record_output=True, wait_for_websocket=True)
    with pytest.raises(IncusNotFoundError):
        await scoped.instances.exec("no-such-instance", ["true"])
    incus("create", TEST_IMAGE, "stopped1", project=box[0])
    try:
        with pytest.raises(IncusBadRequestError, match="not running"):
            await scoped.instances.exec("stopped1", ["true"])
        with pytest.raises(IncusBadRequestError):
            await scoped.instances.spawn("stopped1", ["true"])
    finally:
        incus("delete", "--force", "stopped1", project=box[0], check=False)
    assert stray_tasks() == set()


async def test_exec_over_https(https_endpoint: Any, trusted_cert: Any, box: tuple[str, str]) -> None:
    url, server_cert = https_endpoint
    async with Client(url, cert=trusted_cert, server_cert=server_cert, project=box[0]) as tls:
        result = await tls.instances.exec("c1", ["sh", "-c", "cat; echo err >&2"], stdin=b"over tls")
        assert (result.exit_code, result.stdout, result.stderr) == (0, b"over tls", b"err\n")


async def test_cancelling_exec_kills_the_command(scoped: Client) -> None:
    marker = str(2000 + uuid.uuid4().int % 7000)
    task = asyncio.ensure_future(scoped.instances.exec("c1", ["sleep", marker]))
    for _ in range(100):
        await asyncio.sleep(0.05)
        if f"sleep {marker}" in await ps(scoped):
            break
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert f"sleep {marker}" not in await ps(scoped)
    assert stray_tasks() == set()
