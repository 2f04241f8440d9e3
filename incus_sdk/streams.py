"""Stream objects: running commands, console sessions, file downloads, events.

These are what the streaming methods of ``client.instances`` and
``client.events()`` hand out. Each is an async context manager that closes
its websockets / connections when the block ends, also on error or
cancellation, and never holds more than a bounded amount of data.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal as _signal
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._closing import ClosedOnExit
from ._protocol import events as event_proto
from ._protocol import exec as proto
from ._protocol.exec import ExecResult
from ._wire import MessageKind, StreamBody, WebSocket
from .exceptions import (
    ExecError,
    ExecTimeoutError,
    IncusAPIError,
    IncusConnectionError,
    IncusError,
    IncusOperationError,
    error_from_status,
)
from .hooks import describe_error, events_log
from .models.event import Event

if TYPE_CHECKING:
    from ._core import Core
    from .operations import Operation

#: How many websocket messages an unread output stream buffers before the
#: command is held back (the daemon sends at most 32 KiB per message).
DEFAULT_OUTPUT_LIMIT = 256
#: Seconds to wait for the daemon to wind a command down after a kill.
_KILL_WAIT = 10.0
#: Seconds the daemon is given to close the websockets of a command that
#: ended (it does at once) before the client closes them itself.
_CLOSE_GRACE = 0.5


async def _close_ws(ws: WebSocket | None) -> None:
    """Close a websocket if there is one (closing never raises)."""
    if ws is not None:
        await ws.close()


async def _stop_and_close(
    tasks: Iterable[asyncio.Future[Any]], sockets: Iterable[WebSocket], *, grace: float = 0.0
) -> None:
    """Cancel a stream's tasks, let them end, then close its websockets.

    Args:
        tasks: The stream's tasks (those that ended are only read).
        sockets: Its websockets.
        grace: Seconds the tasks still running are given to end on their
            own first: once a command has ended, the daemon closes its
            websockets itself, which the pumps reading them see; a socket
            closed so needs no close handshake (and no task for one).

    The websockets are closed even when the caller is cancelled meanwhile
    (a timeout around the whole exec that strikes while it is being closed):
    the cancellation goes on once the closing has begun, and the closing
    ends on its own.
    """
    tasks = list(tasks)
    try:
        pending = [task for task in tasks if not task.done()]
        if pending and grace > 0:
            await asyncio.wait(pending, timeout=grace)
    finally:
        running = []
        for task in tasks:
            if not task.done():
                task.cancel()
                running.append(task)
            elif not task.cancelled():
                task.exception()  # read: an ended task's error is not reported as never retrieved
        try:
            if running:
                await asyncio.gather(*running, return_exceptions=True)
        finally:
            # Those the daemon closed need no task: closing them only
            # releases what aiohttp kept.
            still_open = []
            for ws in sockets:
                if ws.closed:
                    await ws.close()
                else:
                    still_open.append(ws)
            if still_open:
                await asyncio.shield(asyncio.gather(*(_close_ws(ws) for ws in still_open)))


async def _pump(
    ws: WebSocket, stream: OutputStream | None, at_barrier: Callable[[], Awaitable[None]] | None = None
) -> None:
    """Feed ``stream`` the binary messages of ``ws`` until the barrier or the end, then its end of file.

    The barrier is a text message: that direction is finished (``at_barrier``
    is awaited then, before the end of file). The socket is drained until
    it closes (a socket without a stream, from the start): pings are
    answered meanwhile, and a socket the daemon closed needs no close
    handshake (no task) when the stream is closed.
    """
    try:
        # receive() gives None once the daemon closed it (normal at the end) or it broke.
        while (msg := await ws.receive()) is not None:
            if stream is None:
                continue
            if msg.kind is MessageKind.BINARY:
                if msg.data:
                    await stream._feed(msg.bytes)
            else:
                if at_barrier is not None:
                    await at_barrier()
                stream._feed_eof()
                stream = None
    finally:
        if stream is not None:
            stream._feed_eof()


# -- exec ------------------------------------------------------------------------


class OutputStream:
    """The stdout or stderr of a running command, read as it arrives.

    ``async for chunk in stream`` yields byte chunks as the daemon sends them;
    :meth:`read`, :meth:`readexactly`-like :meth:`read` with a size and
    :meth:`readline` work as on :class:`asyncio.StreamReader`. The buffer is
    bounded: while nobody reads, the command blocks on writing, as with a pipe.
    """

    def __init__(self, limit: int = DEFAULT_OUTPUT_LIMIT) -> None:
        self._queue: asyncio.Queue[bytes | None] = asyncio.Queue(maxsize=max(1, limit))
        self._pending = b""
        self._eof = False
        self._eof_pending = False
        self._discard = False
        #: Everything that arrives, once :meth:`ExecProcess.communicate`
        #: reads the whole output anyway (:meth:`_keep_all`); else None.
        self._kept: list[bytes] | None = None
        #: Set once the end of file is fed (what was fed may still be unread).
        self._fed_eof = asyncio.Event()

    # -- fed by the websocket pump --

    async def _feed(self, data: bytes) -> None:
        if self._discard:
            return
        if self._kept is not None:
            self._keep_queued()  # a put that was already waiting may have landed
            self._kept.append(data)
            return
        await self._queue.put(data)

    def _keep_all(self) -> None:
        """From now on, keep what arrives (after what is buffered) instead of queueing it for a reader.

        For a caller that reads everything until the end: the pump appends
        each message, with no reader task woken for each.
        """
        if self._kept is None and not self._discard:
            self._kept = [self._pending] if self._pending else []
            self._pending = b""
            self._keep_queued()

    def _keep_queued(self) -> None:
        assert self._kept is not None
        while not self._queue.empty():
            item = self._queue.get_nowait()
            if item is not None:
                self._kept.append(item)
            else:
                self._eof = True

    def _stop_keeping(self) -> None:
        """Queue again for a reader (a ``communicate()`` cut short): what was kept is read first."""
        if self._kept is not None:
            self._keep_queued()
            self._pending = b"".join(self._kept)
            self._kept = None

    def _take_all(self) -> bytes:
        """All that was kept (:meth:`_keep_all`), once the stream ended; the stream is then read to its end."""
        if self._kept is None:
            return b""
        self._keep_queued()
        data = b"".join(self._kept)
        self._kept = None
        self._eof = True
        return data

    def _feed_eof(self) -> None:
        # Must not block (it runs in cleanup): if the buffer is full, the
        # reader finds the end once it has emptied it.
        if self._fed_eof.is_set():
            return
        self._fed_eof.set()
        try:
            self._queue.put_nowait(None)
        except asyncio.QueueFull:
            self._eof_pending = True

    def _discard_unread(self) -> None:
        """Drop what is buffered and whatever comes later (the caller gave up reading)."""
        self._discard = True
        self._pending = b""
        self._kept = None
        while not self._queue.empty():
            self._queue.get_nowait()

    # -- read by the user --

    async def _next(self) -> bytes | None:
        if self._discard:
            self._discard_unread()  # a put that was already waiting may have landed
            return None
        if self._pending:
            data, self._pending = self._pending, b""
            return data
        if self._eof or (self._eof_pending and self._queue.empty()):
            self._eof = True
            return None
        item = await self._queue.get()
        if item is None:
            self._eof = True
        return item

    def at_eof(self) -> bool:
        """Whether the stream ended and everything was read."""
        return self._eof and not self._pending

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self

    async def __anext__(self) -> bytes:
        data = await self._next()
        if data is None:
            raise StopAsyncIteration
        return data

    async def read(self, n: int = -1) -> bytes:
        """Read up to ``n`` bytes (all until the end for ``-1``).

        Returns:
            The bytes; ``b""`` at the end of the stream.
        """
        if n < 0:
            parts = []
            while (data := await self._next()) is not None:
                parts.append(data)
            return b"".join(parts)
        if n == 0:
            return b""
        data = await self._next()
        if data is None:
            return b""
        if len(data) > n:
            data, self._pending = data[:n], data[n:]
        return data

    async def readline(self) -> bytes:
        """Read one line, including its ``\\n`` (what is left at the end of the stream)."""
        buf = bytearray()
        while True:
            data = await self._next()
            if data is None:
                return bytes(buf)
            index = data.find(b"\n")
            if index >= 0:
                buf += data[: index + 1]
                self._pending = data[index + 1 :]
                return bytes(buf)
            buf += data


class ExecProcess(ClosedOnExit):
    """A command running in an instance, attached through websockets.

    Get one from :meth:`~incus_sdk.api.exec.InstanceExecMixin.process`
    (or ``await ...spawn(...)``)::

        async with client.instances.process("c1", ["cat"]) as proc:
            await proc.write(b"hello")
            await proc.close_stdin()
            print(await proc.stdout.read())
            print(await proc.wait())

    Leaving the block kills the command if it still runs (await
    :meth:`wait` inside the block to let it finish) and closes every socket.

    Attributes:
        operation: The exec operation (its metadata holds ``return`` at the end).
        command: The command.
        interactive: Whether it runs on a pty (then stdout carries both
            output streams and ``stderr`` is empty).
        stdout: Its standard output, read as it arrives.
        stderr: Its standard error, read as it arrives.
        returncode: The exit status once known, else None.
        error: The daemon's message when it could not start the command
            (``Command not found``: returncode 127; ``Command not
            executable``: 126).
    """

    def __init__(
        self,
        operation: Operation,
        sockets: Mapping[str, WebSocket],
        *,
        command: Sequence[str],
        interactive: bool,
        output_limit: int = DEFAULT_OUTPUT_LIMIT,
    ) -> None:
        self.operation = operation
        self.command: list[str] = list(command)
        self.interactive = interactive
        self._sockets = dict(sockets)
        self.stdout = OutputStream(output_limit)
        self.stderr = OutputStream(output_limit)
        self.returncode: int | None = None
        self.error = ""
        self._stdin_closed = False
        self._write_lock = asyncio.Lock()
        self._done: asyncio.Task[int] | None = None
        #: Whether :meth:`_finish` came to the end (the command's exit status, or the daemon's verdict, known).
        self._ended = False
        start = asyncio.get_running_loop().create_task
        ws = self._sockets
        if interactive:
            # In a pty session the daemon waits for our end of the pty stream too.
            self._tasks = [start(_pump(ws[proto.STDIN], self.stdout, self.close_stdin))]
            self.stderr._feed_eof()
        else:
            self._tasks = [
                start(_pump(ws[proto.STDOUT], self.stdout)),
                start(_pump(ws[proto.STDERR], self.stderr)),
                # The daemon sends nothing on stdin but pings; read them so they are answered.
                start(_pump(ws[proto.STDIN], None)),
            ]
        self._tasks.append(start(_pump(ws[proto.CONTROL], None)))

    # -- input and control -------------------------------------------------------

    async def write(self, data: bytes) -> None:
        """Send bytes to the command's stdin (the pty, if interactive).

        Raises:
            BrokenPipeError: If stdin was closed or the command is gone.
        """
        if self._stdin_closed:
            raise BrokenPipeError("stdin is closed")
        if not data:
            return
        async with self._write_lock:
            try:
                await self._sockets[proto.STDIN].send_bytes(bytes(data))
            except IncusConnectionError as exc:
                raise BrokenPipeError(f"cannot write to the command's stdin: {exc}") from exc

    async def close_stdin(self) -> None:
        """Signal end-of-file on stdin (the daemon closes the command's stdin pipe).

        For an interactive command this only ends the client's side of the
        pty stream; send ``b"\\x04"`` (Ctrl-D) to give a shell end-of-file.
        """
        if self._stdin_closed:
            return
        self._stdin_closed = True
        ws = self._sockets[proto.STDIN]
        async with self._write_lock:
            with contextlib.suppress(IncusConnectionError):
                if not ws.closed:
                    await ws.send_text(proto.BARRIER)

    async def _control(self, message: str) -> bool:
        ws = self._sockets[proto.CONTROL]
        if ws.closed:
            return False
        try:
            await ws.send_text(message)
        except IncusConnectionError:
            return False
        return True

    async def send_signal(self, sig: int | str | _signal.Signals) -> None:
        """Deliver a signal to the command (nothing happens if it already ended).

        Args:
            sig: A number, a :class:`signal.Signals` or a name (``"TERM"``).
        """
        await self._control(proto.signal_message(sig))

    signal = send_signal

    async def terminate(self) -> None:
        """Send SIGTERM."""
        await self.send_signal(_signal.SIGTERM)

    async def kill(self) -> None:
        """Send SIGKILL; if the control channel is gone, close it (the daemon kills then too)."""
        if not await self._control(proto.signal_message(_signal.SIGKILL)):
            await _close_ws(self._sockets[proto.CONTROL])

    async def resize(self, width: int, height: int) -> None:
        """Resize the pty of an interactive command (ignored by the daemon otherwise)."""
        await self._control(proto.window_resize_message(width, height))

    # -- completion --------------------------------------------------------------

    async def _finish(self) -> int:
        """Wait for the operation's end, then the output's; set :attr:`returncode`.

        Cut short (cancelled) at any point, it leaves nothing half-done: it
        only waits (the pumps, tasks of their own, feed the output), so it
        can run again later from the start.
        """
        try:
            await self.operation.wait()
        except IncusOperationError:
            # "Command not found" and the like: exit codes as a shell gives them.
            code = proto.start_failure_code(self.operation.err)
            if code is None:
                self._ended = True
                raise
            self.error = self.operation.err
        else:
            exit_code = proto.exit_code(self.operation.metadata)
            code = -1 if exit_code is None else exit_code
        for stream in (self.stdout,) if self.interactive else (self.stdout, self.stderr):
            if not stream._fed_eof.is_set():
                await stream._fed_eof.wait()
        self.returncode = code
        self._ended = True
        return code

    def _done_task(self) -> asyncio.Task[int]:
        if self._done is None:
            self._done = asyncio.ensure_future(self._finish())
        return self._done

    async def wait(self, timeout: float | None = None) -> int:
        """Wait for the command to end and its output to be delivered.

        Read :attr:`stdout` / :attr:`stderr` meanwhile (or before): a command
        that writes more than the buffers hold waits until they are read.

        Args:
            timeout: Seconds to wait at most (the command keeps running).

        Returns:
            The exit status.

        Raises:
            asyncio.TimeoutError: If it did not end in time.
            IncusOperationError: If the daemon could not run the command.
        """
        if timeout is None and self._done is None:
            # In the caller's task: nothing to time, and a caller cancelled
            # meanwhile leaves nothing behind (close() waits again if need be).
            return self.returncode if self._ended and self.returncode is not None else await self._finish()
        return await asyncio.wait_for(asyncio.shield(self._done_task()), timeout)

    async def communicate(self, input: bytes | None = None) -> tuple[bytes, bytes]:
        """Send ``input``, close stdin, read all output and wait for the end.

        Returns:
            ``(stdout, stderr)``.
        """

        async def feed() -> None:
            try:
                if input:
                    view = memoryview(input)
                    for start in range(0, len(view), 1 << 20):
                        await self.write(view[start : start + (1 << 20)].tobytes())
            except BrokenPipeError:
                pass  # the command stopped reading; like a pipe, that is not an error
            await self.close_stdin()

        # The pumps keep the whole output (no reader task per stream) until
        # the command and its output have ended.
        self.stdout._keep_all()
        self.stderr._keep_all()
        try:
            if input:
                await asyncio.gather(feed(), self.wait())
            else:
                await self.close_stdin()
                await self.wait()
        except BaseException:
            # Cut short (a timeout, a cancellation): the output stays readable.
            self.stdout._stop_keeping()
            self.stderr._stop_keeping()
            raise
        return self.stdout._take_all(), self.stderr._take_all()

    @property
    def done(self) -> bool:
        """Whether the command ended and its output was delivered."""
        return self._ended or (self._done is not None and self._done.done())

    async def close(self) -> None:
        """Kill the command if it still runs, wait for the daemon to finish, close the sockets."""
        try:
            if not self.done:
                self.stdout._discard_unread()
                self.stderr._discard_unread()
                await self.kill()
                with contextlib.suppress(asyncio.TimeoutError, IncusError):
                    await asyncio.wait_for(asyncio.shield(self._done_task()), _KILL_WAIT)
        finally:
            # Once the command has ended the daemon closes every socket itself.
            await _stop_and_close(
                [*self._tasks, *([self._done] if self._done else [])],
                self._sockets.values(),
                grace=_CLOSE_GRACE if self.done else 0.0,
            )

    def __repr__(self) -> str:
        state = "running" if self.returncode is None else f"exited {self.returncode}"
        return f"<ExecProcess {proto.shell_quote_command(self.command)} {state}>"


# -- console ---------------------------------------------------------------------


class ConsoleSession(ClosedOnExit):
    """An attached text console of an instance.

    ``async for chunk in session`` yields what the console prints;
    :meth:`write` types into it. Leaving the ``async with`` block detaches
    (the instance keeps running).

    Attributes:
        operation: The console operation.
    """

    def __init__(
        self,
        operation: Operation,
        data: WebSocket,
        control: WebSocket,
        *,
        output_limit: int = DEFAULT_OUTPUT_LIMIT,
    ) -> None:
        self.operation = operation
        self._data = data
        self._control = control
        self.output = OutputStream(output_limit)
        self._tasks = [
            asyncio.ensure_future(_pump(data, self.output)),
            asyncio.ensure_future(_pump(control, None)),
        ]

    async def write(self, data: bytes | str) -> None:
        """Type into the console (``str`` is sent as UTF-8).

        Raises:
            BrokenPipeError: If the console is detached.
        """
        payload = data.encode() if isinstance(data, str) else bytes(data)
        try:
            await self._data.send_bytes(payload)
        except IncusConnectionError as exc:
            raise BrokenPipeError(f"console is detached: {exc}") from exc

    async def read(self, n: int = -1) -> bytes:
        """Read what the console printed (see :meth:`OutputStream.read`)."""
        return await self.output.read(n)

    async def read_until(self, marker: bytes, timeout: float | None = None) -> bytes:
        """Read until ``marker`` appears; return everything read up to and including it.

        Raises:
            asyncio.TimeoutError: If it did not appear in time.
            EOFError: If the console closed first.
        """

        async def scan() -> bytes:
            buf = bytearray()
            while marker not in buf:
                data = await self.output.read(1 << 16)
                if not data:
                    raise EOFError(f"console closed before {marker!r} appeared")
                buf += data
            return bytes(buf)

        return await asyncio.wait_for(scan(), timeout)

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self.output

    async def resize(self, width: int, height: int) -> None:
        """Resize the console's pty."""
        with contextlib.suppress(IncusConnectionError):
            await self._control.send_text(proto.window_resize_message(width, height))

    async def close(self) -> None:
        """Detach: closing the control channel ends the daemon's side of the session."""
        self.output._discard_unread()
        await _close_ws(self._control)
        with contextlib.suppress(asyncio.TimeoutError, IncusError):
            await self.operation.wait(_KILL_WAIT)
        await _stop_and_close(self._tasks, [self._data])


# -- file downloads --------------------------------------------------------------


@dataclass(frozen=True)
class FileInfo:
    """What the daemon says about a path in an instance (``X-Incus-*`` headers).

    Attributes:
        path: The path asked for.
        type: ``file``, ``directory`` or ``symlink``.
        uid: Owner UID (as seen inside the instance).
        gid: Owner GID.
        mode: Permission bits, e.g. ``0o644``.
        size: Size in bytes (regular files only, else None).
        modified: Modification time as the daemon formats it.
    """

    path: str
    type: str
    uid: int
    gid: int
    mode: int
    size: int | None = None
    modified: str = ""

    @classmethod
    def from_headers(cls, path: str, headers: Mapping[str, str]) -> FileInfo:
        """Read the ``X-Incus-*`` headers of a files reply."""
        length = headers.get("Content-Length")
        ftype = headers.get("X-Incus-type", "file")
        return cls(
            path=path,
            type=ftype,
            uid=int(headers.get("X-Incus-uid", "0") or 0),
            gid=int(headers.get("X-Incus-gid", "0") or 0),
            mode=int(headers.get("X-Incus-mode", "0") or "0", 8),
            size=int(length) if length is not None and ftype == "file" else None,
            modified=headers.get("X-Incus-modified", ""),
        )

    @property
    def is_dir(self) -> bool:
        """Whether it is a directory."""
        return self.type == "directory"

    @property
    def is_file(self) -> bool:
        """Whether it is a regular file."""
        return self.type == "file"

    @property
    def is_symlink(self) -> bool:
        """Whether it is a symbolic link."""
        return self.type == "symlink"


class FileDownload:
    """A file being read from an instance: ``async for chunk in download``.

    Attributes:
        info: The file's type, owner, mode and size.
    """

    def __init__(self, info: FileInfo, body: StreamBody) -> None:
        self.info = info
        self._body = body

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._body.iter_any()

    async def read(self, n: int = -1) -> bytes:
        """Read up to ``n`` bytes (everything left for ``-1``).

        Raises:
            IncusTimeoutError: If the daemon sent nothing for the client's timeout.
            IncusConnectionError: If the connection broke.
        """
        return await self._body.read(n)


# -- events ----------------------------------------------------------------------


class EventStream(ClosedOnExit):
    """The daemon's event stream (``/1.0/events``), as an async iterator of :class:`Event`.

    ``async for event in stream`` connects on first use and closes the
    websocket when the loop ends (break, error, cancellation). Inside
    ``async with stream:`` the block owns the websocket instead: it connects
    on entry, closes on exit, and the stream can be iterated several times.

    With ``reconnect=True`` a dropped connection (a daemon restart, a
    network cut) is re-established with growing delays while the caller's
    loop simply keeps waiting; events sent while disconnected are lost.

    Attributes:
        types: The event types asked for (empty: all the server allows).
        reconnects: How many times the stream reconnected.
    """

    def __init__(
        self,
        core: Core,
        path: str,
        params: Mapping[str, str | bool | None],
        *,
        types: Sequence[str],
        reconnect: bool = False,
        reconnect_delay: float = 0.5,
        max_reconnect_delay: float = 10.0,
        on_reconnect: Callable[[int], Awaitable[None] | None] | None = None,
    ) -> None:
        self._core = core
        self._path = path
        self._params = dict(params)
        self.types: list[str] = list(types)
        self._reconnect = reconnect
        self._backoff = event_proto.Backoff(reconnect_delay, max_reconnect_delay)
        self._on_reconnect = on_reconnect
        self._ws: WebSocket | None = None
        self._closed = False
        self._entered = False
        self.reconnects = 0

    @property
    def connected(self) -> bool:
        """Whether the websocket is open."""
        return self._ws is not None and not self._ws.closed

    async def connect(self) -> EventStream:
        """Open the websocket (no-op if open).

        Raises:
            IncusBadRequestError: For an event type or project the server refuses.
            IncusConnectionError: If the daemon cannot be reached.
        """
        if self._closed:
            raise RuntimeError("the event stream is closed")
        if not self.connected:
            try:
                self._ws = await self._core.websocket(self._path, params=self._params)
            except IncusAPIError as exc:
                if type(exc) is not IncusAPIError:
                    raise  # a redirect, a malformed reply: already specific
                # Re-raise as the specific class for the status (400 bad type, 404 project...).
                raise error_from_status(exc.status_code or 500, exc.message, url=exc.url, method="GET") from exc
        return self

    async def _reconnect_loop(self) -> None:
        attempt = 0
        events_log.warning("event stream %s lost its connection; reconnecting", self._path)
        while not self._closed:
            await asyncio.sleep(self._backoff.delay(attempt))
            attempt += 1
            try:
                await self.connect()
            except IncusConnectionError as exc:
                events_log.debug("event stream reconnection attempt %d failed: %s", attempt, describe_error(exc))
                continue
            except IncusAPIError as exc:
                # A daemon still starting up answers 5xx; anything else is final.
                if (exc.status_code or 0) < 500:
                    raise
                events_log.debug("event stream reconnection attempt %d failed: %s", attempt, describe_error(exc))
                continue
            self.reconnects += 1
            events_log.info("event stream %s reconnected after %d attempt(s)", self._path, attempt)
            if self._on_reconnect is not None:
                result = self._on_reconnect(self.reconnects)
                if isinstance(result, Awaitable):
                    await result
            return

    async def next_event(self) -> Event | None:
        """Return the next event, or None when the stream ended (and will not reconnect)."""
        while not self._closed:
            if not self.connected:
                if self._ws is None:
                    await self.connect()
                elif self._reconnect:
                    await _close_ws(self._ws)
                    await self._reconnect_loop()
                else:
                    return None
            assert self._ws is not None
            msg = await self._ws.receive()
            if msg is not None:
                event = event_proto.decode_event(msg.data)
                if event is not None:
                    return event
                continue
            # Closed or broken: drop the socket; reconnect or end above.
            dead = self._ws
            await _close_ws(dead)
            if not self._reconnect:
                self._closed = True
                return None
        return None

    def __aiter__(self) -> AsyncIterator[Event]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Event]:
        owned = not self._entered
        try:
            while (event := await self.next_event()) is not None:
                yield event
        finally:
            # Inside ``async with`` the block owns the socket (the caller may
            # iterate again); a bare ``async for`` closes it when it ends.
            if owned:
                await self.close()

    async def close(self) -> None:
        """Close the websocket; iteration ends."""
        self._closed = True
        ws, self._ws = self._ws, None
        await _close_ws(ws)

    async def __aenter__(self) -> EventStream:
        self._entered = True
        return await self.connect()


__all__ = [
    "ConsoleSession",
    "EventStream",
    "ExecError",
    "ExecProcess",
    "ExecResult",
    "ExecTimeoutError",
    "FileDownload",
    "FileInfo",
    "OutputStream",
]
