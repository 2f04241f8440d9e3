"""Server models: ``Server`` (``GET /1.0``, bound to ``client.server``; also
named ``ServerInfo``), ``ServerPut``, ``ServerEnvironment``, the hardware
description ``Resources`` and ``MetadataConfiguration``. ``Server`` lives with
its API in :mod:`incus_sdk.api.server`."""

from __future__ import annotations

from ..api.server import Server, ServerInfo
from ._spec import MetadataConfigKey, MetadataConfiguration, Resources, ServerEnvironment, ServerPut, ServerUntrusted

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
