"""Network peerings: ``/1.0/networks/{network}/peers``."""

from __future__ import annotations

from ..models.network import NetworkPeer, NetworkPeerPut, NetworkPeersPost
from ._collection import ChildCollectionAPI


class NetworkPeersAPI(ChildCollectionAPI[NetworkPeer]):
    """Peerings of a network (``client.networks.peers``): ``parent`` is the network.

    ``create("ovn1", "to-ovn2", target_project="p", target_network="ovn2")``.
    Only OVN networks support them; Incus refuses for others
    (``Network driver "bridge" does not support peering``).
    """

    parent_family = "networks"
    family = "peers"
    model = NetworkPeer
    post_model = NetworkPeersPost
    put_model = NetworkPeerPut
    server_checks_etag = False  # Incus 6.0 ignores If-Match here
