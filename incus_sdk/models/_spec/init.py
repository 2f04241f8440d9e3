"""Models of the ``init`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from pydantic import Field

from .._base import IncusModel
from .cluster import ClusterMemberConfigKey
from .project import ProjectsPost
from .storage import StoragePoolsPost, StorageVolumeSource


class InitNetworksProjectPost(IncusModel):
    """InitNetworksProjectPost represents the fields of a new network along with its
    associated project.
    """

    project: str = Field(default="", alias="Project")
    """Project in which the network will reside (example: "default")"""

    config: dict[str, str] = Field(default_factory=dict)
    """Network configuration map (refer to doc/networks.md)"""

    description: str = ""
    """Description of the profile (example: My new bridge)"""

    name: str = ""
    """The name of the new network (example: mybr1)"""

    type: str = ""
    """The network type (refer to doc/networks.md) (example: bridge)"""


class InitProfileProjectPost(IncusModel):
    """InitProfileProjectPost represents the fields of a new profile along with its
    associated project.
    """

    project: str = Field(default="", alias="Project")
    """Project in which the profile will reside (example: "default")"""

    config: dict[str, str] = Field(default_factory=dict)
    """Instance configuration map (refer to doc/instances.md)"""

    description: str = ""
    """Description of the profile (example: Medium size instances)"""

    devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """List of devices"""

    name: str = ""
    """The name of the new profile (example: foo)"""


class InitClusterPreseed(IncusModel):
    """InitClusterPreseed represents initialization configuration for the cluster."""

    cluster_address: str = ""
    """The address of the cluster you wish to join (example: 10.0.0.1:8443)"""

    cluster_certificate: str = ""
    """The expected certificate (X509 PEM encoded) for the cluster (example: X509 PEM
    certificate)
    """

    cluster_certificate_path: str = ""
    """The path to the cluster certificate (example: /tmp/cluster.crt)"""

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


class InitStorageVolumesProjectPost(IncusModel):
    """InitStorageVolumesProjectPost represents the fields of a new storage volume
    along with its associated pool.
    """

    pool: str = Field(default="", alias="Pool")
    """Storage pool in which the volume will reside (example: "default")"""

    project: str = Field(default="", alias="Project")
    """Project in which the volume will reside (example: "default")"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage volume configuration map (refer to doc/storage.md)"""

    content_type: str = ""
    """Volume content type (filesystem or block) (example: filesystem)"""

    description: str = ""
    """Description of the storage volume (example: My custom volume)"""

    name: str = ""
    """Volume name (example: foo)"""

    restore: str = ""
    """Name of a snapshot to restore (example: snap0)"""

    source: StorageVolumeSource | None = None

    type: str = ""
    """Volume type (container, custom, image or virtual-machine) (example: custom)"""


class InitLocalPreseed(IncusModel):
    """InitLocalPreseed represents initialization configuration."""

    config: dict[str, str] = Field(default_factory=dict)
    """Server configuration map (refer to doc/server.md)"""

    networks: list[InitNetworksProjectPost] = Field(default_factory=list)
    """Networks by project to add (example: Network on the "default" project)"""

    profiles: list[InitProfileProjectPost] = Field(default_factory=list)
    """Profiles to add (example: "default" profile with a root disk device)"""

    projects: list[ProjectsPost] = Field(default_factory=list)
    """Projects to add (example: "default" project)"""

    storage_pools: list[StoragePoolsPost] = Field(default_factory=list)
    """Storage Pools to add (example: local dir storage pool)"""

    storage_volumes: list[InitStorageVolumesProjectPost] = Field(default_factory=list)
    """Storage Volumes to add (example: local dir storage volume)"""


class InitPreseed(IncusModel):
    """InitPreseed represents initialization configuration that can be supplied to
    `init`.
    """

    server: InitLocalPreseed | None = Field(default=None, alias="Server")

    cluster: InitClusterPreseed | None = None


__all__ = [
    "InitNetworksProjectPost",
    "InitProfileProjectPost",
    "InitClusterPreseed",
    "InitStorageVolumesProjectPost",
    "InitLocalPreseed",
    "InitPreseed",
]
