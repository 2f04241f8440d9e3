"""Where a container lifecycle's client CPU goes, one SDK layer at a time, beside raw aiohttp.

    .venv/bin/python benchmarks/bench_layers.py [ROUNDS]

Each variant does the same 10 create/start/stop/delete lifecycles (40
requests that start an operation, each waited for) in a process of its own,
the variants alternated, ``ROUNDS`` times (default 5); the figures are the
client's CPU (``time.process_time``: the daemon's work is not in it),
medians over the rounds. Variants, from the bottom up:

* ``raw``: aiohttp alone, ``json.loads``, a ``/wait`` long-poll per operation
  (``workloads.Raw``, the raw side of ``run_all.py``);
* ``session``: the SDK's transport and envelope decoding
  (``Session.send``), the same requests as raw, ``/wait`` sent by hand;
* ``session+handles``: the same, plus building the :class:`~incus_sdk.Response`
  and :class:`~incus_sdk.Operation` of each reply (not used for the wait):
  what building them costs in the flow of requests;
* ``api``: ``instances.create`` / ``start`` / ``stop`` / ``delete``, the
  public API (what ``run_all.py`` measures).

The ``session+handles`` process also times building the same handles in a
tight loop (caches warm), to compare with what they cost between requests,
when the daemon has run in between.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
import timeit
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from workloads import Raw, sdk_lifecycle  # noqa: E402

VARIANTS = ["raw", "session", "session+handles", "api"]
IMAGE = "sdk-busybox"
SOCKET = os.environ.get("INCUS_SOCKET", "/var/lib/incus/unix.socket")
LIFECYCLES = 10


async def lifecycles(variant: str, project: str) -> dict[str, Any]:
    """Run the variant's lifecycles (one warm-up, then 10); return its CPU time and, for handles, their hot cost."""
    from incus_sdk import Client
    from incus_sdk._session import UNSET

    report: dict[str, Any] = {}
    raw = Raw({"socket": SOCKET, "project": project}) if variant == "raw" else None
    client = await Client(SOCKET, project=project).__aenter__() if raw is None else None
    core = client._core if client is not None else None
    last: list[tuple[Any, str, str]] = []  # an async reply, for timing its handles after the run

    def handles(reply: Any, method: str, path: str) -> Any:
        # What Core.request does with a reply it has received.
        return core._response(reply, method, path, 0.0, {})

    async def call(method: str, path: str, body: Any = None) -> None:
        reply = await core.send(method, path, json=UNSET if body is None else body)
        if reply.envelope.get("type") != "async":
            return
        if variant == "session+handles":
            handles(reply, method, path)
            last[:] = [(reply, method, path)]
        op_id = reply.envelope["metadata"]["id"]
        done = await core.send("GET", f"/1.0/operations/{op_id}/wait", params={"timeout": 120}, check=False)
        assert done.envelope["metadata"]["status"] == "Success", done.envelope

    async def one(name: str) -> None:
        if raw is not None:
            await raw.lifecycle(name, IMAGE)
        elif variant == "api":
            await sdk_lifecycle(client, name, IMAGE)
        else:
            await call("POST", "/1.0/instances", {"name": name, "source": {"type": "image", "alias": IMAGE}})
            await call("PUT", f"/1.0/instances/{name}/state", {"action": "start"})
            await call("PUT", f"/1.0/instances/{name}/state", {"action": "stop", "force": True})
            await call("DELETE", f"/1.0/instances/{name}")

    try:
        await one(f"w{uuid.uuid4().hex[:8]}")
        cpu = time.process_time()
        for _ in range(LIFECYCLES):
            await one(f"l{uuid.uuid4().hex[:8]}")
        report["cpu"] = time.process_time() - cpu
        if last:
            report["handles_hot"] = timeit.timeit(lambda: handles(*last[0]), number=2000) / 2000
    finally:
        if raw is not None:
            await raw.close()
        if client is not None:
            await client.__aexit__(None, None, None)
    return report


async def make_project(name: str, create: bool) -> None:
    from incus_sdk import Client

    async with Client(SOCKET) as client:
        if create:
            await client.projects.create(name, config={"features.images": "false", "features.profiles": "false"})
            return
        scoped = client.with_project(name)
        names = await scoped.instances.names()
        await asyncio.gather(
            *(scoped.instances.delete(n, force=True, wait=True) for n in names), return_exceptions=True
        )
        await client.projects.delete(name)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(json.dumps(asyncio.run(lifecycles(sys.argv[2], sys.argv[3]))))
        return
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    project = f"layers-{uuid.uuid4().hex[:6]}"
    asyncio.run(make_project(project, create=True))
    results: dict[str, list[dict[str, Any]]] = {variant: [] for variant in VARIANTS}
    try:
        for round_ in range(rounds):
            order = VARIANTS if round_ % 2 == 0 else VARIANTS[::-1]
            for variant in order:
                out = subprocess.run(
                    [sys.executable, __file__, "--one", variant, project], check=True, capture_output=True, text=True
                ).stdout
                results[variant].append(json.loads(out.strip().splitlines()[-1]))
            print(f"round {round_ + 1} of {rounds}", flush=True)
    finally:
        asyncio.run(make_project(project, create=False))
    raw = statistics.median(r["cpu"] for r in results["raw"])
    operations = LIFECYCLES * 4
    print(f"\n{LIFECYCLES} lifecycles ({operations} operations), client CPU, medians of {rounds} rounds:\n")
    print("| variant | CPU | vs raw | per operation over raw |")
    print("|---|---|---|---|")
    for variant in VARIANTS:
        cpu = statistics.median(r["cpu"] for r in results[variant])
        print(f"| {variant} | {cpu * 1000:.1f} ms | {cpu / raw:.2f}x | {(cpu - raw) / operations * 1e6:+.0f} µs |")
    session = statistics.median(r["cpu"] for r in results["session"])
    with_handles = statistics.median(r["cpu"] for r in results["session+handles"])
    hot = statistics.median(r["handles_hot"] for r in results["session+handles"])
    print(
        f"\nBuilding a reply's Response and Operation: {hot * 1e6:.1f} µs in a tight loop,"
        f" {(with_handles - session) / operations * 1e6:.0f} µs between requests (session+handles - session)."
    )


if __name__ == "__main__":
    main()
