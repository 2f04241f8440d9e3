"""A member whose daemon dies is seen OFFLINE, and ONLINE again once restarted."""

from __future__ import annotations

import os
import signal

from incus_sdk import Client

from .conftest import eventually, inc_json, script

# The offline threshold has a floor: it must be more than 10 seconds.
THRESHOLD = "11"


async def _status(client: Client, name: str) -> str:
    return (await client.cluster.members.get(name)).status


async def test_killed_member_goes_offline_and_comes_back(cluster: Client) -> None:
    before = (await cluster.api.get("/1.0")).metadata["config"].get("cluster.offline_threshold")
    await cluster.api.patch("/1.0", {"config": {"cluster.offline_threshold": THRESHOLD}})
    try:
        pid = int(script("pid", "m3").strip())
        os.kill(pid, signal.SIGKILL)

        async def offline() -> bool:
            return await _status(cluster, "m3") == "Offline"

        await eventually(offline, 45, "m3 to be seen Offline")
        assert {m["server_name"]: m["status"] for m in inc_json("m1", "cluster", "list")}["m3"] == "Offline"
        assert (await cluster.cluster.members.get("m3")).message

        script("start", "m3")

        async def online() -> bool:
            return await _status(cluster, "m3") == "Online"

        await eventually(online, 45, "m3 to be seen Online again")
        assert {m["server_name"]: m["status"] for m in inc_json("m1", "cluster", "list")}["m3"] == "Online"
    finally:
        config = dict((await cluster.api.get("/1.0")).metadata["config"])
        if before is None:
            config.pop("cluster.offline_threshold", None)
        else:
            config["cluster.offline_threshold"] = before
        await cluster.api.put("/1.0", {"config": config})
        script("start", "m3")
