"""The benchmark workloads done with pylxd 2.4 (the closest Python peer), where it can do them.

Run by ``benchmarks/run_all.py`` with the interpreter of a separate venv
holding pylxd (``.bench/pylxd-venv``; pylxd is never a dependency of the
SDK)::

    .bench/pylxd-venv/bin/python benchmarks/pylxd_workloads.py CASE CONTEXT_JSON

Same output as ``workloads.py``. pylxd is synchronous: the concurrent case
uses a thread pool.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pylxd


def connect(ctx: dict[str, Any], socket: str | None = None, project: str | None = None) -> Any:
    return pylxd.Client(endpoint=socket or ctx["socket"], project=project or ctx["project"])


def case_get500(ctx: dict[str, Any]) -> Callable[[], Any]:
    client = connect(ctx)

    def run() -> None:
        for _ in range(500):
            client.instances.get(ctx["instance"])

    return run


def case_concurrent200(ctx: dict[str, Any]) -> Callable[[], Any]:
    client = connect(ctx)
    pool = ThreadPoolExecutor(16)

    def run() -> None:
        list(pool.map(lambda _: client.instances.get(ctx["instance"]), range(200)))

    return run


def _list_full(ctx: dict[str, Any], socket: str, count: int) -> Callable[[], Any]:
    client = connect(ctx, socket, ctx["list_project"])

    def run() -> None:
        assert len(client.instances.all(recursion=2)) == count

    return run


def case_list200(ctx: dict[str, Any]) -> Callable[[], Any]:
    return _list_full(ctx, ctx["socket"], ctx["list_count"])


def case_list2000(ctx: dict[str, Any]) -> Callable[[], Any]:
    return _list_full(ctx, ctx["replay_socket"], ctx["replay_count"])


def case_lifecycle10(ctx: dict[str, Any]) -> Callable[[], Any]:
    client = connect(ctx)

    def run() -> None:
        for _ in range(10):
            name = f"bp-{uuid.uuid4().hex[:8]}"
            instance = client.instances.create(
                {"name": name, "source": {"type": "image", "alias": ctx["image"]}}, wait=True
            )
            instance.start(wait=True)
            instance.stop(force=True, wait=True)
            instance.delete(wait=True)

    return run


def case_exec50(ctx: dict[str, Any]) -> Callable[[], Any]:
    instance = connect(ctx).instances.get(ctx["instance"])

    def run() -> None:
        for _ in range(50):
            assert instance.execute(["echo", "hi"]).stdout == "hi\n"

    return run


def case_files64(ctx: dict[str, Any]) -> Callable[[], Any]:
    instance = connect(ctx).instances.get(ctx["instance"])
    local = os.path.join(ctx["tmp"], "data-64.bin")

    def run() -> None:
        with open(local, "rb") as data:
            instance.files.put("/root/bench-pylxd.bin", data.read())
        assert len(instance.files.get("/root/bench-pylxd.bin")) == 64 << 20

    return run


CASES = {name.removeprefix("case_"): fn for name, fn in globals().items() if name.startswith("case_")}


def main() -> None:
    case, ctx_json = sys.argv[1:3]
    ctx = json.loads(ctx_json)
    run = CASES[case](ctx)
    for _ in range(ctx.get("warmup", 1)):
        run()
    cpu, wall = [], []
    for _ in range(ctx.get("reps", 5)):
        c0, w0 = time.process_time(), time.perf_counter()
        run()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"cpu": cpu, "wall": wall, "extra": [], "rss_kib": rss}))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
