"""A hostile or broken server: redirects, stalls, malformed and oversize replies.

Issue 14, items 1 (redirects), 5 (stalls), 6 (operation waits) and 8
(malformed replies), against fake servers on unix sockets and 127.0.0.1:
what no real daemon can be made to send.
"""

from __future__ import annotations

import asyncio
import io
import json
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from incus_sdk import (
    Client,
    IncusAPIError,
    IncusError,
    IncusProtocolError,
    IncusRedirectError,
    IncusTimeoutError,
)

from ..certs import self_signed
from .conftest import Start, all_extensions, envelope

SLOW_OP = "0f0e6d6c-0000-4000-8000-00000000abcd"


def reply(body: Any, status: int = 200) -> Any:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(text=json.dumps(body), status=status, content_type="application/json")

    return handler


def running_op() -> dict[str, Any]:
    return {"id": SLOW_OP, "class": "task", "description": "Slow", "status": "Running", "status_code": 103}


# -- item 1: redirects are never followed ---------------------------------------


class Recorder:
    """A plain-HTTP server on 127.0.0.1 that records what reaches it (the "other host")."""

    def __init__(self) -> None:
        self.hits: list[tuple[str, str, bytes]] = []
        self.url = ""

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.hits.append((request.method, request.path, await request.read()))
        if request.headers.get("Upgrade", "").lower() == "websocket":
            ws = web.WebSocketResponse()
            await ws.prepare(request)
            await ws.close()
            return ws
        return web.json_response(envelope({}))


@pytest.fixture
async def other_host() -> AsyncIterator[Recorder]:
    recorder = Recorder()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", recorder.handle)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    recorder.url = f"http://127.0.0.1:{port}"
    yield recorder
    await runner.cleanup()


def redirect_to(location: str, status: int) -> Any:
    async def handler(request: web.Request) -> web.Response:
        await request.read()
        if request.path == "/1.0":
            return web.json_response(envelope({"api_extensions": [], "auth": "trusted"}))
        return web.Response(status=status, headers={"Location": location + request.path_qs})

    return handler


def _self_signed(directory: Path) -> tuple[str, str]:
    cert, key = self_signed("hostile-fake", server=True, ips=("127.0.0.1",))
    (directory / "fake.crt").write_text(cert)
    (directory / "fake.key").write_text(key)
    return str(directory / "fake.crt"), str(directory / "fake.key")


@pytest.fixture
async def pinned_https(tmp_path: Path) -> AsyncIterator[Callable[[Any], Awaitable[Client]]]:
    """An HTTPS fake on 127.0.0.1 whose certificate the client pins, as for a real remote."""
    crt, key = _self_signed(tmp_path)
    runners: list[web.AppRunner] = []

    async def start(handler: Any) -> Client:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handler)
        runner = web.AppRunner(app, shutdown_timeout=0.1)
        await runner.setup()
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(crt, key)
        await web.TCPSite(runner, "127.0.0.1", 0, ssl_context=ctx).start()
        runners.append(runner)
        return Client(f"https://127.0.0.1:{runner.addresses[0][1]}", server_cert=crt, timeout=5)

    yield start
    for runner in runners:
        await runner.cleanup()


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_pinned_https_redirect_to_another_host_is_refused(
    pinned_https: Any, other_host: Recorder, status: int
) -> None:
    """The issue's case: a secret in a PUT body must not travel to the other host, in clear."""
    client = await pinned_https(redirect_to(other_host.url, status))
    async with client:
        with pytest.raises(IncusRedirectError) as err:
            await client.projects.replace("p", {"config": {"user.secret": "s3cr3t"}})
    assert isinstance(err.value, IncusAPIError)
    assert err.value.status_code == status
    assert err.value.location.startswith(other_host.url)
    assert other_host.url in str(err.value) and "never redirects" in str(err.value)
    assert other_host.hits == []


async def test_redirect_refused_for_streams_and_websockets(fake_daemon: Start, other_host: Recorder) -> None:
    hop = redirect_to(other_host.url, 307)
    sock = await fake_daemon(
        {
            "GET /1.0/instances/c1/files": hop,
            "POST /1.0/instances/c1/files": hop,
            "GET /1.0/events": hop,
            "GET /1.0/storage-pools/p/volumes/custom/v/backups/b/export": hop,
        }
    )
    async with Client(sock, timeout=5) as client:
        with pytest.raises(IncusRedirectError):
            await client.instances.files.read("c1", "/etc/hostname")
        with pytest.raises(IncusRedirectError):
            await client.instances.files.push("c1", "/tmp/x", b"secret data")
        with pytest.raises(IncusRedirectError):
            async with client.events():
                pass
        with pytest.raises(IncusRedirectError):
            _ = [chunk async for chunk in client.storage_pools.volumes.backups.iter_export("p", "v", "b")]
    assert other_host.hits == []


# -- item 5: every network wait is bounded ------------------------------------------


def hang() -> Any:
    async def handler(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    return handler


def stall_after(first: bytes, length: int) -> Any:
    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"X-Incus-type": "file", "Content-Length": str(length)})
        await response.prepare(request)
        await response.write(first)
        await asyncio.sleep(3600)
        return response

    return handler


async def test_websocket_handshake_is_bounded(fake_daemon: Start) -> None:
    sock = await fake_daemon({"GET /1.0/events": hang()})
    async with Client(sock, timeout=0.5) as client:
        started = time.monotonic()
        with pytest.raises(IncusTimeoutError, match="handshake"):
            await client.events().connect()
    assert time.monotonic() - started < 3


async def test_stream_headers_are_bounded(fake_daemon: Start) -> None:
    sock = await fake_daemon({"GET /1.0/instances/c1/files": hang()})
    async with Client(sock, timeout=0.5) as client:
        started = time.monotonic()
        with pytest.raises(IncusTimeoutError):
            await client.instances.files.read("c1", "/etc/hostname")
    assert time.monotonic() - started < 3


async def test_stalled_download_fails_and_leaves_nothing(fake_daemon: Start, tmp_path: Path) -> None:
    sock = await fake_daemon({"GET /1.0/instances/c1/files": stall_after(b"x" * 1000, 10**6)})
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "pulled"
    async with Client(sock, timeout=0.5) as client:
        started = time.monotonic()
        with pytest.raises(IncusTimeoutError, match="no data"):
            await client.instances.files.pull("c1", "/big", target)
    assert time.monotonic() - started < 3
    assert list(target.parent.iterdir()) == []


async def test_upload_reply_is_bounded(fake_daemon: Start) -> None:
    """An upload may take long, but a server that never answers after it must not hold the call."""
    sock = await fake_daemon({"POST /1.0/images": hang()})
    async with Client(sock, timeout=0.5) as client:
        with pytest.raises(IncusTimeoutError):
            await client.images.import_file(io.BytesIO(b"not really an image"))


# -- item 6: operation waits honour their timeout and never spin --------------------


async def test_wait_honours_timeout_on_a_stalled_server(fake_daemon: Start) -> None:
    sock = await fake_daemon(
        {"GET /1.0/operations/{id}": reply(envelope(running_op())), "GET /1.0/operations/{id}/wait": hang()}
    )
    async with Client(sock) as client:
        op = await client.operations.get(SLOW_OP)
        started = time.monotonic()
        with pytest.raises(IncusTimeoutError, match=r"still Running after 1\.5s"):
            await op.wait(timeout=1.5)
    assert 1.5 <= time.monotonic() - started < 2.0


async def test_wait_backs_off_when_the_server_returns_at_once(fake_daemon: Start) -> None:
    calls: list[float] = []

    async def wait(request: web.Request) -> web.Response:
        calls.append(time.monotonic())
        return web.json_response(envelope(running_op()))

    sock = await fake_daemon(
        {"GET /1.0/operations/{id}": reply(envelope(running_op())), "GET /1.0/operations/{id}/wait": wait}
    )
    async with Client(sock) as client:
        op = await client.operations.get(SLOW_OP)
        started = time.monotonic()
        with pytest.raises(IncusTimeoutError):
            await op.wait(timeout=2)
    assert time.monotonic() - started < 2.5
    # 3,365-5,547 requests in 2 s before; now a handful, spaced by a growing pause.
    assert len(calls) <= 10, len(calls)


# -- item 8: malformed replies are IncusProtocolError, naming the endpoint ----------


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.profiles.list(),
        lambda c: c.profiles.names(),
        lambda c: c.instances.list(),
        lambda c: c.images.names(),
        lambda c: c.storage_pools.volumes.list("default"),
        lambda c: c.storage_pools.volumes.names("default"),
        lambda c: c.certificates.list(),
        lambda c: c.server.warnings.list(),
        lambda c: c.cluster.members.list(),
        lambda c: c.operations.list(),
        lambda c: c.networks.allocations(),
    ],
)
async def test_metadata_of_the_wrong_type_is_a_protocol_error(fake_daemon: Start, call: Any) -> None:
    async def garbage(request: web.Request) -> web.Response:
        if request.path == "/1.0":
            return web.json_response(envelope({"api_extensions": all_extensions()}))
        return web.json_response(envelope("abc"))

    sock = await fake_daemon({"GET /1.0": garbage, "GET /{tail:.*}": garbage})
    async with Client(sock) as client:
        with pytest.raises(IncusProtocolError) as err:
            await call(client)
    assert err.value.url is not None and err.value.url.startswith("http://incus.socket/1.0/")
    assert err.value.method == "GET"
    assert "str" in err.value.message


async def test_list_of_non_urls_is_a_protocol_error(fake_daemon: Start) -> None:
    sock = await fake_daemon({"GET /1.0/profiles": reply(envelope([1, 2]))})
    async with Client(sock) as client:
        with pytest.raises(IncusProtocolError, match="list of URLs"):
            await client.profiles.names()


@pytest.mark.parametrize(
    ("path", "call", "metadata"),
    [
        ("/1.0/profiles/p", lambda c: c.profiles.get("p"), {"name": ["not", "a", "string"]}),
        ("/1.0/projects/p", lambda c: c.projects.get("p"), {"name": "p", "config": "not a map"}),
        ("/1.0/instances/c/state", lambda c: c.instances.state("c"), {"pid": "many"}),
        ("/1.0/profiles/p", lambda c: c.profiles.get("p"), "a string"),
        ("/1.0/profiles", lambda c: c.profiles.list(), [{"name": 5}]),
    ],
)
async def test_wrong_field_types_are_a_protocol_error(fake_daemon: Start, path: str, call: Any, metadata: Any) -> None:
    sock = await fake_daemon({f"GET {path}": reply(envelope(metadata))})
    async with Client(sock) as client:
        with pytest.raises(IncusProtocolError) as err:
            await call(client)
    assert err.value.url == "http://incus.socket" + path
    assert not isinstance(err.value.__cause__, IncusError)  # the pydantic error stays as the cause, for debugging


@pytest.mark.parametrize("code", ["404", 4.5, [404], {"x": 1}, True])
async def test_non_integer_error_code(fake_daemon: Start, code: Any) -> None:
    body = {"type": "error", "error_code": code, "error": "boom", "metadata": None}
    sock = await fake_daemon({"GET /1.0/profiles/p": reply(body, 404)})
    async with Client(sock) as client:
        with pytest.raises(IncusProtocolError, match="error_code") as err:
            await client.profiles.get("p")
    assert err.value.status_code == 404


@pytest.mark.parametrize("metadata", [None, {"description": "no id"}, "just text"])
async def test_async_reply_without_operation(fake_daemon: Start, metadata: Any) -> None:
    body = {"type": "async", "status_code": 100, "operation": "", "metadata": metadata}
    sock = await fake_daemon({"DELETE /1.0/profiles/p": reply(body, 202)})
    async with Client(sock) as client:
        with pytest.raises(IncusProtocolError) as err:
            await client.profiles.delete("p")
    assert err.value.method == "DELETE"
    assert err.value.url == "http://incus.socket/1.0/profiles/p"


async def test_operation_wait_reply_that_is_not_an_operation(fake_daemon: Start) -> None:
    sock = await fake_daemon(
        {
            "GET /1.0/operations/{id}": reply(envelope(running_op())),
            "GET /1.0/operations/{id}/wait": reply(envelope({"status_code": "soon"})),
        }
    )
    async with Client(sock) as client:
        op = await client.operations.get(SLOW_OP)
        with pytest.raises(IncusProtocolError, match="OperationModel"):
            await op.wait(timeout=5)


@pytest.mark.parametrize("chunked", [False, True])
async def test_oversize_json_reply_is_refused(fake_daemon: Start, chunked: bool) -> None:
    big = json.dumps(envelope(["/1.0/profiles/" + "x" * 1000] * 3000)).encode()  # ~3 MB

    async def handler(request: web.Request) -> web.StreamResponse:
        if not chunked:
            return web.Response(body=big, content_type="application/json")
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        for start in range(0, len(big), 65536):
            await response.write(big[start : start + 65536])
        await response.write_eof()
        return response

    sock = await fake_daemon({"GET /1.0/profiles": handler})
    async with Client(sock, max_reply_size=1 << 20) as client:
        with pytest.raises(IncusProtocolError, match="max_reply_size"):
            await client.profiles.names()
    async with Client(sock) as client:  # the default (64 MiB) takes it
        assert len(await client.profiles.names()) == 3000


def test_max_reply_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_reply_size"):
        Client("/nonexistent.sock", max_reply_size=0)


async def test_malformed_metrics_are_a_protocol_error(fake_daemon: Start) -> None:
    async def metrics(request: web.Request) -> web.Response:
        return web.Response(text='incus_cpu_seconds_total{name="c1" 12\n', content_type="text/plain")

    sock = await fake_daemon(
        {"GET /1.0": reply(envelope({"api_extensions": all_extensions()})), "GET /1.0/metrics": metrics}
    )
    async with Client(sock) as client:
        assert await client.server.metrics_text() == 'incus_cpu_seconds_total{name="c1" 12\n'
        with pytest.raises(IncusProtocolError, match="not a valid exposition: line 1") as err:
            await client.server.metrics()
    assert err.value.url == "http://incus.socket/1.0/metrics"
    assert err.value.method == "GET"
    assert isinstance(err.value.__cause__, ValueError)  # the parser's error, naming the line, for debugging
