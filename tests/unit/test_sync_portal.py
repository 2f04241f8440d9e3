"""How the sync API runs the async one: the portal thread, runners, interrupts (no daemon needed)."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
import warnings
from collections.abc import AsyncIterator, Iterator

import pytest

from incus_sdk.sync._base import Runner, SyncContext, async_source
from incus_sdk.sync._portal import PORTAL, ClosedError


def portal_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "incus_sdk-sync"]


@pytest.fixture
def runner() -> Iterator[Runner]:
    assert not portal_threads(), "a sync client of another test was left open"
    run = Runner()
    yield run
    run.close()
    assert not portal_threads()


async def double(x: int) -> int:
    await asyncio.sleep(0)
    return 2 * x


def test_a_call_runs_on_the_portal_thread_and_returns_its_result(runner: Runner) -> None:
    async def where() -> str:
        return threading.current_thread().name

    assert runner.run(double(21)) == 42
    assert runner.run(where()) == "incus_sdk-sync"
    assert len(portal_threads()) == 1


def test_the_coroutine_s_exception_is_raised_in_the_caller(runner: Runner) -> None:
    async def fail() -> None:
        raise LookupError("nope")

    with pytest.raises(LookupError, match="nope"):
        runner.run(fail())


def test_a_closed_runner_refuses_and_the_last_close_stops_the_thread() -> None:
    first, second = Runner(), Runner()
    first.run(double(1))
    second.run(double(1))
    first.close()
    first.close()  # twice is fine
    assert len(portal_threads()) == 1, "another client still uses the thread"
    with pytest.raises(ClosedError):
        first.run(double(1))
    second.close()
    assert not portal_threads()
    assert not PORTAL.running


def test_a_runner_never_used_holds_nothing() -> None:
    Runner().close()
    assert not portal_threads()


def test_closing_runs_the_clients_aclose_on_the_loop() -> None:
    closed: list[str] = []

    async def aclose() -> None:
        closed.append(threading.current_thread().name)

    run = Runner(aclose)
    run.run(double(1))
    run.close()
    assert closed == ["incus_sdk-sync"]


def test_a_call_from_the_loop_thread_raises_instead_of_waiting_for_itself(runner: Runner) -> None:
    # What a progress callback calling the sync client would do.
    async def calls_back() -> None:
        runner.run(double(1))

    with pytest.raises(RuntimeError, match="would wait for itself"):
        runner.run(calls_back())
    assert runner.run(double(2)) == 4  # the loop is fine


def test_it_works_in_a_thread_that_runs_an_event_loop(runner: Runner) -> None:
    # Jupyter: the cell's thread runs a loop; asyncio.run there would refuse.
    async def cell() -> int:
        return runner.run(double(5))

    assert asyncio.run(cell()) == 10


def test_threads_share_one_runner(runner: Runner) -> None:
    results: dict[int, list[int]] = {}

    def work(n: int) -> None:
        results[n] = [runner.run(double(n * 1000 + i)) for i in range(200)]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {n: [2 * (n * 1000 + i) for i in range(200)] for n in range(8)}


def test_an_interrupt_cancels_the_call_and_is_raised(runner: Runner) -> None:
    # Whatever the test runner did with SIGINT, a terminal's Ctrl-C raises KeyboardInterrupt.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    cleaned = threading.Event()
    started = threading.Event()

    async def long_wait() -> None:
        try:
            started.set()
            await asyncio.sleep(3600)
        finally:
            cleaned.set()  # what the call opened is closed before the interrupt is raised

    def interrupt() -> None:
        started.wait(5)
        time.sleep(0.1)
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)

    try:
        threading.Thread(target=interrupt).start()
        begun = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            runner.run(long_wait())
        assert time.monotonic() - begun < 3
        assert cleaned.is_set()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert runner.run(double(3)) == 6  # the loop thread survived


def test_an_exception_leaving_a_with_block_reaches_the_async_exit_not_the_loop(runner: Runner) -> None:
    seen: list[type[BaseException] | None] = []

    class Manager:
        async def __aenter__(self) -> str:
            return "inside"

        async def __aexit__(self, kind: type[BaseException] | None, *rest: object) -> None:
            seen.append(kind)

    with pytest.raises(KeyboardInterrupt), SyncContext[str](Manager(), runner, False) as value:
        assert value == "inside"
        raise KeyboardInterrupt
    assert seen == [KeyboardInterrupt]
    assert runner.run(double(4)) == 8  # a BaseException through the loop did not stop it


def test_leaving_an_iteration_early_closes_the_async_generator(runner: Runner) -> None:
    closed = threading.Event()

    async def numbers() -> AsyncIterator[int]:
        try:
            for i in range(100):
                yield i
        finally:
            closed.set()

    for i in runner.iterate(numbers()):
        if i == 3:
            break
    assert closed.wait(5)


def test_a_plain_iterable_becomes_an_upload_source_read_off_the_loop(runner: Runner) -> None:
    readers: set[str] = set()

    def chunks() -> Iterator[bytes]:
        for part in (b"a", b"b", b"c"):
            readers.add(threading.current_thread().name)
            yield part

    async def collect(source: AsyncIterator[bytes]) -> bytes:
        return b"".join([chunk async for chunk in source])

    assert runner.run(collect(async_source(chunks()))) == b"abc"
    assert "incus_sdk-sync" not in readers
    for kept in (b"x", "path", bytearray(b"y")):
        assert async_source(kept) is kept


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_forked_child_starts_its_own_loop_and_refuses_the_parent_s_client(runner: Runner) -> None:
    runner.run(double(1))
    with warnings.catch_warnings():
        # Python 3.12+ warns that forking a threaded process is risky: that is the case tested.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            try:
                runner.run(double(1))
            except ClosedError:
                fresh = Runner()
                code = 0 if fresh.run(double(7)) == 14 else 2
                fresh.close()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert runner.run(double(2)) == 4


def test_a_resource_made_without_a_client_is_bound_to_none() -> None:
    import base64
    import json

    from incus_sdk import TrustToken as AsyncToken
    from incus_sdk.sync import TrustToken
    from incus_sdk.sync.remotes import decode_token

    fields = {"client_name": "laptop", "fingerprint": "ab" * 32, "addresses": ["127.0.0.1:1"], "secret": "s"}
    token = decode_token(base64.b64encode(json.dumps(fields).encode()).decode())
    assert isinstance(token, TrustToken) and isinstance(token, AsyncToken)
    assert token.client_name == "laptop"
    with pytest.raises(ValueError, match="No client"):
        token.delete()
    assert not portal_threads()  # nothing was started for it
