"""Network zones and their records: ``/1.0/network-zones``."""

from __future__ import annotations

from functools import cached_property

from ..models import _spec
from ._collection import PARENT, KeysAlias, Member, NamedCollection, NamedResource


class NetworkZoneRecord(Member, _spec.NetworkZoneRecord):
    """A record (name with entries) in a network zone."""

    _family = "networks.zones.records"


class NetworkZone(NamedResource, _spec.NetworkZone):
    """A DNS zone served by Incus."""

    _family = "networks.zones"


class NetworkZoneRecordsAPI(KeysAlias[NetworkZoneRecord]):
    """Records of a zone (``client.networks.zones.records``): ``parent`` is the zone.

    ``create(zone, "www", entries=[{"type": "A", "value": "192.0.2.5"}])``.
    Records cannot be renamed.
    """

    path = ("network-zones", PARENT, "records")
    model = NetworkZoneRecord
    post_model = _spec.NetworkZoneRecordsPost
    put_model = _spec.NetworkZoneRecordPut


class NetworkZonesAPI(NamedCollection[NetworkZone]):
    """DNS zones served by Incus (``client.networks.zones``); not renamable.

    Attributes:
        records: The zones' records.
    """

    path = ("network-zones",)
    model = NetworkZone
    post_model = _spec.NetworkZonesPost
    put_model = _spec.NetworkZonePut

    @cached_property
    def records(self) -> NetworkZoneRecordsAPI:
        """The zones' records (``/1.0/network-zones/{zone}/records``)."""
        return NetworkZoneRecordsAPI(self._core)


__all__ = ["NetworkZone", "NetworkZoneRecord", "NetworkZoneRecordsAPI", "NetworkZonesAPI"]
