"""The benchmark workloads, done by the SDK and by a minimal raw aiohttp client.

Each case runs in a process of its own (so its peak RSS is its own), started
by ``benchmarks/run_all.py``::

    python benchmarks/workloads.py CLIENT CASE CONTEXT_JSON

``CLIENT`` is ``sdk`` or ``raw`` (pylxd's side is ``pylxd_workloads.py``,
run with pylxd's own interpreter); ``CONTEXT_JSON`` says where things are
(socket, project, instance...). It prints one JSON object: for each of
``reps`` repetitions after a warm-up, the client's CPU time
(``time.process_time``: this process only, the daemon's work excluded) and
the wall time, plus what the case reports (peak RSS, connections...).
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp

BASE = "http://incus.socket"
CHUNK = 1 << 20

Case = Callable[[dict[str, Any]], Awaitable[Callable[[], Awaitable[Any]]]]


# -- the raw client: what a careful programmer writes with aiohttp alone ----------


class Raw:
    """Plain aiohttp requests: JSON decoded with ``json.loads``, operations waited with ``/wait``."""

    def __init__(self, ctx: dict[str, Any], limit: int = 100) -> None:
        self.session = aiohttp.ClientSession(connector=aiohttp.UnixConnector(path=ctx["socket"], limit=limit))
        self.project = ctx["project"]

    async def close(self) -> None:
        await self.session.close()

    async def call(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        async with self.session.request(
            method, BASE + path, params={"project": self.project, **params}, json=body
        ) as reply:
            data = json.loads(await reply.read())
        if data.get("type") == "error":
            raise RuntimeError(data.get("error"))
        if data.get("type") == "async":
            await self.wait(data["metadata"]["id"])
        return data.get("metadata")

    async def wait(self, op_id: str) -> dict[str, Any]:
        async with self.session.get(
            f"{BASE}/1.0/operations/{op_id}/wait", params={"timeout": "120", "project": self.project}
        ) as reply:
            result = json.loads(await reply.read())
        if result.get("type") == "error" or result["metadata"]["status"] != "Success":
            raise RuntimeError(result.get("error") or result["metadata"]["err"])
        metadata: dict[str, Any] = result["metadata"]
        return metadata

    async def lifecycle(self, name: str, image: str) -> None:
        await self.call("POST", "/1.0/instances", {"name": name, "source": {"type": "image", "alias": image}})
        await self.call("PUT", f"/1.0/instances/{name}/state", {"action": "start"})
        await self.call("PUT", f"/1.0/instances/{name}/state", {"action": "stop", "force": True})
        await self.call("DELETE", f"/1.0/instances/{name}")

    async def exec(self, instance: str, command: list[str]) -> bytes:
        body = {"command": command, "wait-for-websocket": True, "interactive": False}
        op = await self.call_sync("POST", f"/1.0/instances/{instance}/exec", body)
        fds = op["metadata"]["fds"]

        async def connect(secret: str) -> aiohttp.ClientWebSocketResponse:
            url = f"{BASE}/1.0/operations/{op['id']}/websocket"
            return await self.session.ws_connect(url, params={"secret": secret, "project": self.project})

        control = await connect(fds["control"])
        sockets = [*await asyncio.gather(*(connect(fds[k]) for k in ("0", "1", "2"))), control]

        async def drain(ws: aiohttp.ClientWebSocketResponse) -> bytes:
            out = b""
            while True:
                try:
                    msg = await ws.receive()
                except ConnectionResetError:
                    continue
                if msg.type != aiohttp.WSMsgType.BINARY:
                    return out
                out += msg.data

        try:
            await sockets[0].send_str("")
        except aiohttp.ClientConnectionResetError:
            pass
        stdout, _ = await asyncio.gather(drain(sockets[1]), drain(sockets[2]))
        await self.wait(op["id"])
        await asyncio.gather(*(ws.close() for ws in sockets))
        return stdout

    async def call_sync(self, method: str, path: str, body: Any = None) -> Any:
        """A request whose reply (sync or async) is returned without waiting."""
        async with self.session.request(method, BASE + path, params={"project": self.project}, json=body) as reply:
            data = json.loads(await reply.read())
        if data.get("type") == "error":
            raise RuntimeError(data.get("error"))
        return data["metadata"]

    async def push(self, instance: str, path: str, local: str) -> None:
        params = {"path": path, "project": self.project}
        async with self.session.post(
            f"{BASE}/1.0/instances/{instance}/files", params=params, data=read_chunks(local)
        ) as reply:
            assert reply.status == 200, await reply.text()

    async def download(self, url_path: str, local: str, **params: str) -> None:
        async with self.session.get(BASE + url_path, params={"project": self.project, **params}) as reply:
            assert reply.status == 200, await reply.text()
            with open(local, "wb") as out:
                async for chunk in reply.content.iter_chunked(CHUNK):
                    await asyncio.to_thread(out.write, chunk)


async def read_chunks(path: str) -> AsyncIterator[bytes]:
    handle = await asyncio.to_thread(open, path, "rb")
    try:
        while chunk := await asyncio.to_thread(handle.read, CHUNK):
            yield chunk
    finally:
        handle.close()


def sockets_open() -> int:
    """The process's open sockets (each HTTP connection or websocket to the daemon is one)."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
        except OSError:
            pass
    return count


class PeakSockets:
    """Samples :func:`sockets_open` while a block runs."""

    def __init__(self) -> None:
        self.peak = 0
        self._task: asyncio.Task[None] | None = None

    async def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, sockets_open())
            await asyncio.sleep(0.01)

    async def __aenter__(self) -> PeakSockets:
        self._task = asyncio.ensure_future(self._sample())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        self.peak = max(self.peak, sockets_open())


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


# -- the cases: each returns the function one repetition runs ---------------------


def sdk_client(ctx: dict[str, Any], socket: str | None = None) -> Any:
    from incus_sdk import Client

    return Client(socket or ctx["socket"], project=ctx["project"])


async def case_get500(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    name = ctx["instance"]
    if client == "sdk":
        sdk = await sdk_client(ctx).__aenter__()

        async def run() -> None:
            for _ in range(500):
                await sdk.instances.get(name)

        return run
    raw = Raw(ctx)

    async def run_raw() -> None:
        for _ in range(500):
            await raw.call("GET", f"/1.0/instances/{name}")

    return run_raw


async def case_concurrent200(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    name = ctx["instance"]
    if client == "sdk":
        sdk = await sdk_client(ctx).__aenter__()

        async def run() -> None:
            await asyncio.gather(*(sdk.instances.get(name) for _ in range(200)))

        return run
    raw = Raw(ctx)

    async def run_raw() -> None:
        await asyncio.gather(*(raw.call("GET", f"/1.0/instances/{name}") for _ in range(200)))

    return run_raw


async def _list_full(client: str, ctx: dict[str, Any], socket: str, count: int) -> Callable[[], Awaitable[Any]]:
    project = ctx["list_project"]
    if client == "sdk":
        sdk = await sdk_client(ctx, socket).__aenter__()
        scoped = sdk.with_project(project)

        async def run() -> None:
            items = await scoped.instances.list(recursion=2)
            assert len(items) == count, len(items)

        return run
    raw = Raw({**ctx, "socket": socket, "project": project})

    async def run_raw() -> None:
        assert len(await raw.call("GET", "/1.0/instances", recursion=2)) == count

    return run_raw


async def case_list200(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    return await _list_full(client, ctx, ctx["socket"], ctx["list_count"])


async def case_list2000(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    return await _list_full(client, ctx, ctx["replay_socket"], ctx["replay_count"])


async def sdk_lifecycle(sdk: Any, name: str, image: str) -> None:
    """What ``Raw.lifecycle`` does, through the SDK's public API (``sdk``: a ``Client``)."""
    # wait=False and then the wait: the requests raw sends (with wait=True,
    # create also reads the new instance back).
    created = await sdk.instances.create(name, source={"type": "image", "alias": image}, wait=False)
    await created.wait()
    await sdk.instances.start(name, wait=True)
    await sdk.instances.stop(name, force=True, wait=True)
    await sdk.instances.delete(name, wait=True)


async def case_lifecycle10(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    image = ctx["image"]
    if client == "sdk":
        sdk = await sdk_client(ctx).__aenter__()

        async def one(name: str) -> None:
            await sdk_lifecycle(sdk, name, image)

    else:
        raw = Raw(ctx)

        async def one(name: str) -> None:
            await raw.lifecycle(name, image)

    async def run() -> None:
        for _ in range(10):
            await one(unique("bl"))

    return run


async def case_lifecycle200(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    image = ctx["image"]
    if client == "sdk":
        sdk = await sdk_client(ctx).__aenter__()

        async def one(name: str) -> None:
            await sdk_lifecycle(sdk, name, image)

    else:
        raw = Raw(ctx)

        async def one(name: str) -> None:
            await raw.lifecycle(name, image)

    async def run() -> dict[str, Any]:
        async with PeakSockets() as peak:
            await asyncio.gather(*(one(unique("bc")) for _ in range(200)))
        return {"peak_sockets": peak.peak}

    return run


async def case_exec50(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    name = ctx["instance"]
    if client == "sdk":
        sdk = await sdk_client(ctx).__aenter__()

        async def run() -> None:
            for _ in range(50):
                result = await sdk.instances.exec(name, ["echo", "hi"])
                assert result.exit_code == 0  # (incusd drops an output now and then under load)

        return run
    raw = Raw(ctx)

    async def run_raw() -> None:
        for _ in range(50):
            await raw.exec(name, ["echo", "hi"])

    return run_raw


async def case_waits1000(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    """1,000 operations (``sleep 2`` in the container, no websockets), each waited on as soon as started.

    Both clients start them 8 requests at a time; what differs is what the
    waits hold.
    """
    name = ctx["instance"]
    body = {"command": ["sleep", "2"], "wait-for-websocket": False, "interactive": False, "record-output": False}
    limit = asyncio.Semaphore(8)
    if client == "sdk":
        sdk = await sdk_client(ctx).__aenter__()
        path = f"/1.0/instances/{name}/exec"

        async def one() -> None:
            async with limit:
                response = await sdk.api.post(path, body)
            await response.wait(timeout=300)

    else:
        raw = Raw(ctx)

        async def one() -> None:
            async with limit:
                op = await raw.call_sync("POST", f"/1.0/instances/{name}/exec", body)
            await raw.wait(op["id"])

    async def run() -> dict[str, Any]:
        async with PeakSockets() as peak:
            await asyncio.gather(*(one() for _ in range(1000)))
        return {"peak_sockets": peak.peak}

    return run


def _transfer_files(ctx: dict[str, Any], size_mib: int) -> tuple[str, str]:
    local = os.path.join(ctx["tmp"], f"data-{size_mib}.bin")
    back = os.path.join(ctx["tmp"], f"back-{os.getpid()}.bin")
    return local, back


async def _files(client: str, ctx: dict[str, Any], size_mib: int, direction: str) -> Callable[[], Awaitable[Any]]:
    name, remote = ctx["instance"], f"/root/bench-{size_mib}.bin"
    local, back = _transfer_files(ctx, size_mib)
    push = direction in ("push", "both")
    pull = direction in ("pull", "both")
    if client == "sdk":
        sdk = await sdk_client(ctx).__aenter__()
        if not push:
            await sdk.instances.files.push(name, remote, local)

        async def run() -> None:
            if push:
                await sdk.instances.files.push(name, remote, local)
            if pull:
                await sdk.instances.files.pull(name, remote, back)
                os.unlink(back)

        return run
    raw = Raw(ctx)
    if not push:
        await raw.push(name, remote, local)

    async def run_raw() -> None:
        if push:
            await raw.push(name, remote, local)
        if pull:
            await raw.download(f"/1.0/instances/{name}/files", back, path=remote)
            os.unlink(back)

    return run_raw


async def case_files64(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    return await _files(client, ctx, 64, "both")


async def case_push1g(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    return await _files(client, ctx, ctx["big_mib"], "push")


async def case_pull1g(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    return await _files(client, ctx, ctx["big_mib"], "pull")


async def _image_export(client: str, ctx: dict[str, Any], verify: bool) -> Callable[[], Awaitable[Any]]:
    fingerprint = ctx["image_fingerprint"]
    target = os.path.join(ctx["tmp"], f"export-{os.getpid()}")
    if client == "sdk":
        sdk = await sdk_client(ctx).__aenter__()

        async def run() -> None:
            for path in await sdk.images.export(fingerprint, target, verify=verify):
                os.unlink(path)

        return run
    raw = Raw(ctx)

    async def run_raw() -> None:
        await raw.download(f"/1.0/images/{fingerprint}/export", target)
        os.unlink(target)

    return run_raw


async def case_export1g(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    return await _image_export(client, ctx, verify=True)


async def case_export1g_unverified(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    return await _image_export(client, ctx, verify=False)


async def case_import1g(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    tarball = ctx["image_tarball"]
    if client == "sdk":
        sdk = await sdk_client(ctx).__aenter__()

        async def run() -> None:
            fingerprint = await sdk.images.import_file(tarball, wait=True)
            await sdk.images.delete(fingerprint, wait=True)

        return run
    raw = Raw(ctx)

    async def run_raw() -> None:
        async with raw.session.post(
            f"{BASE}/1.0/images", params={"project": raw.project}, data=read_chunks(tarball)
        ) as reply:
            op = json.loads(await reply.read())["metadata"]
        done = await raw.wait(op["id"])
        await raw.call("DELETE", f"/1.0/images/{done['metadata']['fingerprint']}")

    return run_raw


async def case_backup1g(client: str, ctx: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    name, backup = ctx["backup_instance"], ctx["backup"]
    target = os.path.join(ctx["tmp"], f"backup-{os.getpid()}")
    if client == "sdk":
        sdk = await sdk_client(ctx).__aenter__()

        async def run() -> None:
            await sdk.instances.backups.export(name, backup, target)
            os.unlink(target)

        return run
    raw = Raw(ctx)

    async def run_raw() -> None:
        await raw.download(f"/1.0/instances/{name}/backups/{backup}/export", target)
        os.unlink(target)

    return run_raw


CASES: dict[str, Callable[[str, dict[str, Any]], Awaitable[Callable[[], Awaitable[Any]]]]] = {
    name.removeprefix("case_"): fn for name, fn in globals().items() if name.startswith("case_")
}


async def measure(client: str, case: str, ctx: dict[str, Any], reps: int, warmup: int) -> dict[str, Any]:
    run = await CASES[case](client, ctx)
    for _ in range(warmup):
        await run()
    cpu, wall, extra = [], [], []
    for _ in range(reps):
        c0, w0 = time.process_time(), time.perf_counter()
        result = await run()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
        extra.append(result or {})
    return {"cpu": cpu, "wall": wall, "extra": extra, "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def main() -> None:
    client, case, ctx_json = sys.argv[1:4]
    ctx = json.loads(ctx_json)
    result = asyncio.run(measure(client, case, ctx, ctx.get("reps", 5), ctx.get("warmup", 1)))
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # the cases leave their clients open: the process ends here


if __name__ == "__main__":
    main()
