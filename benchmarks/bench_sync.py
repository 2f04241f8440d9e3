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
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable

ROUNDS = 5
WARM = 50
WORK = ("envelope", "project", "instance")

PYLXD = """
import sys, time
import pylxd

n, socket, project, instance, work = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
client = pylxd.Client(endpoint=socket, project=project)
call = {
    "envelope": lambda: client.api.projects["default"].get().json(),
    "project": lambda: client.projects.get("default"),
    "instance": lambda: client.instances.get(instance),
}[work]
for _ in range(50):
    call()
start = time.perf_counter()
for _ in range(n):
    call()
print((time.perf_counter() - start) / n)
"""


def timed(n: int, call: Callable[[], object]) -> float:
    start = time.perf_counter()
    for _ in range(n):
        call()
    return (time.perf_counter() - start) / n


async def atimed(n: int, call: Callable[[], Awaitable[object]]) -> float:
    start = time.perf_counter()
    for _ in range(n):
        await call()
    return (time.perf_counter() - start) / n


def main() -> None:
    args = sys.argv[1:]
    pylxd_python = None
    if "--pylxd" in args:
        at = args.index("--pylxd")
        pylxd_python = args[at + 1]
        del args[at : at + 2]
    n = int(args[0]) if args else 1000

    from incus_sdk import Client as AsyncClient
    from incus_sdk._transport import discover_socket
    from incus_sdk.sync import Client

    socket = discover_socket()
    project, instance = f"bench-sync-{uuid.uuid4().hex[:6]}", "c1"
    clients = ["async", "sync", *(["pylxd"] if pylxd_python else [])]
    rounds: dict[str, dict[str, list[float]]] = {c: {w: [] for w in WORK} for c in clients}
    loop = asyncio.new_event_loop()
    with Client() as setup:
        setup.projects.create(project, config={"features.images": "false", "features.profiles": "false"})
        scoped = setup.with_project(project)
        aclient = AsyncClient(project=project)
        try:
            scoped.instances.create(instance, source={"type": "image", "alias": "sdk-busybox"}, wait=True)
            with Client(project=project) as client:
                sync_calls = {
                    "envelope": lambda: client.api.get("/1.0/projects/default"),
                    "project": lambda: client.projects.get("default"),
                    "instance": lambda: client.instances.get(instance),
                }
                async_calls: dict[str, Callable[[], Awaitable[object]]] = {
                    "envelope": lambda: aclient.api.get("/1.0/projects/default"),
                    "project": lambda: aclient.projects.get("default"),
                    "instance": lambda: aclient.instances.get(instance),
                }
                for work in WORK:
                    loop.run_until_complete(atimed(WARM, async_calls[work]))
                    timed(WARM, sync_calls[work])
                # Rounds interleaved, so that the load of a shared machine
                # weighs on every client alike.
                for _ in range(ROUNDS):
                    for work in WORK:
                        rounds["async"][work].append(loop.run_until_complete(atimed(n, async_calls[work])))
                        rounds["sync"][work].append(timed(n, sync_calls[work]))
                        if pylxd_python:
                            out = subprocess.run(
                                [pylxd_python, "-c", PYLXD, str(n), socket, project, instance, work],
                                capture_output=True,
                                text=True,
                                check=True,
                            )
                            rounds["pylxd"][work].append(float(out.stdout))
        finally:
            loop.run_until_complete(aclient.disconnect())
            loop.close()
            if scoped.instances.exists(instance):
                scoped.instances.delete(instance)
            setup.projects.delete(project)

    median = {c: {w: statistics.median(rounds[c][w]) for w in WORK} for c in clients}
    print(f"{n} sequential calls x {ROUNDS} interleaved rounds, median time per call (us):")
    head = f"  {'work':<10}" + "".join(f"{c:>10}" for c in clients) + "   sync/async"
    print(head + ("  pylxd/sync" if pylxd_python else ""))
    for work in WORK:
        row = f"  {work:<10}" + "".join(f"{median[c][work] * 1e6:10.0f}" for c in clients)
        row += f"   {median['sync'][work] / median['async'][work]:9.2f}x"
        if pylxd_python:
            row += f"  {median['pylxd'][work] / median['sync'][work]:9.2f}x"
        print(row)


if __name__ == "__main__":
    main()
