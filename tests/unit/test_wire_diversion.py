"""A diverted websocket (``WebSocket._divert``): frames written byte for byte by a fake daemon.

The server side writes raw RFC 6455 frames on the upgraded connection, so
that what aiohttp's own server never sends can be sent on cue: a message
split over many reads, several in one, fragments with a ping between them,
frames the diversion must leave to aiohttp (compressed, oversized).
"""

from __future__ import annotations

import asyncio
import contextlib
import tracemalloc
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from incus_sdk import Client
from incus_sdk._wire import WebSocket, _FrameSplitter

from .conftest import Start

TEXT, BINARY, CONTINUATION, CLOSE, PING = 0x1, 0x2, 0x0, 0x8, 0x9


def frame(payload: bytes, opcode: int = TEXT, *, fin: bool = True, rsv: int = 0) -> bytes:
    """One unmasked frame, as a server sends it."""
    first = (0x80 if fin else 0) | rsv | opcode
    size = len(payload)
    if size < 126:
        head = bytes([first, size])
    elif size < 1 << 16:
        head = bytes([first, 126]) + size.to_bytes(2, "big")
    else:
        head = bytes([first, 127]) + size.to_bytes(8, "big")
    return head + payload


class RawStream:
    """A websocket endpoint whose frames the test writes itself; what the client sends is recorded."""

    def __init__(self) -> None:
        self.ready = asyncio.Event()
        self.transport: asyncio.Transport | None = None
        self.received: list[tuple[aiohttp.WSMsgType, Any]] = []

    async def handler(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=False)
        await ws.prepare(request)
        self.transport = request.transport  # type: ignore[assignment]
        self.ready.set()
        async for message in ws:
            self.received.append((message.type, message.data))
        return ws

    def write(self, data: bytes) -> None:
        assert self.transport is not None
        self.transport.write(data)


async def until(condition: Callable[[], bool]) -> None:
    for _ in range(500):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("not reached in 5 s")


@contextlib.asynccontextmanager
async def diverted(
    stream_socket: tuple[RawStream, str], handle: Callable[[bytes], None] | None = None
) -> AsyncIterator[tuple[WebSocket, list[bytes]]]:
    """A client's websocket to the stream, diverted to ``handle`` (by default: appended to the list given)."""
    stream, path = stream_socket
    got: list[bytes] = []
    async with Client(path) as client:
        ws = await client._core.websocket("/1.0/raw")
        await stream.ready.wait()
        assert ws._divert(handle or got.append)
        yield ws, got
        await ws.close()
        assert ws.closed


@pytest.fixture
async def stream_socket(fake_daemon: Start) -> tuple[RawStream, str]:
    stream = RawStream()
    return stream, await fake_daemon({"GET /1.0/raw": stream.handler})


async def test_data_messages_are_handed_over_as_read_and_control_frames_reach_receive(
    stream_socket: tuple[RawStream, str],
) -> None:
    stream = stream_socket[0]
    async with diverted(stream_socket) as (ws, got):
        assert not ws._divert(got.append)  # once is enough
        receiving = asyncio.ensure_future(ws.receive())
        middle, big = bytes(range(256)) * 2, b"x" * 70_000  # 16-bit and 64-bit lengths
        stream.write(frame(b"one") + frame(middle, BINARY) + frame(big))  # three in one write
        split = frame(b'{"split": true}')
        for at in range(len(split)):
            stream.write(split[at : at + 1])
            await asyncio.sleep(0.001)
        # A fragmented message with a ping between its fragments.
        stream.write(frame(b"frag", fin=False) + frame(b"p1", PING) + frame(b"men", CONTINUATION, fin=False))
        await asyncio.sleep(0.01)
        stream.write(frame(b"ted", CONTINUATION))
        await until(lambda: len(got) == 5)
        assert got == [b"one", middle, big, b'{"split": true}', b"fragmented"]
        # The ping went on to aiohttp's reader, and receive() answered it.
        await until(lambda: (aiohttp.WSMsgType.PONG, b"p1") in stream.received)
        assert not receiving.done()  # no data message was queued for it
        stream.write(frame((1000).to_bytes(2, "big"), CLOSE))
        assert await asyncio.wait_for(receiving, 5) is None


async def test_frames_it_does_not_take_go_to_aiohttp_from_then_on(stream_socket: tuple[RawStream, str]) -> None:
    stream = stream_socket[0]
    async with diverted(stream_socket) as (ws, got):
        stream.write(frame(b"before", BINARY))
        await until(lambda: got == [b"before"])
        # A first fragment is held, then a continuation too large to take:
        # aiohttp's reader gets both (and all that follows), whole.
        large = b"y" * ((1 << 20) + 1)
        stream.write(frame(b"held", BINARY, fin=False) + frame(large, CONTINUATION))
        stream.write(frame(b"after", BINARY))
        first = await asyncio.wait_for(ws.receive(), 5)
        second = await asyncio.wait_for(ws.receive(), 5)
        assert first is not None and first.bytes == b"held" + large
        assert second is not None and second.bytes == b"after"
        assert got == [b"before"]


async def test_a_message_growing_too_large_in_fragments_goes_to_aiohttp_whole(
    stream_socket: tuple[RawStream, str],
) -> None:
    stream = stream_socket[0]
    async with diverted(stream_socket) as (ws, got):
        piece = b"z" * 400_000  # each fragment small enough, the three together not
        stream.write(
            frame(piece, BINARY, fin=False)
            + frame(piece, CONTINUATION, fin=False)
            + frame(piece, CONTINUATION, fin=False)
            + frame(b"end", CONTINUATION)
            + frame(b"after", BINARY)  # in the same write: not lost
        )
        first = await asyncio.wait_for(ws.receive(), 5)
        second = await asyncio.wait_for(ws.receive(), 5)
        assert first is not None and first.bytes == piece * 3 + b"end"
        assert second is not None and second.bytes == b"after"
        assert got == []


async def test_a_compressed_frame_is_left_to_aiohttp(stream_socket: tuple[RawStream, str]) -> None:
    async with diverted(stream_socket) as (ws, got):
        # RSV1 (permessage-deflate), never negotiated: aiohttp's reader
        # rejects it, and the websocket ends.
        stream_socket[0].write(frame(b"squeezed", rsv=0x40))
        assert await asyncio.wait_for(ws.receive(), 5) is None
        assert got == []


async def test_a_failing_handler_loses_only_its_message(
    stream_socket: tuple[RawStream, str], caplog: pytest.LogCaptureFixture
) -> None:
    handled: list[bytes] = []

    def handle(data: bytes) -> None:
        if data == b"bad":
            raise RuntimeError("handler bug")
        handled.append(data)

    async with diverted(stream_socket, handle):
        stream_socket[0].write(frame(b"bad") + frame(b"good"))
        await until(lambda: handled == [b"good"])
        assert "could not be handled" in caplog.text


async def test_a_dropped_connection_ends_receive(stream_socket: tuple[RawStream, str]) -> None:
    stream = stream_socket[0]
    async with diverted(stream_socket) as (ws, got):
        stream.write(frame(b"last") + frame(b"part", fin=False))
        await until(lambda: got == [b"last"])
        assert stream.transport is not None
        stream.transport.close()  # no close frame, a fragment pending
        assert await asyncio.wait_for(ws.receive(), 5) is None


# -- the splitter alone: what a frame read in many pieces costs ---------------------------------


class _Inner:
    """aiohttp's reader, as far as the splitter sees it: what it is passed is recorded."""

    def __init__(self) -> None:
        self.fed: list[bytes] = []

    def feed_data(self, data: bytes) -> tuple[bool, bytes]:
        self.fed.append(data)
        return False, b""

    def feed_eof(self) -> None:
        pass


def _copied_while_feeding(splitter: _FrameSplitter, reads: list[bytes]) -> int:
    """Feed ``reads`` one by one; return the bytes allocated meanwhile (each feed's peak over what it started with)."""
    tracemalloc.start()
    try:
        allocated = 0
        for data in reads:
            before = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            assert splitter.feed_data(data) == (False, b"")
            allocated += tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    return allocated


def _pieces(data: bytes, size: int) -> list[bytes]:
    return [data[at : at + size] for at in range(0, len(data), size)]


def _fragments(payload: bytes, size: int) -> list[bytes]:
    pieces = _pieces(payload, size)
    last = len(pieces) - 1
    return [frame(p, CONTINUATION if i else BINARY, fin=i == last) for i, p in enumerate(pieces)]


@pytest.mark.parametrize(
    ("payload", "reads"),
    [
        # 1 MiB, the most the splitter takes itself, in 1,025 reads.
        pytest.param(bytes(range(256)) * 4096, lambda p: _pieces(frame(p, BINARY), 1024), id="one frame, 1 KiB reads"),
        # 1,000 fragments of 1,000 bytes (with their headers, under 1 MiB), a read each.
        pytest.param(bytes(range(250)) * 4000, lambda p: _fragments(p, 1000), id="1,000 fragments, a read each"),
    ],
)
def test_a_message_read_in_small_pieces_is_copied_a_bounded_number_of_times(
    payload: bytes, reads: Callable[[bytes], list[bytes]]
) -> None:
    # Appending each read to what came before copies some 500 MiB; kept as
    # a list and joined once, each byte is copied a few times.
    got: list[bytes] = []
    inner = _Inner()
    splitter = _FrameSplitter(inner, got.append, "ws://test")
    pieces = reads(payload)
    allocated = _copied_while_feeding(splitter, pieces)
    assert got == [payload] and inner.fed == []
    size = len(payload)
    assert allocated < 4 * size, (allocated, size)
    # Split anywhere, one byte at a time at the seams, it is still the same message, once.
    whole = b"".join(pieces)
    splitter.feed_data(whole[:5])
    for byte in whole[5:20]:
        splitter.feed_data(bytes([byte]))
    splitter.feed_data(whole[20:])
    assert got == [payload, payload] and inner.fed == []
