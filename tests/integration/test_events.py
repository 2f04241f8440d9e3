"""The event stream against the real daemon: typed events, filters, scope, closing."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from incus_sdk import Client, IncusBadRequestError, IncusNotFoundError
from incus_sdk.models.event import Event
from incus_sdk.streams import EventStream

from ..conftest import stray_tasks
from .conftest import TEST_IMAGE, incus


async def collect_until(stream: EventStream, done: object, timeout: float = 15) -> list[Event]:
    """Read events until ``done(event)`` is true; return all read."""
    seen: list[Event] = []

    async def run() -> None:
        async for event in stream:
            seen.append(event)
            if done(event):  # type: ignore[operator]
                return

    await asyncio.wait_for(run(), timeout)
    return seen


async def test_lifecycle_events_for_our_actions(scoped: Client, box: tuple[str, str]) -> None:
    path = f"/tmp/ev-{uuid.uuid4().hex[:8]}"
    async with scoped.events(types=["lifecycle"]) as stream:
        assert stream.connected and stream.types == ["lifecycle"]
        await scoped.instances.files.push("c1", path, b"x")
        await scoped.instances.exec("c1", ["true"])
        await scoped.instances.files.delete("c1", path)
        seen = await collect_until(stream, lambda e: e.action == "instance-file-deleted")
    assert not stream.connected
    assert {e.type for e in seen} == {"lifecycle"}
    actions = [e.action for e in seen]
    order = [actions.index(a) for a in ("instance-file-pushed", "instance-exec", "instance-file-deleted")]
    assert order == sorted(order)
    pushed = next(e for e in seen if e.action == "instance-file-pushed")
    assert pushed.project == box[0]
    assert pushed.lifecycle is not None
    assert pushed.lifecycle.context["path"] == path
    assert pushed.lifecycle.source.startswith("/1.0/instances/c1")
    assert pushed.timestamp is not None
    assert pushed.logging is None and pushed.operation is None
    exec_event = next(e for e in seen if e.action == "instance-exec")
    assert exec_event.lifecycle is not None and exec_event.lifecycle.requestor is not None
    assert exec_event.lifecycle.requestor.protocol == "unix"


async def test_operation_filter_and_typed_operations(scoped: Client) -> None:
    async with scoped.events("operation") as stream:
        await scoped.instances.exec("c1", ["sh", "-c", "exit 6"])
        seen = await collect_until(stream, lambda e: e.operation is not None and e.operation.status == "Success")
    assert {e.type for e in seen} == {"operation"}
    final = seen[-1].operation
    assert final is not None and final.description == "Executing command"
    assert final.metadata is not None and final.metadata["return"] == 6


async def test_project_scope_and_all_projects(client: Client, scoped: Client, box: tuple[str, str]) -> None:
    profile = f"sdkt-ev-{uuid.uuid4().hex[:8]}"
    default_stream = client.events(types=["lifecycle"])  # the client's project: default
    all_stream = client.events(types=["lifecycle"], all_projects=True)
    mine = client.events(types=["lifecycle"], project=box[0])
    async with default_stream, all_stream, mine:
        await scoped.instances.files.push("c1", "/tmp/scoped", b"x")
        await client.api.post("/1.0/profiles", {"name": profile})
        await client.api.delete(f"/1.0/profiles/{profile}")
        seen_all = await collect_until(all_stream, lambda e: e.action == "profile-deleted")
        seen_default = await collect_until(default_stream, lambda e: e.action == "profile-deleted")
        seen_mine = await collect_until(mine, lambda e: e.action == "instance-file-pushed")
        # The project's stream got nothing of the default project's profile events.
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(mine.next_event(), 0.5)
    assert {"instance-file-pushed", "profile-created", "profile-deleted"} <= {e.action for e in seen_all}
    assert {e.project for e in seen_all} >= {"default", box[0]}
    assert {e.project for e in seen_default} == {"default"}
    assert "instance-file-pushed" not in {e.action for e in seen_default}
    assert {e.project for e in seen_mine} == {box[0]}
    assert not any(e.action.startswith("profile-") for e in seen_mine)


async def test_iteration_without_context_and_cancel(scoped: Client) -> None:
    stream = scoped.events(types=["lifecycle"])
    started = asyncio.Event()
    got: list[Event] = []

    async def consume() -> None:
        started.set()
        async for event in stream:
            got.append(event)

    task = asyncio.ensure_future(consume())
    await started.wait()
    for _ in range(50):
        if stream.connected:
            break
        await asyncio.sleep(0.05)
    await scoped.instances.exec("c1", ["true"])
    for _ in range(100):
        if got:
            break
        await asyncio.sleep(0.05)
    assert got and got[0].action == "instance-exec"
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert not stream.connected
    # A closed stream does not come back.
    with pytest.raises(RuntimeError):
        await stream.connect()


async def test_break_closes_the_stream(scoped: Client) -> None:
    stream = scoped.events(types=["lifecycle"])
    async with stream:
        await scoped.instances.exec("c1", ["true"])
        async for _event in stream:
            break
    assert not stream.connected


async def test_bad_subscriptions(client: Client) -> None:
    with pytest.raises(IncusBadRequestError):
        async with client.events(types=["no-such-type"]):
            pass
    with pytest.raises(IncusNotFoundError):
        async with client.events(project="no-such-project-xyz"):
            pass
    with pytest.raises(ValueError):
        client.events(project="default", all_projects=True)
    with pytest.raises(ValueError):
        client.events(types=["lifecycle", ""])
    assert stray_tasks() == set()


async def test_start_stop_lifecycle(scoped: Client, box: tuple[str, str]) -> None:
    name = f"ev{uuid.uuid4().hex[:6]}"
    incus("create", TEST_IMAGE, name, project=box[0])
    try:
        async with scoped.events(types=["lifecycle"]) as stream:
            incus("start", name, project=box[0])
            seen = await collect_until(stream, lambda e: e.action == "instance-started")
        started = seen[-1]
        assert started.lifecycle is not None and started.lifecycle.name in ("", name)
        assert f"/instances/{name}" in started.lifecycle.source
    finally:
        incus("delete", "--force", name, project=box[0], check=False)
