"""Date-times keep the server's text: nanoseconds and offsets round-trip through to_dict()."""

from __future__ import annotations

import copy
import pickle
from datetime import datetime, timezone

from incus_sdk.models import _spec
from incus_sdk.models._base import ServerTime

NANO = "2026-11-30T07:46:50.370593123Z"
OFFSET = "2021-03-23T17:38:37.753398689-04:00"


def test_nanoseconds_and_offsets_round_trip() -> None:
    for text in (NANO, OFFSET, "0001-01-01T00:00:00Z"):
        instance = _spec.Instance.model_validate({"name": "c1", "created_at": text})
        assert isinstance(instance.created_at, datetime) and isinstance(instance.created_at, ServerTime)
        assert instance.to_dict()["created_at"] == text
        assert _spec.Instance.from_dict(instance.to_dict()).to_dict() == instance.to_dict()


def test_the_datetime_is_the_servers_time_to_the_microsecond() -> None:
    stamp = _spec.Instance.model_validate({"created_at": OFFSET}).created_at
    assert stamp is not None
    assert stamp.astimezone(timezone.utc) == datetime(2021, 3, 23, 21, 38, 37, 753398, tzinfo=timezone.utc)


def test_copies_keep_the_text() -> None:
    instance = _spec.Instance.model_validate({"created_at": NANO})
    assert copy.deepcopy(instance).to_dict()["created_at"] == NANO
    assert instance.model_copy(deep=True).to_dict()["created_at"] == NANO
    restored = pickle.loads(pickle.dumps(instance.created_at))
    assert isinstance(restored, ServerTime) and restored.text == NANO and restored == instance.created_at


def test_a_changed_or_given_time_is_written_as_iso() -> None:
    instance = _spec.Instance.model_validate({"created_at": NANO})
    assert instance.created_at is not None
    instance.created_at = instance.created_at.replace(year=2000)
    assert instance.to_dict()["created_at"] == "2000-11-30T07:46:50.370593+00:00"
    given = _spec.Instance(created_at=datetime(2020, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    assert given.to_dict()["created_at"] == "2020-01-02T03:04:05+00:00"
