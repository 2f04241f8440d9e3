"""A family is a declaration: its Family, the model its type parameter names, its nested sub-APIs (``child``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from incus_sdk import Client
from incus_sdk.api._base import SubAPI, child
from incus_sdk.api._collection import Collection, Family
from incus_sdk.api.images import Image, ImageAliasesAPI, ImagesAPI
from incus_sdk.api.instances import Instance, InstanceFull, InstancesAPI, _FullInstancesAPI
from incus_sdk.api.networks import NetworksAPI
from incus_sdk.api.server import IncusWarning, WarningsAPI
from incus_sdk.api.storage_buckets import StorageBucketBackup, StorageBucketBackupsAPI


def test_the_model_is_the_type_parameter_unless_the_class_sets_it() -> None:
    assert ImagesAPI.model is Image
    assert InstancesAPI.model is Instance
    assert WarningsAPI.model is IncusWarning
    assert StorageBucketBackupsAPI.model is StorageBucketBackup  # two generic bases, one model
    assert _FullInstancesAPI.model is InstanceFull  # set by the class: the parent's family, another model
    assert _FullInstancesAPI.family is InstancesAPI.family


def test_a_family_without_a_body_for_a_verb_refuses_it() -> None:
    family = Family(("things",), put=Family)  # type: ignore[arg-type]
    assert family.body("replace") is Family
    with pytest.raises(TypeError, match="no create body"):
        family.body("create")
    assert isinstance(WarningsAPI.family, Family) and WarningsAPI.family.post is None


def test_shapes_are_not_families() -> None:
    assert not hasattr(Collection, "family")
    assert "model" not in vars(Collection)


async def test_a_child_is_built_once_per_parent_on_the_parent_core(tmp_path: Path) -> None:
    client = Client(str(tmp_path / "none.socket"))  # nothing is sent
    try:
        images = client.images
        aliases = images.aliases
        assert type(aliases) is ImageAliasesAPI
        assert aliases._core is images._core
        assert images.aliases is aliases  # kept
        scoped = client.with_project("other")
        assert scoped.images.aliases is not aliases
        assert scoped.images.aliases._core.project == "other"
        assert client.networks.zones.records is client.networks.zones.records
    finally:
        await client.disconnect()


def test_read_from_the_class_a_child_is_its_declaration() -> None:
    declared = NetworksAPI.__dict__["zones"]
    assert isinstance(declared, child) and NetworksAPI.zones is declared
    assert declared.name == "zones"


def test_a_child_is_lazy() -> None:
    class Leaf(SubAPI):
        built = 0

        def __init__(self, core: object) -> None:
            Leaf.built += 1
            super().__init__(core)  # type: ignore[arg-type]

    class Parent(SubAPI):
        leaf = child(Leaf)

    parent = Parent(object())  # type: ignore[arg-type]
    assert Leaf.built == 0
    assert parent.leaf is parent.leaf
    assert Leaf.built == 1
