"""The Profiles API against the real daemon: every method, read back, and its errors.

Each test works in a project of its own with ``features.profiles=true``, so
the default project's profiles are never touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from incus_sdk import (
    Client,
    IncusAPIError,
    IncusBadRequestError,
    IncusConflictError,
    IncusNotFoundError,
    IncusPreconditionFailedError,
    api_path,
)
from incus_sdk._core import Response
from incus_sdk.models.profile import Profile, ProfilePut, UsedByRef, parse_used_by

from .conftest import TEST_IMAGE, incus, incus_json, incus_query

ROOT = {"root": {"type": "disk", "path": "/", "pool": "default"}}


def cli_show(name: str, project: str) -> dict[str, Any]:
    """The profile as the ``incus`` CLI reads it."""
    profile: dict[str, Any] = incus_query(api_path("profiles", name) + "?project=" + project)
    return profile


def cli_names(project: str) -> set[str]:
    return {p["name"] for p in incus_json("profile", "list", project=project)}


@pytest.fixture
async def scoped(make_project: Callable[..., Any]) -> Client:
    """A client in a fresh project with its own profiles."""
    client: Client = await make_project(**{"features.profiles": "true"})
    return client


async def test_create_get_list_names_exists(scoped: Client, unique: Callable[[str], str]) -> None:
    name = unique("prof")
    project = scoped.project
    assert project is not None
    reply = await scoped.profiles.create(
        name, config={"limits.cpu": "1"}, description="made by the SDK", devices={"d0": {"type": "none"}}
    )
    assert isinstance(reply, Response) and reply["status_code"] == 200

    shown = cli_show(name, project)
    assert shown["config"] == {"limits.cpu": "1"}
    assert shown["description"] == "made by the SDK"
    assert shown["devices"] == {"d0": {"type": "none"}}

    profile = await scoped.profiles.get(name)
    assert isinstance(profile, Profile)
    assert (profile.name, profile.config, profile.description) == (name, {"limits.cpu": "1"}, "made by the SDK")
    assert profile.devices == {"d0": {"type": "none"}}
    assert profile.project == project
    assert profile.etag

    listed = {p.name: p for p in await scoped.profiles.list()}
    assert set(listed) == cli_names(project) == {"default", name}
    assert listed[name].config == {"limits.cpu": "1"}
    assert {p.name for p in await scoped.profiles.list(recursion=0)} == {"default", name}
    assert set(await scoped.profiles.names()) == {"default", name}
    assert [p.name for p in await scoped.profiles.list(filter=f"name eq {name}")] == [name]
    assert await scoped.profiles.exists(name)
    assert not await scoped.profiles.exists(unique("nope"))


async def test_list_all_projects_carries_each_project(scoped: Client, unique: Callable[[str], str]) -> None:
    name = unique("prof")
    await scoped.profiles.create(name)
    everywhere = await scoped.profiles.list(all_projects=True)
    assert (scoped.project, name) in {(p.project, p.name) for p in everywhere}
    assert ("default", "default") in {(p.project, p.name) for p in everywhere}


async def test_create_sends_explicit_empty_config(scoped: Client, unique: Callable[[str], str]) -> None:
    name = unique("prof")
    await scoped.profiles.create(name, config={}, devices={})
    profile = await scoped.profiles.get(name)
    assert profile.config == {} and profile.devices == {} and profile.description == ""


async def test_update_merges_and_removes_keys(scoped: Client, unique: Callable[[str], str]) -> None:
    name = unique("prof")
    project = scoped.project
    assert project is not None
    await scoped.profiles.create(name, config={"limits.cpu": "1", "user.a": "x"}, devices={"d0": {"type": "none"}})

    await scoped.profiles.update(name, {"config": {"limits.memory": "256MiB", "user.a": None}})
    shown = cli_show(name, project)
    assert shown["config"] == {"limits.cpu": "1", "limits.memory": "256MiB"}
    assert shown["devices"] == {"d0": {"type": "none"}}

    await scoped.profiles.update(name, {"description": "described"})
    profile = await scoped.profiles.get(name)
    assert profile.description == "described"
    assert profile.config == {"limits.cpu": "1", "limits.memory": "256MiB"}

    # The model method, as in the seed.
    await profile.update({"config": {"limits.cpu": "2"}})
    assert cli_show(name, project)["config"]["limits.cpu"] == "2"


async def test_patch_is_the_servers_own(scoped: Client, unique: Callable[[str], str]) -> None:
    name = unique("prof")
    project = scoped.project
    assert project is not None
    await scoped.profiles.create(name, config={"limits.cpu": "1"})
    stale = await scoped.profiles.get(name)
    await scoped.profiles.patch(name, {"config": {"limits.memory": "64MiB"}}, etag=stale.etag)
    assert cli_show(name, project)["config"] == {"limits.cpu": "1", "limits.memory": "64MiB"}
    with pytest.raises(IncusPreconditionFailedError):
        await scoped.profiles.patch(name, {"config": {"limits.cpu": "2"}}, etag=stale.etag)
    await scoped.profiles.patch(name, {"config": {"limits.memory": None}})
    assert cli_show(name, project)["config"] == {"limits.cpu": "1"}


async def test_update_with_stale_etag_is_refused(scoped: Client, unique: Callable[[str], str]) -> None:
    name = unique("prof")
    await scoped.profiles.create(name)
    stale = await scoped.profiles.get(name)
    await scoped.profiles.update(name, {"description": "changed"})
    with pytest.raises(IncusPreconditionFailedError):
        await scoped.profiles.update(name, {"config": {"limits.cpu": "1"}}, etag=stale.etag)
    assert (await scoped.profiles.get(name)).config == {}


async def test_replace_resets_what_it_is_not_given(scoped: Client, unique: Callable[[str], str]) -> None:
    name = unique("prof")
    project = scoped.project
    assert project is not None
    await scoped.profiles.create(name, config={"limits.cpu": "1"}, description="d", devices={"d0": {"type": "none"}})
    await scoped.profiles.replace(name, {"config": {"limits.memory": "128MiB"}})
    shown = cli_show(name, project)
    assert shown["config"] == {"limits.memory": "128MiB"}
    assert shown["description"] == "" and shown["devices"] == {}

    # A spec model works as the body too.
    await scoped.profiles.replace(name, ProfilePut(description="from model", devices={"d1": {"type": "none"}}))
    shown = cli_show(name, project)
    assert shown["description"] == "from model" and shown["devices"] == {"d1": {"type": "none"}}


async def test_replace_with_etag(scoped: Client, unique: Callable[[str], str]) -> None:
    name = unique("prof")
    project = scoped.project
    assert project is not None
    await scoped.profiles.create(name, config={"limits.cpu": "1"})
    profile = await scoped.profiles.get(name)

    # Fresh ETag: accepted.
    await scoped.profiles.replace(name, {"config": {"limits.cpu": "2"}}, etag=profile.etag)
    assert cli_show(name, project)["config"] == {"limits.cpu": "2"}

    # The same ETag again is stale now: refused, nothing changed.
    with pytest.raises(IncusPreconditionFailedError) as err:
        await scoped.profiles.replace(name, {"config": {"limits.cpu": "3"}}, etag=profile.etag)
    assert err.value.status_code == 412
    assert cli_show(name, project)["config"] == {"limits.cpu": "2"}

    # The model's replace uses the ETag it was read with.
    with pytest.raises(IncusPreconditionFailedError):
        await profile.replace({"config": {"limits.cpu": "4"}})
    fresh = await scoped.profiles.get(name)
    fresh.config["limits.cpu"] = "5"
    await fresh.replace()
    assert cli_show(name, project)["config"] == {"limits.cpu": "5"}


async def test_rename_and_model_methods(scoped: Client, unique: Callable[[str], str]) -> None:
    old, new, newer = unique("prof"), unique("prof"), unique("prof")
    project = scoped.project
    assert project is not None
    await scoped.profiles.create(old, config={"limits.cpu": "1"})

    await scoped.profiles.rename(old, new)
    assert cli_names(project) == {"default", new}
    assert (await scoped.profiles.get(new)).config == {"limits.cpu": "1"}
    with pytest.raises(IncusNotFoundError):
        await scoped.profiles.get(old)

    profile = await scoped.profiles.get(new)
    await profile.rename(newer)
    assert profile.name == newer
    assert cli_names(project) == {"default", newer}

    await profile.delete()
    assert cli_names(project) == {"default"}
    assert not await scoped.profiles.exists(newer)


async def test_delete(scoped: Client, unique: Callable[[str], str]) -> None:
    name = unique("prof")
    project = scoped.project
    assert project is not None
    await scoped.profiles.create(name)
    reply = await scoped.profiles.delete(name)
    assert reply["status_code"] == 200
    assert name not in cli_names(project)
    with pytest.raises(IncusNotFoundError):
        await scoped.profiles.delete(name)


async def test_used_by_and_deleting_a_profile_in_use(scoped: Client, unique: Callable[[str], str]) -> None:
    name, inst = unique("prof"), unique("c")
    project = scoped.project
    assert project is not None
    await scoped.profiles.create(name, devices=ROOT)
    incus("create", TEST_IMAGE, inst, "--profile", name, project=project)

    refs = await scoped.profiles.used_by(name)
    assert refs == [UsedByRef("instances", inst, project, url=refs[0].url)]
    assert (await scoped.profiles.get(name)).used_by_refs[0].name == inst

    # Incus 6.0 answers 500 "Profile is currently in use".
    with pytest.raises(IncusAPIError, match="in use"):
        await scoped.profiles.delete(name)
    assert name in cli_names(project)

    # Renaming a profile in use is allowed: the instance follows the new name.
    renamed = unique("prof")
    await scoped.profiles.rename(name, renamed)
    assert incus_query(api_path("instances", inst) + "?project=" + project)["profiles"] == [renamed]
    name = renamed

    incus("delete", inst, project=project)
    await scoped.profiles.delete(name)
    assert name not in cli_names(project)


def test_parse_used_by() -> None:
    assert parse_used_by("/1.0/instances/c%2F1?project=p") == UsedByRef(
        "instances", "c/1", "p", url="/1.0/instances/c%2F1?project=p"
    )
    ref = parse_used_by("/1.0/storage-pools/default/volumes/custom/v1?target=m1")
    assert (ref.type, ref.name, ref.project, ref.sub, ref.location) == (
        "storage-pools",
        "default",
        "default",
        ("volumes", "custom", "v1"),
        "m1",
    )
    with pytest.raises(ValueError):
        parse_used_by("/instances")


async def test_invalid_input_is_refused_and_leaves_nothing(scoped: Client, unique: Callable[[str], str]) -> None:
    project = scoped.project
    assert project is not None
    before = cli_names(project)

    # An invalid config key: the server refuses, nothing is created.
    bad = unique("prof")
    with pytest.raises(IncusBadRequestError, match=r"no-such\.key"):
        await scoped.profiles.create(bad, config={"no-such.key": "1"})
    # An invalid device.
    with pytest.raises(IncusBadRequestError):
        await scoped.profiles.create(bad, devices={"d": {"type": "no-such-type"}})
    # Invalid names: a slash stays inside the name (escaped) and is refused.
    with pytest.raises(IncusBadRequestError):
        await scoped.profiles.create("bad/name")
    with pytest.raises(ValueError, match="must not be empty"):
        await scoped.profiles.create("")  # refused before sending
    assert cli_names(project) == before

    # A duplicate.
    name = unique("prof")
    await scoped.profiles.create(name)
    with pytest.raises(IncusConflictError):
        await scoped.profiles.create(name)

    # Update/replace bodies are checked before sending: the seed's callers
    # pass the profile's fields, not bare config keys.
    with pytest.raises(ValueError, match="config"):
        await scoped.profiles.update(name, {"limits.cpu": "1"})
    with pytest.raises(ValueError):
        await scoped.profiles.replace(name, {"config": "limits.cpu=1"})
    # A bad value: refused by the server (Incus 6.0: 500), the profile unchanged.
    with pytest.raises(IncusAPIError, match="CPU limit"):
        await scoped.profiles.update(name, {"config": {"limits.cpu": "many"}})
    assert cli_show(name, project)["config"] == {}

    with pytest.raises(IncusBadRequestError):
        await scoped.profiles.rename(name, "bad/name")
    assert name in cli_names(project)


async def test_names_cannot_reach_other_endpoints(scoped: Client) -> None:
    # "../instances" stays one escaped segment of /1.0/profiles: a 404, never
    # the instances listing.
    with pytest.raises(IncusNotFoundError):
        await scoped.profiles.get("../instances")
    with pytest.raises(IncusNotFoundError):
        await scoped.profiles.delete("../instances")
    for bad in ("..", ".", ""):
        with pytest.raises(ValueError):
            await scoped.profiles.get(bad)
