"""Cluster and member reads and writes against the real 3-member cluster."""

from __future__ import annotations

import pytest

from incus_sdk import Client
from incus_sdk.exceptions import IncusBadRequestError, IncusNotFoundError, IncusPreconditionFailedError
from incus_sdk.models.cluster import Cluster, ClusterMember, ClusterMemberState

from ..certs import self_signed
from .conftest import BASE, MEMBERS, inc_json, inc_query, script, socket_of


async def test_cluster_get_and_members(cluster: Client) -> None:
    info = await cluster.cluster.get(members=True)
    assert isinstance(info, Cluster)
    assert info.enabled is True
    assert info.server_name == "m1"
    assert {m.server_name for m in info.members} >= set(MEMBERS)
    assert inc_query("m1", "/1.0/cluster")["server_name"] == "m1"

    members = await cluster.cluster.members.list()
    cli = {m["server_name"]: m for m in inc_json("m1", "cluster", "list")}
    assert {m.server_name for m in members} == set(cli)
    for member in members:
        assert isinstance(member, ClusterMember)
        assert member.status == cli[member.server_name]["status"] == "Online"
        assert member.url == cli[member.server_name]["url"]
        assert member.url.startswith("https://127.1.0.")
        assert "default" in member.groups
    assert sorted(await cluster.cluster.members.names()) == sorted(cli)
    names_only = await cluster.cluster.members.list(recursion=0)
    assert sorted(m.name for m in names_only) == sorted(cli)


async def test_get_member_and_state(cluster: Client) -> None:
    member = await cluster.cluster.members.get("m2")
    assert member.server_name == member.name == "m2"
    assert member.etag
    assert member.roles == inc_query("m1", "/1.0/cluster/members/m2")["roles"]
    state = await member.state()
    assert isinstance(state, ClusterMemberState)
    assert "default" in state.storage_pools
    assert state.sysinfo is not None and state.sysinfo.total_ram > 0


async def test_update_member_merges_and_reads_back(cluster: Client, unique) -> None:  # type: ignore[no-untyped-def]
    before = await cluster.cluster.members.get("m2")
    desc = unique("desc")
    try:
        await cluster.cluster.members.update("m2", {"description": desc, "config": {"user.sdk-test": "1"}})
        after = await cluster.cluster.members.get("m2")
        assert after.description == desc
        assert after.config["user.sdk-test"] == "1"
        # The other fields were kept (Incus's own PATCH would reset them).
        assert after.groups == before.groups and after.roles == before.roles
        assert inc_query("m1", "/1.0/cluster/members/m2")["description"] == desc
        # A None value removes a config key.
        await after.update({"config": {"user.sdk-test": None}})
        assert "user.sdk-test" not in (await cluster.cluster.members.get("m2")).config
    finally:
        await cluster.cluster.members.update("m2", {"description": before.description, "config": before.config})


async def test_replace_member_is_etag_safe(cluster: Client, unique) -> None:  # type: ignore[no-untyped-def]
    member = await cluster.cluster.members.get("m3")
    original = member.description
    await cluster.cluster.members.update("m3", {"description": unique("changed")})
    try:
        with pytest.raises(IncusPreconditionFailedError):
            await member.replace({**member.writable(), "description": "stale"})
        assert (await cluster.cluster.members.get("m3")).description != "stale"
        fresh = await cluster.cluster.members.get("m3")
        fresh.description = "fresh"
        await fresh.replace()
        assert inc_query("m1", "/1.0/cluster/members/m3")["description"] == "fresh"
        with pytest.raises(IncusBadRequestError):
            await cluster.cluster.members.replace("m3", {"description": "x", "groups": [], "roles": fresh.roles})
        with pytest.raises(ValueError):
            await cluster.cluster.members.update("m3", {"server_name": "nope"})
    finally:
        await cluster.cluster.members.update("m3", {"description": original})


async def test_update_with_etag_and_patch(cluster: Client, unique) -> None:  # type: ignore[no-untyped-def]
    member = await cluster.cluster.members.get("m2")
    original = member.description
    try:
        await cluster.cluster.members.update("m2", {"description": unique("first")})
        # A stale ETag: refused, nothing written.
        with pytest.raises(IncusPreconditionFailedError):
            await cluster.cluster.members.update("m2", {"description": "stale"}, etag=member.etag)
        assert inc_query("m1", "/1.0/cluster/members/m2")["description"] != "stale"
        # Incus's own PATCH drops the roles it is not given, and refuses;
        # update (read, merge, PUT) makes the same change and keeps them.
        with pytest.raises(IncusBadRequestError):
            await cluster.cluster.members.patch("m2", {"description": "patched"})
        fresh = await cluster.cluster.members.get("m2")
        await cluster.cluster.members.patch("m2", {**fresh.writable(), "description": "patched"}, etag=fresh.etag)
        read = inc_query("m1", "/1.0/cluster/members/m2")
        assert read["description"] == "patched"
        assert read["roles"] == fresh.roles and read["groups"] == fresh.groups
    finally:
        await cluster.cluster.members.update("m2", {"description": original})


async def test_bound_members_act_on_themselves(cluster: Client, unique) -> None:  # type: ignore[no-untyped-def]
    listed = {m.name: m for m in await cluster.cluster.members.list()}
    desc = unique("bound")
    try:
        await listed["m3"].update({"description": desc})
        assert inc_query("m1", "/1.0/cluster/members/m3")["description"] == desc
        assert inc_query("m1", "/1.0/cluster/members/m2")["description"] != desc
        # A member read through a targeted client acts on the same member.
        on_m2 = await cluster.with_target("m2").cluster.members.get("m3")
        await on_m2.update({"description": desc + "x"})
        assert inc_query("m1", "/1.0/cluster/members/m3")["description"] == desc + "x"
    finally:
        await cluster.cluster.members.update("m3", {"description": listed["m3"].description})


async def test_seed_names(cluster: Client, unique) -> None:  # type: ignore[no-untyped-def]
    """The seed SDK's flat names work, without a warning (warnings are errors here)."""
    assert sorted(m.name for m in await cluster.cluster.list_members()) == sorted(MEMBERS)
    assert [m.name for m in await cluster.cluster.list_members(0)] == await cluster.cluster.members.names()
    member = await cluster.cluster.get_member("m2")
    assert member.etag and member.name == "m2"
    info = await cluster.cluster.get()
    assert (await info.get_member("m3")).name == "m3"
    desc = unique("seed")
    try:
        await cluster.cluster.update_member("m2", {"description": desc})
        assert inc_query("m1", "/1.0/cluster/members/m2")["description"] == desc
        # A model built by hand with the client, as the seed allowed, acts too.
        await ClusterMember(client=cluster, server_name="m2").update({"config": {"user.seed": "1"}})
        read = inc_query("m1", "/1.0/cluster/members/m2")
        assert read["config"]["user.seed"] == "1" and read["description"] == desc
        assert read["roles"] == member.roles
    finally:
        await cluster.cluster.update_member("m2", {"description": member.description, "config": {"user.seed": None}})


async def test_rename_member_and_back(cluster: Client, unique) -> None:  # type: ignore[no-untyped-def]
    new = unique("m3r")
    member = await cluster.cluster.members.get("m3")
    await member.rename(new)
    try:
        assert member.server_name == new
        names = [m["server_name"] for m in inc_json("m1", "cluster", "list")]
        assert new in names and "m3" not in names
    finally:
        await cluster.cluster.rename_member(new, "m3")  # the seed's name
    assert "m3" in await cluster.cluster.members.names()


async def test_unknown_member(cluster: Client) -> None:
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.members.get("no-such-member")
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.members.update("no-such-member", {"description": "x"})
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.members.evacuate("no-such-member")
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.members.delete("no-such-member")
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.members.state("no-such-member")
    assert await cluster.cluster.members.exists("no-such-member") is False
    assert await cluster.cluster.members.exists("m2") is True
    assert [m["status"] for m in inc_json("m1", "cluster", "list")] == ["Online"] * len(MEMBERS)


async def test_standalone_is_not_clustered(standalone: Client) -> None:
    info = await standalone.cluster.get()
    assert info.enabled is False
    assert info.server_name == ""
    assert inc_query("s1", "/1.0/cluster")["enabled"] is False


def _server_cert() -> tuple[str, str]:
    return self_signed("incus-sdk-test-cluster", server=True, dns_names=("incus-sdk-test-cluster",))


async def test_update_cluster_certificate(cluster: Client) -> None:
    original_cert = (BASE / "m1" / "cluster.crt").read_text()
    original_key = (BASE / "m1" / "cluster.key").read_text()
    cert, key = _server_cert()
    await cluster.cluster.update_certificate(cert, key)
    try:
        for member in MEMBERS:
            # Every member serves the new certificate.
            assert inc_query(member, "/1.0")["environment"]["certificate"].strip() == cert.strip()
        assert (await cluster.get_server_info()).environment.certificate.strip() == cert.strip()
    finally:
        await cluster.cluster.update_certificate(original_cert, original_key)
    assert inc_query("m3", "/1.0")["environment"]["certificate"].strip() == original_cert.strip()
    assert [m.status for m in await cluster.cluster.members.list()] == ["Online"] * len(MEMBERS)


async def test_enable_bootstraps_a_new_cluster() -> None:
    script("remove", "s2")
    script("spawn", "s2")
    try:
        async with Client(socket_of("s2")) as server:
            assert (await server.cluster.get()).enabled is False
            with pytest.raises(ValueError):
                await server.cluster.enable("")
            await server.cluster.enable("first")
            info = await server.cluster.get(members=True)
            assert info.enabled is True and info.server_name == "first"
            assert [(m.server_name, m.status) for m in info.members] == [("first", "Online")]
            assert inc_query("s2", "/1.0/cluster")["server_name"] == "first"
    finally:
        script("remove", "s2")
