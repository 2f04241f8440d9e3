"""Operation waits resolved from the shared event stream, against a fake daemon that offers one.

The real daemon is in tests/integration/test_operation_events.py; here,
what it cannot be made to do on cue: an event that comes before the wait,
one that never comes, a stream that drops or is not offered.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from aiohttp import web

from incus_sdk import Client, IncusNotFoundError, IncusOperationError, IncusTimeoutError, Response, _watch

from ..ws_receives import record_receives
from .conftest import Start, envelope, error_envelope


def op(op_id: str, status: str = "Running", code: int = 103, err: str = "") -> dict[str, Any]:
    return {"id": op_id, "class": "task", "description": "Work", "status": status, "status_code": code, "err": err}


class Daemon:
    """A fake daemon: operations started by ``DELETE /1.0/profiles/{name}``, an event stream, what reached it."""

    def __init__(self, *, stream: bool = True, deaf_for: float = 0.0) -> None:
        self.ops: dict[str, dict[str, Any]] = {}
        #: Like the daemon, which registers a stream's listener after the
        #: handshake: what is sent to a stream this soon after it opened is lost.
        self.deaf_for = deaf_for
        self.opened_at: dict[int, float] = {}
        self.sockets: list[web.WebSocketResponse] = []
        self.connected = asyncio.Event()
        self.requests: list[str] = []
        self.events_queries: list[dict[str, str]] = []
        self.stream = stream

    async def events(self, request: web.Request) -> web.StreamResponse:
        if not self.stream:
            return web.json_response(error_envelope(404, "not found"), status=404)
        self.events_queries.append(dict(request.query))
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.opened_at[id(ws)] = time.monotonic()
        self.sockets.append(ws)
        self.connected.set()
        async for _ in ws:
            pass
        return ws

    async def send(self, metadata: dict[str, Any]) -> None:
        message = json.dumps({"type": "operation", "timestamp": "2026-11-30T07:46:50Z", "metadata": metadata})
        for ws in self.sockets:
            if not ws.closed and time.monotonic() - self.opened_at[id(ws)] >= self.deaf_for:
                await ws.send_str(message)

    async def finish(self, op_id: str, status: str = "Success", code: int = 200, err: str = "") -> None:
        self.ops[op_id] = op(op_id, status, code, err)
        await self.send(self.ops[op_id])

    async def get(self, request: web.Request) -> web.Response:
        self.requests.append(request.path)
        state = self.ops.get(request.match_info["id"])
        if state is None:
            return web.json_response(error_envelope(404, "Operation not found"), status=404)
        return web.json_response(envelope(state))

    async def wait(self, request: web.Request) -> web.Response:
        return await self.get(request)

    async def start(self, request: web.Request) -> web.Response:
        self.requests.append(request.path)
        op_id = f"op-{len(self.ops)}"
        self.ops[op_id] = op(op_id)
        body = {
            "type": "async",
            "status_code": 100,
            "operation": f"/1.0/operations/{op_id}",
            "metadata": self.ops[op_id],
        }
        return web.json_response(body, status=202)

    def routes(self) -> dict[str, Any]:
        return {
            "GET /1.0/events": self.events,
            "GET /1.0/operations/{id}": self.get,
            "GET /1.0/operations/{id}/wait": self.wait,
            "DELETE /1.0/profiles/{name}": self.start,
        }


async def started(client: Client) -> tuple[Response, str]:
    response = await client.profiles.delete("p", wait=False)
    assert response.operation is not None
    return response, response.operation.id


async def one_wait_through_the_stream(client: Client, fake: Daemon) -> None:
    """Wait on one operation whose end the stream tells: the stream is then open and delivering."""
    first, first_id = await started(client)
    waiting = asyncio.ensure_future(first.wait(timeout=5))  # opens the stream
    await fake.connected.wait()
    await asyncio.sleep(0.1)
    await fake.finish(first_id)  # the stream delivers: from now on it sees every operation whole
    await waiting


async def until(condition: Callable[[], bool]) -> None:
    """Poll ``condition`` for up to two seconds."""
    for _ in range(100):
        if condition():
            return
        await asyncio.sleep(0.02)


async def test_a_wait_is_resolved_by_its_event_without_long_polling(fake_daemon: Start) -> None:
    fake = Daemon()
    async with Client(await fake_daemon(fake.routes())) as client:
        response, op_id = await started(client)
        waiting = asyncio.ensure_future(response.wait(timeout=5))
        await fake.connected.wait()
        await asyncio.sleep(0.1)  # subscribed, and read once (still Running)
        await fake.send(op("another-operation", "Success", 200))  # not ours
        await asyncio.sleep(0.05)
        assert not waiting.done()
        await fake.finish(op_id)
        await asyncio.wait_for(waiting, 2)
    assert response.status == "Success"
    assert not [path for path in fake.requests if path.endswith("/wait")]
    # The stream of the project the request was sent in (none: the default).
    assert fake.events_queries == [{"type": "operation"}]


async def test_events_are_read_without_waking_the_reader_task(
    fake_daemon: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each event handed to the watcher as it is read (WebSocket._divert), not
    # queued for the reader task: a lifecycle brings some 40 events, most
    # of them progress, and a task wake-up each cost more than the rest.
    returned = record_receives(monkeypatch)
    fake = Daemon()
    async with Client(await fake_daemon(fake.routes())) as client:
        response, op_id = await started(client)
        waiting = asyncio.ensure_future(response.wait(timeout=5))
        await fake.connected.wait()
        for _ in range(100):  # the client's side of the handshake done (what came before is queued)
            watcher = _watch.existing_watcher(client._core.transport)
            if watcher is not None and watcher.connected:
                break
            await asyncio.sleep(0.01)
        for n in range(30):
            await fake.send({**op(op_id), "metadata": {"progress": n}})
        await fake.finish(op_id)
        await asyncio.wait_for(waiting, 2)
        assert response.status == "Success"
        assert returned == []  # the reader task is still in its first receive()
    assert returned == [None]  # ...which ended with the stream


async def test_waits_listen_in_their_requests_project_and_a_handle_of_unknown_project_in_all(
    fake_daemon: Start,
) -> None:
    fake = Daemon()
    async with Client(await fake_daemon(fake.routes()), project="p1") as client:
        p2 = client.with_project("p2")
        for started_by in (client, p2, client):
            response, op_id = await started(started_by)
            fake.ops[op_id] = op(op_id, "Success", 200)
            await response.wait(timeout=5)
        # One stream per project waited in, shared by the project's waits;
        # the daemon filters, so other projects' operations never reach it.
        assert fake.events_queries == [{"type": "operation", "project": "p1"}, {"type": "operation", "project": "p2"}]
        # A handle the client did not start may be of any project.
        fake.ops["other"] = op("other")
        handle = await client.operations.get("other")
        fake.connected.clear()
        waiting = asyncio.ensure_future(handle.wait(timeout=5))
        await asyncio.wait_for(fake.connected.wait(), 2)
        assert fake.events_queries[2] == {"type": "operation", "all-projects": "true"}
        await asyncio.sleep(0.1)  # subscribed
        await fake.finish("other")
        await asyncio.wait_for(waiting, 2)
    assert handle.status == "Success"
    assert not [path for path in fake.requests if path.endswith("/wait")]


async def test_many_waits_share_one_stream(fake_daemon: Start) -> None:
    fake = Daemon()
    async with Client(await fake_daemon(fake.routes())) as client:
        responses = [(await started(client))[0] for _ in range(50)]
        waiting = asyncio.ensure_future(asyncio.gather(*(r.wait(timeout=5) for r in responses)))
        await fake.connected.wait()
        await asyncio.sleep(0.3)
        for op_id in list(fake.ops):
            await fake.finish(op_id)
        await asyncio.wait_for(waiting, 3)
    assert all(r.status == "Success" for r in responses)
    assert len(fake.sockets) == 1
    assert not [path for path in fake.requests if path.endswith("/wait")]


async def test_a_failure_from_the_event_is_raised(fake_daemon: Start) -> None:
    fake = Daemon()
    async with Client(await fake_daemon(fake.routes())) as client:
        response, op_id = await started(client)
        waiting = asyncio.ensure_future(response.wait(timeout=5))
        await fake.connected.wait()
        await asyncio.sleep(0.1)
        await fake.finish(op_id, "Failure", 400, "The instance is already running")
        with pytest.raises(IncusOperationError, match="already running") as err:
            await asyncio.wait_for(waiting, 2)
    assert err.value.operation_id == op_id and err.value.status_code == 400


async def test_a_completion_before_the_stream_opened_is_not_lost(fake_daemon: Start) -> None:
    fake = Daemon()
    async with Client(await fake_daemon(fake.routes())) as client:
        response, op_id = await started(client)
        fake.ops[op_id] = op(op_id, "Success", 200)  # finished; its event went to nobody
        started_at = time.monotonic()
        await response.wait(timeout=5)
    assert time.monotonic() - started_at < 1
    assert response.status == "Success"
    assert fake.requests.count(f"/1.0/operations/{op_id}") == 1  # read once, after subscribing


async def test_a_completion_before_the_wait_is_kept(fake_daemon: Start) -> None:
    fake = Daemon()
    async with Client(await fake_daemon(fake.routes())) as client:
        await one_wait_through_the_stream(client, fake)
        response, op_id = await started(client)
        await fake.finish(op_id)  # before anyone waits
        await asyncio.sleep(0.05)
        fake.ops[op_id] = op(op_id)  # a read would now say Running: the kept event must be what counts
        fake.requests.clear()
        await response.wait(timeout=5)
    assert response.status == "Success"
    assert fake.requests == []  # neither a read nor a long-poll


async def test_an_idle_stream_is_closed_and_the_next_wait_opens_it_again(
    fake_daemon: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_watch, "IDLE_CLOSE", 0.2)
    fake = Daemon()
    async with Client(await fake_daemon(fake.routes())) as client:
        await one_wait_through_the_stream(client, fake)
        watcher = _watch.existing_watcher(client._core.transport)
        assert watcher is not None and watcher.connected
        kept, kept_id = await started(client)
        await fake.finish(kept_id)  # its event comes while nobody waits: kept
        await until(lambda: fake.sockets[0].closed)  # no wait for IDLE_CLOSE: the client closes the stream
        assert fake.sockets[0].closed and not watcher.connected
        await fake.send(op("while-closed", "Success", 200))  # reaches nobody
        fake.requests.clear()
        await kept.wait(timeout=5)  # known from before the close: nothing asked
        assert fake.requests == [] and len(fake.sockets) == 1
        second, second_id = await started(client)
        waiting = asyncio.ensure_future(second.wait(timeout=5))  # opens a new stream
        await until(lambda: len(fake.sockets) == 2)
        await asyncio.sleep(0.1)
        await fake.finish(second_id)
        await asyncio.wait_for(waiting, 2)
    assert kept.status == "Success" and second.status == "Success"
    assert len(fake.sockets) == 2 and fake.sockets[0].closed
    assert not [path for path in fake.requests if path.endswith("/wait")]


async def test_a_stream_in_use_is_not_closed_as_idle(fake_daemon: Start, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_watch, "IDLE_CLOSE", 0.1)
    fake = Daemon()
    async with Client(await fake_daemon(fake.routes())) as client:
        first, first_id = await started(client)
        second, second_id = await started(client)
        waits = [asyncio.ensure_future(r.wait(timeout=5)) for r in (first, second)]
        await fake.connected.wait()
        await asyncio.sleep(0.1)
        await fake.finish(first_id)
        await waits[0]
        await asyncio.sleep(0.4)  # longer than IDLE_CLOSE, one wait still on it
        assert not fake.sockets[0].closed
        await fake.finish(second_id)
        await asyncio.wait_for(waits[1], 2)
    assert len(fake.sockets) == 1


async def test_an_end_before_the_daemon_registered_the_stream_is_read_before_the_daemon_forgets_it(
    fake_daemon: Start,
) -> None:
    # The daemon registers a stream after its handshake, and forgets a
    # finished operation 5 s after its end: an end in between reaches no
    # stream, and the safety net's re-read (5 s) would come too late.
    fake = Daemon(deaf_for=0.6)
    async with Client(await fake_daemon(fake.routes())) as client:
        response, op_id = await started(client)
        waiting = asyncio.ensure_future(response.wait(timeout=4))  # opens the stream: not covered, a re-read
        await fake.connected.wait()
        await asyncio.sleep(0.3)  # the re-read said Running
        await fake.finish(op_id)  # lost: the stream is not registered yet
        finished = time.monotonic()
        await asyncio.wait_for(waiting, 3)
    assert response.status == "Success"
    assert time.monotonic() - finished < 2  # not the 5 s safety net, when the daemon forgets it


async def test_a_forgotten_event_means_a_read(fake_daemon: Start, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = Daemon()
    monkeypatch.setattr(_watch, "RETAIN_MAX", 1)
    async with Client(await fake_daemon(fake.routes())) as client:
        await one_wait_through_the_stream(client, fake)
        response, op_id = await started(client)
        await fake.finish(op_id)
        await fake.send(op("pushes-it-out", "Success", 200))
        await asyncio.sleep(0.05)
        fake.requests.clear()
        await response.wait(timeout=5)
    assert response.status == "Success"
    assert fake.requests == [f"/1.0/operations/{op_id}"]


async def test_a_wait_times_out_on_time_with_the_stream(fake_daemon: Start) -> None:
    fake = Daemon()
    async with Client(await fake_daemon(fake.routes())) as client:
        response, _ = await started(client)
        started_at = time.monotonic()
        with pytest.raises(IncusTimeoutError, match=r"still Running after 0\.7s"):
            await response.wait(timeout=0.7)
    assert 0.7 <= time.monotonic() - started_at < 1.2


async def test_a_dropped_stream_does_not_lose_the_end(fake_daemon: Start, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = Daemon()
    monkeypatch.setattr(_watch, "RETRY", 30.0)  # it stays down: the wait long-polls
    async with Client(await fake_daemon(fake.routes())) as client:
        response, op_id = await started(client)
        waiting = asyncio.ensure_future(response.wait(timeout=5))
        await fake.connected.wait()
        await asyncio.sleep(0.1)
        fake.stream = False
        fake.ops[op_id] = op(op_id, "Success", 200)  # finishes while the stream is cut: no event
        await fake.sockets[0].close()
        await asyncio.wait_for(waiting, 3)
    assert response.status == "Success"


async def test_a_missed_event_is_caught_by_the_safety_net(fake_daemon: Start, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = Daemon()
    monkeypatch.setattr(_watch, "RECHECK", 0.2)
    async with Client(await fake_daemon(fake.routes())) as client:
        response, op_id = await started(client)
        waiting = asyncio.ensure_future(response.wait(timeout=5))
        await fake.connected.wait()
        await asyncio.sleep(0.1)
        fake.ops[op_id] = op(op_id, "Success", 200)  # the daemon never sends the event
        await asyncio.wait_for(waiting, 2)
    assert response.status == "Success"
    assert not [path for path in fake.requests if path.endswith("/wait")]


async def test_a_gone_operation_is_not_found(fake_daemon: Start) -> None:
    fake = Daemon()
    async with Client(await fake_daemon(fake.routes())) as client:
        with pytest.raises(IncusNotFoundError):
            await client.operations.wait("long-gone", timeout=5)


async def test_a_daemon_without_the_stream_is_long_polled(fake_daemon: Start) -> None:
    fake = Daemon(stream=False)
    async with Client(await fake_daemon(fake.routes())) as client:
        response, op_id = await started(client)
        fake.ops[op_id] = op(op_id, "Success", 200)
        await response.wait(timeout=5)
        watcher = _watch.existing_watcher(client._core.transport)
        assert watcher is not None and watcher.refused
    assert fake.requests[-1] == f"/1.0/operations/{op_id}/wait"
