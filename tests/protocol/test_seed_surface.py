"""The public surface of the seed SDK (incus-sdk 1.0.0) still works.

The table lists every public method of the seed's sub-APIs, client and
models with its parameters, as the seed defined them. Each must exist here
and accept those parameters by name and, in the same order, by position.
"""

from __future__ import annotations

import importlib
import inspect

import pytest

import incus_sdk

SEED_SURFACE = [
    ("incus_sdk.api.certificates", "CertificatesAPI", "list", ("recursion",)),
    ("incus_sdk.api.certificates", "CertificatesAPI", "get", ("fingerprint",)),
    (
        "incus_sdk.api.certificates",
        "CertificatesAPI",
        "create",
        ("certificate", "name", "type", "restricted", "projects", "password"),
    ),
    ("incus_sdk.api.certificates", "CertificatesAPI", "delete", ("fingerprint",)),
    ("incus_sdk.api.certificates", "CertificatesAPI", "update", ("fingerprint", "data")),
    ("incus_sdk.api.cluster", "ClusterAPI", "get", ()),
    ("incus_sdk.api.cluster", "ClusterAPI", "update", ("config",)),
    ("incus_sdk.api.cluster", "ClusterAPI", "list_members", ("recursion",)),
    ("incus_sdk.api.cluster", "ClusterAPI", "get_member", ("name",)),
    ("incus_sdk.api.cluster", "ClusterAPI", "add_member", ("name", "url", "config")),
    ("incus_sdk.api.cluster", "ClusterAPI", "update_member", ("name", "config")),
    ("incus_sdk.api.cluster", "ClusterAPI", "delete_member", ("name",)),
    ("incus_sdk.api.cluster", "ClusterAPI", "rename_member", ("name", "new_name")),
    ("incus_sdk.api.images", "ImagesAPI", "list", ("recursion",)),
    ("incus_sdk.api.images", "ImagesAPI", "get", ("fingerprint",)),
    (
        "incus_sdk.api.images",
        "ImagesAPI",
        "create",
        ("image_data", "filename", "public", "auto_update", "properties", "wait"),
    ),
    ("incus_sdk.api.images", "ImagesAPI", "delete", ("fingerprint", "wait")),
    ("incus_sdk.api.images", "ImagesAPI", "update", ("fingerprint", "properties", "wait")),
    ("incus_sdk.api.images", "ImagesAPI", "export", ("fingerprint", "target_path")),
    ("incus_sdk.api.images", "ImagesAPI", "create_alias", ("name", "target", "description")),
    ("incus_sdk.api.images", "ImagesAPI", "delete_alias", ("name",)),
    ("incus_sdk.api.images", "ImagesAPI", "get_alias", ("name",)),
    ("incus_sdk.api.images", "ImagesAPI", "update_alias", ("name", "target", "description")),
    ("incus_sdk.api.instances", "InstancesAPI", "list", ("recursion",)),
    ("incus_sdk.api.instances", "InstancesAPI", "get", ("name",)),
    (
        "incus_sdk.api.instances",
        "InstancesAPI",
        "create",
        ("name", "source", "config", "devices", "profiles", "ephemeral", "instance_type", "wait"),
    ),
    ("incus_sdk.api.instances", "InstancesAPI", "update", ("name", "config", "wait")),
    ("incus_sdk.api.instances", "InstancesAPI", "delete", ("name", "wait")),
    ("incus_sdk.api.instances", "InstancesAPI", "start", ("name", "stateful", "wait")),
    ("incus_sdk.api.instances", "InstancesAPI", "stop", ("name", "force", "stateful", "wait")),
    ("incus_sdk.api.instances", "InstancesAPI", "restart", ("name", "force", "wait")),
    ("incus_sdk.api.instances", "InstancesAPI", "freeze", ("name", "wait")),
    ("incus_sdk.api.instances", "InstancesAPI", "unfreeze", ("name", "wait")),
    (
        "incus_sdk.api.instances",
        "InstancesAPI",
        "execute",
        (
            "name",
            "command",
            "environment",
            "wait_for_websocket",
            "record_output",
            "interactive",
            "width",
            "height",
            "user",
            "group",
            "cwd",
            "wait",
        ),
    ),
    ("incus_sdk.api.networks", "NetworksAPI", "list", ("recursion",)),
    ("incus_sdk.api.networks", "NetworksAPI", "get", ("name",)),
    ("incus_sdk.api.networks", "NetworksAPI", "create", ("name", "config", "description", "type")),
    ("incus_sdk.api.networks", "NetworksAPI", "update", ("name", "config")),
    ("incus_sdk.api.networks", "NetworksAPI", "replace", ("name", "config")),
    ("incus_sdk.api.networks", "NetworksAPI", "delete", ("name",)),
    ("incus_sdk.api.networks", "NetworksAPI", "rename", ("name", "new_name")),
    ("incus_sdk.api.networks", "NetworksAPI", "state", ("name",)),
    ("incus_sdk.api.operations", "OperationsAPI", "list", ("recursion",)),
    ("incus_sdk.api.operations", "OperationsAPI", "get", ("operation_id",)),
    ("incus_sdk.api.operations", "OperationsAPI", "delete", ("operation_id",)),
    ("incus_sdk.api.operations", "OperationsAPI", "wait", ("operation_id", "timeout")),
    ("incus_sdk.api.operations", "OperationsAPI", "cancel", ("operation_id",)),
    ("incus_sdk.api.profiles", "ProfilesAPI", "list", ("recursion",)),
    ("incus_sdk.api.profiles", "ProfilesAPI", "get", ("name",)),
    ("incus_sdk.api.profiles", "ProfilesAPI", "create", ("name", "config", "description", "devices")),
    ("incus_sdk.api.profiles", "ProfilesAPI", "update", ("name", "config")),
    ("incus_sdk.api.profiles", "ProfilesAPI", "replace", ("name", "config")),
    ("incus_sdk.api.profiles", "ProfilesAPI", "delete", ("name",)),
    ("incus_sdk.api.profiles", "ProfilesAPI", "rename", ("name", "new_name")),
    ("incus_sdk.api.projects", "ProjectsAPI", "list", ("recursion",)),
    ("incus_sdk.api.projects", "ProjectsAPI", "get", ("name",)),
    ("incus_sdk.api.projects", "ProjectsAPI", "create", ("name", "config", "description")),
    ("incus_sdk.api.projects", "ProjectsAPI", "update", ("name", "config")),
    ("incus_sdk.api.projects", "ProjectsAPI", "replace", ("name", "config")),
    ("incus_sdk.api.projects", "ProjectsAPI", "delete", ("name",)),
    ("incus_sdk.api.projects", "ProjectsAPI", "rename", ("name", "new_name")),
    ("incus_sdk.api.projects", "ProjectsAPI", "state", ("name",)),
    ("incus_sdk.api.storage_pools", "StoragePoolsAPI", "list", ("recursion",)),
    ("incus_sdk.api.storage_pools", "StoragePoolsAPI", "get", ("name",)),
    ("incus_sdk.api.storage_pools", "StoragePoolsAPI", "create", ("name", "driver", "config", "description")),
    ("incus_sdk.api.storage_pools", "StoragePoolsAPI", "update", ("name", "config")),
    ("incus_sdk.api.storage_pools", "StoragePoolsAPI", "replace", ("name", "config")),
    ("incus_sdk.api.storage_pools", "StoragePoolsAPI", "delete", ("name",)),
    ("incus_sdk.api.storage_pools", "StoragePoolsAPI", "list_volumes", ("pool_name", "volume_type", "recursion")),
    ("incus_sdk.api.storage_pools", "StoragePoolsAPI", "get_volume", ("pool_name", "volume_name", "volume_type")),
    (
        "incus_sdk.api.storage_pools",
        "StoragePoolsAPI",
        "create_volume",
        ("pool_name", "volume_name", "volume_type", "config"),
    ),
    (
        "incus_sdk.api.storage_pools",
        "StoragePoolsAPI",
        "update_volume",
        ("pool_name", "volume_name", "volume_type", "config"),
    ),
    (
        "incus_sdk.api.storage_pools",
        "StoragePoolsAPI",
        "replace_volume",
        ("pool_name", "volume_name", "volume_type", "config"),
    ),
    ("incus_sdk.api.storage_pools", "StoragePoolsAPI", "delete_volume", ("pool_name", "volume_name", "volume_type")),
    (
        "incus_sdk.api.storage_pools",
        "StoragePoolsAPI",
        "rename_volume",
        ("pool_name", "volume_name", "volume_type", "new_name"),
    ),
    ("incus_sdk.client", "Client", "connect", ()),
    ("incus_sdk.client", "Client", "disconnect", ()),
    ("incus_sdk.client", "Client", "get_server_info", ()),
    ("incus_sdk.client", "Client", "get_resources", ()),
    ("incus_sdk.client", "Client", "wait_for_operation", ("operation_id", "timeout")),
    ("incus_sdk.models.certificate", "Certificate", "delete", ()),
    ("incus_sdk.models.certificate", "Certificate", "update", ("name", "type", "restricted", "projects")),
    ("incus_sdk.models.cluster", "ClusterMember", "update", ("config",)),
    ("incus_sdk.models.cluster", "ClusterMember", "delete", ()),
    ("incus_sdk.models.cluster", "Cluster", "get_member", ("name",)),
    ("incus_sdk.models.cluster", "Cluster", "add_member", ("name", "url", "config")),
    ("incus_sdk.models.image", "Image", "delete", ("wait",)),
    ("incus_sdk.models.image", "Image", "update", ("properties", "wait")),
    ("incus_sdk.models.image", "Image", "export", ("target_path",)),
    ("incus_sdk.models.instance", "Instance", "start", ("wait",)),
    ("incus_sdk.models.instance", "Instance", "stop", ("wait", "force")),
    ("incus_sdk.models.instance", "Instance", "restart", ("wait", "force")),
    ("incus_sdk.models.instance", "Instance", "delete", ("wait",)),
    ("incus_sdk.models.instance", "Instance", "update", ("config", "wait")),
    (
        "incus_sdk.models.instance",
        "Instance",
        "execute",
        (
            "command",
            "environment",
            "wait_for_websocket",
            "record_output",
            "interactive",
            "width",
            "height",
            "user",
            "group",
            "cwd",
            "wait",
        ),
    ),
    ("incus_sdk.models.network", "Network", "update", ("config",)),
    ("incus_sdk.models.network", "Network", "delete", ()),
    ("incus_sdk.models.network", "Network", "rename", ("new_name",)),
    ("incus_sdk.models.profile", "Profile", "update", ("config",)),
    ("incus_sdk.models.profile", "Profile", "delete", ()),
    ("incus_sdk.models.profile", "Profile", "rename", ("new_name",)),
    ("incus_sdk.models.project", "Project", "update", ("config",)),
    ("incus_sdk.models.project", "Project", "delete", ()),
    ("incus_sdk.models.project", "Project", "rename", ("new_name",)),
    ("incus_sdk.models.storage", "StorageVolume", "update", ("config",)),
    ("incus_sdk.models.storage", "StorageVolume", "delete", ()),
    ("incus_sdk.models.storage", "StorageVolume", "rename", ("new_name",)),
    ("incus_sdk.models.storage", "StoragePool", "update", ("config",)),
    ("incus_sdk.models.storage", "StoragePool", "delete", ()),
    ("incus_sdk.models.storage", "StoragePool", "list_volumes", ("volume_type",)),
    ("incus_sdk.models.storage", "StoragePool", "create_volume", ("name", "volume_type", "config")),
]

SEED_EXPORTS = [
    "Client",
    "Model",
    "Certificate",
    "Instance",
    "Image",
    "ImageAlias",
    "Network",
    "Profile",
    "StoragePool",
    "StorageVolume",
    "Cluster",
    "ClusterMember",
    "Project",
    "IncusError",
    "IncusAPIError",
    "IncusConnectionError",
    "IncusOperationError",
    "IncusNotFoundError",
    "IncusAuthenticationError",
    "IncusPermissionError",
]


@pytest.mark.parametrize(("module", "cls", "method", "params"), SEED_SURFACE, ids=lambda v: str(v))
def test_seed_method_accepts_seed_parameters(module: str, cls: str, method: str, params: tuple[str, ...]) -> None:
    owner = getattr(importlib.import_module(module), cls)
    func = getattr(owner, method, None)
    assert func is not None, f"{cls}.{method} is missing"
    signature = inspect.signature(func)
    positional = [
        p.name
        for p in signature.parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.name != "self"
    ]
    assert positional[: len(params)] == list(params), f"{cls}.{method}{signature}"
    for name in params:
        assert name in signature.parameters


@pytest.mark.parametrize("name", SEED_EXPORTS)
def test_seed_exports(name: str) -> None:
    assert hasattr(incus_sdk, name)
    assert name in incus_sdk.__all__
