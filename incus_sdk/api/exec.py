"""Instance exec, run-and-capture and streaming processes (``client.instances``); being written."""

from __future__ import annotations

from ._base import SubAPI


class InstanceExecMixin(SubAPI):
    """The exec, run-and-capture and streaming processes methods of :class:`~incus_sdk.api.instances.InstancesAPI`."""
