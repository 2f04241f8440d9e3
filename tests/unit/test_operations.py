"""Operation handles against a fake daemon: wait slices, failures, cancels."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web

from incus_sdk import (
    Client,
    IncusNotFoundError,
    IncusOperationCancelledError,
    IncusOperationError,
    IncusTimeoutError,
)

from .conftest import envelope, error_envelope

Start = Callable[[dict[str, Any]], Awaitable[str]]
OP_ID = "0f0e6d6c-0000-4000-8000-000000000001"


def op(status: str, code: int, err: str = "", metadata: Any = None) -> dict[str, Any]:
    return {
        "id": OP_ID,
        "class": "task",
        "description": "Doing things",
        "status": status,
        "status_code": code,
        "err": err,
        "metadata": metadata,
        "may_cancel": True,
        "resources": {"instances": ["/1.0/instances/c1"]},
    }


def async_reply() -> Any:
    async def handler(request: web.Request) -> web.Response:
        body = {
            "type": "async",
            "status": "Operation created",
            "status_code": 100,
            "operation": f"/1.0/operations/{OP_ID}?project=default",
            "metadata": op("Running", 103),
        }
        return web.json_response(body, status=202)

    return handler


async def test_wait_polls_until_done(fake_daemon: Start) -> None:
    calls: list[str] = []

    async def wait(request: web.Request) -> web.Response:
        calls.append(request.query["timeout"])
        if len(calls) < 3:
            # What Incus answers when the server-side wait runs out.
            return web.json_response(error_envelope(500, "context deadline exceeded"))
        return web.json_response(envelope(op("Success", 200, metadata={"return": 0})))

    sock = await fake_daemon({"POST /1.0/projects/p": async_reply(), f"GET /1.0/operations/{OP_ID}/wait": wait})
    async with Client(sock) as client:
        response = await client.projects.rename("p", "q")
    assert response.operation is not None
    assert response.operation.status == "Success"
    assert response.operation.metadata == {"return": 0}
    assert len(calls) == 3


async def test_wait_failure_in_error_envelope_with_http_200(fake_daemon: Start) -> None:
    async def wait(request: web.Request) -> web.Response:
        return web.json_response(error_envelope(500, "The instance is already running"))

    async def get(request: web.Request) -> web.Response:
        return web.json_response(envelope(op("Failure", 400, err="The instance is already running")))

    sock = await fake_daemon(
        {
            "POST /1.0/projects/p": async_reply(),
            f"GET /1.0/operations/{OP_ID}/wait": wait,
            f"GET /1.0/operations/{OP_ID}": get,
        }
    )
    async with Client(sock) as client:
        with pytest.raises(IncusOperationError, match="already running") as err:
            await client.projects.rename("p", "q")
    assert err.value.operation_id == OP_ID
    assert err.value.status_code == 400


async def test_wait_failure_when_operation_is_gone(fake_daemon: Start) -> None:
    async def wait(request: web.Request) -> web.Response:
        return web.json_response(error_envelope(500, "Failed to do it"))

    async def get(request: web.Request) -> web.Response:
        return web.json_response(error_envelope(404, "Operation not found"), status=404)

    sock = await fake_daemon(
        {
            "POST /1.0/projects/p": async_reply(),
            f"GET /1.0/operations/{OP_ID}/wait": wait,
            f"GET /1.0/operations/{OP_ID}": get,
        }
    )
    async with Client(sock) as client:
        with pytest.raises(IncusOperationError, match="Failed to do it"):
            await client.projects.rename("p", "q")


async def test_wait_failure_in_operation_status(fake_daemon: Start) -> None:
    async def wait(request: web.Request) -> web.Response:
        return web.json_response(envelope(op("Cancelled", 401, err="cancelled by user")))

    sock = await fake_daemon({"POST /1.0/projects/p": async_reply(), f"GET /1.0/operations/{OP_ID}/wait": wait})
    async with Client(sock) as client:
        with pytest.raises(IncusOperationCancelledError):
            await client.projects.rename("p", "q")


async def test_wait_missing_operation(fake_daemon: Start) -> None:
    async def wait(request: web.Request) -> web.Response:
        return web.json_response(error_envelope(404, "Operation not found"), status=404)

    sock = await fake_daemon({f"GET /1.0/operations/{OP_ID}/wait": wait})
    async with Client(sock) as client:
        with pytest.raises(IncusNotFoundError):
            await client.operations.wait(OP_ID)


async def test_wait_timeout_is_the_callers_not_the_clients(fake_daemon: Start) -> None:
    seen: list[int] = []

    async def wait(request: web.Request) -> web.Response:
        seen.append(int(request.query["timeout"]))
        return web.json_response(error_envelope(500, "context deadline exceeded"))

    sock = await fake_daemon({f"GET /1.0/operations/{OP_ID}/wait": wait})
    # The client's general timeout is tiny; the wait is still allowed its own.
    async with Client(sock, timeout=0.05) as client:
        with pytest.raises(IncusTimeoutError, match=r"after 1\.5s"):
            await client.operations.wait(OP_ID, timeout=1.5)
    assert seen and all(t >= 1 for t in seen)


async def test_cancel_and_refresh(fake_daemon: Start) -> None:
    state = {"cancelled": False}

    async def get(request: web.Request) -> web.Response:
        if state["cancelled"]:
            return web.json_response(envelope(op("Cancelled", 401)))
        return web.json_response(envelope(op("Running", 103)))

    async def delete(request: web.Request) -> web.Response:
        state["cancelled"] = True
        return web.json_response(envelope({}))

    sock = await fake_daemon({f"GET /1.0/operations/{OP_ID}": get, f"DELETE /1.0/operations/{OP_ID}": delete})
    async with Client(sock) as client:
        handle = await client.operations.get(OP_ID)
        assert handle.status == "Running" and not handle.done
        assert handle["status"] == "Running"  # seed-style dict access
        assert handle.resources == {"instances": ["/1.0/instances/c1"]}
        await handle.cancel()
        await handle.refresh()
        assert handle.done and handle.status == "Cancelled"
        with pytest.raises(IncusOperationCancelledError):
            await handle.wait()


async def test_operations_list(fake_daemon: Start) -> None:
    async def listing(request: web.Request) -> web.Response:
        assert request.query["recursion"] == "1"
        return web.json_response(envelope({"running": [op("Running", 103)], "success": [op("Success", 200)]}))

    sock = await fake_daemon({"GET /1.0/operations": listing})
    async with Client(sock) as client:
        ops = await client.operations.list()
    assert sorted(o.status for o in ops) == ["Running", "Success"]
    assert json.dumps(ops[0].get("resources"))


async def test_a_write_not_waited_for_reads_like_its_operation(fake_daemon: Start) -> None:
    # incus_sdk 0.1.0 gave some writes' bare Operation (images.push(),
    # import_url(wait=False)...); their Response answers the same questions.
    states = iter([op("Running", 103), op("Cancelled", 401)])
    cancelled: list[str] = []

    async def get(request: web.Request) -> web.Response:
        return web.json_response(envelope(next(states)))

    async def delete(request: web.Request) -> web.Response:
        cancelled.append(request.path)
        return web.json_response(envelope(None))

    sock = await fake_daemon(
        {
            "POST /1.0/projects/p": async_reply(),
            f"GET /1.0/operations/{OP_ID}": get,
            f"DELETE /1.0/operations/{OP_ID}": delete,
        }
    )
    async with Client(sock) as client:
        response = await client.projects.rename("p", "q", wait=False)
        assert response.id == OP_ID and not response.done and response.status == "Running"
        assert response["status"] == "Operation created"  # the envelope, as a dict
        await response.refresh()
        assert response.status == "Running"
        await response.cancel()
        assert cancelled == [f"/1.0/operations/{OP_ID}"]
        await response.refresh()
        assert response.done and response.status == "Cancelled"
