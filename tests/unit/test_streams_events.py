"""The event stream against a local fake daemon that drops connections and restarts."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from incus_sdk import Client, IncusBadRequestError


def event(n: int, project: str = "default") -> str:
    return json.dumps(
        {
            "type": "lifecycle",
            "timestamp": "2026-01-01T00:00:00Z",
            "project": project,
            "location": "none",
            "metadata": {"action": f"test-{n}", "source": f"/1.0/things/{n}", "context": {"n": n}},
        }
    )


class FakeDaemon:
    """Serves ``/1.0/events``; each connection gets the next script of messages.

    A script ends by dropping the TCP connection without a close frame (as a
    dying daemon does), or with ``"hold"`` by keeping the socket open.
    """

    def __init__(self, path: str, scripts: list[list[str]]) -> None:
        self.path = path
        self.scripts = scripts
        self.queries: list[dict[str, str]] = []
        self.runner: web.AppRunner | None = None

    async def events(self, request: web.Request) -> web.StreamResponse:
        self.queries.append(dict(request.query))
        if request.query.get("type") == "bogus":
            return web.json_response(
                {"type": "error", "error_code": 400, "error": '"bogus" isn\'t a supported event type'}, status=400
            )
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        script = self.scripts.pop(0) if self.scripts else ["hold"]
        for message in script:
            if message == "hold":
                # Like incusd: keep the socket, answering pings and the close handshake.
                async for _ in ws:
                    pass
                return ws
            await ws.send_str(message)
        assert request.transport is not None
        request.transport.abort()  # no close frame: the connection just dies
        return ws

    async def info(self, request: web.Request) -> web.Response:
        return web.json_response({"type": "sync", "status_code": 200, "metadata": {"api_extensions": []}})

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/1.0/events", self.events)
        app.router.add_get("/1.0", self.info)
        self.runner = web.AppRunner(app, shutdown_timeout=0.1)
        await self.runner.setup()
        await web.UnixSite(self.runner, self.path).start()

    async def stop(self) -> None:
        if self.runner is not None:
            runner, self.runner = self.runner, None
            await runner.cleanup()


@pytest.fixture
async def daemon(tmp_path: Any) -> AsyncIterator[Any]:
    made: list[FakeDaemon] = []

    async def make(scripts: list[list[str]]) -> FakeDaemon:
        fake = FakeDaemon(str(tmp_path / "events.sock"), scripts)
        await fake.start()
        made.append(fake)
        return fake

    yield make
    for fake in made:
        await fake.stop()


async def test_stream_ends_when_the_connection_drops(daemon: Any) -> None:
    fake = await daemon([[event(1), "not json", event(2)]])
    async with Client(fake.path) as client:
        got = [e async for e in client.events(types=["lifecycle"], project="p1")]
    assert [e.action for e in got] == ["test-1", "test-2"]
    assert got[0].lifecycle is not None and got[0].lifecycle.context == {"n": 1}
    assert fake.queries == [{"type": "lifecycle", "project": "p1"}]


async def test_reconnects_without_ending_the_loop(daemon: Any) -> None:
    fake = await daemon([[event(1), event(2)], [event(3)], [event(4), "hold"]])
    calls: list[int] = []

    async def on_reconnect(count: int) -> None:
        calls.append(count)

    async with Client(fake.path, project="ignored") as client:
        stream = client.events(
            "lifecycle,operation", all_projects=True, reconnect=True, reconnect_delay=0.01, on_reconnect=on_reconnect
        )
        got = []
        async for e in stream:
            got.append(e.action)
            if len(got) == 4:
                break
    assert got == ["test-1", "test-2", "test-3", "test-4"]
    assert stream.reconnects == 2 and calls == [1, 2]
    assert not stream.connected
    # all-projects replaces the client's own project (the server refuses both).
    assert fake.queries[0] == {"type": "lifecycle,operation", "all-projects": "true"}


async def test_reconnects_after_a_daemon_restart(daemon: Any) -> None:
    fake = await daemon([[event(1), "hold"]])
    async with Client(fake.path) as client:
        stream = client.events(reconnect=True, reconnect_delay=0.05, max_reconnect_delay=0.1)
        async with stream:
            first = await stream.next_event()
            assert first is not None and first.action == "test-1"
            pending = asyncio.ensure_future(stream.next_event())
            await asyncio.sleep(0.05)
            await fake.stop()  # the daemon goes away...
            await asyncio.sleep(0.4)  # ...several connection attempts fail meanwhile...
            assert not pending.done()
            fake.scripts = [[event(2), "hold"]]
            await fake.start()  # ...and it comes back.
            second = await asyncio.wait_for(pending, 5)
        assert second is not None and second.action == "test-2"
        assert stream.reconnects == 1


async def test_cancel_while_waiting_to_reconnect(daemon: Any) -> None:
    fake = await daemon([[event(1)]])
    async with Client(fake.path) as client:
        stream = client.events(reconnect=True, reconnect_delay=0.05)
        seen = asyncio.Event()

        async def consume() -> None:
            async for _ in stream:
                seen.set()
                await fake.stop()  # from now on every reconnection attempt fails

        task = asyncio.ensure_future(consume())
        await asyncio.wait_for(seen.wait(), 5)
        await asyncio.sleep(0.3)
        assert not task.done()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert not stream.connected


async def test_refused_subscription_is_a_clear_error(daemon: Any) -> None:
    fake = await daemon([])
    async with Client(fake.path) as client:
        with pytest.raises(IncusBadRequestError):
            async with client.events(types=["bogus"]):
                pass
