"""pytest fixtures for testing your code against a real Incus daemon.

Installed with the package (``pip install incus_sdk[pytest]`` adds pytest and
pytest-asyncio) and registered as a pytest plugin: nothing to import. In a
test::

    import pytest

    @pytest.mark.asyncio
    @pytest.mark.incus(image="images:alpine/edge")
    async def test_my_provisioning(incus_project, incus_container):
        await my_code.configure(incus_project, incus_container.name)
        result = await incus_project.instances.exec(incus_container.name, ["cat", "/etc/motd"])
        assert result.stdout == b"hello\\n"

Fixtures (function-scoped; each test gets its own, cleaned up after it,
whether it passed or not):

* ``incus_client``: a connected :class:`~incus_sdk.Client`;
* ``incus_unique``: a factory of unique names (``incus_unique("web")`` ->
  ``"web-1a2b3c4d5e"``), so tests running at once never collide;
* ``incus_make_project``: a factory of throwaway projects, each returned as
  a client scoped to it (``await incus_make_project(**config)``);
* ``incus_project``: one throwaway project, as a scoped client;
* ``incus_container``: a running container in ``incus_project``, made from
  the image the ``incus`` marker or the ``--incus-image`` option names.

A throwaway project gets a unique name and, unless its config says
otherwise, shares the default project's images and profiles
(``features.images=false``, ``features.profiles=false``) so containers can
start at once. Deleting it deletes what the test left in it: its instances,
and its own images, volumes, profiles, networks, ACLs and zones (only
those: without ``features.X`` a project's listing shows the default
project's objects, which are never touched).

The ``incus`` marker says a test needs the daemon, and configures the
fixtures: ``@pytest.mark.incus(image="sdk-busybox",
project_config={"limits.instances": "3"})``. When no daemon answers, a test
that uses the marker or a fixture fails with a message saying where the
plugin looked; with ``--incus-if-missing=skip`` it is skipped instead.

Options (and ``ini`` keys of the same name with ``_``): ``--incus-endpoint``
(default: the client's own default, ``INCUS_ENDPOINT`` or the local unix
socket), ``--incus-image`` and ``--incus-if-missing`` (``fail`` or ``skip``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .api.instances import Instance
    from .client import Client

try:
    import pytest_asyncio
except ImportError:  # pragma: no cover - the "pytest" extra brings it
    HAVE_PYTEST_ASYNCIO = False
else:
    HAVE_PYTEST_ASYNCIO = True

#: Where the daemon check's verdict is kept for the session: None (answers) or why not.
_VERDICT = pytest.StashKey[str | None]()
_MISSING_ASYNCIO = (
    "incus_sdk's pytest fixtures need pytest-asyncio: pip install 'incus_sdk[pytest]' (or pip install pytest-asyncio)"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    """The plugin's command-line options and ini keys."""
    group = parser.getgroup("incus", "testing against an Incus daemon (incus_sdk)")
    group.addoption("--incus-endpoint", default=None, help="the daemon to test against (default: the local socket)")
    group.addoption("--incus-image", default=None, help="the image incus_container is made from")
    group.addoption(
        "--incus-if-missing",
        choices=("fail", "skip"),
        default=None,
        help="what a test that needs Incus does when no daemon answers (default: fail)",
    )
    parser.addini("incus_endpoint", "the daemon to test against (default: the local socket)", default="")
    parser.addini("incus_image", "the image incus_container is made from", default="")
    parser.addini("incus_if_missing", "fail or skip a test needing Incus when no daemon answers", default="fail")


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``incus`` marker."""
    config.addinivalue_line(
        "markers",
        "incus(image=None, project_config=None): the test needs an Incus daemon (fails, or skips with "
        "--incus-if-missing=skip, when none answers); image: what incus_container is made from; "
        "project_config: the config of incus_project",
    )


def _setting(config: pytest.Config, name: str) -> str | None:
    value = config.getoption(f"--incus-{name.replace('_', '-')}") or config.getini(f"incus_{name}")
    return str(value) if value else None


def _endpoint(config: pytest.Config) -> str | None:
    return _setting(config, "endpoint")


async def _probe(endpoint: str | None) -> str | None:
    """Try the daemon once; return None if it answers, else why not."""
    from .client import Client
    from .exceptions import IncusError

    try:
        client = Client(endpoint, timeout=10)
    except (ValueError, IncusError) as exc:
        return f"cannot make a client for {endpoint!r}: {exc}"
    try:
        async with client:
            return None
    except IncusError as exc:
        return f"Incus does not answer at {client.endpoint}: {exc}"


def require_incus(config: pytest.Config) -> None:
    """Fail (or skip, with ``--incus-if-missing=skip``) the current test if no daemon answers.

    The daemon is asked once per session; the verdict is kept.
    """
    if _VERDICT not in config.stash:
        # Off the test's event loop (there may be one running): a thread of its own.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            config.stash[_VERDICT] = pool.submit(asyncio.run, _probe(_endpoint(config))).result()
    verdict = config.stash[_VERDICT]
    if verdict is None:
        return
    message = f"{verdict} (set --incus-endpoint, or INCUS_ENDPOINT / INCUS_SOCKET)"
    if (_setting(config, "if_missing") or "fail") == "skip":
        pytest.skip(message)
    pytest.fail(message, pytrace=False)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Check the daemon before a test marked ``incus`` runs."""
    if item.get_closest_marker("incus") is not None:
        require_incus(item.config)


def _marker_option(request: pytest.FixtureRequest, name: str) -> Any:
    marker = request.node.get_closest_marker("incus")
    return marker.kwargs.get(name) if marker is not None else None


@pytest.fixture
def incus_unique() -> Callable[[str], str]:
    """A factory of names unique to this run: ``incus_unique("c") -> "c-1a2b3c4d5e"``."""

    def make(prefix: str = "t") -> str:
        return f"{prefix}-{uuid.uuid4().hex[:10]}"

    return make


async def purge_project(client: Client, name: str) -> None:
    """Delete a project and everything a test left in it, keeping what it shares.

    Instances are stopped and deleted; the project's own images, custom
    volumes, profiles, network ACLs, zones and networks are deleted only
    where the project has the matching ``features.*`` (without it, its
    listings show the default project's objects, which must survive).
    Raw requests only, so it works whatever the test did; errors are
    ignored (the object is gone already, or in use by another).

    Args:
        client: A client of the daemon (any scope).
        name: The project.
    """
    from ._paths import api_path
    from .exceptions import IncusError

    scoped = client.with_project(name)
    raw = scoped.api
    try:
        features = (await client.api.get(api_path("projects", name))).metadata["config"]
    except IncusError:
        return

    def own(feature: str) -> bool:
        return bool(features.get(f"features.{feature}") == "true")

    async def names(path: str) -> list[str]:
        try:
            reply = await raw.get(path, params={"recursion": 0})
        except IncusError:
            return []
        return [str(url).rsplit("/", 1)[-1].split("?")[0] for url in reply.metadata or []]

    async def attempt(method: str, path: str, body: Mapping[str, Any] | None = None) -> None:
        try:
            response = await raw.request(method, path, data=body)
            await response.wait(60)
        except IncusError:
            pass

    for inst in await names(api_path("instances")):
        await attempt("PUT", api_path("instances", inst, "state"), {"action": "stop", "force": True})
        await attempt("DELETE", api_path("instances", inst))
    for fingerprint in await names(api_path("images")) if own("images") else []:
        await attempt("DELETE", api_path("images", fingerprint))
    for pool in await names(api_path("storage-pools")) if own("storage.volumes") else []:
        for volume in await names(api_path("storage-pools", pool, "volumes", "custom")):
            await attempt("DELETE", api_path("storage-pools", pool, "volumes", "custom", volume))
    for profile in await names(api_path("profiles")) if own("profiles") else []:
        if profile != "default":
            await attempt("DELETE", api_path("profiles", profile))
    for collection, feature in (("network-acls", "networks"), ("network-zones", "networks.zones")):
        for item in await names(api_path(collection)) if own(feature) else []:
            await attempt("DELETE", api_path(collection, item))
    for network in await names(api_path("networks")) if own("networks") else []:
        await attempt("DELETE", api_path("networks", network))
    await attempt("DELETE", api_path("projects", name))


if HAVE_PYTEST_ASYNCIO:

    @pytest_asyncio.fixture
    async def incus_client(request: pytest.FixtureRequest) -> AsyncIterator[Client]:
        """A client connected to the daemon, closed after the test."""
        from .client import Client

        require_incus(request.config)
        async with Client(_endpoint(request.config)) as client:
            yield client

    @pytest_asyncio.fixture
    async def incus_make_project(
        request: pytest.FixtureRequest, incus_client: Client, incus_unique: Callable[[str], str]
    ) -> AsyncIterator[Callable[..., Any]]:
        """A factory of throwaway projects: ``scoped = await incus_make_project(**config)``.

        Each project gets a unique name and the config given over the
        defaults (``features.images`` and ``features.profiles`` false, plus
        the marker's ``project_config``); it is returned as a client scoped
        to it, and deleted after the test with everything in it.
        """
        created: list[str] = []
        defaults = {"features.images": "false", "features.profiles": "false"}
        defaults.update(_marker_option(request, "project_config") or {})

        async def make(**config: str) -> Client:
            name = incus_unique("sdkt")
            await incus_client.projects.create(name, config={**defaults, **config})
            created.append(name)
            return incus_client.with_project(name)

        yield make
        for name in reversed(created):
            await purge_project(incus_client, name)

    @pytest_asyncio.fixture
    async def incus_project(incus_make_project: Callable[..., Any]) -> Client:
        """A client scoped to a throwaway project of its own (see ``incus_make_project``)."""
        scoped: Client = await incus_make_project()
        return scoped

    @pytest_asyncio.fixture
    async def incus_container(
        request: pytest.FixtureRequest, incus_project: Client, incus_unique: Callable[[str], str]
    ) -> Instance:
        """A running container in ``incus_project``, made from the marker's ``image`` (or ``--incus-image``).

        The image is an alias or fingerprint on the daemon, or ``remote:alias``
        with a remote of the ``incus`` CLI's configuration. It goes when the
        project does.
        """
        image = _marker_option(request, "image") or _setting(request.config, "image")
        if not image:
            pytest.fail(
                "incus_container needs an image: @pytest.mark.incus(image=...), --incus-image or the incus_image"
                " ini key",
                pytrace=False,
            )
        return await incus_project.instances.launch(incus_unique("c"), str(image))

else:  # pragma: no cover - the "pytest" extra brings pytest-asyncio

    def _needs_pytest_asyncio() -> None:
        pytest.fail(_MISSING_ASYNCIO, pytrace=False)

    incus_client = pytest.fixture(_needs_pytest_asyncio, name="incus_client")
    incus_make_project = pytest.fixture(_needs_pytest_asyncio, name="incus_make_project")
    incus_project = pytest.fixture(_needs_pytest_asyncio, name="incus_project")
    incus_container = pytest.fixture(_needs_pytest_asyncio, name="incus_container")


__all__ = ["purge_project", "require_incus"]
