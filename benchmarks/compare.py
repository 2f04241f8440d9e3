"""One per-call case, SDK and raw aiohttp in interleaved rounds: the quick check between two changes.

    .venv/bin/python benchmarks/compare.py CASE [CASE...] [--rounds N] [--reps N] [--keep]

Cases are those of ``benchmarks/workloads.py`` that need no large files:
``get500``, ``concurrent200``, ``list200``, ``list2000`` (both against a
replay of the daemon's recorded listing: 20 stopped containers, repeated),
``lifecycle10``, ``exec50``. Each round runs the SDK's process and raw's
one after the other (alternating which goes first), so the machine's load
weighs on both alike; the figures are the medians over the rounds of each
process's median client CPU. The fixtures (two throwaway projects, a
running ``c1``, 20 stopped containers) are made at the start and removed
at the end (``--keep`` leaves them for the next run, with their context
in ``.bench/compare.json``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
SOCKET = os.environ.get("INCUS_SOCKET", "/var/lib/incus/unix.socket")
IMAGE = "sdk-busybox"
STATE = ROOT / ".bench" / "compare.json"
BASE_COUNT = 20

sys.path.insert(0, str(ROOT))


async def setup(tmp: Path) -> dict[str, Any]:
    from incus_sdk import Client

    tag = uuid.uuid4().hex[:6]
    work, listing = f"benchc-{tag}", f"benchcl-{tag}"
    ctx: dict[str, Any] = {"socket": SOCKET, "project": work, "list_project": listing, "instance": "c1"}
    ctx["image"] = IMAGE
    async with Client(SOCKET) as client:
        for project in (work, listing):
            await client.projects.create(project, config={"features.images": "false", "features.profiles": "false"})
        w, lst = client.with_project(work), client.with_project(listing)
        await w.instances.create("c1", source={"type": "image", "alias": IMAGE}, start=True, wait=True)
        await asyncio.gather(
            *(
                lst.instances.create(f"s{i:04d}", source={"type": "image", "alias": IMAGE}, wait=True)
                for i in range(BASE_COUNT)
            )
        )
        info = await client.api.get("/1.0")
        listed = await lst.api.get("/1.0/instances", params={"recursion": 2})
    for count in (200, 2000):
        items = [
            {**item, "name": f"{item['name']}-{k}"} for k in range(count // BASE_COUNT) for item in listed["metadata"]
        ]
        recording = {
            "GET /1.0": json.dumps(dict(info)),
            "GET /1.0/instances": json.dumps({**dict(listed), "metadata": items}),
        }
        (tmp / f"replay{count}.json").write_text(json.dumps(recording))
    return ctx


async def teardown(ctx: dict[str, Any]) -> None:
    from incus_sdk import Client

    async with Client(SOCKET) as client:
        for project in (ctx["project"], ctx["list_project"]):
            scoped = client.with_project(project)
            names = await scoped.instances.names()
            await asyncio.gather(*(scoped.instances.delete(n, force=True, wait=True) for n in names))
            await client.projects.delete(project)


def run(client: str, case: str, ctx: dict[str, Any]) -> float:
    argv = [sys.executable, str(HERE / "workloads.py"), client, case, json.dumps(ctx)]
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{client} {case} failed: {proc.stderr[-2000:]}")
    return statistics.median(json.loads(proc.stdout.strip().splitlines()[-1])["cpu"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="+")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    tmp = ROOT / ".bench"
    tmp.mkdir(exist_ok=True)
    ctx = json.loads(STATE.read_text()) if STATE.exists() else asyncio.run(setup(tmp))
    replays = []
    try:
        for count in (200, 2000):
            sock = tmp / f"replay{count}-{os.getpid()}.sock"
            replays.append(
                subprocess.Popen([sys.executable, str(HERE / "replay.py"), str(sock), str(tmp / f"replay{count}.json")])
            )
            ctx[f"replay{count}"] = str(sock)
            while not sock.exists():
                time.sleep(0.05)
        for label in args.cases:
            case = label
            overrides: dict[str, Any] = {"reps": args.reps, "warmup": 1}
            if case == "list200":
                case_ctx = {**ctx, **overrides, "replay_socket": ctx["replay200"], "replay_count": 200}
                case = "list2000"
            elif case == "list2000":
                case_ctx = {**ctx, **overrides, "replay_socket": ctx["replay2000"], "replay_count": 2000}
            else:
                case_ctx = {**ctx, **overrides}
            sdk, raw = [], []
            for i in range(args.rounds):
                order = ("sdk", "raw") if i % 2 == 0 else ("raw", "sdk")
                for client in order:
                    (sdk if client == "sdk" else raw).append(run(client, case, case_ctx))
            s, r = statistics.median(sdk), statistics.median(raw)
            rounds = " ".join(f"{a / b:.2f}" for a, b in zip(sdk, raw, strict=True))
            print(
                f"{label:<14} sdk {s * 1000:8.1f} ms  raw {r * 1000:8.1f} ms  ratio {s / r:.2f}x"
                f"  (rounds {args.rounds}; per-round ratios {rounds};"
                f" load {os.getloadavg()[0]:.1f})",
                flush=True,
            )
    finally:
        for proc in replays:
            proc.terminate()
            proc.wait()
        for count in (200, 2000):
            Path(ctx.pop(f"replay{count}")).unlink(missing_ok=True)
        if args.keep:
            STATE.write_text(json.dumps(ctx))
        else:
            STATE.unlink(missing_ok=True)
            for count in (200, 2000):
                (tmp / f"replay{count}.json").unlink(missing_ok=True)
            asyncio.run(teardown(ctx))


if __name__ == "__main__":
    main()
