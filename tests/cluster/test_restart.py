"""A daemon stopped and started under an open client: retries ride it out, pooled connections are renewed.

On a private standalone daemon ``s3`` of the cluster harness (killed with
SIGKILL and started again), so nobody else's daemon is disturbed; removed
at the end.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from incus_sdk import Client, IncusConnectionError, Retry
from incus_sdk.hooks import Hook, ResponseEvent
from incus_sdk.otel import OpenTelemetryHook

from .conftest import inc_json, script, socket_of

DAEMON = "s3"


@pytest.fixture(scope="module")
def daemon() -> Iterator[str]:
    script("spawn", DAEMON)
    try:
        yield socket_of(DAEMON)
    finally:
        script("remove", DAEMON, check=False)


class Attempts(Hook):
    def __init__(self) -> None:
        self.responses: list[ResponseEvent] = []

    def on_response(self, response: ResponseEvent) -> None:
        self.responses.append(response)


async def restart_later(delay: float) -> None:
    """Start the killed daemon again after ``delay`` seconds (off the event loop: the script blocks)."""
    await asyncio.sleep(delay)
    await asyncio.to_thread(script, "start", DAEMON)


@pytest.fixture
async def client(daemon: str) -> AsyncIterator[Client]:
    async with Client(daemon, retry=Retry(attempts=1000, backoff=0.1, max_backoff=1.0, deadline=120)) as c:
        yield c


async def test_calls_made_while_the_daemon_is_down_succeed_once_it_is_back(
    client: Client, unique: Any, caplog: pytest.LogCaptureFixture
) -> None:
    attempts = Attempts()
    client.add_hook(attempts)
    # Several pooled connections to the daemon that is about to die.
    await asyncio.gather(*(client.projects.names() for _ in range(6)))
    profile = unique("p")
    # Killed while the client idles (its loop running, as an application's
    # does): the pooled connections are seen closed. A write caught on a
    # connection at the moment its daemon dies may have been acted on: that
    # one is never repeated (tests/unit/test_retry.py).
    await asyncio.to_thread(script, "kill", DAEMON)
    await asyncio.sleep(0.1)
    with caplog.at_level(logging.INFO, logger="incus_sdk"):
        restart = asyncio.ensure_future(restart_later(1.0))
        try:
            # A read and a write, sent while nothing listens: both wait for the daemon.
            names, created = await asyncio.gather(
                client.projects.names(), client.profiles.create(profile, description="made while down")
            )
        finally:
            await restart
    assert "default" in names and created.http_status < 300
    # The write reached the daemon once (its retries were all refused connections).
    assert [p["name"] for p in inc_json(DAEMON, "profile", "list") if p["name"] == profile] == [profile]
    failed = [r for r in attempts.responses if r.error is not None]
    assert failed and all(isinstance(r.error, IncusConnectionError) and r.retry_delay for r in failed)
    assert any("retrying in" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert any("succeeded at attempt" in r.getMessage() for r in caplog.records if r.levelno == logging.INFO)
    # The same client goes on, on fresh connections.
    await asyncio.gather(*(client.projects.names() for _ in range(6)))
    await client.profiles.delete(profile)


async def test_without_retries_the_call_fails_and_the_next_one_after_the_restart_succeeds(daemon: str) -> None:
    async with Client(daemon) as client:
        await asyncio.gather(*(client.projects.names() for _ in range(6)))
        script("kill", DAEMON)
        try:
            started = time.monotonic()
            with pytest.raises(IncusConnectionError):
                await client.projects.names()
            assert time.monotonic() - started < 1
        finally:
            script("start", DAEMON)
        # No retry configured, nothing done by the user: the first call after the restart works.
        for _ in range(3):
            assert "default" in await client.projects.names()
            await client._core.request("POST", "/1.0/profiles", json={"name": "after-restart"})
            await client.profiles.delete("after-restart")


async def test_an_event_stream_reconnects_and_says_so(daemon: str, caplog: pytest.LogCaptureFixture) -> None:
    reconnected = asyncio.Event()
    async with Client(daemon) as client:
        stream = client.events(
            ["lifecycle"],
            reconnect=True,
            reconnect_delay=0.2,
            max_reconnect_delay=1,
            on_reconnect=lambda count: reconnected.set(),
        )
        with caplog.at_level(logging.INFO, logger="incus_sdk.events"):
            async with stream:
                script("kill", DAEMON)
                restart = asyncio.ensure_future(restart_later(0.5))
                try:
                    reader = asyncio.ensure_future(anext(aiter(stream)))
                    await asyncio.wait_for(reconnected.wait(), 120)
                    await client.profiles.create("ev-probe")
                    event = await asyncio.wait_for(reader, 30)
                    assert event.type == "lifecycle"
                    await client.profiles.delete("ev-probe")
                finally:
                    await restart
    messages = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert any(level == "WARNING" and "lost its connection" in m for level, m in messages)
    assert any(level == "INFO" and "reconnected after" in m for level, m in messages)


async def test_spans_name_the_target(cluster: Client) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    cluster.add_hook(OpenTelemetryHook(provider))
    await cluster.with_target("m2").instances.names()
    span = exporter.get_finished_spans()[-1]
    assert dict(span.attributes or {})["incus.target"] == "m2"
    assert "target=m2" in str(dict(span.attributes or {})["url.full"])
    provider.shutdown()
