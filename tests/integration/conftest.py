"""Fixtures for tests against the real Incus daemon.

The daemon must be up (``scripts/incus-dev up``, which the test command
runs). If it is not, the whole session fails: a missing daemon is a broken
setup, never a reason to skip.

Every test gets unique names (``unique``) and, where it creates instances,
its own project (``project``), deleted with everything in it afterwards,
even when the test fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from incus_sdk import Client, IncusError
from incus_sdk.pytest_plugin import require_incus

from ..certs import self_signed

TEST_IMAGE = os.environ.get("INCUS_TEST_IMAGE", "sdk-busybox")


def incus(*args: str, project: str | None = None, check: bool = True, input: bytes | None = None) -> str:
    """Run the ``incus`` CLI (to check effects independently of the SDK)."""
    # The global flag goes first: after "exec NAME --" it would be the command's.
    cmd = ["incus", *(["--project", project] if project else []), *args]
    proc = subprocess.run(cmd, capture_output=True, input=input, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed: {proc.stderr.decode(errors='replace')}")
    return proc.stdout.decode(errors="replace")


def incus_json(*args: str, project: str | None = None) -> Any:
    """Run an ``incus`` CLI listing/show command and decode its JSON output."""
    return json.loads(incus(*args, "--format", "json", project=project))


def incus_query(path: str) -> Any:
    """``incus query PATH``: the raw API as the CLI sees it."""
    return json.loads(incus("query", path))


@pytest.fixture(scope="session", autouse=True)
def _daemon_is_up(request: pytest.FixtureRequest) -> None:
    if shutil.which("incus") is None:
        pytest.fail("the incus CLI is not installed: run scripts/incus-dev up", pytrace=False)
    # The SDK's own pytest plugin (incus_sdk.pytest_plugin) asks the daemon; it
    # fails the test (never skips) when none answers.
    require_incus(request.config)


# The fixtures below are the pytest plugin's (incus_sdk.pytest_plugin), under
# the short names this suite's tests use.


@pytest.fixture
def unique(incus_unique: Callable[[str], str]) -> Callable[[str], str]:
    """Return a factory of names unique to this run: ``unique("c") -> "c-1a2b3c4d5e"``."""
    return incus_unique


@pytest.fixture
def client(incus_client: Client) -> Client:
    """A client for the local daemon, closed after the test."""
    return incus_client


@pytest.fixture
def make_project(incus_make_project: Callable[..., Any]) -> Callable[..., Any]:
    """Factory of throwaway projects: ``scoped = await make_project(**config)``.

    By default the project shares the default project's images and profiles
    (``features.images`` / ``features.profiles`` = false), so the test image
    and the root disk are available. Each project is deleted afterwards with
    everything in it.
    """
    return incus_make_project


@pytest.fixture(scope="module")
def box() -> Iterator[tuple[str, str]]:
    """One running container per test module, in a project of its own: ``(project, "c1")``.

    For modules whose tests only read from or run things in a container.
    """
    project = f"sdkt-box-{uuid.uuid4().hex[:8]}"
    incus("project", "create", project, "-c", "features.images=false", "-c", "features.profiles=false")
    try:
        incus("launch", TEST_IMAGE, "c1", project=project)
        yield project, "c1"
    finally:
        # Every instance, not only c1: a test may have made more in the box.
        for name in incus("list", "--format", "csv", "--columns", "n", project=project, check=False).split():
            incus("delete", "--force", name, project=project, check=False)
        incus("project", "delete", project, check=False)


@pytest.fixture
def scoped(client: Client, box: tuple[str, str]) -> Client:
    """The ``client`` scoped to the project of ``box``."""
    return client.with_project(box[0])


@pytest.fixture
async def project(make_project: Callable[..., Any]) -> Client:
    """A client scoped to a fresh project of its own (see ``make_project``)."""
    scoped: Client = await make_project()
    return scoped


# -- HTTPS ---------------------------------------------------------------------


def make_cert(directory: Any, name: str = "client") -> tuple[str, str]:
    """Write a fresh self-signed client certificate and key; return their paths."""
    cert_pem, key_pem = self_signed(f"incus-sdk-test-{name}")
    cert_path = os.path.join(str(directory), f"{name}.crt")
    key_path = os.path.join(str(directory), f"{name}.key")
    with open(cert_path, "w") as f:
        f.write(cert_pem)
    with open(key_path, "w") as f:
        f.write(key_pem)
    return cert_path, key_path


def cert_fingerprint(cert_path: str) -> str:
    """SHA-256 fingerprint (hex) of a PEM certificate, as Incus names it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    with open(cert_path, "rb") as f:
        return x509.load_pem_x509_certificate(f.read()).fingerprint(hashes.SHA256()).hex()


@pytest.fixture(scope="session")
def https_endpoint() -> Any:
    """The daemon's HTTPS API on loopback: ``(url, server_cert_pem)``.

    ``scripts/incus-dev up`` sets ``core.https_address`` once and leaves it;
    toggling it here would break concurrent test runs.
    """
    address = incus("config", "get", "core.https_address").strip()
    if not address:
        pytest.fail("core.https_address is not set: run scripts/incus-dev up", pytrace=False)
    host, _, port = address.rpartition(":")
    if host in ("", "0.0.0.0", "[::]", "::"):
        host = "127.0.0.1"
    server_cert = incus_query("/1.0")["environment"]["certificate"]
    return f"https://{host}:{port}", server_cert


@pytest.fixture
def trusted_cert(tmp_path: Any, unique: Callable[[str], str]) -> Any:
    """A client certificate the daemon trusts (removed afterwards): ``(crt, key)``."""
    name = unique("sdkcert")
    crt, key = make_cert(tmp_path, name)
    incus("config", "trust", "add-certificate", crt, "--name", name)
    yield crt, key
    incus("config", "trust", "remove", cert_fingerprint(crt)[:12], check=False)


# -- the incus CLI's configuration (remotes) --------------------------------------


def incus_with_config(
    conf: Any, *args: str, project: str | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """The ``incus`` CLI with ``conf`` as its configuration directory (``INCUS_CONF``)."""
    env = {**os.environ, "INCUS_CONF": str(conf), "INCUS_GLOBAL_CONF": os.path.join(str(conf), "no-global")}
    env.pop("INCUS_REMOTE", None)
    cmd = ["incus", *(["--project", project] if project else []), *args]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=180)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed: {proc.stderr}")
    return proc


@pytest.fixture
def isolated_cli_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """Point the default CLI configuration at nothing, so no test reads or writes the real one."""
    monkeypatch.setenv("INCUS_CONF", os.path.join(str(tmp_path), "unused-default-conf"))
    monkeypatch.setenv("INCUS_GLOBAL_CONF", os.path.join(str(tmp_path), "no-global"))
    monkeypatch.delenv("INCUS_REMOTE", raising=False)


@pytest.fixture
async def tokens(client: Client, unique: Callable[[str], str]) -> AsyncIterator[Callable[[], Any]]:
    """Factory of trust tokens; revokes them and removes the certificates they added afterwards."""
    made: list[Any] = []

    async def make() -> Any:
        token = await client.certificates.tokens.create(unique("sdk-remote"))
        made.append(token)
        return token

    yield make
    names = {t.client_name for t in made}
    for token in made:
        try:
            await client.certificates.tokens.delete(token)
        except IncusError:
            pass  # used already
    for cert in await client.certificates.list():
        if cert.name in names:
            await client.certificates.delete(cert.fingerprint)
