"""Operations against the real daemon: wait, failure, refresh, cancel, list."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest

from incus_sdk import (
    Client,
    IncusAPIError,
    IncusNotFoundError,
    IncusOperationCancelledError,
    IncusOperationError,
    IncusTimeoutError,
    MigrationOperation,
    Operation,
    _watch,
    api_path,
)

from ..ws_receives import record_receives
from .conftest import TEST_IMAGE, incus, incus_json, incus_query


@pytest.fixture
async def running(project: Client, unique: Callable[[str], str]) -> str:
    """A running busybox container in the test's project."""
    name = unique("op")
    incus("launch", TEST_IMAGE, name, project=project.project)
    return name


async def exec_sleep(project: Client, name: str, seconds: float) -> Operation:
    body = {"command": ["sleep", str(seconds)], "record-output": True, "wait-for-websocket": False}
    response = await project.api.post(api_path("instances", name, "exec"), body)
    assert response.operation is not None
    return response.operation


async def test_async_reply_gives_an_operation_handle(project: Client, running: str) -> None:
    op = await exec_sleep(project, running, 0.5)
    assert op.id
    assert op.status == "Running"
    assert op.resources["instances"] == [f"/1.0/instances/{running}?project={project.project}"]
    started = time.monotonic()
    await op.wait()
    assert time.monotonic() - started >= 0.3
    assert op.done and op.status == "Success"
    assert op.metadata["return"] == 0


async def test_a_waited_write_replies_with_the_finished_operation(project: Client, running: str) -> None:
    # wait=True (the default): the reply's metadata is the operation as it ended.
    response = await project.instances.snapshots.create(running, "s0")
    assert response.operation is not None and response.operation.done
    assert response["type"] == "async" and response["operation"].endswith(response.operation.id)
    assert response.metadata["id"] == response.operation.id
    assert response.metadata["status"] == "Success" and response.metadata["status_code"] == 200
    # wait=False: the operation as created; waiting on the reply then puts in the finished one.
    later = await project.instances.snapshots.create(running, "s1", wait=False)
    assert later.metadata["status"] == "Running"
    assert await later.wait() is later
    assert later.metadata["status"] == "Success"
    assert later.metadata["resources"]["instances_snapshots"] == [
        f"/1.0/instances/{running}/snapshots/s1?project={project.project}"
    ]
    listed = incus_query(f"/1.0/instances/{running}/snapshots?project={project.project}")
    assert sorted(url.split("?")[0] for url in listed) == [
        f"/1.0/instances/{running}/snapshots/s0",
        f"/1.0/instances/{running}/snapshots/s1",
    ]


async def test_await_operation_directly(project: Client, running: str) -> None:
    op = await exec_sleep(project, running, 0.1)
    finished = await op
    assert finished is op and op.status == "Success"


async def test_wait_longer_than_client_timeout(project: Client, running: str) -> None:
    # The client's request timeout (1 s) does not cut a 3-second wait short.
    async with Client(timeout=1).with_project(project.project) as short:
        op = await exec_sleep(short, running, 3)
        await short.operations.wait(op.id, timeout=30)
        assert (await short.operations.get(op.id)).status == "Success"


async def test_wait_timeout_leaves_operation_running(project: Client, running: str) -> None:
    op = await exec_sleep(project, running, 3)
    with pytest.raises(IncusTimeoutError):
        await op.wait(timeout=1)
    await op.refresh()
    assert op.status == "Running"
    await op.wait(timeout=30)
    assert op.status == "Success"


async def test_failed_operation_raises_with_server_message(project: Client, running: str) -> None:
    # Starting a running instance: the server accepts (202) then fails.
    response = await project.api.put(api_path("instances", running, "state"), {"action": "start"})
    assert response.operation is not None
    with pytest.raises(IncusOperationError, match="already running") as err:
        await response.operation.wait(timeout=30)
    assert err.value.operation_id == response.operation.id
    assert response.operation.status == "Failure"


async def test_failed_exec_exit_code_is_not_an_operation_failure(project: Client, running: str) -> None:
    body = {"command": ["sh", "-c", "exit 3"], "record-output": True}
    response = await project.api.post(api_path("instances", running, "exec"), body)
    assert response.operation is not None
    await response.operation.wait()
    assert response.operation.metadata["return"] == 3


async def test_operations_api_list_get_wait(project: Client, running: str) -> None:
    op = await exec_sleep(project, running, 2)
    listed = await project.operations.list()
    assert op.id in [o.id for o in listed]
    got = await project.operations.get(op.id)
    assert got["description"] == "Executing command"  # seed-style access
    assert got.model.class_ == "task"
    done = await project.operations.wait(op.id, timeout=30)
    assert done.status == "Success"
    all_projects = await project.operations.list(all_projects=True)
    assert op.id in [o.id for o in all_projects]


async def test_operations_api_names_exists(project: Client, running: str) -> None:
    op = await exec_sleep(project, running, 2)
    assert op.id in await project.operations.names()
    assert op.id in await project.operations.names(all_projects=True)
    assert await project.operations.exists(op.id)
    await op.wait(timeout=30)
    assert not await project.operations.exists("00000000-0000-0000-0000-000000000000")


async def test_delete_cancels_an_operation(client: Client, https_endpoint: Any, unique: Callable[[str], str]) -> None:
    # A trust token is a cancellable operation that runs until used: delete ends it.
    name = unique("sdkop")
    token = await client.certificates.tokens.create(name)
    try:
        op = await client.operations.get(token.operation_id)
        assert op.status == "Running" and op.model.may_cancel
        response = await client.operations.delete(op.id)
        assert response["status_code"] == 200
        with pytest.raises(IncusOperationCancelledError):
            await op.wait(timeout=10)
        assert name not in {t["client_name"] for t in incus_json("config", "trust", "list-tokens")}
    finally:
        if await client.certificates.tokens.exists(token):
            await client.certificates.tokens.delete(token)


async def test_cancel_uncancellable_operation_is_refused(project: Client, running: str) -> None:
    op = await exec_sleep(project, running, 2)
    assert op.model.may_cancel is False
    with pytest.raises(IncusAPIError, match="can't be cancelled"):
        await op.cancel()
    with pytest.raises(IncusAPIError):
        await project.operations.cancel(op.id)
    await op.wait(timeout=30)


async def test_joined_operation_waits_for_every_side_then_runs_its_final_step(project: Client, running: str) -> None:
    # What a transfer between servers gives: one Operation joining both sides' operations.
    calls: list[tuple[bool, bool]] = []
    target = await exec_sleep(project, running, 0.2)
    source = await exec_sleep(project, running, 1)

    async def after() -> None:
        calls.append((target.done, source.done))

    joined = MigrationOperation(source=source, target=target, mode="pull", after=after)
    assert isinstance(joined, Operation) and joined.id == target.id and not joined.done
    assert await joined is joined
    assert joined.done and calls == [(True, True)]
    assert (joined.status, source.status) == ("Success", "Success")
    await joined.wait()  # seen through once: the final step does not run again
    assert calls == [(True, True)]
    await joined.refresh()
    assert joined.model is target.model  # its state is the target side's


async def test_joined_operation_cancels_the_other_side_when_one_fails(
    client: Client, project: Client, running: str, https_endpoint: Any, unique: Callable[[str], str]
) -> None:
    # A trust token is a cancellable operation that runs until used: the side left running.
    token = await client.certificates.tokens.create(unique("sdkjoin"))
    try:
        assert token.operation is not None
        failing = (await project.api.put(api_path("instances", running, "state"), {"action": "start"})).operation
        assert failing is not None
        calls: list[str] = []

        async def after() -> None:
            calls.append("ran")

        joined = MigrationOperation(source=token.operation, target=failing, mode="pull", after=after)
        with pytest.raises(IncusOperationError, match="already running"):
            await joined
        assert not joined.done and calls == []
        assert not await client.certificates.tokens.exists(token)
    finally:
        if await client.certificates.tokens.exists(token):
            await client.certificates.tokens.delete(token)


async def test_missing_operation(client: Client) -> None:
    with pytest.raises(IncusNotFoundError):
        await client.operations.get("00000000-0000-0000-0000-000000000000")
    with pytest.raises(IncusNotFoundError):
        await client.operations.wait("00000000-0000-0000-0000-000000000000", timeout=5)
    with pytest.raises(IncusNotFoundError):
        await client.operations.delete("00000000-0000-0000-0000-000000000000")


# -- waits resolved from the shared event stream (issue 15) ----------------------------


def long_polls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the ``/wait`` long-polls the client makes (the ids of the operations polled)."""
    polls: list[str] = []
    original = Operation._poll

    async def recording(self: Operation, *args: Any) -> float:
        polls.append(self.id)
        return await original(self, *args)

    monkeypatch.setattr(Operation, "_poll", recording)
    return polls


async def test_concurrent_waits_share_one_event_stream(
    project: Client, running: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    polls = long_polls(monkeypatch)
    ops = [await exec_sleep(project, running, 1) for _ in range(40)]
    started = time.monotonic()
    await asyncio.gather(*(op.wait(timeout=30) for op in ops))
    assert time.monotonic() - started < 10
    assert all(op.status == "Success" and op.metadata["return"] == 0 for op in ops)
    assert polls == []
    watcher = _watch.existing_watcher(project._core.transport)
    assert watcher is not None and watcher.connected


async def test_over_https_the_events_are_read_in_the_connections_callback(
    project: Client,
    running: str,
    https_endpoint: Any,
    trusted_cert: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Over TLS too, the events reach the watcher as they are read
    # (WebSocket._divert): the reader task's receive() returns none of them.
    polls = long_polls(monkeypatch)
    received = record_receives(monkeypatch)
    url, server_pem = https_endpoint
    async with Client(url, cert=trusted_cert, server_cert=server_pem, project=project.project) as remote:
        await (await exec_sleep(remote, running, 0.1)).wait(timeout=30)  # the stream is open
        await asyncio.sleep(0.2)
        received.clear()  # (events read before the diversion went through receive())
        ops = [await exec_sleep(remote, running, 0.3) for _ in range(5)]
        await asyncio.gather(*(op.wait(timeout=30) for op in ops))
        assert all(op.status == "Success" and op.metadata["return"] == 0 for op in ops)
        watcher = _watch.existing_watcher(remote._core.transport, project.project)
        assert watcher is not None and watcher.connected
        assert received == []
    assert polls == []


async def test_an_operation_finished_before_the_wait_still_resolves(
    project: Client, running: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    polls = long_polls(monkeypatch)
    first = await exec_sleep(project, running, 0.1)
    await first.wait(timeout=30)  # the stream is open and delivering
    op = await exec_sleep(project, running, 0.1)
    for _ in range(100):  # let it finish on the daemon before anyone waits
        if incus_query(f"/1.0/operations/{op.id}")["status"] == "Success":
            break
        time.sleep(0.05)
    started = time.monotonic()
    await op.wait(timeout=30)
    assert time.monotonic() - started < 1
    assert op.status == "Success" and op.metadata["return"] == 0
    assert polls == []


async def test_an_idle_stream_closes_and_a_wait_after_it_still_resolves(
    project: Client, running: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_watch, "IDLE_CLOSE", 0.3)
    polls = long_polls(monkeypatch)
    await (await exec_sleep(project, running, 0.1)).wait(timeout=30)  # opens the stream
    watcher = _watch.existing_watcher(project._core.transport, project.project)
    assert watcher is not None
    for _ in range(100):  # no wait on it for IDLE_CLOSE: closed
        if not watcher.connected:
            break
        await asyncio.sleep(0.05)
    assert not watcher.connected
    op = await exec_sleep(project, running, 0.1)  # its events go to nobody
    for _ in range(100):
        if incus_query(f"/1.0/operations/{op.id}")["status"] == "Success":
            break
        time.sleep(0.05)
    await op.wait(timeout=30)  # the stream opened again, the operation read once
    assert op.status == "Success" and op.metadata["return"] == 0
    assert watcher.connected
    assert polls == []


async def test_a_fresh_client_waits_on_an_operation_another_started(
    project: Client, running: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    polls = long_polls(monkeypatch)
    op = await exec_sleep(project, running, 0.1)
    time.sleep(0.5)  # finished before the other client even connects
    async with Client(project=project.project) as other:
        again = await other.operations.wait(op.id, timeout=30)
    assert again.status == "Success"
    assert polls == []


async def test_without_the_event_stream_waits_long_poll_the_daemon(
    project: Client, running: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fallback for daemons that refuse the stream, against the real /wait.
    async def refused(self: _watch.OperationWatcher, timeout: float | None) -> bool:
        return False

    monkeypatch.setattr(_watch.OperationWatcher, "ready", refused)
    polls = long_polls(monkeypatch)
    async with Client(timeout=1).with_project(project.project) as short:
        op = await exec_sleep(short, running, 2)  # longer than the client's timeout
        with pytest.raises(IncusTimeoutError):
            await op.wait(timeout=0.5)
        await op.wait(timeout=30)
        assert op.status == "Success" and op.metadata["return"] == 0
        # /wait answers HTTP 200 with the failure: raised as the operation's error.
        response = await short.api.put(api_path("instances", running, "state"), {"action": "start"})
        assert response.operation is not None
        with pytest.raises(IncusOperationError, match="already running"):
            await response.operation.wait(timeout=30)
    assert op.id in polls and response.operation.id in polls
