"""Benchmark: instance lifecycle and listing, SDK vs raw aiohttp on the unix socket.

Run with ``.venv/bin/python benchmarks/bench_instances.py`` against a local
daemon that has the ``sdk-busybox`` image. Everything happens in a throwaway
project, deleted at the end.

It measures:

* create, start, stop (forced) and delete of N containers, one after the
  other, and with at most C at a time;
* listing M stopped containers with their state (``recursion=2``).

and prints each figure next to the same requests sent with bare aiohttp.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from incus_sdk import Client, api_path
from incus_sdk._transport import discover_socket

IMAGE = "sdk-busybox"


class Raw:
    """The same work with plain aiohttp requests (the baseline)."""

    def __init__(self, session: aiohttp.ClientSession, project: str) -> None:
        self.session = session
        self.project = project

    async def call(self, method: str, path: str, body: Any = None) -> Any:
        async with self.session.request(
            method, "http://incus" + path, params={"project": self.project}, json=body
        ) as reply:
            data = await reply.json()
        if data.get("type") == "error":
            raise RuntimeError(data.get("error"))
        if data.get("type") == "async":
            op_id = data["operation"].rsplit("/", 1)[-1]
            async with self.session.get(f"http://incus/1.0/operations/{op_id}/wait", params={"timeout": "60"}) as w:
                result = await w.json()
            if result["metadata"]["status"] != "Success":
                raise RuntimeError(result["metadata"]["err"])
        return data.get("metadata")

    async def create(self, name: str) -> None:
        await self.call("POST", "/1.0/instances", {"name": name, "source": {"type": "image", "alias": IMAGE}})

    async def start(self, name: str) -> None:
        await self.call("PUT", api_path("instances", name, "state"), {"action": "start"})

    async def stop(self, name: str) -> None:
        await self.call("PUT", api_path("instances", name, "state"), {"action": "stop", "force": True})

    async def delete(self, name: str) -> None:
        await self.call("DELETE", api_path("instances", name))

    async def list_full(self) -> int:
        async with self.session.get(
            "http://incus/1.0/instances", params={"project": self.project, "recursion": "2"}
        ) as reply:
            data = await reply.json()
        return len(data["metadata"])


async def timed(label: str, work: Callable[[], Awaitable[Any]]) -> float:
    start = time.perf_counter()
    await work()
    elapsed = time.perf_counter() - start
    print(f"  {label:<44} {elapsed:8.2f} s", flush=True)
    return elapsed


async def bounded(limit: int, items: list[str], fn: Callable[[str], Awaitable[Any]]) -> None:
    sem = asyncio.Semaphore(limit)

    async def one(item: str) -> None:
        async with sem:
            await fn(item)

    await asyncio.gather(*(one(i) for i in items))


async def lifecycle(args: argparse.Namespace, sdk: Client, raw: Raw) -> dict[str, float]:
    results: dict[str, float] = {}
    inst = sdk.instances

    def names(tag: str) -> list[str]:
        return [f"b{tag}-{i:03d}" for i in range(args.n)]

    async def sdk_one(n: str) -> None:
        await inst.create(n, image=IMAGE, wait=True)
        await inst.start(n, wait=True)
        await inst.stop(n, force=True, wait=True)
        await inst.delete(n, wait=True)

    async def raw_one(n: str) -> None:
        await raw.create(n)
        await raw.start(n)
        await raw.stop(n)
        await raw.delete(n)

    async def sequential() -> None:
        # Alternate SDK and raw container by container, so that load from
        # other processes on the machine hits both about equally.
        results["seq_sdk"] = results["seq_raw"] = 0.0
        for s_name, r_name in zip(names("s"), names("r"), strict=True):
            for key, fn, n in (("seq_sdk", sdk_one, s_name), ("seq_raw", raw_one, r_name)):
                t = time.perf_counter()
                await fn(n)
                results[key] += time.perf_counter() - t

    async def sdk_conc() -> None:
        ns = names("c")
        for step in (
            await inst.create_many(ns, image=IMAGE, concurrency=args.c),
            await inst.start_many(ns, concurrency=args.c),
            await inst.stop_many(ns, force=True, concurrency=args.c),
            await inst.delete_many(ns, concurrency=args.c),
        ):
            step.raise_for_failures()

    async def raw_conc() -> None:
        ns = [f"{n}-{uuid.uuid4().hex[:4]}" for n in names("q")]
        for fn in (raw.create, raw.start, raw.stop, raw.delete):
            await bounded(args.c, ns, fn)

    print(f"{args.n} containers: create + start + stop(force) + delete")
    await sequential()
    print(f"  {'sequential, SDK':<44} {results['seq_sdk']:8.2f} s")
    print(f"  {'sequential, raw aiohttp':<44} {results['seq_raw']:8.2f} s")
    results["conc_raw"] = await timed(f"concurrency {args.c}, raw aiohttp + Semaphore", raw_conc)
    results["conc_sdk"] = await timed(f"concurrency {args.c}, SDK (*_many)", sdk_conc)
    results["conc_raw2"] = await timed(f"concurrency {args.c}, raw aiohttp again", raw_conc)
    return results


async def overhead(args: argparse.Namespace, sdk: Client, raw: Raw) -> None:
    """Client-side cost per call: many cheap GETs of one instance."""
    name = "overhead"
    await sdk.instances.create(name, image=IMAGE, wait=True)
    path = api_path("instances", name)
    print(f"{args.gets} x GET one instance, sequential (client overhead per call)")
    await timed("get(), SDK (typed Instance with ETag)", lambda: _repeat(args.gets, lambda: sdk.instances.get(name)))
    await timed("GET, raw aiohttp (dict)", lambda: _repeat(args.gets, lambda: raw.call("GET", path)))
    await sdk.instances.delete(name, wait=True)


async def _repeat(times: int, fn: Callable[[], Awaitable[Any]]) -> None:
    for _ in range(times):
        await fn()


async def listing(args: argparse.Namespace, sdk: Client, raw: Raw) -> dict[str, float]:
    ns = [f"l-{i:04d}" for i in range(args.m)]
    print(f"{args.m} stopped containers, listed with state (recursion=2), median of {args.repeat}")
    start = time.perf_counter()
    created = await sdk.instances.create_many(ns, image=IMAGE, concurrency=args.c)
    created.raise_for_failures()
    print(f"  {'(setup: create_many, concurrency ' + str(args.c) + ')':<44} {time.perf_counter() - start:8.2f} s")
    sdk_times, raw_times = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        got = await sdk.instances.list_full()
        sdk_times.append(time.perf_counter() - t)
        assert len(got) == args.m and all(i.state is not None for i in got)
        t = time.perf_counter()
        count = await raw.list_full()
        raw_times.append(time.perf_counter() - t)
        assert count == args.m
    results = {"list_sdk": statistics.median(sdk_times), "list_raw": statistics.median(raw_times)}
    print(f"  {'list_full(), SDK (typed InstanceFull models)':<44} {results['list_sdk']:8.3f} s")
    print(f"  {'GET ?recursion=2, raw aiohttp (dicts)':<44} {results['list_raw']:8.3f} s")
    t = time.perf_counter()
    await sdk.instances.list()
    print(f"  {'list() recursion=1, SDK (for comparison)':<44} {time.perf_counter() - t:8.3f} s")
    start = time.perf_counter()
    deleted = await sdk.instances.delete_many(ns, concurrency=args.c)
    deleted.raise_for_failures()
    print(f"  {'(teardown: delete_many)':<44} {time.perf_counter() - start:8.2f} s")
    return results


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="containers in the lifecycle runs")
    parser.add_argument("-m", type=int, default=200, help="containers in the listing run")
    parser.add_argument("-c", type=int, default=8, help="concurrency limit")
    parser.add_argument("--repeat", type=int, default=5, help="listing repetitions")
    parser.add_argument("--gets", type=int, default=500, help="GETs in the overhead run")
    args = parser.parse_args()

    project = f"bench-{uuid.uuid4().hex[:8]}"
    async with Client() as admin:
        await admin.projects.create(project, config={"features.images": "false", "features.profiles": "false"})
        sdk = admin.with_project(project)
        connector = aiohttp.UnixConnector(path=discover_socket())
        try:
            async with aiohttp.ClientSession(connector=connector) as session:
                raw = Raw(session, project)
                await overhead(args, sdk, raw)
                await lifecycle(args, sdk, raw)
                await listing(args, sdk, raw)
        finally:
            leftover = await sdk.instances.names()
            if leftover:
                await sdk.instances.delete_many(leftover, force=True, concurrency=args.c)
            await admin.projects.delete(project)


if __name__ == "__main__":
    asyncio.run(main())
