"""The sync client's cost per call next to the async client's, and next to pylxd's on the same work.

    .venv/bin/python benchmarks/bench_sync.py [N] [--pylxd PYTHON]

Runs N sequential calls of each kind, 5 rounds, and prints the median time
per call:

* ``GET /1.0/projects/default`` decoded to the envelope (``client.api.get``),
* the same as a typed model (``client.projects.get("default")``),
* ``GET /1.0/instances/NAME`` as a model (``client.instances.get``), for an
  instance made for the run and deleted after it,

through the async client, the sync client, and pylxd (its
``client.api.projects["default"].get()``, ``client.projects.get`` and
``client.instances.get``) when ``--pylxd`` names a Python that has it.
pylxd is never a dependency of incus_sdk: install it in a throwaway venv
(``python3 -m venv /tmp/pylxd && /tmp/pylxd/bin/pip install pylxd==2.4.2``).
The pylxd rounds run in that Python, in a child process, on the same socket.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable

ROUNDS = 5
WARM = 50

PYLXD = """
import json, statistics, sys, time
import pylxd

n, socket, instance = int(sys.argv[1]), sys.argv[2], sys.argv[3]
client = pylxd.Client(endpoint=socket)
work = {
    "envelope": lambda: client.api.projects["default"].get().json(),
    "project": lambda: client.projects.get("default"),
    "instance": lambda: client.instances.get(instance),
}
out = {}
for name, call in work.items():
    for _ in range(50):
        call()
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            call()
        rounds.append((time.perf_counter() - start) / n)
    out[name] = statistics.median(rounds)
print(json.dumps(out))
"""


def sync_round(n: int, call: Callable[[], object]) -> float:
    for _ in range(WARM):
        call()
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(n):
            call()
        rounds.append((time.perf_counter() - start) / n)
    return statistics.median(rounds)


async def async_round(n: int, call: Callable[[], Awaitable[object]]) -> float:
    for _ in range(WARM):
        await call()
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(n):
            await call()
        rounds.append((time.perf_counter() - start) / n)
    return statistics.median(rounds)


async def measure_async(n: int, project: str, instance: str) -> dict[str, float]:
    from incus_sdk import Client

    async with Client(project=project) as client:
        return {
            "envelope": await async_round(n, lambda: client.api.get("/1.0/projects/default")),
            "project": await async_round(n, lambda: client.projects.get("default")),
            "instance": await async_round(n, lambda: client.instances.get(instance)),
        }


def measure_sync(n: int, project: str, instance: str) -> dict[str, float]:
    from incus_sdk.sync import Client

    with Client(project=project) as client:
        return {
            "envelope": sync_round(n, lambda: client.api.get("/1.0/projects/default")),
            "project": sync_round(n, lambda: client.projects.get("default")),
            "instance": sync_round(n, lambda: client.instances.get(instance)),
        }


def measure_pylxd(python: str, n: int, socket: str, project: str, instance: str) -> dict[str, float]:
    # pylxd's client has a project of its own: scope it through the endpoint's default instead.
    code = PYLXD.replace("pylxd.Client(endpoint=socket)", f"pylxd.Client(endpoint=socket, project={project!r})")
    out = subprocess.run([python, "-c", code, str(n), socket, instance], capture_output=True, text=True, check=True)
    return {key: float(value) for key, value in json.loads(out.stdout).items()}


def main() -> None:
    args = sys.argv[1:]
    pylxd_python = None
    if "--pylxd" in args:
        at = args.index("--pylxd")
        pylxd_python = args[at + 1]
        del args[at : at + 2]
    n = int(args[0]) if args else 1000

    from incus_sdk._transport import discover_socket
    from incus_sdk.sync import Client

    socket = discover_socket()
    project, instance = f"bench-sync-{uuid.uuid4().hex[:6]}", "c1"
    with Client() as client:
        client.projects.create(project, config={"features.images": "false", "features.profiles": "false"})
        scoped = client.with_project(project)
        try:
            scoped.instances.create(instance, source={"type": "image", "alias": "sdk-busybox"}, wait=True)
            results = {"async": asyncio.run(measure_async(n, project, instance))}
            results["sync"] = measure_sync(n, project, instance)
            if pylxd_python:
                results["pylxd"] = measure_pylxd(pylxd_python, n, socket, project, instance)
        finally:
            if scoped.instances.exists(instance):
                scoped.instances.delete(instance)
            client.projects.delete(project)

    print(f"{n} sequential calls x {ROUNDS} rounds, median time per call (us):")
    clients = list(results)
    print(
        f"  {'work':<10}"
        + "".join(f"{c:>10}" for c in clients)
        + "   sync/async"
        + ("  pylxd/sync" * bool(pylxd_python))
    )
    for work in results["async"]:
        row = f"  {work:<10}" + "".join(f"{results[c][work] * 1e6:10.0f}" for c in clients)
        row += f"   {results['sync'][work] / results['async'][work]:9.2f}x"
        if pylxd_python:
            row += f"  {results['pylxd'][work] / results['sync'][work]:9.2f}x"
        print(row)


if __name__ == "__main__":
    main()
