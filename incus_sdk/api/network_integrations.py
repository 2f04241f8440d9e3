"""Network integrations: ``/1.0/network-integrations`` (server-wide, not per project)."""

from __future__ import annotations

from ..models import _spec
from ._collection import NamedResource, RenamableNamedCollection


class NetworkIntegration(NamedResource, _spec.NetworkIntegration):
    """A network integration (e.g. an OVN interconnection)."""

    _family = "networks.integrations"


class NetworkIntegrationsAPI(RenamableNamedCollection[NetworkIntegration]):
    """Network integrations (``client.networks.integrations``), e.g. OVN interconnects.

    ``create("region2", type="ovn", config={...})``. Creating one does not
    contact anything; networks use it through peers.
    """

    path = ("network-integrations",)
    model = NetworkIntegration
    post_model = _spec.NetworkIntegrationsPost
    put_model = _spec.NetworkIntegrationPut


__all__ = ["NetworkIntegration", "NetworkIntegrationsAPI"]
