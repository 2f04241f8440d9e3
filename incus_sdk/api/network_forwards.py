"""Network address forwards: ``/1.0/networks/{network}/forwards``."""

from __future__ import annotations

from ..models.network import NetworkForward, NetworkForwardPut, NetworkForwardsPost
from ._collection import ChildCollectionAPI


class NetworkForwardsAPI(ChildCollectionAPI[NetworkForward]):
    """Address forwards of a network (``client.networks.forwards``).

    ``parent`` is the network, ``key`` the listen address:
    ``create("br0", "192.0.2.10", ports=[{"protocol": "tcp", "listen_port": "80",
    "target_address": "192.0.2.5"}])``. Bridge and OVN networks support them.
    """

    parent_family = "networks"
    family = "forwards"
    model = NetworkForward
    post_model = NetworkForwardsPost
    put_model = NetworkForwardPut
    key_field = "listen_address"
    server_checks_etag = False  # Incus 6.0 ignores If-Match here
