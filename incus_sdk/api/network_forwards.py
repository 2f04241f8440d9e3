"""Network address forwards: ``/1.0/networks/{network}/forwards``."""

from __future__ import annotations

from ..models import _spec
from ._collection import PARENT, Family, ListenAddressCollection, Member


class NetworkForward(Member, _spec.NetworkForward):
    """A network address forward (``listen_address`` -> targets, per port)."""

    _family = "networks.forwards"


class NetworkForwardsAPI(ListenAddressCollection[NetworkForward]):
    """Address forwards of a network (``client.networks.forwards``).

    ``parent`` is the network, ``key`` the listen address:
    ``create("br0", "192.0.2.10", ports=[{"protocol": "tcp", "listen_port": "80",
    "target_address": "192.0.2.5"}])``. Bridge and OVN networks support them.
    """

    family = Family(("networks", PARENT, "forwards"), post=_spec.NetworkForwardsPost, put=_spec.NetworkForwardPut)


__all__ = ["NetworkForward", "NetworkForwardsAPI"]
