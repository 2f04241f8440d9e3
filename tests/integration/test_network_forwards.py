"""Network forwards, load balancers, peers and integrations against the real daemon.

Forwards live on a bridge in the default project whose addresses are
documentation ranges; their listen addresses are documentation addresses
too, only ever written into firewall rules, never contacted. Load balancers
and peers need OVN, which this machine lacks: the tests check that the
server refuses them clearly and that nothing is left behind.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
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
from incus_sdk.models.network import NetworkForward, NetworkForwardPort, NetworkIntegration

from .conftest import incus, incus_json, incus_query
from .test_networks import DOC_IP, BridgeFactory, bridge, names  # noqa: F401  (fixtures)

WEB = {"protocol": "tcp", "listen_port": "80", "target_address": "192.0.2.5", "target_port": "8080"}
DNS = {"protocol": "udp", "listen_port": "53", "target_address": "192.0.2.6"}


def cli_forward(network: str, address: str) -> dict[str, Any]:
    forward: dict[str, Any] = incus_query(api_path("networks", network, "forwards", address))
    return forward


async def test_forward_crud(
    client: Client,
    bridge: BridgeFactory,  # noqa: F811
) -> None:
    forwards = client.networks.forwards
    net = await bridge(DOC_IP)
    addr = "198.51.100.10"
    await forwards.create(net, addr, description="web", ports=[WEB], config={"user.a": "1"})

    shown = cli_forward(net, addr)
    assert shown["description"] == "web" and shown["config"] == {"user.a": "1"}
    assert [(p["listen_port"], p["target_address"]) for p in shown["ports"]] == [("80", "192.0.2.5")]
    forward = await forwards.get(net, addr)
    assert isinstance(forward, NetworkForward) and forward.etag
    assert forward.listen_address == addr and forward.ports == [NetworkForwardPort(**WEB)]
    assert [f.listen_address for f in await forwards.list(net)] == [addr]
    assert [f.listen_address for f in await forwards.list(net, recursion=0)] == [addr]
    assert await forwards.names(net) == [addr]
    assert [f["listen_address"] for f in incus_json("network", "forward", "list", net)] == [addr]
    assert await forwards.exists(net, addr) and not await forwards.exists(net, "198.51.100.11")

    # The forward's address shows among the allocations.
    allocated = {(a.addresses, a.type) for a in await client.networks.allocations()}
    assert (addr + "/32", "network-forward") in allocated

    # update: the description alone changes, the ports and config stay.
    await forwards.update(net, addr, {"description": "changed"})
    shown = cli_forward(net, addr)
    assert (shown["description"], shown["config"], len(shown["ports"])) == ("changed", {"user.a": "1"}, 1)
    # Ports given replace the old ones (models work as well as dicts).
    await forwards.update(net, addr, {"ports": [NetworkForwardPort(**DNS), WEB]})
    assert {p["protocol"] for p in cli_forward(net, addr)["ports"]} == {"udp", "tcp"}

    # The server's own PATCH merges config.
    await forwards.patch(net, addr, {"config": {"user.p": "1"}})
    assert cli_forward(net, addr)["config"] == {"user.a": "1", "user.p": "1"}

    # replace with the ETag read at the start: refused, nothing changed.
    with pytest.raises(IncusPreconditionFailedError):
        await forwards.replace(net, addr, {"ports": []}, etag=forward.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await forwards.update(net, addr, {"ports": []}, etag=forward.etag)
    assert len(cli_forward(net, addr)["ports"]) == 2
    fresh = await forwards.get(net, addr)
    await forwards.replace(net, addr, {"ports": [DNS]}, etag=fresh.etag)
    shown = cli_forward(net, addr)
    assert (shown["description"], shown["config"]) == ("", {})
    assert [p["protocol"] for p in shown["ports"]] == ["udp"]

    await forwards.delete(net, addr)
    assert await forwards.names(net) == [] and incus_json("network", "forward", "list", net) == []
    with pytest.raises(IncusNotFoundError):
        await forwards.get(net, addr)


async def test_forward_on_an_ipv6_address(
    client: Client,
    bridge: BridgeFactory,  # noqa: F811
) -> None:
    # The colons of the listen address travel escaped in the path.
    forwards = client.networks.forwards
    net = await bridge(DOC_IP)
    addr = "2001:db8:2::10"
    await forwards.create(
        net, addr, ports=[{"protocol": "tcp", "listen_port": "443", "target_address": "2001:db8:1::5"}]
    )
    assert cli_forward(net, addr)["ports"][0]["target_address"] == "2001:db8:1::5"
    assert await forwards.names(net) == [addr]
    assert (await forwards.get(net, addr)).listen_address == addr
    await forwards.delete(net, addr)
    assert await forwards.names(net) == []


async def test_forward_bad_input(
    client: Client,
    bridge: BridgeFactory,  # noqa: F811
    unique: Callable[[str], str],
) -> None:
    forwards = client.networks.forwards
    net = await bridge(DOC_IP)
    with pytest.raises(IncusAPIError, match=r"not-an-address|nvalid"):
        await forwards.create(net, "not-an-address")
    with pytest.raises(IncusAPIError):
        await forwards.create(net, "198.51.100.10", ports=[{"protocol": "sctp", "listen_port": "80"}])
    with pytest.raises(ValueError, match="port"):
        await forwards.create(net, "198.51.100.10", port=[WEB])
    assert await forwards.names(net) == []

    await forwards.create(net, "198.51.100.10")
    with pytest.raises((IncusConflictError, IncusBadRequestError)):
        await forwards.create(net, "198.51.100.10")
    with pytest.raises(IncusNotFoundError):
        await forwards.list(unique("n"))
    with pytest.raises(IncusNotFoundError):
        await forwards.get(net, "../../profiles")
    with pytest.raises(ValueError):
        await forwards.get(net, "..")


# -- load balancers and peers: OVN only ---------------------------------------------


async def test_load_balancers_need_ovn(
    client: Client,
    bridge: BridgeFactory,  # noqa: F811
) -> None:
    lbs = client.networks.load_balancers
    net = await bridge(DOC_IP)
    refusal = "does not support load balancers"
    with pytest.raises(IncusBadRequestError, match=refusal):
        await lbs.create(
            net,
            "198.51.100.20",
            backends=[{"name": "b1", "target_address": "192.0.2.5", "target_port": "80"}],
            ports=[{"protocol": "tcp", "listen_port": "80", "target_backend": ["b1"]}],
        )
    with pytest.raises(IncusBadRequestError, match=refusal):
        await lbs.list(net)
    with pytest.raises(IncusBadRequestError, match=refusal):
        await lbs.get(net, "198.51.100.20")
    with pytest.raises(IncusBadRequestError, match=refusal):
        await lbs.state(net, "198.51.100.20")
    with pytest.raises(IncusBadRequestError, match=refusal):
        await lbs.update(net, "198.51.100.20", {"description": "x"})
    with pytest.raises(IncusBadRequestError, match=refusal):
        await lbs.patch(net, "198.51.100.20", {"description": "x"})
    with pytest.raises(IncusBadRequestError, match=refusal):
        await lbs.replace(net, "198.51.100.20", {"description": "x"})
    with pytest.raises(IncusBadRequestError, match=refusal):
        await lbs.delete(net, "198.51.100.20")
    assert not any(a.type == "network-load-balancer" for a in await client.networks.allocations())
    with pytest.raises(ValueError, match="backend"):
        await lbs.create(net, "198.51.100.20", backend=[])


async def test_peers_need_ovn(
    client: Client,
    bridge: BridgeFactory,  # noqa: F811
) -> None:
    peers = client.networks.peers
    net = await bridge(DOC_IP)
    refusal = "does not support peering"
    with pytest.raises(IncusBadRequestError, match=refusal):
        await peers.create(net, "p1", target_project="default", target_network="elsewhere")
    with pytest.raises(IncusBadRequestError, match=refusal):
        await peers.list(net)
    with pytest.raises(IncusBadRequestError, match=refusal):
        await peers.get(net, "p1")
    with pytest.raises(IncusBadRequestError, match=refusal):
        await peers.patch(net, "p1", {"description": "x"})
    with pytest.raises(IncusBadRequestError, match=refusal):
        await peers.replace(net, "p1", {"description": "x"})
    with pytest.raises(IncusBadRequestError, match=refusal):
        await peers.delete(net, "p1")


# -- integrations (server-wide) --------------------------------------------------------


@pytest.fixture
async def integrations(client: Client) -> AsyncIterator[list[str]]:
    """Integration names a test creates; removed afterwards if left."""
    created: list[str] = []
    yield created
    for name in created:
        incus("query", "-X", "DELETE", api_path("network-integrations", name), check=False)


async def test_integration_crud(client: Client, integrations: list[str], unique: Callable[[str], str]) -> None:
    api = client.networks.integrations
    name, new = unique("int"), unique("int")
    integrations += [name, new]
    # Creating an OVN integration only records it: nothing is contacted.
    await api.create(name, type="ovn", description="made by the SDK", config={"user.a": "1"})

    shown = incus_query(api_path("network-integrations", name))
    assert (shown["type"], shown["description"], shown["config"]) == ("ovn", "made by the SDK", {"user.a": "1"})
    got = await api.get(name)
    assert isinstance(got, NetworkIntegration) and got.etag and got.type == "ovn"
    assert name in {i.name for i in await api.list()}
    assert name in await api.names()
    assert name in {i.name for i in await api.list(recursion=0)}
    assert await api.exists(name)

    await api.update(name, {"config": {"user.b": "2"}})
    shown = incus_query(api_path("network-integrations", name))
    assert (shown["description"], shown["config"]) == ("made by the SDK", {"user.a": "1", "user.b": "2"})
    await api.patch(name, {"config": {"user.p": "1"}, "description": "made by the SDK"})
    assert incus_query(api_path("network-integrations", name))["config"]["user.p"] == "1"
    with pytest.raises(IncusPreconditionFailedError):
        await api.patch(name, {"description": "stale"}, etag=got.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await api.replace(name, {"description": "stale"}, etag=got.etag)
    await api.replace(name, {"description": "replaced"}, etag=(await api.get(name)).etag)
    shown = incus_query(api_path("network-integrations", name))
    assert (shown["description"], shown["config"]) == ("replaced", {})

    model = await api.get(name)
    await model.update({"config": {"user.c": "3"}})
    assert incus_query(api_path("network-integrations", name))["config"] == {"user.c": "3"}
    await model.rename(new)
    assert model.name == new
    assert not await api.exists(name) and (await api.get(new)).description == "replaced"
    with pytest.raises(IncusAPIError):
        await api.create(new, type="no-such-type")
    await api.delete(new)
    assert new not in await api.names()
    with pytest.raises(IncusNotFoundError):
        await api.delete(new)
