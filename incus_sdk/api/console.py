"""Instance the instance console (``client.instances``); being written."""

from __future__ import annotations

from ._base import SubAPI


class InstanceConsoleMixin(SubAPI):
    """The the instance console methods of :class:`~incus_sdk.api.instances.InstancesAPI`."""
