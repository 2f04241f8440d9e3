"""Network integrations: ``/1.0/network-integrations`` (server-wide, not per project)."""

from __future__ import annotations

from ..models import _spec
from ._collection import Family, NamedResource, RenamableNamedCollection


class NetworkIntegration(NamedResource, _spec.NetworkIntegration):
    """A network integration (e.g. an OVN interconnection)."""

    _family = "networks.integrations"


class NetworkIntegrationsAPI(RenamableNamedCollection[NetworkIntegration]):
    """Network integrations (``client.networks.integrations``), e.g. OVN interconnects.

    ``create("region2", type="ovn", config={...})``. Creating one does not
    contact anything; networks use it through peers.
    """

    family = Family(("network-integrations",), post=_spec.NetworkIntegrationsPost, put=_spec.NetworkIntegrationPut)


__all__ = ["NetworkIntegration", "NetworkIntegrationsAPI"]
