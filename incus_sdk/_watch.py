"""Operation waits resolved from one shared event stream.

Waiting on an operation with ``/1.0/operations/{id}/wait`` holds one HTTP
connection (and one daemon goroutine) per operation for as long as it runs:
a thousand operations in flight would be a thousand parked connections, and
the client's pool would queue the rest. Instead, like Incus's Go client, a
client listens on one websocket for operation events and resolves every
wait from it; the long-poll remains the fallback where the daemon refuses
the stream (or a fake one does not offer it).

As in the Go client, the operations a client starts are waited on through
the stream of the project their request was sent in
(``/1.0/events?type=operation&project=...``; the daemon sends an
operation's events in its request's project): the daemon filters, so the
client does not receive (and wake up for) every other project's
operations. A handle the client did not start (``operations.get()``, an
all-projects listing) may be of any project: it is waited on through one
``all-projects=true`` stream. So a client holds one stream per project it
waits in, and one more at most.

No completion is lost:

* an operation's final event may come before anyone waits on it (a write
  answered with ``wait=False``, waited on later): final events are kept for
  :data:`RETAIN` seconds;
* the stream may have been opened after the operation finished, or have
  missed its events (reconnection, an event dropped from that memory):
  unless the request that started the operation was sent after the stream
  was known to be delivering (its first event received) and nothing was
  dropped since, the wait re-reads the operation once after subscribing,
  when the stream has delivered its first event (the daemon registers a
  stream after the handshake: an end in between reaches no stream) or
  after :data:`REGISTRATION` at most, then again soon if it still has not;
* as a safety net, a long wait re-reads the operation now and then
  (:data:`RECHECK`), in case an event never comes.

There is one watcher per transport (:func:`watcher_for`), shared by a
client's ``with_project()`` / ``with_target()`` copies, closed with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import re
import time
import weakref
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from ._paths import api_path
from ._protocol import operation_status
from .exceptions import IncusAPIError, IncusError

if TYPE_CHECKING:
    from ._session import Session
    from ._transport import Transport
    from ._wire import WebSocket

#: Seconds a final operation event is kept for a wait that comes later.
RETAIN = 60.0
#: At most this many final events are kept (the oldest go first).
RETAIN_MAX = 20_000
#: A wait re-reads its operation after this long without its event, then
#: at doubling intervals up to :data:`RECHECK_MAX`.
RECHECK = 5.0
RECHECK_MAX = 60.0
#: The daemon registers a stream's listener after the handshake: an
#: operation that ends in between sends its final event to no one, and the
#: daemon forgets a finished operation 5 seconds after it ended. A wait
#: that needs to re-read its operation on a stream that has delivered
#: nothing yet first waits this long at most for its first event (the
#: proof of the registration), and re-reads again after this long, not
#: :data:`RECHECK`, if the stream still has not delivered.
REGISTRATION = 0.25
#: At most this many re-reads at once (each is one short request).
REREADS = 4
#: The name of the watcher's background task (one per client, while the stream is open).
TASK_NAME = "incus_sdk: operation events"
#: After a failed connection, the stream is tried again after this long
#: (doubling up to :data:`RETRY_MAX`); waits long-poll meanwhile.
RETRY = 1.0
RETRY_MAX = 60.0
#: A stream no wait has used for this long is closed (the next wait opens
#: it again): an idle client is not woken by every operation event of its
#: project (some 40 per instance lifecycle, most of them progress).
IDLE_CLOSE = 30.0


#: What a final operation event holds: its status code, 200, 400 or 401
#: (a cheap test before decoding it).
_FINAL = re.compile(rb'"status_code"\s*:\s*(?:200|400|401)\b')


#: A subscription not resolved yet.
_PENDING: Any = object()


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


async def _woken_within(waiter: asyncio.Future[None], timeout: float) -> None:
    """Await ``waiter`` (which :func:`_wake` settles) for at most ``timeout`` seconds.

    A plain future and a timer, not ``wait_for(shield(...))``: the waiting
    task is woken one event-loop turn after the wake, with nothing to
    cancel when the time is up.
    """
    timer = asyncio.get_running_loop().call_later(timeout, _wake, waiter)
    try:
        await waiter
    finally:
        timer.cancel()


class Subscription:
    """One wait's interest in an operation: resolved with its final state, or ``None`` if the stream was lost."""

    __slots__ = ("_state", "_waiter", "operation_id")

    def __init__(self, operation_id: str) -> None:
        self.operation_id = operation_id
        self._state: dict[str, Any] | None = _PENDING
        self._waiter: asyncio.Future[None] | None = None

    def resolve(self, metadata: dict[str, Any] | None) -> None:
        """Settle it (the first call counts), waking its wait."""
        if self._state is _PENDING:
            self._state = metadata
            if self._waiter is not None:
                _wake(self._waiter)

    async def result(self, timeout: float) -> dict[str, Any] | None:
        """The final state (None: the stream was lost), once resolved.

        Raises:
            asyncio.TimeoutError: If it was not resolved within ``timeout``
                (it is asked again later).
        """
        if self._state is _PENDING:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await _woken_within(self._waiter, timeout)
            finally:
                self._waiter = None
            if self._state is _PENDING:
                raise asyncio.TimeoutError()
        return self._state


class OperationWatcher:
    """The shared operation-event listener of one transport.

    Attributes:
        refused: Whether the daemon refused the stream (waits then always
            long-poll on this client).
    """

    def __init__(self, session: Session, *, all_projects: bool = False) -> None:
        self._session = session
        self._params: dict[str, str | bool | None] = {"type": "operation"}
        if all_projects:
            self._params.update({"all-projects": True, "project": None})
        self._ws: WebSocket | None = None
        self._reader: asyncio.Task[None] | None = None
        self._connecting: asyncio.Task[bool] | None = None
        self._subscriptions: dict[str, list[Subscription]] = {}
        self._finished: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()
        #: When the current connection's first event arrived (None: not yet,
        #: or not connected); and when the newest forgotten event had arrived.
        self._delivering_since: float | None = None
        #: The waits for the stream's first event (:meth:`delivered`).
        self._awaiting_delivery: set[asyncio.Future[None]] = set()
        self._forgotten_until = -math.inf
        self._retry_at = -math.inf
        self._retry_delay = RETRY
        self._rereads = asyncio.Semaphore(REREADS)
        self._idle: asyncio.TimerHandle | None = None
        self._closing: set[asyncio.Task[None]] = set()
        self._closed = False
        self.refused = False

    # -- the connection -----------------------------------------------------------

    @property
    def connected(self) -> bool:
        """Whether the stream is open."""
        return self._ws is not None and not self._ws.closed

    @property
    def delivering(self) -> bool:
        """Whether the open stream has delivered an event (so the daemon has registered it)."""
        return self._delivering_since is not None

    async def delivered(self, timeout: float) -> None:
        """Wait at most ``timeout`` seconds for the open stream's first event (at once if it came, or none is open)."""
        if self._delivering_since is not None or not self.connected:
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._awaiting_delivery.add(waiter)
        try:
            await _woken_within(waiter, timeout)
        finally:
            self._awaiting_delivery.discard(waiter)

    def _wake_awaiting_delivery(self) -> None:
        for waiter in self._awaiting_delivery:
            _wake(waiter)
        self._awaiting_delivery.clear()

    async def ready(self, timeout: float | None) -> bool:
        """Open the stream if needed; say whether waits can use it.

        Args:
            timeout: Seconds the caller can give to connecting.

        Returns:
            False when the daemon refused it, it could not be opened now
            (tried again later) or not within ``timeout``.
        """
        if self.connected:
            return True
        if self._closed or self.refused or time.monotonic() < self._retry_at:
            return False
        if self._connecting is None:
            self._connecting = asyncio.get_running_loop().create_task(self._connect(), name=TASK_NAME)
        try:
            # Shielded: one caller's deadline does not cancel the others' attempt.
            return await asyncio.wait_for(asyncio.shield(self._connecting), timeout)
        except asyncio.TimeoutError:
            return False

    async def _connect(self) -> bool:
        try:
            ws = await self._session.websocket(api_path("events"), params=self._params)
        except IncusAPIError as exc:
            # 4xx: this daemon (or this client's certificate) does not offer
            # the stream; 5xx: maybe later.
            self._failed(permanent=(exc.status_code or 500) < 500)
            return False
        except IncusError:
            self._failed(permanent=False)
            return False
        finally:
            self._connecting = None
        if self._closed:
            await ws.close()
            return False
        self._ws = ws
        self._delivering_since = None
        self._retry_delay = RETRY
        # Events handed over as they are read: no task wake-up per event
        # (some 40 per instance lifecycle, most of them progress). The reader
        # task then only answers pings and learns of the end (and reads what
        # came before, or what the diversion does not take).
        ws._divert(self._received)
        self._reader = asyncio.get_running_loop().create_task(self._read(ws), name=TASK_NAME)
        return True

    def _failed(self, *, permanent: bool) -> None:
        if permanent:
            self.refused = True
        else:
            self._retry_at = time.monotonic() + self._retry_delay
            self._retry_delay = min(self._retry_delay * 2, RETRY_MAX)

    async def _read(self, ws: WebSocket) -> None:
        try:
            while (message := await ws.receive()) is not None:
                self._received(message.bytes)
        finally:
            # Closed or broken: the waits re-read (and reconnect or long-poll).
            if self._ws is ws:  # (a wait may have opened the next one already)
                self._ws = None
                self._delivering_since = None
                self._wake_awaiting_delivery()
            await ws.close()
            for subscriptions in list(self._subscriptions.values()):
                for subscription in subscriptions:
                    subscription.resolve(None)

    def _received(self, data: bytes) -> None:
        if self._delivering_since is None:
            # Any event proves the daemon has registered the listener: from
            # now on, an operation started by a request sent later has all
            # its events delivered here.
            self._delivering_since = time.monotonic()
            self._wake_awaiting_delivery()
        if _FINAL.search(data) is None:
            # Most events are not an operation's last (created, running,
            # progress...), and every client's operations in every project
            # come through here: skip those without decoding them.
            return
        try:
            event = json.loads(data)
            metadata = event["metadata"]
            operation_id = metadata["id"]
            final = operation_status.is_final(metadata["status_code"])
        except (ValueError, TypeError, KeyError):
            return  # not an operation event (a newer daemon's, or noise)
        if event.get("type") != "operation" or not final or not isinstance(operation_id, str):
            return
        now = time.monotonic()
        self._finished[operation_id] = (now, metadata)
        self._finished.move_to_end(operation_id)
        self._forget(now)
        for subscription in self._subscriptions.get(operation_id, ()):
            subscription.resolve(metadata)

    def _forget(self, now: float) -> None:
        """Drop the final events kept too long (or too many), remembering until when they go."""
        while self._finished:
            received, _ = next(iter(self._finished.values()))
            if received >= now - RETAIN and len(self._finished) <= RETAIN_MAX:
                break
            self._finished.popitem(last=False)
            self._forgotten_until = max(self._forgotten_until, received)

    def _cancel_idle_close(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None

    def _close_idle(self) -> None:
        """Close the stream no wait has used for :data:`IDLE_CLOSE` seconds (a later wait reopens it)."""
        self._idle = None
        ws = self._ws
        if self._subscriptions or ws is None or self._closed:
            return
        # The reader task sees the end and cleans up, as for a stream the
        # daemon closed; the final events kept stay known.
        closing = asyncio.get_running_loop().create_task(ws.close(), name=TASK_NAME)
        self._closing.add(closing)
        closing.add_done_callback(self._closing.discard)

    async def close(self) -> None:
        """Close the stream; pending waits fall back to re-reading."""
        self._closed = True
        self._cancel_idle_close()
        for closing in list(self._closing):
            await closing
        connecting = self._connecting
        if connecting is not None:
            # Cancelled, and waited for, before the transport closes the
            # connections under it: a handshake cut short releases its own.
            connecting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await connecting
        ws, reader = self._ws, self._reader
        self._ws = self._reader = None
        if ws is not None:
            await ws.close()
        if reader is not None:
            reader.cancel()
            try:
                await reader
            except asyncio.CancelledError:
                pass

    # -- waits ---------------------------------------------------------------------

    def subscribe(self, operation_id: str) -> Subscription:
        """Register a wait (before checking what is known, so nothing slips in between)."""
        subscription = Subscription(operation_id)
        self._subscriptions.setdefault(operation_id, []).append(subscription)
        self._cancel_idle_close()
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        """Drop a wait's registration."""
        subscriptions = self._subscriptions.get(subscription.operation_id, [])
        if subscription in subscriptions:
            subscriptions.remove(subscription)
        if not subscriptions:
            self._subscriptions.pop(subscription.operation_id, None)
        if not self._subscriptions and self._idle is None and not self._closed:
            self._idle = asyncio.get_running_loop().call_later(IDLE_CLOSE, self._close_idle)

    def known(self, operation_id: str) -> dict[str, Any] | None:
        """The final state of an operation, if its final event was received (recently)."""
        entry = self._finished.get(operation_id)
        return entry[1] if entry is not None else None

    def covers(self, sent_at: float | None) -> bool:
        """Whether every final event of an operation started by a request sent at ``sent_at`` reached here.

        True when the stream was delivering before the request was sent,
        and no final event received since has been forgotten: the
        operation's final event is then either still to come or kept.
        """
        since = self._delivering_since
        return sent_at is not None and since is not None and sent_at >= max(since, self._forgotten_until)

    def reread(self) -> asyncio.Semaphore:
        """The semaphore bounding concurrent re-reads (``async with watcher.reread():``)."""
        return self._rereads


class _AllProjects:
    def __repr__(self) -> str:
        return "ALL_PROJECTS"


#: The key of the all-projects stream, for the waits on operations of unknown project.
ALL_PROJECTS: Any = _AllProjects()

#: Each transport's watchers by project (a client and its scoped copies share them).
_WATCHERS: weakref.WeakKeyDictionary[Transport, dict[Any, OperationWatcher]] = weakref.WeakKeyDictionary()


def watcher_for(session: Session, project: str | None = ALL_PROJECTS) -> OperationWatcher:
    """The watcher of a session's transport for ``project``, made (not connected) on first use.

    Args:
        session: A session on the transport.
        project: The project whose operations it hears (None: the
            daemon's default, a request sent without one), or
            :data:`ALL_PROJECTS`.

    Returns:
        The watcher, closed with the transport.
    """
    transport = session.transport
    watchers = _WATCHERS.get(transport)
    if watchers is None:
        watchers = _WATCHERS[transport] = {}

        async def close() -> None:
            if _WATCHERS.get(transport) is watchers:
                del _WATCHERS[transport]
            for made in list(watchers.values()):
                await made.close()

        transport.on_close(close)
    watcher = watchers.get(project)
    if watcher is None:
        # No target: one stream serves every scoped copy.
        every = project is ALL_PROJECTS
        scoped = session.scoped(project=None if every else project, target=None)
        watcher = watchers[project] = OperationWatcher(scoped, all_projects=every)
    return watcher


def existing_watcher(transport: Transport, project: str | None = ALL_PROJECTS) -> OperationWatcher | None:
    """The transport's watcher for ``project`` if a wait made one (for tests and diagnostics).

    With no ``project``: the all-projects watcher, else the first made.
    """
    watchers = _WATCHERS.get(transport) or {}
    if project is ALL_PROJECTS and project not in watchers:
        return next(iter(watchers.values()), None)
    return watchers.get(project)


__all__ = [
    "ALL_PROJECTS",
    "RECHECK",
    "RECHECK_MAX",
    "REGISTRATION",
    "RETAIN",
    "TASK_NAME",
    "OperationWatcher",
    "Subscription",
    "existing_watcher",
    "watcher_for",
]
