"""Exec against a local fake daemon: framing, abrupt endings, and a failed attach."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

import incus_sdk
from incus_sdk import Client, IncusConnectionError
from incus_sdk.streams import OutputStream


def op_body(op_id: str, status: str, code: int, metadata: dict[str, Any], err: str = "") -> dict[str, Any]:
    return {
        "id": op_id,
        "class": "websocket",
        "description": "Executing command",
        "status": status,
        "status_code": code,
        "metadata": metadata,
        "may_cancel": False,
        "err": err,
    }


FDS = {"0": "s0", "1": "s1", "2": "s2", "control": "sc"}


class FakeExecDaemon:
    """Speaks the exec protocol as incusd does: binary data, an empty text
    barrier, then the TCP connection dropped without a close frame (the
    control socket's too, once the operation ended).

    ``refuse_first`` makes the first operation's websockets fail as when the
    daemon gave up waiting for them.
    """

    def __init__(
        self, refuse_first: bool = False, stdout: list[bytes] | None = None, finish_first: bool = False
    ) -> None:
        self.refuse_first = refuse_first
        self.finish_first = finish_first
        self.ping_then_close = False
        #: Keep the control socket open after the operation ended (incusd closes it).
        self.keep_control = False
        self.stdout = stdout if stdout is not None else [b"hello ", b"world"]
        self.ops: dict[str, dict[str, Any]] = {}
        self.stdin: bytearray = bytearray()
        self.posts = 0
        self.control: list[str] = []

    async def info(self, request: web.Request) -> web.Response:
        return web.json_response({"type": "sync", "status_code": 200, "metadata": {"api_extensions": []}})

    async def exec(self, request: web.Request) -> web.Response:
        self.posts += 1
        op_id = f"op{self.posts}"
        refused = self.refuse_first and self.posts == 1
        self.ops[op_id] = op_body(op_id, "Running", 103, {"fds": FDS})
        if refused:
            self.ops[op_id] = op_body(
                op_id, "Failure", 400, {"fds": FDS}, "Timed out waiting for websockets to connect"
            )
        self.ops[op_id]["_done"] = asyncio.Event()
        self.ops[op_id]["_out_done"] = 0
        body = {"type": "async", "status_code": 100, "operation": f"/1.0/operations/{op_id}"}
        body["metadata"] = op_body(op_id, "Running", 103, {"fds": FDS})
        return web.json_response(body, status=202)

    def public(self, op: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in op.items() if not k.startswith("_")}

    async def get_op(self, request: web.Request) -> web.Response:
        op = self.ops[request.match_info["id"]]
        return web.json_response({"type": "sync", "status_code": 200, "metadata": self.public(op)})

    async def wait(self, request: web.Request) -> web.Response:
        op = self.ops[request.match_info["id"]]
        await op["_done"].wait()
        return web.json_response({"type": "sync", "status_code": 200, "metadata": self.public(op)})

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        op = self.ops[request.match_info["id"]]
        if op["status"] == "Failure":
            return web.json_response({"type": "error", "error_code": 500, "error": "not running"}, status=500)
        secret = request.query["secret"]
        op.setdefault("_connected", set())
        if secret == "sc" and op["_connected"]:
            # incusd starts the command once 0, 1 and 2 are in; a short one is
            # over (and the operation with it) before a late control socket.
            return web.json_response({"type": "error", "error_code": 500, "error": "not running"}, status=500)
        op["_connected"].add(secret)
        transport = request.transport
        assert transport is not None
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        if secret == "s0":
            async for msg in ws:
                if msg.type.name == "TEXT":
                    break
                self.stdin += msg.data
        elif secret == "sc":
            # Read until the operation ends; incusd then closes the control socket too.
            async def read() -> None:
                async for msg in ws:
                    self.control.append(msg.data)

            reading = asyncio.ensure_future(read())
            ended = asyncio.ensure_future(asyncio.Event().wait() if self.keep_control else op["_done"].wait())
            await asyncio.wait([reading, ended], return_when=asyncio.FIRST_COMPLETED)
            for task in (reading, ended):
                task.cancel()
            await asyncio.gather(reading, ended, return_exceptions=True)
        else:
            if secret == "s1":
                if self.ping_then_close:
                    # Everything in flight at once, then the connection dies: the
                    # client answers the ping on a closing transport, and the
                    # output queued behind the ping must still come out.
                    await ws.ping(b"keepalive")
                    for piece in self.stdout:
                        await ws.send_bytes(piece)
                    await ws.send_str("")
                    op["_out_done"] += 1
                    if op["_out_done"] == 2:
                        op.update(op_body(op["id"], "Success", 200, {"fds": FDS, "return": 0}))
                        op["_done"].set()
                    transport.abort()
                    return ws
                if self.finish_first:
                    # The operation reports its end before the output is through.
                    op.update(op_body(op["id"], "Success", 200, {"fds": FDS, "return": 7}))
                    op["_done"].set()
                    await asyncio.sleep(0.2)
                for piece in self.stdout:
                    await ws.send_bytes(piece)
                    await asyncio.sleep(0)
            await ws.send_str("")  # the barrier
            op["_out_done"] += 1
            if op["_out_done"] == 2:
                op.update(op_body(op["id"], "Success", 200, {"fds": FDS, "return": 7}))
                op["_done"].set()
        await asyncio.sleep(0.05)
        transport.abort()  # incusd closes without a close frame
        return ws


@pytest.fixture
async def fake(tmp_path: Any) -> AsyncIterator[Any]:
    runners: list[web.AppRunner] = []

    async def start(daemon: FakeExecDaemon) -> str:
        app = web.Application()
        app.router.add_get("/1.0", daemon.info)
        app.router.add_post("/1.0/instances/{name}/exec", daemon.exec)
        app.router.add_get("/1.0/operations/{id}", daemon.get_op)
        app.router.add_get("/1.0/operations/{id}/wait", daemon.wait)
        app.router.add_get("/1.0/operations/{id}/websocket", daemon.websocket)
        runner = web.AppRunner(app, shutdown_timeout=0.1)
        await runner.setup()
        path = str(tmp_path / f"exec{len(runners)}.sock")
        await web.UnixSite(runner, path).start()
        runners.append(runner)
        return path

    yield start
    for runner in runners:
        await runner.cleanup()


@pytest.mark.parametrize("finish_first", [False, True])
async def test_output_drained_before_the_result_and_no_noise(fake: Any, finish_first: bool) -> None:
    daemon = FakeExecDaemon(stdout=[b"x" * 40000] * 50 + [b"end"], finish_first=finish_first)
    async with Client(await fake(daemon)) as client:
        result = await client.instances.exec("c1", ["cat"], stdin=b"input bytes")
    assert result.exit_code == 7
    assert result.stdout == b"x" * 2_000_000 + b"end"
    assert result.stderr == b""
    assert bytes(daemon.stdin) == b"input bytes"


async def test_attach_failure_before_start_is_retried(fake: Any) -> None:
    daemon = FakeExecDaemon(refuse_first=True)
    async with Client(await fake(daemon)) as client:
        result = await client.instances.exec("c1", ["true"])
    assert daemon.posts == 2
    assert result.stdout == b"hello world" and result.exit_code == 7


async def test_attach_failure_twice_is_a_clear_error(fake: Any) -> None:
    daemon = FakeExecDaemon(refuse_first=True)
    daemon.posts = 0

    async def always_refuse(request: web.Request) -> web.Response:
        daemon.refuse_first = True
        daemon.posts = 0
        return await FakeExecDaemon.exec(daemon, request)

    daemon.exec = always_refuse  # type: ignore[method-assign]
    async with Client(await fake(daemon)) as client:
        with pytest.raises(IncusConnectionError, match="Timed out waiting for websockets"):
            await client.instances.exec("c1", ["true"])
    # Nothing of the SDK is left running (the fake server's own handlers may
    # be). Compare with the package's directory: the clone itself may well be
    # named incus_sdk, and aiohttp's files then lie under that name too.
    package = str(Path(incus_sdk.__file__).parent) + os.sep
    left = [t for t in asyncio.all_tasks() if t.get_coro().cr_code.co_filename.startswith(package)]  # type: ignore[union-attr]
    assert left == []


async def test_sockets_the_daemon_leaves_open_are_closed_after_a_short_grace(
    fake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # incusd closes every socket of an ended command itself, which the client
    # waits for instead of closing them first; one left open is closed by
    # the client (with a close handshake) after a grace of half a second.
    daemon = FakeExecDaemon()
    daemon.keep_control = True
    async with Client(await fake(daemon)) as client:
        proc = await client.instances.spawn("c1", ["true"])
        await proc.close_stdin()  # (the fake reads stdin until then)
        assert await proc.wait() == 7
        started = time.monotonic()
        await proc.close()
        assert 0.4 < time.monotonic() - started < 3
        assert all(ws.closed for ws in proc._sockets.values())
        # Without it, closing waits for no grace (made long here, to tell the
        # two apart on a loaded machine): every socket was closed by the daemon.
        monkeypatch.setattr(incus_sdk.streams, "_CLOSE_GRACE", 5.0)
        daemon.keep_control = False
        proc = await client.instances.spawn("c1", ["true"])
        await proc.close_stdin()
        await proc.wait()
        started = time.monotonic()
        await proc.close()
        assert time.monotonic() - started < 2.5
        assert all(ws.closed for ws in proc._sockets.values())


async def test_output_queued_behind_an_unanswerable_ping_is_kept(fake: Any) -> None:
    for _ in range(20):
        daemon = FakeExecDaemon(stdout=[b"a" * 1000, b"b" * 1000])
        daemon.ping_then_close = True
        async with Client(await fake(daemon)) as client:
            result = await client.instances.exec("c1", ["true"])
        assert result.stdout == b"a" * 1000 + b"b" * 1000


async def test_output_kept_whole_for_communicate_comes_whole_and_in_order() -> None:
    stream = OutputStream(limit=2)
    await stream._feed(b"12")
    await stream._feed(b"b")
    assert await stream.read(1) == b"1"  # "2" left pending
    await stream._feed(b"c")  # the buffer is full again
    blocked = asyncio.ensure_future(stream._feed(b"d"))  # the pump waits for room
    await asyncio.sleep(0)
    assert not blocked.done()
    stream._keep_all()  # what was buffered is kept; the waiting put lands after it
    await blocked
    await stream._feed(b"e")
    stream._feed_eof()
    assert stream._take_all() == b"2bcde"
    assert await stream.read() == b"" and stream.at_eof()


async def test_output_of_a_communicate_cut_short_stays_readable() -> None:
    stream = OutputStream()
    stream._keep_all()
    await stream._feed(b"x")
    stream._stop_keeping()  # communicate() was cancelled
    await stream._feed(b"y")
    stream._feed_eof()
    assert await stream.read() == b"xy"


class _RecordedSocket:
    """Stands for a websocket: records that it was closed."""

    def __init__(self, log: list[object]) -> None:
        self.closed = False
        self._log = log

    async def close(self) -> None:
        self._log.append(self)
        self.closed = True


async def test_a_stream_closes_its_websockets_even_when_cancelled_while_stopping_its_tasks() -> None:
    """A timeout around a whole exec that strikes while the process is being closed (seen against the daemon)."""
    from incus_sdk.streams import _stop_and_close

    async def slow_to_stop() -> None:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(0.05)  # a pump finishing its last message
            raise

    closed: list[object] = []
    task = asyncio.ensure_future(slow_to_stop())
    await asyncio.sleep(0)
    sockets = [_RecordedSocket(closed), _RecordedSocket(closed)]
    closing = asyncio.ensure_future(_stop_and_close([task], sockets))  # type: ignore[list-item]
    await asyncio.sleep(0.01)
    closing.cancel()  # while it waits for the task to stop
    with pytest.raises(asyncio.CancelledError):
        await closing
    await asyncio.sleep(0.01)
    assert closed == sockets
    assert task.cancelled() or task.done()
