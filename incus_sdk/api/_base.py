"""What every sub-API shares: the core it sends through, and its client."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._core import Core
    from ..client import Client


class SubAPI:
    """Base of ``client.projects``, ``client.instances``...

    Attributes:
        client: The :class:`~incus_sdk.Client` this sub-API belongs to (the
            models it returns are bound to it).
    """

    def __init__(self, core: Core, client: Client | Any = None) -> None:
        self._core = core
        self.client = client
