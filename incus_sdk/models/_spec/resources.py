"""Models of the ``resources`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from pydantic import Field

from .._base import IncusModel


class ResourcesCPUCache(IncusModel):
    """ResourcesCPUCache represents a CPU cache"""

    level: int = 0
    """Cache level (usually a number from 1 to 3) (example: 1)"""

    size: int = 0
    """Size of the cache (in bytes) (example: 32768)"""

    type: str = ""
    """Type of cache (Data, Instruction, Unified, ...) (example: Data)"""


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


class ResourcesNetworkCardVDPA(IncusModel):
    """ResourceNetworkCardVDPA represents the VDPA configuration of the network card"""

    device: str = ""
    """Device identifier of the VDPA device"""

    name: str = ""
    """Name of the VDPA device"""


class ResourcesPCIVPD(IncusModel):
    """ResourcesPCIVPD represents VPD entries for a device"""

    entries: dict[str, str] = Field(default_factory=dict)
    """Vendor provided key/value pairs. (example: {"EC": ""A-5545", "MN": "103C",
    "V0": "5W PCIeGen2"})
    """

    product_name: str = ""
    """Hardware provided product name. (example: HP Ethernet 1Gb 4-port 331i Adapter)"""


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


class ResourcesStoragePool(IncusModel):
    """ResourcesStoragePool represents the resources available to a given storage
    pool
    """

    inodes: ResourcesStoragePoolInodes | None = None

    space: ResourcesStoragePoolSpace | None = None


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


class ResourcesPCI(IncusModel):
    """ResourcesPCI represents the PCI devices available on the system"""

    devices: list[ResourcesPCIDevice] = Field(default_factory=list)
    """List of PCI devices"""

    total: int = 0
    """Total number of PCI devices (example: 1)"""


class ResourcesStorage(IncusModel):
    """ResourcesStorage represents the local storage"""

    disks: list[ResourcesStorageDisk] = Field(default_factory=list)
    """List of disks"""

    total: int = 0
    """Total number of partitions (example: 1)"""


class ResourcesUSB(IncusModel):
    """ResourcesUSB represents the USB devices available on the system"""

    devices: list[ResourcesUSBDevice] = Field(default_factory=list)
    """List of USB devices"""

    total: int = 0
    """Total number of USB devices (example: 1)"""


class ResourcesCPU(IncusModel):
    """ResourcesCPU represents the cpu resources available on the system"""

    architecture: str = ""
    """Architecture name (example: x86_64)"""

    sockets: list[ResourcesCPUSocket] = Field(default_factory=list)
    """List of CPU sockets"""

    total: int = 0
    """Total number of CPU threads (from all sockets and cores) (example: 1)"""


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


class ResourcesGPUCardSRIOV(IncusModel):
    """ResourcesGPUCardSRIOV represents the SRIOV configuration of the GPU"""

    current_vfs: int = 0
    """Number of VFs currently configured (example: 0)"""

    maximum_vfs: int = 0
    """Maximum number of supported VFs (example: 0)"""

    vfs: list[ResourcesGPUCard] = Field(default_factory=list)
    """List of VFs (as additional GPU devices)"""


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


__all__ = [
    "ResourcesCPUCache",
    "ResourcesCPUThread",
    "ResourcesGPUCardDRM",
    "ResourcesGPUCardMdev",
    "ResourcesGPUCardNvidia",
    "ResourcesLoad",
    "ResourcesMemoryNode",
    "ResourcesNetworkCardPortInfiniband",
    "ResourcesNetworkCardVDPA",
    "ResourcesPCIVPD",
    "ResourcesStorageDiskPartition",
    "ResourcesStoragePoolInodes",
    "ResourcesStoragePoolSpace",
    "ResourcesSystemChassis",
    "ResourcesSystemFirmware",
    "ResourcesSystemMotherboard",
    "ResourcesUSBDeviceInterface",
    "ResourcesCPUCore",
    "ResourcesMemory",
    "ResourcesNetworkCardPort",
    "ResourcesPCIDevice",
    "ResourcesStorageDisk",
    "ResourcesStoragePool",
    "ResourcesSystem",
    "ResourcesUSBDevice",
    "ResourcesCPUSocket",
    "ResourcesPCI",
    "ResourcesStorage",
    "ResourcesUSB",
    "ResourcesCPU",
    "Resources",
    "ResourcesGPU",
    "ResourcesGPUCard",
    "ResourcesGPUCardSRIOV",
    "ResourcesNetwork",
    "ResourcesNetworkCard",
    "ResourcesNetworkCardSRIOV",
]
