"""The event loop the synchronous API runs the asynchronous one on.

``incus_sdk.sync`` has no I/O of its own: every call of a sync object runs
the coroutine of its async twin on one event loop, in a thread of its own
(the *portal*), and blocks the calling thread until it is done. So:

* the caller's thread never runs an event loop: the sync API works the same
  in a plain script, in any thread, and in a thread that already runs one
  (a Jupyter cell, an async web framework calling blocking code), where
  ``asyncio.run`` would refuse with "event loop is already running";
* one loop serves every open sync client of the process, so that objects of
  two clients can meet in one call (copying between servers) and any number
  of threads can share a client: their calls interleave on the loop as
  concurrent tasks;
* the thread starts with the first call of the first client and stops (the
  loop closed, its executor threads joined) when the last client that used
  it is closed: nothing is left running after ``close()``;
* a signal that interrupts the waiting thread (Ctrl-C: ``KeyboardInterrupt``)
  cancels the call's task, as cancelling it in async code would (closing
  what it opened), waits a moment for that, and re-raises.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import AsyncIterator, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

#: Seconds an interrupted call is given to unwind (close its websockets,
#: delete what it half-made) before the interrupt is re-raised anyway.
CANCEL_GRACE = 5.0


class ClosedError(RuntimeError):
    """A call on a sync client that was closed (a closed client stays closed)."""


async def _outcome(coro: Coroutine[Any, Any, T]) -> tuple[bool, Any]:
    # Every exception comes back as a value: a KeyboardInterrupt thrown into
    # a context manager's exit must reach the caller, not stop the loop's
    # thread (asyncio re-raises BaseExceptions out of run_forever).
    try:
        return True, await coro
    except BaseException as exc:
        return False, exc


class _Call:
    """One coroutine running on the portal for a waiting thread."""

    __slots__ = ("coro", "done", "outcome", "task")

    def __init__(self, coro: Coroutine[Any, Any, Any]) -> None:
        self.coro = coro
        self.done = threading.Lock()
        self.done.acquire()
        self.outcome: tuple[bool, Any] = (False, None)
        self.task: asyncio.Task[tuple[bool, Any]] | None = None

    def start(self) -> None:
        # Runs on the loop.
        self.task = asyncio.ensure_future(_outcome(self.coro))
        self.task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[tuple[bool, Any]]) -> None:
        self.outcome = (False, asyncio.CancelledError()) if task.cancelled() else task.result()
        self.done.release()

    def cancel(self) -> None:
        # Runs on the loop, after start() (callbacks run in order).
        if self.task is not None:
            self.task.cancel()


class Portal:
    """The process's event loop thread for the sync API, shared and reference-counted.

    Sync clients :meth:`acquire` it on their first call and :meth:`release`
    it when closed; the thread runs while at least one holds it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        #: Bumped when the thread starts and in a forked child (whose
        #: parent's loop thread does not exist): a client holding another
        #: generation's loop knows its connections are gone.
        self.generation = 0

    # -- lifetime ----------------------------------------------------------------

    def acquire(self) -> int:
        """Take a reference, starting the thread if none runs; return its generation."""
        with self._lock:
            if self._users == 0:
                self._start()
            self._users += 1
            return self.generation

    def release(self, generation: int) -> None:
        """Drop a reference taken by :meth:`acquire`; the last one stops the thread."""
        with self._lock:
            if generation != self.generation or self._users == 0:
                return  # taken before a fork: that thread is not ours to stop
            self._users -= 1
            if self._users == 0:
                self._stop()

    @property
    def running(self) -> bool:
        """Whether the loop thread runs."""
        return self._thread is not None

    def _start(self) -> None:
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=self._main, args=(loop,), name="incus_sdk-sync", daemon=True)
        self._loop, self._thread = loop, thread
        self.generation += 1
        thread.start()

    def _stop(self) -> None:
        loop, thread = self._loop, self._thread
        self._loop = self._thread = None
        if loop is None or thread is None:
            return
        if threading.current_thread() is thread:
            raise RuntimeError("the sync client's event loop cannot be stopped from its own thread")
        loop.call_soon_threadsafe(loop.stop)
        thread.join()

    @staticmethod
    def _main(loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
        finally:
            try:
                # What asyncio.run does on the way out: cancel what is left
                # (an abandoned stream's pumps), finish async generators, and
                # join the default executor's threads (file I/O of transfers).
                tasks = asyncio.all_tasks(loop)
                for task in tasks:
                    task.cancel()
                if tasks:
                    loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.run_until_complete(loop.shutdown_default_executor())
            finally:
                asyncio.set_event_loop(None)
                loop.close()

    def _after_fork(self) -> None:
        # In a forked child the loop thread does not exist; start afresh.
        self._lock = threading.Lock()
        self._users = 0
        self._loop = self._thread = None
        self.generation += 1

    # -- calls -------------------------------------------------------------------

    def in_loop_thread(self) -> bool:
        """Whether the calling thread is the loop's (a callback the async API runs)."""
        return self._thread is not None and threading.current_thread() is self._thread

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run ``coro`` on the loop and return its result (or raise its exception).

        Raises:
            RuntimeError: If called from the loop's own thread (a progress
                or reconnect callback calling the sync API would wait for
                itself), or when no client holds the portal.
            KeyboardInterrupt: (or any exception raised in the waiting
                thread) after the call's task was cancelled.
        """
        loop = self._loop
        if loop is None or self.in_loop_thread():
            coro.close()
            if loop is None:
                raise ClosedError("the sync client is closed")
            raise RuntimeError(
                "a sync incus_sdk call from a callback running on the sync client's event loop "
                "would wait for itself; call the client from another thread"
            )
        call = _Call(coro)
        loop.call_soon_threadsafe(call.start)
        try:
            call.done.acquire()
        except BaseException:
            # Interrupted while waiting (Ctrl-C): cancel the task as async
            # code would, and give it a moment to close what it opened.
            loop.call_soon_threadsafe(call.cancel)
            try:
                call.done.acquire(timeout=CANCEL_GRACE)
            except BaseException:
                pass  # a second interrupt: stop waiting for the cleanup
            raise
        ok, value = call.outcome
        if ok:
            return value  # type: ignore[no-any-return]
        raise value


async def _step(iterator: AsyncIterator[T]) -> tuple[bool, T | None]:
    try:
        return True, await iterator.__anext__()
    except StopAsyncIteration:
        return False, None


#: The one portal of the process.
PORTAL = Portal()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=PORTAL._after_fork)

__all__ = ["CANCEL_GRACE", "PORTAL", "ClosedError", "Portal"]
