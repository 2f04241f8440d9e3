"""The request core: path + options in, envelope decoded, typed value out.

Layers, from the bottom:

* :class:`~incus_sdk._session.Session` sends one request and decodes its
  envelope (:meth:`~incus_sdk._session.Session.send`), turns sync replies
  into models or names, streams bodies and opens websockets;
* :class:`~incus_sdk.Operation` handles use a session to wait, refresh,
  cancel and connect;
* :class:`Core` (here) gives writes their reply: :meth:`Core.request`
  returns a :class:`~incus_sdk.Response` whose ``operation`` is the handle
  of the operation an ``async`` reply started.

Project and target query parameters, ``If-Match`` headers and error
translation all happen in the session, once, for every resource module.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from ._session import UNSET, Params, Reply, Session, name_from_url
from .operations import Operation, Response


class Core(Session):
    """A :class:`~incus_sdk._session.Session` whose requests return :class:`~incus_sdk.Response` s."""

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
            IncusRedirectError: If the server answered with a redirect (never followed).
            IncusProtocolError: If the reply is not a valid envelope, or is
                larger than the client's ``max_reply_size``.
            IncusConnectionError: If the daemon cannot be reached.
            IncusTimeoutError: If no reply came within the timeout.
        """
        sent_at = time.monotonic()
        reply = await self.send(
            method,
            path,
            params=params,
            json=json,
            data=data,
            headers=headers,
            etag=etag,
            timeout=timeout,
            scoped=scoped,
            check=check,
        )
        response = Response.from_reply(reply)
        if response.is_async and check:
            response.operation = Operation.from_response(
                self, response, method=method, url=self.transport.url(path), sent_at=sent_at
            )
        return response

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
        response = await self.request(method, path, **kwargs)
        if response.operation is not None:
            return response.operation
        return Operation.completed(self, response)


__all__ = [
    "UNSET",
    "Core",
    "Params",
    "Reply",
    "Response",
    "name_from_url",
]
