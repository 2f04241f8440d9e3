"""Per-request overhead of the SDK next to raw aiohttp, on the local socket.

    .venv/bin/python benchmarks/bench_core.py [N]

Runs N sequential ``GET /1.0/projects/default`` (and a concurrent batch)
through ``client.projects.get`` (typed model), through the core's raw
``client.api.get`` (envelope only) and through a bare aiohttp session on the
same socket, and prints requests per second and the ratio.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable

import aiohttp

from incus_sdk import Client
from incus_sdk._transport import discover_socket


async def timed(label: str, n: int, call: Callable[[], Awaitable[object]], concurrency: int = 1) -> float:
    for _ in range(20):  # warm the pool
        await call()
    sem = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with sem:
            await call()

    start = time.perf_counter()
    if concurrency == 1:
        for _ in range(n):
            await call()
    else:
        await asyncio.gather(*(one() for _ in range(n)))
    elapsed = time.perf_counter() - start
    print(f"  {label:<42} {n / elapsed:8.0f} req/s  {elapsed / n * 1e6:7.0f} us/req")
    return elapsed


async def main(n: int) -> None:
    socket = discover_socket()
    async with Client() as client, aiohttp.ClientSession(connector=aiohttp.UnixConnector(path=socket)) as raw:

        async def raw_get() -> object:
            async with raw.get("http://incus/1.0/projects/default") as r:
                return await r.json()

        for concurrency in (1, 8):
            print(f"{n} x GET /1.0/projects/default, concurrency {concurrency}:")
            base = await timed("raw aiohttp (json)", n, raw_get, concurrency)
            env = await timed(
                "client.api.get (envelope)", n, lambda: client.api.get("/1.0/projects/default"), concurrency
            )
            typed = await timed(
                "client.projects.get (typed model)", n, lambda: client.projects.get("default"), concurrency
            )
            print(f"  ratio envelope/raw {env / base:.2f}x, typed/raw {typed / base:.2f}x")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
