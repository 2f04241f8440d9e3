"""The sync client against the real daemon: the async API without ``await``, checked with the ``incus`` CLI."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from incus_sdk import IncusNotFoundError, IncusPreconditionFailedError
from incus_sdk import Instance as AsyncInstance
from incus_sdk.sync import Client, ExecProcess, Instance, Operation, Project, Response
from incus_sdk.sync._portal import PORTAL

from .conftest import TEST_IMAGE, incus, incus_json, incus_query

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def client() -> Iterator[Client]:
    """A sync client, closed after the test."""
    with Client() as c:
        yield c


@pytest.fixture
def project_name(unique: Callable[[str], str]) -> Iterator[str]:
    """A project of its own (sharing the default project's images and profiles), deleted afterwards."""
    name = unique("sdkt-sync")
    incus("project", "create", name, "-c", "features.images=false", "-c", "features.profiles=false")
    yield name
    for inst in incus_json("list", project=name):
        incus("delete", "--force", inst["name"], project=name, check=False)
    incus("project", "delete", name, check=False)


def test_projects(client: Client, unique: Callable[[str], str]) -> None:
    name, renamed = unique("sdkt-syncp"), unique("sdkt-syncp")
    try:
        created = client.projects.create(name, config={"features.images": "false"}, description="one")
        assert isinstance(created, Response) and isinstance(created, dict)
        assert incus_query(f"/1.0/projects/{name}")["description"] == "one"

        project = client.projects.get(name)
        assert isinstance(project, Project) and project.etag
        client.projects.update(name, {"config": {"user.a": "1"}})
        shown = incus_query(f"/1.0/projects/{name}")
        assert shown["config"]["user.a"] == "1"
        assert shown["config"]["features.images"] == "false"  # merged, not replaced

        project.description = "two"
        with pytest.raises(IncusPreconditionFailedError):
            project.replace()  # its ETag is from before the update
        fresh = client.projects.get(name)
        fresh.description = "two"
        fresh.replace()
        assert incus_query(f"/1.0/projects/{name}")["description"] == "two"

        assert name in client.projects.names()
        assert client.projects.get_state(name).resources["instances"].usage == 0
        client.projects.rename(name, renamed)
        assert client.projects.exists(renamed) and not client.projects.exists(name)
        client.projects.delete(renamed)
        with pytest.raises(IncusNotFoundError):
            client.projects.get(renamed)
        assert not [p for p in incus_json("project", "list") if p["name"] in (name, renamed)]
    finally:
        incus("project", "delete", name, check=False)
        incus("project", "delete", renamed, check=False)


def test_instance_lifecycle_exec_and_files(client: Client, project_name: str) -> None:
    scoped = client.with_project(project_name)
    created = scoped.instances.create("c1", source={"type": "image", "alias": TEST_IMAGE}, wait=True)
    assert isinstance(created, Instance) and isinstance(created, AsyncInstance)
    assert incus_json("list", "c1", project=project_name)[0]["status"] == "Stopped"

    started = created.start()
    assert isinstance(started, Response) and isinstance(started.operation, Operation)
    assert started.operation.status == "Success"
    assert incus_json("list", "c1", project=project_name)[0]["status"] == "Running"

    result = scoped.instances.exec("c1", ["sh", "-c", "echo out; echo err >&2; exit 3"])
    assert (result.exit_code, result.stdout, result.stderr) == (3, b"out\n", b"err\n")

    with scoped.instances.process("c1", ["sh", "-c", "while read l; do echo got $l; done; exit 5"]) as proc:
        assert isinstance(proc, ExecProcess)
        proc.write(b"one\n")
        assert proc.stdout.readline() == b"got one\n"
        proc.write(b"two\n")
        proc.close_stdin()
        assert b"".join(proc.stdout) == b"got two\n"
        assert proc.wait() == 5

    payload = os.urandom(3 * 2**20 + 5)
    scoped.instances.files.push("c1", "/root/blob", payload, mode=0o600)
    assert incus("exec", "c1", "--", "sha256sum", "/root/blob", project=project_name).split()[0] == (
        __import__("hashlib").sha256(payload).hexdigest()
    )
    with scoped.instances.files.open("c1", "/root/blob") as download:
        assert download.info.size == len(payload) and download.info.mode == 0o600
        assert b"".join(download) == payload  # chunks, as they arrive
    # A plain iterator of chunks is an upload source too (read in a thread, not on the loop).
    scoped.instances.files.push("c1", "/root/gen", (bytes([i]) * 1000 for i in range(5)))
    assert scoped.instances.files.read("c1", "/root/gen") == b"".join(bytes([i]) * 1000 for i in range(5))

    instance = scoped.instances.get("c1")
    instance.stop(force=True)
    assert incus_json("list", "c1", project=project_name)[0]["status"] == "Stopped"
    instance.delete()
    assert incus_json("list", project=project_name) == []


def test_events(client: Client, project_name: str, unique: Callable[[str], str]) -> None:
    scoped = client.with_project(project_name)
    name = unique("c")
    stream = scoped.events(types=["lifecycle"])
    # The stream has no timeout of its own: close it from another thread if the event never comes.
    watchdog = threading.Timer(60, stream.close)
    watchdog.start()
    try:
        with stream:  # connected on entry: nothing after this is missed
            scoped.instances.create(name, source={"type": "image", "alias": TEST_IMAGE}, wait=True)
            found = None
            for event in stream:
                # The source is the instance's URL: /1.0/instances/NAME?project=...
                if event.action == "instance-created" and f"/instances/{name}" in event.lifecycle.source:
                    found = event
                    break
        assert found is not None and found.project == project_name
        assert not stream.connected
    finally:
        watchdog.cancel()

    # A bare ``for`` connects on its first step and closes the websocket when the loop is left.
    stream = scoped.events(types=["lifecycle"])
    later = threading.Timer(1, lambda: scoped.instances.delete(name))  # another thread, the same client
    later.start()
    try:
        for event in stream:
            if event.action == "instance-deleted":
                break
        assert not stream.connected
    finally:
        later.join()
    assert incus_json("list", project=project_name) == []


def test_an_operation_waited_on(client: Client, box: tuple[str, str]) -> None:
    project, name = box
    scoped = client.with_project(project)
    response = scoped.instances.snapshots.create(name, "snap-sync", wait=False)
    operation = response.operation
    assert isinstance(operation, Operation)
    assert response.wait(timeout=60) is response
    assert operation.status == "Success" and operation.done
    assert incus_query(f"/1.0/instances/{name}/snapshots/snap-sync?project={project}")["name"] == "snap-sync"
    again = scoped.operations.get(operation.id) if operation.id else None
    assert again is None or again.id == operation.id
    scoped.instances.snapshots.delete(name, "snap-sync")


def test_one_client_shared_by_a_thread_pool(client: Client, unique: Callable[[str], str]) -> None:
    names = [unique("sdkt-syncthr") for _ in range(8)]
    for index, name in enumerate(names):
        incus("profile", "create", name)
        incus("profile", "set", name, "user.index", str(index))
    try:

        def work(index: int) -> list[str]:
            # 200 calls per thread, each checked.
            wrong = []
            for call in range(200):
                if call % 2:
                    profile = client.profiles.get(names[index])
                    if profile.name != names[index] or profile.config.get("user.index") != str(index):
                        wrong.append(f"{index}/{call}: {profile.name} {profile.config}")
                elif not client.profiles.exists(names[index]):
                    wrong.append(f"{index}/{call}: missing")
            return wrong

        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(work, range(8)))
        assert results == [[]] * 8
    finally:
        for name in names:
            incus("profile", "delete", name, check=False)


async def test_inside_a_running_event_loop(box: tuple[str, str]) -> None:
    # A Jupyter cell: this thread runs an event loop. No "event loop is already running", no deadlock.
    asyncio.get_running_loop()
    project, name = box
    with Client(project=project) as client:
        assert client.instances.get(name).status == "Running"
        assert client.instances.exec(name, ["echo", "hi"]).stdout == b"hi\n"
    await asyncio.sleep(0)  # the caller's loop is untouched


def test_close_leaves_no_threads_or_sockets(box: tuple[str, str]) -> None:
    assert not PORTAL.running, "another sync client is open"
    project, name = box
    threads = set(threading.enumerate())
    fds = set(os.listdir("/proc/self/fd"))
    client = Client(project=project)
    client.instances.exec(name, ["true"])
    with client.instances.process(name, ["cat"]) as proc:
        proc.write(b"x")
        proc.close_stdin()
        assert proc.stdout.read() == b"x"
    client.instances.files.push(name, "/root/f", b"data")
    with client.instances.files.open(name, "/root/f") as download:
        assert download.read() == b"data"
    with client.events() as stream:
        assert stream.connected
    scoped = client.with_project(project)
    assert scoped.instances.names() == [name]
    assert len(set(threading.enumerate()) - threads) >= 1  # the loop thread (and transfer workers)
    scoped.close()  # closing a scoped copy closes the shared connection
    assert client.closed
    assert set(threading.enumerate()) == threads
    assert set(os.listdir("/proc/self/fd")) == fds
    with pytest.raises(RuntimeError, match="closed"):
        client.instances.names()


CHILD = """
import signal, sys
from incus_sdk.sync import Client

# Whatever the test runner does with SIGINT, this is a terminal's Ctrl-C.
signal.signal(signal.SIGINT, signal.default_int_handler)
with Client(project=sys.argv[1]) as client:
    response = client.instances.execute(sys.argv[2], ["sleep", "600"], wait=False)
    print(response.operation.id, flush=True)
    response.wait()
"""


def test_ctrl_c_interrupts_a_long_wait(box: tuple[str, str]) -> None:
    project, name = box
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, project, name], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        operation = child.stdout.readline().strip()
        assert re.fullmatch(r"[0-9a-f-]{36}", operation), child.stderr and child.stderr.read()
        time.sleep(1)  # waiting on the operation by now
        interrupted = time.monotonic()
        child.send_signal(signal.SIGINT)
        _, stderr = child.communicate(timeout=20)
        took = time.monotonic() - interrupted
    finally:
        if child.poll() is None:
            child.kill()
    assert took < 5, f"{took:.1f} s to exit"
    assert child.returncode == -signal.SIGINT  # died of the interrupt, as Python does
    assert stderr.rstrip().endswith("KeyboardInterrupt"), stderr
    assert "Unclosed" not in stderr and "Task was destroyed" not in stderr and "Exception ignored" not in stderr
    # As documented: the interrupt stops the wait; the operation goes on, as after a timeout.
    assert incus_query(f"/1.0/operations/{operation}")["status"] == "Running"
    incus("exec", name, "--", "pkill", "sleep", project=project, check=False)


def test_a_resource_built_by_hand(client: Client, box: tuple[str, str]) -> None:
    project, name = box
    scoped = client.with_project(project)
    instance = Instance(client=scoped, name=name)
    assert instance.get_state().status == "Running"
    with pytest.raises(ValueError, match="No client"):
        Instance(name=name).get_state()


def test_the_projects_page_example_works_line_for_line_without_await(unique: Callable[[str], str]) -> None:
    """docs/api/projects.md: its usage example, minus ``await`` (``async with`` -> ``with``), on the sync client."""
    from incus_sdk.sync._rewrite import unasync_code

    page = (ROOT / "docs" / "api" / "projects.md").read_text()
    block = re.search(r"## Usage\s+```python\n(.*?)```", page, re.S)
    assert block is not None
    example = block.group(1)
    sync = unasync_code(example)
    by_hand = [
        line.replace("await ", "")
        .replace("async with", "with")
        .replace("from incus_sdk import", "from incus_sdk.sync import")
        for line in example.splitlines()
    ]
    assert sync.splitlines() == by_hand  # line for line
    name = unique("sdkt-docs")
    code = sync.replace('"my-project"', f'"{name}"')
    *body, last = code.rstrip().splitlines()
    assert last.strip() == f'client.projects.delete("{name}")'
    header = [body[0], body[2]]
    assert header == ["from incus_sdk.sync import Client", "with Client() as client:"]
    try:
        exec("\n".join(body), {})
        shown = incus_query(f"/1.0/projects/{name}")
        assert shown["description"] == "My custom project"
        wanted = {"features.images": "true", "features.profiles": "true", "features.networks": "true"}
        assert {key: shown["config"].get(key) for key in wanted} == wanted
        exec("\n".join([*header, textwrap.indent(last.strip(), "    ")]), {})
        assert name not in {p["name"] for p in incus_json("project", "list")}
    finally:
        incus("project", "delete", name, check=False)


def test_a_copy_between_two_sync_clients(project_name: str) -> None:
    # Two clients, one call: both connections live on the one loop thread.
    from incus_sdk.sync import MigrationOperation, migration

    incus("init", TEST_IMAGE, "c1", project=project_name)
    with Client(project=project_name) as source, Client(project=project_name) as target:
        copied = migration.copy_instance(source, target, "c1", target_name="c2", mode="relay")
        assert isinstance(copied, MigrationOperation) and copied.done
        assert copied.source is not None and copied.source.status == "Success"
    assert sorted(i["name"] for i in incus_json("list", project=project_name)) == ["c1", "c2"]
    assert not PORTAL.running


def test_a_module_function_without_a_client(https_endpoint: tuple[str, str]) -> None:
    from cryptography import x509

    from incus_sdk.sync.remotes import fetch_server_certificate

    url, server_pem = https_endpoint
    der = fetch_server_certificate(url)
    assert x509.load_der_x509_certificate(der) == x509.load_pem_x509_certificate(server_pem.encode())
    assert not PORTAL.running  # it ran on a runner of its own, closed after it


def test_a_simplestreams_server(tmp_path: Path) -> None:
    from incus_sdk.sync.simplestreams import SimpleStreams

    from ..simplestreams_server import Published, fake_files, host_arch, serve

    image = Published(
        "busybox", "sdk", "default", host_arch(), "20261128_0000", "busybox/sdk", fake_files(tmp_path, "b", split=True)
    )
    ready = threading.Event()
    where: list[str] = []
    loops: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    async def server() -> None:
        # In a thread of its own: the test's thread blocks in the sync calls.
        stop = asyncio.Event()
        loops.append((asyncio.get_running_loop(), stop))
        async with serve([image], tmp_path, tls=False) as running:
            where.append(running.url)
            ready.set()
            await stop.wait()

    thread = threading.Thread(target=asyncio.run, args=(server(),))
    thread.start()
    try:
        assert ready.wait(30)
        with SimpleStreams(where[0], architectures=[host_arch()]) as images:
            found = images.resolve("busybox/sdk")
            assert found.aliases and found.serial == "20261128_0000"
            (tmp_path / "out").mkdir()
            paths = images.download(found, tmp_path / "out")
            assert [Path(p).read_bytes() for p in paths] == [f.read_bytes() for f in image.files]
        assert images.closed
    finally:
        if loops:
            loop, stop = loops[0]
            loop.call_soon_threadsafe(stop.set)
        thread.join(30)
    assert not PORTAL.running


def test_a_deprecated_name_warns_in_the_caller_s_thread(client: Client, box: tuple[str, str]) -> None:
    project, name = box
    scoped = client.with_project(project)
    with pytest.warns(DeprecationWarning, match=r"list_snapshots\(\) is deprecated") as caught:
        snapshots = scoped.instances.list_snapshots(name)
    assert snapshots == scoped.instances.snapshots.list(name)
    assert len(caught) == 1 and caught[0].filename == __file__  # it points at the caller
