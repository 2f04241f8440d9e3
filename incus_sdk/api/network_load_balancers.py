"""Network load balancers: ``/1.0/networks/{network}/load-balancers``."""

from __future__ import annotations

from ..models import _spec
from ._collection import PARENT, Family, ListenAddressCollection, Member


class NetworkLoadBalancer(Member, _spec.NetworkLoadBalancer):
    """A network load balancer (``listen_address`` -> backends, per port)."""

    _family = "networks.load_balancers"

    async def state(self) -> _spec.NetworkLoadBalancerState:
        """Return this load balancer's backend health."""
        api = self._resolve(NetworkLoadBalancersAPI)
        return await api.state(self._parents[0], self.listen_address)


class NetworkLoadBalancersAPI(ListenAddressCollection[NetworkLoadBalancer]):
    """Load balancers of a network (``client.networks.load_balancers``).

    ``parent`` is the network, ``key`` the listen address. Only OVN networks
    support them; Incus refuses for others (``Network driver "bridge" does
    not support load balancers``).
    """

    family = Family(
        ("networks", PARENT, "load-balancers"), post=_spec.NetworkLoadBalancersPost, put=_spec.NetworkLoadBalancerPut
    )

    async def state(self, parent: str, key: str) -> _spec.NetworkLoadBalancerState:
        """Return a load balancer's backend health.

        Args:
            parent: The network's name.
            key: The listen address.

        Returns:
            The state (``backend_health`` per backend address).
        """
        return await self._core.get_model(_spec.NetworkLoadBalancerState, self._url((parent,), key, "state"))


__all__ = ["NetworkLoadBalancer", "NetworkLoadBalancersAPI"]
