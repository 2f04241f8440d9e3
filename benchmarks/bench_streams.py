"""Benchmark of the stream families: exec latency, file throughput, events rate.

Each figure is set next to the same work done with bare aiohttp on the same
socket, and each case runs in a subprocess of its own so its peak RSS is its
own. Not a test: run it by hand against the local daemon::

    .venv/bin/python benchmarks/bench_streams.py [--execs 100] [--size-mib 256]

It creates a project with one busybox container and deletes it afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import aiohttp

SOCKET = "/var/lib/incus/unix.socket"
BASE = "http://incus.socket"
CHUNK = 1 << 20


# -- the cases (each runs in its own process) ------------------------------------


async def exec_sdk(project: str, n: int) -> dict[str, Any]:
    from incus_sdk import Client

    async with Client(project=project) as client:
        await client.instances.exec("c1", ["true"])  # warm the connection pool
        start = time.perf_counter()
        for _ in range(n):
            result = await client.instances.exec("c1", ["true"])
            assert result.exit_code == 0
        elapsed = time.perf_counter() - start
    return {"per_exec_ms": elapsed / n * 1000}


async def _raw_exec_once(session: aiohttp.ClientSession, project: str) -> int:
    params = {"project": project}
    body = {"command": ["true"], "wait-for-websocket": True, "interactive": False}
    async with session.post(f"{BASE}/1.0/instances/c1/exec", params=params, json=body) as reply:
        op = (await reply.json())["metadata"]
    fds = op["metadata"]["fds"]

    async def connect(secret: str) -> aiohttp.ClientWebSocketResponse:
        url = f"{BASE}/1.0/operations/{op['id']}/websocket"
        return await session.ws_connect(url, params={"secret": secret, "project": project})

    # Control first, as the SDK does: the command may end before a late one gets in.
    control = await connect(fds["control"])
    sockets = [*await asyncio.gather(*(connect(fds[k]) for k in ("0", "1", "2"))), control]

    async def drain(ws: aiohttp.ClientWebSocketResponse) -> None:
        while True:
            try:
                msg = await ws.receive()
            except ConnectionResetError:
                continue  # a pong on a dropped connection; queued messages remain
            if msg.type != aiohttp.WSMsgType.BINARY:
                break

    try:
        await sockets[0].send_str("")  # close stdin
    except aiohttp.ClientConnectionResetError:
        pass  # `true` already ended and the daemon closed its sockets
    await asyncio.gather(drain(sockets[1]), drain(sockets[2]))
    async with session.get(f"{BASE}/1.0/operations/{op['id']}/wait", params={"timeout": "30", **params}) as reply:
        code = int((await reply.json())["metadata"]["metadata"]["return"])
    await asyncio.gather(*(ws.close() for ws in sockets))
    return code


async def exec_raw(project: str, n: int) -> dict[str, Any]:
    async with aiohttp.ClientSession(connector=aiohttp.UnixConnector(path=SOCKET)) as session:
        await _raw_exec_once(session, project)
        start = time.perf_counter()
        for _ in range(n):
            assert await _raw_exec_once(session, project) == 0
        elapsed = time.perf_counter() - start
    return {"per_exec_ms": elapsed / n * 1000}


async def push_sdk(project: str, local: str) -> dict[str, Any]:
    from incus_sdk import Client

    async with Client(project=project) as client:
        start = time.perf_counter()
        await client.instances.files.push("c1", "/tmp/bench.bin", local)
        elapsed = time.perf_counter() - start
    return {"seconds": elapsed}


async def _read_chunks(path: str) -> AsyncIterator[bytes]:
    handle = await asyncio.to_thread(open, path, "rb")
    try:
        while chunk := await asyncio.to_thread(handle.read, CHUNK):
            yield chunk
    finally:
        handle.close()


async def push_raw(project: str, local: str) -> dict[str, Any]:
    async with aiohttp.ClientSession(connector=aiohttp.UnixConnector(path=SOCKET)) as session:
        start = time.perf_counter()
        params = {"path": "/tmp/bench.bin", "project": project}
        async with session.post(f"{BASE}/1.0/instances/c1/files", params=params, data=_read_chunks(local)) as reply:
            assert reply.status == 200, await reply.text()
        elapsed = time.perf_counter() - start
    return {"seconds": elapsed}


async def pull_sdk(project: str, local: str) -> dict[str, Any]:
    from incus_sdk import Client

    async with Client(project=project) as client:
        start = time.perf_counter()
        await client.instances.files.pull("c1", "/tmp/bench.bin", local)
        elapsed = time.perf_counter() - start
    return {"seconds": elapsed}


async def pull_raw(project: str, local: str) -> dict[str, Any]:
    async with aiohttp.ClientSession(connector=aiohttp.UnixConnector(path=SOCKET)) as session:
        start = time.perf_counter()
        params = {"path": "/tmp/bench.bin", "project": project}
        async with session.get(f"{BASE}/1.0/instances/c1/files", params=params) as reply:
            with open(local, "wb") as out:  # the same local writes as the SDK does
                async for chunk in reply.content.iter_any():
                    out.write(chunk)
        elapsed = time.perf_counter() - start
    return {"seconds": elapsed}


async def events_both(project: str, seconds: float) -> dict[str, Any]:
    """One producer; the SDK stream and a bare websocket count the same events side by side."""
    from incus_sdk import Client

    counts = {"sdk": 0, "raw": 0}
    cpu = {"sdk": 0.0, "raw": 0.0}
    async with (
        Client(project=project) as client,
        aiohttp.ClientSession(connector=aiohttp.UnixConnector(path=SOCKET)) as session,
    ):
        stream = client.events(types=["lifecycle"])
        raw = await session.ws_connect(f"{BASE}/1.0/events", params={"type": "lifecycle", "project": project})
        stop = asyncio.Event()

        async def sdk_consumer() -> None:
            async with stream:
                while not stop.is_set():
                    try:
                        event = await asyncio.wait_for(stream.next_event(), 0.5)
                    except asyncio.TimeoutError:
                        continue
                    t = time.thread_time()
                    _ = event and event.action
                    counts["sdk"] += 1
                    cpu["sdk"] += time.thread_time() - t

        async def raw_consumer() -> None:
            while not stop.is_set():
                try:
                    msg = await asyncio.wait_for(raw.receive(), 0.5)
                except asyncio.TimeoutError:
                    continue
                t = time.thread_time()
                _ = json.loads(msg.data)["metadata"].get("action")
                counts["raw"] += 1
                cpu["raw"] += time.thread_time() - t

        async def producer() -> None:
            async def one(i: int) -> None:
                while not stop.is_set():
                    await client.instances.files.push("c1", f"/tmp/ev{i}", b"x")

            await asyncio.gather(*(one(i) for i in range(4)))

        consumers = [asyncio.ensure_future(sdk_consumer()), asyncio.ensure_future(raw_consumer())]
        await asyncio.sleep(0.3)
        prod = asyncio.ensure_future(producer())
        await asyncio.sleep(seconds)
        stop.set()
        await prod
        await asyncio.sleep(0.5)
        await asyncio.gather(*consumers)
        await raw.close()
    return {
        "sdk_events_per_s": counts["sdk"] / seconds,
        "raw_events_per_s": counts["raw"] / seconds,
        "sdk_events": counts["sdk"],
        "raw_events": counts["raw"],
    }


CASES = {
    "exec_sdk": exec_sdk,
    "exec_raw": exec_raw,
    "push_sdk": push_sdk,
    "push_raw": push_raw,
    "pull_sdk": pull_sdk,
    "pull_raw": pull_raw,
    "events": events_both,
}


def run_case(name: str, *args: str) -> dict[str, Any]:
    """Run one case in a fresh interpreter; return its figures and peak RSS."""
    out = subprocess.run(
        [sys.executable, __file__, "--case", name, *args], capture_output=True, text=True, check=False, timeout=900
    )
    if out.returncode != 0:
        raise RuntimeError(f"case {name} failed:\n{out.stderr}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def child(name: str, args: list[str]) -> None:
    func: Any = CASES[name]
    converted: list[Any] = [
        int(a) if a.isdigit() else (float(a) if a.replace(".", "", 1).isdigit() else a) for a in args
    ]
    result = asyncio.run(func(*converted))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--execs", type=int, default=100)
    parser.add_argument("--size-mib", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=3, help="alternating SDK/raw rounds per case; best is kept")
    parser.add_argument("--events-seconds", type=float, default=5.0)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.case:
        child(args.case, rest)
        return

    project = f"bench-{uuid.uuid4().hex[:8]}"

    def cli(*a: str) -> None:
        subprocess.run(["incus", *a], check=True, capture_output=True)

    cli("project", "create", project, "-c", "features.images=false", "-c", "features.profiles=false")
    tmp = tempfile.mkdtemp(prefix="bench-streams-")
    src = os.path.join(tmp, "src.bin")
    dst = os.path.join(tmp, "dst.bin")
    try:
        cli("launch", "sdk-busybox", "c1", "--project", project)
        with open(src, "wb") as f:
            for _ in range(args.size_mib):
                f.write(os.urandom(CHUNK))
        size_mb = args.size_mib * CHUNK / 1e6
        best: dict[str, dict[str, Any]] = {}

        def keep(name: str, result: dict[str, Any], key: str, lower_is_better: bool = True) -> None:
            old = best.get(name)
            if old is None or (result[key] < old[key]) == lower_is_better:
                best[name] = result
            best[name]["peak_rss_mb"] = max(result["peak_rss_mb"], (old or result)["peak_rss_mb"])

        for _ in range(args.rounds):
            for name in ("exec_sdk", "exec_raw"):
                keep(name, run_case(name, project, str(args.execs)), "per_exec_ms")
            for name in ("push_sdk", "push_raw"):
                keep(name, run_case(name, project, src), "seconds")
            for name in ("pull_sdk", "pull_raw"):
                keep(name, run_case(name, project, dst), "seconds")
                assert os.path.getsize(dst) == os.path.getsize(src)
        events = run_case("events", project, str(args.events_seconds))

        print(f"exec `true` x{args.execs} (best of {args.rounds}):")
        sdk, raw = best["exec_sdk"]["per_exec_ms"], best["exec_raw"]["per_exec_ms"]
        print(f"  sdk {sdk:7.2f} ms/exec   raw aiohttp {raw:7.2f} ms/exec   ratio {sdk / raw:.2f}x (target <= 1.2x)")
        for kind in ("push", "pull"):
            s, r = best[f"{kind}_sdk"], best[f"{kind}_raw"]
            s_mbps, r_mbps = size_mb / s["seconds"], size_mb / r["seconds"]
            print(
                f"{kind} {args.size_mib} MiB: sdk {s_mbps:6.1f} MB/s (peak RSS {s['peak_rss_mb']:.0f} MB)   "
                f"raw {r_mbps:6.1f} MB/s (peak RSS {r['peak_rss_mb']:.0f} MB)   "
                f"throughput ratio {s_mbps / r_mbps:.2f} (target >= 0.91, RSS < 100 MB)"
            )
        print(
            f"events ({args.events_seconds:.0f} s, 4 producers): sdk {events['sdk_events_per_s']:.0f}/s"
            f" ({events['sdk_events']})   raw {events['raw_events_per_s']:.0f}/s ({events['raw_events']})"
        )
    finally:
        subprocess.run(["incus", "delete", "--force", "c1", "--project", project], capture_output=True, check=False)
        subprocess.run(["incus", "project", "delete", project], capture_output=True, check=False)
        for path in (src, dst):
            if os.path.exists(path):
                os.unlink(path)
        os.rmdir(tmp)


if __name__ == "__main__":
    main()
