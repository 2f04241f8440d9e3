"""What travels on the connection, in the SDK's own types: websockets and streamed bodies.

aiohttp stays behind the core: :mod:`incus_sdk._transport` makes its
session, :mod:`incus_sdk._core` sends with it, and this module wraps the two
things the rest of the SDK reads from it over time:

* :class:`WebSocket` — an operation's websocket (exec, console, migration)
  or the event stream: send bytes or text, receive :class:`Message` s, close;
* :class:`StreamBody` — a reply whose body is read as it arrives (file and
  image downloads, backups, logs), with :class:`BodyPart` for the parts of a
  ``multipart`` body (split image exports).

Errors are the SDK's: a broken connection is an
:class:`~incus_sdk.IncusConnectionError`, a server that stops sending for
longer than the client's timeout an :class:`~incus_sdk.IncusTimeoutError`.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aiohttp
from aiohttp.client_proto import ResponseHandler

from .exceptions import IncusConnectionError, IncusError, IncusTimeoutError
from .hooks import http_log

if TYPE_CHECKING:
    from collections.abc import Iterator


class MessageKind(enum.Enum):
    """What a websocket message carries."""

    BINARY = "binary"
    TEXT = "text"


@dataclass(frozen=True)
class Message:
    """One websocket message.

    Attributes:
        kind: Binary or text.
        data: The payload (``bytes`` for binary messages, ``str`` for text).
    """

    kind: MessageKind
    data: bytes | str

    @property
    def bytes(self) -> bytes:
        """The payload as bytes (text is UTF-8 encoded)."""
        return self.data if isinstance(self.data, bytes) else self.data.encode()


@contextlib.contextmanager
def _sdk_errors(what: str, url: str, method: str = "GET") -> Iterator[None]:
    """Turn aiohttp's and the socket's failures into the SDK's errors."""
    try:
        yield
    except IncusError:
        raise
    except asyncio.TimeoutError as exc:
        raise IncusTimeoutError(
            f"{what}: the transfer stalled (no data within the client's timeout)", exc, method=method, url=url
        ) from exc
    except (aiohttp.ClientError, ConnectionError, RuntimeError) as exc:
        # RuntimeError: aiohttp's "Connection closed" on a connection gone.
        raise IncusConnectionError(f"{what}: {exc}", exc, method=method, url=url) from exc


class WebSocket:
    """A websocket to the daemon (an operation's, or the event stream).

    Attributes:
        url: Where it is connected.
    """

    def __init__(self, socket: aiohttp.ClientWebSocketResponse, url: str) -> None:
        self._socket = socket
        self.url = url

    @property
    def closed(self) -> bool:
        """Whether the websocket is closed (by either side)."""
        return self._socket.closed

    async def send_bytes(self, data: bytes) -> None:
        """Send a binary message.

        Raises:
            IncusConnectionError: If the connection is gone.
        """
        with _sdk_errors("websocket send failed", self.url):
            await self._socket.send_bytes(data)

    async def send_text(self, text: str) -> None:
        """Send a text message.

        Raises:
            IncusConnectionError: If the connection is gone.
        """
        with _sdk_errors("websocket send failed", self.url):
            await self._socket.send_str(text)

    async def receive(self) -> Message | None:
        """Return the next data message, or None once the websocket is closed or unusable.

        Pings are answered on the way. When the daemon has already dropped
        the connection (as incusd does right after a command's output),
        answering a ping still queued fails although the data queued behind
        it is intact: such failures are skipped and reading goes on, or
        output would be cut short.
        """
        for _ in range(10_000):
            try:
                msg = await self._socket.receive()
            except ConnectionResetError:
                continue  # a pong that could not be sent; the queue goes on
            except (aiohttp.ClientError, ConnectionError, RuntimeError):
                return None
            if msg.type == aiohttp.WSMsgType.BINARY:
                return Message(MessageKind.BINARY, msg.data)
            if msg.type == aiohttp.WSMsgType.TEXT:
                return Message(MessageKind.TEXT, msg.data)
            if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED):
                http_log.debug("websocket %s closed by the daemon", self.url)
                return None
            if msg.type == aiohttp.WSMsgType.ERROR:
                http_log.debug("websocket %s broke: %s", self.url, msg.data)
                return None
        return None

    def _divert(self, on_data: Callable[[bytes], None]) -> bool:
        """Have each data message handed to ``on_data`` as soon as it is read, instead of queued for :meth:`receive`.

        Internal (the operation-event watcher's; a sync twin would call
        ``on_data`` in the loop's thread). For a stream of many small
        messages that are mostly ignored (the operation events): ``on_data``
        is called from the connection's reading callback, with the
        message's bytes (text undecoded), so no task is woken per message.
        It must not block or raise (an exception is logged and the message
        dropped). Pings, pongs and the close go
        on to :meth:`receive` as before (which answers pings: keep calling
        it to learn when the websocket closes); so do messages read before
        the diversion, and all of them from a frame this reader does not
        take (compressed, masked, larger than 1 MiB), from then on.

        Returns:
            Whether messages are diverted; False (nothing changed) when
            this aiohttp's connection does not have the expected reader.
        """
        connection = getattr(self._socket, "_conn", None)
        protocol = getattr(connection, "protocol", None)
        # aiohttp 3.9 to 3.14 (the SDK needs 3.12+): the upgraded connection's
        # ResponseHandler feeds every chunk read to ``_payload_parser.feed_data(data)``,
        # which returns ``(failed, tail)``, and calls its ``feed_eof()`` on EOF.
        inner = getattr(protocol, "_payload_parser", None)
        if (
            self._socket.closed
            or not isinstance(protocol, ResponseHandler)
            or not callable(getattr(inner, "feed_data", None))
            or not callable(getattr(inner, "feed_eof", None))
            or isinstance(inner, _FrameSplitter)
        ):
            return False
        protocol._payload_parser = _FrameSplitter(inner, on_data, self.url)  # type: ignore[assignment]
        return True

    def __aiter__(self) -> AsyncIterator[Message]:
        return self._messages()

    async def _messages(self) -> AsyncIterator[Message]:
        while (msg := await self.receive()) is not None:
            yield msg

    async def close(self) -> None:
        """Close the websocket; never raises (the daemon may have dropped it already)."""
        if self._socket.closed:
            # A connection the daemon dropped under a receive leaves aiohttp's
            # websocket closed but its upgrade response open (reported as an
            # unclosed response): release it, which needs no I/O.
            response = getattr(self._socket, "_response", None)
            if response is not None:
                response.close()
            return
        http_log.debug("websocket %s closed", self.url)
        with contextlib.suppress(aiohttp.ClientError, ConnectionError, RuntimeError, asyncio.TimeoutError):
            await self._socket.close()

    def __repr__(self) -> str:
        return f"<WebSocket {self.url} {'closed' if self.closed else 'open'}>"


#: The largest data frame :class:`_FrameSplitter` takes itself (larger ones go to aiohttp, which bounds them).
_SPLIT_MAX = 1 << 20
_CONTINUATION, _TEXT, _BINARY = 0x0, 0x1, 0x2
_CONTROL = frozenset({0x8, 0x9, 0xA})  # close, ping, pong


class _FrameSplitter:
    """The reader of a diverted websocket (:meth:`WebSocket._divert`), in front of aiohttp's own.

    It splits what the connection reads into frames (RFC 6455 section 5.2)
    and hands each complete data message to ``on_data`` at once; control
    frames go on to aiohttp's reader, as raw bytes, whole. A frame it does
    not take (extension bits, a mask, which a server must not set; an
    unknown opcode; a very large payload) makes it give up: that frame,
    the fragments it holds, and all that follows go to aiohttp's reader,
    which queues (or rejects) them as if it had read them all along.

    A frame that arrives over many reads is kept as the list of those reads
    and joined once, when its last byte has come: each byte is copied a
    bounded number of times, however small the reads (appending each read
    to what came before would copy a 1 MiB frame read 4 KiB at a time some
    128 MiB over).
    """

    __slots__ = (
        "_chunks",
        "_fragments",
        "_held",
        "_held_size",
        "_inner",
        "_need",
        "_on_data",
        "_passing",
        "_size",
        "_url",
    )

    def __init__(self, inner: Any, on_data: Callable[[bytes], None], url: str) -> None:
        self._inner = inner
        self._on_data = on_data
        self._url = url
        #: The reads of a frame not complete yet, their total length, and
        #: the length they must reach before it can be split further.
        self._chunks: list[bytes] = []
        self._size = 0
        self._need = 0
        #: The payloads of a fragmented message so far, and its frames' raw
        #: bytes with their total length (for aiohttp's reader, should this
        #: one give up).
        self._fragments: list[bytes] | None = None
        self._held: list[bytes] = []
        self._held_size = 0
        self._passing = False

    def feed_data(self, data: bytes) -> tuple[bool, bytes]:
        """Take what the connection read; return aiohttp's reader's ``(failed, tail)`` (False: not failed)."""
        if self._passing:
            return self._inner.feed_data(data)  # type: ignore[no-any-return]
        if self._chunks:
            self._chunks.append(data)
            self._size += len(data)
            if self._size < self._need:
                return False, b""  # the frame is still incomplete: nothing copied
            buffer = b"".join(self._chunks)
        else:
            buffer = data
        size = len(buffer)
        at = 0
        need = 2  # the shortest frame header
        result: tuple[bool, bytes] = (False, b"")
        while size - at >= 2:
            first, second = buffer[at], buffer[at + 1]
            length = second & 0x7F
            start = at + 2
            if length >= 126:
                # 126: a 16-bit length follows, 127: a 64-bit one.
                extended = 2 if length == 126 else 8
                if size - at < 2 + extended:
                    need = 2 + extended
                    break
                length = int.from_bytes(buffer[start : start + extended], "big")
                start += extended
            opcode = first & 0x0F
            if first & 0x70 or second & 0x80 or length > _SPLIT_MAX or not (opcode <= _BINARY or opcode in _CONTROL):
                return self._give_up(buffer[at:])
            end = start + length
            if end > size:
                need = end - at
                break
            if opcode in _CONTROL:
                result = self._inner.feed_data(buffer[at:end])
                if result[0]:
                    return result  # aiohttp's reader failed (and said so on its queue): it is dropped
            elif (opcode == _CONTINUATION) != (self._fragments is not None):
                # A continuation of nothing, or a new message inside one: aiohttp's reader says so.
                return self._give_up(buffer[at:])
            else:
                payload = buffer[start:end]
                if first & 0x80:
                    if self._fragments is not None:
                        self._fragments.append(payload)
                        payload = b"".join(self._fragments)
                        self._fragments = None
                        self._held, self._held_size = [], 0
                    try:
                        self._on_data(payload)
                    except Exception:
                        http_log.exception("websocket %s: a diverted message could not be handled", self._url)
                else:
                    if self._fragments is None:
                        self._fragments = []
                    self._fragments.append(payload)
                    self._held.append(buffer[at:end])
                    self._held_size += end - at
                    if self._held_size > _SPLIT_MAX:
                        return self._give_up(buffer[end:])  # (this frame is held already)
            at = end
            need = 2
        if at < size:
            rest = buffer[at:] if at else buffer
            self._chunks, self._size, self._need = [rest], size - at, need
        elif self._chunks:
            self._chunks, self._size, self._need = [], 0, 0
        return result

    def _give_up(self, rest: bytes) -> tuple[bool, bytes]:
        self._passing = True
        data = b"".join([*self._held, rest]) if self._held else rest
        self._chunks, self._size, self._need = [], 0, 0
        self._held, self._held_size = [], 0
        self._fragments = None
        return self._inner.feed_data(data)  # type: ignore[no-any-return]

    def feed_eof(self) -> None:
        """The connection ended: aiohttp's reader ends the websocket (a partial frame is dropped)."""
        self._inner.feed_eof()


#: Connections whose owner gave up before they were made, kept until closed.
_ABANDONED: set[asyncio.Future[Any]] = set()


def close_when_connected(connecting: asyncio.Future[WebSocket]) -> None:
    """Close the websocket ``connecting`` gives, once it does: nobody waits for it any more.

    For a handshake whose caller was cancelled: the connection is left to
    finish and is closed then. A failure is read and dropped.
    """

    def connected(future: asyncio.Future[WebSocket]) -> None:
        _ABANDONED.discard(future)
        if future.cancelled() or future.exception() is not None:
            return
        closing = asyncio.ensure_future(future.result().close())
        _ABANDONED.add(closing)
        closing.add_done_callback(_ABANDONED.discard)

    _ABANDONED.add(connecting)
    connecting.add_done_callback(connected)


class _Chunks:
    """Reading an aiohttp body as the SDK's errors."""

    def __init__(self, content: aiohttp.StreamReader | aiohttp.BodyPartReader, url: str, method: str) -> None:
        self._content = content
        self._url = url
        self._method = method

    async def iter_chunks(self, size: int) -> AsyncIterator[bytes]:
        """Yield the body in chunks of at most ``size`` bytes, as it arrives."""
        while True:
            with _sdk_errors("transfer failed", self._url, self._method):
                chunk = await self._read(size)
            if not chunk:
                return
            yield chunk

    async def _read(self, size: int) -> bytes:
        if isinstance(self._content, aiohttp.BodyPartReader):
            return bytes(await self._content.read_chunk(size))
        return await self._content.read(size)


class StreamBody(_Chunks):
    """A reply whose body is read as it arrives (never whole in memory).

    Attributes:
        status: The HTTP status.
        headers: The reply's headers.
        url: The request URL.
    """

    def __init__(self, reply: aiohttp.ClientResponse, url: str, method: str = "GET") -> None:
        super().__init__(reply.content, url, method)
        self._reply = reply
        self.status = reply.status
        self.headers: Mapping[str, str] = reply.headers
        self.url = url

    @property
    def content_type(self) -> str:
        """The media type of the body (``application/octet-stream``, ``multipart/form-data``...)."""
        return self._reply.content_type

    @property
    def content_length(self) -> int | None:
        """The announced length of the body, if any."""
        return self._reply.content_length

    async def iter_any(self) -> AsyncIterator[bytes]:
        """Yield whatever has arrived, as soon as it has (the cheapest way to drain the body)."""
        content = self._reply.content
        while True:
            with _sdk_errors("transfer failed", self.url, self._method):
                chunk = await content.readany()
            if not chunk:
                return
            yield chunk

    async def read(self, n: int = -1) -> bytes:
        """Read up to ``n`` bytes (all that is left with -1)."""
        with _sdk_errors("transfer failed", self.url, self._method):
            return await self._reply.content.read(n)

    async def parts(self) -> AsyncIterator[BodyPart]:
        """Yield the parts of a ``multipart`` body in order; read each before asking for the next."""
        with _sdk_errors("transfer failed", self.url, self._method):
            reader = aiohttp.MultipartReader(self._reply.headers, self._reply.content)
        while True:
            with _sdk_errors("transfer failed", self.url, self._method):
                part = await reader.next()
            if part is None:
                return
            if not isinstance(part, aiohttp.BodyPartReader):
                raise IncusConnectionError(
                    "transfer failed: a nested multipart body is not supported", method=self._method, url=self.url
                )
            yield BodyPart(part, self.url, self._method)


class BodyPart(_Chunks):
    """One part of a ``multipart`` body.

    Attributes:
        name: The part's form name (``metadata``, ``rootfs``...).
        filename: The file name the server gives it, if any.
        headers: The part's headers.
    """

    def __init__(self, part: aiohttp.BodyPartReader, url: str, method: str) -> None:
        super().__init__(part, url, method)
        self.name = part.name
        self.filename = part.filename
        self.headers: Mapping[str, str] = part.headers


__all__ = ["BodyPart", "Message", "MessageKind", "StreamBody", "WebSocket"]
