"""Models of the ``instance`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from pydantic import Field

from .._base import IncusModel, Timestamp


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


class InstanceRebuildPost(IncusModel):
    """InstanceRebuildPost indicates how to rebuild an instance."""

    source: InstanceSource | None = None


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


__all__ = [
    "Instance",
    "InstanceBackup",
    "InstanceBackupPost",
    "InstanceBackupsPost",
    "InstanceConsolePost",
    "InstanceExecPost",
    "InstancePostTarget",
    "InstancePut",
    "InstanceSnapshot",
    "InstanceSnapshotPut",
    "InstanceSnapshotsPost",
    "InstanceSource",
    "InstanceStateCPU",
    "InstanceStateDisk",
    "InstanceStateMemory",
    "InstanceStateNetworkAddress",
    "InstanceStateNetworkCounters",
    "InstanceStateOSInfo",
    "InstanceStatePut",
    "InstancePost",
    "InstanceRebuildPost",
    "InstanceSnapshotPost",
    "InstanceStateNetwork",
    "InstancesPost",
    "InstancesPut",
    "InstanceState",
    "InstanceFull",
]
