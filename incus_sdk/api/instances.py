"""The Instances API: ``/1.0/instances`` (being written)."""

from __future__ import annotations

from .console import InstanceConsoleMixin
from .exec import InstanceExecMixin
from .files import InstanceFilesMixin


class InstancesAPI(InstanceExecMixin, InstanceFilesMixin, InstanceConsoleMixin):
    """API client for Incus instances."""
