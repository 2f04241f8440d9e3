"""Instances against the real daemon: listing, create, change, state, bad input.

Effects are read back through the SDK and, independently, the ``incus`` CLI.
Everything happens in the ``project`` fixture's throwaway project.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from incus_sdk import (
    Client,
    IncusAPIError,
    IncusBadRequestError,
    IncusConflictError,
    IncusNotFoundError,
    IncusOperationError,
    IncusPreconditionFailedError,
    Response,
)
from incus_sdk.models.instance import Instance, InstanceFull, InstanceState

from .conftest import TEST_IMAGE, incus, incus_json, incus_query

Unique = Callable[[str], str]


def cli_status(project: Client, name: str) -> str:
    """The instance's status as the CLI sees it."""
    return str(incus_json("list", name, project=project.project)[0]["status"])


def cli_names(project: Client) -> set[str]:
    return {i["name"] for i in incus_json("list", project=project.project)}


def sh(project: Client, name: str, script: str) -> str:
    """Run a shell script in an instance with the CLI (independent of the SDK's exec)."""
    assert project.project is not None
    return incus("--project", project.project, "exec", name, "--", "sh", "-c", script)


async def make(project: Client, name: str, *, start: bool = False) -> Instance:
    inst = await project.instances.create(name, image=TEST_IMAGE, start=start, wait=True)
    assert isinstance(inst, Instance)
    return inst


# -- listing and reading ---------------------------------------------------------


async def test_list_names_full_and_with_state(project: Client, unique: Unique) -> None:
    a, b = unique("la"), unique("lb")
    await make(project, a, start=True)
    await make(project, b)

    assert sorted(await project.instances.names()) == sorted([a, b])

    bare = await project.instances.list(recursion=0)
    assert sorted(i.name for i in bare) == sorted([a, b])

    full = {i.name: i for i in await project.instances.list()}
    assert full[a].status == "Running" and full[b].status == "Stopped"
    assert full[a].expanded_devices["root"]["type"] == "disk"
    assert all(type(i) is Instance for i in full.values())

    with_state = {i.name: i for i in await project.instances.list_full()}
    assert isinstance(with_state[a], InstanceFull)
    assert with_state[a].state is not None and with_state[a].state.status == "Running"
    assert with_state[a].state.pid > 0
    assert with_state[b].state is not None and with_state[b].state.status == "Stopped"
    assert {i["name"]: i["status"] for i in incus_json("list", project=project.project)} == {
        a: "Running",
        b: "Stopped",
    }


async def test_list_filter_and_all_projects(project: Client, client: Client, unique: Unique) -> None:
    a, b = unique("fa"), unique("fb")
    await make(project, a, start=True)
    await make(project, b)

    running = await project.instances.list(filter="status eq Running")
    assert [i.name for i in running] == [a]
    assert await project.instances.names(filter="status eq Stopped") == [b]

    everywhere = await client.instances.list(all_projects=True)
    mine = [i for i in everywhere if i.project == project.project]
    assert sorted(i.name for i in mine) == sorted([a, b])
    # Objects from another project act in their own project.
    obj = next(i for i in mine if i.name == b)
    await obj.start(wait=True)
    assert cli_status(project, b) == "Running"


async def test_get_etag_exists_state_access(project: Client, unique: Unique) -> None:
    name = unique("g")
    await make(project, name, start=True)
    # Give lo an address so the network section has one to report.
    sh(project, name, "ip addr add 127.0.0.1/8 dev lo; ip link set lo up")

    inst = await project.instances.get(name)
    assert inst.name == name and inst.status == "Running" and inst.project == project.project
    assert inst.etag
    assert await project.instances.exists(name)
    assert not await project.instances.exists(unique("none"))

    # CPU time only grows: the SDK's figure lies between two CLI readings
    # (all three are 0 where the host has no CPU accounting for containers).
    before = incus_query(f"/1.0/instances/{name}/state?project={project.project}")
    state = await project.instances.state(name)
    after = incus_query(f"/1.0/instances/{name}/state?project={project.project}")
    assert isinstance(state, InstanceState)
    assert state.status == "Running" and state.pid == after["pid"] and state.processes >= 1
    assert state.cpu is not None
    assert before["cpu"]["usage"] <= state.cpu.usage <= after["cpu"]["usage"]
    # Memory moves both ways: the SDK and the CLI agree on whether the host
    # accounts for it (a daemon inside a container may report 0 throughout).
    assert state.memory is not None
    assert (state.memory.usage > 0) == (after["memory"]["usage"] > 0)
    assert "127.0.0.1" in [a.address for a in state.network["lo"].addresses]
    assert state.network["lo"].addresses[0].family in ("inet", "inet6")
    assert isinstance(state.disk, dict)
    assert (await inst.get_state()).status == "Running"

    full = await project.instances.get(name, full=True)
    assert isinstance(full, InstanceFull) and full.state is not None and full.state.status == "Running"

    entries = await project.instances.access(name)
    assert isinstance(entries, list)


# -- creating ------------------------------------------------------------------------


async def test_create_seed_style_returns_awaitable_response(project: Client, unique: Unique) -> None:
    name = unique("seed")
    response = await project.instances.create(name, {"type": "image", "alias": TEST_IMAGE})
    assert isinstance(response, Response)
    assert response.operation is not None
    await response.operation
    assert response.operation.status == "Success"
    assert cli_status(project, name) == "Stopped"


async def test_create_with_everything(project: Client, unique: Unique) -> None:
    name = unique("opts")
    fingerprint = incus_json("image", "list", TEST_IMAGE)[0]["fingerprint"]
    inst = await project.instances.create(
        name,
        config={"limits.cpu": 1, "security.nesting": False, "user.note": "x"},
        devices={"scratch": {"type": "disk", "source": "/tmp", "path": "/mnt/host-tmp", "readonly": "true"}},
        profiles=["default"],
        ephemeral=False,
        wait=True,
        image=fingerprint[:12],
        description="made by a test",
        start=True,
    )
    assert isinstance(inst, Instance)
    assert inst.status == "Running"
    assert inst.config["limits.cpu"] == "1" and inst.config["security.nesting"] == "false"
    assert inst.config["volatile.base_image"] == fingerprint
    assert inst.devices["scratch"]["path"] == "/mnt/host-tmp"
    assert inst.description == "made by a test"
    cli = incus_json("list", name, project=project.project)[0]
    assert cli["config"]["user.note"] == "x" and cli["status"] == "Running"
    assert sh(project, name, "test -d /mnt/host-tmp && echo yes").strip() == "yes"


async def test_create_empty_ephemeral_no_profiles_and_cloud_type(project: Client, unique: Unique) -> None:
    empty = unique("empty")
    root = {"root": {"type": "disk", "path": "/", "pool": "default"}}
    inst = await project.instances.create(empty, profiles=[], devices=root, wait=True)
    assert isinstance(inst, Instance)
    assert inst.profiles == [] and inst.expanded_devices == root
    assert "volatile.base_image" not in inst.config
    assert cli_names(project) == {empty}

    # The cloud instance type reaches the server (which has no type catalogue offline).
    with pytest.raises(IncusBadRequestError, match=r"instance type doesn't exist: t2\.micro"):
        await project.instances.create(unique("cloud"), image=TEST_IMAGE, cloud_instance_type="t2.micro")
    assert cli_names(project) == {empty}

    eph = unique("eph")
    inst2 = await project.instances.create(eph, image=TEST_IMAGE, ephemeral=True, start=True, wait=True)
    assert isinstance(inst2, Instance) and inst2.ephemeral
    await project.instances.stop(eph, force=True, wait=True)
    for _ in range(50):  # the server deletes an ephemeral instance after it stops
        if not await project.instances.exists(eph):
            break
        await asyncio.sleep(0.1)
    assert eph not in cli_names(project)


async def test_copy_local_instance(project: Client, unique: Unique) -> None:
    src, dst, from_snap = unique("src"), unique("dst"), unique("fs")
    await make(project, src, start=True)
    sh(project, src, "echo copied > /root/mark")
    await project.instances.snapshots.create(src, "s0")
    sh(project, src, "echo later > /root/mark")

    await project.instances.copy(src, dst, instance_only=True, config={"user.copy": "yes"})
    copy = await project.instances.get(dst)
    assert copy.config["user.copy"] == "yes" and copy.status == "Stopped"
    assert await project.instances.snapshots.list(dst) == []
    await project.instances.start(dst, wait=True)
    assert sh(project, dst, "cat /root/mark").strip() == "later"

    await project.instances.copy(src, from_snap, snapshot="s0", start=True)
    assert sh(project, from_snap, "cat /root/mark").strip() == "copied"


# -- changing -------------------------------------------------------------------------


async def test_update_changes_only_what_it_is_given(project: Client, unique: Unique) -> None:
    name = unique("up")
    scratch = {"type": "disk", "source": "/tmp", "path": "/mnt/scratch"}
    await project.instances.create(
        name, image=TEST_IMAGE, config={"user.a": "1"}, devices={"scratch": scratch}, wait=True
    )
    response = await project.instances.update(name, {"config": {"user.b": "2"}, "description": "merged"})
    assert isinstance(response, Response)
    inst = await project.instances.get(name)
    assert inst.config["user.a"] == "1" and inst.config["user.b"] == "2"
    assert inst.description == "merged" and inst.devices["scratch"] == scratch
    assert incus("config", "get", name, "user.b", project=project.project).strip() == "2"
    await inst.update({"config": {"user.c": "3"}})
    assert incus("config", "get", name, "user.c", project=project.project).strip() == "3"

    # None removes a device (Incus's own PATCH answers 500 "Missing device type") and a key.
    await project.instances.update(name, {"devices": {"scratch": None}, "config": {"user.a": None}})
    cli = incus_json("list", name, project=project.project)[0]
    assert "scratch" not in cli["devices"] and "user.a" not in cli["config"]
    assert cli["config"]["user.b"] == "2" and cli["description"] == "merged"
    with pytest.raises(IncusAPIError, match="device"):
        await project.instances.patch(name, {"devices": {"gone": {"path": "/x"}}})

    with pytest.raises(ValueError, match="writable fields"):
        await project.instances.update(name, {"limits.cpu": "1"})
    # The server checks keys as it applies the change: the operation fails.
    with pytest.raises(IncusOperationError, match=r"Unknown configuration key: bogus\.key"):
        await project.instances.update(name, {"config": {"bogus.key": "1"}})
    # Its own PATCH answers HTTP 500 (IncusAPIError, as patch() documents).
    with pytest.raises(IncusAPIError, match=r"Unknown configuration key: bogus\.key") as info:
        await project.instances.patch(name, {"config": {"bogus.key": "1"}})
    assert info.value.status_code == 500
    assert "bogus.key" not in (await project.instances.get(name)).config

    # With a stale etag, nothing is written.
    stale = inst.etag
    assert stale
    with pytest.raises(IncusPreconditionFailedError):
        await project.instances.update(name, {"config": {"user.late": "1"}}, etag=stale)
    assert "user.late" not in incus_json("list", name, project=project.project)[0]["config"]

    # patch() sends the server's PATCH, which merges.
    await project.instances.patch(name, {"config": {"user.p": "1"}})
    assert incus("config", "get", name, "user.b", project=project.project).strip() == "2"
    assert incus("config", "get", name, "user.p", project=project.project).strip() == "1"


async def test_writes_wait_unless_told_not_to(project: Client, unique: Unique) -> None:
    name = unique("w")
    inst = await make(project, name)
    # The default waits: the instance is running when start() returns.
    await project.instances.start(name)
    assert cli_status(project, name) == "Running"
    await project.instances.stop(name, force=True)
    assert cli_status(project, name) == "Stopped"

    response = await project.instances.start(name, wait=False)
    assert response.operation is not None
    await response.wait(timeout=60)
    assert response.operation.status == "Success" and cli_status(project, name) == "Running"

    response = await inst.update({"description": "later"}, wait=False)
    assert response.operation is not None
    await response.wait()
    assert incus_json("list", name, project=project.project)[0]["description"] == "later"

    await inst.stop(force=True)  # the seed model's default waits too
    assert cli_status(project, name) == "Stopped"


async def test_replace_put_is_etag_safe(project: Client, unique: Unique) -> None:
    name = unique("put")
    await project.instances.create(name, image=TEST_IMAGE, config={"user.a": "1"}, wait=True)
    inst = await project.instances.get(name)

    body = inst.to_put()
    body["config"] = {k: v for k, v in body["config"].items() if k != "user.a"} | {"user.z": "26"}
    await project.instances.replace(name, body, etag=inst.etag)
    after = await project.instances.get(name)
    assert "user.a" not in after.config and after.config["user.z"] == "26"
    assert incus("config", "get", name, "user.a", project=project.project).strip() == ""

    # Someone else changes it; a replace based on the old read is refused.
    incus("config", "set", name, "user.other=1", project=project.project)
    after.config["user.mine"] = "1"
    with pytest.raises(IncusPreconditionFailedError):
        await after.replace()
    final = await project.instances.get(name)
    assert final.config["user.other"] == "1" and "user.mine" not in final.config


async def test_rename_move_project_and_rebuild(
    project: Client, make_project: Callable[..., object], unique: Unique
) -> None:
    name, new = unique("rn"), unique("rn2")
    inst = await make(project, name)
    await inst.rename(new)
    assert inst.name == new
    assert cli_names(project) == {new}

    other = await make_project()  # type: ignore[misc]
    assert isinstance(other, Client)
    await project.instances.move(new, project=other.project)
    assert cli_names(project) == set()
    assert cli_names(other) == {new}

    # Rebuild as empty, then from the image again: the root filesystem goes and comes back.
    await other.instances.rebuild(new)
    assert "volatile.base_image" not in (await other.instances.get(new)).config
    await other.instances.rebuild(new, image=TEST_IMAGE)
    await other.instances.start(new, wait=True)
    assert sh(other, new, "echo alive").strip() == "alive"
    with pytest.raises(IncusBadRequestError):
        await other.instances.rebuild(new, image=TEST_IMAGE)  # running

    with pytest.raises(ValueError):
        await other.instances.move(new)


# -- state ----------------------------------------------------------------------------


async def test_state_changes(project: Client, unique: Unique) -> None:
    name = unique("st")
    inst = await make(project, name)

    response = await project.instances.start(name)
    assert response.operation is not None and response.operation.done
    assert cli_status(project, name) == "Running"

    await project.instances.freeze(name, wait=True)
    assert cli_status(project, name) == "Frozen"
    await project.instances.unfreeze(name, wait=True)
    assert cli_status(project, name) == "Running"

    pid = (await project.instances.state(name)).pid
    await project.instances.restart(name, force=True, wait=True)
    assert cli_status(project, name) == "Running"
    assert (await project.instances.state(name)).pid != pid

    await project.instances.stop(name, timeout=20, wait=True)  # clean shutdown
    assert cli_status(project, name) == "Stopped"
    await inst.start(wait=True)
    await inst.stop(force=True, wait=True)
    assert cli_status(project, name) == "Stopped"
    # The server accepts the request and fails the operation.
    with pytest.raises(IncusOperationError, match="already stopped"):
        await project.instances.stop(name, wait=True)
    await project.instances.start(name, wait=True)
    with pytest.raises(IncusOperationError, match="already running"):
        await project.instances.start(name, wait=True)
    assert cli_status(project, name) == "Running"


async def test_change_state_all(project: Client, unique: Unique) -> None:
    names = [unique("all") for _ in range(3)]
    for n in names:
        await make(project, n)
    await project.instances.change_state_all("start")
    assert {i["name"]: i["status"] for i in incus_json("list", project=project.project)} == dict.fromkeys(
        names, "Running"
    )
    await project.instances.change_state_all("stop", force=True)
    assert all(i["status"] == "Stopped" for i in incus_json("list", project=project.project))


async def test_bulk_helpers_report_per_instance(project: Client, unique: Unique) -> None:
    names = [unique("bk") for _ in range(4)]
    bad = "bad_name!"
    created = await project.instances.create_many([*names, bad], image=TEST_IMAGE, concurrency=3)
    assert not created.ok
    assert set(created.failed) == {bad}
    assert isinstance(created.failed[bad], IncusBadRequestError)
    assert all(isinstance(created[n], Instance) for n in names)
    assert cli_names(project) == set(names)

    started = await project.instances.start_many([*names, "missing-one"], concurrency=2)
    assert set(started.succeeded) == set(names)
    assert isinstance(started["missing-one"], IncusNotFoundError)
    with pytest.raises(IncusNotFoundError):
        started.raise_for_failures()
    assert all(i["status"] == "Running" for i in incus_json("list", project=project.project))

    restarted = await project.instances.restart_many(names, force=True)
    assert restarted.ok

    stopped = await project.instances.stop_many(names[:2], force=True)
    assert stopped.ok
    assert {cli_status(project, n) for n in names[:2]} == {"Stopped"}

    deleted = await project.instances.delete_many(names, force=True, concurrency=4)
    assert deleted.ok, deleted
    assert cli_names(project) == set()

    per_name = await project.instances.create_many(
        {names[0]: {"config": {"user.i": "0"}}, names[1]: {"config": {"user.i": "1"}}}, image=TEST_IMAGE
    )
    assert per_name.ok
    assert incus("config", "get", names[1], "user.i", project=project.project).strip() == "1"
    with pytest.raises(ValueError):
        await project.instances.start_many(names, concurrency=0)


# -- bad input --------------------------------------------------------------------------


async def test_failed_creates_leave_nothing(project: Client, unique: Unique) -> None:
    with pytest.raises(IncusOperationError, match="Image not provided"):
        await project.instances.create(unique("noimg"), image="no-such-image-alias", wait=True)
    with pytest.raises(IncusOperationError, match=r"bogus\.key"):
        await project.instances.create(unique("badkey"), image=TEST_IMAGE, config={"bogus.key": "1"}, wait=True)
    with pytest.raises(IncusBadRequestError, match="Invalid instance name"):
        await project.instances.create("bad_name", image=TEST_IMAGE, wait=True)
    with pytest.raises(ValueError):
        await project.instances.create(unique("x"), {"type": "none"}, image=TEST_IMAGE)

    # The server creates the instance, then fails to start it: the SDK removes it.
    failing = unique("nostart")
    response = await project.instances.create(
        failing, image=TEST_IMAGE, start=True, config={"raw.lxc": "lxc.init.cmd = /nonexistent-init"}
    )
    assert isinstance(response, Response) and response.operation is not None
    with pytest.raises(IncusOperationError, match="forkstart"):
        await response.operation
    assert cli_names(project) == set()


async def test_conflicts_and_missing(project: Client, unique: Unique) -> None:
    name = unique("dup")
    await make(project, name, start=True)
    before = incus_json("list", name, project=project.project)[0]["config"]["volatile.uuid"]

    with pytest.raises(IncusOperationError, match="UNIQUE constraint"):
        await project.instances.create(name, image=TEST_IMAGE, wait=True)
    # The existing instance is untouched (not "cleaned up").
    assert incus_json("list", name, project=project.project)[0]["config"]["volatile.uuid"] == before
    assert cli_status(project, name) == "Running"

    missing = unique("missing")
    with pytest.raises(IncusNotFoundError):
        await project.instances.get(missing)
    with pytest.raises(IncusNotFoundError):
        await project.instances.start(missing)
    with pytest.raises(IncusNotFoundError):
        await project.instances.delete(missing)
    with pytest.raises(ValueError):
        await project.instances.get("..")

    # Deleting a running instance is refused unless forced.
    with pytest.raises(IncusBadRequestError, match="running"):
        await project.instances.delete(name)
    assert cli_status(project, name) == "Running"
    other = unique("other")
    await make(project, other)
    with pytest.raises(IncusOperationError, match="Renaming of running instance not allowed"):
        await project.instances.rename(name, unique("fresh"))
    await project.instances.stop(name, force=True, wait=True)
    with pytest.raises(IncusConflictError, match="already in use"):
        await project.instances.rename(name, other)
    with pytest.raises(IncusBadRequestError):
        await project.instances.rename(name, "bad_name")
    await project.instances.start(name, wait=True)
    await (await project.instances.get(name)).delete(wait=True, force=True)
    assert cli_names(project) == {other}


async def test_move_to_another_pool(project: Client, unique: Unique, tmp_path_factory: pytest.TempPathFactory) -> None:
    pool = unique("sdkpool")
    source = tmp_path_factory.mktemp("pool")
    incus("storage", "create", pool, "dir", f"source={source}")
    name = unique("pm")
    try:
        await make(project, name)
        await project.instances.move(name, pool=pool)
        inst = await project.instances.get(name)
        assert inst.expanded_devices["root"]["pool"] == pool
        assert incus_json("list", name, project=project.project)[0]["expanded_devices"]["root"]["pool"] == pool
        await project.instances.start(name, wait=True)
        assert sh(project, name, "echo moved").strip() == "moved"
        await project.instances.stop(name, force=True, wait=True)
        await project.instances.move(name, pool="default")
        assert (await project.instances.get(name)).expanded_devices["root"]["pool"] == "default"
    finally:
        if await project.instances.exists(name):
            await project.instances.delete(name, wait=True, force=True)
        incus("storage", "delete", pool, check=False)
    assert pool not in incus("storage", "list", "--format", "csv")


async def test_seed_model_surface(project: Client, unique: Unique) -> None:
    name = unique("model")
    inst = await make(project, name)
    assert repr(inst) == f"<Instance: {name}>"
    await inst.start(wait=True)
    assert cli_status(project, name) == "Running"
    # execute() delegates to the exec family's InstancesAPI.execute.
    await inst.execute(["sh", "-c", "echo via-model > /root/x"], wait=True)
    assert sh(project, name, "cat /root/x").strip() == "via-model"
    await inst.freeze(wait=True)
    assert cli_status(project, name) == "Frozen"
    await inst.unfreeze(wait=True)
    await inst.restart(wait=True, force=True)
    assert cli_status(project, name) == "Running"
    await inst.update({"config": {"user.seed": "1"}})
    assert incus("config", "get", name, "user.seed", project=project.project).strip() == "1"
    await inst.stop(wait=True, force=True)
    assert cli_status(project, name) == "Stopped"
    response = await inst.delete()
    assert isinstance(response, Response) and response.operation is not None and response.operation.done
    assert cli_names(project) == set()
    # Built by hand without a client, the convenience methods say so.
    with pytest.raises(ValueError, match="No client"):
        await Instance(name="x").start()
    # Built by hand with a client, they act through its instances sub-API.
    await make(project, name)
    await Instance(client=project, name=name).start()
    assert cli_status(project, name) == "Running"
