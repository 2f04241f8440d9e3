"""A websocket handshake cancelled at any point leaves nothing open.

The handshake runs in the caller's task (no task of its own): whichever
turn of the event loop the cancellation comes in, before the upgrade aiohttp
closes the connection, and after it the caller already holds the
websocket. Checked turn by turn against a fake daemon in the same loop, with
aiohttp's reports of unclosed responses on (debug mode).
"""

from __future__ import annotations

import asyncio
import gc
import warnings

from aiohttp import web

from incus_sdk import Client
from incus_sdk._wire import WebSocket

from .conftest import Start


async def test_a_handshake_cancelled_at_any_turn_leaves_nothing_open(fake_daemon: Start) -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for _ in ws:
            pass
        return ws

    path = await fake_daemon({"GET /1.0/raw": handler})
    loop = asyncio.get_running_loop()
    debug = loop.get_debug()
    outcomes = set()
    async with Client(path) as client:
        loop.set_debug(True)  # aiohttp reports unclosed responses only in debug mode
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                for turns in range(40):
                    opening = asyncio.ensure_future(client._core.websocket("/1.0/raw"))
                    for _ in range(turns):
                        await asyncio.sleep(0)
                    opening.cancel()
                    try:
                        ws: WebSocket = await opening
                    except asyncio.CancelledError:
                        outcomes.add("cancelled")
                    else:
                        outcomes.add("connected")
                        await ws.close()
                await asyncio.sleep(0.1)
                gc.collect()
        finally:
            loop.set_debug(debug)
    # The cancellations came both before and after the upgrade.
    assert outcomes == {"cancelled", "connected"}
    leaks = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert leaks == []
