"""Network peerings: ``/1.0/networks/{network}/peers``."""

from __future__ import annotations

from ..models import _spec
from ._collection import PARENT, Family, KeysAlias, Member


class NetworkPeer(Member, _spec.NetworkPeer):
    """A network peering (OVN networks only)."""

    _family = "networks.peers"


class NetworkPeersAPI(KeysAlias[NetworkPeer]):
    """Peerings of a network (``client.networks.peers``): ``parent`` is the network.

    ``create("ovn1", "to-ovn2", target_project="p", target_network="ovn2")``.
    Only OVN networks support them; Incus refuses for others
    (``Network driver "bridge" does not support peering``).
    """

    family = Family(("networks", PARENT, "peers"), post=_spec.NetworkPeersPost, put=_spec.NetworkPeerPut)
    server_checks_etag = False  # Incus 6.0 ignores If-Match here


__all__ = ["NetworkPeer", "NetworkPeersAPI"]
