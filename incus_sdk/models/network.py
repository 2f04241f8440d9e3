"""Network models: networks and everything under them.

For each family the spec's split is kept: ``...Put`` (writable fields),
``...sPost`` (create body), ``...Post`` (rename body) and the full read,
which here is a :class:`~incus_sdk.models._base.Resource` (it carries the
``etag`` it was read with, for a safe ``replace``).
"""

from __future__ import annotations

from typing import List

from . import _spec
from ._base import Resource
from ._named import NamedResource

NetworkPut = _spec.NetworkPut
NetworksPost = _spec.NetworksPost
NetworkPost = _spec.NetworkPost
NetworkState = _spec.NetworkState
NetworkStateAddress = _spec.NetworkStateAddress
NetworkStateBond = _spec.NetworkStateBond
NetworkStateBridge = _spec.NetworkStateBridge
NetworkStateCounters = _spec.NetworkStateCounters
NetworkStateOVN = _spec.NetworkStateOVN
NetworkStateVLAN = _spec.NetworkStateVLAN
NetworkLease = _spec.NetworkLease
NetworkAllocations = _spec.NetworkAllocations

NetworkACLPut = _spec.NetworkACLPut
NetworkACLsPost = _spec.NetworkACLsPost
NetworkACLPost = _spec.NetworkACLPost
NetworkACLRule = _spec.NetworkACLRule

NetworkForwardPut = _spec.NetworkForwardPut
NetworkForwardsPost = _spec.NetworkForwardsPost
NetworkForwardPort = _spec.NetworkForwardPort

NetworkLoadBalancerPut = _spec.NetworkLoadBalancerPut
NetworkLoadBalancersPost = _spec.NetworkLoadBalancersPost
NetworkLoadBalancerBackend = _spec.NetworkLoadBalancerBackend
NetworkLoadBalancerPort = _spec.NetworkLoadBalancerPort
NetworkLoadBalancerState = _spec.NetworkLoadBalancerState

NetworkPeerPut = _spec.NetworkPeerPut
NetworkPeersPost = _spec.NetworkPeersPost

NetworkZonePut = _spec.NetworkZonePut
NetworkZonesPost = _spec.NetworkZonesPost
NetworkZoneRecordPut = _spec.NetworkZoneRecordPut
NetworkZoneRecordsPost = _spec.NetworkZoneRecordsPost
NetworkZoneRecordEntry = _spec.NetworkZoneRecordEntry

NetworkIntegrationPut = _spec.NetworkIntegrationPut
NetworkIntegrationsPost = _spec.NetworkIntegrationsPost
NetworkIntegrationPost = _spec.NetworkIntegrationPost


class Network(NamedResource, _spec.Network):
    """Model representing an Incus network.

    Attributes:
        name: The network name.
        type: ``bridge``, ``macvlan``, ``ovn``, ``physical``... (or
            ``loopback`` / ``physical`` for unmanaged host interfaces).
        managed: Whether Incus manages it (only managed networks can be
            changed).
        config: Its configuration (``ipv4.address``...).
        status: ``Created``, ``Pending``, ``Errored``...
        used_by: URLs of the instances, profiles... using it; see
            :attr:`used_by_refs`.
    """

    _family = "networks"
    _put_model = NetworkPut

    async def state(self) -> NetworkState:
        """Return the network's runtime state (addresses, counters...), typed."""
        return await self._api("networks").get_state(self.name)  # type: ignore[no-any-return]

    async def leases(self) -> List[NetworkLease]:
        """Return the network's DHCP leases (managed networks only)."""
        return await self._api("networks").leases(self.name)  # type: ignore[no-any-return]


class NetworkACL(NamedResource, _spec.NetworkACL):
    """A network ACL: ingress/egress rules applied to NICs and networks."""

    _family = "networks.acls"
    _put_model = NetworkACLPut


class NetworkForward(Resource, _spec.NetworkForward):
    """A network address forward (``listen_address`` -> targets, per port)."""


class NetworkLoadBalancer(Resource, _spec.NetworkLoadBalancer):
    """A network load balancer (``listen_address`` -> backends, per port)."""


class NetworkPeer(Resource, _spec.NetworkPeer):
    """A network peering (OVN networks only)."""


class NetworkZone(Resource, _spec.NetworkZone):
    """A DNS zone served by Incus."""


class NetworkZoneRecord(Resource, _spec.NetworkZoneRecord):
    """A record (name with entries) in a network zone."""


class NetworkIntegration(NamedResource, _spec.NetworkIntegration):
    """A network integration (e.g. an OVN interconnection)."""

    _family = "networks.integrations"
    _put_model = NetworkIntegrationPut


__all__ = [
    "Network",
    "NetworkACL",
    "NetworkACLPost",
    "NetworkACLPut",
    "NetworkACLRule",
    "NetworkACLsPost",
    "NetworkAllocations",
    "NetworkForward",
    "NetworkForwardPort",
    "NetworkForwardPut",
    "NetworkForwardsPost",
    "NetworkIntegration",
    "NetworkIntegrationPost",
    "NetworkIntegrationPut",
    "NetworkIntegrationsPost",
    "NetworkLease",
    "NetworkLoadBalancer",
    "NetworkLoadBalancerBackend",
    "NetworkLoadBalancerPort",
    "NetworkLoadBalancerPut",
    "NetworkLoadBalancerState",
    "NetworkLoadBalancersPost",
    "NetworkPeer",
    "NetworkPeerPut",
    "NetworkPeersPost",
    "NetworkPost",
    "NetworkPut",
    "NetworkState",
    "NetworkStateAddress",
    "NetworkStateBond",
    "NetworkStateBridge",
    "NetworkStateCounters",
    "NetworkStateOVN",
    "NetworkStateVLAN",
    "NetworkZone",
    "NetworkZonePut",
    "NetworkZoneRecord",
    "NetworkZoneRecordEntry",
    "NetworkZoneRecordPut",
    "NetworkZoneRecordsPost",
    "NetworkZonesPost",
]
