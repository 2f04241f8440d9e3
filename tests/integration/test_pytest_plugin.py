"""The pytest plugin (incus_sdk.pytest_plugin), run by pytester against the real daemon.

Each test writes a small test module, runs pytest on it in a subprocess (so
its event loop and plugins are its own, as in a user's project) and checks
the outcome, and what was left on the daemon, with the ``incus`` CLI.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import TEST_IMAGE, incus, incus_json

INI = """
[pytest]
asyncio_default_fixture_loop_scope = function
"""


def run(pytester: pytest.Pytester, source: str, *args: str) -> pytest.RunResult:
    pytester.makeini(INI)
    pytester.makepyfile(test_user=source)
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rsxE", *args, timeout=300)


def projects() -> set[str]:
    return {p["name"] for p in incus_json("project", "list")}


def test_a_project_and_a_running_container(pytester: pytest.Pytester, tmp_path: Path) -> None:
    record = tmp_path / "seen.json"
    source = f"""
import json, pytest

@pytest.mark.asyncio
@pytest.mark.incus(image={TEST_IMAGE!r})
async def test_provision(incus_client, incus_project, incus_container, incus_unique):
    assert incus_project.project != incus_client.project
    project = await incus_client.projects.get(incus_project.project)
    assert project.config["features.images"] == "false"
    assert incus_container.status == "Running"
    result = await incus_project.instances.exec(incus_container.name, ["echo", "hello"])
    assert result.stdout == b"hello\\n"
    assert incus_unique("x") != incus_unique("x")
    with open({str(record)!r}, "w") as f:
        json.dump({{"project": incus_project.project, "container": incus_container.name}}, f)
"""
    result = run(pytester, source)
    result.assert_outcomes(passed=1)
    seen = json.loads(record.read_text())
    assert seen["project"].startswith("sdkt-")
    assert seen["project"] not in projects()  # deleted with its container


def test_a_failing_test_is_cleaned_up_too(pytester: pytest.Pytester, tmp_path: Path) -> None:
    record = tmp_path / "seen.txt"
    source = f"""
import pytest

@pytest.mark.asyncio
@pytest.mark.incus(image={TEST_IMAGE!r}, project_config={{"user.purpose": "plugin-test"}})
async def test_breaks(incus_client, incus_project, incus_container):
    project = await incus_client.projects.get(incus_project.project)
    assert project.config["user.purpose"] == "plugin-test"
    open({str(record)!r}, "w").write(incus_project.project)
    raise AssertionError("the user's code is broken")
"""
    result = run(pytester, source)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*the user's code is broken*"])
    assert record.read_text() not in projects()


def test_shared_features_keep_the_default_projects_objects(
    pytester: pytest.Pytester, unique: Callable[[str], str]
) -> None:
    """A project sharing the default's profiles lists them as its own: deleting it must not touch them."""
    shared = unique("sdk-shared")
    incus("profile", "create", shared)
    try:
        source = f"""
import pytest

@pytest.mark.asyncio
async def test_lists_shared(incus_project, incus_make_project):
    assert {shared!r} in await incus_project.profiles.names()  # the default project's, seen through
    own = await incus_make_project(**{{"features.profiles": "true"}})
    await own.profiles.create("mine")
    assert await own.profiles.names() == ["default", "mine"]
"""
        result = run(pytester, source)
        result.assert_outcomes(passed=1)
        assert shared in {p["name"] for p in incus_json("profile", "list")}
    finally:
        incus("profile", "delete", shared, check=False)


@pytest.mark.parametrize(("mode", "outcome"), [("fail", {"errors": 2}), ("skip", {"skipped": 2})])
def test_no_daemon_fails_clearly_or_skips(
    pytester: pytest.Pytester, tmp_path: Path, mode: str, outcome: dict[str, int]
) -> None:
    source = """
import pytest

@pytest.mark.incus
def test_marked():
    pass

@pytest.mark.asyncio
async def test_fixture(incus_client):
    pass
"""
    missing = tmp_path / "nobody.sock"
    result = run(pytester, source, f"--incus-endpoint=unix://{missing}", f"--incus-if-missing={mode}")
    result.assert_outcomes(**outcome)
    result.stdout.fnmatch_lines([f"*Incus does not answer at unix://{missing}*"])


def test_the_container_needs_an_image(pytester: pytest.Pytester) -> None:
    source = """
import pytest

@pytest.mark.asyncio
async def test_no_image(incus_container):
    pass
"""
    result = run(pytester, source)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*incus_container needs an image*"])


def test_image_from_the_command_line_and_marker_only(pytester: pytest.Pytester) -> None:
    source = """
import pytest

@pytest.mark.incus
def test_marked_only():
    pass

@pytest.mark.asyncio
async def test_container(incus_container):
    assert incus_container.config.get("image.description") or incus_container.status == "Running"
"""
    result = run(pytester, source, f"--incus-image={TEST_IMAGE}")
    result.assert_outcomes(passed=2)


def test_the_plugin_is_registered(pytester: pytest.Pytester) -> None:
    pytester.makeini(INI)
    result = pytester.runpytest_subprocess("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.incus(image=None, project_config=None):*"])
    result = pytester.runpytest_subprocess("--help")
    result.stdout.fnmatch_lines(["*--incus-endpoint*", "*--incus-if-missing*"])
