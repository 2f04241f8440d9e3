"""Network ACLs, zones and zone records against the real daemon.

They live in a project of their own: ACLs follow ``features.networks``,
zones ``features.networks.zones`` (without it they land in the default
project). The project fixture of conftest does not know these objects, so
``scoped`` removes them itself. Attaching an ACL to a bridge needs the
default project (bridges cannot live in network projects without OVN),
where names are unique and removed afterwards.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from incus_sdk import (
    Client,
    IncusAPIError,
    IncusBadRequestError,
    IncusNotFoundError,
    IncusPreconditionFailedError,
    api_path,
)
from incus_sdk.models.network import (
    NetworkACL,
    NetworkACLRule,
    NetworkZone,
    NetworkZoneRecord,
    NetworkZoneRecordEntry,
)
from incus_sdk.models.profile import UsedByRef

from .conftest import incus, incus_json, incus_query
from .test_networks import NO_IP, BridgeFactory, bridge, names  # noqa: F401  (fixtures)

ALLOW_DOC = {"action": "allow", "source": "192.0.2.0/24", "state": "enabled"}
DROP_UDP = {"action": "drop", "protocol": "udp", "destination_port": "53", "state": "enabled"}


@pytest.fixture
async def scoped(make_project: Callable[..., Any]) -> AsyncIterator[Client]:
    """A client in a fresh project with its own networks, ACLs and zones."""
    client: Client = await make_project(**{"features.networks": "true", "features.networks.zones": "true"})
    yield client
    # Zones take their records with them.
    for zone in await client.networks.zones.names():
        await client.networks.zones.delete(zone)
    for acl in await client.networks.acls.names():
        await client.networks.acls.delete(acl)


def query(path: str, project: str | None) -> Any:
    return incus_query(path + ("?project=" + project if project else ""))


# -- ACLs ------------------------------------------------------------------------


async def test_acl_crud(scoped: Client, unique: Callable[[str], str]) -> None:
    acls = scoped.networks.acls
    project = scoped.project
    name = unique("acl")
    await acls.create(name, description="made by the SDK", ingress=[ALLOW_DOC], config={"user.a": "1"})

    shown = query(api_path("network-acls", name), project)
    assert shown["description"] == "made by the SDK" and shown["config"] == {"user.a": "1"}
    assert [(r["action"], r["source"]) for r in shown["ingress"]] == [("allow", "192.0.2.0/24")]
    assert shown["egress"] == []

    acl = await acls.get(name)
    assert isinstance(acl, NetworkACL) and acl.etag
    assert acl.ingress == [NetworkACLRule(**ALLOW_DOC)]
    assert name in {a.name for a in await acls.list()}
    assert name in {a.name for a in await acls.list(recursion=0)}
    assert name in await acls.names()
    assert [a.name for a in await acls.list(filter=f"name eq {name}")] == [name]
    assert (project, name) in {(a.project, a.name) for a in await acls.list(all_projects=True)}
    assert {a["name"] for a in incus_json("network", "acl", "list", project=project)} == {name}
    assert await acls.exists(name) and not await acls.exists(unique("acl"))

    # update: rules given replace the old ones, config merges.
    await acls.update(name, {"egress": [DROP_UDP], "config": {"user.b": "2"}})
    shown = query(api_path("network-acls", name), project)
    assert [r["action"] for r in shown["egress"]] == ["drop"] and len(shown["ingress"]) == 1
    assert shown["config"] == {"user.a": "1", "user.b": "2"}

    # The server's own PATCH merges config (and, in 6.0, resets what it is
    # not given: here the rules are sent along to keep them).
    await acls.patch(name, {"config": {"user.c": "3"}, "ingress": [ALLOW_DOC], "egress": [DROP_UDP]})
    assert query(api_path("network-acls", name), project)["config"] == {"user.a": "1", "user.b": "2", "user.c": "3"}
    with pytest.raises(IncusPreconditionFailedError):
        await acls.patch(name, {"config": {"user.c": "4"}}, etag=acl.etag)

    # replace with the ETag read before the update: refused, nothing changed.
    with pytest.raises(IncusPreconditionFailedError):
        await acls.replace(name, {"ingress": []}, etag=acl.etag)
    assert len(query(api_path("network-acls", name), project)["ingress"]) == 1
    fresh = await acls.get(name)
    await acls.replace(name, {"ingress": [NetworkACLRule(**DROP_UDP)], "description": "r"}, etag=fresh.etag)
    shown = query(api_path("network-acls", name), project)
    assert (shown["description"], shown["config"], shown["egress"]) == ("r", {}, [])
    assert [r["protocol"] for r in shown["ingress"]] == ["udp"]

    new = unique("acl")
    await acls.rename(name, new)
    assert not await acls.exists(name) and (await acls.get(new)).description == "r"
    await acls.delete(new)
    assert incus_json("network", "acl", "list", project=project) == []

    # The model's own methods reach client.networks.acls.
    await acls.create(name, ingress=[ALLOW_DOC])
    model = await acls.get(name)
    await model.update({"description": "via model"})
    assert query(api_path("network-acls", name), project)["description"] == "via model"
    with pytest.raises(IncusPreconditionFailedError):
        await model.replace()  # read before the update: stale
    model = await acls.get(name)
    model.egress = [NetworkACLRule(**DROP_UDP)]
    await model.replace()
    assert [r["protocol"] for r in query(api_path("network-acls", name), project)["egress"]] == ["udp"]
    await model.rename(new)
    assert model.name == new and await acls.names() == [new]
    await model.delete()
    assert incus_json("network", "acl", "list", project=project) == []
    with pytest.raises(IncusNotFoundError):
        await acls.get(new)


async def test_acl_bad_input(scoped: Client, unique: Callable[[str], str]) -> None:
    acls = scoped.networks.acls
    name = unique("acl")
    # Incus 6.0 answers 500 for an invalid rule.
    with pytest.raises(IncusAPIError, match="Action must be one of"):
        await acls.create(name, ingress=[{"action": "explode", "state": "enabled"}])
    with pytest.raises(IncusAPIError, match="alphanumeric"):
        await acls.create("bad/name")
    with pytest.raises(ValueError, match="ingres"):
        await acls.create(name, ingres=[ALLOW_DOC])
    assert await acls.names() == []

    await acls.create(name)
    # Incus 6.0 reports a duplicate ACL as 400, not 409.
    with pytest.raises(IncusBadRequestError, match="already exists"):
        await acls.create(name)
    with pytest.raises(IncusAPIError, match="not-a-subnet"):
        await acls.update(name, {"egress": [{"action": "allow", "source": "not-a-subnet", "state": "enabled"}]})
    assert (await acls.get(name)).egress == []
    with pytest.raises(IncusNotFoundError):
        await acls.get("../networks")


async def test_acl_log_needs_ovn(scoped: Client, unique: Callable[[str], str]) -> None:
    name = unique("acl")
    await scoped.networks.acls.create(name)
    with pytest.raises(IncusAPIError, match="Only OVN"):
        async for _chunk in scoped.networks.acls.log(name):
            pass
    with pytest.raises(IncusNotFoundError):
        async for _chunk in scoped.networks.acls.log(unique("acl")):
            pass


async def test_acl_used_by_a_bridge_cannot_be_deleted(
    client: Client,
    bridge: BridgeFactory,  # noqa: F811
    unique: Callable[[str], str],
) -> None:
    acl = unique("acl")
    await client.networks.acls.create(acl, ingress=[ALLOW_DOC])
    try:
        net = await bridge({**NO_IP, "security.acls": acl})
        assert (await client.networks.acls.get(acl)).used_by_refs == [
            UsedByRef("networks", net, "default", url=api_path("networks", net))
        ]
        with pytest.raises(IncusAPIError, match="in use"):
            await client.networks.acls.delete(acl)
        assert await client.networks.acls.exists(acl)
        await client.networks.update(net, {"config": {"security.acls": None}})
    finally:
        incus("network", "delete", net, check=False)
        await client.networks.acls.delete(acl)
    assert not await client.networks.acls.exists(acl)


# -- zones and records ---------------------------------------------------------------


async def test_zone_crud(scoped: Client, unique: Callable[[str], str]) -> None:
    zones = scoped.networks.zones
    project = scoped.project
    zone = unique("z") + ".example.org"
    await zones.create(zone, description="made by the SDK", config={"dns.nameservers": "ns1.example.org"})

    shown = query(api_path("network-zones", zone), project)
    assert shown["description"] == "made by the SDK"
    assert shown["config"] == {"dns.nameservers": "ns1.example.org"}
    got = await zones.get(zone)
    assert isinstance(got, NetworkZone) and got.etag and got.config == shown["config"]
    assert [z.name for z in await zones.list()] == [zone]
    assert [z.name for z in await zones.list(recursion=0)] == [zone]
    assert await zones.names() == [zone]
    assert zone in {z.name for z in await zones.list(all_projects=True)}
    assert [z["name"] for z in incus_json("network", "zone", "list", project=project)] == [zone]

    # update keeps what it is not given (Incus 6.0's own PATCH would reset
    # the description).
    await zones.update(zone, {"config": {"user.a": "1"}})
    shown = query(api_path("network-zones", zone), project)
    assert shown["config"] == {"dns.nameservers": "ns1.example.org", "user.a": "1"}
    assert shown["description"] == "made by the SDK"
    await zones.patch(zone, {"config": {"user.b": "2"}, "description": "made by the SDK"})
    assert query(api_path("network-zones", zone), project)["config"]["user.b"] == "2"
    with pytest.raises(IncusPreconditionFailedError):
        await zones.patch(zone, {"config": {}}, etag=got.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await zones.replace(zone, {"config": {}}, etag=got.etag)
    await zones.replace(zone, {"description": "replaced"}, etag=(await zones.get(zone)).etag)
    shown = query(api_path("network-zones", zone), project)
    assert (shown["description"], shown["config"]) == ("replaced", {})
    assert not hasattr(zones, "rename")  # zones cannot be renamed

    await zones.delete(zone)
    assert await zones.names() == [] and not await zones.exists(zone)


async def test_zone_records_crud(scoped: Client, unique: Callable[[str], str]) -> None:
    zones = scoped.networks.zones
    records = zones.records
    project = scoped.project
    zone = unique("z") + ".example.org"
    await zones.create(zone)

    await records.create(zone, "www", entries=[{"type": "A", "value": "192.0.2.5"}], description="web")
    path = api_path("network-zones", zone, "records", "www")
    shown = query(path, project)
    assert shown["entries"] == [{"type": "A", "value": "192.0.2.5"}] and shown["description"] == "web"
    record = await records.get(zone, "www")
    assert isinstance(record, NetworkZoneRecord) and record.etag
    assert record.entries == [NetworkZoneRecordEntry(type="A", value="192.0.2.5")]
    assert [r.name for r in await records.list(zone)] == ["www"]
    assert [r.name for r in await records.list(zone, recursion=0)] == ["www"]
    assert await records.names(zone) == ["www"]
    with pytest.deprecated_call(match=r"use names\(parent\)"):
        assert await records.keys(zone) == ["www"]
    assert [r.name for r in await records.list(zone, filter="name eq www")] == ["www"]
    assert await records.exists(zone, "www") and not await records.exists(zone, "mail")
    assert [r["name"] for r in incus_json("network", "zone", "record", "list", zone, project=project)] == ["www"]

    await records.update(zone, "www", {"entries": [{"type": "AAAA", "value": "2001:db8::5", "ttl": 300}]})
    shown = query(path, project)
    assert shown["entries"] == [{"type": "AAAA", "value": "2001:db8::5", "ttl": 300}]
    assert shown["description"] == "web"
    await records.update(zone, "www", {"description": "still web"})
    assert len(query(path, project)["entries"]) == 1
    await records.patch(zone, "www", {"config": {"user.p": "1"}, "entries": shown["entries"]})
    assert query(path, project)["config"] == {"user.p": "1"}
    with pytest.raises(IncusPreconditionFailedError):
        await records.patch(zone, "www", {"config": {}}, etag=record.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await records.replace(zone, "www", {"entries": []}, etag=record.etag)
    await records.replace(zone, "www", {"config": {"user.a": "1"}}, etag=(await records.get(zone, "www")).etag)
    shown = query(path, project)
    assert (shown["entries"] or [], shown["config"]) == ([], {"user.a": "1"})

    await records.delete(zone, "www")
    assert await records.names(zone) == []
    with pytest.raises(IncusNotFoundError):
        await records.get(zone, "www")
    await zones.delete(zone)


async def test_zone_bad_input(scoped: Client, unique: Callable[[str], str]) -> None:
    zones = scoped.networks.zones
    # (Incus 6.0 accepts any zone name, even "not a zone!".)
    with pytest.raises(IncusAPIError, match=r"no\.such"):
        await zones.create(unique("z") + ".example.org", config={"no.such": "1"})
    assert await zones.names() == []
    zone = unique("z") + ".example.org"
    await zones.create(zone)
    # Incus 6.0 reports a duplicate zone as 400, not 409.
    with pytest.raises(IncusBadRequestError, match="already exists"):
        await zones.create(zone)
    with pytest.raises(IncusAPIError, match="not-an-ip"):
        await zones.records.create(zone, "www", entries=[{"type": "A", "value": "not-an-ip"}])
    assert await zones.records.names(zone) == []
    with pytest.raises(IncusNotFoundError):
        await zones.records.list(unique("z") + ".example.org")
    with pytest.raises(IncusNotFoundError):
        await zones.records.get(zone, "../../profiles")
