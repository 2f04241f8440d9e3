"""What the core does with replies a real daemon rarely gives."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web

from incus_sdk import (
    Client,
    IncusAPIError,
    IncusAuthenticationError,
    IncusConflictError,
    IncusConnectionError,
    IncusNotFoundError,
    IncusPermissionError,
    IncusPreconditionFailedError,
    IncusProtocolError,
    IncusTimeoutError,
)
from incus_sdk._session import Session
from incus_sdk._transport import Endpoint, Transport

from .conftest import envelope, error_envelope

Start = Callable[[dict[str, Any]], Awaitable[str]]


def reply(body: Any, status: int = 200, content_type: str = "application/json") -> Any:
    async def handler(request: web.Request) -> web.Response:
        text = body if isinstance(body, str) else json.dumps(body)
        return web.Response(text=text, status=status, content_type=content_type)

    return handler


async def test_sync_reply_is_decoded(fake_daemon: Start) -> None:
    sock = await fake_daemon({"GET /1.0/projects/p": reply(envelope({"name": "p", "config": None}))})
    async with Client(sock) as client:
        project = await client.projects.get("p")
    assert project.name == "p"
    assert project.config == {}  # Go's null map reads as empty


@pytest.mark.parametrize(
    ("code", "exc"),
    [
        (400, IncusAPIError),
        (401, IncusAuthenticationError),
        (403, IncusPermissionError),
        (404, IncusNotFoundError),
        (409, IncusConflictError),
        (412, IncusPreconditionFailedError),
        (500, IncusAPIError),
    ],
)
async def test_error_envelopes_map_to_exceptions(fake_daemon: Start, code: int, exc: type[Exception]) -> None:
    sock = await fake_daemon({"GET /1.0/projects/p": reply(error_envelope(code, "boom"), status=code)})
    async with Client(sock) as client:
        with pytest.raises(exc) as err:
            await client.projects.get("p")
    assert isinstance(err.value, IncusAPIError)
    assert err.value.status_code == code
    assert err.value.message == "boom"
    assert err.value.method == "GET"
    assert err.value.response["error"] == "boom"


async def test_duplicate_reported_as_500_is_a_conflict(fake_daemon: Start) -> None:
    sock = await fake_daemon(
        {"POST /1.0/projects": reply(error_envelope(500, "UNIQUE constraint failed: projects.name"), 500)}
    )
    async with Client(sock) as client:
        with pytest.raises(IncusConflictError):
            await client.projects.create("p")


async def test_non_json_body(fake_daemon: Start) -> None:
    sock = await fake_daemon({"GET /1.0/projects/p": reply("<html>proxy error</html>", 200, "text/html")})
    async with Client(sock) as client:
        with pytest.raises(IncusAPIError, match="malformed reply") as err:
            await client.projects.get("p")
    assert "proxy error" in str(err.value.response)


async def test_non_json_error_body_keeps_status(fake_daemon: Start) -> None:
    sock = await fake_daemon({"GET /1.0/projects/p": reply("not here", 404, "text/plain")})
    async with Client(sock) as client:
        with pytest.raises(IncusNotFoundError, match="not here"):
            await client.projects.get("p")


@pytest.mark.parametrize("body", ["[]", '{"type": "weird"}', '"just a string"', "", '{"metadata": {}}'])
async def test_malformed_envelopes(fake_daemon: Start, body: str) -> None:
    sock = await fake_daemon({"GET /1.0/projects/p": reply(body)})
    async with Client(sock) as client:
        with pytest.raises(IncusAPIError, match="malformed"):
            await client.projects.get("p")


async def test_dropped_connection(fake_daemon: Start) -> None:
    async def drop(request: web.Request) -> web.StreamResponse:
        assert request.transport is not None
        request.transport.close()
        return web.Response()

    sock = await fake_daemon({"GET /1.0/projects/p": drop})
    async with Client(sock) as client:
        with pytest.raises(IncusConnectionError) as err:
            await client.projects.get("p")
    assert not isinstance(err.value, IncusTimeoutError)
    assert err.value.cause is not None


async def test_truncated_body(fake_daemon: Start) -> None:
    async def truncated(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Length": "1000", "Content-Type": "application/json"})
        await response.prepare(request)
        await response.write(b'{"type": "sync", "meta')
        assert request.transport is not None
        request.transport.close()
        return response

    sock = await fake_daemon({"GET /1.0/projects/p": truncated})
    async with Client(sock) as client:
        with pytest.raises(IncusConnectionError):
            await client.projects.get("p")


async def test_slow_reply_times_out(fake_daemon: Start) -> None:
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.json_response(envelope({}))

    sock = await fake_daemon({"GET /1.0/projects/p": slow})
    async with Client(sock, timeout=0.3) as client:
        with pytest.raises(IncusTimeoutError) as err:
            await client.projects.get("p")
    assert isinstance(err.value, IncusConnectionError)
    assert isinstance(err.value, TimeoutError)


async def test_missing_socket(tmp_path: Any) -> None:
    with pytest.raises(IncusConnectionError, match="cannot talk to Incus"):
        async with Client(str(tmp_path / "nothing.sock")):
            pass


async def test_etag_sent_as_if_match_and_captured(fake_daemon: Start) -> None:
    seen: dict[str, str | None] = {}

    async def get(request: web.Request) -> web.Response:
        return web.json_response(envelope({"name": "p"}), headers={"ETag": '"abc"'})

    async def put(request: web.Request) -> web.Response:
        seen["if-match"] = request.headers.get("If-Match")
        seen["body"] = await request.text()
        return web.json_response(envelope({}))

    sock = await fake_daemon({"GET /1.0/projects/p": get, "PUT /1.0/projects/p": put})
    async with Client(sock) as client:
        project = await client.projects.get("p")
        assert project.etag == '"abc"'
        await client.projects.replace("p", {"config": {}}, etag=project.etag)
    assert seen["if-match"] == '"abc"'
    assert json.loads(seen["body"] or "") == {"config": {}}


async def test_project_and_target_parameters(fake_daemon: Start) -> None:
    seen: list[dict[str, str]] = []

    async def get(request: web.Request) -> web.Response:
        seen.append(dict(request.query))
        return web.json_response(envelope({"name": "p"}))

    sock = await fake_daemon({"GET /1.0/projects/p": get})
    async with Client(sock, project="alpha") as client:
        await client.projects.get("p")
        await client.with_project("beta").with_target("node2").projects.get("p")
        await client.with_project(None).projects.get("p")
    assert seen == [{"project": "alpha"}, {"project": "beta", "target": "node2"}, {}]


def test_a_scope_query_follows_the_scope_and_is_never_shared() -> None:
    session = Session(Transport(Endpoint("http://incus.socket", "/nonexistent.socket"), None), project="alpha")
    first = session.query()
    first["recursion"] = "1"  # the caller's to change: the next request's query is its own
    assert session.query() == {"project": "alpha"}
    session.project, session.target = "beta", "node2"
    assert session.query() == {"project": "beta", "target": "node2"}
    session.target = "node\x002"
    with pytest.raises(ValueError, match="control character"):
        session.query()


async def test_escaped_path_reaches_server_as_one_segment(fake_daemon: Start) -> None:
    seen: list[str] = []

    async def any_project(request: web.Request) -> web.Response:
        seen.append(request.raw_path)
        return web.json_response(envelope({"name": request.match_info["name"]}))

    sock = await fake_daemon({"GET /1.0/projects/{name}": any_project})
    async with Client(sock) as client:
        project = await client.projects.get("../instances")
    assert seen == ["/1.0/projects/..%2Finstances"]
    assert project.name == "../instances"


async def test_connecting_learns_the_extensions_so_their_checks_send_nothing(fake_daemon: Start) -> None:
    served: list[str] = []

    async def server(request: web.Request) -> web.Response:
        served.append(request.path)
        return web.json_response(envelope({"api_extensions": ["projects", "etag"], "auth": "trusted"}))

    async with Client(await fake_daemon({"GET /1.0": server})) as client:
        assert served == ["/1.0"]
        assert await client.has_extension("projects") and not await client.has_extension("metrics")
        assert await client.with_project("p").has_extension("etag")
    assert served == ["/1.0"]


async def test_a_server_whose_extensions_are_not_names_fails_to_connect(fake_daemon: Start) -> None:
    async def server(request: web.Request) -> web.Response:
        return web.json_response(envelope({"api_extensions": [1, 2], "auth": "trusted"}))

    client = Client(await fake_daemon({"GET /1.0": server}))
    with pytest.raises(IncusProtocolError, match="api_extensions"):
        await client.connect()
    assert not client.connected
