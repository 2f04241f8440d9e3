"""Observing what the SDK does: request hooks and its log lines.

A :class:`Hook` sees every request the client sends and every reply, and
every wait for a background operation, as typed events. It is the one place
metrics and tracing plug in (:mod:`incus_sdk.otel` is one such hook)::

    class Timings(Hook):
        def on_response(self, response: ResponseEvent) -> None:
            histogram.observe(response.duration, method=response.request.method)

    client = Client(hooks=[Timings()])      # or client.add_hook(Timings())

Hooks are called synchronously, on the event loop, in the order they were
added; keep them quick. An exception a hook raises is logged (logger
``incus_sdk.hooks``, WARNING) and otherwise ignored: a broken metric never
breaks a call.

The SDK also logs through the standard :mod:`logging` module, under the
``incus_sdk`` logger (silent unless the application configures logging):

========================= ======= ==================================================
logger                    level   what
========================= ======= ==================================================
``incus_sdk.http``        DEBUG   one line per request: method, path, status,
                                  duration, operation id; websockets opened and closed
``incus_sdk.http``        WARNING a request retried (see :class:`~incus_sdk.Retry`)
``incus_sdk.http``        INFO    a request that succeeded after retries
``incus_sdk.operations``  DEBUG   operation waits: started, and how they ended
``incus_sdk.events``      WARNING the event stream lost its connection; INFO: reconnected
``incus_sdk.transfer``    DEBUG   a streamed upload or download finished: bytes, time
``incus_sdk.hooks``       WARNING a hook raised
========================= ======= ==================================================

Nothing secret is ever logged or given to a hook: no header (so no
``Authorization``), no body (so no trust token, no operation's websocket
secrets), no key or certificate, and the values of query parameters that
carry secrets (``secret=``...) are replaced by ``REDACTED``, as
OpenTelemetry's conventions ask. Each log record also carries the request's
fields as attributes (``incus_method``, ``incus_path``, ``incus_status``,
``incus_duration``, ``incus_operation``) for structured log handlers.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlencode

logging.getLogger("incus_sdk").addHandler(logging.NullHandler())

http_log = logging.getLogger("incus_sdk.http")
operations_log = logging.getLogger("incus_sdk.operations")
events_log = logging.getLogger("incus_sdk.events")
transfer_log = logging.getLogger("incus_sdk.transfer")
_hooks_log = logging.getLogger("incus_sdk.hooks")

#: Query parameters whose values are secrets (websocket and image secrets,
#: tokens): never logged, never given to a hook.
SECRET_PARAMS = frozenset({"secret", "token", "password", "key"})
#: What stands for a secret value.
REDACTED = "REDACTED"

_SECRET_IN_TEXT = re.compile(r"(?i)\b(" + "|".join(sorted(SECRET_PARAMS)) + r")=[^&\s'\"<>)]+")

#: What a request is: a plain request, a streamed transfer or a websocket.
RequestKind = Literal["http", "stream", "websocket"]


def redact_params(params: Mapping[str, str]) -> dict[str, str]:
    """Return query parameters with the values of secret ones replaced by ``REDACTED``."""
    return {key: REDACTED if key.lower() in SECRET_PARAMS else value for key, value in params.items()}


def redact_text(text: str) -> str:
    """Replace ``secret=...`` (and the like) in free text, e.g. an aiohttp error that quotes a URL."""
    return _SECRET_IN_TEXT.sub(lambda m: f"{m.group(1)}={REDACTED}", text)


@dataclass(frozen=True, eq=False)
class RequestEvent:
    """A request about to be sent (one per attempt, when retries are on).

    The same object comes back as :attr:`ResponseEvent.request`; it compares
    by identity, so a hook may key its own state by it (a span, a start time).

    Attributes:
        method: The HTTP method.
        path: The URL path (``/1.0/instances/c1``), without the query.
        params: The query parameters, secret values redacted.
        url: The full URL, secret values redacted.
        kind: ``"http"`` (a plain request), ``"stream"`` (a streamed
            transfer: the response comes when the body has been read) or
            ``"websocket"`` (the response is the handshake's).
        project: The project the client is scoped to, if any.
        target: The cluster member (or ``@group``) it is aimed at, if any.
        endpoint: Where the daemon is: the unix socket path or the
            ``https://`` base URL.
        attempt: 1 for the first attempt, 2 for the first retry...
    """

    method: str
    path: str
    params: Mapping[str, str]
    url: str
    kind: RequestKind
    project: str | None
    target: str | None
    endpoint: str
    attempt: int = 1


@dataclass(frozen=True, eq=False)
class ResponseEvent:
    """How a request ended: a reply (of any status) or an error.

    Attributes:
        request: The request.
        status: The HTTP status, or None when no reply came (``error`` says why).
        duration: Seconds from sending to the end (for ``"stream"``
            requests: until the body was read or the transfer abandoned).
        operation_id: The id of the background operation the reply started, if any.
        error: The error the request raised, if any (an error reply's
            :class:`~incus_sdk.IncusAPIError`, a connection failure...).
        retry_delay: Seconds before the request is tried again, or None if
            this was its last attempt.
    """

    request: RequestEvent
    status: int | None
    duration: float
    operation_id: str | None = None
    error: BaseException | None = None
    retry_delay: float | None = None


@dataclass(frozen=True, eq=False)
class OperationEvent:
    """A wait for a background operation starting.

    Attributes:
        operation_id: The operation's UUID.
        description: What it does, as the server says (``Creating instance``).
        operation_class: ``task``, ``websocket`` or ``token``.
        project: The client's project, if any.
        target: The client's target, if any.
        timeout: The wait's own timeout, if any.
    """

    operation_id: str
    description: str
    operation_class: str
    project: str | None
    target: str | None
    timeout: float | None


@dataclass(frozen=True, eq=False)
class OperationDoneEvent:
    """A wait for a background operation ended.

    Attributes:
        wait: The event of the wait's start.
        status: The operation's status when the wait ended (``Success``,
            ``Failure``, ``Cancelled``; ``Running`` after a timeout).
        duration: Seconds the wait took.
        error: What the wait raised, if anything
            (:class:`~incus_sdk.IncusOperationError`, a timeout...).
    """

    wait: OperationEvent
    status: str
    duration: float
    error: BaseException | None = None


class Hook:
    """Base class of request hooks: override the methods you need.

    Every method does nothing by default. See the module's introduction for
    when they are called and what a hook may do.
    """

    def on_request(self, request: RequestEvent) -> None:
        """Called before each attempt of a request is sent."""

    def on_response(self, response: ResponseEvent) -> None:
        """Called when the attempt ended: a reply arrived (whatever its status) or it failed."""

    def on_operation_wait(self, wait: OperationEvent) -> None:
        """Called when a wait for a background operation starts."""

    def on_operation_done(self, done: OperationDoneEvent) -> None:
        """Called when that wait ends, however it ends."""


def _call_hook(method: Callable[[Any], None], event: object) -> None:
    try:
        method(event)
    except Exception:
        # A broken metric must never break a call: say so, and go on.
        _hooks_log.warning("hook %r raised on %s", method, type(event).__name__, exc_info=True)


@dataclass
class _Attempt:
    """What :class:`Observer` keeps of one attempt while it runs."""

    event: RequestEvent | None
    started: float


@dataclass
class Observer:
    """The hooks and request logging of one transport (a client and its scoped copies).

    Attributes:
        hooks: The hooks, in calling order.
    """

    hooks: list[Hook] = field(default_factory=list)

    def watching(self) -> bool:
        """Whether anything observes requests (a hook, or DEBUG logging): else nothing is recorded."""
        return bool(self.hooks) or http_log.isEnabledFor(logging.DEBUG)

    def begin(
        self,
        kind: RequestKind,
        method: str,
        path: str,
        query: Mapping[str, str],
        *,
        base_url: str,
        endpoint: str,
        project: str | None,
        target: str | None,
        attempt: int,
    ) -> _Attempt:
        """Record an attempt starting (call only when :meth:`watching`)."""
        event = None
        if self.hooks:
            params = redact_params(query)
            url = base_url + path + ("?" + urlencode(params) if params else "")
            event = RequestEvent(method, path, params, url, kind, project, target, endpoint, attempt)
            for hook in self.hooks:
                _call_hook(hook.on_request, event)
        return _Attempt(event, time.perf_counter())

    def end(
        self,
        attempt: _Attempt,
        method: str,
        path: str,
        query: Mapping[str, str],
        status: int | None,
        *,
        operation_id: str | None = None,
        error: BaseException | None = None,
        retry_delay: float | None = None,
    ) -> None:
        """Record how an attempt ended: one DEBUG line, and the hooks' ``on_response``."""
        duration = time.perf_counter() - attempt.started
        if http_log.isEnabledFor(logging.DEBUG):
            outcome = str(status) if error is None else f"{status or 'failed'}: {describe_error(error)}"
            http_log.debug(
                "%s %s -> %s in %.1f ms%s",
                method,
                display_path(path, query),
                outcome,
                duration * 1000,
                f" (operation {operation_id})" if operation_id else "",
                extra={
                    "incus_method": method,
                    "incus_path": path,
                    "incus_status": status,
                    "incus_duration": duration,
                    "incus_operation": operation_id,
                },
            )
        if attempt.event is not None:
            response = ResponseEvent(attempt.event, status, duration, operation_id, error, retry_delay)
            for hook in self.hooks:
                _call_hook(hook.on_response, response)

    def watching_waits(self) -> bool:
        """Whether anything observes operation waits (a hook, or DEBUG logging of ``incus_sdk.operations``)."""
        return bool(self.hooks) or operations_log.isEnabledFor(logging.DEBUG)

    def wait_started(self, wait: OperationEvent) -> None:
        """Record an operation wait starting (call only when :meth:`watching_waits`)."""
        operations_log.debug(
            "waiting for operation %s (%s)%s",
            wait.operation_id,
            wait.description,
            "" if wait.timeout is None else f", at most {wait.timeout} s",
        )
        for hook in self.hooks:
            _call_hook(hook.on_operation_wait, wait)

    def wait_ended(self, done: OperationDoneEvent) -> None:
        """Record how that wait ended."""
        wait = done.wait
        operations_log.debug(
            "operation %s (%s): %s after %.2f s%s",
            wait.operation_id,
            wait.description,
            done.status,
            done.duration,
            "" if done.error is None else f" ({describe_error(done.error)})",
        )
        for hook in self.hooks:
            _call_hook(hook.on_operation_done, done)


def display_path(path: str, query: Mapping[str, str]) -> str:
    """A path with its query for a log line, secret values redacted."""
    return path + ("?" + urlencode(redact_params(query)) if query else "")


def describe_error(error: BaseException) -> str:
    """``ClassName: message`` for a log line, with secrets in the message redacted."""
    return f"{type(error).__name__}: {redact_text(str(error))}"


def add_hooks(observer: Observer, hooks: Iterable[Hook]) -> None:
    """Append hooks to an observer, checking their type."""
    for hook in hooks:
        if not isinstance(hook, Hook):
            raise TypeError(f"a hook must be an incus_sdk.hooks.Hook, not {type(hook).__name__}")
        observer.hooks.append(hook)


__all__ = [
    "REDACTED",
    "SECRET_PARAMS",
    "Hook",
    "OperationDoneEvent",
    "OperationEvent",
    "RequestEvent",
    "RequestKind",
    "ResponseEvent",
]
