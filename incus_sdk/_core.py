"""The request core: path + options in, envelope decoded, typed value out.

Layers, from the bottom:

* :meth:`Core.request` sends one request and decodes the envelope into a
  :class:`Response` (raising the mapped :mod:`~incus_sdk.exceptions` error);
* :meth:`Core.get_model` / :meth:`Core.get_models` / :meth:`Core.get_names`
  turn sync replies into models or names;
* :meth:`Core.operation` turns an async reply into an
  :class:`~incus_sdk.operations.Operation` handle;
* :meth:`Core.stream` and :meth:`Core.websocket` hand out raw bodies and
  websockets for streamed transfers.

Project and target query parameters, ``If-Match`` headers and error
translation all happen here, once, for every resource module.
"""

from __future__ import annotations

import asyncio
import json as jsonlib
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote

import aiohttp

from ._protocol.envelope import decode_envelope
from ._transport import Transport
from .exceptions import (
    IncusAPIError,
    IncusConnectionError,
    IncusExtensionMissingError,
    IncusNotFoundError,
    IncusTimeoutError,
)

if TYPE_CHECKING:
    from .models._base import IncusModel
    from .operations import Operation

M = TypeVar("M", bound="IncusModel")

ParamValue = str | int | float | bool | None
Params = Mapping[str, ParamValue] | None


class _Unset:
    """Marker for "argument not given", distinct from an explicit None."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


class Response(dict[str, Any]):
    """A decoded reply envelope: a plain ``dict`` with a few extras.

    The dict holds the server's JSON envelope as is (``type``, ``status``,
    ``status_code``, ``operation``, ``error_code``, ``error``, ``metadata``),
    which is what the seed SDK's write methods returned.

    Attributes:
        http_status: The HTTP status code of the reply.
        etag: The reply's ``ETag`` header, if any.
        headers: All reply headers.
        operation: For an ``async`` reply, the handle of the operation it
            started; ``None`` otherwise.
    """

    http_status: int
    etag: str | None
    headers: Mapping[str, str]
    operation: Operation | None

    def __init__(
        self,
        envelope: dict[str, Any],
        http_status: int,
        headers: Mapping[str, str],
    ) -> None:
        super().__init__(envelope)
        self.http_status = http_status
        self.headers = headers
        self.etag = headers.get("ETag")
        self.operation = None

    @property
    def metadata(self) -> Any:
        """The envelope's ``metadata`` member."""
        return self.get("metadata")

    @property
    def is_async(self) -> bool:
        """Whether the reply announced a background operation."""
        return self.get("type") == "async"

    async def wait(self, timeout: float | None = None) -> Response:
        """Wait for the operation this reply started, if any; return this reply.

        Args:
            timeout: Seconds to wait at most; None waits as long as it takes.

        Returns:
            This reply (``self.operation`` is then finished).

        Raises:
            IncusOperationError: If the operation failed.
            IncusOperationCancelledError: If it was cancelled.
            IncusTimeoutError: If it did not finish in time (it goes on).
        """
        if self.operation is not None:
            await self.operation.wait(timeout)
        return self

    async def finish(self, wait: bool) -> Response:
        """What every write does with its reply: wait for the operation when asked to."""
        return await self.wait() if wait else self


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
    return out


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


class Core:
    """Sends requests for one project/target scope over a shared transport.

    Attributes:
        transport: The shared session.
        project: Project sent as ``?project=`` on every request, or None.
        target: Cluster member (or ``@group``) sent as ``?target=``, or None.
        timeout: Seconds a plain request may take in all; None for no limit.
            Operation waits and streamed transfers are not bound by it.
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
        self.project = project
        self.target = target
        self.timeout = timeout
        self._extensions: frozenset[str] | None = None

    def scoped(self, *, project: str | None = UNSET, target: str | None = UNSET) -> Core:
        """Return a copy for another project and/or target on the same session.

        Args:
            project: The new project (None for the server's default).
            target: The new target (None for none).

        Returns:
            A new core sharing this one's transport.
        """
        copy = Core(
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
        return _encode_params(merged)

    def _client_timeout(self, timeout: float | _Unset | None) -> aiohttp.ClientTimeout:
        total = self.timeout if isinstance(timeout, _Unset) else timeout
        if total is None:
            # Unbounded overall, but a dead daemon must still fail to connect.
            return aiohttp.ClientTimeout(total=None, sock_connect=30)
        return aiohttp.ClientTimeout(total=total)

    # -- sending -------------------------------------------------------------

    async def request(
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
    ) -> Response:
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
            The decoded envelope; for ``async`` replies ``response.operation``
            is the operation's handle.

        Raises:
            IncusAPIError: (or a subclass) for error replies.
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
            ) as reply:
                raw = await reply.read()
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
        response = Response(envelope, status, reply_headers)
        if response.is_async and check:
            from .operations import Operation

            response.operation = Operation.from_response(self, response)
        return response

    async def get_metadata(self, path: str, *, params: Params = None) -> Any:
        """GET a path and return its envelope's metadata."""
        return (await self.request("GET", path, params=params)).metadata

    async def get_list(self, path: str, *, params: Params = None) -> list[Any]:
        """GET a collection and return its metadata, which must be a list (None reads as empty).

        Raises:
            IncusAPIError: If the metadata is not a list.
        """
        response = await self.request("GET", path, params=params)
        items = response.metadata
        if items is None:
            return []
        if not isinstance(items, list):
            raise IncusAPIError(
                f"malformed reply: expected a list, got {type(items).__name__}",
                response.http_status,
                dict(response),
                method="GET",
                url=self.transport.url(path),
            )
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
        """
        response = await self.request("GET", path, params=params)
        return model.from_dict(response.metadata or {}, client=client, etag=response.etag)

    async def get_models(
        self,
        model: type[M],
        path: str,
        *,
        params: Params = None,
        recursion: int = 1,
        client: Any = None,
    ) -> list[M]:
        """GET a collection with ``recursion`` >= 1 and validate each item.

        A ``recursion=0`` listing (URLs only) gives models holding just the
        ``name`` taken from each URL.

        Args:
            model: The model class.
            path: The collection path.
            params: Extra query parameters.
            recursion: The recursion level to ask for.
            client: What the models' convenience methods act through.

        Returns:
            The models.
        """
        items = await self.get_metadata(path, params={**(params or {}), "recursion": recursion})
        return [
            model.from_dict({"name": name_from_url(item)} if isinstance(item, str) else item, client=client)
            for item in items or []
        ]

    async def exists(self, path: str) -> bool:
        """GET a path and say whether it exists (404 is False; other errors raise)."""
        try:
            await self.request("GET", path)
        except IncusNotFoundError:
            return False
        return True

    async def get_names(self, path: str, *, params: Params = None) -> list[str]:
        """GET a collection without recursion and return the names in it."""
        items = await self.get_list(path, params={**(params or {}), "recursion": 0})
        return [name_from_url(str(url)) for url in items]

    async def operation(self, method: str, path: str, **kwargs: Any) -> Operation:
        """Send a request that starts a background operation.

        Args:
            method: The HTTP method.
            path: The path.
            **kwargs: As for :meth:`request`.

        Returns:
            The operation handle (already finished if the server answered
            synchronously).
        """
        from .operations import Operation

        response = await self.request(method, path, **kwargs)
        if response.operation is not None:
            return response.operation
        return Operation.completed(self, response)

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
    ) -> AsyncIterator[aiohttp.ClientResponse]:
        """Send a request and yield the raw reply for streaming its body.

        Error replies are decoded and raised before anything is yielded.
        Unlike :meth:`request`, there is no overall time limit by default:
        a large transfer takes as long as it takes.

        Args:
            method: The HTTP method.
            path: The path.
            params: Extra query parameters.
            data: A raw body (bytes, file object, async iterator of bytes).
            headers: Extra headers.
            timeout: Overall time limit in seconds, if any.

        Yields:
            The aiohttp response; read it with ``response.content``.
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
                timeout=self._client_timeout(timeout),
            ) as reply:
                if reply.status >= 400 or (reply.content_type == "application/json" and reply.status != 200):
                    raw = await reply.read()
                    decode_envelope(reply.status, raw, method=method, url=url)
                yield reply
        except asyncio.TimeoutError as exc:
            raise IncusTimeoutError(f"transfer timed out after {timeout}s", exc, method=method, url=url) from exc
        except aiohttp.ClientError as exc:
            raise IncusConnectionError(f"transfer failed: {exc}", exc, method=method, url=url) from exc

    async def websocket(self, path: str, *, params: Params = None) -> aiohttp.ClientWebSocketResponse:
        """Open a websocket on the shared session.

        Args:
            path: The path (e.g. an operation's ``/websocket``).
            params: Query parameters (e.g. ``secret``).

        Returns:
            The connected websocket.

        Raises:
            IncusAPIError: If the server refuses the upgrade.
            IncusConnectionError: If the connection fails.
        """
        # aiohttp upgrades http(s):// URLs itself, over the same connector.
        url = self.transport.url(path)
        try:
            return await self.transport.session().ws_connect(
                url,
                params=self.query(params),
                max_msg_size=0,
                autoping=True,
                timeout=aiohttp.ClientWSTimeout(ws_close=5),
            )
        except aiohttp.WSServerHandshakeError as exc:
            raise IncusAPIError(f"websocket refused: {exc.message}", exc.status, url=url, method="GET") from exc
        except aiohttp.ClientError as exc:
            raise IncusConnectionError(f"websocket failed: {exc}", exc, method="GET", url=url) from exc

    # -- server capabilities -------------------------------------------------

    async def extensions(self) -> frozenset[str]:
        """Return the server's API extensions (fetched once, then cached)."""
        if self._extensions is None:
            info = await self.get_metadata("/1.0", params=None)
            self._extensions = frozenset(info.get("api_extensions") or [])
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
    "Core",
    "Params",
    "Response",
    "name_from_url",
]
