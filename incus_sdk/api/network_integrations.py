"""Network integrations: ``/1.0/network-integrations`` (server-wide, not per project)."""

from __future__ import annotations

from ..models.network import NetworkIntegration, NetworkIntegrationPut, NetworkIntegrationsPost
from ._collection import RenamableCollectionAPI


class NetworkIntegrationsAPI(RenamableCollectionAPI[NetworkIntegration]):
    """Network integrations (``client.networks.integrations``), e.g. OVN interconnects.

    ``create("region2", type="ovn", config={...})``. Creating one does not
    contact anything; networks use it through peers.
    """

    family = "network-integrations"
    model = NetworkIntegration
    post_model = NetworkIntegrationsPost
    put_model = NetworkIntegrationPut
