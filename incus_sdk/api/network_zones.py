"""Network zones and their records: ``/1.0/network-zones``."""

from __future__ import annotations

from ..models import _spec
from ._base import child
from ._collection import PARENT, Family, KeysAlias, Member, NamedCollection, NamedResource


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

    family = Family(
        ("network-zones", PARENT, "records"), post=_spec.NetworkZoneRecordsPost, put=_spec.NetworkZoneRecordPut
    )


class NetworkZonesAPI(NamedCollection[NetworkZone]):
    """DNS zones served by Incus (``client.networks.zones``); not renamable.

    Attributes:
        records: The zones' records.
    """

    family = Family(("network-zones",), post=_spec.NetworkZonesPost, put=_spec.NetworkZonePut)

    records = child(NetworkZoneRecordsAPI)
    """The zones' records (``/1.0/network-zones/{zone}/records``)."""


__all__ = ["NetworkZone", "NetworkZoneRecord", "NetworkZoneRecordsAPI", "NetworkZonesAPI"]
