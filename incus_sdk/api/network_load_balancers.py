"""Network load balancers: ``/1.0/networks/{network}/load-balancers``."""

from __future__ import annotations

from ..models.network import (
    NetworkLoadBalancer,
    NetworkLoadBalancerPut,
    NetworkLoadBalancersPost,
    NetworkLoadBalancerState,
)
from ._collection import ChildCollectionAPI


class NetworkLoadBalancersAPI(ChildCollectionAPI[NetworkLoadBalancer]):
    """Load balancers of a network (``client.networks.load_balancers``).

    ``parent`` is the network, ``key`` the listen address. Only OVN networks
    support them; Incus refuses for others (``Network driver "bridge" does
    not support load balancers``).
    """

    parent_family = "networks"
    family = "load-balancers"
    model = NetworkLoadBalancer
    post_model = NetworkLoadBalancersPost
    put_model = NetworkLoadBalancerPut
    key_field = "listen_address"
    server_checks_etag = False  # Incus 6.0 ignores If-Match here

    async def state(self, parent: str, key: str) -> NetworkLoadBalancerState:
        """Return a load balancer's backend health.

        Args:
            parent: The network's name.
            key: The listen address.

        Returns:
            The state (``backend_health`` per backend address).
        """
        return await self._core.get_model(NetworkLoadBalancerState, self._path(parent, key, "state"))
