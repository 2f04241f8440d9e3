"""Network zones and their records: ``/1.0/network-zones``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..models.network import (
    NetworkZone,
    NetworkZonePut,
    NetworkZoneRecord,
    NetworkZoneRecordPut,
    NetworkZoneRecordsPost,
    NetworkZonesPost,
)
from ._collection import ChildCollectionAPI, NamedCollectionAPI

if TYPE_CHECKING:
    from .._core import Core


class NetworkZoneRecordsAPI(ChildCollectionAPI[NetworkZoneRecord]):
    """Records of a zone (``client.networks.zones.records``): ``parent`` is the zone.

    ``create(zone, "www", entries=[{"type": "A", "value": "192.0.2.5"}])``.
    Records cannot be renamed.
    """

    parent_family = "network-zones"
    family = "records"
    model = NetworkZoneRecord
    post_model = NetworkZoneRecordsPost
    put_model = NetworkZoneRecordPut


class NetworkZonesAPI(NamedCollectionAPI[NetworkZone]):
    """DNS zones served by Incus (``client.networks.zones``); not renamable.

    Attributes:
        records: The zones' records.
    """

    family = "network-zones"
    model = NetworkZone
    post_model = NetworkZonesPost
    put_model = NetworkZonePut

    def __init__(self, core: Core, client: Any = None) -> None:
        super().__init__(core, client)
        self.records = NetworkZoneRecordsAPI(core, client)


__all__ = ["NetworkZoneRecordsAPI", "NetworkZonesAPI"]
