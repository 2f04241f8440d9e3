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

from typing import Any, Dict, List

from .._core import Response
from .._paths import api_path
from ..models import _spec
from ..models._named import UsedByRef
from ._base import child
from ._collection import Family, NamedResource, RenamableNamedCollection
from .network_acls import NetworkACLsAPI
from .network_forwards import NetworkForwardsAPI
from .network_integrations import NetworkIntegrationsAPI
from .network_load_balancers import NetworkLoadBalancersAPI
from .network_peers import NetworkPeersAPI
from .network_zones import NetworkZonesAPI


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

    def _networks(self) -> NetworksAPI:
        return self._resolve(NetworksAPI)

    async def state(self) -> _spec.NetworkState:
        """Return the network's runtime state (addresses, counters...), typed."""
        return await self._networks().get_state(self.name)

    async def leases(self) -> List[_spec.NetworkLease]:
        """Return the network's DHCP leases (managed networks only)."""
        return await self._networks().leases(self.name)


class NetworksAPI(RenamableNamedCollection[Network]):
    """API client for Incus networks.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``update`` / ``patch`` /
    ``replace`` / ``rename`` / ``delete`` mean what they mean in every
    family (see the Conventions page). Listings include the host's unmanaged
    interfaces (``managed=False``).
    """

    family = Family(("networks",), post=_spec.NetworksPost, put=_spec.NetworkPut)

    acls = child(NetworkACLsAPI)
    """Network ACLs (``/1.0/network-acls``)."""

    zones = child(NetworkZonesAPI)
    """Network DNS zones (``/1.0/network-zones``); ``zones.records`` for their records."""

    forwards = child(NetworkForwardsAPI)
    """Address forwards of a network (``/1.0/networks/{network}/forwards``)."""

    load_balancers = child(NetworkLoadBalancersAPI)
    """Load balancers of a network (``/1.0/networks/{network}/load-balancers``; OVN only)."""

    peers = child(NetworkPeersAPI)
    """Peerings of a network (``/1.0/networks/{network}/peers``; OVN only)."""

    integrations = child(NetworkIntegrationsAPI)
    """Network integrations (``/1.0/network-integrations``, server-wide)."""

    async def create(  # type: ignore[override]  # the seed's signature: config is the network's config map
        self,
        name: str,
        config: Dict[str, Any] | None = None,
        description: str | None = None,
        type: str | None = "bridge",
        *,
        wait: bool = True,
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
            wait: Wait until the server has finished (default).

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusConflictError: If a network of that name exists.
            IncusBadRequestError: If the name, type or a config key is invalid
                (e.g. non-OVN networks in a project with ``features.networks``).
        """
        fields = {"config": config, "description": description, "type": type}
        return await self._create((), name, None, fields, wait=wait)

    async def state(self, name: str) -> Dict[str, Any]:
        """Get the state of a network.

        Args:
            name: Name of the network.

        Returns:
            Dict[str, Any]: The network state as the server sends it
            (``addresses``, ``counters``, ``state``...), the seed SDK's
            return. :meth:`get_state` gives it typed.
        """
        state: Dict[str, Any] = await self._core.get_metadata(self._url((), name, "state"))
        return state

    async def get_state(self, name: str) -> _spec.NetworkState:
        """Get the state of a network, typed.

        Args:
            name: Name of the network (managed or not).

        Returns:
            NetworkState: Addresses, counters, MTU, bridge details...
        """
        return await self._core.get_model(_spec.NetworkState, self._url((), name, "state"))

    async def leases(self, name: str) -> List[_spec.NetworkLease]:
        """Return the DHCP leases of a managed network.

        Args:
            name: Name of the network.

        Returns:
            One entry per lease, static allocation and gateway address.

        Raises:
            IncusBadRequestError: If the network is not managed.
        """
        return await self._core.get_models(_spec.NetworkLease, self._url((), name, "leases"), recursion=None)

    async def allocations(self, *, all_projects: bool = False) -> List[_spec.NetworkAllocations]:
        """Return the addresses in use (``GET /1.0/network-allocations``).

        Args:
            all_projects: Cover every project, not just the client's.

        Returns:
            One entry per address: networks' own subnets, forwards, load
            balancers and instance NICs, with who uses it (``used_by``).
        """
        params = {"all-projects": True} if all_projects else None
        return await self._core.get_models(
            _spec.NetworkAllocations, api_path("network-allocations"), params=params, recursion=None
        )

    async def used_by(self, name: str) -> List[UsedByRef]:
        """Return what uses a network, as ``(type, name, project)`` references.

        Args:
            name: Name of the network.
        """
        return (await self.get(name)).used_by_refs


__all__ = ["Network", "NetworksAPI"]
