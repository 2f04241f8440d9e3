"""The Projects API against the real daemon: every method, every error."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from incus_sdk import (
    Client,
    IncusAPIError,
    IncusBadRequestError,
    IncusConflictError,
    IncusNotFoundError,
    IncusPreconditionFailedError,
    Project,
    ProjectState,
    Response,
)

from .conftest import cert_fingerprint, incus, incus_query


def show(name: str) -> dict[str, Any]:
    """The project as the ``incus`` CLI reads it."""
    project: dict[str, Any] = incus_query("/1.0/projects/" + name)
    return project


@pytest.fixture
async def names(client: Client) -> AsyncIterator[list[str]]:
    """Project names a test will create; each is deleted afterwards if it exists."""
    created: list[str] = []
    yield created
    for name in created:
        if await client.projects.exists(name):
            await client.projects.delete(name)


async def test_seed_usage_example_runs_as_written(unique: Callable[[str], str]) -> None:
    # The usage example of the seed's Projects API page, literally, with only
    # the project name made unique so runs never collide.
    my_project = unique("my-project")
    from incus_sdk import Client

    async with Client() as client:
        # List all projects
        projects = await client.projects.list()

        # Get a project by name
        project = await client.projects.get("default")

        # Create a new project
        await client.projects.create(
            name=my_project,
            config={"features.images": "true", "features.profiles": "true"},
            description="My custom project",
        )

        # Update a project
        await client.projects.update(my_project, {"config": {"features.networks": "true"}})

        after_update = show(my_project)

        # Delete a project
        await client.projects.delete(my_project)

    assert any(p.name == "default" for p in projects)
    assert project.name == "default"
    # The update was partial: the key was added, the others kept.
    assert after_update["config"]["features.networks"] == "true"
    assert after_update["config"]["features.images"] == "true"
    assert after_update["config"]["features.profiles"] == "true"
    assert after_update["description"] == "My custom project"
    assert my_project not in incus("project", "list", "--format", "csv")


async def test_seed_create_example_production(client: Client, unique: Callable[[str], str], names: list[str]) -> None:
    name = unique("production")
    names.append(name)
    config = {
        "features.images": "true",
        "features.profiles": "true",
        "features.storage.volumes": "true",
        "features.networks": "true",
        "restricted": "true",
    }
    await client.projects.create(name=name, config=config, description="Production environment")
    shown = show(name)
    assert {k: shown["config"][k] for k in config} == config
    assert shown["description"] == "Production environment"


async def test_seed_state_example(client: Client) -> None:
    state = await client.projects.state("default")
    assert isinstance(state, dict)
    resources = state.get("resources")
    assert resources is not None
    assert set(resources) >= {"containers", "cpu", "instances", "memory"}
    assert resources["instances"]["Limit"] == -1


async def test_list_returns_projects(client: Client, unique: Callable[[str], str], names: list[str]) -> None:
    name = unique("lst")
    names.append(name)
    await client.projects.create(name, description="listed")
    projects = await client.projects.list()
    assert all(isinstance(p, Project) for p in projects)
    mine = next(p for p in projects if p.name == name)
    assert mine.description == "listed"
    assert mine.config["features.images"] == "true"  # the server's defaults for a new project


async def test_list_recursion_zero_gives_names(client: Client, unique: Callable[[str], str], names: list[str]) -> None:
    name = unique("lst0")
    names.append(name)
    await client.projects.create(name)
    shallow = await client.projects.list(recursion=0)
    assert name in [p.name for p in shallow]
    assert all(p.config == {} for p in shallow)  # only names at recursion 0
    assert sorted(await client.projects.names()) == sorted(p.name for p in shallow)
    cli = incus("project", "list", "--format", "csv").splitlines()
    assert sorted(line.split(",")[0].replace(" (current)", "") for line in cli) == sorted(p.name for p in shallow)


async def test_list_filter(client: Client, unique: Callable[[str], str], names: list[str]) -> None:
    name = unique("flt")
    names.append(name)
    await client.projects.create(name)
    filtered = await client.projects.list(filter=f"name eq {name}")
    assert [p.name for p in filtered] == [name]


async def test_get_returns_typed_project_with_etag(client: Client) -> None:
    project = await client.projects.get("default")
    assert isinstance(project, Project)
    assert project.name == "default"
    assert project.etag
    assert project.config == show("default")["config"]


async def test_create_returns_response_dict(client: Client, unique: Callable[[str], str], names: list[str]) -> None:
    name = unique("crt")
    names.append(name)
    response = await client.projects.create(name, config={}, description="d")
    assert isinstance(response, Response)
    assert isinstance(response, dict)
    assert response["type"] == "sync"
    assert response["status_code"] == 200
    shown = show(name)
    assert shown["description"] == "d"


async def test_create_with_explicit_empty_config_keeps_it_empty(
    client: Client, unique: Callable[[str], str], names: list[str]
) -> None:
    # An explicit {} is sent (and the server then applies its own defaults).
    name = unique("empty")
    names.append(name)
    await client.projects.create(name, config={})
    assert await client.projects.exists(name)


async def test_update_is_partial(client: Client, unique: Callable[[str], str], names: list[str]) -> None:
    name = unique("upd")
    names.append(name)
    await client.projects.create(name, config={"features.images": "false", "limits.instances": "5"}, description="x")
    await client.projects.update(name, {"config": {"limits.containers": "3"}})
    shown = show(name)
    assert shown["config"]["limits.containers"] == "3"
    assert shown["config"]["limits.instances"] == "5"
    assert shown["config"]["features.images"] == "false"
    assert shown["description"] == "x"
    # description alone leaves the config untouched
    await client.projects.update(name, {"description": "y"})
    shown = show(name)
    assert shown["description"] == "y"
    assert shown["config"]["limits.containers"] == "3"
    # None removes a key
    await client.projects.update(name, {"config": {"limits.containers": None}})
    shown = show(name)
    assert "limits.containers" not in shown["config"]
    assert shown["config"]["limits.instances"] == "5"


async def test_update_is_safe_against_concurrent_updates(
    client: Client, unique: Callable[[str], str], names: list[str]
) -> None:
    name = unique("conc")
    names.append(name)
    await client.projects.create(name)
    keys = [f"user.k{i}" for i in range(6)]
    await asyncio.gather(*(client.projects.update(name, {"config": {k: "v"}}) for k in keys))
    config = show(name)["config"]
    assert all(config.get(k) == "v" for k in keys), config


async def test_update_with_stale_etag_is_refused(
    client: Client, unique: Callable[[str], str], names: list[str]
) -> None:
    name = unique("stale")
    names.append(name)
    await client.projects.create(name)
    read = await client.projects.get(name)
    incus("project", "set", name, "user.other", "1")
    with pytest.raises(IncusPreconditionFailedError):
        await client.projects.update(name, {"config": {"user.mine": "1"}}, etag=read.etag)
    config = show(name)["config"]
    assert "user.mine" not in config
    assert config["user.other"] == "1"


async def test_update_rejects_non_project_fields(client: Client) -> None:
    with pytest.raises(ValueError, match="writable fields"):
        await client.projects.update("default", {"features.networks": "true"})


async def test_replace_replaces_everything(client: Client, unique: Callable[[str], str], names: list[str]) -> None:
    name = unique("rep")
    names.append(name)
    await client.projects.create(name, config={"limits.instances": "5"}, description="old")
    await client.projects.replace(name, {"config": {"features.images": "true"}})
    shown = show(name)
    assert shown["config"] == {"features.images": "true"}
    assert shown["description"] == ""


async def test_replace_with_etag(client: Client, unique: Callable[[str], str], names: list[str]) -> None:
    name = unique("repe")
    names.append(name)
    await client.projects.create(name)
    project = await client.projects.get(name)
    await client.projects.replace(name, {"config": project.config, "description": "v1"}, etag=project.etag)
    assert show(name)["description"] == "v1"
    # The ETag read before the first replace is now stale.
    with pytest.raises(IncusPreconditionFailedError) as err:
        await client.projects.replace(name, {"config": project.config, "description": "v2"}, etag=project.etag)
    assert err.value.status_code == 412
    assert "ETag" in err.value.message
    assert show(name)["description"] == "v1"


async def test_rename(client: Client, unique: Callable[[str], str], names: list[str]) -> None:
    old, new = unique("old"), unique("new")
    names.extend([old, new])
    await client.projects.create(old, description="moving")
    response = await client.projects.rename(old, new)
    assert response.operation is not None and response.operation.status == "Success"
    assert not await client.projects.exists(old)
    assert (await client.projects.get(new)).description == "moving"
    assert new in incus("project", "list", "--format", "csv")


async def test_delete(client: Client, unique: Callable[[str], str]) -> None:
    name = unique("del")
    await client.projects.create(name)
    response = await client.projects.delete(name)
    assert response["status"] == "Success"
    assert name not in incus("project", "list", "--format", "csv")
    with pytest.raises(IncusNotFoundError):
        await client.projects.get(name)


async def test_state_typed(client: Client) -> None:
    state = await client.projects.get_state("default")
    assert isinstance(state, ProjectState)
    assert state.resources["instances"].limit == -1
    assert state.resources["instances"].usage >= 0
    raw = await client.projects.state("default")
    assert raw["resources"]["instances"]["Usage"] == state.resources["instances"].usage


async def test_access(client: Client, trusted_cert: Any) -> None:
    # An unrestricted trusted certificate has access to every project.
    fingerprint = cert_fingerprint(trusted_cert[0])
    entries = await client.projects.access("default")
    mine = [e for e in entries if e.identifier == fingerprint]
    assert len(mine) == 1, entries
    assert mine[0].provider == "tls"


async def test_model_methods(client: Client, unique: Callable[[str], str], names: list[str]) -> None:
    name, renamed = unique("mdl"), unique("mdl2")
    names.extend([name, renamed])
    await client.projects.create(name, config={"limits.instances": "2"})
    project = await client.projects.get(name)
    await project.update({"config": {"user.a": "1"}})
    assert show(name)["config"]["user.a"] == "1"
    assert (await project.state()).resources["instances"].limit == 2
    await project.rename(renamed)
    assert project.name == renamed
    assert await client.projects.exists(renamed)
    await project.delete()
    assert not await client.projects.exists(renamed)


async def test_model_replace_uses_its_etag(client: Client, unique: Callable[[str], str], names: list[str]) -> None:
    name = unique("mrep")
    names.append(name)
    await client.projects.create(name)
    project = await client.projects.get(name)
    incus("project", "set", name, "user.concurrent", "1")
    project.description = "mine"
    with pytest.raises(IncusPreconditionFailedError):
        await project.replace()
    assert show(name)["description"] == ""


async def test_seed_style_model_construction(client: Client) -> None:
    # The seed built models as Project(client=..., **data); that still works.
    project = Project(client=client, name="default", config={})
    state = await project.state()
    assert state.resources["instances"].limit == -1
    with pytest.raises(ValueError, match="No client"):
        await Project(name="x").delete()


async def test_with_project_scopes_requests(client: Client, make_project: Callable[..., object]) -> None:
    scoped = await make_project()  # type: ignore[misc]
    assert isinstance(scoped, Client)
    assert scoped.project != client.project
    # The scoped client shares the session.
    assert scoped._core.transport is client._core.transport
    info = await scoped.get_server_info()
    assert info.environment is not None and info.environment.project == scoped.project


# -- errors ------------------------------------------------------------------


async def test_get_missing(client: Client, unique: Callable[[str], str]) -> None:
    with pytest.raises(IncusNotFoundError) as err:
        await client.projects.get(unique("missing"))
    assert err.value.status_code == 404
    assert "not found" in err.value.message.lower()
    assert err.value.method == "GET"
    assert err.value.url is not None and "/1.0/projects/" in err.value.url


async def test_create_duplicate(client: Client, unique: Callable[[str], str], names: list[str]) -> None:
    name = unique("dup")
    names.append(name)
    await client.projects.create(name, description="first")
    with pytest.raises(IncusConflictError):
        await client.projects.create(name, description="second")
    assert (await client.projects.get(name)).description == "first"


@pytest.mark.parametrize("bad", ["with/slash", "with space"])
async def test_create_invalid_name(client: Client, bad: str) -> None:
    before = await client.projects.names()
    with pytest.raises(IncusBadRequestError):
        await client.projects.create(bad)
    assert await client.projects.names() == before


async def test_create_invalid_config_key(client: Client, unique: Callable[[str], str]) -> None:
    name = unique("badcfg")
    with pytest.raises(IncusBadRequestError):
        await client.projects.create(name, config={"no.such.key": "1"})
    assert not await client.projects.exists(name)


@pytest.mark.parametrize("name", ["", ".", ".."])
async def test_unaddressable_names_are_rejected_before_sending(client: Client, name: str) -> None:
    with pytest.raises(ValueError):
        await client.projects.get(name)
    with pytest.raises(ValueError):
        await client.projects.delete(name)


@pytest.mark.parametrize("name", ["../instances", "../../1.0", "default/state", "x?recursion=1", "x#frag", "%2e%2e"])
async def test_path_injection_names_stay_in_their_segment(client: Client, name: str) -> None:
    # Each is one escaped segment: the server looks for a project literally
    # named so, and finds none. Nothing else is touched.
    with pytest.raises(IncusNotFoundError):
        await client.projects.get(name)
    with pytest.raises(IncusNotFoundError):
        await client.projects.delete(name)
    with pytest.raises(IncusNotFoundError):
        await client.projects.state(name)
    assert "default" in await client.projects.names()


async def test_delete_missing(client: Client, unique: Callable[[str], str]) -> None:
    with pytest.raises(IncusNotFoundError):
        await client.projects.delete(unique("gone"))


async def test_delete_non_empty_project_is_refused(client: Client, make_project: Callable[..., object]) -> None:
    scoped = await make_project(**{"features.profiles": "true"})  # type: ignore[misc]
    assert isinstance(scoped, Client)
    name = scoped.project
    assert name is not None
    incus("profile", "create", "extra", project=name)
    with pytest.raises(IncusAPIError, match="empty"):
        await client.projects.delete(name)
    assert await client.projects.exists(name)


async def test_rename_to_existing_name_fails(client: Client, unique: Callable[[str], str], names: list[str]) -> None:
    a, b = unique("ra"), unique("rb")
    names.extend([a, b])
    await client.projects.create(a)
    await client.projects.create(b)
    with pytest.raises(Exception) as err:
        await client.projects.rename(a, b)
    from incus_sdk import IncusError

    assert isinstance(err.value, IncusError)
    assert await client.projects.exists(a) and await client.projects.exists(b)
