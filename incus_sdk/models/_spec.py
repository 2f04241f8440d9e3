"""Models generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ._base import IncusModel, Timestamp

SPEC_VERSION = "1.0"


class AccessEntry(IncusModel):
    """AccessEntry represents an entity having access to the resource."""

    identifier: str = ""
    """Certificate fingerprint (example:
    636b69519d27ae3b0e398cb7928043846ce1e3842f0ca7a589993dd913ab8cc9)
    """

    provider: str = ""
    """Which authorization method the certificate uses (example: tls, openfga)"""

    role: str = ""
    """The role associated with the certificate (example: admin, view, operator)"""


class Certificate(IncusModel):
    """Certificate represents a certificate"""

    certificate: str = ""
    """The certificate itself, as PEM encoded X509 (or as base64 encoded X509 on
    POST) (example: X509 PEM certificate)
    """

    description: str = ""
    """Certificate description (example: X509 certificate)"""

    fingerprint: str = ""
    """SHA256 fingerprint of the certificate (example:
    fd200419b271f1dc2a5591b693cc5774b7f234e1ff8c6b78ad703b6888fe2b69)
    """

    name: str = ""
    """Name associated with the certificate (example: castiana)"""

    projects: list[str] = Field(default_factory=list)
    """List of allowed projects (applies when restricted)"""

    restricted: bool = False
    """Whether to limit the certificate to listed projects (example: True)"""

    type: str = ""
    """Usage type for the certificate (example: client)"""


class CertificateAddToken(IncusModel):
    """CertificateAddToken represents the fields contained within an encoded
    certificate add token.
    """

    addresses: list[str] = Field(default_factory=list)
    """The addresses of the server"""

    client_name: str = ""
    """The name of the new client (example: user@host)"""

    expires_at: Timestamp | None = None
    """The token's expiry date. (example: 2021-03-23T17:38:37.753398689-04:00)"""

    fingerprint: str = ""
    """The fingerprint of the network certificate (example:
    57bb0ff4340b5bb28517e062023101adf788c37846dc8b619eb2c3cb4ef29436)
    """

    secret: str = ""
    """The random join secret (example:
    2b2284d44db32675923fe0d2020477e0e9be11801ff70c435e032b97028c35cd)
    """


class CertificatePut(IncusModel):
    """CertificatePut represents the modifiable fields of a certificate"""

    certificate: str = ""
    """The certificate itself, as PEM encoded X509 (or as base64 encoded X509 on
    POST) (example: X509 PEM certificate)
    """

    description: str = ""
    """Certificate description (example: X509 certificate)"""

    name: str = ""
    """Name associated with the certificate (example: castiana)"""

    projects: list[str] = Field(default_factory=list)
    """List of allowed projects (applies when restricted)"""

    restricted: bool = False
    """Whether to limit the certificate to listed projects (example: True)"""

    type: str = ""
    """Usage type for the certificate (example: client)"""


class CertificatesPost(IncusModel):
    """CertificatesPost represents the fields of a new certificate"""

    certificate: str = ""
    """The certificate itself, as PEM encoded X509 (or as base64 encoded X509 on
    POST) (example: X509 PEM certificate)
    """

    description: str = ""
    """Certificate description (example: X509 certificate)"""

    name: str = ""
    """Name associated with the certificate (example: castiana)"""

    projects: list[str] = Field(default_factory=list)
    """List of allowed projects (applies when restricted)"""

    restricted: bool = False
    """Whether to limit the certificate to listed projects (example: True)"""

    token: bool = False
    """Whether to create a certificate add token (example: True)"""

    trust_token: str = ""
    """Trust token (used to add an untrusted client) (example: blah)"""

    type: str = ""
    """Usage type for the certificate (example: client)"""


class Cluster(IncusModel):
    """Cluster represents high-level information about a cluster."""

    enabled: bool = False
    """Whether clustering is enabled (example: True)"""

    member_config: list[ClusterMemberConfigKey] = Field(default_factory=list)
    """List of member configuration keys (used during join)"""

    server_name: str = ""
    """Name of the cluster member answering the request (example: server01)"""


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


class ClusterMemberState(IncusModel):
    """ClusterMemberState represents the state of a cluster member."""

    storage_pools: dict[str, StoragePoolState] = Field(default_factory=dict)

    sysinfo: ClusterMemberSysInfo | None = None


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


class Event(IncusModel):
    """Event represents an event entry (over websocket)"""

    location: str = ""
    """Originating cluster member (example: server01)"""

    metadata: dict[str, Any] = Field(default_factory=dict)
    """JSON encoded metadata (see EventLogging, EventLifecycle or Operation)"""

    project: str = ""
    """Project the event belongs to. (example: default)"""

    timestamp: Timestamp | None = None
    """Time at which the event was sent (example:
    2021-02-24T19:00:45.452649098-05:00)
    """

    type: str = ""
    """Event type (one of operation, logging or lifecycle) (example: lifecycle)"""


class Image(IncusModel):
    """Image represents an image"""

    aliases: list[ImageAlias] = Field(default_factory=list)
    """List of aliases"""

    architecture: str = ""
    """Architecture (example: x86_64)"""

    auto_update: bool = False
    """Whether the image should auto-update when a new build is available (example:
    True)
    """

    cached: bool = False
    """Whether the image is an automatically cached remote image (example: True)"""

    created_at: Timestamp | None = None
    """When the image was originally created (example: 2021-03-23T20:00:00-04:00)"""

    expires_at: Timestamp | None = None
    """When the image becomes obsolete (example: 2025-03-23T20:00:00-04:00)"""

    filename: str = ""
    """Original filename (example:
    06b86454720d36b20f94e31c6812e05ec51c1b568cf3a8abd273769d213394bb.rootfs)
    """

    fingerprint: str = ""
    """Full SHA-256 fingerprint (example:
    06b86454720d36b20f94e31c6812e05ec51c1b568cf3a8abd273769d213394bb)
    """

    last_used_at: Timestamp | None = None
    """Last time the image was used (example: 2021-03-22T20:39:00.575185384-04:00)"""

    profiles: list[str] = Field(default_factory=list)
    """List of profiles to use when creating from this image (if none provided by
    user)
    """

    project: str = ""
    """Project name (example: project1)"""

    properties: dict[str, str] = Field(default_factory=dict)
    """Descriptive properties"""

    public: bool = False
    """Whether the image is available to unauthenticated users (example: False)"""

    size: int = 0
    """Size of the image in bytes (example: 272237676)"""

    type: str = ""
    """Type of image (container or virtual-machine) (example: container)"""

    update_source: ImageSource | None = None

    uploaded_at: Timestamp | None = None
    """When the image was added to this server (example:
    2021-03-24T14:18:15.115036787-04:00)
    """


class ImageAlias(IncusModel):
    """ImageAlias represents an alias from the alias list of an image"""

    description: str = ""
    """Description of the alias (example: Our preferred Ubuntu image)"""

    name: str = ""
    """Name of the alias (example: ubuntu-22.04)"""


class ImageAliasesEntry(IncusModel):
    """ImageAliasesEntry represents an image alias"""

    description: str = ""
    """Alias description (example: Our preferred Ubuntu image)"""

    name: str = ""
    """Alias name (example: ubuntu-22.04)"""

    target: str = ""
    """Target fingerprint for the alias (example:
    06b86454720d36b20f94e31c6812e05ec51c1b568cf3a8abd273769d213394bb)
    """

    type: str = ""
    """Alias type (container or virtual-machine) (example: container)"""


class ImageAliasesEntryPost(IncusModel):
    """ImageAliasesEntryPost represents the required fields to rename an image alias"""

    name: str = ""
    """Alias name (example: ubuntu-22.04)"""


class ImageAliasesEntryPut(IncusModel):
    """ImageAliasesEntryPut represents the modifiable fields of an image alias"""

    description: str = ""
    """Alias description (example: Our preferred Ubuntu image)"""

    target: str = ""
    """Target fingerprint for the alias (example:
    06b86454720d36b20f94e31c6812e05ec51c1b568cf3a8abd273769d213394bb)
    """


class ImageAliasesPost(IncusModel):
    """ImageAliasesPost represents a new image alias"""

    description: str = ""
    """Alias description (example: Our preferred Ubuntu image)"""

    name: str = ""
    """Alias name (example: ubuntu-22.04)"""

    target: str = ""
    """Target fingerprint for the alias (example:
    06b86454720d36b20f94e31c6812e05ec51c1b568cf3a8abd273769d213394bb)
    """

    type: str = ""
    """Alias type (container or virtual-machine) (example: container)"""


class ImageExportPost(IncusModel):
    """ImageExportPost represents the fields required to export an image"""

    aliases: list[ImageAlias] = Field(default_factory=list)
    """List of aliases to set on the image"""

    certificate: str = ""
    """Remote server certificate (example: X509 PEM certificate)"""

    profiles: list[str] = Field(default_factory=list)
    """List of profiles to use"""

    project: str = ""
    """Project name (example: project1)"""

    secret: str = ""
    """Image receive secret (example: RANDOM-STRING)"""

    target: str = ""
    """Target server URL (example: https://1.2.3.4:8443)"""


class ImageMetadata(IncusModel):
    """ImageMetadata represents image metadata (used in image tarball)"""

    architecture: str = ""
    """Architecture name (example: x86_64)"""

    creation_date: int = 0
    """Image creation data (as UNIX epoch) (example: 1620655439)"""

    expiry_date: int = 0
    """Image expiry data (as UNIX epoch) (example: 1620685757)"""

    properties: dict[str, str] = Field(default_factory=dict)
    """Descriptive properties"""

    templates: dict[str, ImageMetadataTemplate] = Field(default_factory=dict)
    """Template for files in the image"""


class ImageMetadataTemplate(IncusModel):
    """ImageMetadataTemplate represents a template entry in image metadata (used in
    image tarball)
    """

    create_only: bool = False
    """Whether to trigger only if the file is missing (example: False)"""

    gid: str = ""
    """The file owner gid. (example: 1000)"""

    mode: str = ""
    """The file permissions. (example: 644)"""

    properties: dict[str, str] = Field(default_factory=dict)
    """Key/value properties to pass to the template"""

    template: str = ""
    """The template itself as a valid pongo2 template (example: pongo2-template)"""

    uid: str = ""
    """The file owner uid. (example: 1000)"""

    when: list[str] = Field(default_factory=list)
    """When to trigger the template (create, copy or start) (example: create)"""


class ImagePut(IncusModel):
    """ImagePut represents the modifiable fields of an image"""

    auto_update: bool = False
    """Whether the image should auto-update when a new build is available (example:
    True)
    """

    expires_at: Timestamp | None = None
    """When the image becomes obsolete (example: 2025-03-23T20:00:00-04:00)"""

    profiles: list[str] = Field(default_factory=list)
    """List of profiles to use when creating from this image (if none provided by
    user)
    """

    properties: dict[str, str] = Field(default_factory=dict)
    """Descriptive properties"""

    public: bool = False
    """Whether the image is available to unauthenticated users (example: False)"""


class ImageSource(IncusModel):
    """ImageSource represents the source of an image"""

    alias: str = ""
    """Source alias to download from (example: jammy)"""

    certificate: str = ""
    """Source server certificate (if not trusted by system CA) (example: X509 PEM
    certificate)
    """

    image_type: str = ""
    """Type of image (container or virtual-machine) (example: container)"""

    protocol: str = ""
    """Source server protocol (example: simplestreams)"""

    server: str = ""
    """URL of the source server (example: https://images.linuxcontainers.org)"""


class ImagesPost(IncusModel):
    """ImagesPost represents the fields available for a new image"""

    aliases: list[ImageAlias] = Field(default_factory=list)
    """Aliases to add to the image"""

    auto_update: bool = False
    """Whether the image should auto-update when a new build is available (example:
    True)
    """

    compression_algorithm: str = ""
    """Compression algorithm to use when turning an instance into an image (example:
    gzip)
    """

    expires_at: Timestamp | None = None
    """When the image becomes obsolete (example: 2025-03-23T20:00:00-04:00)"""

    filename: str = ""
    """Original filename of the image (example: image.tar.xz)"""

    profiles: list[str] = Field(default_factory=list)
    """List of profiles to use when creating from this image (if none provided by
    user)
    """

    properties: dict[str, str] = Field(default_factory=dict)
    """Descriptive properties"""

    public: bool = False
    """Whether the image is available to unauthenticated users (example: False)"""

    source: ImagesPostSource | None = None


class ImagesPostSource(IncusModel):
    """ImagesPostSource represents the source of a new image"""

    alias: str = ""
    """Source alias to download from (example: jammy)"""

    certificate: str = ""
    """Source server certificate (if not trusted by system CA) (example: X509 PEM
    certificate)
    """

    fingerprint: str = ""
    """Source image fingerprint (for type "image") (example:
    8ae945c52bb2f2df51c923b04022312f99bbb72c356251f54fa89ea7cf1df1d0)
    """

    image_type: str = ""
    """Type of image (container or virtual-machine) (example: container)"""

    mode: str = ""
    """Transfer mode (push or pull) (example: pull)"""

    name: str = ""
    """Instance name (for type "instance" or "snapshot") (example: c1/snap0)"""

    project: str = ""
    """Source project name (example: project1)"""

    protocol: str = ""
    """Source server protocol (example: simplestreams)"""

    secret: str = ""
    """Source image server secret token (when downloading private images) (example:
    RANDOM-STRING)
    """

    server: str = ""
    """URL of the source server (example: https://images.linuxcontainers.org)"""

    type: str = ""
    """Type of image source (instance, snapshot, image or url) (example: instance)"""

    url: str = ""
    """Source URL (for type "url") (example: https://some-server.com/some-directory/)"""


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


class InitPreseed(IncusModel):
    """InitPreseed represents initialization configuration that can be supplied to
    `init`.
    """

    server: InitLocalPreseed | None = Field(default=None, alias="Server")

    cluster: InitClusterPreseed | None = None


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


class Instance(IncusModel):
    """Instance represents an instance."""

    architecture: str = ""
    """Architecture name (example: x86_64)"""

    config: dict[str, str] = Field(default_factory=dict)
    """Instance configuration (see doc/instances.md)"""

    created_at: Timestamp | None = None
    """Instance creation timestamp (example: 2021-03-23T20:00:00-04:00)"""

    description: str = ""
    """Instance description (example: My test instance)"""

    devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Instance devices (see doc/instances.md)"""

    ephemeral: bool = False
    """Whether the instance is ephemeral (deleted on shutdown) (example: False)"""

    expanded_config: dict[str, str] = Field(default_factory=dict)
    """Expanded configuration (all profiles and local config merged)"""

    expanded_devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Expanded devices (all profiles and local devices merged)"""

    last_used_at: Timestamp | None = None
    """Last start timestamp (example: 2021-03-23T20:00:00-04:00)"""

    location: str = ""
    """What cluster member this instance is located on (example: server01)"""

    name: str = ""
    """Instance name (example: foo)"""

    profiles: list[str] = Field(default_factory=list)
    """List of profiles applied to the instance"""

    project: str = ""
    """Instance project name (example: foo)"""

    restore: str = ""
    """If set, instance will be restored to the provided snapshot name (example:
    snap0)
    """

    stateful: bool = False
    """Whether the instance currently has saved state on disk (example: False)"""

    status: str = ""
    """Instance status (see instance_state) (example: Running)"""

    status_code: int = 0

    type: str = ""
    """The type of instance (container or virtual-machine) (example: container)"""


class InstanceBackup(IncusModel):
    """InstanceBackup represents an instance backup."""

    created_at: Timestamp | None = None
    """When the backup was created (example: 2021-03-23T16:38:37.753398689-04:00)"""

    expires_at: Timestamp | None = None
    """When the backup expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    instance_only: bool = False
    """Whether to ignore snapshots (example: False)"""

    name: str = ""
    """Backup name (example: backup0)"""

    optimized_storage: bool = False
    """Whether to use a pool-optimized binary format (instead of plain tarball)
    (example: True)
    """


class InstanceBackupPost(IncusModel):
    """InstanceBackupPost represents the fields available for the renaming of a
    instance backup.
    """

    name: str = ""
    """New backup name (example: backup1)"""


class InstanceBackupsPost(IncusModel):
    """InstanceBackupsPost represents the fields available for a new instance backup."""

    compression_algorithm: str = ""
    """What compression algorithm to use (example: gzip)"""

    expires_at: Timestamp | None = None
    """When the backup expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    instance_only: bool = False
    """Whether to ignore snapshots (example: False)"""

    name: str = ""
    """Backup name (example: backup0)"""

    optimized_storage: bool = False
    """Whether to use a pool-optimized binary format (instead of plain tarball)
    (example: True)
    """


class InstanceConsolePost(IncusModel):
    """InstanceConsolePost represents an instance console request."""

    force: bool = False
    """Forces a connection to the console (example: True)"""

    height: int = 0
    """Console height in rows (console type only) (example: 24)"""

    type: str = ""
    """Type of console to attach to (console or vga) (example: console)"""

    width: int = 0
    """Console width in columns (console type only) (example: 80)"""


class InstanceExecPost(IncusModel):
    """InstanceExecPost represents an instance exec request."""

    command: list[str] = Field(default_factory=list)
    """Command and its arguments"""

    cwd: str = ""
    """Current working directory for the command (example: /home/foo/)"""

    environment: dict[str, str] = Field(default_factory=dict)
    """Additional environment to pass to the command"""

    group: int = 0
    """GID of the user to spawn the command as (example: 1000)"""

    height: int = 0
    """Terminal height in rows (for interactive) (example: 24)"""

    interactive: bool = False
    """Whether the command is to be spawned in interactive mode (singled PTY instead
    of 3 PIPEs) (example: True)
    """

    record_output: bool = Field(default=False, alias="record-output")
    """Whether to capture the output for later download (requires non-interactive)"""

    user: int = 0
    """UID of the user to spawn the command as (example: 1000)"""

    wait_for_websocket: bool = Field(default=False, alias="wait-for-websocket")
    """Whether to wait for all websockets to be connected before spawning the command
    (example: True)
    """

    width: int = 0
    """Terminal width in characters (for interactive) (example: 80)"""


class InstanceFull(IncusModel):
    """InstanceFull is a combination of Instance, InstanceBackup, InstanceState and
    InstanceSnapshot.
    """

    architecture: str = ""
    """Architecture name (example: x86_64)"""

    backups: list[InstanceBackup] = Field(default_factory=list)
    """List of backups."""

    config: dict[str, str] = Field(default_factory=dict)
    """Instance configuration (see doc/instances.md)"""

    created_at: Timestamp | None = None
    """Instance creation timestamp (example: 2021-03-23T20:00:00-04:00)"""

    description: str = ""
    """Instance description (example: My test instance)"""

    devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Instance devices (see doc/instances.md)"""

    ephemeral: bool = False
    """Whether the instance is ephemeral (deleted on shutdown) (example: False)"""

    expanded_config: dict[str, str] = Field(default_factory=dict)
    """Expanded configuration (all profiles and local config merged)"""

    expanded_devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Expanded devices (all profiles and local devices merged)"""

    last_used_at: Timestamp | None = None
    """Last start timestamp (example: 2021-03-23T20:00:00-04:00)"""

    location: str = ""
    """What cluster member this instance is located on (example: server01)"""

    name: str = ""
    """Instance name (example: foo)"""

    profiles: list[str] = Field(default_factory=list)
    """List of profiles applied to the instance"""

    project: str = ""
    """Instance project name (example: foo)"""

    restore: str = ""
    """If set, instance will be restored to the provided snapshot name (example:
    snap0)
    """

    snapshots: list[InstanceSnapshot] = Field(default_factory=list)
    """List of snapshots."""

    state: InstanceState | None = None

    stateful: bool = False
    """Whether the instance currently has saved state on disk (example: False)"""

    status: str = ""
    """Instance status (see instance_state) (example: Running)"""

    status_code: int = 0

    type: str = ""
    """The type of instance (container or virtual-machine) (example: container)"""


class InstancePost(IncusModel):
    """InstancePost represents the fields required to rename/move an instance."""

    config: dict[str, str] = Field(default_factory=dict, alias="Config")
    """Instance configuration file."""

    devices: dict[str, dict[str, str]] = Field(default_factory=dict, alias="Devices")
    """Instance devices."""

    profiles: list[str] = Field(default_factory=list, alias="Profiles")
    """List of profiles applied to the instance."""

    allow_inconsistent: bool = False
    """AllowInconsistent allow inconsistent copies when migrating. (example: False)"""

    instance_only: bool = False
    """Whether snapshots should be discarded (migration only) (example: False)"""

    live: bool = False
    """Whether to perform a live migration (migration only) (example: False)"""

    migration: bool = False
    """Whether the instance is being migrated to another server (example: False)"""

    name: str = ""
    """New name for the instance (example: bar)"""

    pool: str = ""
    """Target pool for local cross-pool move (example: baz)"""

    project: str = ""
    """Target project for local cross-project move (example: foo)"""

    target: InstancePostTarget | None = None


class InstancePostTarget(IncusModel):
    """InstancePostTarget represents the migration target host and operation."""

    certificate: str = ""
    """The certificate of the migration target (example: X509 PEM certificate)"""

    operation: str = ""
    """The operation URL on the remote target (example:
    https://1.2.3.4:8443/1.0/operations/5e8e1638-5345-4c2d-bac9-2c79c8577292)
    """

    secrets: dict[str, str] = Field(default_factory=dict)
    """Migration websockets credentials"""


class InstancePut(IncusModel):
    """InstancePut represents the modifiable fields of an instance."""

    architecture: str = ""
    """Architecture name (example: x86_64)"""

    config: dict[str, str] = Field(default_factory=dict)
    """Instance configuration (see doc/instances.md)"""

    description: str = ""
    """Instance description (example: My test instance)"""

    devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Instance devices (see doc/instances.md)"""

    ephemeral: bool = False
    """Whether the instance is ephemeral (deleted on shutdown) (example: False)"""

    profiles: list[str] = Field(default_factory=list)
    """List of profiles applied to the instance"""

    restore: str = ""
    """If set, instance will be restored to the provided snapshot name (example:
    snap0)
    """

    stateful: bool = False
    """Whether the instance currently has saved state on disk (example: False)"""


class InstanceRebuildPost(IncusModel):
    """InstanceRebuildPost indicates how to rebuild an instance."""

    source: InstanceSource | None = None


class InstanceSnapshot(IncusModel):
    """InstanceSnapshot represents an instance snapshot."""

    architecture: str = ""
    """Architecture name (example: x86_64)"""

    config: dict[str, str] = Field(default_factory=dict)
    """Instance configuration (see doc/instances.md)"""

    created_at: Timestamp | None = None
    """Instance creation timestamp (example: 2021-03-23T20:00:00-04:00)"""

    devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Instance devices (see doc/instances.md)"""

    ephemeral: bool = False
    """Whether the instance is ephemeral (deleted on shutdown) (example: False)"""

    expanded_config: dict[str, str] = Field(default_factory=dict)
    """Expanded configuration (all profiles and local config merged)"""

    expanded_devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Expanded devices (all profiles and local devices merged)"""

    expires_at: Timestamp | None = None
    """When the snapshot expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    last_used_at: Timestamp | None = None
    """Last start timestamp (example: 2021-03-23T20:00:00-04:00)"""

    name: str = ""
    """Snapshot name (example: foo)"""

    profiles: list[str] = Field(default_factory=list)
    """List of profiles applied to the instance"""

    size: int = 0
    """Size of the snapshot in bytes (example: 143360)"""

    stateful: bool = False
    """Whether the instance currently has saved state on disk (example: False)"""


class InstanceSnapshotPost(IncusModel):
    """InstanceSnapshotPost represents the fields required to rename/move an instance
    snapshot.
    """

    live: bool = False
    """Whether to perform a live migration (requires migration) (example: False)"""

    migration: bool = False
    """Whether this is a migration request (example: False)"""

    name: str = ""
    """New name for the snapshot (example: foo)"""

    target: InstancePostTarget | None = None


class InstanceSnapshotPut(IncusModel):
    """InstanceSnapshotPut represents the modifiable fields of an instance snapshot."""

    expires_at: Timestamp | None = None
    """When the snapshot expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """


class InstanceSnapshotsPost(IncusModel):
    """InstanceSnapshotsPost represents the fields available for a new instance
    snapshot.
    """

    expires_at: Timestamp | None = None
    """When the snapshot expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    name: str = ""
    """Snapshot name (example: snap0)"""

    stateful: bool = False
    """Whether the snapshot should include runtime state (example: False)"""


class InstanceSource(IncusModel):
    """InstanceSource represents the creation source for a new instance."""

    alias: str = ""
    """Image alias name (for image source) (example: ubuntu/22.04)"""

    allow_inconsistent: bool = False
    """Whether to ignore errors when copying (e.g. for volatile files) (example:
    False)
    """

    base_image: str = Field(default="", alias="base-image")
    """Base image fingerprint (for faster migration) (example:
    ed56997f7c5b48e8d78986d2467a26109be6fb9f2d92e8c7b08eb8b6cec7629a)
    """

    certificate: str = ""
    """Certificate (for remote images or migration) (example: X509 PEM certificate)"""

    fingerprint: str = ""
    """Image fingerprint (for image source) (example:
    ed56997f7c5b48e8d78986d2467a26109be6fb9f2d92e8c7b08eb8b6cec7629a)
    """

    instance_only: bool = False
    """Whether the copy should skip the snapshots (for copy) (example: False)"""

    live: bool = False
    """Whether this is a live migration (for migration) (example: False)"""

    mode: str = ""
    """Whether to use pull or push mode (for migration) (example: pull)"""

    operation: str = ""
    """Remote operation URL (for migration) (example:
    https://1.2.3.4:8443/1.0/operations/1721ae08-b6a8-416a-9614-3f89302466e1)
    """

    project: str = ""
    """Source project name (for copy and local image) (example: blah)"""

    properties: dict[str, str] = Field(default_factory=dict)
    """Image filters (for image source)"""

    protocol: str = ""
    """Protocol name (for remote image) (example: simplestreams)"""

    refresh: bool = False
    """Whether this is refreshing an existing instance (for migration and copy)
    (example: False)
    """

    refresh_exclude_older: bool = False
    """Whether to exclude source snapshots earlier than latest target snapshot
    (example: False)
    """

    secret: str = ""
    """Remote server secret (for remote private images) (example: RANDOM-STRING)"""

    secrets: dict[str, str] = Field(default_factory=dict)
    """Map of migration websockets (for migration)"""

    server: str = ""
    """Remote server URL (for remote images) (example:
    https://images.linuxcontainers.org)
    """

    source: str = ""
    """Existing instance name or snapshot (for copy) (example: foo/snap0)"""

    type: str = ""
    """Source type (example: image)"""


class InstanceState(IncusModel):
    """InstanceState represents an instance's state."""

    cpu: InstanceStateCPU | None = None

    disk: dict[str, InstanceStateDisk] = Field(default_factory=dict)
    """Disk usage key/value pairs"""

    memory: InstanceStateMemory | None = None

    network: dict[str, InstanceStateNetwork] = Field(default_factory=dict)
    """Network usage key/value pairs"""

    os_info: InstanceStateOSInfo | None = None

    pid: int = 0
    """PID of the runtime (example: 7281)"""

    processes: int = 0
    """Number of processes in the instance (example: 50)"""

    started_at: Timestamp | None = None
    """The time that the instance started at API extension:
    instance_state_started_at.
    """

    status: str = ""
    """Current status (Running, Stopped, Frozen or Error) (example: Running)"""

    status_code: int = 0


class InstanceStateCPU(IncusModel):
    """InstanceStateCPU represents the cpu information section of an instance's
    state.
    """

    allocated_time: int = 0
    """CPU time available per second, in nanoseconds (example: 4000000000)"""

    usage: int = 0
    """CPU usage in nanoseconds (example: 3637691016)"""


class InstanceStateDisk(IncusModel):
    """InstanceStateDisk represents the disk information section of an instance's
    state.
    """

    total: int = 0
    """Total size in bytes (example: 502239232)"""

    usage: int = 0
    """Disk usage in bytes (example: 502239232)"""


class InstanceStateMemory(IncusModel):
    """InstanceStateMemory represents the memory information section of an instance's
    state.
    """

    swap_usage: int = 0
    """SWAP usage in bytes (example: 12297557)"""

    swap_usage_peak: int = 0
    """Peak SWAP usage in bytes (example: 12297557)"""

    total: int = 0
    """Total memory size in bytes (example: 12297557)"""

    usage: int = 0
    """Memory usage in bytes (example: 73248768)"""

    usage_peak: int = 0
    """Peak memory usage in bytes (example: 73785344)"""


class InstanceStateNetwork(IncusModel):
    """InstanceStateNetwork represents the network information section of an
    instance's state.
    """

    addresses: list[InstanceStateNetworkAddress] = Field(default_factory=list)
    """List of IP addresses"""

    counters: InstanceStateNetworkCounters | None = None

    host_name: str = ""
    """Name of the interface on the host (example: vethbbcd39c7)"""

    hwaddr: str = ""
    """MAC address (example: 10:66:6a:0c:ee:dd)"""

    mtu: int = 0
    """MTU (maximum transmit unit) for the interface (example: 1500)"""

    state: str = ""
    """Administrative state of the interface (up/down) (example: up)"""

    type: str = ""
    """Type of interface (broadcast, loopback, point-to-point, ...) (example:
    broadcast)
    """


class InstanceStateNetworkAddress(IncusModel):
    """InstanceStateNetworkAddress represents a network address as part of the
    network section of an instance's state.
    """

    address: str = ""
    """IP address (example: fd42:4c81:5770:1eaf:1266:6aff:fe0c:eedd)"""

    family: str = ""
    """Network family (inet or inet6) (example: inet6)"""

    netmask: str = ""
    """Network mask (example: 64)"""

    scope: str = ""
    """Address scope (local, link or global) (example: global)"""


class InstanceStateNetworkCounters(IncusModel):
    """InstanceStateNetworkCounters represents packet counters as part of the network
    section of an instance's state.
    """

    bytes_received: int = 0
    """Number of bytes received (example: 192021)"""

    bytes_sent: int = 0
    """Number of bytes sent (example: 10888579)"""

    errors_received: int = 0
    """Number of errors received (example: 14)"""

    errors_sent: int = 0
    """Number of errors sent (example: 41)"""

    packets_dropped_inbound: int = 0
    """Number of inbound packets dropped (example: 179)"""

    packets_dropped_outbound: int = 0
    """Number of outbound packets dropped (example: 541)"""

    packets_received: int = 0
    """Number of packets received (example: 1748)"""

    packets_sent: int = 0
    """Number of packets sent (example: 964)"""


class InstanceStateOSInfo(IncusModel):
    """InstanceStateOSInfo represents the operating system information section of an
    instance's state.
    """

    fqdn: str = ""
    """FQDN of the instance. (example: myhost.mydomain.local)"""

    hostname: str = ""
    """Hostname of the instance. (example: myhost)"""

    kernel_version: str = ""
    """Version of the kernel running in the instance. (example: 6.1.0-25-amd64)"""

    os: str = ""
    """Operating system running in the instance. (example: Debian GNU/Linux)"""

    os_version: str = ""
    """Version of the operating system. (example: 12 (bookworm))"""


class InstanceStatePut(IncusModel):
    """InstanceStatePut represents the modifiable fields of an instance's state."""

    action: str = ""
    """State change action (start, stop, restart, freeze, unfreeze) (example: start)"""

    force: bool = False
    """Whether to force the action (for stop and restart) (example: False)"""

    stateful: bool = False
    """Whether to store the runtime state (for stop) (example: False)"""

    timeout: int = 0
    """How long to wait (in s) before giving up (when force isn't set) (example: 30)"""


class InstancesPost(IncusModel):
    """InstancesPost represents the fields available for a new instance."""

    architecture: str = ""
    """Architecture name (example: x86_64)"""

    config: dict[str, str] = Field(default_factory=dict)
    """Instance configuration (see doc/instances.md)"""

    description: str = ""
    """Instance description (example: My test instance)"""

    devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Instance devices (see doc/instances.md)"""

    ephemeral: bool = False
    """Whether the instance is ephemeral (deleted on shutdown) (example: False)"""

    instance_type: str = ""
    """Cloud instance type (AWS, GCP, Azure, ...) to emulate with limits (example:
    t1.micro)
    """

    name: str = ""
    """Instance name (example: foo)"""

    profiles: list[str] = Field(default_factory=list)
    """List of profiles applied to the instance"""

    restore: str = ""
    """If set, instance will be restored to the provided snapshot name (example:
    snap0)
    """

    source: InstanceSource | None = None

    start: bool = False
    """Whether to start the instance after creation (example: True)"""

    stateful: bool = False
    """Whether the instance currently has saved state on disk (example: False)"""

    type: str = ""


class InstancesPut(IncusModel):
    """InstancesPut represents the fields available for a mass update."""

    state: InstanceStatePut | None = None


class MetadataConfig(IncusModel):
    """MetadataConfig repreents metadata about configuration keys"""



class MetadataConfigGroup(IncusModel):
    """MetadataConfigGroup represents a group of config keys"""

    keys: list[dict[str, MetadataConfigKey]] = Field(default_factory=list)


class MetadataConfigKey(IncusModel):
    """MetadataConfigKey describe a configuration key"""

    condition: str = ""
    """Condition specifies the condition that must be met for the option to be taken
    into account (example: container)
    """

    defaultdesc: str = ""
    """DefaultDesc specify default value for configuration (example: "`DHCP on
    eth0`")
    """

    liveupdate: str = ""
    """LiveUpdate specifies whether the server must be restarted for the option to be
    updated (example: "no")
    """

    longdesc: str = ""
    """LongDesc provides long description for the option (example: "Specify the
    kernel modules as a comma-separated list.")
    """

    scope: str = ""
    """Scope defines if option apply to cluster or to the local server (example:
    global)
    """

    shortdesc: str = ""
    """ShortDesc provides short description for the configuration (example: "Kernel
    modules to load before starting the instance")
    """

    type: str = ""
    """Type specifies the type of the option (example: string)"""


class MetadataConfiguration(IncusModel):
    """MetadataConfiguration represents a server's exposed configuration metadata"""

    configs: MetadataConfig | None = None


class Network(IncusModel):
    """Network represents a network"""

    config: dict[str, str] = Field(default_factory=dict)
    """Network configuration map (refer to doc/networks.md)"""

    description: str = ""
    """Description of the profile (example: My new bridge)"""

    locations: list[str] = Field(default_factory=list)
    """Cluster members on which the network has been defined"""

    managed: bool = False
    """Whether this is a managed network (example: True)"""

    name: str = ""
    """The network name (example: mybr0)"""

    project: str = ""
    """Project name (example: project1)"""

    status: str = ""
    """The state of the network (for managed network in clusters) (example: Created)"""

    type: str = ""
    """The network type (example: bridge)"""

    used_by: list[str] = Field(default_factory=list)
    """List of URLs of objects using this profile"""


class NetworkACL(IncusModel):
    """NetworkACL used for displaying an ACL."""

    config: dict[str, str] = Field(default_factory=dict)
    """ACL configuration map (refer to doc/network-acls.md)"""

    description: str = ""
    """Description of the ACL (example: Web servers)"""

    egress: list[NetworkACLRule] = Field(default_factory=list)
    """List of egress rules (order independent)"""

    ingress: list[NetworkACLRule] = Field(default_factory=list)
    """List of ingress rules (order independent)"""

    name: str = ""
    """The new name for the ACL (example: bar)"""

    project: str = ""
    """Project name (example: project1)"""

    used_by: list[str] = Field(default_factory=list)
    """List of URLs of objects using this profile"""


class NetworkACLPost(IncusModel):
    """NetworkACLPost used for renaming an ACL."""

    name: str = ""
    """The new name for the ACL (example: bar)"""


class NetworkACLPut(IncusModel):
    """NetworkACLPut used for updating an ACL."""

    config: dict[str, str] = Field(default_factory=dict)
    """ACL configuration map (refer to doc/network-acls.md)"""

    description: str = ""
    """Description of the ACL (example: Web servers)"""

    egress: list[NetworkACLRule] = Field(default_factory=list)
    """List of egress rules (order independent)"""

    ingress: list[NetworkACLRule] = Field(default_factory=list)
    """List of ingress rules (order independent)"""


class NetworkACLRule(IncusModel):
    """NetworkACLRule represents a single rule in an ACL ruleset."""

    action: str = ""
    """Action to perform on rule match (example: allow)"""

    description: str = ""
    """Description of the rule (example: Allow DNS queries to Google DNS)"""

    destination: str = ""
    """Destination address (example: 8.8.8.8/32,8.8.4.4/32)"""

    destination_port: str = ""
    """Destination port (example: 53)"""

    icmp_code: str = ""
    """ICMP message code (for ICMP protocol) (example: 0)"""

    icmp_type: str = ""
    """Type of ICMP message (for ICMP protocol) (example: 8)"""

    protocol: str = ""
    """Protocol (example: udp)"""

    source: str = ""
    """Source address (example: @internal)"""

    source_port: str = ""
    """Source port (example: 1234)"""

    state: str = ""
    """State of the rule (example: enabled)"""


class NetworkACLsPost(IncusModel):
    """NetworkACLsPost used for creating an ACL."""

    config: dict[str, str] = Field(default_factory=dict)
    """ACL configuration map (refer to doc/network-acls.md)"""

    description: str = ""
    """Description of the ACL (example: Web servers)"""

    egress: list[NetworkACLRule] = Field(default_factory=list)
    """List of egress rules (order independent)"""

    ingress: list[NetworkACLRule] = Field(default_factory=list)
    """List of ingress rules (order independent)"""

    name: str = ""
    """The new name for the ACL (example: bar)"""


class NetworkAllocations(IncusModel):
    """NetworkAllocations used for displaying network addresses used by a consuming
    entity e.g, instance, network forward, load-balancer, network...
    """

    addresses: str = ""
    """The network address of the allocation (in CIDR format) (example: 192.0.2.1/24)"""

    hwaddr: str = ""
    """Hwaddr is the MAC address of the entity consuming the network address"""

    nat: bool = False
    """Whether the entity comes from a network that performs egress source NAT"""

    type: str = ""
    """Type of the entity consuming the network address"""

    used_by: str = ""
    """Name of the entity consuming the network address"""


class NetworkForward(IncusModel):
    """NetworkForward used for displaying an network address forward."""

    config: dict[str, str] = Field(default_factory=dict)
    """Forward configuration map (refer to doc/network-forwards.md)"""

    description: str = ""
    """Description of the forward listen IP (example: My public IP forward)"""

    listen_address: str = ""
    """The listen address of the forward (example: 192.0.2.1)"""

    location: str = ""
    """What cluster member this record was found on (example: server01)"""

    ports: list[NetworkForwardPort] = Field(default_factory=list)
    """Port forwards (optional)"""


class NetworkForwardPort(IncusModel):
    """NetworkForwardPort represents a port specification in a network address
    forward
    """

    description: str = ""
    """Description of the forward port (example: My web server forward)"""

    listen_port: str = ""
    """ListenPort(s) to forward (comma delimited ranges) (example: 80,81,8080-8090)"""

    protocol: str = ""
    """Protocol for port forward (either tcp or udp) (example: tcp)"""

    target_address: str = ""
    """TargetAddress to forward ListenPorts to (example: 198.51.100.2)"""

    target_port: str = ""
    """TargetPort(s) to forward ListenPorts to (allows for many-to-one) (example:
    80,81,8080-8090)
    """


class NetworkForwardPut(IncusModel):
    """NetworkForwardPut represents the modifiable fields of a network address
    forward
    """

    config: dict[str, str] = Field(default_factory=dict)
    """Forward configuration map (refer to doc/network-forwards.md)"""

    description: str = ""
    """Description of the forward listen IP (example: My public IP forward)"""

    ports: list[NetworkForwardPort] = Field(default_factory=list)
    """Port forwards (optional)"""


class NetworkForwardsPost(IncusModel):
    """NetworkForwardsPost represents the fields of a new network address forward"""

    config: dict[str, str] = Field(default_factory=dict)
    """Forward configuration map (refer to doc/network-forwards.md)"""

    description: str = ""
    """Description of the forward listen IP (example: My public IP forward)"""

    listen_address: str = ""
    """The listen address of the forward (example: 192.0.2.1)"""

    ports: list[NetworkForwardPort] = Field(default_factory=list)
    """Port forwards (optional)"""


class NetworkIntegration(IncusModel):
    """NetworkIntegration represents a network integration."""

    config: dict[str, str] = Field(default_factory=dict)
    """Integration configuration map (refer to doc/network-integrations.md)"""

    description: str = ""
    """Description of the network integration (example: OVN interconnection for
    region1)
    """

    name: str = ""
    """The name of the integration (example: region1)"""

    type: str = ""
    """The type of integration (example: ovn)"""

    used_by: list[str] = Field(default_factory=list)
    """List of URLs of objects using this network integration"""


class NetworkIntegrationPost(IncusModel):
    """NetworkIntegrationPost represents the fields required to rename a network
    integration
    """

    name: str = ""
    """The new name for the network integration (example: region2)"""


class NetworkIntegrationPut(IncusModel):
    """NetworkIntegrationPut represents the modifiable fields of a network
    integration
    """

    config: dict[str, str] = Field(default_factory=dict)
    """Integration configuration map (refer to doc/network-integrations.md)"""

    description: str = ""
    """Description of the network integration (example: OVN interconnection for
    region1)
    """


class NetworkIntegrationsPost(IncusModel):
    """NetworkIntegrationsPost represents the fields of a new network integration"""

    config: dict[str, str] = Field(default_factory=dict)
    """Integration configuration map (refer to doc/network-integrations.md)"""

    description: str = ""
    """Description of the network integration (example: OVN interconnection for
    region1)
    """

    name: str = ""
    """The name of the integration (example: region1)"""

    type: str = ""
    """The type of integration (example: ovn)"""


class NetworkLease(IncusModel):
    """NetworkLease represents a DHCP lease"""

    address: str = ""
    """The IP address (example: 10.0.0.98)"""

    hostname: str = ""
    """The hostname associated with the record (example: c1)"""

    hwaddr: str = ""
    """The MAC address (example: 10:66:6a:2c:89:d9)"""

    location: str = ""
    """What cluster member this record was found on (example: server01)"""

    type: str = ""
    """The type of record (static or dynamic) (example: dynamic)"""


class NetworkLoadBalancer(IncusModel):
    """NetworkLoadBalancer used for displaying a network load balancer"""

    backends: list[NetworkLoadBalancerBackend] = Field(default_factory=list)
    """Backends (optional)"""

    config: dict[str, str] = Field(default_factory=dict)
    """Load balancer configuration map (refer to doc/network-load-balancers.md)"""

    description: str = ""
    """Description of the load balancer listen IP (example: My public IP load
    balancer)
    """

    listen_address: str = ""
    """The listen address of the load balancer (example: 192.0.2.1)"""

    location: str = ""
    """What cluster member this record was found on (example: server01)"""

    ports: list[NetworkLoadBalancerPort] = Field(default_factory=list)
    """Port forwards (optional)"""


class NetworkLoadBalancerBackend(IncusModel):
    """NetworkLoadBalancerBackend represents a target backend specification in a
    network load balancer
    """

    description: str = ""
    """Description of the load balancer backend (example: C1 webserver)"""

    name: str = ""
    """Name of the load balancer backend (example: c1-http)"""

    target_address: str = ""
    """TargetAddress to forward ListenPorts to (example: 198.51.100.2)"""

    target_port: str = ""
    """TargetPort(s) to forward ListenPorts to (allows for many-to-one) (example:
    80,81,8080-8090)
    """


class NetworkLoadBalancerPort(IncusModel):
    """NetworkLoadBalancerPort represents a port specification in a network load
    balancer
    """

    description: str = ""
    """Description of the load balancer port (example: My web server load balancer)"""

    listen_port: str = ""
    """ListenPort(s) of load balancer (comma delimited ranges) (example:
    80,81,8080-8090)
    """

    protocol: str = ""
    """Protocol for load balancer port (either tcp or udp) (example: tcp)"""

    target_backend: list[str] = Field(default_factory=list)
    """TargetBackend backend names to load balance ListenPorts to"""


class NetworkLoadBalancerPut(IncusModel):
    """NetworkLoadBalancerPut represents the modifiable fields of a network load
    balancer
    """

    backends: list[NetworkLoadBalancerBackend] = Field(default_factory=list)
    """Backends (optional)"""

    config: dict[str, str] = Field(default_factory=dict)
    """Load balancer configuration map (refer to doc/network-load-balancers.md)"""

    description: str = ""
    """Description of the load balancer listen IP (example: My public IP load
    balancer)
    """

    ports: list[NetworkLoadBalancerPort] = Field(default_factory=list)
    """Port forwards (optional)"""


class NetworkLoadBalancerState(IncusModel):
    """NetworkLoadBalancerState is used for showing current state of a load balancer"""

    backend_health: dict[str, NetworkLoadBalancerStateBackendHealth] = Field(default_factory=dict)


class NetworkLoadBalancerStateBackendHealth(IncusModel):
    """NetworkLoadBalancerStateBackendHealth represents the health of a particular
    load-balancer backend
    """

    address: str = ""

    ports: list[NetworkLoadBalancerStateBackendHealthPort] = Field(default_factory=list)


class NetworkLoadBalancerStateBackendHealthPort(IncusModel):
    """NetworkLoadBalancerStateBackendHealthPort represents the health status of a
    particular load-balancer backend port.
    """

    port: int = 0

    protocol: str = ""

    status: str = ""


class NetworkLoadBalancersPost(IncusModel):
    """NetworkLoadBalancersPost represents the fields of a new network load balancer"""

    backends: list[NetworkLoadBalancerBackend] = Field(default_factory=list)
    """Backends (optional)"""

    config: dict[str, str] = Field(default_factory=dict)
    """Load balancer configuration map (refer to doc/network-load-balancers.md)"""

    description: str = ""
    """Description of the load balancer listen IP (example: My public IP load
    balancer)
    """

    listen_address: str = ""
    """The listen address of the load balancer (example: 192.0.2.1)"""

    ports: list[NetworkLoadBalancerPort] = Field(default_factory=list)
    """Port forwards (optional)"""


class NetworkPeer(IncusModel):
    """NetworkPeer used for displaying a network peering."""

    config: dict[str, str] = Field(default_factory=dict)
    """Peer configuration map (refer to doc/network-peers.md)"""

    description: str = ""
    """Description of the peer (example: Peering with network1 in project1)"""

    name: str = ""
    """Name of the peer (example: project1-network1)"""

    status: str = ""
    """The state of the peering (example: Pending)"""

    target_integration: str = ""
    """Name of the target integration (example: ovn-ic1)"""

    target_network: str = ""
    """Name of the target network (example: network1)"""

    target_project: str = ""
    """Name of the target project (example: project1)"""

    type: str = ""
    """Type of peer (example: local)"""

    used_by: list[str] = Field(default_factory=list)
    """List of URLs of objects using this network peering"""


class NetworkPeerPut(IncusModel):
    """NetworkPeerPut represents the modifiable fields of a network peering"""

    config: dict[str, str] = Field(default_factory=dict)
    """Peer configuration map (refer to doc/network-peers.md)"""

    description: str = ""
    """Description of the peer (example: Peering with network1 in project1)"""


class NetworkPeersPost(IncusModel):
    """NetworkPeersPost represents the fields of a new network peering"""

    config: dict[str, str] = Field(default_factory=dict)
    """Peer configuration map (refer to doc/network-peers.md)"""

    description: str = ""
    """Description of the peer (example: Peering with network1 in project1)"""

    name: str = ""
    """Name of the peer (example: project1-network1)"""

    target_integration: str = ""
    """Name of the target integration (example: ovn-ic1)"""

    target_network: str = ""
    """Name of the target network (example: network1)"""

    target_project: str = ""
    """Name of the target project (example: project1)"""

    type: str = ""
    """Type of peer (example: local)"""


class NetworkPost(IncusModel):
    """NetworkPost represents the fields required to rename a network"""

    name: str = ""
    """The new name for the network (example: mybr1)"""


class NetworkPut(IncusModel):
    """NetworkPut represents the modifiable fields of a network"""

    config: dict[str, str] = Field(default_factory=dict)
    """Network configuration map (refer to doc/networks.md)"""

    description: str = ""
    """Description of the profile (example: My new bridge)"""


class NetworkState(IncusModel):
    """NetworkState represents the network state"""

    addresses: list[NetworkStateAddress] = Field(default_factory=list)
    """List of addresses"""

    bond: NetworkStateBond | None = None

    bridge: NetworkStateBridge | None = None

    counters: NetworkStateCounters | None = None

    hwaddr: str = ""
    """MAC address (example: 10:66:6a:5a:83:57)"""

    mtu: int = 0
    """MTU (example: 1500)"""

    ovn: NetworkStateOVN | None = None

    state: str = ""
    """Link state (example: up)"""

    type: str = ""
    """Interface type (example: broadcast)"""

    vlan: NetworkStateVLAN | None = None


class NetworkStateAddress(IncusModel):
    """NetworkStateAddress represents a network address"""

    address: str = ""
    """IP address (example: 10.0.0.1)"""

    family: str = ""
    """Address family (example: inet)"""

    netmask: str = ""
    """IP netmask (CIDR) (example: 24)"""

    scope: str = ""
    """Address scope (example: global)"""


class NetworkStateBond(IncusModel):
    """NetworkStateBond represents bond specific state"""

    down_delay: int = 0
    """Delay on link down (ms) (example: 0)"""

    lower_devices: list[str] = Field(default_factory=list)
    """List of devices that are part of the bond"""

    mii_frequency: int = 0
    """How often to check for link state (ms) (example: 100)"""

    mii_state: str = ""
    """Bond link state (example: up)"""

    mode: str = ""
    """Bonding mode (example: 802.3ad)"""

    transmit_policy: str = ""
    """Transmit balancing policy (example: layer3+4)"""

    up_delay: int = 0
    """Delay on link up (ms) (example: 0)"""


class NetworkStateBridge(IncusModel):
    """NetworkStateBridge represents bridge specific state"""

    forward_delay: int = 0
    """Delay on port join (ms) (example: 1500)"""

    id: str = ""
    """Bridge ID (example: 8000.0a0f7c6edbd9)"""

    stp: bool = False
    """Whether STP is enabled (example: False)"""

    upper_devices: list[str] = Field(default_factory=list)
    """List of devices that are in the bridge"""

    vlan_default: int = 0
    """Default VLAN ID (example: 1)"""

    vlan_filtering: bool = False
    """Whether VLAN filtering is enabled (example: False)"""


class NetworkStateCounters(IncusModel):
    """NetworkStateCounters represents packet counters"""

    bytes_received: int = 0
    """Number of bytes received (example: 250542118)"""

    bytes_sent: int = 0
    """Number of bytes sent (example: 17524040140)"""

    packets_received: int = 0
    """Number of packets received (example: 1182515)"""

    packets_sent: int = 0
    """Number of packets sent (example: 1567934)"""


class NetworkStateOVN(IncusModel):
    """NetworkStateOVN represents OVN specific state"""

    chassis: str = ""
    """OVN network chassis name (example: server01)"""

    logical_router: str = ""
    """OVN logical router name (example: incus-net1-lr)"""

    logical_switch: str = ""
    """OVN logical switch name (example: incus-net1-ls-int)"""

    uplink_ipv4: str = ""
    """OVN network uplink ipv4 address (example: 10.0.0.1)"""

    uplink_ipv6: str = ""
    """OVN network uplink ipv6 address (example:
    2001:0000:130F:0000:0000:09C0:876A:130B.)
    """


class NetworkStateVLAN(IncusModel):
    """NetworkStateVLAN represents VLAN specific state"""

    lower_device: str = ""
    """Parent device (example: eth0)"""

    vid: int = 0
    """VLAN ID (example: 100)"""


class NetworkZone(IncusModel):
    """NetworkZone represents a network zone (DNS)."""

    config: dict[str, str] = Field(default_factory=dict)
    """Zone configuration map (refer to doc/network-zones.md)"""

    description: str = ""
    """Description of the network zone (example: Internal domain)"""

    name: str = ""
    """The name of the zone (DNS domain name) (example: example.net)"""

    project: str = ""
    """Project name (example: project1)"""

    used_by: list[str] = Field(default_factory=list)
    """List of URLs of objects using this network zone"""


class NetworkZonePut(IncusModel):
    """NetworkZonePut represents the modifiable fields of a network zone"""

    config: dict[str, str] = Field(default_factory=dict)
    """Zone configuration map (refer to doc/network-zones.md)"""

    description: str = ""
    """Description of the network zone (example: Internal domain)"""


class NetworkZoneRecord(IncusModel):
    """NetworkZoneRecord represents a network zone (DNS) record."""

    config: dict[str, str] = Field(default_factory=dict)
    """Advanced configuration for the record"""

    description: str = ""
    """Description of the record (example: SPF record)"""

    entries: list[NetworkZoneRecordEntry] = Field(default_factory=list)
    """Entries in the record"""

    name: str = ""
    """The name of the record (example: @)"""


class NetworkZoneRecordEntry(IncusModel):
    """NetworkZoneRecordEntry represents the fields in a record entry"""

    ttl: int = 0
    """TTL for the entry (example: 3600)"""

    type: str = ""
    """Type of DNS entry (example: TXT)"""

    value: str = ""
    """Value for the record (example: v=spf1 mx ~all)"""


class NetworkZoneRecordPut(IncusModel):
    """NetworkZoneRecordPut represents the modifiable fields of a network zone record"""

    config: dict[str, str] = Field(default_factory=dict)
    """Advanced configuration for the record"""

    description: str = ""
    """Description of the record (example: SPF record)"""

    entries: list[NetworkZoneRecordEntry] = Field(default_factory=list)
    """Entries in the record"""


class NetworkZoneRecordsPost(IncusModel):
    """NetworkZoneRecordsPost represents the fields of a new network zone record"""

    config: dict[str, str] = Field(default_factory=dict)
    """Advanced configuration for the record"""

    description: str = ""
    """Description of the record (example: SPF record)"""

    entries: list[NetworkZoneRecordEntry] = Field(default_factory=list)
    """Entries in the record"""

    name: str = ""
    """The record name in the zone (example: @)"""


class NetworkZonesPost(IncusModel):
    """NetworkZonesPost represents the fields of a new network zone"""

    config: dict[str, str] = Field(default_factory=dict)
    """Zone configuration map (refer to doc/network-zones.md)"""

    description: str = ""
    """Description of the network zone (example: Internal domain)"""

    name: str = ""
    """The name of the zone (DNS domain name) (example: example.net)"""


class NetworksPost(IncusModel):
    """NetworksPost represents the fields of a new network"""

    config: dict[str, str] = Field(default_factory=dict)
    """Network configuration map (refer to doc/networks.md)"""

    description: str = ""
    """Description of the profile (example: My new bridge)"""

    name: str = ""
    """The name of the new network (example: mybr1)"""

    type: str = ""
    """The network type (refer to doc/networks.md) (example: bridge)"""


class Operation(IncusModel):
    """Operation represents a background operation"""

    class_: str = Field(default="", alias="class")
    """Type of operation (task, token or websocket) (example: websocket)"""

    created_at: Timestamp | None = None
    """Operation creation time (example: 2021-03-23T17:38:37.753398689-04:00)"""

    description: str = ""
    """Description of the operation (example: Executing command)"""

    err: str = ""
    """Operation error message (example: Some error message)"""

    id: str = ""
    """UUID of the operation (example: 6916c8a6-9b7d-4abd-90b3-aedfec7ec7da)"""

    location: str = ""
    """What cluster member this record was found on (example: server01)"""

    may_cancel: bool = False
    """Whether the operation can be canceled (example: False)"""

    metadata: dict[str, Any] = Field(default_factory=dict)
    """Operation specific metadata"""

    resources: dict[str, list[str]] = Field(default_factory=dict)
    """Affected resources"""

    status: str = ""
    """Status name (example: Running)"""

    status_code: int = 0

    updated_at: Timestamp | None = None
    """Operation last change (example: 2021-03-23T17:38:37.753398689-04:00)"""


class Profile(IncusModel):
    """Profile represents a profile"""

    config: dict[str, str] = Field(default_factory=dict)
    """Instance configuration map (refer to doc/instances.md)"""

    description: str = ""
    """Description of the profile (example: Medium size instances)"""

    devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """List of devices"""

    name: str = ""
    """The profile name (example: foo)"""

    project: str = ""
    """Project name (example: project1)"""

    used_by: list[str] = Field(default_factory=list)
    """List of URLs of objects using this profile"""


class ProfilePost(IncusModel):
    """ProfilePost represents the fields required to rename a profile"""

    name: str = ""
    """The new name for the profile (example: bar)"""


class ProfilePut(IncusModel):
    """ProfilePut represents the modifiable fields of a profile"""

    config: dict[str, str] = Field(default_factory=dict)
    """Instance configuration map (refer to doc/instances.md)"""

    description: str = ""
    """Description of the profile (example: Medium size instances)"""

    devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """List of devices"""


class ProfilesPost(IncusModel):
    """ProfilesPost represents the fields of a new profile"""

    config: dict[str, str] = Field(default_factory=dict)
    """Instance configuration map (refer to doc/instances.md)"""

    description: str = ""
    """Description of the profile (example: Medium size instances)"""

    devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """List of devices"""

    name: str = ""
    """The name of the new profile (example: foo)"""


class Project(IncusModel):
    """Project represents a project"""

    config: dict[str, str] = Field(default_factory=dict)
    """Project configuration map (refer to doc/projects.md)"""

    description: str = ""
    """Description of the project (example: My new project)"""

    name: str = ""
    """The project name (example: foo)"""

    used_by: list[str] = Field(default_factory=list)
    """List of URLs of objects using this project"""


class ProjectPost(IncusModel):
    """ProjectPost represents the fields required to rename a project"""

    name: str = ""
    """The new name for the project (example: bar)"""


class ProjectPut(IncusModel):
    """ProjectPut represents the modifiable fields of a project"""

    config: dict[str, str] = Field(default_factory=dict)
    """Project configuration map (refer to doc/projects.md)"""

    description: str = ""
    """Description of the project (example: My new project)"""


class ProjectState(IncusModel):
    """ProjectState represents the current running state of a project"""

    resources: dict[str, ProjectStateResource] = Field(default_factory=dict)
    """Allocated and used resources"""


class ProjectStateResource(IncusModel):
    """ProjectStateResource represents the state of a particular resource in a
    project
    """

    limit: int = Field(default=0, alias="Limit")
    """Limit for the resource (-1 if none) (example: 10)"""

    usage: int = Field(default=0, alias="Usage")
    """Current usage for the resource (example: 4)"""


class ProjectsPost(IncusModel):
    """ProjectsPost represents the fields of a new project"""

    config: dict[str, str] = Field(default_factory=dict)
    """Project configuration map (refer to doc/projects.md)"""

    description: str = ""
    """Description of the project (example: My new project)"""

    name: str = ""
    """The name of the new project (example: foo)"""


class Resources(IncusModel):
    """Resources represents the system hardware resources"""

    cpu: ResourcesCPU | None = None

    gpu: ResourcesGPU | None = None

    load: ResourcesLoad | None = None

    memory: ResourcesMemory | None = None

    network: ResourcesNetwork | None = None

    pci: ResourcesPCI | None = None

    storage: ResourcesStorage | None = None

    system: ResourcesSystem | None = None

    usb: ResourcesUSB | None = None


class ResourcesCPU(IncusModel):
    """ResourcesCPU represents the cpu resources available on the system"""

    architecture: str = ""
    """Architecture name (example: x86_64)"""

    sockets: list[ResourcesCPUSocket] = Field(default_factory=list)
    """List of CPU sockets"""

    total: int = 0
    """Total number of CPU threads (from all sockets and cores) (example: 1)"""


class ResourcesCPUCache(IncusModel):
    """ResourcesCPUCache represents a CPU cache"""

    level: int = 0
    """Cache level (usually a number from 1 to 3) (example: 1)"""

    size: int = 0
    """Size of the cache (in bytes) (example: 32768)"""

    type: str = ""
    """Type of cache (Data, Instruction, Unified, ...) (example: Data)"""


class ResourcesCPUCore(IncusModel):
    """ResourcesCPUCore represents a CPU core on the system"""

    core: int = 0
    """Core identifier within the socket (example: 0)"""

    die: int = 0
    """What die the CPU is a part of (for chiplet designs) (example: 0)"""

    flags: list[str] = Field(default_factory=list)
    """List of CPU flags"""

    frequency: int = 0
    """Current frequency (example: 3500)"""

    threads: list[ResourcesCPUThread] = Field(default_factory=list)
    """List of threads"""


class ResourcesCPUSocket(IncusModel):
    """ResourcesCPUSocket represents a CPU socket on the system"""

    cache: list[ResourcesCPUCache] = Field(default_factory=list)
    """List of CPU caches"""

    cores: list[ResourcesCPUCore] = Field(default_factory=list)
    """List of CPU cores"""

    frequency: int = 0
    """Current CPU frequency (Mhz) (example: 3499)"""

    frequency_minimum: int = 0
    """Minimum CPU frequency (Mhz) (example: 400)"""

    frequency_turbo: int = 0
    """Maximum CPU frequency (Mhz) (example: 3500)"""

    name: str = ""
    """Product name (example: Intel(R) Core(TM) i5-7300U CPU @ 2.60GHz)"""

    socket: int = 0
    """Socket number (example: 0)"""

    vendor: str = ""
    """Vendor name (example: GenuineIntel)"""


class ResourcesCPUThread(IncusModel):
    """ResourcesCPUThread represents a CPU thread on the system"""

    id: int = 0
    """Thread ID (used for CPU pinning) (example: 0)"""

    isolated: bool = False
    """Whether the thread has been isolated (outside of normal scheduling) (example:
    False)
    """

    numa_node: int = 0
    """NUMA node the thread is a part of (example: 0)"""

    online: bool = False
    """Whether the thread is online (enabled) (example: True)"""

    thread: int = 0
    """Thread identifier within the core (example: 0)"""


class ResourcesGPU(IncusModel):
    """ResourcesGPU represents the GPU resources available on the system"""

    cards: list[ResourcesGPUCard] = Field(default_factory=list)
    """List of GPUs"""

    total: int = 0
    """Total number of GPUs (example: 1)"""


class ResourcesGPUCard(IncusModel):
    """ResourcesGPUCard represents a GPU card on the system"""

    driver: str = ""
    """Kernel driver currently associated with the GPU (example: i915)"""

    driver_version: str = ""
    """Version of the kernel driver (example: 5.8.0-36-generic)"""

    drm: ResourcesGPUCardDRM | None = None

    mdev: dict[str, ResourcesGPUCardMdev] = Field(default_factory=dict)
    """Map of available mediated device profiles"""

    numa_node: int = 0
    """NUMA node the GPU is a part of (example: 0)"""

    nvidia: ResourcesGPUCardNvidia | None = None

    pci_address: str = ""
    """PCI address (example: 0000:00:02.0)"""

    product: str = ""
    """Name of the product (example: HD Graphics 620)"""

    product_id: str = ""
    """PCI ID of the product (example: 5916)"""

    sriov: ResourcesGPUCardSRIOV | None = None

    usb_address: str = ""
    """USB address (for USB cards) (example: 2:7)"""

    vendor: str = ""
    """Name of the vendor (example: Intel Corporation)"""

    vendor_id: str = ""
    """PCI ID of the vendor (example: 8086)"""


class ResourcesGPUCardDRM(IncusModel):
    """ResourcesGPUCardDRM represents the Linux DRM configuration of the GPU"""

    card_device: str = ""
    """Card device number (example: 226:0)"""

    card_name: str = ""
    """Card device name (example: card0)"""

    control_device: str = ""
    """Control device number (example: 226:0)"""

    control_name: str = ""
    """Control device name (example: controlD64)"""

    id: int = 0
    """DRM card ID (example: 0)"""

    render_device: str = ""
    """Render device number (example: 226:128)"""

    render_name: str = ""
    """Render device name (example: renderD128)"""


class ResourcesGPUCardMdev(IncusModel):
    """ResourcesGPUCardMdev represents the mediated devices configuration of the GPU"""

    api: str = ""
    """The mechanism used by this device (example: vfio-pci)"""

    available: int = 0
    """Number of available devices of this profile (example: 2)"""

    description: str = ""
    """Profile description (example: low_gm_size: 128MB\\nhigh_gm_size:
    512MB\\nfence: 4\\nresolution: 1920x1200\\nweight: 4)
    """

    devices: list[str] = Field(default_factory=list)
    """List of active devices (UUIDs)"""

    name: str = ""
    """Profile name (example: i915-GVTg_V5_8)"""


class ResourcesGPUCardNvidia(IncusModel):
    """ResourcesGPUCardNvidia represents additional information for NVIDIA GPUs"""

    architecture: str = ""
    """Architecture (generation) (example: 3.5)"""

    brand: str = ""
    """Brand name (example: GeForce)"""

    card_device: str = ""
    """Card device number (example: 195:0)"""

    card_name: str = ""
    """Card device name (example: nvidia0)"""

    cuda_version: str = ""
    """Version of the CUDA API (example: 11.0)"""

    model: str = ""
    """Model name (example: GeForce GT 730)"""

    nvrm_version: str = ""
    """Version of the NVRM (usually driver version) (example: 450.102.04)"""

    uuid: str = ""
    """GPU UUID (example: GPU-6ddadebd-dafe-2db9-f10f-125719770fd3)"""


class ResourcesGPUCardSRIOV(IncusModel):
    """ResourcesGPUCardSRIOV represents the SRIOV configuration of the GPU"""

    current_vfs: int = 0
    """Number of VFs currently configured (example: 0)"""

    maximum_vfs: int = 0
    """Maximum number of supported VFs (example: 0)"""

    vfs: list[ResourcesGPUCard] = Field(default_factory=list)
    """List of VFs (as additional GPU devices)"""


class ResourcesLoad(IncusModel):
    """ResourcesLoad represents system load information"""

    average1_min: float = Field(default=0.0, alias="Average1Min")
    """Load average in the past minute (example: 0.69)"""

    average5_min: float = Field(default=0.0, alias="Average5Min")
    """Load average in the past 5 minutes (example: 1.1)"""

    average10_min: float = Field(default=0.0, alias="Average10Min")
    """Load average in the past 10 minutes (example: 1.29)"""

    processes: int = Field(default=0, alias="Processes")
    """The number of active processes (example: 1234)"""


class ResourcesMemory(IncusModel):
    """ResourcesMemory represents the memory resources available on the system"""

    hugepages_size: int = 0
    """Size of memory huge pages (bytes) (example: 2097152)"""

    hugepages_total: int = 0
    """Total of memory huge pages (bytes) (example: 429284917248)"""

    hugepages_used: int = 0
    """Used memory huge pages (bytes) (example: 429284917248)"""

    nodes: list[ResourcesMemoryNode] = Field(default_factory=list)
    """List of NUMA memory nodes"""

    total: int = 0
    """Total system memory (bytes) (example: 687194767360)"""

    used: int = 0
    """Used system memory (bytes) (example: 557450502144)"""


class ResourcesMemoryNode(IncusModel):
    """ResourcesMemoryNode represents the node-specific memory resources available on
    the system
    """

    hugepages_total: int = 0
    """Total of memory huge pages (bytes) (example: 214536552448)"""

    hugepages_used: int = 0
    """Used memory huge pages (bytes) (example: 214536552448)"""

    numa_node: int = 0
    """NUMA node identifier (example: 0)"""

    total: int = 0
    """Total system memory (bytes) (example: 343597383680)"""

    used: int = 0
    """Used system memory (bytes) (example: 264880439296)"""


class ResourcesNetwork(IncusModel):
    """ResourcesNetwork represents the network cards available on the system"""

    cards: list[ResourcesNetworkCard] = Field(default_factory=list)
    """List of network cards"""

    total: int = 0
    """Total number of network cards (example: 1)"""


class ResourcesNetworkCard(IncusModel):
    """ResourcesNetworkCard represents a network card on the system"""

    driver: str = ""
    """Kernel driver currently associated with the card (example: atlantic)"""

    driver_version: str = ""
    """Version of the kernel driver (example: 5.8.0-36-generic)"""

    firmware_version: str = ""
    """Current firmware version (example: 3.1.100)"""

    numa_node: int = 0
    """NUMA node the card is a part of (example: 0)"""

    pci_address: str = ""
    """PCI address (for PCI cards) (example: 0000:0d:00.0)"""

    ports: list[ResourcesNetworkCardPort] = Field(default_factory=list)
    """List of ports on the card"""

    product: str = ""
    """Name of the product (example: AQC107 NBase-T/IEEE)"""

    product_id: str = ""
    """PCI ID of the product (example: 87b1)"""

    sriov: ResourcesNetworkCardSRIOV | None = None

    usb_address: str = ""
    """USB address (for USB cards) (example: 2:7)"""

    vdpa: ResourcesNetworkCardVDPA | None = None

    vendor: str = ""
    """Name of the vendor (example: Aquantia Corp.)"""

    vendor_id: str = ""
    """PCI ID of the vendor (example: 1d6a)"""


class ResourcesNetworkCardPort(IncusModel):
    """ResourcesNetworkCardPort represents a network port on the system"""

    address: str = ""
    """MAC address (example: 00:23:a4:01:01:6f)"""

    auto_negotiation: bool = False
    """Whether auto negotiation is used (example: True)"""

    id: str = ""
    """Port identifier (interface name) (example: eth0)"""

    infiniband: ResourcesNetworkCardPortInfiniband | None = None

    link_detected: bool = False
    """Whether a link was detected (example: True)"""

    link_duplex: str = ""
    """Duplex type (example: full)"""

    link_speed: int = 0
    """Current speed (Mbit/s) (example: 10000)"""

    port: int = 0
    """Port number (example: 0)"""

    port_type: str = ""
    """Current port type (example: twisted pair)"""

    protocol: str = ""
    """Transport protocol (example: ethernet)"""

    supported_modes: list[str] = Field(default_factory=list)
    """List of supported modes"""

    supported_ports: list[str] = Field(default_factory=list)
    """List of supported port types"""

    transceiver_type: str = ""
    """Type of transceiver used (example: internal)"""


class ResourcesNetworkCardPortInfiniband(IncusModel):
    """ResourcesNetworkCardPortInfiniband represents the Linux Infiniband
    configuration for the port
    """

    issm_device: str = ""
    """ISSM device number (example: 231:64)"""

    issm_name: str = ""
    """ISSM device name (example: issm0)"""

    mad_device: str = ""
    """MAD device number (example: 231:0)"""

    mad_name: str = ""
    """MAD device name (example: umad0)"""

    verb_device: str = ""
    """Verb device number (example: 231:192)"""

    verb_name: str = ""
    """Verb device name (example: uverbs0)"""


class ResourcesNetworkCardSRIOV(IncusModel):
    """ResourcesNetworkCardSRIOV represents the SRIOV configuration of the network
    card
    """

    current_vfs: int = 0
    """Number of VFs currently configured (example: 0)"""

    maximum_vfs: int = 0
    """Maximum number of supported VFs (example: 0)"""

    vfs: list[ResourcesNetworkCard] = Field(default_factory=list)
    """List of VFs (as additional Network devices)"""


class ResourcesNetworkCardVDPA(IncusModel):
    """ResourceNetworkCardVDPA represents the VDPA configuration of the network card"""

    device: str = ""
    """Device identifier of the VDPA device"""

    name: str = ""
    """Name of the VDPA device"""


class ResourcesPCI(IncusModel):
    """ResourcesPCI represents the PCI devices available on the system"""

    devices: list[ResourcesPCIDevice] = Field(default_factory=list)
    """List of PCI devices"""

    total: int = 0
    """Total number of PCI devices (example: 1)"""


class ResourcesPCIDevice(IncusModel):
    """ResourcesPCIDevice represents a PCI device"""

    driver: str = ""
    """Kernel driver currently associated with the GPU (example: mgag200)"""

    driver_version: str = ""
    """Version of the kernel driver (example: 5.8.0-36-generic)"""

    iommu_group: int = 0
    """IOMMU group number (example: 20)"""

    numa_node: int = 0
    """NUMA node the card is a part of (example: 0)"""

    pci_address: str = ""
    """PCI address (example: 0000:07:03.0)"""

    product: str = ""
    """Name of the product (example: MGA G200eW WPCM450)"""

    product_id: str = ""
    """PCI ID of the product (example: 0532)"""

    vendor: str = ""
    """Name of the vendor (example: Matrox Electronics Systems Ltd.)"""

    vendor_id: str = ""
    """PCI ID of the vendor (example: 102b)"""

    vpd: ResourcesPCIVPD | None = None


class ResourcesPCIVPD(IncusModel):
    """ResourcesPCIVPD represents VPD entries for a device"""

    entries: dict[str, str] = Field(default_factory=dict)
    """Vendor provided key/value pairs. (example: {"EC": ""A-5545", "MN": "103C",
    "V0": "5W PCIeGen2"})
    """

    product_name: str = ""
    """Hardware provided product name. (example: HP Ethernet 1Gb 4-port 331i Adapter)"""


class ResourcesStorage(IncusModel):
    """ResourcesStorage represents the local storage"""

    disks: list[ResourcesStorageDisk] = Field(default_factory=list)
    """List of disks"""

    total: int = 0
    """Total number of partitions (example: 1)"""


class ResourcesStorageDisk(IncusModel):
    """ResourcesStorageDisk represents a disk"""

    block_size: int = 0
    """Block size (example: 512)"""

    device: str = ""
    """Device number (example: 259:0)"""

    device_id: str = ""
    """Device by-id identifier (example: nvme-eui.0000000001000000e4d25cafae2e4c00)"""

    device_path: str = ""
    """Device by-path identifier (example: pci-0000:05:00.0-nvme-1)"""

    firmware_version: str = ""
    """Current firmware version (example: PSF121C)"""

    id: str = ""
    """ID of the disk (device name) (example: nvme0n1)"""

    model: str = ""
    """Disk model name (example: INTEL SSDPEKKW256G7)"""

    numa_node: int = 0
    """NUMA node the disk is a part of (example: 0)"""

    partitions: list[ResourcesStorageDiskPartition] = Field(default_factory=list)
    """List of partitions"""

    pci_address: str = ""
    """PCI address (example: 0000:05:00.0)"""

    read_only: bool = False
    """Whether the disk is read-only (example: False)"""

    removable: bool = False
    """Whether the disk is removable (hot-plug) (example: False)"""

    rpm: int = 0
    """Rotation speed (RPM) (example: 0)"""

    serial: str = ""
    """Serial number (example: BTPY63440ARH256D)"""

    size: int = 0
    """Total size of the disk (bytes) (example: 256060514304)"""

    type: str = ""
    """Storage type (example: nvme)"""

    usb_address: str = ""
    """USB address (example: 3:5)"""

    wwn: str = ""
    """WWN identifier (example: eui.0000000001000000e4d25cafae2e4c00)"""


class ResourcesStorageDiskPartition(IncusModel):
    """ResourcesStorageDiskPartition represents a partition on a disk"""

    device: str = ""
    """Device number (example: 259:1)"""

    id: str = ""
    """ID of the partition (device name) (example: nvme0n1p1)"""

    partition: int = 0
    """Partition number (example: 1)"""

    read_only: bool = False
    """Whether the partition is read-only (example: False)"""

    size: int = 0
    """Size of the partition (bytes) (example: 254933278208)"""


class ResourcesStoragePool(IncusModel):
    """ResourcesStoragePool represents the resources available to a given storage
    pool
    """

    inodes: ResourcesStoragePoolInodes | None = None

    space: ResourcesStoragePoolSpace | None = None


class ResourcesStoragePoolInodes(IncusModel):
    """ResourcesStoragePoolInodes represents the inodes available to a given storage
    pool
    """

    total: int = 0
    """Total inodes (example: 30709993797)"""

    used: int = 0
    """Used inodes (example: 23937695)"""


class ResourcesStoragePoolSpace(IncusModel):
    """ResourcesStoragePoolSpace represents the space available to a given storage
    pool
    """

    total: int = 0
    """Total disk space (bytes) (example: 420100937728)"""

    used: int = 0
    """Used disk space (bytes) (example: 343537419776)"""


class ResourcesSystem(IncusModel):
    """ResourcesSystem represents the system"""

    chassis: ResourcesSystemChassis | None = None

    family: str = ""
    """System family (example: ThinkPad X1 Carbon 5th)"""

    firmware: ResourcesSystemFirmware | None = None

    motherboard: ResourcesSystemMotherboard | None = None

    product: str = ""
    """System model (example: 20HRCTO1WW)"""

    serial: str = ""
    """System serial number (example: PY3DD4X9)"""

    sku: str = ""
    """System nanufacturer SKU LENOVO_MT_20HR_BU_Think_FM_ThinkPad X1 Carbon 5th"""

    type: str = ""
    """System type (unknown, physical, virtual-machine, container, ...) (example:
    physical)
    """

    uuid: str = ""
    """System UUID (example: 7fa1c0cc-2271-11b2-a85c-aab32a05d71a)"""

    vendor: str = ""
    """System vendor (example: LENOVO)"""

    version: str = ""
    """System version (example: ThinkPad X1 Carbon 5th)"""


class ResourcesSystemChassis(IncusModel):
    """ResourcesSystemChassis represents the system chassis"""

    serial: str = ""
    """Chassis serial number (example: PY3DD4X9)"""

    type: str = ""
    """Chassis type (example: Notebook)"""

    vendor: str = ""
    """Chassis vendor (example: Lenovo)"""

    version: str = ""
    """Chassis version/revision (example: None)"""


class ResourcesSystemFirmware(IncusModel):
    """ResourcesSystemFirmware represents the system firmware"""

    date: str = ""
    """Firmware build date (example: 10/14/2020)"""

    vendor: str = ""
    """Firmware vendor (example: Lenovo)"""

    version: str = ""
    """Firmware version (example: N1MET64W (1.49))"""


class ResourcesSystemMotherboard(IncusModel):
    """ResourcesSystemMotherboard represents the motherboard"""

    product: str = ""
    """Motherboard model (example: 20HRCTO1WW)"""

    serial: str = ""
    """Motherboard serial number (example: L3CF4FX003A)"""

    vendor: str = ""
    """Motherboard vendor (example: Lenovo)"""

    version: str = ""
    """Motherboard version/revision (example: None)"""


class ResourcesUSB(IncusModel):
    """ResourcesUSB represents the USB devices available on the system"""

    devices: list[ResourcesUSBDevice] = Field(default_factory=list)
    """List of USB devices"""

    total: int = 0
    """Total number of USB devices (example: 1)"""


class ResourcesUSBDevice(IncusModel):
    """ResourcesUSBDevice represents a USB device"""

    bus_address: int = 0
    """USB address (bus) (example: 1)"""

    device_address: int = 0
    """USB address (device) (example: 3)"""

    interfaces: list[ResourcesUSBDeviceInterface] = Field(default_factory=list)
    """List of USB interfaces"""

    product: str = ""
    """Name of the product (example: Hermon USB hidmouse Device)"""

    product_id: str = ""
    """USB ID of the product (example: 2221)"""

    serial: str = ""
    """USB serial number (example: DAE005fp)"""

    speed: float = 0.0
    """Transfer speed (Mbit/s) (example: 12)"""

    vendor: str = ""
    """Name of the vendor (example: ATEN International Co., Ltd)"""

    vendor_id: str = ""
    """USB ID of the vendor (example: 0557)"""


class ResourcesUSBDeviceInterface(IncusModel):
    """ResourcesUSBDeviceInterface represents a USB device interface"""

    class_: str = Field(default="", alias="class")
    """Class of USB interface (example: Human Interface Device)"""

    class_id: int = 0
    """ID of the USB interface class (example: 3)"""

    driver: str = ""
    """Kernel driver currently associated with the device (example: usbhid)"""

    driver_version: str = ""
    """Version of the kernel driver (example: 5.8.0-36-generic)"""

    number: int = 0
    """Interface number (example: 0)"""

    subclass: str = ""
    """Sub class of the interface (example: Boot Interface Subclass)"""

    subclass_id: int = 0
    """ID of the USB interface sub class (example: 1)"""


class Server(IncusModel):
    """Server represents a server configuration"""

    api_extensions: list[str] = Field(default_factory=list)
    """List of supported API extensions"""

    api_status: str = ""
    """Support status of the current API (one of "devel", "stable" or "deprecated")
    (example: stable)
    """

    api_version: str = ""
    """API version number (example: 1.0)"""

    auth: str = ""
    """Whether the client is trusted (one of "trusted" or "untrusted") (example:
    untrusted)
    """

    auth_methods: list[str] = Field(default_factory=list)
    """List of supported authentication methods"""

    auth_user_method: str = ""
    """The current API user login method (example: unix)"""

    auth_user_name: str = ""
    """The current API user identifier (example: uid=201105)"""

    config: dict[str, str] = Field(default_factory=dict)
    """Server configuration map (refer to doc/server.md)"""

    environment: ServerEnvironment | None = None

    public: bool = False
    """Whether the server is public-only (only public endpoints are implemented)
    (example: False)
    """


class ServerEnvironment(IncusModel):
    """ServerEnvironment represents the read-only environment fields of a server
    configuration.
    """

    addresses: list[str] = Field(default_factory=list)
    """List of addresses the server is listening on"""

    architectures: list[str] = Field(default_factory=list)
    """List of architectures supported by the server"""

    certificate: str = ""
    """Server certificate as PEM encoded X509 (example: X509 PEM certificate)"""

    certificate_fingerprint: str = ""
    """Server certificate fingerprint as SHA256 (example:
    fd200419b271f1dc2a5591b693cc5774b7f234e1ff8c6b78ad703b6888fe2b69)
    """

    driver: str = ""
    """List of supported instance drivers (separate by " | ") (example: lxc | qemu)"""

    driver_version: str = ""
    """List of supported instance driver versions (separate by " | ") (example: 4.0.7
    | 5.2.0)
    """

    firewall: str = ""
    """Current firewall driver (example: nftables)"""

    kernel: str = ""
    """OS kernel name (example: Linux)"""

    kernel_architecture: str = ""
    """OS kernel architecture (example: x86_64)"""

    kernel_features: dict[str, str] = Field(default_factory=dict)
    """Map of kernel features that were tested on startup"""

    kernel_version: str = ""
    """Kernel version (example: 5.4.0-36-generic)"""

    lxc_features: dict[str, str] = Field(default_factory=dict)
    """Map of LXC features that were tested on startup"""

    os_name: str = ""
    """Name of the operating system (Linux distribution) (example: Ubuntu)"""

    os_version: str = ""
    """Version of the operating system (Linux distribution) (example: 22.04)"""

    project: str = ""
    """Current project name (example: default)"""

    server: str = ""
    """Server implementation name (example: incus)"""

    server_clustered: bool = False
    """Whether the server is part of a cluster (example: False)"""

    server_event_mode: str = ""
    """Mode that the event distribution subsystem is operating in on this server.
    Either "full-mesh", "hub-server" or "hub-client". (example: full-mesh)
    """

    server_name: str = ""
    """Server hostname (example: castiana)"""

    server_pid: int = 0
    """PID of the daemon (example: 1453969)"""

    server_version: str = ""
    """Server version (example: 4.11)"""

    storage: str = ""
    """List of active storage drivers (separate by " | ") (example: dir | zfs)"""

    storage_supported_drivers: list[ServerStorageDriverInfo] = Field(default_factory=list)
    """List of supported storage drivers"""

    storage_version: str = ""
    """List of active storage driver versions (separate by " | ") (example: 1 |
    0.8.4-1ubuntu11)
    """


class ServerPut(IncusModel):
    """ServerPut represents the modifiable fields of a server configuration"""

    config: dict[str, str] = Field(default_factory=dict)
    """Server configuration map (refer to doc/server.md)"""


class ServerStorageDriverInfo(IncusModel):
    """ServerStorageDriverInfo represents the read-only info about a storage driver"""

    name: str = Field(default="", alias="Name")
    """Name of the driver (example: zfs)"""

    remote: bool = Field(default=False, alias="Remote")
    """Whether the driver has remote volumes (example: False)"""

    version: str = Field(default="", alias="Version")
    """Version of the driver (example: 0.8.4-1ubuntu11)"""


class ServerUntrusted(IncusModel):
    """ServerUntrusted represents a server configuration for an untrusted client"""

    api_extensions: list[str] = Field(default_factory=list)
    """List of supported API extensions"""

    api_status: str = ""
    """Support status of the current API (one of "devel", "stable" or "deprecated")
    (example: stable)
    """

    api_version: str = ""
    """API version number (example: 1.0)"""

    auth: str = ""
    """Whether the client is trusted (one of "trusted" or "untrusted") (example:
    untrusted)
    """

    auth_methods: list[str] = Field(default_factory=list)
    """List of supported authentication methods"""

    config: dict[str, str] = Field(default_factory=dict)
    """Server configuration map (refer to doc/server.md)"""

    public: bool = False
    """Whether the server is public-only (only public endpoints are implemented)
    (example: False)
    """


class StorageBucket(IncusModel):
    """StorageBucket represents the fields of a storage pool bucket"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage bucket configuration map"""

    description: str = ""
    """Description of the storage bucket (example: My custom bucket)"""

    location: str = ""
    """What cluster member this record was found on (example: server01)"""

    name: str = ""
    """Bucket name (example: foo)"""

    project: str = ""
    """Project name (example: project1)"""

    s3_url: str = ""
    """Bucket S3 URL (example: https://127.0.0.1:8080/foo)"""


class StorageBucketBackup(IncusModel):
    """StorageBucketBackup represents the fields available for a new storage bucket
    backup
    """

    compression_algorithm: str = ""
    """What compression algorithm to use (example: gzip)"""

    expires_at: Timestamp | None = None
    """When the backup expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    name: str = ""
    """Backup name (example: backup0)"""


class StorageBucketBackupPost(IncusModel):
    """StorageBucketBackupPost represents the fields available for the renaming of a
    bucket backup
    """

    name: str = ""
    """New backup name (example: backup1)"""


class StorageBucketBackupsPost(IncusModel):
    """StorageBucketBackupsPost represents the fields available for a new storage
    bucket backup
    """

    compression_algorithm: str = ""
    """What compression algorithm to use (example: gzip)"""

    expires_at: Timestamp | None = None
    """When the backup expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    name: str = ""
    """Backup name (example: backup0)"""


class StorageBucketKey(IncusModel):
    """StorageBucketKey represents the fields of a storage pool bucket key"""

    access_key: str = Field(default="", alias="access-key")
    """Access key (example: 33UgkaIBLBIxb7O1)"""

    description: str = ""
    """Description of the storage bucket key (example: My read-only bucket key)"""

    name: str = ""
    """Key name (example: my-read-only-key)"""

    role: str = ""
    """Whether the key can perform write actions or not. (example: read-only)"""

    secret_key: str = Field(default="", alias="secret-key")
    """Secret key (example: kDQD6AOgwHgaQI1UIJBJpPaiLgZuJbq0)"""


class StorageBucketKeyPut(IncusModel):
    """StorageBucketKeyPut represents the modifiable fields of a storage pool bucket
    key
    """

    access_key: str = Field(default="", alias="access-key")
    """Access key (example: 33UgkaIBLBIxb7O1)"""

    description: str = ""
    """Description of the storage bucket key (example: My read-only bucket key)"""

    role: str = ""
    """Whether the key can perform write actions or not. (example: read-only)"""

    secret_key: str = Field(default="", alias="secret-key")
    """Secret key (example: kDQD6AOgwHgaQI1UIJBJpPaiLgZuJbq0)"""


class StorageBucketKeysPost(IncusModel):
    """StorageBucketKeysPost represents the fields of a new storage pool bucket key"""

    access_key: str = Field(default="", alias="access-key")
    """Access key (example: 33UgkaIBLBIxb7O1)"""

    description: str = ""
    """Description of the storage bucket key (example: My read-only bucket key)"""

    name: str = ""
    """Key name (example: my-read-only-key)"""

    role: str = ""
    """Whether the key can perform write actions or not. (example: read-only)"""

    secret_key: str = Field(default="", alias="secret-key")
    """Secret key (example: kDQD6AOgwHgaQI1UIJBJpPaiLgZuJbq0)"""


class StorageBucketPut(IncusModel):
    """StorageBucketPut represents the modifiable fields of a storage pool bucket"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage bucket configuration map"""

    description: str = ""
    """Description of the storage bucket (example: My custom bucket)"""


class StorageBucketsPost(IncusModel):
    """StorageBucketsPost represents the fields of a new storage pool bucket"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage bucket configuration map"""

    description: str = ""
    """Description of the storage bucket (example: My custom bucket)"""

    name: str = ""
    """Bucket name (example: foo)"""


class StoragePool(IncusModel):
    """StoragePool represents the fields of a storage pool."""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage pool configuration map (refer to doc/storage.md)"""

    description: str = ""
    """Description of the storage pool (example: Local SSD pool)"""

    driver: str = ""
    """Storage pool driver (btrfs, ceph, cephfs, cephobject, dir, lvm, lvmcluster or
    zfs) (example: zfs)
    """

    locations: list[str] = Field(default_factory=list)
    """Cluster members on which the storage pool has been defined"""

    name: str = ""
    """Storage pool name (example: local)"""

    status: str = ""
    """Pool status (Pending, Created, Errored or Unknown) (example: Created)"""

    used_by: list[str] = Field(default_factory=list)
    """List of URLs of objects using this storage pool"""


class StoragePoolPut(IncusModel):
    """StoragePoolPut represents the modifiable fields of a storage pool."""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage pool configuration map (refer to doc/storage.md)"""

    description: str = ""
    """Description of the storage pool (example: Local SSD pool)"""


class StoragePoolState(IncusModel):
    """StoragePoolState represents the state of a storage pool."""

    inodes: ResourcesStoragePoolInodes | None = None

    space: ResourcesStoragePoolSpace | None = None


class StoragePoolsPost(IncusModel):
    """StoragePoolsPost represents the fields of a new storage pool"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage pool configuration map (refer to doc/storage.md)"""

    description: str = ""
    """Description of the storage pool (example: Local SSD pool)"""

    driver: str = ""
    """Storage pool driver (btrfs, ceph, cephfs, cephobject, dir, lvm, lvmcluster or
    zfs) (example: zfs)
    """

    name: str = ""
    """Storage pool name (example: local)"""


class StorageVolume(IncusModel):
    """StorageVolume represents the fields of a storage volume."""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage volume configuration map (refer to doc/storage.md)"""

    content_type: str = ""
    """Volume content type (filesystem or block) (example: filesystem)"""

    created_at: Timestamp | None = None
    """Volume creation timestamp (example: 2021-03-23T20:00:00-04:00)"""

    description: str = ""
    """Description of the storage volume (example: My custom volume)"""

    location: str = ""
    """What cluster member this record was found on (example: server01)"""

    name: str = ""
    """Volume name (example: foo)"""

    project: str = ""
    """Project containing the volume. (example: default)"""

    restore: str = ""
    """Name of a snapshot to restore (example: snap0)"""

    type: str = ""
    """Volume type (example: custom)"""

    used_by: list[str] = Field(default_factory=list)
    """List of URLs of objects using this storage volume"""


class StorageVolumeBackup(IncusModel):
    """StorageVolumeBackup represents a volume backup"""

    created_at: Timestamp | None = None
    """When the backup was created (example: 2021-03-23T16:38:37.753398689-04:00)"""

    expires_at: Timestamp | None = None
    """When the backup expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    name: str = ""
    """Backup name (example: backup0)"""

    optimized_storage: bool = False
    """Whether to use a pool-optimized binary format (instead of plain tarball)
    (example: True)
    """

    volume_only: bool = False
    """Whether to ignore snapshots (example: False)"""


class StorageVolumeBackupPost(IncusModel):
    """StorageVolumeBackupPost represents the fields available for the renaming of a
    volume backup
    """

    name: str = ""
    """New backup name (example: backup1)"""


class StorageVolumeBackupsPost(IncusModel):
    """StorageVolumeBackupsPost represents the fields available for a new volume
    backup
    """

    compression_algorithm: str = ""
    """What compression algorithm to use (example: gzip)"""

    expires_at: Timestamp | None = None
    """When the backup expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    name: str = ""
    """Backup name (example: backup0)"""

    optimized_storage: bool = False
    """Whether to use a pool-optimized binary format (instead of plain tarball)
    (example: True)
    """

    volume_only: bool = False
    """Whether to ignore snapshots (example: False)"""


class StorageVolumePost(IncusModel):
    """StorageVolumePost represents the fields required to rename a storage pool
    volume
    """

    migration: bool = False
    """Initiate volume migration (example: False)"""

    name: str = ""
    """New volume name (example: foo)"""

    pool: str = ""
    """New storage pool (example: remote)"""

    project: str = ""
    """New project name (example: foo)"""

    source: StorageVolumeSource | None = None

    target: StorageVolumePostTarget | None = None

    volume_only: bool = False
    """Whether snapshots should be discarded (migration only) (example: False)"""


class StorageVolumePostTarget(IncusModel):
    """StorageVolumePostTarget represents the migration target host and operation"""

    certificate: str = ""
    """The certificate of the migration target (example: X509 PEM certificate)"""

    operation: str = ""
    """Remote operation URL (for migration) (example:
    https://1.2.3.4:8443/1.0/operations/1721ae08-b6a8-416a-9614-3f89302466e1)
    """

    secrets: dict[str, str] = Field(default_factory=dict)
    """Migration websockets credentials"""


class StorageVolumePut(IncusModel):
    """StorageVolumePut represents the modifiable fields of a storage volume"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage volume configuration map (refer to doc/storage.md)"""

    description: str = ""
    """Description of the storage volume (example: My custom volume)"""

    restore: str = ""
    """Name of a snapshot to restore (example: snap0)"""


class StorageVolumeSnapshot(IncusModel):
    """StorageVolumeSnapshot represents a storage volume snapshot"""

    config: dict[str, str] = Field(default_factory=dict)
    """Storage volume configuration map (refer to doc/storage.md)"""

    content_type: str = ""
    """The content type (filesystem or block) (example: filesystem)"""

    created_at: Timestamp | None = None
    """Volume snapshot creation timestamp (example: 2021-03-23T20:00:00-04:00)"""

    description: str = ""
    """Description of the storage volume (example: My custom volume)"""

    expires_at: Timestamp | None = None
    """When the snapshot expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    name: str = ""
    """Snapshot name (example: snap0)"""


class StorageVolumeSnapshotPost(IncusModel):
    """StorageVolumeSnapshotPost represents the fields required to rename/move a
    storage volume snapshot
    """

    migration: bool = False
    """Initiate volume snapshot migration (example: False)"""

    name: str = ""
    """New snapshot name (example: snap1)"""

    target: StorageVolumePostTarget | None = None


class StorageVolumeSnapshotPut(IncusModel):
    """StorageVolumeSnapshotPut represents the modifiable fields of a storage volume"""

    description: str = ""
    """Description of the storage volume (example: My custom volume)"""

    expires_at: Timestamp | None = None
    """When the snapshot expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """


class StorageVolumeSnapshotsPost(IncusModel):
    """StorageVolumeSnapshotsPost represents the fields available for a new storage
    volume snapshot
    """

    expires_at: Timestamp | None = None
    """When the snapshot expires (gets auto-deleted) (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    name: str = ""
    """Snapshot name (example: snap0)"""


class StorageVolumeSource(IncusModel):
    """StorageVolumeSource represents the creation source for a new storage volume"""

    certificate: str = ""
    """Certificate (for migration) (example: X509 PEM certificate)"""

    location: str = ""
    """What cluster member this record was found on (example: server01)"""

    mode: str = ""
    """Whether to use pull or push mode (for migration) (example: pull)"""

    name: str = ""
    """Source volume name (for copy) (example: foo)"""

    operation: str = ""
    """Remote operation URL (for migration) (example:
    https://1.2.3.4:8443/1.0/operations/1721ae08-b6a8-416a-9614-3f89302466e1)
    """

    pool: str = ""
    """Source storage pool (for copy) (example: local)"""

    project: str = ""
    """Source project name (example: foo)"""

    refresh: bool = False
    """Whether existing destination volume should be refreshed (example: False)"""

    refresh_exclude_older: bool = False
    """Whether to exclude source snapshots earlier than latest target snapshot
    (example: False)
    """

    secrets: dict[str, str] = Field(default_factory=dict)
    """Map of migration websockets (for migration)"""

    type: str = ""
    """Source type (copy or migration) (example: copy)"""

    volume_only: bool = False
    """Whether snapshots should be discarded (for migration) (example: False)"""


class StorageVolumeState(IncusModel):
    """StorageVolumeState represents the live state of the volume"""

    usage: StorageVolumeStateUsage | None = None


class StorageVolumeStateUsage(IncusModel):
    """StorageVolumeStateUsage represents the disk usage of a volume"""

    total: int = 0
    """Storage volume size in bytes (example: 5189222192)"""

    used: int = 0
    """Used space in bytes (example: 1693552640)"""


class StorageVolumesPost(IncusModel):
    """StorageVolumesPost represents the fields of a new storage pool volume"""

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


class Warning(IncusModel):
    """Warning represents a warning entry."""

    count: int = 0
    """The number of times this warning occurred (example: 1)"""

    entity_url: str = ""
    """The entity affected by this warning (example:
    /1.0/instances/c1?project=default)
    """

    first_seen_at: Timestamp | None = None
    """The first time this warning occurred (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    last_message: str = ""
    """The warning message (example: Couldn't find the CGroup blkio.weight, disk
    priority will be ignored)
    """

    last_seen_at: Timestamp | None = None
    """The last time this warning occurred (example:
    2021-03-23T17:38:37.753398689-04:00)
    """

    location: str = ""
    """What cluster member this warning occurred on (example: server01)"""

    project: str = ""
    """The project the warning occurred in (example: default)"""

    severity: str = ""
    """The severity of this warning (example: low)"""

    status: str = ""
    """Status of the warning (new, acknowledged, or resolved) (example: new)"""

    type: str = ""
    """Type type of warning (example: Couldn't find CGroup)"""

    uuid: str = ""
    """UUID of the warning (example: e9e9da0d-2538-4351-8047-46d4a8ae4dbb)"""


class WarningPut(IncusModel):
    """WarningPut represents the modifiable fields of a warning."""

    status: str = ""
    """Status of the warning (new, acknowledged, or resolved) (example: new)"""


for _model in list(globals().values()):
    if isinstance(_model, type) and issubclass(_model, IncusModel) and _model is not IncusModel:
        _model.model_rebuild()

__all__ = [
    "AccessEntry",
    "Certificate",
    "CertificateAddToken",
    "CertificatePut",
    "CertificatesPost",
    "Cluster",
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
    "ClusterMemberState",
    "ClusterMemberStatePost",
    "ClusterMemberSysInfo",
    "ClusterMembersPost",
    "ClusterPut",
    "Event",
    "Image",
    "ImageAlias",
    "ImageAliasesEntry",
    "ImageAliasesEntryPost",
    "ImageAliasesEntryPut",
    "ImageAliasesPost",
    "ImageExportPost",
    "ImageMetadata",
    "ImageMetadataTemplate",
    "ImagePut",
    "ImageSource",
    "ImagesPost",
    "ImagesPostSource",
    "InitClusterPreseed",
    "InitLocalPreseed",
    "InitNetworksProjectPost",
    "InitPreseed",
    "InitProfileProjectPost",
    "InitStorageVolumesProjectPost",
    "Instance",
    "InstanceBackup",
    "InstanceBackupPost",
    "InstanceBackupsPost",
    "InstanceConsolePost",
    "InstanceExecPost",
    "InstanceFull",
    "InstancePost",
    "InstancePostTarget",
    "InstancePut",
    "InstanceRebuildPost",
    "InstanceSnapshot",
    "InstanceSnapshotPost",
    "InstanceSnapshotPut",
    "InstanceSnapshotsPost",
    "InstanceSource",
    "InstanceState",
    "InstanceStateCPU",
    "InstanceStateDisk",
    "InstanceStateMemory",
    "InstanceStateNetwork",
    "InstanceStateNetworkAddress",
    "InstanceStateNetworkCounters",
    "InstanceStateOSInfo",
    "InstanceStatePut",
    "InstancesPost",
    "InstancesPut",
    "MetadataConfig",
    "MetadataConfigGroup",
    "MetadataConfigKey",
    "MetadataConfiguration",
    "Network",
    "NetworkACL",
    "NetworkACLPost",
    "NetworkACLPut",
    "NetworkACLRule",
    "NetworkACLsPost",
    "NetworkAllocations",
    "NetworkForward",
    "NetworkForwardPort",
    "NetworkForwardPut",
    "NetworkForwardsPost",
    "NetworkIntegration",
    "NetworkIntegrationPost",
    "NetworkIntegrationPut",
    "NetworkIntegrationsPost",
    "NetworkLease",
    "NetworkLoadBalancer",
    "NetworkLoadBalancerBackend",
    "NetworkLoadBalancerPort",
    "NetworkLoadBalancerPut",
    "NetworkLoadBalancerState",
    "NetworkLoadBalancerStateBackendHealth",
    "NetworkLoadBalancerStateBackendHealthPort",
    "NetworkLoadBalancersPost",
    "NetworkPeer",
    "NetworkPeerPut",
    "NetworkPeersPost",
    "NetworkPost",
    "NetworkPut",
    "NetworkState",
    "NetworkStateAddress",
    "NetworkStateBond",
    "NetworkStateBridge",
    "NetworkStateCounters",
    "NetworkStateOVN",
    "NetworkStateVLAN",
    "NetworkZone",
    "NetworkZonePut",
    "NetworkZoneRecord",
    "NetworkZoneRecordEntry",
    "NetworkZoneRecordPut",
    "NetworkZoneRecordsPost",
    "NetworkZonesPost",
    "NetworksPost",
    "Operation",
    "Profile",
    "ProfilePost",
    "ProfilePut",
    "ProfilesPost",
    "Project",
    "ProjectPost",
    "ProjectPut",
    "ProjectState",
    "ProjectStateResource",
    "ProjectsPost",
    "Resources",
    "ResourcesCPU",
    "ResourcesCPUCache",
    "ResourcesCPUCore",
    "ResourcesCPUSocket",
    "ResourcesCPUThread",
    "ResourcesGPU",
    "ResourcesGPUCard",
    "ResourcesGPUCardDRM",
    "ResourcesGPUCardMdev",
    "ResourcesGPUCardNvidia",
    "ResourcesGPUCardSRIOV",
    "ResourcesLoad",
    "ResourcesMemory",
    "ResourcesMemoryNode",
    "ResourcesNetwork",
    "ResourcesNetworkCard",
    "ResourcesNetworkCardPort",
    "ResourcesNetworkCardPortInfiniband",
    "ResourcesNetworkCardSRIOV",
    "ResourcesNetworkCardVDPA",
    "ResourcesPCI",
    "ResourcesPCIDevice",
    "ResourcesPCIVPD",
    "ResourcesStorage",
    "ResourcesStorageDisk",
    "ResourcesStorageDiskPartition",
    "ResourcesStoragePool",
    "ResourcesStoragePoolInodes",
    "ResourcesStoragePoolSpace",
    "ResourcesSystem",
    "ResourcesSystemChassis",
    "ResourcesSystemFirmware",
    "ResourcesSystemMotherboard",
    "ResourcesUSB",
    "ResourcesUSBDevice",
    "ResourcesUSBDeviceInterface",
    "Server",
    "ServerEnvironment",
    "ServerPut",
    "ServerStorageDriverInfo",
    "ServerUntrusted",
    "StorageBucket",
    "StorageBucketBackup",
    "StorageBucketBackupPost",
    "StorageBucketBackupsPost",
    "StorageBucketKey",
    "StorageBucketKeyPut",
    "StorageBucketKeysPost",
    "StorageBucketPut",
    "StorageBucketsPost",
    "StoragePool",
    "StoragePoolPut",
    "StoragePoolState",
    "StoragePoolsPost",
    "StorageVolume",
    "StorageVolumeBackup",
    "StorageVolumeBackupPost",
    "StorageVolumeBackupsPost",
    "StorageVolumePost",
    "StorageVolumePostTarget",
    "StorageVolumePut",
    "StorageVolumeSnapshot",
    "StorageVolumeSnapshotPost",
    "StorageVolumeSnapshotPut",
    "StorageVolumeSnapshotsPost",
    "StorageVolumeSource",
    "StorageVolumeState",
    "StorageVolumeStateUsage",
    "StorageVolumesPost",
    "Warning",
    "WarningPut",
]
