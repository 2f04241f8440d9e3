"""Where incus_sdk 0.1.0 had the transfers between servers: now :mod:`incus_sdk.migration`.

The names stay importable from here (without a warning); new code imports
them from :mod:`incus_sdk.migration`. ``move_to_member`` is
``client.cluster.move_instance``.
"""

from __future__ import annotations

from ..migration import (
    MigrationOperation,
    copy_image,
    copy_instance,
    copy_volume,
    move_instance,
    move_to_member,
    move_volume,
)

__all__ = [
    "MigrationOperation",
    "copy_image",
    "copy_instance",
    "copy_volume",
    "move_instance",
    "move_to_member",
    "move_volume",
]
