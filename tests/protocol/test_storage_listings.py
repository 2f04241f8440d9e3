"""How the storage sub-APIs read Incus 6.0's listing URLs (captured from the test daemon).

Pool and volume snapshot listings carry the names unescaped; volume listings
are escaped and include the snapshots; full snapshot listings name them
``volume/snapshot``. The integration tests drive the same through the real
daemon; these pin each form without one.
"""

from __future__ import annotations

import pytest

from incus_sdk.api._storage import own_name, unescaped_key, volume_in_url
from incus_sdk.api.storage_pools import StoragePoolsAPI
from incus_sdk.api.storage_volumes import StorageVolumesAPI, StorageVolumeSnapshotsAPI

VOLUME = "w s?x#y%z"


def test_pool_listing_names_are_read_unescaped() -> None:
    pools = StoragePoolsAPI(None)  # type: ignore[arg-type]  # reading URLs needs no connection
    assert pools._key_from_url("/1.0/storage-pools/default", ()) == "default"
    assert pools._key_from_url("/1.0/storage-pools/p?a#b%25c", ()) == "p?a#b%25c"


def test_snapshot_listing_names_are_read_unescaped() -> None:
    snapshots = StorageVolumeSnapshotsAPI(None)  # type: ignore[arg-type]
    parents = ("default", "custom", VOLUME)
    url = f"/1.0/storage-pools/default/volumes/custom/{VOLUME}/snapshots/s%1"
    assert snapshots._key_from_url(url, parents) == "s%1"
    # A URL escaped the usual way is read the usual way.
    escaped = "/1.0/storage-pools/default/volumes/custom/w%20s%3Fx%23y%25z/snapshots/s1?project=p"
    assert snapshots._key_from_url(escaped, parents) == "s1"


@pytest.mark.parametrize(
    ("url", "located"),
    [
        ("/1.0/storage-pools/default/volumes/custom/w%20s%3Fx%23y%25z?project=p", ("custom", VOLUME)),
        (
            "/1.0/storage-pools/default/volumes/custom/w%20s%3Fx%23y%25z/snapshots/s%251?project=p",
            ("custom", VOLUME + "/s%1"),
        ),
        ("/1.0/storage-pools/p%3Fq/volumes/container/c1", ("container", "c1")),
        ("/1.0/storage-pools/default/volumes/custom/snapshots", ("custom", "snapshots")),
    ],
)
def test_volume_listing_urls_give_type_and_name(url: str, located: tuple[str, str]) -> None:
    assert volume_in_url(url) == located
    volumes = StorageVolumesAPI(None)  # type: ignore[arg-type]
    assert volumes._key_from_url(url, ("default", located[0])) == located[1]


def test_unescaped_key_leaves_other_urls_alone() -> None:
    assert unescaped_key("/1.0/storage-pools/p/volumes", "/1.0/storage-pools") is None
    assert unescaped_key("/1.0/networks/n", "/1.0/storage-pools") is None


def test_snapshots_and_backups_keep_their_own_name() -> None:
    assert own_name({"name": "vol/s1", "description": "d"}) == {"name": "s1", "description": "d"}
    assert own_name({"name": "b0"})["name"] == "b0"
