"""A bound resource copies its data, not the sub-API (a live connection) it is bound to."""

from __future__ import annotations

import copy

from incus_sdk.api.instance_metadata import InstanceMetadata


class Handle:
    """Stands for a sub-API: something that must not be copied."""

    def __deepcopy__(self, memo: object) -> Handle:
        raise AssertionError("the handle was deep-copied")


def test_deep_copy_shares_the_handle_and_copies_the_data() -> None:
    handle = Handle()
    meta = InstanceMetadata.bound(
        {"properties": {"os": "busybox"}, "templates": {}}, api=handle, parents=("c1",), etag="e1"
    )
    for copied in (meta.model_copy(deep=True), copy.deepcopy(meta)):
        assert copied._handle is handle
        assert (copied.instance, copied.etag) == ("c1", "e1")
        copied.properties["os"] = "other"
        assert meta.properties["os"] == "busybox"
