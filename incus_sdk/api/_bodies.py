"""Request bodies: checked against the spec model before anything is sent.

One function serves every family, so a misspelt field or a flat config
(``{"limits.cpu": "1"}`` where ``{"config": {"limits.cpu": "1"}}`` was
meant) raises the same clear ``ValueError`` everywhere, and config values
are rendered the way Incus expects (strings; ``None`` removes a key).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..models import _spec
from ..models._base import IncusModel


def field_names(model: type[IncusModel]) -> set[str]:
    """The JSON names of a model's fields."""
    return {f.alias or name for name, f in model.model_fields.items()}


def fields_of(model: type[IncusModel], data: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of ``data`` (JSON names) that are fields of ``model``, such as the writable part of an object."""
    names = field_names(model)
    return {k: v for k, v in data.items() if k in names}


def config_map(config: Mapping[str, Any]) -> dict[str, str]:
    """Render a config map as Incus takes it: strings, ``"true"``/``"false"``,
    and ``""`` (remove the key) for ``None``.

    Raises:
        ValueError: If a value is not a string, number, bool or None (a
            list or a mapping would be sent as its Python repr).
    """
    out: dict[str, str] = {}
    for key, value in config.items():
        if value is None:
            out[key] = ""
        elif isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, (str, int, float)):
            out[key] = str(value)
        else:
            raise ValueError(f"config value of {key!r} must be a string, number or bool, not {type(value).__name__}")
    return out


def _jsonable(value: Any) -> Any:
    """Turn models nested in a body (ACL rules, forward ports...) and dates into JSON values."""
    if isinstance(value, IncusModel):
        return value.to_dict()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def writable_body(
    model: type[IncusModel],
    body: Mapping[str, Any] | IncusModel | None,
    method: str,
    /,
    **fields: Any,
) -> dict[str, Any]:
    """Validate a request body against the fields of its spec model.

    Args:
        model: The spec model of the body (``InstancePut``, ``NetworkACLPut``...).
        body: The body as a mapping of the model's fields (by JSON name or
            attribute name), or a model instance (only the fields set on it
            are sent).
        method: The calling method's name, for the message.
        **fields: More fields, merged over ``body`` (None values dropped).

    Returns:
        The JSON-ready body, with the API's field names; ``config`` rendered
        by :func:`config_map`.

    Raises:
        ValueError: If ``body`` is not a mapping, a key is not a field of the
            model, or ``config`` is not a mapping.
    """
    if isinstance(body, IncusModel):
        body = body.to_dict(exclude_unset=True)
    if body is not None and not isinstance(body, Mapping):
        raise ValueError(f"{method}() takes a mapping of fields, not {type(body).__name__}")
    by_attr = {name: f.alias or name for name, f in model.model_fields.items()}
    out = {by_attr.get(k, k): _jsonable(v) for k, v in dict(body or {}).items()}
    out.update({by_attr.get(k, k): _jsonable(v) for k, v in fields.items() if v is not None})
    allowed = field_names(model)
    unknown = set(out) - allowed
    if unknown:
        raise ValueError(
            f"{method}() takes the writable fields {sorted(allowed)}, not {sorted(unknown)}; "
            f"config keys go inside 'config', e.g. {{'config': {{'user.key': 'value'}}}}"
        )
    if "config" in out:
        if not isinstance(out["config"], Mapping):
            raise ValueError(f"{method}(): 'config' must be a mapping of config keys to values")
        out["config"] = config_map(out["config"])
    return out


def instance_move_body(
    name: str, *, project: str | None, pool: str | None, instance_only: bool, live: bool
) -> dict[str, Any]:
    """The body of ``POST /1.0/instances/{instance}`` that has the server itself move the instance, then named ``name``.

    ``migration: true`` with no migration target: the server moves the
    instance to another project or pool (:meth:`InstancesAPI.move
    <incus_sdk.api.instances.InstancesAPI.move>`) or, sent with
    ``?target=MEMBER``, the cluster moves it to that member
    (:meth:`ClusterAPI.move_instance <incus_sdk.api.cluster.ClusterAPI.move_instance>`).
    Options left at their defaults (None, False) are not sent.
    """
    return writable_body(
        _spec.InstancePost,
        {"name": name, "migration": True},
        "move",
        project=project,
        pool=pool,
        instance_only=instance_only or None,
        live=live or None,
    )
