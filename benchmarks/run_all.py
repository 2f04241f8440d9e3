"""Run every benchmark and print the table of docs/benchmarks.md (``--write`` rewrites that page).

    .venv/bin/python benchmarks/run_all.py [--write] [--quick] [--no-pylxd]
    .venv/bin/python benchmarks/run_all.py --only transfers --rounds 3 --no-pylxd

``--only`` runs the cases named (and makes only the fixtures they need),
``--rounds`` repeats each case that many times, the SDK's process and
raw's alternately (which goes first alternates too), the figures being
medians over all the repetitions; ``--write`` needs every case, one round.

Each case is done by the SDK, by a minimal raw aiohttp client and, where it
can do the work, by pylxd 2.4 (installed in ``.bench/pylxd-venv`` from PyPI
when missing, for benchmarking only: it is no dependency of the SDK), each
in a process of its own, against the local daemon (one case against a
replay of its recorded replies). Everything is made in throwaway projects
and removed at the end. Figures are medians; on a shared machine single
runs vary by about ±20%, so the ratios of one run are what to read.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
PYLXD_VENV = ROOT / ".bench" / "pylxd-venv"
PYLXD_VERSION = "2.4.2"
SOCKET = os.environ.get("INCUS_SOCKET", "/var/lib/incus/unix.socket")
IMAGE = "sdk-busybox"
MIB = 1 << 20

sys.path.insert(0, str(ROOT))


# -- running the clients --------------------------------------------------------------


def pylxd_python(enabled: bool) -> str | None:
    """pylxd's interpreter, installing pylxd in its own venv when missing."""
    if not enabled:
        return None
    python = PYLXD_VENV / "bin" / "python"
    if not python.exists():
        print(f"installing pylxd {PYLXD_VERSION} in {PYLXD_VENV} (benchmarks only)", flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(PYLXD_VENV)], check=True)
            subprocess.run([str(python), "-m", "pip", "install", "-q", f"pylxd=={PYLXD_VERSION}"], check=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            print(f"pylxd unavailable ({exc}): its column stays empty", flush=True)
            return None
    return str(python)


def run_process(argv: list[str], env: dict[str, str] | None = None) -> str:
    """Run a process; its output."""
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, check=False, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[:4]} failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return proc.stdout


#: With ``--before PATH``: the directory holding another ``incus_sdk`` package
#: (an older version of this one), run as the client "before".
BEFORE: str | None = None


def run_case(client: str, case: str, ctx: dict[str, Any], pylxd: str | None) -> dict[str, Any] | None:
    env = None
    if client == "pylxd":
        if pylxd is None:
            return None
        argv = [pylxd, str(HERE / "pylxd_workloads.py"), case, json.dumps(ctx)]
    elif client == "before":
        if BEFORE is None:
            return None
        # Found before the installed package (which points at this tree).
        env = {**os.environ, "PYTHONPATH": BEFORE}
        argv = [sys.executable, str(HERE / "workloads.py"), "sdk", case, json.dumps(ctx)]
    else:
        argv = [sys.executable, str(HERE / "workloads.py"), client, case, json.dumps(ctx)]
    try:
        out = run_process(argv, env)
    except RuntimeError as exc:
        print(f"  {client} {case}: {exc}", flush=True)
        return None
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


#: Start-up is timed as an installed package starts: from its compiled bytecode. pip
#: compiles what it installs (aiohttp, pydantic); an editable checkout writes its cache on
#: first import, unless ``PYTHONDONTWRITEBYTECODE`` is set (as in some CI and sandbox
#: shells), which would have the SDK, and only it, compiled from source on every run.
_INSTALLED_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def whole_process(argv: list[str], reps: int) -> tuple[float, float]:
    """Median wall time (s) and peak RSS (MiB) of a whole process, after one run not counted."""
    subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, env=_INSTALLED_ENV, check=True)
    walls, rss = [], []
    for _ in range(reps):
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, env=_INSTALLED_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - started)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise RuntimeError(f"{argv} failed")
        rss.append(usage.ru_maxrss / 1024)
    return statistics.median(walls), statistics.median(rss)


# -- the fixtures ------------------------------------------------------------------------


def write_random(path: Path, size: int) -> None:
    if path.exists() and path.stat().st_size == size:
        return
    with open(path, "wb") as out:
        for _ in range(size // MIB):
            out.write(os.urandom(MIB))


def write_image(path: Path, size: int) -> None:
    """A unified image tarball: metadata.yaml and a rootfs holding ``size`` random bytes."""
    if path.exists():
        return
    data = path.with_suffix(".data")
    write_random(data, size)
    metadata = (
        f"architecture: x86_64\ncreation_date: {int(time.time())}\nproperties:\n  description: bench {uuid.uuid4()}\n"
    )
    with tarfile.open(path, "w") as tar:
        info = tarfile.TarInfo("metadata.yaml")
        info.size = len(metadata)
        tar.addfile(info, io.BytesIO(metadata.encode()))
        tar.add(data, arcname="rootfs/data.bin")
    data.unlink()


#: In docs/benchmarks.md, what follows this line is kept by ``--write``.
KEPT_MARKER = "<!-- Below: benchmarks of one area each, kept as written by run_all.py --write -->\n\n"


#: The transfer cases: (name, label, goal); ``{size}`` is the size in MiB.
TRANSFERS = [
    ("push1g", "file push {size} MiB", "≥ 0.95x, < 100 MiB"),
    ("pull1g", "file pull {size} MiB", "≥ 0.95x, < 100 MiB"),
    ("import1g", "image import {size} MiB", "≥ 0.95x, < 100 MiB"),
    ("export1g_unverified", "image export {size} MiB, `verify=False`", "≥ 0.95x, < 100 MiB"),
    ("export1g", "image export {size} MiB, SHA-256 checked (default)", "≤ 1.2x of unverified"),
    ("backup1g", "backup export {size} MiB", "≥ 0.95x, < 100 MiB"),
]
#: Every case ``--only`` can pick, and the groups it can pick them by.
GROUPS: dict[str, list[str]] = {
    "startup": ["startup"],
    "calls": ["get500", "list200", "list2000", "concurrent200", "lifecycle10", "exec50", "files64"],
    "scale": ["waits1000", "lifecycle200"],
    "transfers": [name for name, _, _ in TRANSFERS],
    "simplestreams": ["simplestreams"],
}
CASE_NAMES = [name for names in GROUPS.values() for name in names]


def picked(only: list[str] | None) -> set[str]:
    """The cases ``--only`` names (a group stands for its cases); all without it."""
    if not only:
        return set(CASE_NAMES)
    wanted: set[str] = set()
    for name in only:
        for item in name.split(","):
            if item in GROUPS:
                wanted.update(GROUPS[item])
            elif item in CASE_NAMES:
                wanted.add(item)
            elif item:
                raise SystemExit(f"--only: no case or group {item!r} (cases: {', '.join(CASE_NAMES)})")
    return wanted


@contextmanager
def fixtures(quick: bool, wanted: set[str]) -> Iterator[dict[str, Any]]:
    from incus_sdk import Client

    tmp = Path(tempfile.mkdtemp(prefix="run-", dir=ROOT / ".bench"))
    tag = uuid.uuid4().hex[:6]
    work, listing = f"bench-{tag}", f"benchl-{tag}"
    count = 20 if quick else 200
    big = (64 if quick else 1024) * MIB
    listings = bool(wanted & {"list200", "list2000"})
    backups = "backup1g" in wanted
    exports = bool(wanted & {"export1g", "export1g_unverified"})
    imports = "import1g" in wanted
    ctx: dict[str, Any] = {
        "socket": SOCKET,
        "project": work,
        "list_project": listing,
        "list_count": count,
        "replay_count": count * 10,
        "instance": "c1",
        "backup_instance": "b1",
        "backup": "full",
        "image": IMAGE,
        "tmp": str(tmp),
        "big_mib": big // MIB,
    }
    replay: subprocess.Popen[bytes] | None = None

    async def setup() -> None:
        async with Client(SOCKET) as client:
            for project in (work, listing):
                await client.projects.create(project, config={"features.images": "false", "features.profiles": "false"})
            w, lst = client.with_project(work), client.with_project(listing)
            await w.instances.create("c1", source={"type": "image", "alias": IMAGE}, start=True, wait=True)
            sem = asyncio.Semaphore(8)

            async def stopped(i: int) -> None:
                async with sem:
                    await lst.instances.create(f"s{i:04d}", source={"type": "image", "alias": IMAGE}, wait=True)

            if listings:
                await asyncio.gather(*(stopped(i) for i in range(count)))
            if backups:
                await w.instances.create("b1", source={"type": "image", "alias": IMAGE}, start=True, wait=True)
                await w.instances.files.push("b1", "/root/big.bin", str(tmp / f"data-{big // MIB}.bin"))
                await w.instances.stop("b1", force=True, wait=True)
                await w.instances.backups.create("b1", "full", compression_algorithm="none", instance_only=True)
            if exports:
                ctx["image_fingerprint"] = await w.images.import_file(str(tmp / "image.tar"), wait=True)
            ctx["image_tarball"] = str(tmp / "image2.tar")
            # The daemon's own listing, recorded for the replay of ten times as many.
            info = await client.api.get("/1.0")
            listed = await lst.api.get("/1.0/instances", params={"recursion": 2})
        items = [{**item, "name": f"{item['name']}-{k}"} for k in range(10) for item in listed["metadata"]]
        recording = {
            "GET /1.0": json.dumps(dict(info)),
            "GET /1.0/instances": json.dumps({**dict(listed), "metadata": items}),
        }
        (tmp / "replay.json").write_text(json.dumps(recording))

    async def teardown() -> None:
        async with Client(SOCKET) as client:
            for project in (work, listing):
                scoped = client.with_project(project)
                try:
                    names = await scoped.instances.names()
                except Exception:
                    continue
                await asyncio.gather(
                    *(scoped.instances.delete(n, force=True, wait=True) for n in names), return_exceptions=True
                )
                await client.projects.delete(project)
            # The projects use the default project's images: delete only the
            # one made here (the import case deletes its own), never others'.
            if "image_fingerprint" in ctx:
                await client.images.delete(ctx["image_fingerprint"], wait=True)

    try:
        print("setting up (test data, containers, image, backup)...", flush=True)
        write_random(tmp / "data-64.bin", 64 * MIB)
        if wanted & {"push1g", "pull1g", "backup1g"}:
            write_random(tmp / f"data-{big // MIB}.bin", big)
        if exports:
            write_image(tmp / "image.tar", big)
        if imports:
            write_image(tmp / "image2.tar", big)
        asyncio.run(setup())
        ctx["replay_socket"] = str(tmp / "replay.sock")
        replay = subprocess.Popen(
            [sys.executable, str(HERE / "replay.py"), ctx["replay_socket"], str(tmp / "replay.json")]
        )
        while not os.path.exists(ctx["replay_socket"]):
            time.sleep(0.05)
        yield ctx
    finally:
        if replay is not None:
            replay.terminate()
            replay.wait()
        print("cleaning up...", flush=True)
        asyncio.run(teardown())
        for path in tmp.iterdir():
            path.unlink()
        tmp.rmdir()


# -- the table -----------------------------------------------------------------------------


def merged(first: dict[str, Any] | None, then: dict[str, Any] | None) -> dict[str, Any] | None:
    """Two runs of one case by one client as one (None if either failed)."""
    if first is None or then is None:
        return None
    joined = {key: first[key] + then[key] for key in ("cpu", "wall", "extra")}
    return {**joined, "rss_kib": max(first["rss_kib"], then["rss_kib"])}


def med(result: dict[str, Any] | None, key: str) -> float | None:
    return None if result is None else statistics.median(result[key])


def extra(result: dict[str, Any] | None, key: str) -> float | None:
    if result is None or not result["extra"]:
        return None
    return statistics.median(e[key] for e in result["extra"])


def ratio(value: float | None, base: float | None, unit: str = "", scale: float = 1.0, digits: int = 1) -> str:
    if value is None or base is None:
        return "-"
    if not unit:
        return f"{value / base:.2f}x"
    return f"{value / base:.2f}x ({value * scale:.{digits}f}{unit})"


def seconds_sockets(result: dict[str, Any] | None) -> str:
    if result is None:
        return "failed"
    return f"{med(result, 'wall'):.1f} s, {extra(result, 'peak_sockets'):.0f} sockets"


PER_CALL = [
    ("get500", "500 sequential GETs of an instance"),
    ("list200", "list {list_count} instances with full state (`recursion=2`)"),
    ("list2000", "list {replay_count} instances with full state (replayed replies)"),
    ("concurrent200", "200 concurrent GETs"),
    ("lifecycle10", "10 x create/start/stop/delete"),
    ("exec50", "50 x exec `echo hi`"),
    ("files64", "64 MiB push + pull"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    parser.add_argument("--quick", action="store_true", help="small sizes, few repetitions (a smoke run)")
    parser.add_argument("--no-pylxd", action="store_true", help="leave pylxd out")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help=f"run only these cases or groups (comma- or space-separated): groups {', '.join(GROUPS)};"
        f" cases {', '.join(CASE_NAMES)}",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        metavar="N",
        help="run each case N times, the SDK and raw alternately (medians over all; default 1)",
    )
    parser.add_argument(
        "--before",
        metavar="PATH",
        help="also run the per-call cases and the transfers with the incus_sdk package found in PATH"
        " (e.g. an older version extracted with `git archive REV incus_sdk | tar -x -C PATH`),"
        " alternating with the others",
    )
    args = parser.parse_args()
    wanted = picked(args.only)
    global BEFORE
    BEFORE = os.path.abspath(args.before) if args.before else None
    if args.write and (args.only or args.rounds != 1):
        parser.error("--write rewrites the whole table: it takes neither --only nor --rounds")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    pylxd = pylxd_python(not args.no_pylxd and bool(wanted - set(GROUPS["transfers"]) - set(GROUPS["scale"])))
    reps = 2 if args.quick else 10
    rows: list[str] = []

    # -- start-up: whole processes
    if "startup" in wanted:
        py = sys.executable
        pylxd_py = pylxd
        first_raw = (
            "import asyncio, json, aiohttp\n"
            "async def main():\n"
            f"    async with aiohttp.ClientSession(connector=aiohttp.UnixConnector(path={SOCKET!r})) as s:\n"
            "        async with s.get('http://incus/1.0/projects', params={'recursion': '1'}) as r:\n"
            "            assert json.loads(await r.read())['metadata']\n"
            "asyncio.run(main())\n"
        )
        first_sdk = (
            "import asyncio\nfrom incus_sdk import Client\n"
            "async def main():\n"
            f"    async with Client({SOCKET!r}) as client:\n"
            "        assert await client.projects.list()\n"
            "asyncio.run(main())\n"
        )
        first_pylxd = f"import pylxd\nassert pylxd.Client(endpoint={SOCKET!r}).projects.all()\n"
        # What any typed client on pydantic pays: raw's call, its reply
        # validated into a model of four fields (a TypedDict envelope).
        first_floor = (
            "import asyncio, aiohttp, pydantic\nfrom typing import Literal, Optional\n"
            "from typing_extensions import TypedDict\n"
            "class Project(pydantic.BaseModel):\n"
            "    model_config = pydantic.ConfigDict(extra='allow')\n"
            "    name: str\n    description: str = ''\n"
            "    config: dict[str, str] = pydantic.Field(default_factory=dict)\n"
            "    used_by: list[str] = pydantic.Field(default_factory=list)\n"
            "class Reply(TypedDict):\n    type: Literal['sync']\n    metadata: Optional[list[Project]]\n"
            "async def main():\n"
            f"    async with aiohttp.ClientSession(connector=aiohttp.UnixConnector(path={SOCKET!r})) as s:\n"
            "        async with s.get('http://incus/1.0/projects', params={'recursion': '1'}) as r:\n"
            "            assert pydantic.TypeAdapter(Reply).validate_json(await r.read())['metadata']\n"
            "asyncio.run(main())\n"
        )
        print("start-up...", flush=True)
        imp_raw = whole_process([py, "-c", "import aiohttp"], reps)
        imp_sdk = whole_process([py, "-c", "import incus_sdk"], reps)
        imp_client = whole_process([py, "-c", "from incus_sdk import Client"], reps)
        imp_pylxd = whole_process([pylxd_py, "-c", "import pylxd"], reps) if pylxd_py else None
        call_raw = whole_process([py, "-c", first_raw], reps)
        call_sdk = whole_process([py, "-c", first_sdk], reps)
        call_pylxd = whole_process([pylxd_py, "-c", first_pylxd], reps) if pylxd_py else None
        call_floor = whole_process([py, "-c", first_floor], reps)
        count, seconds = subprocess.run(
            [
                py,
                "-c",
                "import time\nfrom incus_sdk.models import _spec\nt = time.perf_counter()\n"
                "for n in _spec.__all__: getattr(_spec, n).model_rebuild()\n"
                "print(len(_spec.__all__), time.perf_counter() - t)",
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout.split()

        def proc_cell(value: tuple[float, float] | None, base: tuple[float, float]) -> str:
            if value is None:
                return "-"
            return f"{value[0] / base[0]:.2f}x ({value[0]:.2f} s, {value[1]:.0f} MiB)"

        rows += [
            "| **Start-up** (whole process, wall) | | | | |",
            f"| `import` | 1.00 (`import aiohttp` {imp_raw[0]:.2f} s, {imp_raw[1]:.0f} MiB)"
            f" | {proc_cell(imp_pylxd, imp_raw)}"
            f" | {proc_cell(imp_sdk, imp_raw)} | ≤ 1.25x, ≤ +8 MiB |",
            f"| `from incus_sdk import Client` | | | {proc_cell(imp_client, imp_raw)} | |",
            f"| first typed call (`projects.list()`) | 1.00 ({call_raw[0]:.2f} s, {call_raw[1]:.0f} MiB)"
            f" | {proc_cell(call_pylxd, call_raw)} | {proc_cell(call_sdk, call_raw)} | ≤ 1.5x |",
            "| the same call by raw aiohttp + pydantic (a model of 4 fields: the floor of a typed client)"
            f" | {proc_cell(call_floor, call_raw)} | | | |",
            f"| building every one of the {count} generated models (all first uses) | | |"
            f" {float(seconds) * 1000:.0f} ms | |",
        ]

    with fixtures(args.quick, wanted) as ctx:
        ctx["reps"], ctx["warmup"] = (2, 1) if args.quick else (5, 1)
        results: dict[tuple[str, str], dict[str, Any] | None] = {}

        def run(case: str, clients: tuple[str, ...] = ("sdk", "raw", "pylxd"), **overrides: Any) -> None:
            print(f"{case}...", flush=True)
            for round_ in range(args.rounds):
                # Alternate who goes first, so that a change of load weighs on both alike.
                for client in clients if round_ % 2 == 0 else clients[::-1]:
                    result = run_case(client, case, {**ctx, **overrides}, pylxd)
                    results[(client, case)] = result if round_ == 0 else merged(results[(client, case)], result)
                if args.rounds > 1:
                    print(f"  round {round_ + 1}: {round_summary(case, clients)}", flush=True)

        def round_summary(case: str, clients: tuple[str, ...]) -> str:
            parts = []
            for client in clients:
                result = results.get((client, case))
                if result is not None:
                    parts.append(f"{client} {result['wall'][-1]:.2f} s wall, {result['cpu'][-1]:.2f} s CPU")
            return "; ".join(parts) + f" (last repetition); load {os.getloadavg()[0]:.1f}"

        if wanted & set(GROUPS["calls"]):
            rows.append("| **Client CPU per call** (this process only; the daemon's time excluded) | | | | |")
            for case, label in PER_CALL:
                if case not in wanted:
                    continue
                run(
                    case,
                    ("sdk", "raw", "pylxd", "before") if BEFORE else ("sdk", "raw", "pylxd"),
                    **({"reps": 3} if case == "lifecycle10" and not args.quick else {}),
                )
                raw = med(results[("raw", case)], "cpu")
                before = f"; before: {ratio(med(results[('before', case)], 'cpu'), raw, ' ms', 1000)}" if BEFORE else ""
                cells = [
                    f"1.00 ({raw * 1000:.1f} ms)" if raw is not None else "-",
                    ratio(med(results[("pylxd", case)], "cpu"), raw, " ms", 1000),
                    ratio(med(results[("sdk", case)], "cpu"), raw, " ms", 1000) + before,
                ]
                rows.append(f"| {label.format(**ctx)} | {' | '.join(cells)} | ≤ 1.1x |")

        if wanted & set(GROUPS["scale"]):
            rows.append("| **Operations at scale** (wall) | | | | |")
            if "waits1000" in wanted:
                run("waits1000", ("sdk", "raw"), reps=1 if args.quick else 2, warmup=0)
                raw_w, sdk_w = results[("raw", "waits1000")], results[("sdk", "waits1000")]
                rows.append(
                    "| 1,000 operations (`sleep 2`), each waited on: time, and sockets open at most |"
                    f" 1.00 ({seconds_sockets(raw_w)}; `/wait` long-polls) | - |"
                    f" {ratio(med(sdk_w, 'wall'), med(raw_w, 'wall'))} ({seconds_sockets(sdk_w)})"
                    " | a handful of sockets |"
                )
            if "lifecycle200" in wanted:
                run("lifecycle200", ("sdk", "raw"), reps=1, warmup=0)
                raw_l, sdk_l = results[("raw", "lifecycle200")], results[("sdk", "lifecycle200")]
                rows.append(
                    "| 200 concurrent container lifecycles (create/start/stop/delete) |"
                    f" 1.00 ({seconds_sockets(raw_l)}) | - |"
                    f" {ratio(med(sdk_l, 'wall'), med(raw_l, 'wall'))} ({seconds_sockets(sdk_l)}) | ≤ 1.0x |"
                )

        if wanted & set(GROUPS["transfers"]):
            size = ctx["big_mib"]
            rows.append(f"| **Transfers** ({size} MiB; throughput, and the process's peak RSS) | | | | |")
            treps = {"reps": 2 if args.quick else 3, "warmup": 0}
            for case, label, goal in TRANSFERS:
                if case not in wanted:
                    continue
                run(case, ("sdk", "raw", "before") if BEFORE else ("sdk", "raw"), **treps)
                cells = []
                for client in ("raw", "sdk", "before") if BEFORE else ("raw", "sdk"):
                    result = results[(client, case)]
                    if result is None:
                        cells.append("-")
                        continue
                    speed = size / statistics.median(result["wall"])
                    base = results[("raw", case)]
                    rel = "" if base is None else f"{speed * statistics.median(base['wall']) / size:.2f}x "
                    cells.append(f"{rel}({speed:.0f} MiB/s, {result['rss_kib'] / 1024:.0f} MiB)")
                sdk_cell = cells[1] + (f"; before: {cells[2]}" if BEFORE else "")
                rows.append(f"| {label.format(size=size)} | {cells[0]} | - | {sdk_cell} | {goal} |")
            for client in ("sdk", "before") if BEFORE else ("sdk",):
                unverified, verified = results.get((client, "export1g_unverified")), results.get((client, "export1g"))
                if unverified and verified:
                    rows.append(
                        f"| verified / unverified export time ({'SDK' if client == 'sdk' else 'SDK before'}) | | |"
                        f" {med(verified, 'wall') / med(unverified, 'wall'):.2f}x | ≤ 1.2x |"
                    )

    if "simplestreams" in wanted:
        print("simplestreams...", flush=True)
        streams = json.loads(
            run_process([sys.executable, str(HERE / "bench_simplestreams.py"), "2000", "--json"]).split("\n")[-2]
        )
        rows += [
            f"| **Simplestreams catalogue** ({streams['products']} products, {streams['images']} images,"
            " served on 127.0.0.1; wall) | | | | |",
            "| read the catalogue (raw: GET + `json.loads`;"
            " SDK: `list()` on a new client: parse, sort, aliases, typed models) |"
            f" 1.00 ({streams['raw'] * 1000:.0f} ms) | - |"
            f" {ratio(streams['cold'], streams['raw'], ' ms', 1000, 0)} | |",
            f"| the same from the SDK's disk cache | | | {streams['disk'] * 1000:.0f} ms | |",
            f'| `resolve()` of an alias on a new client (as `create(source="images:...")`) | | |'
            f" {streams['resolve_cold'] * 1000:.0f} ms | |",
            f"| `resolve()` of an alias, catalogue in memory | | | {streams['warm'] * 1e6:.0f} µs | |",
        ]

    header = "| | raw aiohttp | pylxd " + PYLXD_VERSION + " | incus_sdk | goal |\n|---|---|---|---|---|"
    table = header + "\n" + "\n".join(rows)
    print()
    print(table)
    load = os.getloadavg()
    print(f"\nload average at the end: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
    if args.write:
        write_page(table)


def write_page(table: str) -> None:
    load = os.getloadavg()
    page = f"""# Benchmarks

Generated by `.venv/bin/python benchmarks/run_all.py --write`, which runs
every case and prints this table. Each case is done by the SDK, by a
minimal hand-written aiohttp client ("raw") and, where it can do the work,
by pylxd {PYLXD_VERSION} (the closest Python peer; installed in its own venv,
`.bench/pylxd-venv`, for benchmarking only), each in a process of its own,
against the local Incus 6.0 daemon over its unix socket (the listing of
ten times as many instances against a replay of that daemon's recorded
reply, so that only the clients' work differs). The containers are
busybox ones from the `sdk-busybox` test image, made in throwaway projects.

Ratios are the SDK's (or pylxd's) figure over raw's: for CPU and time, lower
is better; for throughput (MiB/s), higher. Client CPU is the CPU time of
the client's own process (`time.process_time()`), so the daemon's work is
left out; medians of several repetitions after a warm-up. The machine has
2 cores shared with other engineers' test runs (load average
{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the end of this run): CPU
ratios vary by about ±20% from run to run, transfer throughputs (disk and
CPU shared with the daemon) by more, so read the ratios, and more than
one run. The start-up rows time whole processes as an installed package
starts, from compiled bytecode (one run not counted first; without
`PYTHONDONTWRITEBYTECODE`, which would leave only the SDK compiled from
source each time); the first typed call is import, connect (the SDK's
`async with Client()` reads `/1.0` first) and the listing.

{table}

What the SDK does beyond raw, case by case (raw does the least that works:
`json.loads` of the reply, `/wait` for each operation, bytes to a file):

- **Start-up**: `import incus_sdk` imports nothing until a name is used;
  the client imports its sub-APIs when first used; the generated models
  live in one module per family, imported when first used, and each is
  built (pydantic `defer_build`) when first validated. Building every one
  of them, which no single program does, is the figure in the table.
- **Reads** give typed, validated models bound to their sub-API (raw gives
  dicts). They are validated straight from the reply's bytes by
  pydantic-core, with no Python validator (Go's `null` for empty lists and
  maps reads as the default inside pydantic-core; a timestamp keeps the
  server's text with one `fromisoformat` call), and large replies with the
  garbage collector paused. What remains is pydantic building one object
  per JSON object: for instances with their full state, many small nested
  objects each.
- **Waits** are resolved from one shared operation-event stream per
  client and project (no `/wait` request, no connection held per wait):
  half the requests raw sends. The stream carries every operation event
  of that project (the daemon filters out the others'; the client decodes
  only the final ones). In the lifecycle case the SDK creates with
  `wait=False` and then waits, the requests raw sends (`wait=True` also
  reads the new instance back, to return it).
- **Exec** runs each command with its stdout, stderr and control streams
  pumped by tasks, so output can be read while the command runs.
- **Transfers** are streamed in chunks; a download is written beside its
  target (by a worker thread, so a disk that stalls never blocks the event
  loop) and renamed when complete. The image export checks the SHA-256 of
  what arrives (unless `verify=False`), in a thread of its own beside the
  transfer: 0.5-0.7 s of CPU per GiB that raw does not spend, which on two
  cores shared with the daemon and other work costs wall time too. The
  import does not hash what it sends (the server fingerprints exactly
  what it received) and sends it chunked, as raw does (the daemon took
  longer to receive the same upload with a `Content-Length`). Raw writes
  each chunk through a thread and does nothing else: no partial file, no
  rename, no progress.
- The simplestreams catalogue is parsed into typed models with Incus's own
  sort and aliases, once per `cache_ttl`.
"""
    target = ROOT / "docs" / "benchmarks.md"
    # The benchmarks of one area each (their own scripts) follow the marker, kept as written.
    kept = target.read_text().partition(KEPT_MARKER)[2] if target.exists() else ""
    target.write_text(page + "\n" + KEPT_MARKER + kept if kept else page)
    print("wrote docs/benchmarks.md")


if __name__ == "__main__":
    main()
