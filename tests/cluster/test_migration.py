"""Copies and moves between two separate servers (the cluster and standalone s1).

The SDK talks to both daemons over their unix sockets; the daemons reach
each other over HTTPS inside the namespace network (pull / push), or the SDK
relays the migration websockets between them (relay).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

from incus_sdk import Client, Operation, api_path
from incus_sdk.exceptions import IncusAPIError, IncusConflictError, IncusNotFoundError, IncusOperationError
from incus_sdk.migration import (
    MigrationOperation,
    copy_image,
    copy_instance,
    copy_volume,
    move_instance,
    move_volume,
)

from .conftest import BASE, IMAGE, POOL, eventually, inc, inc_json, inc_query, wait_op

MODES = ["pull", "push", "relay"]


async def _prepared(cluster: Client, launch: Any, name: str, marker: str, member: str = "m2") -> None:
    """A stopped container on ``member`` with a marker file and a user key."""
    await launch(cluster, name, target=member)
    inc("m1", "exec", name, "--", "sh", "-c", f"echo {marker} > /root/marker")
    await wait_op(await cluster.api.patch(api_path("instances", name), {"config": {"user.origin": "cluster"}}))
    await wait_op(await cluster.api.put(api_path("instances", name, "state"), {"action": "stop", "force": True}))


@pytest.mark.parametrize("mode", MODES)
async def test_copy_instance_between_servers_and_boot(
    cluster: Client, standalone: Client, unique: Callable[[str], str], launch: Any, track: Any, mode: str
) -> None:
    name, copy, marker = unique("mi"), unique("mc"), unique("marker")
    await _prepared(cluster, launch, name, marker)
    track(standalone, "instance", copy)
    result = await copy_instance(cluster, standalone, name, target_name=copy, mode=mode)
    # One handle type: an Operation whose state is the target side's, both sides waited for.
    assert isinstance(result, Operation) and isinstance(result, MigrationOperation) and result.done
    assert result.target is not None and result.target.status == "Success"
    assert result.source is not None and result.source.status == "Success"
    assert (result.id, result.status, result.mode) == (result.target.id, "Success", mode)

    got = (await standalone.api.get(api_path("instances", copy))).metadata
    assert got["config"]["user.origin"] == "cluster"
    source_uuid = (await cluster.api.get(api_path("instances", name))).metadata["config"]["volatile.uuid"]
    assert got["config"].get("volatile.uuid") != source_uuid
    await wait_op(await standalone.api.put(api_path("instances", copy, "state"), {"action": "start"}))
    assert inc_query("s1", f"/1.0/instances/{copy}/state")["status"] == "Running"
    assert inc("s1", "exec", copy, "--", "cat", "/root/marker").strip() == marker
    # The source is untouched.
    src = (await cluster.api.get(api_path("instances", name))).metadata
    assert (src["location"], src["status"]) == ("m2", "Stopped")


async def test_copy_back_into_a_chosen_member(
    cluster: Client, standalone: Client, unique: Callable[[str], str], launch: Any, track: Any
) -> None:
    name, on_s1, back, marker = unique("mi"), unique("ms"), unique("mb"), unique("marker")
    await _prepared(cluster, launch, name, marker)
    track(standalone, "instance", on_s1)
    await copy_instance(cluster, standalone, name, target_name=on_s1)
    track(cluster, "instance", back)
    # The target client's target picks the member the copy lands on.
    await copy_instance(standalone, cluster.with_target("m3"), on_s1, target_name=back, mode="push")
    got = (await cluster.api.get(api_path("instances", back))).metadata
    assert got["location"] == "m3"
    await wait_op(await cluster.api.put(api_path("instances", back, "state"), {"action": "start"}))
    assert inc("m1", "exec", back, "--", "cat", "/root/marker").strip() == marker


async def test_move_instance_between_servers(
    cluster: Client, standalone: Client, unique: Callable[[str], str], launch: Any, track: Any
) -> None:
    name, marker = unique("mv"), unique("marker")
    await launch(cluster, name, target="m3")
    # Running: refused before anything is sent (live migration needs CRIU).
    with pytest.raises(IncusConflictError, match="stop it"):
        await move_instance(cluster, standalone, name)
    assert name not in inc("s1", "list", "--format", "csv", "-c", "n")
    inc("m1", "exec", name, "--", "sh", "-c", f"echo {marker} > /root/marker")
    await wait_op(await cluster.api.put(api_path("instances", name, "state"), {"action": "stop", "force": True}))

    track(standalone, "instance", name)
    await move_instance(cluster, standalone, name, mode="relay")
    with pytest.raises(IncusNotFoundError):
        await cluster.api.get(api_path("instances", name))
    assert name not in inc("m1", "list", "--format", "csv", "-c", "n")
    await wait_op(await standalone.api.put(api_path("instances", name, "state"), {"action": "start"}))
    assert inc("s1", "exec", name, "--", "cat", "/root/marker").strip() == marker


async def test_failed_copy_changes_nothing(
    cluster: Client, standalone: Client, unique: Callable[[str], str], launch: Any, track: Any
) -> None:
    name, taken = unique("mf"), unique("mt")
    await _prepared(cluster, launch, name, "x")
    track(standalone, "instance", taken)
    await copy_instance(cluster, standalone, name, target_name=taken)
    await wait_op(await standalone.api.patch(api_path("instances", taken), {"config": {"user.mine": "yes"}}))
    for mode in MODES:
        with pytest.raises((IncusAPIError, IncusOperationError)):
            await copy_instance(cluster, standalone, name, target_name=taken, mode=mode)
        assert inc_query("s1", f"/1.0/instances/{taken}")["config"]["user.mine"] == "yes"
        src = (await cluster.api.get(api_path("instances", name))).metadata
        assert (src["location"], src["status"]) == ("m2", "Stopped")

    # No migration operation is left running on either side (a cancelled one
    # may take a moment to wind down).
    async def settled() -> bool:
        for daemon in ("m1", "s1"):
            running = inc_query(daemon, "/1.0/operations?recursion=1").get("running") or []
            if [op for op in running if op["description"] in ("Migrating instance", "Creating instance")]:
                return False
        return True

    await eventually(settled, 20, "the failed copies' operations to end", interval=0.5)
    with pytest.raises(IncusNotFoundError):
        await copy_instance(cluster, standalone, unique("absent"))
    with pytest.raises(ValueError):
        await copy_instance(cluster, standalone, name, mode="teleport")


def _volume_dir(daemon: str, volume: str) -> Path:
    # The dir driver keeps a custom volume as a plain directory.
    return BASE / daemon / "storage-pools" / POOL / "custom" / f"default_{volume}"


@pytest.mark.parametrize("mode", MODES)
async def test_copy_volume_between_servers(
    cluster: Client, standalone: Client, unique: Callable[[str], str], launch: Any, track: Any, mode: str
) -> None:
    vol, copy, user, marker = unique("vol"), unique("vc"), unique("vu"), unique("marker")
    on_m2 = cluster.with_target("m2")
    track(on_m2, "volume", vol)
    await on_m2.api.post(
        api_path("storage-pools", POOL, "volumes", "custom"),
        {"name": vol, "description": "sdk volume", "config": {"user.k": "v"}},
    )
    # Put content in it through a container that mounts it.
    await launch(
        cluster, user, target="m2", devices={"data": {"type": "disk", "pool": POOL, "source": vol, "path": "/data"}}
    )
    inc("m1", "exec", user, "--", "sh", "-c", f"echo {marker} > /data/marker")
    await wait_op(await cluster.api.put(api_path("instances", user, "state"), {"action": "stop", "force": True}))

    track(standalone, "volume", copy)
    result = await copy_volume(on_m2, standalone, POOL, vol, target_name=copy, mode=mode)
    assert result.done
    got = (await standalone.api.get(api_path("storage-pools", POOL, "volumes", "custom", copy))).metadata
    assert got["description"] == "sdk volume" and got["config"]["user.k"] == "v"
    assert copy in [v["name"] for v in inc_json("s1", "storage", "volume", "list", POOL)]
    assert (_volume_dir("s1", copy) / "marker").read_text().strip() == marker
    assert (_volume_dir("m2", vol) / "marker").read_text().strip() == marker


async def test_move_volume_between_servers(
    cluster: Client, standalone: Client, unique: Callable[[str], str], track: Any
) -> None:
    vol = unique("vm")
    on_m3 = cluster.with_target("m3")
    track(on_m3, "volume", vol)
    track(standalone, "volume", vol)
    await on_m3.api.post(api_path("storage-pools", POOL, "volumes", "custom"), {"name": vol})
    (_volume_dir("m3", vol) / "hello").write_text("moved\n")
    op = await move_volume(on_m3, standalone, POOL, vol, mode="push", wait=False)
    # Accepted, not finished: the source is deleted by the wait, once both sides succeeded.
    assert isinstance(op, Operation) and not op.done
    await on_m3.api.get(api_path("storage-pools", POOL, "volumes", "custom", vol))
    assert await op is op and op.done
    with pytest.raises(IncusNotFoundError):
        await on_m3.api.get(api_path("storage-pools", POOL, "volumes", "custom", vol))
    assert (_volume_dir("s1", vol) / "hello").read_text() == "moved\n"
    with pytest.raises(IncusNotFoundError):
        await copy_volume(on_m3, standalone, POOL, vol)


@pytest.mark.parametrize("mode", MODES)
async def test_copy_image_between_servers(
    cluster: Client, standalone: Client, unique: Callable[[str], str], track: Any, launch: Any, mode: str
) -> None:
    source = (await cluster.api.get(api_path("images", "aliases", IMAGE))).metadata["target"]
    alias = unique("img")
    track(standalone, "image", source)
    result = await copy_image(cluster, standalone, source[:12], aliases=[alias], mode=mode)
    assert result.done
    got = (await standalone.api.get(api_path("images", source))).metadata
    assert got["fingerprint"] == source
    assert inc_query("s1", f"/1.0/images/aliases/{alias}")["target"] == source
    assert [a["name"] for a in (await standalone.api.get(api_path("images", source))).metadata["aliases"]] == [alias]
    assert got["properties"]["os"] == "busybox"
    # It boots there.
    name = unique("mimg")
    track(standalone, "instance", name)
    await wait_op(
        await standalone.api.post(api_path("instances"), {"name": name, "source": {"type": "image", "alias": alias}})
    )
    await wait_op(await standalone.api.put(api_path("instances", name, "state"), {"action": "start"}))
    assert inc_query("s1", f"/1.0/instances/{name}/state")["status"] == "Running"
    # No secret or token operation is left behind on either side.
    for daemon in ("m1", "s1"):
        running = inc_query(daemon, "/1.0/operations?recursion=1").get("running") or []
        assert not [op for op in running if op.get("class") == "token" and "serverName" not in op.get("metadata", {})]


async def test_copy_image_bad_input(cluster: Client, standalone: Client) -> None:
    with pytest.raises(IncusNotFoundError):
        await copy_image(cluster, standalone, "0" * 64)
    with pytest.raises(ValueError):
        await copy_image(cluster, standalone, IMAGE, mode="teleport")


async def test_relay_split_image(
    cluster: Client, standalone: Client, unique: Callable[[str], str], track: Any, tmp_path: Path
) -> None:
    import os
    import subprocess

    out = subprocess.run(
        [str(Path(__file__).resolve().parents[2] / "scripts" / "build-test-image"), "split"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BUILD_DIR": str(tmp_path)},
    ).stdout.split()
    alias = unique("split")
    inc("m1", "image", "import", *out, "--alias", alias)
    fingerprint = inc_query("m1", f"/1.0/images/aliases/{alias}")["target"]
    track(cluster, "image", fingerprint)
    track(standalone, "image", fingerprint)
    await copy_image(cluster, standalone, fingerprint, copy_aliases=True, mode="relay")
    got = inc_query("s1", f"/1.0/images/{fingerprint}")
    assert got["fingerprint"] == fingerprint and [a["name"] for a in got["aliases"]] == [alias]
    name = unique("msplit")
    track(standalone, "instance", name)
    await wait_op(
        await standalone.api.post(api_path("instances"), {"name": name, "source": {"type": "image", "alias": alias}})
    )
    await wait_op(await standalone.api.put(api_path("instances", name, "state"), {"action": "start"}))
    assert inc_query("s1", f"/1.0/instances/{name}/state")["status"] == "Running"


async def test_a_copy_between_servers_with_the_sync_client(
    cluster: Client, standalone: Client, unique: Callable[[str], str], launch: Any, track: Any
) -> None:
    # Two sync clients of two servers in one call: both connections live on the sync API's one loop.
    from incus_sdk.sync import Client as SyncClient
    from incus_sdk.sync import MigrationOperation as SyncMigrationOperation
    from incus_sdk.sync import migration

    name, copy, marker = unique("mi"), unique("mc"), unique("marker")
    await _prepared(cluster, launch, name, marker)
    track(standalone, "instance", copy)
    with (
        SyncClient(cluster.endpoint, project=cluster.project) as source,
        SyncClient(standalone.endpoint, project=standalone.project) as target,
    ):
        result = migration.copy_instance(source, target, name, target_name=copy, mode="pull")
        assert isinstance(result, SyncMigrationOperation) and result.done and result.status == "Success"
        assert target.instances.get(copy).config["user.origin"] == "cluster"
    assert inc_query("s1", f"/1.0/instances/{copy}")["name"] == copy
