"""Models of the ``cluster`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from pydantic import Field

from .._base import IncusModel, Timestamp
from .storage import StoragePoolState


class ClusterCertificatePut(IncusModel):
    """ClusterCertificatePut represents the certificate and key pair for all cluster
    members
    """

    cluster_certificate: str = ""
    """The new certificate (X509 PEM encoded) for the cluster (example: X509 PEM
    certificate)
    """

    cluster_certificate_key: str = ""
    """The new certificate key (X509 PEM encoded) for the cluster (example: X509 PEM
    certificate key)
    """


class ClusterGroup(IncusModel):
    """ClusterGroup represents a cluster group."""

    description: str = ""
    """The description of the cluster group (example: amd64 servers)"""

    members: list[str] = Field(default_factory=list)
    """List of members in this group"""

    name: str = ""
    """The new name of the cluster group (example: group1)"""


class ClusterGroupPost(IncusModel):
    """ClusterGroupPost represents the fields required to rename a cluster group."""

    name: str = ""
    """The new name of the cluster group (example: group1)"""


class ClusterGroupPut(IncusModel):
    """ClusterGroupPut represents the modifiable fields of a cluster group."""

    description: str = ""
    """The description of the cluster group (example: amd64 servers)"""

    members: list[str] = Field(default_factory=list)
    """List of members in this group"""


class ClusterGroupsPost(IncusModel):
    """ClusterGroupsPost represents the fields available for a new cluster group."""

    description: str = ""
    """The description of the cluster group (example: amd64 servers)"""

    members: list[str] = Field(default_factory=list)
    """List of members in this group"""

    name: str = ""
    """The new name of the cluster group (example: group1)"""


class ClusterMember(IncusModel):
    """ClusterMember represents a member of a cluster."""

    architecture: str = ""
    """The primary architecture of the cluster member (example: x86_64)"""

    config: dict[str, str] = Field(default_factory=dict)
    """Additional configuration information"""

    database: bool = False
    """Whether the cluster member is a database server (example: True)"""

    description: str = ""
    """Cluster member description (example: AMD Epyc 32c/64t)"""

    failure_domain: str = ""
    """Name of the failure domain for this cluster member (example: rack1)"""

    groups: list[str] = Field(default_factory=list)
    """List of cluster groups this member belongs to"""

    message: str = ""
    """Additional status information (example: fully operational)"""

    roles: list[str] = Field(default_factory=list)
    """List of roles held by this cluster member"""

    server_name: str = ""
    """Name of the cluster member (example: server01)"""

    status: str = ""
    """Current status (example: Online)"""

    url: str = ""
    """URL at which the cluster member can be reached (example:
    https://10.0.0.1:8443)
    """


class ClusterMemberConfigKey(IncusModel):
    """ClusterMemberConfigKey represents a single config key that a new member of the
    cluster is required to provide when joining.
    """

    description: str = ""
    """A human friendly description key (example: "source" property for storage pool
    "local")
    """

    entity: str = ""
    """The kind of configuration key (network, storage-pool, ...) (example: storage-
    pool)
    """

    key: str = ""
    """The name of the key (example: source)"""

    name: str = ""
    """The name of the object requiring this key (example: local)"""

    value: str = ""
    """The value on the answering cluster member (example: /dev/sdb)"""


class ClusterMemberJoinToken(IncusModel):
    """ClusterMemberJoinToken represents the fields contained within an encoded
    cluster member join token.
    """

    addresses: list[str] = Field(default_factory=list)
    """The addresses of existing online cluster members"""

    expires_at: Timestamp | None = None
    """The token's expiry date. (example: 2021-03-23T17:38:37.753398689-04:00)"""

    fingerprint: str = ""
    """The fingerprint of the network certificate (example:
    57bb0ff4340b5bb28517e062023101adf788c37846dc8b619eb2c3cb4ef29436)
    """

    secret: str = ""
    """The random join secret. (example:
    2b2284d44db32675923fe0d2020477e0e9be11801ff70c435e032b97028c35cd)
    """

    server_name: str = ""
    """The name of the new cluster member (example: server02)"""


class ClusterMemberPost(IncusModel):
    """ClusterMemberPost represents the fields required to rename a cluster member."""

    server_name: str = ""
    """The new name of the cluster member (example: server02)"""


class ClusterMemberPut(IncusModel):
    """ClusterMemberPut represents the modifiable fields of a cluster member"""

    config: dict[str, str] = Field(default_factory=dict)
    """Additional configuration information"""

    description: str = ""
    """Cluster member description (example: AMD Epyc 32c/64t)"""

    failure_domain: str = ""
    """Name of the failure domain for this cluster member (example: rack1)"""

    groups: list[str] = Field(default_factory=list)
    """List of cluster groups this member belongs to"""

    roles: list[str] = Field(default_factory=list)
    """List of roles held by this cluster member"""


class ClusterMemberStatePost(IncusModel):
    """ClusterMemberStatePost represents the fields required to evacuate a cluster
    member.
    """

    action: str = ""
    """The action to be performed. Valid actions are "evacuate" and "restore".
    (example: evacuate)
    """

    mode: str = ""
    """Override the configured evacuation mode. (example: stop)"""


class ClusterMemberSysInfo(IncusModel):
    """ClusterMemberSysInfo represents the sysinfo of a cluster member."""

    buffered_ram: int = 0

    free_ram: int = 0

    free_swap: int = 0

    load_averages: list[float] = Field(default_factory=list)

    processes: int = 0

    shared_ram: int = 0

    total_ram: int = 0

    total_swap: int = 0

    uptime: int = 0


class ClusterMembersPost(IncusModel):
    """ClusterMembersPost represents the fields required to request a join token to
    add a member to the cluster.
    """

    server_name: str = ""
    """The name of the new cluster member (example: server02)"""


class Cluster(IncusModel):
    """Cluster represents high-level information about a cluster."""

    enabled: bool = False
    """Whether clustering is enabled (example: True)"""

    member_config: list[ClusterMemberConfigKey] = Field(default_factory=list)
    """List of member configuration keys (used during join)"""

    server_name: str = ""
    """Name of the cluster member answering the request (example: server01)"""


class ClusterPut(IncusModel):
    """ClusterPut represents the fields required to bootstrap or join a cluster."""

    cluster_address: str = ""
    """The address of the cluster you wish to join (example: 10.0.0.1:8443)"""

    cluster_certificate: str = ""
    """The expected certificate (X509 PEM encoded) for the cluster (example: X509 PEM
    certificate)
    """

    cluster_token: str = ""
    """The cluster join token for the cluster you're trying to join (example: blah)"""

    enabled: bool = False
    """Whether clustering is enabled (example: True)"""

    member_config: list[ClusterMemberConfigKey] = Field(default_factory=list)
    """List of member configuration keys (used during join)"""

    server_address: str = ""
    """The local address to use for cluster communication (example: 10.0.0.2:8443)"""

    server_name: str = ""
    """Name of the cluster member answering the request (example: server01)"""


class ClusterMemberState(IncusModel):
    """ClusterMemberState represents the state of a cluster member."""

    storage_pools: dict[str, StoragePoolState] = Field(default_factory=dict)

    sysinfo: ClusterMemberSysInfo | None = None


__all__ = [
    "ClusterCertificatePut",
    "ClusterGroup",
    "ClusterGroupPost",
    "ClusterGroupPut",
    "ClusterGroupsPost",
    "ClusterMember",
    "ClusterMemberConfigKey",
    "ClusterMemberJoinToken",
    "ClusterMemberPost",
    "ClusterMemberPut",
    "ClusterMemberStatePost",
    "ClusterMemberSysInfo",
    "ClusterMembersPost",
    "Cluster",
    "ClusterPut",
    "ClusterMemberState",
]
