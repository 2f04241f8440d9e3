"""Operation handles: every ``202 Accepted`` reply becomes one.

An :class:`Operation` can be waited on (``await op`` or ``await op.wait()``),
refreshed, cancelled, and its websockets opened. Waits are resolved from
the client's one shared operation-event stream (:mod:`incus_sdk._watch`),
so a thousand waits hold no connection each; where the daemon does not
offer the stream, waiting uses the server's ``/wait`` endpoint in bounded
slices, so neither the client's general request timeout nor a long
operation cuts it short.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import math
import time
from collections.abc import Awaitable, Callable, Generator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import urlsplit

from typing_extensions import Self

from . import _watch
from ._paths import api_path
from ._protocol import operation_status
from ._protocol.envelope import expect_metadata, model_from_reply, raise_for_envelope
from ._session import deadline_scope
from ._watch import OperationWatcher
from .exceptions import (
    IncusAPIError,
    IncusError,
    IncusOperationCancelledError,
    IncusOperationError,
    IncusProtocolError,
    IncusTimeoutError,
)
from .hooks import OperationDoneEvent, OperationEvent
from .models.operation import OperationModel

if TYPE_CHECKING:
    from ._session import Params, Reply, Session
    from ._wire import WebSocket

#: Longest single server-side wait; longer waits are made of several.
_WAIT_SLICE = 30.0
#: Extra time the client allows beyond the server-side wait before giving up.
_WAIT_MARGIN = 15.0
#: First and longest pause when ``/wait`` returns early with the operation
#: still running (a server that never waits must not make the client spin).
_BACKOFF_FIRST = 0.05
_BACKOFF_MAX = 2.0


class Response(dict[str, Any]):
    """A decoded reply envelope: a plain ``dict`` with a few extras.

    The dict holds the server's JSON envelope as is (``type``, ``status``,
    ``status_code``, ``operation``, ``error_code``, ``error``, ``metadata``),
    which is what the seed SDK's write methods returned.

    Attributes:
        http_status: The HTTP status code of the reply.
        etag: The reply's ``ETag`` header, if any.
        headers: All reply headers.
        operation: For an ``async`` reply, the handle of the operation it
            started; ``None`` otherwise.
    """

    http_status: int
    etag: str | None
    headers: Mapping[str, str]
    operation: Operation | None

    def __init__(
        self,
        envelope: dict[str, Any],
        http_status: int,
        headers: Mapping[str, str],
    ) -> None:
        super().__init__(envelope)
        self.http_status = http_status
        self.headers = headers
        self.etag = headers.get("ETag")
        self.operation = None

    @classmethod
    def from_reply(cls, reply: Reply) -> Response:
        """The response for a decoded reply (no operation attached yet)."""
        return cls(reply.envelope, reply.http_status, reply.headers)

    @property
    def metadata(self) -> Any:
        """The envelope's ``metadata`` member."""
        return self.get("metadata")

    @property
    def is_async(self) -> bool:
        """Whether the reply announced a background operation."""
        return self.get("type") == "async"

    async def wait(self, timeout: float | None = None) -> Response:
        """Wait for the operation this reply started, if any; return this reply.

        Args:
            timeout: Seconds to wait at most; None waits as long as it takes.

        Returns:
            This reply: ``self.operation`` is then finished, and the reply's
            ``metadata`` (the operation as it was created) is the finished
            operation (its final ``status`` and ``metadata``).

        Raises:
            IncusOperationError: If the operation failed.
            IncusOperationCancelledError: If it was cancelled.
            IncusTimeoutError: If it did not finish in time (it goes on).
        """
        if self.operation is not None:
            await self.operation.wait(timeout)
            self._record_end()
        return self

    def _record_end(self) -> None:
        """Put the finished operation in the reply, in place of the operation as created."""
        if self.operation is not None and self.operation.done:
            self["metadata"] = self.operation.model.to_dict()

    # The operation's own state, for code that handled the bare Operation some
    # incus_sdk 0.1.0 calls returned (images.push(), import_url(wait=False)...).

    @property
    def id(self) -> str:
        """The operation's UUID (empty when the server answered at once)."""
        return self.operation.id if self.operation is not None else ""

    @property
    def done(self) -> bool:
        """Whether the operation has finished (True when there was none)."""
        return self.operation.done if self.operation is not None else True

    @property
    def status(self) -> str:
        """The operation's status (``Running``, ``Success``...), else the envelope's."""
        return self.operation.status if self.operation is not None else str(self.get("status", ""))

    async def refresh(self) -> Response:
        """Re-read the operation's state, if there is one; return this reply."""
        if self.operation is not None:
            await self.operation.refresh()
        return self

    async def cancel(self) -> None:
        """Ask the server to cancel the operation (a no-op when there is none)."""
        if self.operation is not None:
            await self.operation.cancel()

    async def finish(self, wait: bool) -> Response:
        """What every write does with its reply: wait for the operation when asked to."""
        return await self.wait() if wait else self


_Wait = TypeVar("_Wait", bound=Callable[..., Awaitable[Any]])


def _observed(wait: _Wait) -> _Wait:
    """Decorate :meth:`Operation.wait`: bound its requests' retries by its timeout; log it, tell the hooks."""

    @functools.wraps(wait)
    async def observed(self: Operation, timeout: float | None = None) -> Any:
        observer = self._core.transport.observer
        with deadline_scope(timeout):
            # An operation already ended is a wait too (of no length): a
            # failure the server reported before the wait began is told.
            if not observer.watching_waits():
                return await wait(self, timeout)
            event = OperationEvent(
                self.id, self.model.description, self.model.class_, self._core.project, self._core.target, timeout
            )
            observer.wait_started(event)
            started = time.perf_counter()
            error: BaseException | None = None
            try:
                return await wait(self, timeout)
            except BaseException as exc:
                error = exc
                raise
            finally:
                observer.wait_ended(OperationDoneEvent(event, self.status, time.perf_counter() - started, error))

    return cast(_Wait, observed)


class Operation:
    """A handle on a background operation of the server.

    Attributes:
        model: The latest known state of the operation.
        sent_at: When the request that started it was sent
            (``time.monotonic()``), if this client sent it: a wait then
            knows whether the event stream saw all of the operation.
    """

    def __init__(
        self, core: Session, model: OperationModel, *, sent_at: float | None = None, project: Any = _watch.ALL_PROJECTS
    ) -> None:
        self._core = core
        self.model = model
        self.sent_at = sent_at
        # The project the request that started it was sent in (None: the
        # daemon's default), whose event stream tells of its end;
        # _watch.ALL_PROJECTS (any) for a handle this client did not start.
        self._events_project: str | None = project
        # Its paths as made (an exec asks for its websocket path four times).
        self._paths: dict[tuple[str, ...], str] = {}

    @classmethod
    def from_response(
        cls,
        core: Session,
        response: Response,
        *,
        method: str | None = None,
        url: str | None = None,
        sent_at: float | None = None,
    ) -> Operation:
        """Build the handle from an ``async`` reply envelope.

        Raises:
            IncusProtocolError: If the reply names no operation, or its
                metadata is not an operation.
        """
        data = dict(expect_metadata(response.metadata, dict, method=method, url=url))
        if not data.get("id"):
            location = response.get("operation")
            data["id"] = urlsplit(location).path.rsplit("/", 1)[-1] if isinstance(location, str) else ""
        if not isinstance(data["id"], str) or not data["id"]:
            raise IncusProtocolError(
                "an async reply without an operation (no metadata.id, no operation URL)",
                response.http_status,
                dict(response),
                method=method,
                url=url,
            )
        return cls(core, model_from_reply(OperationModel, data, method=method, url=url), sent_at=sent_at)

    @classmethod
    def completed(cls, core: Session, response: Response) -> Operation:
        """Build a finished handle for a request the server answered synchronously."""
        return cls(
            core,
            OperationModel(
                status="Success",
                status_code=operation_status.SUCCESS,
                metadata=response.metadata if isinstance(response.metadata, dict) else None,
            ),
        )

    # -- state ---------------------------------------------------------------

    @property
    def id(self) -> str:
        """The operation UUID (empty for a request that completed synchronously)."""
        return self.model.id

    @property
    def status(self) -> str:
        """The status name (``Running``, ``Success``, ``Failure``...)."""
        return self.model.status

    @property
    def status_code(self) -> int:
        """The numeric status."""
        return self.model.status_code

    @property
    def done(self) -> bool:
        """Whether the operation has finished (in any way)."""
        return operation_status.is_final(self.model.status_code)

    @property
    def metadata(self) -> dict[str, Any]:
        """Operation-specific data (exec return code, websocket fds, progress...)."""
        return self.model.metadata or {}

    @property
    def resources(self) -> dict[str, list[str]]:
        """The resources the operation affects, by type, as URLs."""
        return self.model.resources or {}

    @property
    def err(self) -> str:
        """The error message if the operation failed."""
        return self.model.err

    def _path(self, *more: str) -> str:
        key = (self.id, *more)
        path = self._paths.get(key)
        if path is None:
            if not self.id:
                raise ValueError("this request completed synchronously and has no operation")
            path = self._paths[key] = api_path("operations", self.id, *more)
        return path

    async def refresh(self) -> Operation:
        """Re-read the operation's state from the server.

        Returns:
            This handle, updated.
        """
        path = self._path()
        metadata = await self._core.get_metadata(path)
        self.model = model_from_reply(OperationModel, metadata, method="GET", url=self._core.transport.url(path))
        return self

    @_observed
    async def wait(self, timeout: float | None = None) -> Operation:
        """Wait for the operation to finish.

        The client's shared event stream tells when it does (no connection
        is held per wait); where the daemon does not offer the stream, the
        server's ``/wait`` is polled instead.

        Args:
            timeout: Seconds to wait at most; None waits as long as it takes.

        Returns:
            This handle, in its final state.

        Raises:
            IncusOperationError: If the operation failed.
            IncusOperationCancelledError: If it was cancelled.
            IncusTimeoutError: If it did not finish within ``timeout`` (the
                operation itself goes on). The wait ends within a fraction of
                a second of ``timeout``, however slow or frozen the server.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        pause = _BACKOFF_FIRST
        while not self.done:
            left = self._left(deadline, timeout)
            watcher = _watch.watcher_for(self._core, self._events_project)
            # Its final event came already (and is kept): no stream needed.
            if watcher.known(self.id) is not None or await watcher.ready(left):
                await self._wait_for_event(watcher, deadline, timeout)
            else:
                pause = await self._poll(deadline, timeout, pause)
        self.raise_for_status()
        return self

    def _left(self, deadline: float | None, timeout: float | None) -> float | None:
        """Seconds left before ``deadline`` (None: no deadline); raise once none are."""
        if deadline is None:
            return None
        left = deadline - time.monotonic()
        if left <= 0:
            raise self._timed_out(timeout)
        return left

    async def _wait_for_event(self, watcher: OperationWatcher, deadline: float | None, timeout: float | None) -> None:
        """Wait for the operation's final event (or until the stream is lost; the caller goes on)."""
        subscription = watcher.subscribe(self.id)
        try:
            final = watcher.known(self.id)
            if final is None and not watcher.covers(self.sent_at):
                # The stream may have missed its end: read it once, when any
                # later event will reach the subscription (the daemon has
                # registered the stream once it delivers something).
                left = self._left(deadline, timeout)
                await watcher.delivered(_watch.REGISTRATION if left is None else min(left, _watch.REGISTRATION))
                final = watcher.known(self.id)
                if final is None:
                    await self._reread(watcher, deadline, timeout)
                    if self.done:
                        return
            recheck = _watch.RECHECK if watcher.delivering else _watch.REGISTRATION
            while final is None:
                left = self._left(deadline, timeout)
                try:
                    final = await subscription.result(recheck if left is None else min(left, recheck))
                except asyncio.TimeoutError:
                    # Its event has not come: read it (a safety net), and go on.
                    await self._reread(watcher, deadline, timeout)
                    if self.done:
                        return
                    recheck = min(recheck * 2, _watch.RECHECK_MAX)
                    continue
                if final is None:
                    # The stream was lost: what happened meanwhile is unknown.
                    await self._reread(watcher, deadline, timeout)
                    return
            try:
                self.model = model_from_reply(
                    OperationModel, final, method="GET", url=self._core.transport.url(self._path())
                )
            except IncusProtocolError:
                await self._reread(watcher, deadline, timeout)  # a garbled event: ask the server itself
        finally:
            watcher.unsubscribe(subscription)

    async def _reread(self, watcher: OperationWatcher, deadline: float | None, timeout: float | None) -> None:
        """Refresh the operation, a few waits at a time, within the deadline."""
        left = self._left(deadline, timeout)
        try:
            async with watcher.reread():
                await asyncio.wait_for(self.refresh(), left)
        except asyncio.TimeoutError as exc:
            raise self._timed_out(timeout) from exc

    async def _poll(self, deadline: float | None, timeout: float | None, pause: float) -> float:
        """One long-poll of ``/wait`` (the fallback); returns the next pause."""
        path = self._path("wait")
        remaining = _WAIT_SLICE if deadline is None else deadline - time.monotonic()
        if remaining <= 0:
            raise self._timed_out(timeout)
        slice_ = max(1, math.ceil(min(remaining, _WAIT_SLICE)))
        # The server waits whole seconds; the request itself never
        # outlasts the caller's deadline.
        limit = slice_ + _WAIT_MARGIN if deadline is None else min(slice_ + _WAIT_MARGIN, remaining)
        started = time.monotonic()
        try:
            reply = await self._core.send("GET", path, params={"timeout": slice_}, timeout=limit, check=False)
        except IncusTimeoutError as exc:
            if deadline is not None and time.monotonic() >= deadline:
                raise self._timed_out(timeout) from exc
            raise
        early = time.monotonic() - started < slice_ * 0.9
        if reply.envelope.get("type") != "error" and reply.http_status < 400:
            self.model = model_from_reply(
                OperationModel, reply.metadata, method="GET", url=self._core.transport.url(path)
            )
        else:
            error = str(reply.envelope.get("error") or "")
            if reply.http_status >= 400:
                # Not a verdict on the operation: the wait request itself failed.
                url = self._core.transport.url(path)
                raise_for_envelope(reply.envelope, reply.http_status, method="GET", url=url)
            if not operation_status.is_wait_deadline(error):
                await self._read_failure(error)
                return pause
        if not self.done and early:
            # The server answered before the wait was over with the
            # operation still running: back off rather than spin.
            left = math.inf if deadline is None else deadline - time.monotonic()
            await asyncio.sleep(max(0.0, min(pause, left)))
            return min(pause * 2, _BACKOFF_MAX)
        return pause

    def _timed_out(self, timeout: float | None) -> IncusTimeoutError:
        return IncusTimeoutError(
            f"operation {self.id} ({self.model.description}) still {self.status or 'running'} after {timeout}s"
        )

    async def _read_failure(self, error: str) -> None:
        """Record the failure a ``/wait`` reported (HTTP 200 with an error envelope)."""
        # HTTP 200 with an error envelope: the operation failed. Read its
        # final state for the details; if it is gone, the message says all.
        try:
            await self.refresh()
        except IncusAPIError:
            self.model = self.model.model_copy(
                update={"status": "Failure", "status_code": operation_status.FAILURE, "err": error}
            )
        if not self.done:
            self.model = self.model.model_copy(
                update={"status": "Failure", "status_code": operation_status.FAILURE, "err": error}
            )

    def raise_for_status(self) -> None:
        """Raise if the operation is known to have failed or been cancelled.

        Raises:
            IncusOperationError: If it failed.
            IncusOperationCancelledError: If it was cancelled.
        """
        code = self.model.status_code
        if code in (operation_status.CANCELLED, operation_status.FAILURE):
            cancelled = code == operation_status.CANCELLED
            error = IncusOperationCancelledError if cancelled else IncusOperationError
            message = self.model.err or f"operation {self.id} {'was cancelled' if cancelled else 'failed'}"
            raise error(message, self.id, self.model.to_dict(), status_code=code)

    async def cancel(self) -> None:
        """Ask the server to cancel the operation.

        Raises:
            IncusAPIError: If the operation cannot be cancelled (the server
                says so with HTTP 400) or no longer exists.
        """
        await self._core.send("DELETE", self._path())

    async def websocket(self, secret: str) -> WebSocket:
        """Connect to one of the operation's websockets.

        Args:
            secret: The secret for that websocket, from the operation's
                metadata (e.g. ``op.metadata["fds"]["0"]``).

        Returns:
            The connected websocket; close it when done.
        """
        return await self._core.websocket(self._path("websocket"), params={"secret": secret})

    def _websocket_task(self, secret: str) -> asyncio.Task[WebSocket]:
        """Start connecting to one of the operation's websockets in a task (see ``Session.websocket_task``)."""
        return self._core.websocket_task(self._path("websocket"), params={"secret": secret})

    # -- conveniences ----------------------------------------------------------

    def __await__(self) -> Generator[Any, None, Operation]:
        return self.wait().__await__()

    def __getitem__(self, key: str) -> Any:
        """Read a field of the operation as a dict, as the seed SDK returned them."""
        return self.model.to_dict()[key]

    def get(self, key: str, default: Any = None) -> Any:
        """Read a field of the operation as a dict, with a default."""
        return self.model.to_dict().get(key, default)

    def keys(self) -> Iterator[str]:
        """The field names of the operation."""
        return iter(self.model.to_dict())

    def __repr__(self) -> str:
        return f"<Operation {self.id} {self.model.description!r} {self.status}>"


async def list_operations(core: Session, params: Params = None) -> list[Operation]:
    """Read ``/1.0/operations?recursion=1`` (operations grouped by status) as handles.

    Raises:
        IncusProtocolError: If the reply is not status -> list of operations.
    """
    path = api_path("operations")
    url = core.transport.url(path)
    by_status = await core.get_metadata(path, params={**(params or {}), "recursion": 1}, expect=dict)
    return [
        Operation(core, model_from_reply(OperationModel, item, method="GET", url=url))
        for items in by_status.values()
        for item in expect_metadata(items, list, method="GET", url=url)
    ]


async def wait_all(operations: list[Operation], timeout: float | None = None) -> list[Operation]:
    """Wait for several operations concurrently.

    Args:
        operations: The handles.
        timeout: Seconds each may take.

    Returns:
        The same handles, finished. The first failure is raised after all
        have finished.
    """
    results = await asyncio.gather(*(op.wait(timeout) for op in operations), return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return operations


# -- transfers: an operation joined with the other side's ------------------------------


class MigrationOperation(Operation):
    """An :class:`Operation`: a transfer between two servers (or members), its sides joined.

    What :mod:`incus_sdk.migration` returns. Its state (``id``, ``status``,
    ``metadata``, ``refresh()``, ``websocket()``...) is its main side's:
    the target's operation, or the source's where the target has none.
    Waiting on it (``await op.wait()``, ``await op``) waits for every side:
    if one fails, the other side's operation is cancelled (when it still
    runs) and the failure raised; the SDK's relay of the two sides'
    websockets (``relay``) is seen to its end; a final step (deleting the
    source of a move, dropping a token nobody used) runs once both sides
    have succeeded.

    Attributes:
        source: The operation on the source server (None where there is none).
        target: The operation on the target server (None where there is none).
        mode: ``pull``, ``push``, ``relay`` or ``cluster``.
        token: For image copies, the operation holding the one-time secret
            (pull: on the source) or upload token (push: on the target).
    """

    def __init__(
        self,
        *,
        source: Operation | None,
        target: Operation | None,
        mode: str,
        relay: asyncio.Task[None] | None = None,
        after: Callable[[], Awaitable[None]] | None = None,
        token: Operation | None = None,
    ) -> None:
        main = target if target is not None else source
        if main is None:
            raise ValueError("a transfer needs the operation of one side at least")
        self._main = main
        super().__init__(main._core, main.model)
        self.source = source
        self.target = target
        self.mode = mode
        self.token = token
        self._relay = relay
        self._after = after
        self._seen_through = False

    @property
    def model(self) -> OperationModel:
        """The latest known state of the main side's operation (shared with it)."""
        return self._main.model

    @model.setter
    def model(self, value: OperationModel) -> None:
        self._main.model = value

    @property
    def done(self) -> bool:
        """Whether :meth:`wait` has seen the whole transfer through."""
        return self._seen_through

    async def wait(self, timeout: float | None = None) -> Self:
        """Wait for every side to finish, then run the final step.

        If one side fails, the other side's operation is cancelled (when it
        still runs) and the failure is raised.

        Args:
            timeout: Seconds each side may take at most.

        Returns:
            This handle.

        Raises:
            IncusOperationError: If either side failed.
            IncusTimeoutError: If it did not finish in time.
        """
        if self._seen_through:
            return self
        sides = [op for op in (self.target, self.source) if op is not None]
        waits = [asyncio.ensure_future(op.wait(timeout)) for op in sides]
        try:
            finished, pending = await asyncio.wait(waits, return_when=asyncio.FIRST_EXCEPTION)
            failure = next((t.exception() for t in finished if t.exception() is not None), None)
            if failure is not None:
                for op, task in zip(sides, waits, strict=True):
                    if task in pending:
                        task.cancel()
                        with contextlib.suppress(IncusError):
                            await op.cancel()
                raise failure
        finally:
            for task in waits:
                task.cancel()
            # Collect every outcome, so that no task's exception goes unretrieved.
            await asyncio.gather(*waits, return_exceptions=True)
            if self._relay is not None:
                with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                    await asyncio.wait_for(self._relay, 10)
        if self._after is not None:
            await self._after()
            self._after = None
        self._seen_through = True
        return self

    async def cancel(self) -> None:
        """Cancel every side still running (where the server allows it), and the relay."""
        for op in (self.target, self.source):
            if op is not None and not op.done:
                with contextlib.suppress(IncusError):
                    await op.cancel()
        if self._relay is not None:
            self._relay.cancel()

    def __await__(self) -> Generator[Any, None, Self]:
        return self.wait().__await__()

    def __repr__(self) -> str:
        return f"<MigrationOperation {self.mode} source={self.source!r} target={self.target!r}>"
