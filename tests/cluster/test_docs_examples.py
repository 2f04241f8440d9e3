"""The cluster examples of docs/api/cluster.md and README.md, run against the test cluster.

Like tests/integration/test_docs_examples.py (whose ``NOT_RUN`` table lists
the cluster examples that do not run here either): only names are made
unique, and what an example creates is removed even if it fails.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from incus_sdk import Client

from ..docs_examples import example, run
from .conftest import IMAGE, inc_query, socket_of


async def test_groups_example(cluster: Client, unique: Callable[[str], str], track: Any) -> None:
    gpu, accel = unique("gpu"), unique("accel")
    track(cluster, "group", accel)
    track(cluster, "group", gpu)
    found = await run(
        example("docs/api/cluster.md", "cluster.groups.create"), {"gpu": gpu, "accel": accel}, client=cluster
    )
    assert found["group"].etag
    group = inc_query("m1", f"/1.0/cluster/groups/{accel}")
    assert (group["members"], group["description"]) == (["m2"], "GPU")
    assert inc_query("m1", "/1.0/cluster/members/m3")["groups"] == ["default"]


async def test_move_instance_example(cluster: Client, unique: Callable[[str], str], launch: Any) -> None:
    name = unique("c")
    await launch(cluster, name, target="m1", start=False)
    await run(example("docs/api/cluster.md", "cluster.move_instance"), {"c1": name}, client=cluster)
    assert inc_query("m1", f"/1.0/instances/{name}")["location"] == "m2"


async def test_evacuate_example(cluster: Client, unique: Callable[[str], str], launch: Any) -> None:
    name = unique("ev")
    await launch(cluster, name, target="m2")
    try:
        found = await run(example("docs/api/cluster.md", 'members.evacuate("m2")'), client=cluster)
        assert found["response"].operation.status == "Success"
        assert inc_query("m1", "/1.0/cluster/members/m2")["status"] == "Evacuated"
    finally:
        await cluster.cluster.members.restore("m2")
    assert inc_query("m1", "/1.0/cluster/members/m2")["status"] == "Online"
    assert inc_query("m1", f"/1.0/instances/{name}")["location"] == "m2"


async def test_readme_cluster_example(
    cluster: Client, unique: Callable[[str], str], track: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = unique("c")
    track(cluster, "instance", name)
    monkeypatch.setenv("INCUS_SOCKET", socket_of("m1").removeprefix("unix://"))  # Client(): the cluster's m1
    monkeypatch.delenv("INCUS_ENDPOINT", raising=False)
    found = await run(example("README.md", "client.cluster.members.list()"), {"c9": name, "bb": IMAGE})
    assert sorted(m.server_name for m in found["members"]) == ["m1", "m2", "m3"]
    assert inc_query("m1", f"/1.0/instances/{name}")["location"] == "m2"
