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
from ._spec import (
    NetworkACLPost,
    NetworkACLPut,
    NetworkACLRule,
    NetworkACLsPost,
    NetworkAllocations,
    NetworkForwardPort,
    NetworkForwardPut,
    NetworkForwardsPost,
    NetworkIntegrationPost,
    NetworkIntegrationPut,
    NetworkIntegrationsPost,
    NetworkLease,
    NetworkLoadBalancerBackend,
    NetworkLoadBalancerPort,
    NetworkLoadBalancerPut,
    NetworkLoadBalancersPost,
    NetworkLoadBalancerState,
    NetworkPeerPut,
    NetworkPeersPost,
    NetworkPost,
    NetworkPut,
    NetworkState,
    NetworkStateAddress,
    NetworkStateBond,
    NetworkStateBridge,
    NetworkStateCounters,
    NetworkStateOVN,
    NetworkStateVLAN,
    NetworkZonePut,
    NetworkZoneRecordEntry,
    NetworkZoneRecordPut,
    NetworkZoneRecordsPost,
    NetworkZonesPost,
)

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
