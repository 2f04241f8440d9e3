"""Replies validated straight from bytes give exactly what the general decoder gives.

The fast path (``validate_reply``: pydantic-core parsing the JSON into the
models in one pass) must agree with the reference path (``json.loads``,
``decode_envelope``, ``model_from_reply``) on every reply it takes, and
leave every other reply to it.
"""

from __future__ import annotations

import gc
import json
from typing import Any

import pydantic
import pytest

from incus_sdk import IncusNotFoundError, IncusProtocolError
from incus_sdk._protocol import envelope
from incus_sdk._protocol.envelope import (
    GC_PAUSE_BYTES,
    MISS,
    decode_envelope,
    misfit,
    model_from_reply,
    validate_reply,
)
from incus_sdk.models import InstanceFull, OperationModel, _spec
from incus_sdk.models._base import IncusModel

# An instance as Incus 6.0 lists it with recursion=2 (stopped: Go's nulls everywhere).
INSTANCE: dict[str, Any] = {
    "architecture": "x86_64",
    "backups": None,
    "config": {"image.os": "busybox", "volatile.uuid": "8171bdad-2f22-4a49-b6fb-be2fb8d866f2"},
    "created_at": "2026-11-30T07:57:00.628797023Z",
    "description": "",
    "devices": {},
    "ephemeral": False,
    "expanded_config": {"image.os": "busybox"},
    "expanded_devices": {"root": {"path": "/", "pool": "default", "type": "disk"}},
    "last_used_at": "1970-01-01T00:00:00Z",
    "location": "none",
    "name": "c1",
    "profiles": ["default"],
    "project": "default",
    "snapshots": None,
    "state": {
        "cpu": {"allocated_time": 0, "usage": 0},
        "disk": {},
        "memory": {"swap_usage": 0, "total": 0, "usage": 0},
        "network": None,
        "os_info": None,
        "pid": 0,
        "processes": 0,
        "started_at": "0001-01-01T00:00:00Z",
        "status": "Stopped",
        "status_code": 102,
    },
    "stateful": False,
    "status": "Stopped",
    "status_code": 102,
    "type": "container",
    "a_newer_field": {"kept": [1, None]},
}

OPERATION: dict[str, Any] = {
    "id": "0f0e6d6c-0000-4000-8000-00000000abcd",
    "class": "token",
    "status": "Running",
    "status_code": 103,
    "resources": {"cluster": None, "instances": ["/1.0/instances/c1"]},
    "metadata": None,
    "created_at": "2021-03-23T17:38:37.753398689-04:00",
    "err": "",
}


def body(metadata: Any, kind: str = "sync") -> bytes:
    return json.dumps({"type": kind, "status": "Success", "status_code": 200, "metadata": metadata}).encode()


def reference(raw: bytes, model: type[IncusModel], many: bool) -> Any:
    metadata = decode_envelope(200, raw)["metadata"]
    if many:
        return [model_from_reply(model, item) for item in metadata or []]
    return model_from_reply(model, metadata)


@pytest.mark.parametrize(
    ("model", "metadata", "many"),
    [
        (InstanceFull, [INSTANCE, {**INSTANCE, "name": "c2", "snapshots": [{"name": "s0"}]}], True),
        (InstanceFull, INSTANCE, False),
        (_spec.InstanceFull, INSTANCE, False),
        (OperationModel, OPERATION, False),
        (_spec.Project, None, True),
        (_spec.Project, [], True),
    ],
)
def test_fast_path_gives_what_the_general_decoder_gives(model: type[IncusModel], metadata: Any, many: bool) -> None:
    raw = body(metadata)
    fast = validate_reply(raw, model, many=many)
    assert fast is not MISS
    slow = reference(raw, model, many)
    if many:
        assert [type(m) for m in fast] == [type(m) for m in slow]
        assert [m.to_dict() for m in fast] == [m.to_dict() for m in slow]
    else:
        assert type(fast) is type(slow) and fast.to_dict() == slow.to_dict()


def test_go_nulls_read_as_defaults_and_times_keep_their_text() -> None:
    instance = validate_reply(body(INSTANCE), InstanceFull)
    assert instance.snapshots == [] and instance.backups == [] and instance.state.network == {}
    assert instance.state.os_info is None  # a pointer: null is its value
    assert instance.to_dict()["created_at"] == "2026-11-30T07:57:00.628797023Z"
    assert instance.a_newer_field == {"kept": [1, None]}  # unknown fields kept as sent
    operation = validate_reply(body(OPERATION), OperationModel)
    assert operation.resources == {"cluster": [], "instances": ["/1.0/instances/c1"]}
    assert operation.to_dict()["created_at"] == OPERATION["created_at"]


@pytest.mark.parametrize(
    ("raw", "many"),
    [
        (body(["/1.0/instances/c1"]), True),  # recursion=0: URLs, for the general path
        (body(None), False),  # one object as null reads as {} there
        (body(INSTANCE, "async"), False),
        (json.dumps({"type": "error", "error_code": 404, "error": "not found"}).encode(), False),
        (b"not json", False),
        (body({**INSTANCE, "config": "not a map"}), False),
        (body({**INSTANCE, "status_code": "many"}), False),
    ],
)
def test_anything_else_is_left_to_the_general_decoder(raw: bytes, many: bool) -> None:
    assert validate_reply(raw, InstanceFull, many=many) is MISS


def test_the_general_decoder_still_raises_for_what_the_fast_path_leaves() -> None:
    with pytest.raises(IncusNotFoundError):
        decode_envelope(200, json.dumps({"type": "error", "error_code": 404, "error": "not found"}).encode())
    with pytest.raises(IncusProtocolError, match=r"config: Input should be a valid dictionary") as err:
        model_from_reply(InstanceFull, {**INSTANCE, "config": "not a map"}, method="GET", url="u")
    assert "null" not in err.value.message  # the null-default branch is not reported


def _models() -> list[type[IncusModel]]:
    return [getattr(_spec, name) for name in _spec.__all__]


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_every_field_with_a_default_reads_null_as_it(model: type[IncusModel]) -> None:
    nulls = {field.alias or name: None for name, field in model.model_fields.items()}
    from_python = model.model_validate(nulls)
    from_json = model.model_validate_json(json.dumps(nulls))
    defaults = model().to_dict()
    assert from_python.to_dict() == defaults
    assert from_json.to_dict() == defaults


def test_a_wrong_type_is_still_refused_with_one_clear_error() -> None:
    with pytest.raises(pydantic.ValidationError) as exc:
        _spec.Project.model_validate_json(b'{"name": ["a"], "config": 5}')
    message = misfit(_spec.Project, exc.value, {}, method="GET", url="u").message
    assert "name: Input should be a valid string" in message
    assert "config: Input should be an object" in message
    assert "null" not in message and "value" not in message


def _large_listing() -> bytes:
    """A listing over :data:`GC_PAUSE_BYTES`, so that it is validated with the collector paused."""
    items = [{**INSTANCE, "name": f"c{i}"} for i in range(200)]
    raw = body(items)
    assert len(raw) > GC_PAUSE_BYTES
    return raw


def test_a_large_listing_leaves_its_objects_in_the_oldest_generation() -> None:
    raw = _large_listing()
    gc.collect()
    instances = validate_reply(raw, InstanceFull, many=True)
    assert len(instances) == 200 and gc.isenabled()
    oldest = {id(o) for o in gc.get_objects(2)}
    assert id(instances[0]) in oldest and id(instances[-1].state) in oldest


def test_objects_the_program_froze_stay_frozen() -> None:
    raw = _large_listing()
    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        instances = validate_reply(raw, InstanceFull, many=True)
        assert len(instances) == 200 and gc.get_freeze_count() == frozen
        assert id(instances[0]) not in {id(o) for o in gc.get_objects(2)}  # left to the collector
    finally:
        gc.unfreeze()


def test_promotion_stops_at_its_limit_until_a_full_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _large_listing()
    gc.collect()
    monkeypatch.setattr(envelope, "PROMOTE_LIMIT", 10)
    instances = validate_reply(raw, InstanceFull, many=True)
    assert id(instances[0]) not in {id(o) for o in gc.get_objects(2)}  # over the limit: the collector's way
    gc.collect()  # a full collection: the count starts again
    monkeypatch.setattr(envelope, "PROMOTE_LIMIT", 10**9)
    instances = validate_reply(raw, InstanceFull, many=True)
    assert id(instances[0]) in {id(o) for o in gc.get_objects(2)}


def test_a_validated_resource_is_built_once_with_its_private_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation neither calls ``Resource.__init__`` nor pydantic's chain of post-init wrappers."""
    from incus_sdk.models import StorageVolume
    from incus_sdk.models._base import Resource

    inits: list[object] = []
    original = Resource.__init__

    def counting_init(self: Resource, client: object = None, **data: Any) -> None:
        inits.append(self)
        original(self, client, **data)

    # The class variable pydantic's schema reads, not the function: patching __init__ does not change it.
    monkeypatch.setattr(Resource, "__init__", counting_init)
    instance = InstanceFull.model_validate({"name": "c1"})
    assert inits == []
    assert (instance._handle, instance._parents, instance._etag) == (None, (), None)
    # No class of the hierarchy keeps a post-init of pydantic's: one runs, the shared one.
    assert all("model_post_init" not in vars(cls) for cls in type(instance).__mro__ if issubclass(cls, Resource))
    # A post-init a class wrote still runs, once: StorageVolume's reads its pool.
    volume = StorageVolume.model_validate({"name": "v", "pool": "p", "type": "custom"})
    assert volume._parents == ("p", "custom")
    assert StorageVolume.model_validate({"name": "v"})._parents == ()


def test_the_models_package_needs_no_type_ignore() -> None:
    """Models are bound by type (issue 11): no ``type: ignore`` anywhere in ``incus_sdk/models``."""
    from pathlib import Path

    import incus_sdk.models

    root = Path(incus_sdk.models.__file__).parent
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "type: ignore" in line
    ]
    assert found == []
