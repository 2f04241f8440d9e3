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
from typing import Any

from typing_extensions import Unpack

from ._session import UNSET, Params, Reply, SendOptions, Session, name_from_url
from .operations import Operation, Response


class Core(Session):
    """A :class:`~incus_sdk._session.Session` whose requests return :class:`~incus_sdk.Response` s."""

    async def request(self, method: str, path: str, **options: Unpack[SendOptions]) -> Response:
        """:meth:`~incus_sdk._session.Session.send` a request; return its :class:`~incus_sdk.Response`.

        Takes the options of ``send`` (``params``, ``json``, ``data``,
        ``headers``, ``etag``, ``timeout``, ``scoped``, ``check``) and raises
        what it raises.

        Returns:
            The decoded envelope; for ``async`` replies ``response.operation``
            is the operation's handle.
        """
        sent_at = time.monotonic()
        return self._response(await self.send(method, path, **options), method, path, sent_at, options)

    def _response(self, reply: Reply, method: str, path: str, sent_at: float, options: SendOptions) -> Response:
        """The :class:`~incus_sdk.Response` of a request's reply, with the handle of the operation it started."""
        response = Response.from_reply(reply)
        if response.is_async and options.get("check", True):
            response.operation = operation = Operation.from_response(
                self, response, method=method, url=self.transport.url(path), sent_at=sent_at
            )
            # Its events come in the project the request was sent in.
            operation._events_project = self.query(options.get("params"), scoped=options.get("scoped", True)).get(
                "project"
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
