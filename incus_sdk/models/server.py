"""Server models: ``Server`` (``GET /1.0``), ``ServerPut``, ``ServerEnvironment``
and the hardware description ``Resources``; ``ServerInfo`` (a ``Server`` with
its ETag, from ``client.server.get()``) and ``MetadataConfiguration``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _spec
from ._base import Resource

if TYPE_CHECKING:
    from .._core import Response

Server = _spec.Server
ServerPut = _spec.ServerPut
ServerEnvironment = _spec.ServerEnvironment
ServerUntrusted = _spec.ServerUntrusted
Resources = _spec.Resources
MetadataConfiguration = _spec.MetadataConfiguration
MetadataConfigKey = _spec.MetadataConfigKey


class ServerInfo(Resource, Server):
    """``GET /1.0`` as :meth:`~incus_sdk.api.server.ServerAPI.get` returns it:
    a :class:`Server` carrying the ETag of its configuration."""

    async def update(self, config: dict[str, str | None]) -> Response:
        """Change the given server config keys, if the config is unchanged since read.

        Args:
            config: Keys to set (``None`` unsets a key).

        Returns:
            The server's response.

        Raises:
            IncusPreconditionFailedError: If the config changed since it was read.
        """
        return await self._api("server").update(config, etag=self.etag)  # type: ignore[no-any-return]

    async def replace(self, config: dict[str, str] | None = None) -> Response:
        """Replace the whole server config, if unchanged since read.

        Args:
            config: The new config; by default this object's ``config``.

        Returns:
            The server's response.

        Raises:
            IncusPreconditionFailedError: If the config changed since it was read.
        """
        body = config if config is not None else dict(self.config)
        return await self._api("server").replace(body, etag=self.etag)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        env = self.environment
        return f"<ServerInfo: {env.server_name if env else '?'} {env.server_version if env else ''}>"


__all__ = [
    "MetadataConfigKey",
    "MetadataConfiguration",
    "Resources",
    "Server",
    "ServerEnvironment",
    "ServerInfo",
    "ServerPut",
    "ServerUntrusted",
]
