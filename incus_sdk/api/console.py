"""The text console of instances (``/1.0/instances/{name}/console``).

Methods of ``client.instances``: the console is one endpoint of one
instance, whose verbs are actions (attach, read the log, clear it), not a
collection.

* :meth:`~InstanceConsoleMixin.console` attaches to the console through the
  operation's two websockets (data ``"0"`` and ``"control"``);
* :meth:`~InstanceConsoleMixin.console_log` / :meth:`~InstanceConsoleMixin.clear_console_log`
  read and clear what the console printed so far (reading empties it too).
"""

from __future__ import annotations

from .._paths import api_path
from .._protocol import exec as proto
from ..exceptions import IncusError
from ..streams import DEFAULT_OUTPUT_LIMIT, ConsoleSession
from ._base import SubAPI
from .exec import open_operation_websockets


class InstanceConsoleMixin(SubAPI):
    """The console methods of :class:`~incus_sdk.api.instances.InstancesAPI`."""

    async def console(
        self,
        name: str,
        *,
        width: int | None = None,
        height: int | None = None,
        force: bool = False,
        output_limit: int = DEFAULT_OUTPUT_LIMIT,
    ) -> ConsoleSession:
        """Attach to the instance's text console.

        Use the session as an async context manager; leaving it detaches::

            async with await client.instances.console("c1") as con:
                await con.write("root\\n")
                print(await con.read_until(b"# ", timeout=5))

        Args:
            name: Name of the instance (running).
            width: Console width in columns.
            height: Console height in rows.
            force: Take the console over from another attached client.
            output_limit: Websocket messages buffered unread.

        Returns:
            The attached :class:`~incus_sdk.streams.ConsoleSession`.

        Raises:
            IncusBadRequestError: If the instance is not running.
            IncusNotFoundError: If there is no such instance.
        """
        body = {"type": "console", "width": width or 0, "height": height or 0, "force": force}
        response = await self._core.request("POST", api_path("instances", name, "console"), json=body)
        operation = response.operation
        if operation is None:
            raise IncusError("the server did not start a console operation")
        fds = dict(operation.metadata.get("fds") or {})
        if not fds.get("0") or not fds.get(proto.CONTROL):
            raise IncusError(f"console operation has no websocket secrets: {sorted(fds)}")
        sockets = await open_operation_websockets(operation, {"0": fds["0"], proto.CONTROL: fds[proto.CONTROL]})
        return ConsoleSession(operation, sockets["0"], sockets[proto.CONTROL], output_limit=output_limit)

    async def console_log(self, name: str) -> bytes:
        """Return what the instance's console printed since its log was last read or cleared.

        Reading **empties the log** on the daemon: Incus 6.0 reads a
        container's console ring buffer and clears it in the same step, so
        each call gives only what was printed since the previous one, and
        nothing can read the log without emptying it. Keep what you read if
        you need it again.

        Args:
            name: Name of the instance.

        Returns:
            The console output, as bytes.

        Raises:
            IncusNotFoundError: If there is no such instance.
        """
        async with self._core.stream("GET", api_path("instances", name, "console")) as reply:
            return await reply.read()

    async def clear_console_log(self, name: str) -> None:
        """Empty the instance's console log without reading it.

        Args:
            name: Name of the instance.

        Raises:
            IncusNotFoundError: If there is no such instance.
        """
        await self._core.request("DELETE", api_path("instances", name, "console"))


__all__ = ["InstanceConsoleMixin"]
