"""Retries (``Client(retry=Retry(...))``) against a fake daemon: what is retried, what never is.

The statuses a real daemon does not give on demand (502/503/504), dropped
connections and a daemon that is not there yet. The real daemon stopped and
started under an open client is in ``tests/cluster/test_restart.py``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from incus_sdk import (
    Client,
    IncusAPIError,
    IncusConnectionError,
    IncusNotFoundError,
    IncusPreconditionFailedError,
    Retry,
    api_path,
)
from incus_sdk.retry import classify

from .conftest import envelope, error_envelope, serve

Start = Callable[[dict[str, Any]], Awaitable[str]]

#: Quick retries for tests: pauses of at most a few milliseconds.
FAST = Retry(attempts=4, backoff=0.005, max_backoff=0.02, deadline=10)


def failing(statuses: list[int], then: Any = None, *, seen: list[str] | None = None) -> Any:
    """A handler answering each status of ``statuses`` in turn (an error envelope), then ``then``."""
    left = list(statuses)

    async def handler(request: web.Request) -> web.Response:
        if seen is not None:
            seen.append(request.method)
        if left:
            code = left.pop(0)
            return web.json_response(error_envelope(code, f"status {code}"), status=code)
        return web.json_response(envelope(then))

    return handler


@pytest.mark.parametrize("status", [502, 503, 504])
async def test_a_read_is_retried_on_a_passing_status(fake_daemon: Start, status: int) -> None:
    seen: list[str] = []
    sock = await fake_daemon({"GET /1.0/profiles": failing([status, status], [], seen=seen)})
    async with Client(sock, retry=FAST) as client:
        assert await client.profiles.names() == []
    assert seen == ["GET"] * 3


async def test_without_retry_one_attempt(fake_daemon: Start) -> None:
    seen: list[str] = []
    sock = await fake_daemon({"GET /1.0/profiles": failing([503], [], seen=seen)})
    async with Client(sock) as client:
        with pytest.raises(IncusAPIError) as err:
            await client.profiles.names()
    assert err.value.status_code == 503
    assert seen == ["GET"]


async def test_attempts_are_bounded_and_the_last_error_raised(fake_daemon: Start) -> None:
    seen: list[str] = []
    sock = await fake_daemon({"GET /1.0/profiles": failing([503] * 10, [], seen=seen)})
    async with Client(sock, retry=FAST) as client:
        with pytest.raises(IncusAPIError, match="status 503"):
            await client.profiles.names()
    assert len(seen) == FAST.attempts


@pytest.mark.parametrize(
    ("status", "error"),
    [(400, IncusAPIError), (404, IncusNotFoundError), (412, IncusPreconditionFailedError), (500, IncusAPIError)],
)
async def test_other_errors_are_never_retried(fake_daemon: Start, status: int, error: type[Exception]) -> None:
    seen: list[str] = []
    sock = await fake_daemon({"GET /1.0/profiles": failing([status], [], seen=seen)})
    async with Client(sock, retry=FAST) as client:
        with pytest.raises(error):
            await client.profiles.names()
    assert seen == ["GET"]


async def test_writes_are_retried_only_when_a_repeat_is_harmless(fake_daemon: Start) -> None:
    """After the request went out: POST, PATCH and PUT without If-Match never; PUT with If-Match and DELETE yes."""
    calls: dict[str, list[str]] = {}
    routes: dict[str, Any] = {}
    for method in ("POST", "PATCH", "PUT", "DELETE"):
        calls[method] = []
        routes[f"{method} /1.0/profiles/p"] = failing([503] * 2 + [503] * 10, {}, seen=calls[method])
    sock = await fake_daemon(routes)
    path = api_path("profiles", "p")
    async with Client(sock, retry=FAST) as client:
        core = client._core
        for method in ("POST", "PATCH"):
            with pytest.raises(IncusAPIError):
                await core.request(method, path, json={})
        with pytest.raises(IncusAPIError):
            await core.request("PUT", path, json={})  # unconditional: may overwrite someone's change
        assert [len(calls[m]) for m in ("POST", "PATCH", "PUT")] == [1, 1, 1]
        with pytest.raises(IncusAPIError):
            await core.request("PUT", path, json={}, etag='"abc"')
        assert len(calls["PUT"]) == 1 + FAST.attempts
        with pytest.raises(IncusAPIError):
            await core.request("DELETE", path)
        assert len(calls["DELETE"]) == FAST.attempts


async def test_a_conditional_put_that_gets_through_after_a_retry(fake_daemon: Start) -> None:
    seen: list[str] = []
    sock = await fake_daemon({"PUT /1.0/profiles/p": failing([502], {}, seen=seen)})
    async with Client(sock, retry=FAST) as client:
        response = await client._core.request("PUT", api_path("profiles", "p"), json={}, etag='"e1"')
    assert response.http_status == 200
    assert seen == ["PUT", "PUT"]


async def test_the_deadline_bounds_all_attempts(fake_daemon: Start) -> None:
    sock = await fake_daemon({"GET /1.0/profiles": failing([503] * 1000, [])})
    policy = Retry(attempts=1000, backoff=0.05, max_backoff=0.05, deadline=0.5)
    async with Client(sock, retry=policy) as client:
        started = time.monotonic()
        with pytest.raises(IncusAPIError):
            await client.profiles.names()
    assert time.monotonic() - started < 0.5 + 0.3


async def test_an_operation_wait_retries_within_its_own_timeout(fake_daemon: Start) -> None:
    """The /wait request is retried on 503, but never past the wait's timeout."""
    op = {"id": "op1", "status": "Running", "status_code": 103, "description": "Working", "class": "task"}

    async def started(request: web.Request) -> web.Response:
        body = {**envelope(op), "type": "async", "operation": "/1.0/operations/op1", "status_code": 100}
        return web.json_response(body, status=202)

    sock = await fake_daemon(
        {"POST /1.0/profiles": started, "GET /1.0/operations/op1/wait": failing([503] * 10_000, op)}
    )
    policy = Retry(attempts=1000, backoff=0.05, max_backoff=0.1, deadline=60)
    async with Client(sock, retry=policy) as client:
        response = await client._core.request("POST", api_path("profiles"), json={})
        assert response.operation is not None
        begin = time.monotonic()
        with pytest.raises(IncusAPIError):
            await response.operation.wait(timeout=0.6)
    assert time.monotonic() - begin < 0.6 + 0.4


async def test_a_stream_is_retried_only_before_its_body(fake_daemon: Start) -> None:
    seen: list[str] = []

    async def download(request: web.Request) -> web.StreamResponse:
        seen.append(request.method)
        if len(seen) == 1:
            return web.json_response(error_envelope(503, "not yet"), status=503)
        return web.Response(body=b"x" * 100, content_type="application/octet-stream")

    sock = await fake_daemon({"GET /1.0/instances/c/backups/b/export": download})
    async with Client(sock, retry=FAST) as client:
        data = b"".join([c async for c in client.instances.backups.iter_export("c", "b")])
    assert data == b"x" * 100
    assert seen == ["GET", "GET"]


async def test_an_upload_is_never_repeated_once_sent(fake_daemon: Start) -> None:
    seen: list[str] = []
    sock = await fake_daemon({"POST /1.0/instances/c/files": failing([503] * 5, None, seen=seen)})
    async with Client(sock, retry=FAST) as client:
        with pytest.raises(IncusAPIError):
            await client.instances.files.push("c", "/f", b"data")
    assert seen == ["POST"]


# -- connections ------------------------------------------------------------------


async def _serve_later(path: Path, delay: float, routes: dict[str, Any]) -> web.AppRunner:
    await asyncio.sleep(delay)
    return await serve(routes, str(path))


@pytest.fixture
async def later(tmp_path: Path) -> AsyncIterator[Callable[..., Awaitable[web.AppRunner]]]:
    runners: list[asyncio.Task[web.AppRunner]] = []

    def start(delay: float, routes: dict[str, Any]) -> asyncio.Task[web.AppRunner]:
        task = asyncio.ensure_future(_serve_later(tmp_path / "late.sock", delay, routes))
        runners.append(task)
        return task

    yield start  # type: ignore[misc]
    for task in runners:
        await (await task).cleanup()


async def test_a_write_is_retried_while_the_daemon_is_not_there_yet(tmp_path: Path, later: Any) -> None:
    """Nothing was sent while the socket refused connections: even a POST is retried."""
    created: list[Any] = []

    async def create(request: web.Request) -> web.Response:
        created.append(await request.json())
        return web.json_response(envelope({}), status=201)

    later(0.4, {"POST /1.0/profiles": create})
    client = Client(str(tmp_path / "late.sock"), retry=Retry(backoff=0.05, max_backoff=0.2, attempts=50))
    try:
        await client._core.request("POST", api_path("profiles"), json={"name": "web"})
    finally:
        await client.disconnect()
    assert created == [{"name": "web"}]


async def test_without_retry_a_missing_daemon_fails_at_once(tmp_path: Path) -> None:
    client = Client(str(tmp_path / "nobody.sock"))
    started = time.monotonic()
    with pytest.raises(IncusConnectionError):
        await client.profiles.names()
    await client.disconnect()
    assert time.monotonic() - started < 1


class FlakyServer:
    """A raw HTTP/1.1 server on a unix socket whose "restart" leaves the old connections dead.

    Before :meth:`restart` it answers every request on a kept-alive
    connection. After it, a request arriving on a connection opened before
    is dropped without a reply (as a daemon that died without closing its
    connections leaves them), while new connections are served.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.generation = 0
        self.connections = 0
        self.answered: list[str] = []
        self._server: asyncio.AbstractServer | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_unix_server(self._serve, self.path)

    def restart(self) -> None:
        self.generation += 1

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        born = self.generation
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode().split("\r\n")
                length = next(
                    (int(v) for k, _, v in (x.partition(": ") for x in lines) if k.lower() == "content-length"), 0
                )
                if length:
                    await reader.readexactly(length)
                if born != self.generation:
                    writer.transport.abort()
                    return
                self.answered.append(lines[0])
                body = json.dumps(envelope({})).encode()
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


async def test_idle_connections_to_a_dead_daemon_are_dropped(tmp_path: Path) -> None:
    server = FlakyServer(str(tmp_path / "flaky.sock"))
    await server.start()
    try:
        async with Client(server.path) as client:
            path = api_path("profiles")
            await asyncio.gather(*(client._core.request("GET", path) for _ in range(4)))
            assert server.connections >= 2  # several idle connections in the pool now
            server.restart()
            # The first write meets a dead connection: a POST is never repeated...
            with pytest.raises(IncusConnectionError):
                await client._core.request("POST", path, json={})
            before = server.connections
            # ...but the pool was emptied, so the next one opens a fresh connection.
            await client._core.request("POST", path, json={})
            await client._core.request("POST", path, json={})
            assert server.connections == before + 1
            assert server.answered[-2:] == ["POST /1.0/profiles HTTP/1.1"] * 2
    finally:
        await server.close()


# -- the policy itself -----------------------------------------------------------------


def test_pauses_grow_and_are_capped() -> None:
    policy = Retry(backoff=0.1, max_backoff=0.4)
    for retry, cap in ((1, 0.1), (2, 0.2), (3, 0.4), (8, 0.4)):
        pauses = [policy.pause(retry) for _ in range(200)]
        assert all(0 <= p <= cap for p in pauses)
        assert max(pauses) > cap / 2  # jitter spreads them over the range


@pytest.mark.parametrize(
    "kwargs", [{"attempts": 0}, {"backoff": -1}, {"max_backoff": -0.1}, {"deadline": 0}, {"deadline": -5}]
)
def test_a_policy_that_makes_no_sense_is_refused(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Retry(**kwargs)


def test_certificate_failures_are_final() -> None:
    import ssl

    import aiohttp

    key = aiohttp.client_reqrep.ConnectionKey("h", 443, True, True, None, None, None)
    cert_error = aiohttp.ClientConnectorCertificateError(key, ssl.SSLCertVerificationError("bad"))
    assert classify(IncusConnectionError("tls", cert_error), {503}) == "final"
    refused = aiohttp.ClientConnectorError(key, ConnectionRefusedError(111, "refused"))
    assert classify(IncusConnectionError("down", refused), {503}) == "unsent"
    assert classify(IncusConnectionError("gone", aiohttp.ServerDisconnectedError()), {503}) == "sent"


async def test_retries_are_logged(fake_daemon: Start, caplog: pytest.LogCaptureFixture) -> None:
    sock = await fake_daemon({"GET /1.0/profiles": failing([503], [])})
    with caplog.at_level(logging.INFO, logger="incus_sdk"):
        async with Client(sock, retry=FAST) as client:
            await client.profiles.names()
    warning = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warning) == 1
    assert warning[0].name == "incus_sdk.http"
    assert "GET /1.0/profiles" in warning[0].getMessage()
    assert "retrying in" in warning[0].getMessage() and "attempt 2 of 4" in warning[0].getMessage()
    info = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert any("succeeded at attempt 2" in m for m in info)
