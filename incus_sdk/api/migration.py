"""Where incus_sdk 0.1.0 had the transfers between servers: now :mod:`incus_sdk.migration`.

Every name of :mod:`incus_sdk.migration` stays importable from here (without
a warning); new code imports them from there. ``move_to_member`` is
``client.cluster.move_instance``.
"""

from __future__ import annotations

from .. import migration as _migration
from ..migration import *  # noqa: F403 - the same names, as the same objects

__all__ = _migration.__all__
