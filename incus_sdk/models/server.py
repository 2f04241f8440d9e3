"""Server models: ``Server`` (``GET /1.0``, bound to ``client.server``; also
named ``ServerInfo``), ``ServerPut``, ``ServerEnvironment``, the hardware
description ``Resources`` and ``MetadataConfiguration``. ``Server`` lives with
its API in :mod:`incus_sdk.api.server`."""

from __future__ import annotations

from ..api.server import Server, ServerInfo
from . import _spec

ServerPut = _spec.ServerPut
ServerEnvironment = _spec.ServerEnvironment
ServerUntrusted = _spec.ServerUntrusted
Resources = _spec.Resources
MetadataConfiguration = _spec.MetadataConfiguration
MetadataConfigKey = _spec.MetadataConfigKey

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
