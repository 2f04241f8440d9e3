"""A frozen (SIGSTOP) and a killed daemon: every wait is bounded, the client recovers.

Issue 14, item 5 (and the killed-daemon half of "Done means"), on a private
daemon ``s2`` of the cluster harness, so freezing it disturbs nobody. The
daemon is always thawed (SIGCONT) in a ``finally``, and removed at the end.
Timeouts are small (1-2 s) to keep the module quick.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from incus_sdk import Client, IncusConnectionError, IncusTimeoutError

from .conftest import BASE, IMAGE, inc, script, socket_of

DAEMON = "s2"
#: The client's timeout in these tests, and how much later than it a call may end.
TIMEOUT = 1.0
SLACK = 1.5


@pytest.fixture(scope="module")
def daemon() -> Iterator[str]:
    """A fresh standalone daemon with the test image and a running container ``frozen-c``."""
    script("spawn", DAEMON)
    try:
        tarball = BASE / ".image" / "busybox.tar.xz"
        aliases = inc(DAEMON, "image", "alias", "list", "--format", "csv").splitlines()
        if not any(line.split(",")[0] == IMAGE for line in aliases):
            inc(DAEMON, "image", "import", str(tarball), "--alias", IMAGE)
        inc(DAEMON, "launch", IMAGE, "frozen-c")
        yield socket_of(DAEMON)
    finally:
        thaw()
        script("remove", DAEMON, check=False)


def pid() -> int:
    return int(script("pid", DAEMON).strip())


def thaw() -> None:
    try:
        os.kill(pid(), signal.SIGCONT)
    except (ValueError, ProcessLookupError, AssertionError):
        pass


@contextmanager
def frozen() -> Iterator[None]:
    """SIGSTOP the daemon for the block; SIGCONT it whatever happens."""
    os.kill(pid(), signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid(), signal.SIGCONT)


@pytest.fixture
async def client(daemon: str) -> AsyncIterator[Client]:
    async with Client(daemon, timeout=TIMEOUT) as c:
        yield c


@contextmanager
def bounded(limit: float) -> Iterator[None]:
    started = time.monotonic()
    yield
    elapsed = time.monotonic() - started
    assert elapsed < limit, f"took {elapsed:.1f}s, more than {limit}s"


async def test_frozen_daemon_every_wait_is_bounded(client: Client) -> None:
    with frozen():
        with bounded(TIMEOUT + SLACK), pytest.raises(IncusTimeoutError):
            await client.projects.names()
        # Before: the websocket handshake waited forever.
        with bounded(TIMEOUT + SLACK), pytest.raises(IncusTimeoutError):
            await client.events().connect()
        # Before: the file download's headers were awaited forever.
        with bounded(TIMEOUT + SLACK), pytest.raises(IncusTimeoutError):
            await client.instances.files.read("frozen-c", "/etc/hostname")
        with bounded(TIMEOUT + SLACK), pytest.raises(IncusTimeoutError):
            await client.instances.exec("frozen-c", ["true"], timeout=2)
    # Thawed, the same client works again.
    assert (await client.instances.exec("frozen-c", ["echo", "back"])).stdout == b"back\n"


async def test_frozen_daemon_operation_wait_honours_its_timeout(client: Client) -> None:
    response: Any = await client.instances.execute("frozen-c", ["sleep", "30"], wait=False)
    op = response.operation
    try:
        # Before: ~17 s for a 2 s wait on a stalled daemon.
        with frozen(), bounded(2 + 0.5), pytest.raises(IncusTimeoutError, match="after 2s"):
            await op.wait(timeout=2)
    finally:
        await client.instances.exec("frozen-c", ["killall", "sleep"])
    await op.wait(timeout=10)


async def test_frozen_mid_download_is_a_timeout_and_leaves_nothing(client: Client, tmp_path: Any) -> None:
    await client.instances.exec("frozen-c", ["sh", "-c", "head -c 50000000 /dev/zero > /root/big"], check=True)
    target = tmp_path / "big"
    async with client.instances.files.open("frozen-c", "/root/big") as download:
        stream = aiter(download)
        await anext(stream)
        with frozen(), bounded(TIMEOUT + SLACK + 2), pytest.raises(IncusTimeoutError):
            async for _ in stream:
                pass
    with frozen(), bounded(TIMEOUT + SLACK), pytest.raises(IncusTimeoutError):
        await client.instances.files.pull("frozen-c", "/root/big", target)
    assert list(tmp_path.iterdir()) == []
    await client.instances.files.delete("frozen-c", "/root/big")


async def test_killed_daemon_fails_fast_and_the_client_recovers(client: Client) -> None:
    script("kill", DAEMON)
    try:
        with bounded(0.5), pytest.raises(IncusConnectionError):
            await client.projects.names()
        with bounded(0.5), pytest.raises(IncusConnectionError):
            await client.events().connect()
        with bounded(0.5), pytest.raises(IncusConnectionError):
            await client.instances.files.read("frozen-c", "/etc/hostname")
    finally:
        script("start", DAEMON)
    assert "default" in await client.projects.names()
    assert (await client.instances.exec("frozen-c", ["echo", "alive"])).stdout == b"alive\n"
