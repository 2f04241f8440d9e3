"""Instance file push/pull, directories, symlinks (``client.instances``); being written."""

from __future__ import annotations

from ._base import SubAPI


class InstanceFilesMixin(SubAPI):
    """The file push/pull, directories, symlinks methods of :class:`~incus_sdk.api.instances.InstancesAPI`."""
