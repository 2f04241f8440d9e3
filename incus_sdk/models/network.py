"""Network models: networks and everything under them.

For each family the spec's split is kept: ``...Put`` (writable fields),
``...sPost`` (create body), ``...Post`` (rename body) and the full read,
which is a resource bound to its sub-API (defined with it, in
``incus_sdk.api``; it carries the ``etag`` it was read with, for a safe
``replace``).
"""

from __future__ import annotations

from ..api.network_acls import NetworkACL
from ..api.network_forwards import NetworkForward
from ..api.network_integrations import NetworkIntegration
from ..api.network_load_balancers import NetworkLoadBalancer
from ..api.network_peers import NetworkPeer
from ..api.network_zones import NetworkZone, NetworkZoneRecord
from ..api.networks import Network
from . import _spec

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
