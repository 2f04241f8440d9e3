"""Reading a simplestreams catalogue: the SDK next to raw aiohttp + json, on a local server.

    .venv/bin/python benchmarks/bench_simplestreams.py [PRODUCTS] [--json]

(``benchmarks/run_all.py`` runs it with ``--json``: one JSON line of the
medians, in seconds.)

Serves a synthetic catalogue shaped like the public image server's
(PRODUCTS products, default 2000, each with 3 versions of a squashfs and a
root.tar.xz container image and a VM disk: 9 images a product) on 127.0.0.1
and times, median of 5 rounds:

- raw: GET index.json and images.json with aiohttp and ``json.loads`` them;
- SDK cold: a new ``SimpleStreams`` listing every image (fetch, parse, sort,
  aliases);
- SDK disk cache: a new client reading the catalogue from ``cache_dir``;
- SDK resolve cold: ``resolve()`` of an alias on a new client, as
  ``instances.create(source="images:...")`` does;
- SDK warm: ``resolve()`` of an alias on a client that has the catalogue.

The cold and disk cache rounds run with the same objects alive (a
catalogue kept alive by an earlier step makes every later allocation-heavy
step slower, the garbage collector scanning it again and again).
"""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from aiohttp import web

from incus_sdk.simplestreams import SimpleStreams


def catalogue(n: int) -> tuple[bytes, bytes]:
    products: dict[str, Any] = {}
    archs = ["amd64", "arm64", "armhf", "ppc64el", "s390x", "riscv64"]
    for i in range(n):
        arch = archs[i % len(archs)]
        # Each product id distinct: 6 architectures (and 2 variants) per release, 10 releases per os.
        os_name, release, variant = f"distro{i // 60}", str(i // 6 % 10), ("default", "cloud")[i % 2]
        versions = {}
        for v in range(3):
            serial = f"202611{10 + v:02d}_07:42"
            versions[serial] = {
                "items": {
                    "incus.tar.xz": {
                        "ftype": "incus.tar.xz",
                        "path": f"images/{os_name}/{release}/{arch}/{variant}/{serial}/incus.tar.xz",
                        "sha256": f"{i:032x}{v:032x}",
                        "size": 1200,
                        "combined_squashfs_sha256": f"{i:031x}a{v:032x}",
                        "combined_rootxz_sha256": f"{i:031x}b{v:032x}",
                        "combined_disk-kvm-img_sha256": f"{i:031x}c{v:032x}",
                    },
                    "squashfs": {"ftype": "squashfs", "path": "x/rootfs.squashfs", "sha256": "0" * 64, "size": 10**8},
                    "root.tar.xz": {
                        "ftype": "root.tar.xz",
                        "path": "x/rootfs.tar.xz",
                        "sha256": "0" * 64,
                        "size": 10**8,
                    },
                    "disk.qcow2": {"ftype": "disk-kvm.img", "path": "x/disk.qcow2", "sha256": "0" * 64, "size": 10**9},
                }
            }
        alias = f"{os_name}/{release}" + ("" if variant == "default" else f"/{variant}")
        products[f"{os_name}:{release}:{arch}:{variant}"] = {
            "aliases": alias,
            "arch": arch,
            "os": os_name,
            "release": release,
            "release_title": release,
            "variant": variant,
            "versions": versions,
        }
    index = {
        "format": "index:1.0",
        "index": {
            "images": {"datatype": "image-downloads", "path": "streams/v1/images.json", "products": list(products)}
        },
    }
    return json.dumps(index).encode(), json.dumps({"products": products}).encode()


async def median(label: str, rounds: int, work: Callable[[], Awaitable[object]]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        await work()
        times.append(time.perf_counter() - start)
    result = statistics.median(times)
    print(f"  {label:<44} {result * 1000:8.2f} ms")
    return result


async def main(n: int) -> dict[str, float]:
    index, images = catalogue(n)
    print(f"{n} products, images.json {len(images) / 2**20:.1f} MiB")
    app = web.Application()
    app.router.add_get("/streams/v1/index.json", lambda r: web.Response(body=index))
    app.router.add_get("/streams/v1/images.json", lambda r: web.Response(body=images))
    runner = web.AppRunner(app)
    await runner.setup()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    await web.TCPSite(runner, "127.0.0.1", port).start()
    url = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as raw:

            async def raw_read() -> object:
                async with raw.get(f"{url}/streams/v1/index.json") as r:
                    json.loads(await r.read())
                async with raw.get(f"{url}/streams/v1/images.json") as r:
                    return json.loads(await r.read())

            base = await median("raw aiohttp + json.loads", 5, raw_read)

        async def cold() -> object:
            async with SimpleStreams(url, architectures=["x86_64"]) as ss:
                return await ss.list()

        sdk = await median("SimpleStreams.list() (cold)", 5, cold)
        with tempfile.TemporaryDirectory() as cache:
            async with SimpleStreams(url, architectures=["x86_64"], cache_dir=cache) as ss:
                await ss.list()

            async def cached() -> object:
                async with SimpleStreams(url, architectures=["x86_64"], cache_dir=cache) as ss:
                    return await ss.list()

            from_disk = await median("SimpleStreams.list() (disk cache)", 5, cached)

        async def resolve_cold() -> object:
            async with SimpleStreams(url, architectures=["x86_64"]) as ss:
                return await ss.resolve("distro0/0")

        resolved = await median("SimpleStreams.resolve() (new client)", 5, resolve_cold)
        async with SimpleStreams(url, architectures=["x86_64"]) as ss:
            listed = len(await ss.list())
            warm = await median("SimpleStreams.resolve() (warm)", 5, lambda: ss.resolve("distro0/0"))
        print(f"  {listed} images; cold SDK / raw = {sdk / base:.1f}x, disk cache / raw = {from_disk / base:.1f}x")
    finally:
        await runner.cleanup()
    return {
        "products": n,
        "images": listed,
        "raw": base,
        "cold": sdk,
        "warm": warm,
        "disk": from_disk,
        "resolve_cold": resolved,
    }


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--json"]
    results = asyncio.run(main(int(args[0]) if args else 2000))
    if "--json" in sys.argv:
        print(json.dumps(results))
