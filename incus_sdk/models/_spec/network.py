"""Models of the ``network`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from pydantic import Field

from .._base import IncusModel


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


class NetworkACLPost(IncusModel):
    """NetworkACLPost used for renaming an ACL."""

    name: str = ""
    """The new name for the ACL (example: bar)"""


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


class NetworkLoadBalancerStateBackendHealthPort(IncusModel):
    """NetworkLoadBalancerStateBackendHealthPort represents the health status of a
    particular load-balancer backend port.
    """

    port: int = 0

    protocol: str = ""

    status: str = ""


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


class NetworkZoneRecordEntry(IncusModel):
    """NetworkZoneRecordEntry represents the fields in a record entry"""

    ttl: int = 0
    """TTL for the entry (example: 3600)"""

    type: str = ""
    """Type of DNS entry (example: TXT)"""

    value: str = ""
    """Value for the record (example: v=spf1 mx ~all)"""


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


class NetworkLoadBalancerStateBackendHealth(IncusModel):
    """NetworkLoadBalancerStateBackendHealth represents the health of a particular
    load-balancer backend
    """

    address: str = ""

    ports: list[NetworkLoadBalancerStateBackendHealthPort] = Field(default_factory=list)


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


class NetworkLoadBalancerState(IncusModel):
    """NetworkLoadBalancerState is used for showing current state of a load balancer"""

    backend_health: dict[str, NetworkLoadBalancerStateBackendHealth] = Field(default_factory=dict)


__all__ = [
    "Network",
    "NetworkACLPost",
    "NetworkACLRule",
    "NetworkAllocations",
    "NetworkForwardPort",
    "NetworkIntegration",
    "NetworkIntegrationPost",
    "NetworkIntegrationPut",
    "NetworkIntegrationsPost",
    "NetworkLease",
    "NetworkLoadBalancerBackend",
    "NetworkLoadBalancerPort",
    "NetworkLoadBalancerStateBackendHealthPort",
    "NetworkPeer",
    "NetworkPeerPut",
    "NetworkPeersPost",
    "NetworkPost",
    "NetworkPut",
    "NetworkStateAddress",
    "NetworkStateBond",
    "NetworkStateBridge",
    "NetworkStateCounters",
    "NetworkStateOVN",
    "NetworkStateVLAN",
    "NetworkZone",
    "NetworkZonePut",
    "NetworkZoneRecordEntry",
    "NetworkZonesPost",
    "NetworksPost",
    "NetworkACL",
    "NetworkACLPut",
    "NetworkACLsPost",
    "NetworkForward",
    "NetworkForwardPut",
    "NetworkForwardsPost",
    "NetworkLoadBalancer",
    "NetworkLoadBalancerPut",
    "NetworkLoadBalancerStateBackendHealth",
    "NetworkLoadBalancersPost",
    "NetworkState",
    "NetworkZoneRecord",
    "NetworkZoneRecordPut",
    "NetworkZoneRecordsPost",
    "NetworkLoadBalancerState",
]
