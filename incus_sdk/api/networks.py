"""The Networks API: ``/1.0/networks`` and its sub-families.

``client.networks`` manages networks themselves; its attributes manage what
hangs off them:

* ``client.networks.acls`` — ``/1.0/network-acls``
* ``client.networks.zones`` (and ``.zones.records``) — ``/1.0/network-zones``
* ``client.networks.forwards`` — ``/1.0/networks/{network}/forwards``
* ``client.networks.load_balancers`` — ``/1.0/networks/{network}/load-balancers``
* ``client.networks.peers`` — ``/1.0/networks/{network}/peers``
* ``client.networks.integrations`` — ``/1.0/network-integrations``

and :meth:`NetworksAPI.allocations` reads ``/1.0/network-allocations``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List

from .._core import Response
from .._paths import api_path
from ..models.network import (
    Network,
    NetworkAllocations,
    NetworkLease,
    NetworkPut,
    NetworksPost,
    NetworkState,
)
from ..models.profile import UsedByRef
from ._collection import RenamableCollectionAPI
from .network_acls import NetworkACLsAPI
from .network_forwards import NetworkForwardsAPI
from .network_integrations import NetworkIntegrationsAPI
from .network_load_balancers import NetworkLoadBalancersAPI
from .network_peers import NetworkPeersAPI
from .network_zones import NetworkZonesAPI

if TYPE_CHECKING:
    from .._core import Core


class NetworksAPI(RenamableCollectionAPI[Network]):
    """API client for Incus networks.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``update`` / ``replace`` /
    ``delete`` / ``rename`` work as for every named collection (see
    :class:`~incus_sdk.api._collection.NamedCollectionAPI`). Listings include
    the host's unmanaged interfaces (``managed=False``).

    Attributes:
        acls: Network ACLs.
        zones: Network DNS zones (``zones.records`` for their records).
        forwards: Address forwards of a network.
        load_balancers: Load balancers of a network (OVN only).
        peers: Peerings of a network (OVN only).
        integrations: Network integrations (server-wide).
    """

    family = "networks"
    model = Network
    post_model = NetworksPost
    put_model = NetworkPut

    def __init__(self, core: Core, client: Any = None) -> None:
        super().__init__(core, client)
        self.acls = NetworkACLsAPI(core, client)
        self.zones = NetworkZonesAPI(core, client)
        self.forwards = NetworkForwardsAPI(core, client)
        self.load_balancers = NetworkLoadBalancersAPI(core, client)
        self.peers = NetworkPeersAPI(core, client)
        self.integrations = NetworkIntegrationsAPI(core, client)

    async def create(  # type: ignore[override]  # the seed's signature: config is the network's config map
        self,
        name: str,
        config: Dict[str, Any] | None = None,
        description: str | None = None,
        type: str | None = "bridge",
    ) -> Response:
        """Create a new network.

        Set ``ipv4.address`` / ``ipv6.address`` explicitly (``none`` or a
        CIDR): left unset, Incus picks ``auto`` and probes for a free subnet.

        Args:
            name: Name of the network (for a bridge, also the host
                interface's name: at most 15 characters).
            config: Network configuration, e.g.
                ``{"ipv4.address": "192.0.2.1/24", "ipv6.address": "none"}``.
            description: Description of the network.
            type: Type of network (``bridge``, ``macvlan``, ``ovn``,
                ``physical``, ``sriov``); None lets the server choose.

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusConflictError: If a network of that name exists.
            IncusBadRequestError: If the name, type or a config key is invalid
                (e.g. non-OVN networks in a project with ``features.networks``).
        """
        return await self._create(self._path(), name, None, config=config, description=description, type=type)

    async def state(self, name: str) -> Dict[str, Any]:
        """Get the state of a network.

        Args:
            name: Name of the network.

        Returns:
            Dict[str, Any]: The network state as the server sends it
            (``addresses``, ``counters``, ``state``...). :meth:`get_state`
            gives it typed.
        """
        return await self._core.get_metadata(self._path(name, "state"))  # type: ignore[no-any-return]

    async def get_state(self, name: str) -> NetworkState:
        """Get the state of a network, typed.

        Args:
            name: Name of the network (managed or not).

        Returns:
            NetworkState: Addresses, counters, MTU, bridge details...
        """
        return await self._core.get_model(NetworkState, self._path(name, "state"))

    async def leases(self, name: str) -> List[NetworkLease]:
        """Return the DHCP leases of a managed network.

        Args:
            name: Name of the network.

        Returns:
            One entry per lease, static allocation and gateway address.

        Raises:
            IncusBadRequestError: If the network is not managed.
        """
        return await self._core.get_models(NetworkLease, self._path(name, "leases"), recursion=None)

    async def allocations(self, *, all_projects: bool = False) -> List[NetworkAllocations]:
        """Return the addresses in use (``GET /1.0/network-allocations``).

        Args:
            all_projects: Cover every project, not just the client's.

        Returns:
            One entry per address: networks' own subnets, forwards, load
            balancers and instance NICs, with who uses it (``used_by``).
        """
        params = {"all-projects": True} if all_projects else None
        return await self._core.get_models(
            NetworkAllocations, api_path("network-allocations"), params=params, recursion=None
        )

    async def used_by(self, name: str) -> List[UsedByRef]:
        """Return what uses a network, as ``(type, name, project)`` references.

        Args:
            name: Name of the network.
        """
        return (await self.get(name)).used_by_refs
