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

    members = await cluster.cluster.list_members()
    cli = {m["server_name"]: m for m in inc_json("m1", "cluster", "list")}
    assert {m.server_name for m in members} == set(cli)
    for member in members:
        assert isinstance(member, ClusterMember)
        assert member.status == cli[member.server_name]["status"] == "Online"
        assert member.url == cli[member.server_name]["url"]
        assert member.url.startswith("https://127.1.0.")
        assert "default" in member.groups
    assert sorted(await cluster.cluster.member_names()) == sorted(cli)
    names_only = await cluster.cluster.list_members(recursion=0)
    assert sorted(m.name for m in names_only) == sorted(cli)


async def test_get_member_and_state(cluster: Client) -> None:
    member = await cluster.cluster.get_member("m2")
    assert member.server_name == member.name == "m2"
    assert member.etag
    assert member.roles == inc_query("m1", "/1.0/cluster/members/m2")["roles"]
    state = await member.state()
    assert isinstance(state, ClusterMemberState)
    assert "default" in state.storage_pools
    assert state.sysinfo is not None and state.sysinfo.total_ram > 0


async def test_update_member_merges_and_reads_back(cluster: Client, unique) -> None:  # type: ignore[no-untyped-def]
    before = await cluster.cluster.get_member("m2")
    desc = unique("desc")
    try:
        await cluster.cluster.update_member("m2", {"description": desc, "config": {"user.sdk-test": "1"}})
        after = await cluster.cluster.get_member("m2")
        assert after.description == desc
        assert after.config["user.sdk-test"] == "1"
        # The other fields were kept (Incus's own PATCH would reset them).
        assert after.groups == before.groups and after.roles == before.roles
        assert inc_query("m1", "/1.0/cluster/members/m2")["description"] == desc
        # A None value removes a config key.
        await after.update({"config": {"user.sdk-test": None}})
        assert "user.sdk-test" not in (await cluster.cluster.get_member("m2")).config
    finally:
        await cluster.cluster.update_member("m2", {"description": before.description, "config": before.config})


async def test_replace_member_is_etag_safe(cluster: Client, unique) -> None:  # type: ignore[no-untyped-def]
    member = await cluster.cluster.get_member("m3")
    original = member.description
    await cluster.cluster.update_member("m3", {"description": unique("changed")})
    try:
        with pytest.raises(IncusPreconditionFailedError):
            await member.replace({**member.writable(), "description": "stale"})
        assert (await cluster.cluster.get_member("m3")).description != "stale"
        fresh = await cluster.cluster.get_member("m3")
        fresh.description = "fresh"
        await fresh.replace()
        assert inc_query("m1", "/1.0/cluster/members/m3")["description"] == "fresh"
        with pytest.raises(IncusBadRequestError):
            await cluster.cluster.replace_member("m3", {"description": "x", "groups": [], "roles": fresh.roles})
        with pytest.raises(ValueError):
            await cluster.cluster.update_member("m3", {"server_name": "nope"})
    finally:
        await cluster.cluster.update_member("m3", {"description": original})


async def test_rename_member_and_back(cluster: Client, unique) -> None:  # type: ignore[no-untyped-def]
    new = unique("m3r")
    member = await cluster.cluster.get_member("m3")
    await member.rename(new)
    try:
        assert member.server_name == new
        names = [m["server_name"] for m in inc_json("m1", "cluster", "list")]
        assert new in names and "m3" not in names
    finally:
        await cluster.cluster.rename_member(new, "m3")
    assert "m3" in await cluster.cluster.member_names()


async def test_unknown_member(cluster: Client) -> None:
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.get_member("no-such-member")
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.update_member("no-such-member", {"description": "x"})
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.evacuate_member("no-such-member")
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.delete_member("no-such-member")
    with pytest.raises(ValueError):
        await cluster.cluster.set_member_state("m2", "explode")
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
    assert [m.status for m in await cluster.cluster.list_members()] == ["Online"] * len(MEMBERS)


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
