"""The bottom of the request core: one request sent, its envelope decoded.

* :meth:`Session.send` sends one request and decodes the envelope into a
  :class:`Reply` (raising the mapped :mod:`~incus_sdk.exceptions` error);
* :meth:`Session.get_model` / :meth:`Session.get_models` /
  :meth:`Session.get_names`... turn sync replies into models or names;
* :meth:`Session.stream` and :meth:`Session.websocket` hand out streamed
  bodies and websockets (the SDK's own types, :mod:`incus_sdk._wire`).

Project and target query parameters, ``If-Match`` headers, redirects,
reply-size caps and error translation all happen here, once, for every
resource module. :class:`~incus_sdk._core.Core` builds on it with the
replies writes return (:class:`~incus_sdk.Response`, with their
:class:`~incus_sdk.Operation`); operation handles use a session, never the
other way round.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import json as jsonlib
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar
from urllib.parse import unquote

import aiohttp
from typing_extensions import Self

from ._paths import check_scope
from ._protocol.envelope import MISS, decode_envelope, expect_metadata, model_from_reply, validate_reply
from ._transport import Transport
from .exceptions import (
    IncusAPIError,
    IncusConnectionError,
    IncusError,
    IncusExtensionMissingError,
    IncusNotFoundError,
    IncusProtocolError,
    IncusRedirectError,
    IncusTimeoutError,
    error_from_status,
)
from .hooks import RequestKind, describe_error, display_path, http_log
from .retry import classify, dead_connection, idempotent

if TYPE_CHECKING:
    from ._wire import StreamBody, WebSocket
    from .models._base import IncusModel

M = TypeVar("M", bound="IncusModel")
T = TypeVar("T")

ParamValue = str | int | float | bool | None
Params = Mapping[str, ParamValue] | None


class _Unset:
    """Marker for "argument not given", distinct from an explicit None."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


class SendOptions(TypedDict, total=False):
    """The options of :meth:`Session.send`, for the methods that pass them on."""

    params: Params
    json: Any
    data: Any
    headers: Mapping[str, str] | None
    etag: str | None
    timeout: float | None
    scoped: bool
    check: bool
    lazy: bool


class Reply:
    """A reply: the server's envelope, HTTP status and headers.

    The envelope is decoded when first read, so that a typed read can
    validate the body straight into models (:meth:`Session.get_model`...)
    and skip building it; decoding it raises the mapped error for an error
    envelope, as :meth:`Session.send` does for replies it decodes itself.

    Attributes:
        body: The raw body.
        http_status: The HTTP status code.
        headers: The reply's headers.
        method: The request method (for error messages).
        url: The request URL (for error messages).
    """

    __slots__ = ("_envelope", "body", "headers", "http_status", "method", "url")

    def __init__(
        self,
        envelope: dict[str, Any] | None,
        http_status: int,
        headers: Mapping[str, str],
        *,
        body: bytes = b"",
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        self._envelope, self.http_status, self.headers = envelope, http_status, headers
        self.body, self.method, self.url = body, method, url

    @property
    def envelope(self) -> dict[str, Any]:
        """The JSON envelope (``type``, ``status_code``, ``metadata``...).

        Raises:
            IncusAPIError: (or a subclass) if it is an error envelope.
            IncusProtocolError: If the body is not a valid envelope.
        """
        if self._envelope is None:
            self._envelope = decode_envelope(self.http_status, self.body, method=self.method, url=self.url)
        return self._envelope

    @property
    def metadata(self) -> Any:
        """The envelope's ``metadata`` member."""
        return self.envelope.get("metadata")

    @property
    def etag(self) -> str | None:
        """The reply's ``ETag`` header, if any."""
        return self.headers.get("ETag")

    @property
    def is_async(self) -> bool:
        """Whether the reply announced a background operation."""
        return self.envelope.get("type") == "async"


#: Parameters that change a request's scope (see :meth:`Session.query`).
_SCOPE_KEYS = frozenset({"project", "target", "all-projects"})


def _encode_params(params: Params) -> dict[str, str]:
    out: dict[str, str] = {}
    if params:
        for key, value in params.items():
            if value is None:
                continue
            if isinstance(value, bool):
                out[key] = "true" if value else "false"
            else:
                out[key] = str(value)
            if "\x00" in out[key]:
                # The daemon's C layers stop at NUL: the value would be read cut short.
                raise ValueError(f"query parameter {key}={out[key]!r} contains a NUL character")
    return out


#: A websocket's close handshake is given this long (aiohttp's setting, made once).
_WS_TIMEOUT = aiohttp.ClientWSTimeout(ws_close=5)

if sys.version_info >= (3, 11):

    async def _within(awaitable: Awaitable[T], timeout: float | None) -> T:
        """``await awaitable``, raising :class:`asyncio.TimeoutError` after ``timeout`` seconds (None: no limit).

        In the calling task: ``asyncio.wait_for`` runs a coroutine in a task
        of its own (one more task and loop turn for every websocket opened).
        """
        async with asyncio.timeout(timeout):
            return await awaitable

else:  # pragma: no cover  (Python 3.10)

    async def _within(awaitable: Awaitable[T], timeout: float | None) -> T:
        return await asyncio.wait_for(awaitable, timeout)


@functools.lru_cache(maxsize=64)
def _client_timeout(total: float | None, sock_connect: float | None, sock_read: float | None) -> aiohttp.ClientTimeout:
    """aiohttp's (frozen) timeout settings, made once for each value instead of once per request."""
    return aiohttp.ClientTimeout(total=total, sock_connect=sock_connect, sock_read=sock_read)


def _refuse_redirect(status: int, headers: Mapping[str, str], method: str, url: str) -> None:
    """Raise :class:`IncusRedirectError` for a 3xx reply (never followed)."""
    if 300 <= status < 400:
        raise IncusRedirectError(status, headers.get("Location", ""), method=method, url=url)


async def _read_capped(reply: aiohttp.ClientResponse, limit: int | None, method: str, url: str) -> bytes:
    """Read a reply body, refusing one larger than ``limit`` bytes without holding it."""
    if limit is None:
        return await reply.read()
    length = reply.content_length
    if length is not None and length > limit:
        raise IncusProtocolError(
            f"the reply is {length} bytes, more than max_reply_size ({limit})", reply.status, method=method, url=url
        )
    if length is not None:
        return await reply.read()
    body = bytearray()
    async for chunk in reply.content.iter_any():
        body += chunk
        if len(body) > limit:
            raise IncusProtocolError(
                f"the reply is larger than max_reply_size ({limit} bytes)", reply.status, method=method, url=url
            )
    return bytes(body)


def name_from_url(url: str) -> str:
    """Return the (unescaped) last path segment of an API URL.

    ``/1.0/instances/c%2F1?project=p`` gives ``c/1``. Some Incus 6.0
    listings (storage pools, snapshots...) put names in URLs unescaped, so a
    ``?`` only starts a query when what follows is ``project=`` / ``target=``.
    """
    path = url
    head, sep, query = url.rpartition("?")
    if sep and all(part.split("=", 1)[0] in ("project", "target") for part in query.split("&")):
        path = head
    return unquote(path.rstrip("/").rsplit("/", 1)[-1])


def _decoded(
    status: int, raw: bytes, headers: Mapping[str, str], method: str, url: str, *, check: bool, lazy: bool
) -> Reply:
    """The :class:`Reply` for a body: decoded (raising for errors), or left for a typed read to validate."""
    if lazy and check and status < 300:
        return Reply(None, status, headers, body=raw, method=method, url=url)
    if check:
        envelope = decode_envelope(status, raw, method=method, url=url)
    else:
        try:
            envelope = jsonlib.loads(raw)
        except ValueError:
            envelope = None
        if not isinstance(envelope, dict):
            # Not an envelope at all: let the strict decoder raise for it.
            envelope = decode_envelope(status, raw, method=method, url=url)
    return Reply(envelope, status, headers, body=raw, method=method, url=url)


#: The moment (``time.monotonic()``) after which no retry of the current
#: task's requests may start: an operation wait's own timeout.
_deadline: ContextVar[float | None] = ContextVar("incus_sdk_deadline", default=None)


@contextmanager
def deadline_scope(timeout: float | None) -> Iterator[None]:
    """Within the block, retries stop ``timeout`` seconds from now (None: no such bound)."""
    if timeout is None:
        yield
        return
    limit = time.monotonic() + timeout
    current = _deadline.get()
    token = _deadline.set(limit if current is None else min(current, limit))
    try:
        yield
    finally:
        _deadline.reset(token)


def _operation_id(envelope: Mapping[str, Any]) -> str | None:
    """The id of the operation an ``async`` reply started (for logs and hooks)."""
    if envelope.get("type") != "async":
        return None
    location = envelope.get("operation")
    return location.rsplit("/", 1)[-1] if isinstance(location, str) and location else None


@dataclasses.dataclass(eq=False)
class _Tries:
    """The attempts of one request: what hooks and logs see, and whether to retry.

    Used by :meth:`Session.send`, :meth:`Session.stream` and
    :meth:`Session.websocket` around their single-attempt bodies, so the
    retry policy (:mod:`incus_sdk.retry`) and the observation
    (:mod:`incus_sdk.hooks`) are written once.
    """

    session: Session
    kind: RequestKind
    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]
    replayable: bool = dataclasses.field(default=True, kw_only=True)
    attempt: int = dataclasses.field(default=0, init=False)
    started: float = dataclasses.field(default_factory=time.monotonic, init=False)
    _record: Any = dataclasses.field(default=None, init=False)

    @property
    def transport(self) -> Transport:
        """The session's transport."""
        return self.session.transport

    def begin(self) -> None:
        """An attempt starts."""
        self.attempt += 1
        observer = self.transport.observer
        self._record = None
        if observer.watching():
            endpoint = self.transport.endpoint
            self._record = observer.begin(
                self.kind,
                self.method,
                self.path,
                self.query,
                base_url=endpoint.base_url,
                endpoint=endpoint.socket_path or endpoint.base_url,
                project=self.session.project,
                target=self.session.target,
                attempt=self.attempt,
            )

    def succeeded(self, status: int, operation_id: str | None = None) -> None:
        """The attempt got a reply that is the request's answer."""
        if self._record is not None:
            self.transport.observer.end(
                self._record, self.method, self.path, self.query, status, operation_id=operation_id
            )
        if self.attempt > 1:
            http_log.info(
                "%s %s succeeded at attempt %d", self.method, display_path(self.path, self.query), self.attempt
            )

    def failed(self, error: BaseException, *, status: int | None = None, may_retry: bool = True) -> float | None:
        """The attempt failed (or got a retryable status): return the pause before the next, or None.

        Args:
            error: What the attempt raised (for a retryable reply status:
                the error that status means).
            status: The reply's HTTP status, if one came.
            may_retry: False once part of the body reached the caller.
        """
        if dead_connection(error):
            self.transport.drop_idle()
        if status is None and hasattr(error, "status_code"):
            status = error.status_code
        delay = self._retry_delay(error) if may_retry else None
        if self._record is not None:
            self.transport.observer.end(
                self._record, self.method, self.path, self.query, status, error=error, retry_delay=delay
            )
        if delay is not None:
            retry = self.transport.retry
            http_log.warning(
                "%s %s: %s; retrying in %.2f s (attempt %d of %d)",
                self.method,
                display_path(self.path, self.query),
                describe_error(error),
                delay,
                self.attempt + 1,
                retry.attempts if retry is not None else 1,
            )
        return delay

    def _retry_delay(self, error: BaseException) -> float | None:
        retry = self.transport.retry
        if retry is None or self.attempt >= retry.attempts:
            return None
        failure = classify(error, retry.statuses)
        if failure == "final":
            return None
        if failure == "sent" and not (self.replayable and idempotent(self.method, self.headers)):
            return None
        delay = retry.pause(self.attempt)
        resume = time.monotonic() + delay
        for limit in (None if retry.deadline is None else self.started + retry.deadline, _deadline.get()):
            if limit is not None and resume >= limit:
                return None
        return delay


class Session:
    """Sends requests for one project/target scope over a shared transport.

    Attributes:
        transport: The shared session.
        project: Project sent as ``?project=`` on every request, or None.
        target: Cluster member (or ``@group``) sent as ``?target=``, or None.
        timeout: Seconds a plain request may take in all; None for no limit.
            Streams and websockets are bound by it while connecting, during
            the handshake and for each silence of the server (no byte for
            that long); operation waits have their own timeouts.
    """

    def __init__(
        self,
        transport: Transport,
        *,
        project: str | None = None,
        target: str | None = None,
        timeout: float | None = 30,
    ) -> None:
        self.transport = transport
        self.project = check_scope(project, "project")
        self.target = check_scope(target, "target")
        self.timeout = timeout
        self._extensions: frozenset[str] | None = None
        #: ``(project, target, query)``: the query of a request without
        #: parameters, for the scope it was made for.
        self._scope_query: tuple[str | None, str | None, dict[str, str]] | None = None

    def scoped(self, *, project: str | None = UNSET, target: str | None = UNSET) -> Self:
        """Return a copy for another project and/or target on the same session.

        Args:
            project: The new project (None for the server's default).
            target: The new target (None for none).

        Returns:
            A new core sharing this one's transport.
        """
        copy = type(self)(
            self.transport,
            project=self.project if project is UNSET else project,
            target=self.target if target is UNSET else target,
            timeout=self.timeout,
        )
        copy._extensions = self._extensions
        return copy

    # -- building requests -------------------------------------------------

    def query(self, params: Params = None, *, scoped: bool = True) -> dict[str, str]:
        """Return the query string for a request, with project and target added.

        Explicit ``project`` / ``target`` entries in ``params`` win; a None
        value there drops the parameter.

        Args:
            params: Request-specific parameters.
            scoped: Whether to add this core's project and target.

        Returns:
            The encoded parameters.
        """
        if scoped and (not params or _SCOPE_KEYS.isdisjoint(params)):
            # Most requests: the scope's own query, made (and checked) once
            # per scope, then their own parameters.
            cached = self._scope_query
            if cached is None or cached[0] is not self.project or cached[1] is not self.target:
                cached = self._scope_query = (self.project, self.target, self._merged_query(None, scoped=True))
            query = dict(cached[2])
            if params:
                query.update(_encode_params(params))
            return query
        return self._merged_query(params, scoped=scoped)

    def _merged_query(self, params: Params, *, scoped: bool) -> dict[str, str]:
        merged: dict[str, ParamValue] = {}
        if scoped:
            merged["project"] = self.project
            merged["target"] = self.target
        if params:
            merged.update(params)
            if merged.get("all-projects"):
                # Incus refuses a project together with all-projects.
                merged["project"] = None
        for key in ("project", "target"):
            value = merged.get(key)
            if value is not None:
                check_scope(str(value), key)
        return _encode_params(merged)

    def _client_timeout(self, timeout: float | _Unset | None) -> aiohttp.ClientTimeout:
        total = self.timeout if isinstance(timeout, _Unset) else timeout
        if total is None:
            # Unbounded overall (an upload takes as long as it takes), but a
            # dead daemon must still fail to connect, and a frozen one to
            # answer: each silence of the server is bound by the client's timeout.
            return _client_timeout(None, self.timeout or 30, self.timeout)
        return _client_timeout(total, None, None)

    # -- sending -------------------------------------------------------------

    async def send(
        self,
        method: str,
        path: str,
        *,
        params: Params = None,
        json: Any = UNSET,
        data: Any = None,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        timeout: float | None = UNSET,
        scoped: bool = True,
        check: bool = True,
        lazy: bool = False,
    ) -> Reply:
        """Send one request and decode the reply envelope.

        Args:
            method: The HTTP method.
            path: The path, built with :func:`~incus_sdk._paths.api_path`.
            params: Extra query parameters.
            json: A JSON-serialisable body (models are converted with
                ``to_dict()``); not sent when omitted.
            data: A raw body (bytes, file, async iterator) instead of JSON.
            headers: Extra headers.
            etag: Sent as ``If-Match`` so the server refuses a stale write.
            timeout: Overrides the client's timeout for this request.
            scoped: Whether to add the project / target parameters.
            check: Raise for error envelopes (False returns them as is; used
                where an error envelope is not the final answer).
            lazy: Leave a successful reply's body undecoded until its
                ``envelope`` is read (which raises for an error envelope):
                for typed reads that validate the body themselves.

        Returns:
            The decoded reply.

        Raises:
            IncusAPIError: (or a subclass) for error replies.
            IncusRedirectError: If the server answered with a redirect (never followed).
            IncusProtocolError: If the reply is not a valid envelope, or is
                larger than the client's ``max_reply_size``.
            IncusConnectionError: If the daemon cannot be reached.
            IncusTimeoutError: If no reply came within the timeout.
        """
        hdrs: dict[str, str] = dict(headers) if headers else {}
        if etag is not None:
            hdrs["If-Match"] = etag
        body = data
        if not isinstance(json, _Unset):
            to_dict = getattr(json, "to_dict", None)
            payload = to_dict() if callable(to_dict) else json
            body = jsonlib.dumps(payload).encode()
            hdrs.setdefault("Content-Type", "application/json")
        query = self.query(params, scoped=scoped)
        if self._plain():
            # Sent once, unobserved: no attempts to count or tell of.
            try:
                return await self._send_once(method, path, query, body, hdrs, timeout, check, lazy)
            except IncusConnectionError as exc:
                self._drop_if_dead(exc)
                raise

        def judge(tries: _Tries, reply: Reply) -> float | None:
            if check or reply.http_status < 500:
                # A lazy reply is a typed read (never an operation): left undecoded.
                tries.succeeded(reply.http_status, None if lazy else _operation_id(reply.envelope))
                return None
            # An unchecked 5xx reply (an operation's /wait): retried as its error would be.
            message = str(reply.envelope.get("error") or f"HTTP {reply.http_status}")
            error = error_from_status(reply.http_status, message, method=method, url=self.transport.url(path))
            return tries.failed(error, status=reply.http_status)

        return await self._attempts(
            lambda: self._send_once(method, path, query, body, hdrs, timeout, check, lazy),
            judge,
            lambda: _Tries(self, "http", method, path, query, hdrs, replayable=body is None or isinstance(body, bytes)),
        )

    def _plain(self) -> bool:
        """Whether requests go once, unobserved (no retry policy, no hook or log watching)."""
        transport = self.transport
        return transport.retry is None and not transport.observer.watching()

    def _drop_if_dead(self, exc: IncusConnectionError) -> None:
        """After ``exc``: if it says a connection was found dead, have the pool drop its idle ones."""
        if dead_connection(exc):
            self.transport.drop_idle()

    @contextmanager
    def _dropping_dead(self) -> Iterator[None]:
        """Within the block, a connection found dead makes the pool drop its idle ones."""
        try:
            yield
        except IncusConnectionError as exc:
            self._drop_if_dead(exc)
            raise

    async def _attempts(
        self,
        once: Callable[[], Awaitable[T]],
        judge: Callable[[_Tries, T], float | None],
        attempts: Callable[[], _Tries],
    ) -> T:
        """Run ``once`` as the retry policy says, telling the hooks (:class:`_Tries`) of each attempt.

        ``judge`` tells of an attempt that got an answer: None when it is
        the request's answer, else the pause before the next attempt;
        ``attempts`` makes the :class:`_Tries` (only when they are watched
        or may be retried: a plain request makes none).
        """
        if self._plain():
            try:
                return await once()
            except IncusConnectionError as exc:
                self._drop_if_dead(exc)
                raise
        tries = attempts()
        while True:
            tries.begin()
            try:
                result = await once()
            except BaseException as exc:  # a cancelled attempt ends too (a hook may hold a span)
                delay = tries.failed(exc)
                if delay is None:
                    raise
            else:
                delay = judge(tries, result)
                if delay is None:
                    return result
            await asyncio.sleep(delay)

    async def _send_once(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        body: Any,
        hdrs: dict[str, str],
        timeout: float | None,
        check: bool,
        lazy: bool,
    ) -> Reply:
        """One attempt of :meth:`send`: send, read the reply, decode its envelope."""
        url = self.transport.url(path)
        session = self.transport.session()
        try:
            async with session.request(
                method,
                url,
                params=query,
                data=body,
                headers=hdrs,
                timeout=self._client_timeout(timeout),
                allow_redirects=False,
            ) as reply:
                _refuse_redirect(reply.status, reply.headers, method, url)
                raw = await _read_capped(reply, self.transport.max_reply_size, method, url)
                status, reply_headers = reply.status, reply.headers
        except asyncio.TimeoutError as exc:
            raise IncusTimeoutError(
                f"no reply within {self.timeout if isinstance(timeout, _Unset) else timeout}s",
                exc,
                method=method,
                url=url,
            ) from exc
        except aiohttp.ClientError as exc:
            raise IncusConnectionError(
                f"cannot talk to Incus at {self.transport.endpoint.base_url}"
                f"{' (' + self.transport.endpoint.socket_path + ')' if self.transport.endpoint.socket_path else ''}"
                f": {exc}",
                exc,
                method=method,
                url=url,
            ) from exc
        return _decoded(status, raw, reply_headers, method, url, check=check, lazy=lazy)

    async def get_metadata(self, path: str, *, params: Params = None, expect: type | None = None) -> Any:
        """GET a path and return its envelope's metadata.

        Args:
            path: The path.
            params: Extra query parameters.
            expect: The JSON type the metadata must have (``list`` or
                ``dict``); ``null`` then reads as an empty one.

        Raises:
            IncusProtocolError: If the metadata is not of the ``expect`` type.
        """
        metadata = (await self.send("GET", path, params=params)).metadata
        if expect is None:
            return metadata
        return expect_metadata(metadata, expect, method="GET", url=self.transport.url(path))

    async def get_list(self, path: str, *, params: Params = None) -> list[Any]:
        """GET a collection and return its metadata, which must be a list (``null`` reads as empty).

        Raises:
            IncusProtocolError: If the metadata is not a list.
        """
        items: list[Any] = await self.get_metadata(path, params=params, expect=list)
        return items

    async def get_validated(self, model: type[M], path: str, *, params: Params = None, many: bool = False) -> Any:
        """GET a path and validate its metadata straight from the reply's bytes.

        Args:
            model: The model class.
            path: The path.
            params: Extra query parameters.
            many: Whether the metadata is a list of objects.

        Returns:
            ``(value, reply)``: the model (or list of models, not bound to
            anything yet), or :data:`~incus_sdk._protocol.envelope.MISS`
            when the reply is not a plain one of that shape; the caller
            then reads ``reply.metadata`` (which raises for an error
            envelope) and validates it the general way, for the same errors
            as ever.
        """
        reply = await self.send("GET", path, params=params, lazy=True)
        return validate_reply(reply.body, model, many=many), reply

    async def get_model(self, model: type[M], path: str, *, params: Params = None, client: Any = None) -> M:
        """GET a path and validate its metadata into ``model``, keeping the ETag.

        Args:
            model: The model class.
            path: The path.
            params: Extra query parameters.
            client: What the model's convenience methods act through.

        Returns:
            The model, with ``model.etag`` set from the reply.

        Raises:
            IncusProtocolError: If the metadata does not fit the model.
        """
        value, reply = await self.get_validated(model, path, params=params)
        if value is MISS:
            return model_from_reply(model, reply.metadata, method="GET", url=reply.url, client=client, etag=reply.etag)
        value._attach(client, etag=reply.etag)
        return value  # type: ignore[no-any-return]

    async def get_models(
        self,
        model: type[M],
        path: str,
        *,
        params: Params = None,
        recursion: int | None = 1,
        client: Any = None,
        key: str = "name",
    ) -> list[M]:
        """GET a collection with ``recursion`` >= 1 and validate each item.

        A ``recursion=0`` listing (URLs only) gives models holding just the
        ``key`` field taken from each URL.

        Args:
            model: The model class.
            path: The collection path.
            params: Extra query parameters.
            recursion: The recursion level to ask for (None: send none, for
                endpoints that always answer with objects).
            client: What the models' convenience methods act through.
            key: The field a URL's last segment fills (``name``,
                ``fingerprint``, ``uuid``...).

        Returns:
            The models.

        Raises:
            IncusProtocolError: If the metadata is not a list of objects or
                URLs, or an object does not fit the model.
        """
        query = dict(params or {}) if recursion is None else {**(params or {}), "recursion": recursion}
        values, reply = await self.get_validated(model, path, params=query, many=True)
        if values is not MISS:
            for value in values:
                value._attach(client)
            return values  # type: ignore[no-any-return]
        items = expect_metadata(reply.metadata, list, method="GET", url=reply.url)
        return [
            model_from_reply(
                model,
                {key: name_from_url(item)} if isinstance(item, str) else item,
                method="GET",
                url=reply.url,
                client=client,
            )
            for item in items
        ]

    async def exists(self, path: str) -> bool:
        """GET a path and say whether it exists (404 is False; other errors raise)."""
        try:
            await self.send("GET", path)
        except IncusNotFoundError:
            return False
        return True

    async def get_urls(self, path: str, *, params: Params = None) -> list[str]:
        """GET a collection without recursion and return the URLs in it.

        Raises:
            IncusProtocolError: If the metadata is not a list of URLs.
        """
        items = await self.get_metadata(path, params={**(params or {}), "recursion": 0}, expect=list)
        if not all(isinstance(item, str) for item in items):
            raise IncusProtocolError(
                "expected a list of URLs as metadata, got a list holding "
                + ", ".join(sorted({type(item).__name__ for item in items if not isinstance(item, str)})),
                method="GET",
                url=self.transport.url(path),
            )
        return items  # type: ignore[no-any-return]  # checked just above

    async def get_names(self, path: str, *, params: Params = None) -> list[str]:
        """GET a collection without recursion and return the names in it.

        Raises:
            IncusProtocolError: If the metadata is not a list of URLs.
        """
        return [name_from_url(url) for url in await self.get_urls(path, params=params)]

    @asynccontextmanager
    async def stream(
        self,
        method: str,
        path: str,
        *,
        params: Params = None,
        data: Any = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> AsyncIterator[StreamBody]:
        """Send a request and yield its reply, whose body is read as it arrives.

        Error replies are decoded and raised before anything is yielded.
        Unlike :meth:`request`, there is no overall time limit by default:
        a large transfer takes as long as it takes. But the client's
        :attr:`timeout` bounds connecting, waiting for the reply's headers
        and every silence in the middle of the body: a server that sends
        nothing for that long fails the transfer with
        :class:`~incus_sdk.IncusTimeoutError`.

        Args:
            method: The HTTP method.
            path: The path.
            params: Extra query parameters.
            data: A raw body (bytes, file object, async iterator of bytes).
            headers: Extra headers.
            timeout: Overall time limit in seconds, if any.

        Yields:
            The reply (:class:`~incus_sdk._wire.StreamBody`): its status,
            headers and body, read in chunks.

        Raises:
            IncusRedirectError: If the server answered with a redirect (never followed).
            IncusTimeoutError: If the server stalled (or ``timeout`` ran out).
            IncusConnectionError: If the connection failed or broke.
        """
        query = self.query(params)
        hdrs = dict(headers or {})
        if self._plain():
            with self._dropping_dead():
                async with self._stream_once(method, path, query, data, hdrs, timeout) as body:
                    yield body
            return
        # An upload body is read as it is sent: retried only if nothing of it went.
        tries = _Tries(self, "stream", method, path, query, hdrs, replayable=data is None or isinstance(data, bytes))
        while True:
            tries.begin()
            handed = False
            try:
                async with self._stream_once(method, path, query, data, hdrs, timeout) as body:
                    handed = True
                    yield body
            except BaseException as exc:
                # Once the caller has the body, a failure is its transfer's: never retried.
                delay = tries.failed(exc, status=body.status if handed else None, may_retry=not handed)
                if delay is None:
                    raise
            else:
                tries.succeeded(body.status)
                return
            await asyncio.sleep(delay)

    @asynccontextmanager
    async def _stream_once(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        data: Any,
        hdrs: dict[str, str],
        timeout: float | None,
    ) -> AsyncIterator[StreamBody]:
        """One attempt of :meth:`stream`."""
        url = self.transport.url(path)
        session = self.transport.session()
        try:
            async with session.request(
                method,
                url,
                params=query,
                data=data,
                headers=hdrs,
                timeout=aiohttp.ClientTimeout(total=timeout, sock_connect=self.timeout or 30, sock_read=self.timeout),
                allow_redirects=False,
            ) as reply:
                _refuse_redirect(reply.status, reply.headers, method, url)
                if reply.status >= 400 or (reply.content_type == "application/json" and reply.status != 200):
                    raw = await _read_capped(reply, self.transport.max_reply_size, method, url)
                    decode_envelope(reply.status, raw, method=method, url=url)
                from ._wire import StreamBody  # streams and websockets only: not imported for the other calls

                yield StreamBody(reply, url, method)
        except IncusError:
            raise  # already the SDK's (a stalled read the caller made, a redirect...)
        except asyncio.TimeoutError as exc:
            raise IncusTimeoutError(
                f"transfer timed out (no data for {self.timeout}s"
                + (f", or longer than {timeout}s in all)" if timeout is not None else ")"),
                exc,
                method=method,
                url=url,
            ) from exc
        except aiohttp.ClientError as exc:
            raise IncusConnectionError(f"transfer failed: {exc}", exc, method=method, url=url) from exc

    async def websocket(self, path: str, *, params: Params = None) -> WebSocket:
        """Open a websocket on the shared session.

        Args:
            path: The path (e.g. an operation's ``/websocket``).
            params: Query parameters (e.g. ``secret``).

        Returns:
            The connected websocket.

        Raises:
            IncusAPIError: If the server refuses the upgrade (with the
                server's own message: ``Project not found``...).
            IncusRedirectError: If the server answered with a redirect (never followed).
            IncusTimeoutError: If the handshake did not complete within the
                client's :attr:`timeout`.
            IncusConnectionError: If the connection fails.
        """
        query = self.query(params)

        def judge(tries: _Tries, ws: WebSocket) -> None:
            tries.succeeded(101)

        return await self._attempts(
            # In the caller's task: from the upgrade to the return nothing is
            # awaited (redirects are refused by a middleware, not by trace
            # signals aiohttp would await after the reply), so a cancellation
            # strikes before the upgrade, and aiohttp closes the connection,
            # or after the caller holds the websocket.
            lambda: self._handshake(path, params, query),
            judge,
            lambda: _Tries(self, "websocket", "GET", path, query, {}),
        )

    def websocket_task(self, path: str, *, params: Params = None) -> asyncio.Task[WebSocket]:
        """Start opening a websocket (as :meth:`websocket`) in a task of its own, and return the task.

        For several websockets opened at once (an exec's channels): the
        handshake's own task, with no task around it. A caller that gives up
        on it does not cancel it but leaves it to
        :func:`~incus_sdk._wire.close_when_connected` (whatever it opens is
        closed once connected); it ends within the client's :attr:`timeout`
        all the same. With a retry policy or hooks
        watching, the task runs :meth:`websocket` (each attempt told, retried).

        Args:
            path: The path (e.g. an operation's ``/websocket``).
            params: Query parameters (e.g. ``secret``).

        Returns:
            The task, which gives the connected websocket or raises as
            :meth:`websocket` does.
        """
        if self._plain():
            return asyncio.ensure_future(self._handshake(path, params, self.query(params)))
        return asyncio.ensure_future(self.websocket(path, params=params))

    async def _handshake(self, path: str, params: Params, query: dict[str, str]) -> WebSocket:
        """Open a websocket within the client's timeout, raising the SDK's errors."""
        # aiohttp bounds neither the connection nor the handshake of a
        # websocket: a frozen daemon would hold it forever.
        # aiohttp upgrades http(s):// URLs itself, over the same connector.
        from ._wire import WebSocket  # websockets only: not imported for the other calls

        url = self.transport.url(path)
        connect = self.transport.ws_session().ws_connect(
            url,
            params=query,
            # A hostile server must not make one message fill the memory.
            max_msg_size=self.transport.max_reply_size or 0,
            autoping=True,
            timeout=_WS_TIMEOUT,
        )
        try:
            return WebSocket(await _within(connect, self.timeout), url)
        except asyncio.TimeoutError as exc:
            raise IncusTimeoutError(
                f"websocket handshake not completed within {self.timeout}s", exc, method="GET", url=url
            ) from exc
        except aiohttp.WSServerHandshakeError as exc:
            # aiohttp drops the refusal's body: ask again without the upgrade
            # to read the server's message (the refusal comes before it).
            await self._raise_refusal(path, params, exc)
            raise IncusAPIError(f"websocket refused: {exc.message}", exc.status, url=url, method="GET") from exc
        except aiohttp.ClientError as exc:
            raise IncusConnectionError(f"websocket failed: {exc}", exc, method="GET", url=url) from exc

    async def _raise_refusal(self, path: str, params: Params, refused: aiohttp.WSServerHandshakeError) -> None:
        """Raise the server's own error for a refused websocket, if a plain GET gets one."""
        if refused.status < 400:
            return
        try:
            response = await self.send("GET", path, params=params, timeout=min(self.timeout or 5, 5), check=False)
        except IncusError:
            return  # no better message to be had
        if response.envelope.get("type") == "error" or response.http_status >= 400:
            from ._protocol.envelope import raise_for_envelope

            raise_for_envelope(response.envelope, response.http_status, method="GET", url=self.transport.url(path))

    # -- server capabilities -------------------------------------------------

    async def extensions(self) -> frozenset[str]:
        """Return the server's API extensions (fetched once, then cached)."""
        if self._extensions is None:
            return self.learn_extensions(await self.get_metadata("/1.0", params=None, expect=dict))
        return self._extensions

    def learn_extensions(self, server: Mapping[str, Any]) -> frozenset[str]:
        """Cache (and return) the API extensions of a ``GET /1.0`` reply's metadata (the server's document).

        Raises:
            IncusProtocolError: If its ``api_extensions`` is not a list of names.
        """
        names = server.get("api_extensions") or []
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise IncusProtocolError(
                "api_extensions is not a list of names", method="GET", url=self.transport.url("/1.0")
            )
        self._extensions = frozenset(names)
        return self._extensions

    async def require_extension(self, *names: str, what: str = "this call") -> None:
        """Raise before sending anything if the server lacks an extension.

        Args:
            *names: The extensions needed.
            what: What needs them, for the message.

        Raises:
            IncusExtensionMissingError: If one is missing.
        """
        have = await self.extensions()
        for name in names:
            if name not in have:
                raise IncusExtensionMissingError(name, what)


__all__ = [
    "UNSET",
    "Params",
    "Reply",
    "SendOptions",
    "Session",
    "name_from_url",
]
