"""Cluster groups, and placing and moving instances on chosen members."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from incus_sdk import Client, api_path
from incus_sdk.exceptions import (
    IncusAPIError,
    IncusConflictError,
    IncusNotFoundError,
    IncusOperationError,
    IncusPreconditionFailedError,
)
from incus_sdk.migration import move_to_member
from incus_sdk.models.cluster import ClusterGroup

from .conftest import IMAGE, inc, inc_json, inc_query, wait_op


async def test_group_crud_and_membership(cluster: Client, unique: Callable[[str], str], track: Any) -> None:
    name = unique("grp")
    track(cluster, "group", name)
    await cluster.cluster.groups.create(name, description="sdk test", members=["m2"])
    group = await cluster.cluster.groups.get(name)
    assert isinstance(group, ClusterGroup)
    assert group.members == ["m2"] and group.description == "sdk test"
    assert inc_query("m1", f"/1.0/cluster/groups/{name}")["members"] == ["m2"]
    assert name in await cluster.cluster.groups.names()
    assert name in (await cluster.cluster.members.get("m2")).groups

    # Assign another member; the member keeps its other groups.
    await cluster.cluster.groups.add_member(name, "m3")
    assert sorted((await cluster.cluster.groups.get(name)).members) == ["m2", "m3"]
    assert sorted((await cluster.cluster.members.get("m3")).groups) == sorted(["default", name])
    await cluster.cluster.groups.remove_member(name, "m3")
    assert (await cluster.cluster.groups.get(name)).members == ["m2"]
    assert (await cluster.cluster.members.get("m3")).groups == ["default"]

    # PATCH, then an ETag-guarded PUT that loses against a concurrent change.
    await cluster.cluster.groups.update(name, {"description": "patched"})
    stale = await cluster.cluster.groups.get(name)
    assert stale.description == "patched" and stale.members == ["m2"]
    await cluster.cluster.groups.update(name, {"members": ["m2", "m3"]})
    fresh = await cluster.cluster.groups.get(name)
    assert fresh.description == "patched", "changing the members kept the description"
    with pytest.raises(IncusPreconditionFailedError):
        await stale.replace({"description": "stale", "members": []})
    with pytest.raises(IncusPreconditionFailedError):
        await cluster.cluster.groups.update(name, {"description": "stale"}, etag=stale.etag)
    assert sorted(inc_query("m1", f"/1.0/cluster/groups/{name}")["members"]) == ["m2", "m3"]
    assert inc_query("m1", f"/1.0/cluster/groups/{name}")["description"] == "patched"
    await fresh.replace({"description": "replaced", "members": ["m2"]})
    assert inc_query("m1", f"/1.0/cluster/groups/{name}")["members"] == ["m2"]

    renamed = unique("grp2")
    track(cluster, "group", renamed)
    await stale.rename(renamed)
    assert stale.name == renamed
    assert renamed in (await cluster.cluster.members.get("m2")).groups
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.groups.get(name)
    await (await cluster.cluster.groups.get(renamed)).replace({"description": "", "members": []})
    await cluster.cluster.groups.delete(renamed)
    assert renamed not in [g["name"] for g in inc_json("m1", "cluster", "group", "list")]


async def test_group_listing_patch_and_bound_membership(
    cluster: Client, unique: Callable[[str], str], track: Any
) -> None:
    name = unique("grp")
    track(cluster, "group", name)
    await cluster.cluster.groups.create(name, {"description": "listed"})
    assert await cluster.cluster.groups.exists(name) is True
    assert await cluster.cluster.groups.exists(unique("nogrp")) is False
    listed = {g.name: g for g in await cluster.cluster.groups.list()}
    assert listed[name].description == "listed" and "default" in listed
    assert name in [g.name for g in await cluster.cluster.groups.list(recursion=0)]

    # The object from list() acts on its own group.
    group = listed[name]
    await group.add_member("m3")
    assert inc_query("m1", f"/1.0/cluster/groups/{name}")["members"] == ["m3"]
    assert sorted(inc_query("m1", "/1.0/cluster/members/m3")["groups"]) == sorted(["default", name])
    await group.update({"description": "bound"})
    read = inc_query("m1", f"/1.0/cluster/groups/{name}")
    assert (read["description"], read["members"]) == ("bound", ["m3"])
    # patch() sends Incus's own PATCH as is: it changes what it is given ...
    await cluster.cluster.groups.patch(name, {"description": "patched"})
    read = inc_query("m1", f"/1.0/cluster/groups/{name}")
    assert (read["description"], read["members"]) == ("patched", ["m3"])
    # ... but Incus 6.0 fails (500) when a PATCH drops one of several
    # members, and nothing changes; update() writes with PUT instead.
    await group.add_member("m2")
    with pytest.raises(IncusAPIError):
        await cluster.cluster.groups.patch(name, {"members": ["m3"]})
    assert sorted(inc_query("m1", f"/1.0/cluster/groups/{name}")["members"]) == ["m2", "m3"]
    await cluster.cluster.groups.update(name, {"members": ["m3"]})
    read = inc_query("m1", f"/1.0/cluster/groups/{name}")
    assert (read["description"], read["members"]) == ("patched", ["m3"])
    await group.remove_member("m3")
    assert inc_query("m1", f"/1.0/cluster/groups/{name}")["members"] == []
    assert inc_query("m1", "/1.0/cluster/members/m3")["groups"] == ["default"]
    await group.delete()
    assert await cluster.cluster.groups.exists(name) is False


async def test_group_bad_input(cluster: Client, unique: Callable[[str], str], track: Any) -> None:
    name = unique("grp")
    groups_before = (await cluster.cluster.members.get("m2")).groups
    with pytest.raises(IncusAPIError):
        await cluster.cluster.groups.create(name, members=["no-such-member"])
    assert name not in await cluster.cluster.groups.names()
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.groups.get("no-such-group")
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.groups.add_member("no-such-group", "m2")
    assert (await cluster.cluster.members.get("m2")).groups == groups_before
    track(cluster, "group", name)
    await cluster.cluster.groups.create(name)
    with pytest.raises(IncusConflictError):
        await cluster.cluster.groups.create(name)
    with pytest.raises(ValueError):
        await cluster.cluster.groups.update(name, {"name": "x"})


async def test_place_on_member_and_group(
    cluster: Client, unique: Callable[[str], str], track: Any, launch: Any
) -> None:
    # On a chosen member, through a targeted client.
    name = unique("cp")
    inst = await launch(cluster, name, target="m2")
    assert inst["location"] == "m2" and inst["status"] == "Running"
    assert inc_query("m2", f"/1.0/instances/{name}")["location"] == "m2"
    assert inc_json("m1", "list", name)[0]["location"] == "m2"

    # On a group: lands on one of its members, and the group is remembered.
    group = unique("grp")
    track(cluster, "group", group)
    await cluster.cluster.groups.create(group, members=["m3"])
    name2 = unique("cg")
    inst2 = await launch(cluster, name2, target=f"@{group}", start=False)
    assert inst2["location"] == "m3"
    assert inst2["config"].get("volatile.cluster.group") == group

    # Client(target=...) works the same as with_target().
    name3 = unique("ct")
    async with Client(cluster.endpoint, target="m3") as on_m3:
        track(cluster, "instance", name3)
        reply = await on_m3.api.post(
            api_path("instances"), {"name": name3, "source": {"type": "image", "alias": IMAGE}}
        )
        await reply.operation.wait(60)
    assert (await cluster.api.get(api_path("instances", name3))).metadata["location"] == "m3"


async def test_place_on_unknown_member_or_group(cluster: Client, unique: Callable[[str], str]) -> None:
    name = unique("cx")
    for target in ("no-such-member", "@no-such-group"):
        with pytest.raises((IncusAPIError, IncusOperationError)):
            reply = await cluster.with_target(target).api.post(
                api_path("instances"), {"name": name, "source": {"type": "image", "alias": IMAGE}}
            )
            await reply.operation.wait(60)
        assert name not in inc("m1", "list", "--format", "csv", "-c", "n")


async def test_move_stopped_instance_between_members(
    cluster: Client, unique: Callable[[str], str], launch: Any
) -> None:
    name = unique("cm")
    await launch(cluster, name, target="m1", start=False)
    await wait_op(await cluster.api.patch(api_path("instances", name), {"config": {"user.marker": "kept"}}))
    result = await move_to_member(cluster, name, "m2")
    assert result.source is not None and result.source.status == "Success"
    moved = (await cluster.api.get(api_path("instances", name))).metadata
    assert moved["location"] == "m2"
    assert moved["config"]["user.marker"] == "kept"
    assert inc_json("m1", "list", name)[0]["location"] == "m2"
    # It boots there.
    reply = await cluster.api.put(api_path("instances", name, "state"), {"action": "start"})
    await reply.operation.wait(60)
    assert inc_query("m2", f"/1.0/instances/{name}/state")["status"] == "Running"

    # Moving a running container needs CRIU: refused, and it stays put.
    with pytest.raises((IncusAPIError, IncusOperationError)):
        await cluster.cluster.move_instance(name, "m3")
    assert (await cluster.api.get(api_path("instances", name))).metadata["location"] == "m2"
    # Unknown member.
    reply = await cluster.api.put(api_path("instances", name, "state"), {"action": "stop", "force": True})
    await reply.operation.wait(60)
    with pytest.raises((IncusAPIError, IncusOperationError)):
        await move_to_member(cluster, name, "no-such-member")
    assert (await cluster.api.get(api_path("instances", name))).metadata["location"] == "m2"
