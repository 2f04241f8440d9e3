"""Warnings against the daemon, on a warning provoked for the test.

A bridge whose IPv6 prefix is longer than /64 makes Incus raise "IPv6
networks with a prefix larger than 64 aren't properly supported by dnsmasq"
for that network; deleting the network removes the warning. The bridge has
no IPv4 and a documentation-range IPv6 address, and nothing is attached.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from incus_sdk import Client, IncusBadRequestError, IncusNotFoundError, IncusPermissionError
from incus_sdk.models.warning import IncusWarning

from .conftest import incus, incus_json

WARNING_TYPE = "IPv6 networks with a prefix larger than 64 aren't properly supported by dnsmasq"


def cli_warnings(all_: bool = True) -> dict[str, dict[str, Any]]:
    args = ["warning", "list"] + (["--all"] if all_ else [])
    return {w["uuid"]: w for w in incus_json(*args)}


@pytest.fixture
async def provoked(client: Client, unique: Callable[[str], str]) -> AsyncIterator[IncusWarning]:
    """A fresh warning of the test's own (its network is deleted afterwards)."""
    before = {w.uuid for w in await client.server.warnings.list()}
    network = unique("sdkw")[:15]
    incus(
        "network", "create", network,
        "ipv4.address=none", "ipv6.address=2001:db8:5d::1/100", "ipv6.nat=false", "ipv6.dhcp=false",
    )  # fmt: skip
    try:
        new = [
            w
            for w in await client.server.warnings.list()
            if w.uuid not in before and w.type == WARNING_TYPE and w.project == "default"
        ]
        assert len(new) == 1, f"expected one new warning, got {new}"
        yield new[0]
    finally:
        incus("network", "delete", network, check=False)


async def test_list_and_get(client: Client, provoked: IncusWarning) -> None:
    uuid = provoked.uuid
    assert provoked.status == "new" and provoked.severity == "low" and provoked.count >= 1
    assert provoked.first_seen_at is not None and provoked.last_seen_at is not None
    assert uuid in {w.uuid for w in await client.server.warnings.list(recursion=0)}
    assert uuid in {w.uuid for w in await client.server.warnings.list(filter="status eq new")}
    assert uuid not in {w.uuid for w in await client.server.warnings.list(filter="status eq acknowledged")}
    got = await client.server.warnings.get(uuid)
    assert (got.uuid, got.type, got.project, got.status) == (uuid, WARNING_TYPE, "default", "new")
    assert cli_warnings()[uuid]["type"] == WARNING_TYPE


async def test_project_scope(client: Client, provoked: IncusWarning, project: Client) -> None:
    assert provoked.uuid in {w.uuid for w in await client.with_project("default").server.warnings.list()}
    assert provoked.uuid not in {w.uuid for w in await project.server.warnings.list()}


async def test_names_and_exists(client: Client, provoked: IncusWarning) -> None:
    assert provoked.uuid in await client.server.warnings.names()
    assert provoked.uuid in await client.server.warnings.names(filter="status eq new")
    assert provoked.uuid not in await client.server.warnings.names(filter="status eq acknowledged")
    assert await client.server.warnings.exists(provoked.uuid)
    assert not await client.server.warnings.exists("00000000-0000-0000-0000-000000000000")


async def test_acknowledge_and_restore_status(client: Client, provoked: IncusWarning) -> None:
    uuid = provoked.uuid
    await client.server.warnings.acknowledge(uuid)
    assert (await client.server.warnings.get(uuid)).status == "acknowledged"
    assert cli_warnings()[uuid]["status"] == "acknowledged"
    assert uuid not in cli_warnings(all_=False)  # the CLI hides acknowledged warnings

    await client.server.warnings.update(uuid, {"status": "new"})
    assert (await client.server.warnings.get(uuid)).status == "new"
    assert cli_warnings(all_=False)[uuid]["status"] == "new"

    await client.server.warnings.replace(uuid, {"status": "acknowledged"})
    assert cli_warnings()[uuid]["status"] == "acknowledged"
    await client.server.warnings.patch(uuid, {"status": "new"})
    assert cli_warnings()[uuid]["status"] == "new"

    # The bound object's verbs.
    await provoked.acknowledge()
    assert cli_warnings()[uuid]["status"] == "acknowledged" and provoked.status == "acknowledged"
    await provoked.update({"status": "new"})
    assert cli_warnings()[uuid]["status"] == "new"
    provoked.status = "acknowledged"
    await provoked.replace()
    assert cli_warnings()[uuid]["status"] == "acknowledged"
    await provoked.patch({"status": "new"})
    assert cli_warnings()[uuid]["status"] == "new"


async def test_writes_by_uuid_whatever_the_project(client: Client, provoked: IncusWarning, project: Client) -> None:
    # The warning is the default project's; a client scoped elsewhere does not
    # list it, but reaches it by UUID, and lists it with all_projects.
    uuid = provoked.uuid
    assert uuid not in await project.server.warnings.names()
    assert uuid in {w.uuid for w in await project.server.warnings.list(all_projects=True)}
    await project.server.warnings.acknowledge(uuid)
    assert cli_warnings()[uuid]["status"] == "acknowledged"
    await project.server.warnings.update(uuid, {"status": "new"})
    assert cli_warnings()[uuid]["status"] == "new"


async def test_deprecated_status_forms_warn_and_work(client: Client, provoked: IncusWarning) -> None:
    uuid = provoked.uuid
    with pytest.deprecated_call(match=r"update\(uuid, \{'status'"):
        await client.server.warnings.update(uuid, "acknowledged")
    assert cli_warnings()[uuid]["status"] == "acknowledged"
    with pytest.deprecated_call(match=r"replace\(uuid, \{'status'"):
        await client.server.warnings.replace(uuid, "new")
    assert cli_warnings()[uuid]["status"] == "new"
    with pytest.deprecated_call(match=r"warning\.update\("):
        await provoked.set_status("acknowledged")
    assert cli_warnings()[uuid]["status"] == "acknowledged" and provoked.status == "acknowledged"


async def test_invalid_status_changes_nothing(client: Client, provoked: IncusWarning) -> None:
    uuid = provoked.uuid
    with pytest.raises(IncusBadRequestError):
        await client.server.warnings.update(uuid, {"status": "bogus"})
    with pytest.raises(IncusPermissionError):
        await client.server.warnings.update(uuid, {"status": "resolved"})  # the server's to set
    with pytest.raises(ValueError, match="writable fields"):
        await client.server.warnings.update(uuid, {"severity": "high"})
    assert (await client.server.warnings.get(uuid)).status == "new"
    assert cli_warnings()[uuid]["status"] == "new"


async def test_delete(client: Client, provoked: IncusWarning) -> None:
    uuid = provoked.uuid
    await client.server.warnings.delete(uuid)
    with pytest.raises(IncusNotFoundError):
        await client.server.warnings.get(uuid)
    assert uuid not in cli_warnings()
    assert uuid not in {w.uuid for w in await client.server.warnings.list()}


async def test_delete_via_model(client: Client, provoked: IncusWarning) -> None:
    await provoked.delete()
    assert provoked.uuid not in cli_warnings()


async def test_unknown_uuid(client: Client) -> None:
    unknown = "00000000-0000-0000-0000-000000000000"
    with pytest.raises(IncusNotFoundError):
        await client.server.warnings.get(unknown)
    with pytest.raises(IncusNotFoundError):
        await client.server.warnings.acknowledge(unknown)
    with pytest.raises(IncusNotFoundError):
        await client.server.warnings.delete(unknown)


async def test_daemon_startup_warnings_are_readable(client: Client) -> None:
    # The daemon raises some at start here (no AppArmor, no vhost_vsock...).
    cli = cli_warnings()
    listed = {w.uuid: w for w in await client.server.warnings.list()}
    assert set(cli) <= set(listed) | {u for u in cli if u not in listed and cli[u]["type"] == WARNING_TYPE}
    for uuid in list(cli)[:3]:
        if uuid in listed:
            got = await client.server.warnings.get(uuid)
            assert (got.type, got.last_message) == (cli[uuid]["type"], cli[uuid]["last_message"])
