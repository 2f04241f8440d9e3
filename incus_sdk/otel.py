"""Tracing with OpenTelemetry: a span per request and per operation wait.

Needs the ``otel`` extra (``pip install incus_sdk[otel]``, the OpenTelemetry
API); only this module imports it, so a client without the hook pays
nothing. Spans go to the tracer provider the application set up (or the
one given)::

    from incus_sdk import Client
    from incus_sdk.otel import OpenTelemetryHook

    client = Client(hooks=[OpenTelemetryHook()])

Each request attempt is a ``CLIENT`` span named after its method, as
OpenTelemetry's HTTP semantic conventions say, with their attributes:

* ``http.request.method``, ``url.full`` (query secrets redacted),
  ``server.address`` (the host, or the unix socket's path) and
  ``server.port``, ``network.transport`` (``unix`` for the socket),
  ``http.response.status_code``, ``error.type`` (the status, or the
  exception's class) and ``http.request.resend_count`` for a retry;
* and Incus's own: ``incus.project``, ``incus.target``,
  ``incus.operation.id`` (the background operation a reply started) and
  ``incus.request.kind`` (``http``, ``stream`` or ``websocket``).

Each wait for a background operation is an ``INTERNAL`` span named
``incus.operation.wait`` with ``incus.operation.id``,
``incus.operation.description``, ``incus.operation.class``,
``incus.operation.status``, ``incus.project`` and ``incus.target``; the
requests the wait makes are its children. A failed request or wait sets
the span's status to ``ERROR``.
"""

from __future__ import annotations

from contextvars import Token
from importlib import metadata
from typing import Any
from urllib.parse import urlsplit

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import SpanKind, Status, StatusCode

from .exceptions import IncusAPIError
from .hooks import Hook, OperationDoneEvent, OperationEvent, RequestEvent, ResponseEvent

#: The instrumentation scope name of the spans.
TRACER_NAME = "incus_sdk"


def _version() -> str | None:
    try:
        return metadata.version("incus_sdk")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return None


class OpenTelemetryHook(Hook):
    """A hook that records OpenTelemetry spans for requests and operation waits.

    Attributes:
        tracer: The tracer the spans come from.
    """

    def __init__(self, tracer_provider: trace.TracerProvider | None = None) -> None:
        """Make the hook.

        Args:
            tracer_provider: Where spans go (default: the global provider
                the application configured).
        """
        self.tracer = trace.get_tracer(TRACER_NAME, _version(), tracer_provider=tracer_provider)
        self._requests: dict[RequestEvent, trace.Span] = {}
        self._waits: dict[OperationEvent, tuple[trace.Span, Token[Context]]] = {}

    # -- requests ---------------------------------------------------------------

    def on_request(self, request: RequestEvent) -> None:
        """Start the request's span."""
        attributes: dict[str, Any] = {
            "http.request.method": request.method,
            "url.full": request.url,
            "incus.request.kind": request.kind,
        }
        if request.endpoint.startswith("https://"):
            parts = urlsplit(request.endpoint)
            attributes["server.address"] = parts.hostname or ""
            attributes["server.port"] = parts.port or 443
        else:
            attributes["server.address"] = request.endpoint
            attributes["network.transport"] = "unix"
        if request.attempt > 1:
            attributes["http.request.resend_count"] = request.attempt - 1
        if request.project is not None:
            attributes["incus.project"] = request.project
        if request.target is not None:
            attributes["incus.target"] = request.target
        # Not made current: nothing the SDK does while a request runs makes spans.
        self._requests[request] = self.tracer.start_span(request.method, kind=SpanKind.CLIENT, attributes=attributes)

    def on_response(self, response: ResponseEvent) -> None:
        """End the request's span with the reply's status, or the error."""
        span = self._requests.pop(response.request, None)
        if span is None:
            return
        if response.status is not None:
            span.set_attribute("http.response.status_code", response.status)
        if response.operation_id:
            span.set_attribute("incus.operation.id", response.operation_id)
        failed = response.error is not None or (response.status is not None and response.status >= 400)
        if failed:
            error = response.error
            if response.status is not None and response.status >= 400:
                error_type = str(response.status)
            elif error is not None:
                error_type = type(error).__qualname__
            else:  # pragma: no cover - failed implies one of the two
                error_type = "_OTHER"
            span.set_attribute("error.type", error_type)
            span.set_status(Status(StatusCode.ERROR, _message(error)))
        span.end()

    # -- operation waits -----------------------------------------------------------

    def on_operation_wait(self, wait: OperationEvent) -> None:
        """Start the wait's span and make it current, so the wait's requests are its children."""
        attributes: dict[str, Any] = {
            "incus.operation.id": wait.operation_id,
            "incus.operation.description": wait.description,
            "incus.operation.class": wait.operation_class,
        }
        if wait.project is not None:
            attributes["incus.project"] = wait.project
        if wait.target is not None:
            attributes["incus.target"] = wait.target
        span = self.tracer.start_span("incus.operation.wait", kind=SpanKind.INTERNAL, attributes=attributes)
        token = otel_context.attach(trace.set_span_in_context(span))
        self._waits[wait] = (span, token)

    def on_operation_done(self, done: OperationDoneEvent) -> None:
        """End the wait's span with the operation's status."""
        entry = self._waits.pop(done.wait, None)
        if entry is None:
            return
        span, token = entry
        otel_context.detach(token)
        span.set_attribute("incus.operation.status", done.status)
        if done.error is not None:
            span.set_attribute("error.type", type(done.error).__qualname__)
            span.set_status(Status(StatusCode.ERROR, _message(done.error)))
        span.end()


def _message(error: BaseException | None) -> str | None:
    """A span status description: the server's message, never a URL (which could hold a secret)."""
    if error is None:
        return None
    if isinstance(error, IncusAPIError):
        return error.message
    return type(error).__name__


__all__ = ["TRACER_NAME", "OpenTelemetryHook"]
