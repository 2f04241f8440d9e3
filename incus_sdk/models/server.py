"""Server models: ``Server`` (``GET /1.0``), ``ServerPut``, ``ServerEnvironment``
and the hardware description ``Resources``."""

from __future__ import annotations

from . import _spec

Server = _spec.Server
ServerPut = _spec.ServerPut
ServerEnvironment = _spec.ServerEnvironment
ServerUntrusted = _spec.ServerUntrusted
Resources = _spec.Resources

__all__ = ["Resources", "Server", "ServerEnvironment", "ServerPut", "ServerUntrusted"]
