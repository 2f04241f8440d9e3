"""The cluster names of incus_sdk 0.1.0 that the sub-APIs replaced: they warn, and still work."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from incus_sdk import Client
from incus_sdk.exceptions import IncusNotFoundError
from incus_sdk.models.cluster import ClusterGroup, ClusterJoinToken, ClusterMember, ClusterMemberState

from .conftest import MEMBERS, inc, inc_query


async def test_member_aliases(cluster: Client, unique: Callable[[str], str]) -> None:
    api = cluster.cluster
    with pytest.deprecated_call(match=r"members\.names\(\)"):
        assert sorted(await api.member_names()) == sorted(MEMBERS)
    with pytest.deprecated_call(match=r"members\.state\(name\)"):
        assert isinstance(await api.get_member_state("m2"), ClusterMemberState)
    member = await api.members.get("m2")
    desc = unique("old")
    try:
        with pytest.deprecated_call(match=r"members\.replace"):
            await api.replace_member("m2", {**member.writable(), "description": desc}, etag=member.etag)
        assert inc_query("m1", "/1.0/cluster/members/m2")["description"] == desc
    finally:
        await api.members.update("m2", {"description": member.description})
    with pytest.deprecated_call(), pytest.raises(ValueError):
        await api.set_member_state("m2", "explode")
    with pytest.deprecated_call(match=r"members\.evacuate"), pytest.raises(IncusNotFoundError):
        await api.evacuate_member("no-such-member")
    assert inc_query("m1", "/1.0/cluster/members/m2")["status"] == "Online"


async def test_member_state_aliases_evacuate_and_restore(cluster: Client) -> None:
    api = cluster.cluster
    try:
        with pytest.deprecated_call(match=r"members\.evacuate"):
            await api.evacuate_member("m3", mode="stop")
        assert inc_query("m1", "/1.0/cluster/members/m3")["status"] == "Evacuated"
        with pytest.deprecated_call(match=r"members\.restore"):
            await api.restore_member("m3")
        assert inc_query("m1", "/1.0/cluster/members/m3")["status"] == "Online"
        with pytest.deprecated_call(match=r"members\.evacuate\(name\) or"):
            await api.set_member_state("m3", "evacuate", mode="stop")
        assert inc_query("m1", "/1.0/cluster/members/m3")["status"] == "Evacuated"
        with pytest.deprecated_call():
            await api.set_member_state("m3", "restore")
        assert inc_query("m1", "/1.0/cluster/members/m3")["status"] == "Online"
    finally:
        if inc_query("m1", "/1.0/cluster/members/m3")["status"] == "Evacuated":
            await api.members.restore("m3")


async def test_join_token_aliases(cluster: Client, unique: Callable[[str], str]) -> None:
    api = cluster.cluster
    name = unique("n")
    with pytest.deprecated_call(match=r"join_tokens\.create\(name\)"):
        token = await api.create_join_token(name)
    assert isinstance(token, ClusterJoinToken) and token.server_name == name
    with pytest.deprecated_call(match=r"join_tokens\.list\(\)"):
        assert name in [t.server_name for t in await api.list_join_tokens()]
    with pytest.deprecated_call(match=r"join_tokens\.get\(name\)"):
        assert (await api.get_join_token(name)).secret == token.secret
    with pytest.deprecated_call(match=r"join_tokens\.delete\(name\)"):
        assert await api.revoke_join_token(name) is None
    assert name not in inc("m1", "cluster", "list-tokens", "--format", "csv")
    again = await api.join_tokens.create(name)
    with pytest.deprecated_call(match=r"token\.delete\(\)"):
        await again.revoke()
    assert await api.join_tokens.exists(name) is False


async def test_group_aliases(cluster: Client, unique: Callable[[str], str], track: Any) -> None:
    api = cluster.cluster
    name, renamed = unique("grp"), unique("grp")
    track(cluster, "group", name)
    track(cluster, "group", renamed)
    with pytest.deprecated_call(match=r"groups\.create"):
        await api.create_group(name, description="old", members=("m2",))
    assert inc_query("m1", f"/1.0/cluster/groups/{name}")["members"] == ["m2"]
    with pytest.deprecated_call(match=r"groups\.names\(\)"):
        assert name in await api.group_names()
    with pytest.deprecated_call(match=r"groups\.list\(\)"):
        assert name in [g.name for g in await api.list_groups()]
    with pytest.deprecated_call(match=r"groups\.get\(name\)"):
        group = await api.get_group(name)
    assert isinstance(group, ClusterGroup) and group.etag
    with pytest.deprecated_call(match=r"groups\.add_member"):
        await api.add_to_group(name, "m3")
    assert sorted(inc_query("m1", f"/1.0/cluster/groups/{name}")["members"]) == ["m2", "m3"]
    with pytest.deprecated_call(match=r"groups\.remove_member"):
        await api.remove_from_group(name, "m3")
    assert inc_query("m1", "/1.0/cluster/members/m3")["groups"] == ["default"]
    with pytest.deprecated_call(match=r"groups\.update"):
        await api.update_group(name, {"description": "updated"})
    assert inc_query("m1", f"/1.0/cluster/groups/{name}")["members"] == ["m2"]
    with pytest.deprecated_call(match=r"groups\.replace"):
        await api.replace_group(name, {"description": "replaced", "members": []})
    read = inc_query("m1", f"/1.0/cluster/groups/{name}")
    assert (read["description"], read["members"]) == ("replaced", [])
    with pytest.deprecated_call(match=r"groups\.rename"):
        await api.rename_group(name, renamed)
    with pytest.deprecated_call(match=r"groups\.delete\(name"):
        await api.delete_group(renamed)
    assert await api.groups.exists(renamed) is False


async def test_model_aliases(cluster: Client) -> None:
    info = await cluster.cluster.get()
    with pytest.deprecated_call(match=r"members\.list\(\)"):
        members = await info.list_members()
    assert sorted(m.name for m in members) == sorted(MEMBERS)
    assert all(isinstance(m, ClusterMember) for m in members)
