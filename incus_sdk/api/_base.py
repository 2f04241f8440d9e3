"""What every sub-API shares: the core it sends through."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._core import Core


class SubAPI:
    """Base of ``client.projects``, ``client.instances``...

    A sub-API acts through its core alone (the connection, project and
    target it was built with); it knows nothing of the client above it.

    Attributes:
        client: The :class:`~incus_sdk.Client` whose attribute this is
            (``client.projects.client``), kept for incus_sdk 0.1.0 code;
            None for a nested sub-API (``client.instances.snapshots``) and
            one built from a core.
    """

    def __init__(self, core: Core, client: object = None) -> None:
        self._core = core
        self.client = client
