"""Request hooks and log lines, against a fake daemon (the real one: tests/integration/test_observability.py)."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web

from incus_sdk import Client, IncusNotFoundError, IncusOperationError, Retry, api_path
from incus_sdk.hooks import (
    REDACTED,
    Hook,
    OperationDoneEvent,
    OperationEvent,
    RequestEvent,
    ResponseEvent,
)

from .conftest import envelope, error_envelope

Start = Callable[[dict[str, Any]], Awaitable[str]]

OP = {"id": "op1", "status": "Running", "status_code": 103, "description": "Working", "class": "websocket"}
DONE = {**OP, "status": "Success", "status_code": 200}


class Recorder(Hook):
    def __init__(self) -> None:
        self.events: list[Any] = []

    def on_request(self, request: RequestEvent) -> None:
        self.events.append(request)

    def on_response(self, response: ResponseEvent) -> None:
        self.events.append(response)

    def on_operation_wait(self, wait: OperationEvent) -> None:
        self.events.append(wait)

    def on_operation_done(self, done: OperationDoneEvent) -> None:
        self.events.append(done)


async def _started(request: web.Request) -> web.Response:
    body = {**envelope(OP), "type": "async", "operation": "/1.0/operations/op1", "status_code": 100}
    return web.json_response(body, status=202)


async def _waited(request: web.Request) -> web.Response:
    return web.json_response(envelope(DONE))


async def _missing(request: web.Request) -> web.Response:
    return web.json_response(error_envelope(404, "not found"), status=404)


async def _export(request: web.Request) -> web.Response:
    return web.Response(body=b"image", content_type="application/octet-stream")


@pytest.fixture
async def daemon(fake_daemon: Start) -> str:
    return await fake_daemon(
        {
            "POST /1.0/instances/c1/exec": _started,
            "GET /1.0/operations/op1/wait": _waited,
            "GET /1.0/profiles/nope": _missing,
            "GET /1.0/images/abc/export": _export,
        }
    )


async def test_hooks_see_every_request_reply_and_wait(daemon: str) -> None:
    recorder = Recorder()
    async with Client(daemon, project="p1", hooks=[recorder]) as client:
        response = await client._core.request("POST", api_path("instances", "c1", "exec"), json={"command": ["x"]})
        assert response.operation is not None
        await response.operation.wait(timeout=5)
        with pytest.raises(IncusNotFoundError):
            await client.profiles.get("nope")
    # The wait first asks for the operation-event stream (this fake has none,
    # so it long-polls /wait): the hooks see those requests too.
    stream = [e for e in recorder.events if getattr(e, "path", None) == "/1.0/events"]
    stream += [e for e in recorder.events if getattr(getattr(e, "request", None), "path", None) == "/1.0/events"]
    assert stream and all(getattr(e, "status", 404) == 404 for e in stream)
    recorder.events = [e for e in recorder.events if e not in stream]
    kinds = [type(e).__name__ for e in recorder.events]
    assert kinds == [
        "RequestEvent",  # GET /1.0 (connect)
        "ResponseEvent",
        "RequestEvent",  # POST exec
        "ResponseEvent",
        "OperationEvent",
        "RequestEvent",  # GET /wait
        "ResponseEvent",
        "OperationDoneEvent",
        "RequestEvent",  # GET the missing profile
        "ResponseEvent",
    ]
    post, posted = recorder.events[2], recorder.events[3]
    assert (post.method, post.path, post.kind, post.project, post.attempt) == (
        "POST",
        "/1.0/instances/c1/exec",
        "http",
        "p1",
        1,
    )
    assert post.url == "http://incus.socket/1.0/instances/c1/exec?project=p1"
    assert post.endpoint == daemon
    assert posted.request is post and posted.status == 202 and posted.operation_id == "op1"
    assert posted.error is None and posted.retry_delay is None and posted.duration > 0
    wait, waited = recorder.events[4], recorder.events[7]
    assert (wait.operation_id, wait.description, wait.operation_class, wait.timeout) == (
        "op1",
        "Working",
        "websocket",
        5,
    )
    assert waited.wait is wait and waited.status == "Success" and waited.error is None
    assert recorder.events[5].path == "/1.0/operations/op1/wait"
    missing = recorder.events[9]
    assert missing.status == 404 and isinstance(missing.error, IncusNotFoundError)


async def test_a_wait_on_an_operation_already_failed_is_told_to_the_hooks(fake_daemon: Start) -> None:
    """The server can report the failure in the reply that starts it: the wait has no length, its end is told."""

    async def failed_at_once(request: web.Request) -> web.Response:
        failed = {**OP, "status": "Failure", "status_code": 400, "err": "no such image"}
        body = {**envelope(failed), "type": "async", "operation": "/1.0/operations/op1", "status_code": 100}
        return web.json_response(body, status=202)

    daemon = await fake_daemon({"POST /1.0/instances/c1/exec": failed_at_once})
    recorder = Recorder()
    async with Client(daemon, hooks=[recorder]) as client:
        response = await client._core.request("POST", api_path("instances", "c1", "exec"), json={"command": ["x"]})
        assert response.operation is not None and response.operation.done
        with pytest.raises(IncusOperationError, match="no such image"):
            await response.operation.wait(timeout=5)
    waits = [e for e in recorder.events if isinstance(e, (OperationEvent, OperationDoneEvent))]
    assert [type(e).__name__ for e in waits] == ["OperationEvent", "OperationDoneEvent"]
    assert waits[1].wait is waits[0] and waits[1].status == "Failure"
    assert isinstance(waits[1].error, IncusOperationError)


async def test_hooks_see_streams_when_their_body_is_read(daemon: str) -> None:
    recorder = Recorder()
    async with Client(daemon) as client:
        client.add_hook(recorder)
        assert client.hooks == (recorder,)
        async with client._core.stream("GET", api_path("images", "abc", "export"), params={"secret": "s3cr3t"}) as body:
            assert recorder.events[-1].kind == "stream"  # the request, not yet its end
            assert await body.read() == b"image"
        client.remove_hook(recorder)
        with pytest.raises(IncusNotFoundError):
            await client.profiles.get("nope")  # not seen any more
    request, response = recorder.events
    assert request.params == {"secret": REDACTED}
    assert "s3cr3t" not in request.url and f"secret={REDACTED}" in request.url
    assert response.status == 200


async def test_a_broken_hook_never_breaks_a_call(daemon: str, caplog: pytest.LogCaptureFixture) -> None:
    class Broken(Hook):
        def on_request(self, request: RequestEvent) -> None:
            raise RuntimeError("metrics backend down")

    recorder = Recorder()
    with caplog.at_level(logging.WARNING, logger="incus_sdk.hooks"):
        async with Client(daemon, hooks=[Broken(), recorder]) as client:
            with pytest.raises(IncusNotFoundError):
                await client.profiles.get("nope")
    assert len(recorder.events) == 4  # the hooks after it still ran
    assert any("metrics backend down" in (r.exc_text or "") for r in caplog.records)


def test_a_hook_must_be_a_hook() -> None:
    with pytest.raises(TypeError, match="Hook"):
        Client("/nowhere.sock", hooks=[print])  # type: ignore[list-item]


async def test_retries_are_attempts_the_hooks_see(fake_daemon: Start) -> None:
    answers = [503, 200]

    async def flaky(request: web.Request) -> web.Response:
        code = answers.pop(0)
        return web.json_response(envelope([]) if code == 200 else error_envelope(code, "busy"), status=code)

    sock = await fake_daemon({"GET /1.0/profiles": flaky})
    recorder = Recorder()
    async with Client(sock, retry=Retry(backoff=0.001), hooks=[recorder]) as client:
        await client.profiles.names()
    first, failed, second, done = recorder.events[2:]
    assert (first.attempt, second.attempt) == (1, 2)
    assert failed.status == 503 and failed.retry_delay is not None and failed.error is not None
    assert done.status == 200 and done.retry_delay is None


async def test_one_debug_line_per_request(daemon: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="incus_sdk"):
        async with Client(daemon) as client:
            response = await client._core.request("POST", api_path("instances", "c1", "exec"), json={})
            await response.wait()
            with pytest.raises(IncusNotFoundError):
                await client.profiles.get("nope")
    http = [r for r in caplog.records if r.name == "incus_sdk.http"]
    lines = [r.getMessage() for r in http]
    # The wait first asks for the operation-event stream (this fake has none).
    assert any(line.startswith("GET /1.0/events?type=operation -> 404") for line in lines)
    http = [r for r in http if not r.getMessage().startswith("GET /1.0/events?")]
    lines = [r.getMessage() for r in http]
    assert lines[0].startswith("GET /1.0 -> 200 in ")
    assert lines[1].startswith("POST /1.0/instances/c1/exec -> 202 in ") and lines[1].endswith(" ms (operation op1)")
    assert lines[2].startswith("GET /1.0/operations/op1/wait?timeout=30 -> 200 in ")
    assert lines[3].startswith("GET /1.0/profiles/nope -> 404: IncusNotFoundError: ")
    assert len(lines) == 4
    post = http[1]
    assert (post.incus_method, post.incus_path, post.incus_status, post.incus_operation) == (  # type: ignore[attr-defined]
        "POST",
        "/1.0/instances/c1/exec",
        202,
        "op1",
    )
    waits = [r.getMessage() for r in caplog.records if r.name == "incus_sdk.operations"]
    assert waits[0] == "waiting for operation op1 (Working)"
    assert waits[1].startswith("operation op1 (Working): Success after ")


SILENT = """
import asyncio, os, tempfile
from aiohttp import web
from incus_sdk import Client, Retry

async def main():
    calls = []

    async def busy(request):
        calls.append(1)
        ok = len(calls) > 1
        body = {"type": "sync" if ok else "error", "status_code": 200 if ok else 0,
                "error_code": 0 if ok else 503, "error": "" if ok else "busy", "metadata": []}
        return web.json_response(body, status=200 if ok else 503)

    app = web.Application()
    app.router.add_get("/1.0/profiles", busy)
    runner = web.AppRunner(app)
    await runner.setup()
    path = os.path.join(tempfile.mkdtemp(), "s.sock")
    await web.UnixSite(runner, path).start()
    client = Client(path, retry=Retry(backoff=0.001))
    await client._core.request("GET", "/1.0/profiles", scoped=False)
    await client.disconnect()
    await runner.cleanup()
    assert len(calls) == 2

asyncio.run(main())
"""


def test_silent_by_default() -> None:
    """With logging never configured, a retried request (a WARNING) prints nothing."""
    proc = subprocess.run([sys.executable, "-c", SILENT], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "" and proc.stdout == ""


async def test_a_cancelled_request_ends_for_the_hooks_too(fake_daemon: Start) -> None:
    """A hook holding something per request (a span) always gets its end."""
    arrived = asyncio.Event()

    async def slow(request: web.Request) -> web.Response:
        arrived.set()
        await asyncio.sleep(30)
        return web.json_response(envelope([]))

    sock = await fake_daemon({"GET /1.0/profiles": slow})
    recorder = Recorder()
    async with Client(sock, hooks=[recorder]) as client:
        call = asyncio.ensure_future(client.profiles.names())
        await arrived.wait()
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
    request, response = recorder.events[-2:]
    assert isinstance(request, RequestEvent) and request.path == "/1.0/profiles"
    assert isinstance(response, ResponseEvent) and isinstance(response.error, asyncio.CancelledError)
