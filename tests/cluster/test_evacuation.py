"""Evacuating and restoring members: instances really leave and come back."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from incus_sdk import Client, api_path
from incus_sdk.exceptions import IncusBadRequestError, IncusConflictError

from .conftest import inc_json, inc_query


async def _where(client: Client, name: str) -> tuple[str, str]:
    inst = (await client.api.get(api_path("instances", name))).metadata
    return inst["location"], inst["status"]


async def test_evacuate_and_restore_move_instances(cluster: Client, unique: Callable[[str], str], launch: Any) -> None:
    running, stopped = unique("ev"), unique("evs")
    await launch(cluster, running, target="m2")
    await launch(cluster, stopped, target="m2", start=False)
    member = await cluster.cluster.members.get("m2")
    try:
        await member.evacuate()
        assert (await cluster.cluster.members.get("m2")).status == "Evacuated"
        assert inc_query("m1", "/1.0/cluster/members/m2")["status"] == "Evacuated"
        location, status = await _where(cluster, running)
        assert location in ("m1", "m3") and status == "Running"
        assert inc_query(location, f"/1.0/instances/{running}/state")["status"] == "Running"
        assert (await _where(cluster, stopped))[0] in ("m1", "m3")
        # Nothing new is placed on an evacuated member by the scheduler.
        assert all(i["location"] != "m2" for i in inc_json("m1", "list") if i["name"] in (running, stopped))
    finally:
        await member.restore()
    assert (await cluster.cluster.members.get("m2")).status == "Online"
    assert await _where(cluster, running) == ("m2", "Running")
    assert (await _where(cluster, stopped))[0] == "m2"
    assert inc_query("m2", f"/1.0/instances/{running}/state")["status"] == "Running"


async def test_evacuate_stop_mode_keeps_instances_in_place(
    cluster: Client, unique: Callable[[str], str], launch: Any
) -> None:
    name = unique("evstop")
    await launch(cluster, name, target="m3")
    try:
        # wait=False: the evacuation is a running operation, finished by response.wait().
        response = await cluster.cluster.members.evacuate("m3", mode="stop", wait=False)
        assert response.operation is not None and response.operation.status == "Running"
        await response.wait(timeout=120)
        assert response.operation.status == "Success"
        assert await _where(cluster, name) == ("m3", "Stopped")
        assert inc_query("m1", "/1.0/cluster/members/m3")["status"] == "Evacuated"
    finally:
        await cluster.cluster.members.restore("m3")
    assert await _where(cluster, name) == ("m3", "Running")
    assert (await cluster.cluster.members.get("m3")).status == "Online"


async def test_evacuating_last_member_of_pinned_group_is_refused(
    cluster: Client, unique: Callable[[str], str], launch: Any, track: Any
) -> None:
    group = unique("pin")
    track(cluster, "group", group)
    await cluster.cluster.groups.create(group, members=["m3"])
    name = unique("pinned")
    inst = await launch(cluster, name, target=f"@{group}")
    assert inst["location"] == "m3"
    with pytest.raises(IncusConflictError, match="no other online member"):
        await cluster.cluster.members.evacuate("m3")
    # Nothing half-done: still online, the instance still runs where it was.
    assert (await cluster.cluster.members.get("m3")).status == "Online"
    assert await _where(cluster, name) == ("m3", "Running")
    # A bad mode is refused by the server, also before anything happens.
    with pytest.raises(IncusBadRequestError):
        await cluster.cluster.members.evacuate("m3", mode="teleport", check=False)
    assert (await cluster.cluster.members.get("m3")).status == "Online"
    assert await _where(cluster, name) == ("m3", "Running")
