"""Fixtures for the cluster suite: a real 3-member cluster plus a standalone server.

The session runs ``scripts/incus-cluster up 3`` unless the cluster already
answers; if it cannot come up, the session FAILS (never skips). The daemons
live in their own namespaces; the SDK reaches them through their unix
sockets (``/var/lib/incus-cluster/NAME/unix.socket``), the daemons reach
each other over HTTPS inside the namespaces (127.1.x.x).

Instances, volumes and images that tests create are recorded with
``track_*`` and deleted afterwards even when the test fails.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from incus_sdk import Client, IncusError, api_path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "incus-cluster"
BASE = Path(os.environ.get("INCUS_CLUSTER_DIR", "/var/lib/incus-cluster"))
MEMBERS = ("m1", "m2", "m3")
STANDALONE = "s1"
IMAGE = os.environ.get("INCUS_TEST_IMAGE", "sdk-busybox")
POOL = "default"


def socket_of(name: str) -> str:
    """The unix socket of daemon ``name`` (m1, s1, j1...)."""
    return f"unix://{BASE / name / 'unix.socket'}"


def script(*args: str, check: bool = True, timeout: float = 180) -> str:
    """Run ``scripts/incus-cluster ARGS``."""
    proc = subprocess.run([str(SCRIPT), *args], capture_output=True, timeout=timeout, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"incus-cluster {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def inc(daemon: str, *args: str, check: bool = True) -> str:
    """The ``incus`` CLI against one daemon (to read effects back independently of the SDK)."""
    env = {**os.environ, "INCUS_DIR": str(BASE / daemon)}
    proc = subprocess.run(["incus", *args], capture_output=True, timeout=120, text=True, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"INCUS_DIR={BASE / daemon} incus {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


def inc_json(daemon: str, *args: str) -> Any:
    """``incus ... --format json`` against one daemon, decoded."""
    return json.loads(inc(daemon, *args, "--format", "json"))


def inc_query(daemon: str, path: str) -> Any:
    """``incus query PATH`` against one daemon."""
    return json.loads(inc(daemon, "query", path))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this directory ``cluster`` (``-m "not cluster"`` leaves them out)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.cluster)


def _cluster_answers() -> bool:
    proc = subprocess.run([str(SCRIPT), "status"], capture_output=True, text=True, timeout=60)
    up = {line.split()[0] for line in proc.stdout.splitlines() if line.endswith(" answering")}
    return set(MEMBERS) | {STANDALONE} <= up


@pytest.fixture(scope="session", autouse=True)
def _cluster_is_up() -> None:
    if os.geteuid() != 0:
        pytest.fail("the cluster suite needs root (it runs scripts/incus-cluster)", pytrace=False)
    if not _cluster_answers():
        proc = subprocess.run([str(SCRIPT), "up", "3"], capture_output=True, text=True, timeout=300)
        if proc.returncode != 0 or not _cluster_answers():
            pytest.fail(f"scripts/incus-cluster up 3 failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    # Every member must be ONLINE (a previous run may have left one evacuated).
    members = inc_json("m1", "cluster", "list")
    for member in members:
        if member["status"] == "Evacuated":
            inc("m1", "cluster", "restore", member["server_name"], "--force")
    bad = [m["server_name"] for m in inc_json("m1", "cluster", "list") if m["status"] != "Online"]
    if bad:
        pytest.fail(f"cluster members not online: {bad}", pytrace=False)


@pytest.fixture
def unique() -> Callable[[str], str]:
    """Names unique to this run (instances on different daemons share cgroup names: keep them unique)."""

    def make(prefix: str = "t") -> str:
        return f"{prefix}-{uuid.uuid4().hex[:8]}"

    return make


@pytest.fixture
async def cluster() -> AsyncIterator[Client]:
    """A client of the cluster (member m1's socket)."""
    async with Client(socket_of("m1")) as c:
        yield c


@pytest.fixture
async def standalone() -> AsyncIterator[Client]:
    """A client of the separate, non-clustered server s1."""
    async with Client(socket_of(STANDALONE)) as c:
        yield c


async def wait_op(response: Any, timeout: float = 120) -> Any:
    """Wait for a raw reply's operation, if any."""
    if response.operation is not None:
        await response.operation.wait(timeout)
    return response


async def force_delete_instance(client: Client, name: str) -> None:
    """Stop (forcibly) and delete an instance; ignore it being absent."""
    try:
        await wait_op(await client.api.put(api_path("instances", name, "state"), {"action": "stop", "force": True}))
    except IncusError:
        pass
    try:
        await wait_op(await client.api.delete(api_path("instances", name)))
    except IncusError:
        pass


@pytest.fixture
async def track() -> AsyncIterator[Callable[..., None]]:
    """Record things to delete after the test: ``track(client, "instance", name)``.

    Kinds: ``instance``, ``volume`` (name in pool ``default``), ``image`` (fingerprint),
    ``group``.
    """
    items: list[tuple[Client, str, str]] = []

    def add(client: Client, kind: str, name: str) -> None:
        items.append((client, kind, name))

    yield add
    for client, kind, name in reversed(items):
        if kind == "instance":
            await force_delete_instance(client, name)
            continue
        if kind == "group":
            try:
                await client.api.put(api_path("cluster", "groups", name), {"description": "", "members": []})
            except IncusError:
                pass
        path = {
            "volume": api_path("storage-pools", POOL, "volumes", "custom", name),
            "image": api_path("images", name),
            "group": api_path("cluster", "groups", name),
        }[kind]
        try:
            await wait_op(await client.api.delete(path))
        except IncusError:
            pass


@pytest.fixture
def launch(track: Callable[..., None]) -> Callable[..., Awaitable[dict[str, Any]]]:
    """Create (and by default start) a busybox container: ``await launch(client, name, target=...)``.

    Returns the instance as the server then reports it.
    """

    async def make(client: Client, name: str, *, target: str | None = None, start: bool = True, **body: Any) -> Any:
        scoped = client.with_target(target) if target else client
        track(client, "instance", name)
        await wait_op(
            await scoped.api.post(
                api_path("instances"), {"name": name, "source": {"type": "image", "alias": IMAGE}, **body}
            )
        )
        if start:
            await wait_op(await client.api.put(api_path("instances", name, "state"), {"action": "start"}))
        return (await client.api.get(api_path("instances", name))).metadata

    return make


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float, what: str, interval: float = 1) -> None:
    """Poll ``check`` until it is true, or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if await check():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(interval)
