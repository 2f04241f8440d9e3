"""Operation models."""

from __future__ import annotations

from . import _spec


class OperationModel(_spec.Operation):
    """A background operation as the server describes it (spec ``Operation``).

    The handle users work with is :class:`incus_sdk.operations.Operation`;
    this is the data it holds. ``class`` is available as ``class_``. A
    cluster join token's operation has ``"resources": {"cluster": null}``:
    such a list reads as empty.
    """


__all__ = ["OperationModel"]
