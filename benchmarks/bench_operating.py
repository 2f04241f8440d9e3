"""What logging, hooks and retries cost per request, on the local socket, beside raw aiohttp.

    .venv/bin/python benchmarks/bench_operating.py [N]

Runs N sequential ``GET /1.0/projects/default`` through ``client.api.get``
for each configuration below, and through a bare aiohttp session, and
prints the client's own CPU time per request (``time.process_time``: the
daemon's time is not in it) and wall time. Configurations:

* default: no hook, logging not configured (what most programs run);
* ``retry=Retry()``: retries configured (none happen: the daemon answers);
* a no-op hook;
* DEBUG logging on, to a handler that drops the records;
* the OpenTelemetry hook with a no-op tracer provider (the API alone).
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Awaitable, Callable

import aiohttp

from incus_sdk import Client, Retry
from incus_sdk._transport import discover_socket
from incus_sdk.hooks import Hook

PATH = "/1.0/projects/default"


async def measure(label: str, n: int, call: Callable[[], Awaitable[object]], base: float | None) -> float:
    for _ in range(50):  # warm the pool
        await call()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(n):
        await call()
    cpu = (time.process_time() - cpu) / n
    wall = (time.perf_counter() - wall) / n
    ratio = f"  {cpu / base:5.2f}x raw" if base else ""
    print(f"  {label:<48} CPU {cpu * 1e6:6.0f} us/req   wall {wall * 1e6:6.0f} us/req{ratio}")
    return cpu


async def main(n: int) -> None:
    socket = discover_socket()
    print(f"{n} x GET {PATH}, sequential:")
    async with aiohttp.ClientSession(connector=aiohttp.UnixConnector(path=socket)) as raw:

        async def raw_get() -> object:
            async with raw.get("http://incus" + PATH) as r:
                return await r.json()

        base = await measure("raw aiohttp (json)", n, raw_get, None)

    async def through(label: str, client: Client) -> None:
        async with client:
            await measure(label, n, lambda: client.api.get(PATH), base)

    await through("client.api.get, default", Client())
    await through("client.api.get, retry=Retry()", Client(retry=Retry()))
    await through("client.api.get, a no-op hook", Client(hooks=[Hook()]))
    logger = logging.getLogger("incus_sdk")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(dropped := logging.NullHandler())
    try:
        await through("client.api.get, DEBUG logging (dropped)", Client())
    finally:
        logger.removeHandler(dropped)
        logger.setLevel(logging.NOTSET)
    try:
        from opentelemetry.trace import NoOpTracerProvider

        from incus_sdk.otel import OpenTelemetryHook
    except ImportError:
        return
    await through(
        "client.api.get, OpenTelemetry (no-op provider)", Client(hooks=[OpenTelemetryHook(NoOpTracerProvider())])
    )


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
