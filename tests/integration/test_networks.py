"""The Networks API against the real daemon: networks, state, leases, allocations.

Bridges live in the default project (Incus allows only OVN networks in a
project with ``features.networks``, and OVN is not available here), under
unique names, removed by the ``bridges`` fixture even when a test fails.
Every bridge sets ``ipv4.address`` / ``ipv6.address`` explicitly, to
``none`` or to documentation-range addresses that nothing ever contacts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from incus_sdk import (
    Client,
    IncusAPIError,
    IncusBadRequestError,
    IncusConflictError,
    IncusNotFoundError,
    IncusPreconditionFailedError,
    api_path,
)
from incus_sdk._core import Response
from incus_sdk.models.network import Network, NetworkAllocations, NetworkLease, NetworkPut, NetworkState
from incus_sdk.models.profile import UsedByRef

from .conftest import incus, incus_json, incus_query

#: Addresses for bridges: configured on the host side only, never contacted.
NO_IP = {"ipv4.address": "none", "ipv6.address": "none"}
DOC_IP = {"ipv4.address": "192.0.2.1/24", "ipv4.nat": "false", "ipv6.address": "2001:db8:1::1/64", "ipv6.nat": "false"}

BridgeFactory = Callable[..., Awaitable[str]]


def cli_show(name: str) -> dict[str, Any]:
    """The network as the ``incus`` CLI reads it."""
    network: dict[str, Any] = incus_query(api_path("networks", name))
    return network


def cli_names() -> set[str]:
    return {n["name"] for n in incus_json("network", "list")}


@pytest.fixture
async def names(client: Client) -> AsyncIterator[list[str]]:
    """Network names a test creates or renames to; each is deleted afterwards if left."""
    created: list[str] = []
    yield created
    for name in created:
        incus("network", "delete", name, check=False)


@pytest.fixture
async def bridge(client: Client, names: list[str], unique: Callable[[str], str]) -> BridgeFactory:
    """Factory: create a bridge (default: no IP at all) and return its name."""

    async def make(config: dict[str, str] | None = None, description: str | None = None) -> str:
        name = unique("n")
        names.append(name)
        await client.networks.create(
            name, config=dict(config if config is not None else NO_IP), description=description
        )
        return name

    return make


async def test_create_get_list_names_exists(client: Client, names: list[str], unique: Callable[[str], str]) -> None:
    name = unique("n")
    names.append(name)
    reply = await client.networks.create(name, {**NO_IP, "bridge.mtu": "1400"}, description="made by the SDK")
    assert isinstance(reply, Response) and reply["status_code"] == 200

    shown = cli_show(name)
    assert shown["type"] == "bridge" and shown["managed"] is True
    assert shown["config"]["bridge.mtu"] == "1400" and shown["description"] == "made by the SDK"

    network = await client.networks.get(name)
    assert isinstance(network, Network)
    assert (network.name, network.type, network.managed, network.status) == (name, "bridge", True, "Created")
    assert network.config["ipv4.address"] == "none" and network.config["ipv6.address"] == "none"
    assert network.etag

    listed = {n.name: n for n in await client.networks.list()}
    assert listed[name].config["bridge.mtu"] == "1400"
    assert set(listed) <= cli_names() | {name}
    assert name in {n.name for n in await client.networks.list(recursion=0)}
    assert name in await client.networks.names()
    assert [n.name for n in await client.networks.list(filter=f"name eq {name}")] == [name]
    assert name in {(n.name) for n in await client.networks.list(all_projects=True)}
    assert await client.networks.exists(name)
    assert not await client.networks.exists(unique("n"))


async def test_unmanaged_interfaces_are_listed(client: Client) -> None:
    lo = await client.networks.get("lo")
    assert (lo.type, lo.managed) == ("loopback", False)
    assert "lo" in {n.name for n in await client.networks.list()}


async def test_update_merges_and_removes_keys(client: Client, bridge: BridgeFactory) -> None:
    name = await bridge()
    await client.networks.update(name, {"config": {"bridge.mtu": "1400", "user.a": "1"}})
    assert cli_show(name)["config"] == {**NO_IP, "bridge.mtu": "1400", "user.a": "1"}

    await client.networks.update(name, {"config": {"user.a": None}, "description": "d"})
    shown = cli_show(name)
    assert shown["config"] == {**NO_IP, "bridge.mtu": "1400"} and shown["description"] == "d"

    network = await client.networks.get(name)
    await network.update({"config": {"bridge.mtu": "1300"}})
    assert cli_show(name)["config"]["bridge.mtu"] == "1300"


async def test_patch_is_the_servers_own(client: Client, bridge: BridgeFactory) -> None:
    name = await bridge()
    await client.networks.patch(name, {"config": {"user.a": "1"}})
    await client.networks.patch(name, {"config": {"user.b": "2"}})
    assert cli_show(name)["config"] == {**NO_IP, "user.a": "1", "user.b": "2"}
    stale = await client.networks.get(name)
    await client.networks.patch(name, {"config": {"user.a": None}}, etag=stale.etag)
    assert cli_show(name)["config"] == {**NO_IP, "user.b": "2"}
    with pytest.raises(IncusPreconditionFailedError):
        await client.networks.patch(name, {"config": {"user.c": "3"}}, etag=stale.etag)


async def test_replace_and_etags(client: Client, bridge: BridgeFactory) -> None:
    name = await bridge({**NO_IP, "bridge.mtu": "1400"}, description="d")
    network = await client.networks.get(name)

    await client.networks.replace(name, {"config": {**NO_IP, "user.b": "2"}}, etag=network.etag)
    shown = cli_show(name)
    assert shown["config"] == {**NO_IP, "user.b": "2"} and shown["description"] == ""

    with pytest.raises(IncusPreconditionFailedError):
        await client.networks.replace(name, {"config": {**NO_IP, "user.b": "3"}}, etag=network.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await client.networks.update(name, {"config": {"user.b": "3"}}, etag=network.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await network.replace()
    assert cli_show(name)["config"]["user.b"] == "2"

    fresh = await client.networks.get(name)
    fresh.config["user.b"] = "4"
    await fresh.replace()
    assert cli_show(name)["config"]["user.b"] == "4"
    await client.networks.replace(name, NetworkPut(config=NO_IP, description="from model"))
    assert cli_show(name)["description"] == "from model"


async def test_rename_and_delete(
    client: Client, bridge: BridgeFactory, names: list[str], unique: Callable[[str], str]
) -> None:
    name = await bridge()
    new, newer = unique("n"), unique("n")
    names += [new, newer]

    await client.networks.rename(name, new)
    assert new in cli_names() and name not in cli_names()
    assert (await client.networks.get(new)).config == NO_IP

    network = await client.networks.get(new)
    await network.rename(newer)
    assert network.name == newer and newer in cli_names()

    reply = await network.delete()
    assert reply["status_code"] == 200
    assert newer not in cli_names()
    with pytest.raises(IncusNotFoundError):
        await client.networks.delete(newer)


async def test_state_leases_allocations(client: Client, bridge: BridgeFactory) -> None:
    name = await bridge(DOC_IP)

    raw = await client.networks.state(name)
    assert isinstance(raw, dict) and raw["state"] == "up"
    state = await client.networks.get_state(name)
    assert isinstance(state, NetworkState)
    assert state.type == "broadcast" and state.state == "up"
    assert {a.address for a in state.addresses} >= {"192.0.2.1", "2001:db8:1::1"}
    assert state.bridge is not None
    assert state.mtu == int(incus("network", "get", name, "bridge.mtu").strip() or 1500)
    network = await client.networks.get(name)
    assert (await network.state()).hwaddr == state.hwaddr

    leases = await client.networks.leases(name)
    assert all(isinstance(lease, NetworkLease) for lease in leases)
    assert {(lease.address, lease.type) for lease in leases} >= {("192.0.2.1", "gateway"), ("2001:db8:1::1", "gateway")}
    assert [lease.address for lease in await network.leases()] == [lease.address for lease in leases]

    allocations = await client.networks.allocations()
    assert all(isinstance(a, NetworkAllocations) for a in allocations)
    mine = {(a.addresses, a.type) for a in allocations if a.used_by == api_path("networks", name)}
    assert mine == {("192.0.2.1/24", "network"), ("2001:db8:1::1/64", "network")}
    assert mine <= {(a.addresses, a.type) for a in await client.networks.allocations(all_projects=True)}


async def test_leases_of_an_unmanaged_interface_are_refused(client: Client) -> None:
    with pytest.raises(IncusAPIError):
        await client.networks.leases("lo")


async def test_used_by_and_deleting_a_network_in_use(
    client: Client, bridge: BridgeFactory, unique: Callable[[str], str]
) -> None:
    name = await bridge()
    profile = unique("prof")
    await client.profiles.create(profile, devices={"eth0": {"type": "nic", "network": name}})
    try:
        assert await client.networks.used_by(name) == [
            UsedByRef("profiles", profile, "default", url=api_path("profiles", profile))
        ]
        with pytest.raises(IncusAPIError, match="in use"):
            await client.networks.delete(name)
        assert name in cli_names()
        with pytest.raises(IncusAPIError, match=r"in use|used"):
            await client.networks.rename(name, unique("n"))
        assert name in cli_names()
    finally:
        await client.profiles.delete(profile)
    assert await client.networks.used_by(name) == []


async def test_invalid_input_is_refused_and_leaves_nothing(
    client: Client, bridge: BridgeFactory, names: list[str], unique: Callable[[str], str]
) -> None:
    before = cli_names()
    bad = unique("n")
    names.append(bad)
    # Incus 6.0 answers 500 for an unknown key.
    with pytest.raises(IncusAPIError, match=r"no\.such"):
        await client.networks.create(bad, {**NO_IP, "no.such": "1"})
    with pytest.raises(IncusBadRequestError):
        await client.networks.create(bad, NO_IP, type="no-such-type")
    with pytest.raises(IncusBadRequestError):
        await client.networks.create("n-name-longer-than-fifteen", NO_IP)
    with pytest.raises(IncusBadRequestError):
        await client.networks.create("bad/name", NO_IP)
    assert cli_names() == before

    name = await bridge()
    with pytest.raises(IncusConflictError):
        await client.networks.create(name, NO_IP)
    with pytest.raises(IncusBadRequestError):
        await client.networks.update(name, {"config": {"ipv4.address": "not-an-address"}})
    with pytest.raises(ValueError, match="config"):
        await client.networks.update(name, {"bridge.mtu": "1400"})
    assert cli_show(name)["config"] == NO_IP


async def test_names_cannot_reach_other_endpoints(client: Client) -> None:
    with pytest.raises(IncusNotFoundError):
        await client.networks.get("../instances")
    with pytest.raises(IncusNotFoundError):
        await client.networks.state("../profiles")
    with pytest.raises(ValueError):
        await client.networks.delete("..")


async def test_bridges_in_a_network_project_need_ovn(
    make_project: Callable[..., Any], unique: Callable[[str], str]
) -> None:
    # With features.networks, a project may only hold OVN networks: the
    # server refuses a bridge clearly and creates nothing.
    scoped: Client = await make_project(**{"features.networks": "true"})
    with pytest.raises(IncusBadRequestError, match="does not support non-default projects"):
        await scoped.networks.create(unique("n"), NO_IP)
    assert [n.name for n in await scoped.networks.list()] == []
