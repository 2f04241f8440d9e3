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
import json as jsonlib
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar
from urllib.parse import unquote

import aiohttp
from typing_extensions import Self

from ._paths import check_scope
from ._protocol.envelope import decode_envelope, expect_metadata, model_from_reply
from ._transport import Transport
from ._wire import StreamBody, WebSocket
from .exceptions import (
    IncusAPIError,
    IncusConnectionError,
    IncusError,
    IncusExtensionMissingError,
    IncusNotFoundError,
    IncusProtocolError,
    IncusRedirectError,
    IncusTimeoutError,
)

if TYPE_CHECKING:
    from .models._base import IncusModel

M = TypeVar("M", bound="IncusModel")

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


@dataclass(frozen=True)
class Reply:
    """A decoded reply: the server's envelope, HTTP status and headers.

    Attributes:
        envelope: The JSON envelope (``type``, ``status_code``, ``metadata``...).
        http_status: The HTTP status code.
        headers: The reply's headers.
    """

    envelope: dict[str, Any]
    http_status: int
    headers: Mapping[str, str]

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
            return aiohttp.ClientTimeout(total=None, sock_connect=self.timeout or 30, sock_read=self.timeout)
        return aiohttp.ClientTimeout(total=total)

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
        url = self.transport.url(path)
        query = self.query(params, scoped=scoped)
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
        assert envelope is not None  # decode_envelope raised otherwise
        return Reply(envelope, status, reply_headers)

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
        response = await self.send("GET", path, params=params)
        return model_from_reply(
            model, response.metadata, method="GET", url=self.transport.url(path), client=client, etag=response.etag
        )

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
        url = self.transport.url(path)
        items = await self.get_metadata(path, params=query, expect=list)
        return [
            model_from_reply(
                model,
                {key: name_from_url(item)} if isinstance(item, str) else item,
                method="GET",
                url=url,
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
        url = self.transport.url(path)
        session = self.transport.session()
        try:
            async with session.request(
                method,
                url,
                params=self.query(params),
                data=data,
                headers=dict(headers or {}),
                timeout=aiohttp.ClientTimeout(total=timeout, sock_connect=self.timeout or 30, sock_read=self.timeout),
                allow_redirects=False,
            ) as reply:
                _refuse_redirect(reply.status, reply.headers, method, url)
                if reply.status >= 400 or (reply.content_type == "application/json" and reply.status != 200):
                    raw = await _read_capped(reply, self.transport.max_reply_size, method, url)
                    decode_envelope(reply.status, raw, method=method, url=url)
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
        # aiohttp upgrades http(s):// URLs itself, over the same connector.
        url = self.transport.url(path)
        query = self.query(params)
        connect = self.transport.session().ws_connect(
            url,
            params=query,
            # A hostile server must not make one message fill the memory.
            max_msg_size=self.transport.max_reply_size or 0,
            autoping=True,
            timeout=aiohttp.ClientWSTimeout(ws_close=5),
        )
        try:
            # aiohttp bounds neither the connection nor the handshake of a
            # websocket: a frozen daemon would hold it forever.
            return WebSocket(await asyncio.wait_for(connect, self.timeout), url)
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
            info = await self.get_metadata("/1.0", params=None, expect=dict)
            names = info.get("api_extensions") or []
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
