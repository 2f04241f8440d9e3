"""Logging, hooks and tracing against the real daemon: what they show, and that no secret is in it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from incus_sdk import Client, IncusError, IncusNotFoundError, api_path
from incus_sdk.hooks import Hook, OperationDoneEvent, OperationEvent, RequestEvent, ResponseEvent
from incus_sdk.otel import OpenTelemetryHook

from .conftest import TEST_IMAGE, make_cert


class Everything(Hook):
    """Keeps the text of every event a hook is given."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def on_request(self, request: RequestEvent) -> None:
        self.texts.append(repr(request))

    def on_response(self, response: ResponseEvent) -> None:
        self.texts.append(repr(response))

    def on_operation_wait(self, wait: OperationEvent) -> None:
        self.texts.append(repr(wait))

    def on_operation_done(self, done: OperationDoneEvent) -> None:
        self.texts.append(repr(done))


@pytest.fixture
def tracing() -> Iterator[tuple[OpenTelemetryHook, InMemorySpanExporter]]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield OpenTelemetryHook(provider), exporter
    provider.shutdown()


def span_text(span: ReadableSpan) -> str:
    return f"{span.name} {dict(span.attributes or {})} {span.status.description} {span.events}"


async def test_no_secret_is_logged_or_given_to_hooks(
    client: Client,
    scoped: Client,
    box: tuple[str, str],
    https_endpoint: Any,
    tokens: Callable[[], Any],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    tracing: tuple[OpenTelemetryHook, InMemorySpanExporter],
) -> None:
    """A run using client keys, a trust token, an image secret, exec's websocket secrets and Authorization."""
    everything = Everything()
    otel, exporter = tracing
    url, server_pem = https_endpoint
    crt, key = make_cert(tmp_path, "stranger")
    secrets: dict[str, str] = {}
    key_lines = [line for line in Path(key).read_text().splitlines() if line and not line.startswith("-----")]
    secrets["client key"] = key_lines[len(key_lines) // 2]
    caplog.set_level(logging.DEBUG, logger="incus_sdk")
    for c in (client, scoped):
        assert c.hooks == ()
    client.add_hook(everything)  # scoped shares the connection, so it is seen too
    client.add_hook(otel)
    try:
        # A trust token, used by a stranger over HTTPS with its own key.
        token = await tokens()
        secrets["token secret"] = token.secret
        secrets["encoded token"] = str(token)
        async with Client(url, cert=(crt, key), server_cert=server_pem, hooks=[everything, otel]) as stranger:
            # An image secret, used by the (still untrusted) stranger to fetch a private image.
            fingerprint = (await client.images.aliases.get(TEST_IMAGE)).target
            secret_op = await client.images.create_secret(fingerprint)
            secrets["image secret"] = secret_op.metadata["secret"]
            assert await stranger.images.export(fingerprint, str(tmp_path), secret=secrets["image secret"])
            await stranger.certificates.add_with_token(str(token))  # removed by the tokens fixture
        # Exec: the operation's websocket secrets travel in the query.
        async with scoped.instances.process(box[1], ["cat"]) as proc:
            for channel, secret in proc.operation.metadata["fds"].items():
                secrets[f"exec {channel} secret"] = secret
            out, _ = await proc.communicate(b"hello")
        assert out == b"hello"
        # An Authorization header (the daemon ignores it on the socket).
        secrets["authorization"] = "Bearer sdk-test-not-a-real-token-7f3a9c"
        try:
            await client._core.request("GET", api_path(), headers={"Authorization": secrets["authorization"]})
        except IncusError:
            pass
    finally:
        client.remove_hook(everything)
        client.remove_hook(otel)
    logged = [f"{r.name} {r.levelname} {r.getMessage()} {vars(r)}" for r in caplog.records]
    spans = [span_text(s) for s in exporter.get_finished_spans()]
    # The run was seen (so the scan below is about something)...
    assert any("/websocket?" in line and "secret=REDACTED" in line and "-> 101" in line for line in logged)
    assert any("/export?secret=REDACTED" in text for text in everything.texts)
    assert any("POST /1.0/certificates" in line for line in logged)
    assert len(spans) > 10
    # ...and nothing secret is in it.
    for what, secret in secrets.items():
        assert len(secret) >= 8, what
        for kind, texts in (("log", logged), ("hook", everything.texts), ("span", spans)):
            leaked = [text for text in texts if secret in text]
            assert not leaked, f"the {what} is in a {kind}: {leaked[0][:300]}"


async def test_spans_per_request_and_per_operation_wait(
    client: Client, make_project: Callable[..., Any], unique: Callable[[str], str], tracing: Any
) -> None:
    otel, exporter = tracing
    scoped = await make_project()
    client.add_hook(otel)
    try:
        name = unique("c")
        await scoped.instances.create(name, image=TEST_IMAGE, wait=True)
        with pytest.raises(IncusNotFoundError):
            await scoped.profiles.get(unique("nope"))
    finally:
        client.remove_hook(otel)
    spans = exporter.get_finished_spans()
    post = next(s for s in spans if s.name == "POST")
    attrs = dict(post.attributes or {})
    assert post.kind is SpanKind.CLIENT
    assert attrs["http.request.method"] == "POST"
    assert attrs["url.full"] == f"http://incus.socket/1.0/instances?project={scoped.project}"
    assert attrs["http.response.status_code"] == 202
    assert attrs["incus.project"] == scoped.project
    assert attrs["network.transport"] == "unix"
    assert attrs["server.address"] == client.endpoint.removeprefix("unix://")
    assert "incus.target" not in attrs and "error.type" not in attrs
    operation_id = attrs["incus.operation.id"]
    wait = next(s for s in spans if s.name == "incus.operation.wait")
    wait_attrs = dict(wait.attributes or {})
    assert wait.kind is SpanKind.INTERNAL
    assert wait_attrs["incus.operation.id"] == operation_id
    assert wait_attrs["incus.operation.description"] == "Creating instance"
    assert wait_attrs["incus.operation.status"] == "Success"
    assert wait_attrs["incus.project"] == scoped.project
    assert wait.context is not None
    children = [s for s in spans if s.parent is not None and s.parent.span_id == wait.context.span_id]
    assert children and all(
        dict(s.attributes or {})["url.full"].startswith(f"http://incus.socket/1.0/operations/{operation_id}/wait")
        for s in children
    )
    missing = next(s for s in spans if dict(s.attributes or {}).get("http.response.status_code") == 404)
    assert missing.status.status_code is StatusCode.ERROR
    assert dict(missing.attributes or {})["error.type"] == "404"


async def test_failed_operation_wait_span(client: Client, project: Client, tracing: Any, unique: Any) -> None:
    otel, exporter = tracing
    project.add_hook(otel)
    try:
        with pytest.raises(IncusError):
            await project.instances.create(unique("c"), image="no-such-image-alias", wait=True)
    finally:
        project.remove_hook(otel)
    waits = [s for s in exporter.get_finished_spans() if s.name == "incus.operation.wait"]
    assert waits, [s.name for s in exporter.get_finished_spans()]
    failed = waits[-1]
    assert failed.status.status_code is StatusCode.ERROR
    assert dict(failed.attributes or {})["incus.operation.status"] == "Failure"
    assert dict(failed.attributes or {})["error.type"] == "IncusOperationError"
