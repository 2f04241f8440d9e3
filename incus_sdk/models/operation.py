"""Operation models."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from . import _spec


class OperationModel(_spec.Operation):
    """A background operation as the server describes it (spec ``Operation``).

    The handle users work with is :class:`incus_sdk.operations.Operation`;
    this is the data it holds. ``class`` is available as ``class_``.
    """

    @model_validator(mode="before")
    @classmethod
    def _null_resource_lists(cls, data: Any) -> Any:
        # A cluster join token's operation has "resources": {"cluster": null}.
        if isinstance(data, dict) and isinstance(data.get("resources"), dict):
            data = {**data, "resources": {k: v or [] for k, v in data["resources"].items()}}
        return data


__all__ = ["OperationModel"]
