"""Models of the ``server`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from pydantic import Field

from .._base import IncusModel


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


__all__ = [
    "ServerPut",
    "ServerStorageDriverInfo",
    "ServerUntrusted",
    "ServerEnvironment",
    "Server",
]
