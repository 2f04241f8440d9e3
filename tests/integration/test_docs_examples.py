"""The python examples of README.md and docs/ run as written against the daemon.

Only names are made unique, paths moved to a temporary directory and
clients given the test's project (``run(..., project=...)``); what an
example creates is removed even if it fails. The examples that cannot run
here are in ``NOT_RUN`` with the reason; every example, run or not, is
type-checked (tests/unit/test_docs_examples.py), which also checks that
each one is either run here or listed.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import importlib.util
import lzma
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from subprocess import CompletedProcess
from types import SimpleNamespace
from typing import Any

import pytest

from incus_sdk import Client, ExecError, api_path
from incus_sdk.api._extensions import extensions_of
from incus_sdk.hooks import Hook, ResponseEvent
from incus_sdk.models.warning import IncusWarning

from ..docs_examples import ROOT, example, run
from .conftest import TEST_IMAGE, cert_fingerprint, incus, incus_query, make_cert
from .test_server import restore_key  # noqa: F401  (a fixture)
from .test_warnings import provoked  # noqa: F401  (a fixture)

IMAGES_SERVER = "the public images: server (images.linuxcontainers.org): no traffic leaves loopback here"
# The cluster examples that run are in tests/cluster/test_docs_examples.py.
CLUSTER = "a cluster (scripts/incus-cluster)"

# (page, text the block contains) -> why it does not run here. Each is
# type-checked all the same (tests/unit/test_docs_examples.py).
NOT_RUN: dict[tuple[str, str], str] = {
    ("README.md", 'Client.from_remote("prod") as prod'): f"the reader's remote 'prod' and {IMAGES_SERVER}",
    ("README.md", "my_tool.configure("): f"a test of the reader's own tool (my_tool), on an image of {IMAGES_SERVER}",
    (
        "docs/testing.md",
        "my_tool.configure_web(",
    ): f"a test of the reader's own tool (my_tool), on an image of {IMAGES_SERVER}",
    ("docs/api/cluster.md", "cluster = await client.cluster.get(members=True)"): (
        f"{CLUSTER} of four, whose m3 it renames and m4 it removes; tests/cluster/test_members.py runs these calls"
    ),
    (
        "docs/api/cluster.md",
        "join_tokens.create",
    ): f"{CLUSTER} and a new server joining it (tests/cluster/test_join.py)",
    (
        "docs/api/cluster.md",
        "migration.copy_instance",
    ): "two servers (source_url, target_url): tests/cluster runs migration between members",
    (
        "docs/api/events.md",
        "async for event in client.events",
    ): "a watcher: its first loop never ends (tests/integration/test_events.py covers the stream)",
    (
        "docs/api/images.md",
        'images.import_file("metadata.tar.xz"',
    ): "other servers (copy_from https://other:8443, import_url https://example.net) and a split image's files",
    (
        "docs/api/operations.md",
        "client.operations.cancel(op_id)",
    ): "a running, cancellable operation's id (op_id); tests/integration/test_operations.py covers these calls",
    (
        "docs/api/storage.md",
        "client.storage_pools.buckets",
    ): "object storage (buckets need MinIO for a dir pool; none here)",
    (
        "docs/operating.md",
        "trace.set_tracer_provider(provider)",
    ): (
        "it sets the process-wide tracer provider (once per process, and an exporter thread);"
        " test_observability.py runs the hook with a provider of its own"
    ),
    ("docs/operating.md", 'ProgressBar("debian") as bar'): IMAGES_SERVER,
    ("docs/remotes.md", 'SimpleStreams.from_remote("images")'): IMAGES_SERVER,
    ("docs/remotes.md", 'dev.instances.launch("c1", "images:debian/12"'): f"{IMAGES_SERVER}; and a cluster member m2",
}


def project_config(name: str) -> dict[str, str]:
    config: dict[str, str] = incus_query(api_path("projects", name))["config"]
    return config


def cleanup(*commands: tuple[str, ...], project: str | None = None) -> None:
    for command in commands:
        incus(*command, project=project, check=False)


# -- projects ---------------------------------------------------------------------


async def test_projects_examples(client: Client, unique: Callable[[str], str]) -> None:
    names = {old: unique("p") for old in ("my-project", "dev", "dev2", "production", "old", "new")}
    try:
        for block in (
            example("README.md", 'create(name="my-project"'),
            example("docs/index.md", "projects = await client.projects.list()"),
            example("docs/api/projects.md", 'description="My custom project"'),
        ):
            found = await run(block, names, project="default")
            assert "default" in [p.name for p in found["projects"]]
            assert names["my-project"] not in incus("project", "list", "-f", "csv")

        listed = await run(example("docs/api/projects.md", 'filter="name eq prod"'), names, client=client)
        assert [p.name for p in listed["urls"]] == [p.name for p in listed["projects"]]
        got = await run(
            example("docs/api/projects.md", "print(project.name, project.config, project.etag)"), client=client
        )
        assert got["project"].name == "default"

        await run(example("docs/api/projects.md", '"development")'), names, client=client)
        assert project_config(names["dev"])["features.images"] == "false"
        await run(example("docs/api/projects.md", 'name="production"'), names, client=client)
        assert project_config(names["production"])["restricted"] == "true"
        await run(example("docs/api/projects.md", '"limits.instances": "10"'), names, client=client)
        assert project_config(names["dev"])["limits.instances"] == "10"
        await run(example("docs/api/projects.md", '"limits.instances": "20"'), names, client=client)
        assert project_config(names["dev"])["limits.instances"] == "20"
        await run(example("docs/conventions.md", 'project.config["limits.instances"] = "10"'), names, client=client)
        assert project_config(names["dev"])["limits.instances"] == "10"

        renamed = await run(example("docs/api/projects.md", 'rename("dev", "dev2")'), names, client=client)
        assert renamed["response"].operation.status == "Success"
        state = await run(example("docs/api/projects.md", 'state("dev2")'), names, client=client)
        assert "resources" in state["state"]
        typed = await run(example("docs/api/projects.md", "typed = await client.projects.get_state"), client=client)
        assert typed["typed"].resources["instances"].usage >= 0

        # operations.md: a project rename, waited on through its operation
        incus("project", "create", names["old"])
        ops = await run(example("docs/api/operations.md", 'rename("old", "new", wait=False)'), names, client=client)
        assert ops["op"].status == "Success"
        assert names["new"] in incus("project", "list", "-f", "csv")

        await run(
            example("docs/api/projects.md", 'await client.projects.delete("dev")\n'),
            {"dev": names["dev2"]},
            client=client,
        )
        assert names["dev2"] not in incus("project", "list", "-f", "csv")
    finally:
        cleanup(*(("project", "delete", name) for name in names.values()))


# -- profiles, networks -------------------------------------------------------------


async def test_profiles_example(client: Client, unique: Callable[[str], str]) -> None:
    small, tiny = unique("small"), unique("tiny")
    try:
        found = await run(
            example("docs/api/profiles.md", "IncusPreconditionFailedError"), {"small": small, "tiny": tiny}
        )
        assert "default" in found["names"] and found["users"] == []
    finally:
        cleanup(("profile", "delete", small), ("profile", "delete", tiny))
    assert small not in incus("profile", "list", "-f", "csv") and tiny not in incus("profile", "list", "-f", "csv")


async def test_conventions_profile_examples(client: Client, unique: Callable[[str], str]) -> None:
    web = unique("web")
    try:
        found = await run(
            example("docs/conventions.md", 'create("web", config={"limits.cpu": "2"})'), {"web": web}, client=client
        )
        assert found["profile"].config["limits.cpu"] == "2" and web in found["names"]
        assert web not in incus("profile", "list", "-f", "csv")
        await run(example("docs/conventions.md", "except IncusConflictError"), {"web": web}, client=client)
        assert web in incus("profile", "list", "-f", "csv")
        await run(
            example("docs/conventions.md", "except IncusConflictError"), {"web": web}, client=client
        )  # exists: caught
    finally:
        cleanup(("profile", "delete", web))


async def test_networks_example(unique: Callable[[str], str]) -> None:
    bridge, acl, zone = unique("br"), unique("web"), unique("z") + ".example.org"
    try:
        found = await run(
            example("docs/api/networks.md", "br-test"), {"br-test": bridge, "web": acl, "example.org": zone}
        )
        assert found["net"].config["ipv4.address"] == "192.0.2.1/24"
        assert found["forward"].listen_address == "198.51.100.10"
        assert bridge not in {n["name"] for n in incus_query(api_path("networks") + "?recursion=1")}
    finally:
        cleanup(("network", "zone", "delete", zone), ("network", "delete", bridge), ("network", "acl", "delete", acl))


# -- one running container for the examples that use "c1" (the ``box`` fixture) -----


async def test_exec_examples(client: Client, box: tuple[str, str]) -> None:
    scoped = client.with_project(box[0])
    try:
        await run(example("docs/api/exec.md", "cat; echo oops >&2; exit 3"), client=scoped)
        raise AssertionError("result.check() did not raise")
    except ExecError as err:  # the example's last line: check() raises for the exit code 3
        assert (err.result.exit_code, err.result.stdout, err.result.stderr) == (3, b"hello", b"oops\n")

    found = await run(example("docs/api/exec.md", "limit = asyncio.Semaphore(8)"), client=scoped)
    expected = incus("exec", "c1", "--", "sh", "-c", "cat /etc/os-release", project=box[0], check=False)
    assert (await found["run"]("c1")).decode() == expected

    found = await run(example("docs/api/exec.md", "while read l; do echo got $l; done"), client=scoped)
    assert found["code"] == 0

    found = await run(example("docs/api/exec.md", 'execute("c1", ["sh", "-c", "exit 4"])'), client=scoped)
    assert found["response"].metadata["metadata"]["return"] == 4
    assert set(found["recorded"].metadata["metadata"]["output"]) == {"1", "2"}


async def test_files_example(client: Client, box: tuple[str, str], tmp_path: Path) -> None:
    local = tmp_path / "big.iso"
    local.write_bytes(b"iso" * 100_000)

    async def chunks() -> AsyncIterator[bytes]:
        yield b"gen"
        yield b"erated"

    incus("exec", "c1", "--", "sh", "-c", "mkdir -p /srv; hostname > /etc/hostname", project=box[0])  # not in busybox
    paths = {"/local/big.iso": str(local), "/local/copy.iso": str(tmp_path / "copy.iso")}
    found = await run(
        example("docs/api/files.md", "files = client.instances.files"),
        paths,
        client=client.with_project(box[0]),
        chunks=chunks,
    )
    assert (tmp_path / "copy.iso").read_bytes() == local.read_bytes()
    assert found["target"] == "/srv/a/b/c" and found["exists"] is False
    assert (
        incus("exec", "c1", "--", "cat", "/etc/app.conf", "/srv/gen.bin", project=box[0])
        == "key=value\nmore=1\ngenerated"
    )


async def test_console_example(client: Client, box: tuple[str, str]) -> None:
    scoped = client.with_project(box[0])

    async def prompt() -> None:  # busybox has no login on its console: print a prompt there
        while True:
            await scoped.instances.exec("c1", ["sh", "-c", "printf 'login# ' > /dev/console"])
            await asyncio.sleep(0.5)

    prompting = asyncio.create_task(prompt())
    try:
        found = await run(example("docs/api/exec.md", 'console("c1", width=80, height=24)'), client=scoped)
    finally:
        prompting.cancel()
        await asyncio.gather(prompting, return_exceptions=True)
    assert isinstance(found["log"], bytes)


async def test_instance_children_examples(client: Client, box: tuple[str, str], tmp_path: Path) -> None:
    scoped = client.with_project(box[0])
    renames = {"web": "c1", "/backups/web.tar.gz": str(tmp_path / "web.tar.gz")}
    found = await run(example("docs/api/instances.md", "snaps = client.instances.snapshots"), renames, client=scoped)
    assert found["response"].operation.status == "Success"
    assert [s.name for s in await scoped.instances.snapshots.list("c1")] == ["nightly"]

    found = await run(example("docs/api/instances.md", "backups = client.instances.backups"), renames, client=scoped)
    assert found["size"] == (tmp_path / "web.tar.gz").stat().st_size > 0
    assert await scoped.instances.backups.names("c1") == []
    assert "web-restored" in incus("list", "-f", "csv", "-c", "n", project=box[0]).split()

    await scoped.instances.execute("c1", ["true"], record_output=True)
    output = (await scoped.instances.logs.exec_output.names("c1"))[0]
    found = await run(
        example("docs/api/instances.md", "logs = client.instances.logs"),
        {**renames, "exec_<id>.stdout": output},
        client=scoped,
    )
    assert output not in await scoped.instances.logs.exec_output.names("c1")

    await run(
        example("docs/api/instances.md", "templates = client.instances.metadata.templates"), renames, client=scoped
    )
    meta = await scoped.instances.metadata.get("c1")
    assert meta.properties["note"] == "x" and meta.templates["/etc/hostname"].template == "hostname.tpl"
    assert await scoped.instances.metadata.templates.names("c1") == []


async def test_conventions_snapshot_example(client: Client, box: tuple[str, str]) -> None:
    scoped = client.with_project(box[0])
    names = {"before-upgrade": "conv-before", "nightly": "conv-nightly"}
    found = await run(example("docs/conventions.md", 'snapshots.create("c1", "before-upgrade")'), names, client=scoped)
    assert found["response"].operation.status == "Success"
    assert {"conv-before", "conv-nightly"} <= set(await scoped.instances.snapshots.names("c1"))


async def test_metrics_example(client: Client, box: tuple[str, str]) -> None:
    found = await run(
        example("docs/api/server.md", "metrics = await client.with_project"), {"dev": box[0]}, client=client
    )
    assert found["metrics"].value("incus_procs_total", name="c1") >= 1
    # The text the metrics were parsed from (which families a host has
    # varies: a nested container may have no CPU counters).
    assert 'incus_procs_total{name="c1"' in found["text"]


async def test_sync_examples(box: tuple[str, str], unique: Callable[[str], str]) -> None:
    from incus_sdk import sync

    name = unique("c")
    found = await run(
        example("docs/sync.md", 'client.instances.exec("c1", ["uname", "-a"])'),
        {"c1": name, "debian/12": "sdk-busybox"},
        project=box[0],
    )
    assert found["c1"].name == name
    assert incus("list", name, "-f", "csv", "-c", "s", project=box[0]).strip() == "RUNNING"

    with sync.Client(project=box[0]) as client:
        found = await run(
            example("docs/sync.md", 'response = client.instances.snapshots.create("c1", "nightly"'),
            {"nightly": "sync-nightly"},
            client=client,
        )
    assert "sync-nightly" in incus("snapshot", "list", "c1", "-f", "csv", "-c", "n", project=box[0])


# -- the README's tours and the quick start ------------------------------------------


async def test_readme_tour(
    client: Client,
    unique: Callable[[str], str],
    https_endpoint: tuple[str, str],
    trusted_cert: tuple[str, str],
    tmp_path: Path,
) -> None:
    url, server_pem = https_endpoint
    (tmp_path / "server.crt").write_text(server_pem)
    names = {
        "dev": unique("dev"),
        "dev2": unique("dev2"),
        "https://incus.example:8443": url,
        "servercerts/incus.example.crt": str(tmp_path / "server.crt"),
        "client.crt": trusted_cert[0],
        "client.key": trusted_cert[1],
    }
    incus("project", "create", names["dev"])
    try:
        found = await run(example("README.md", "IncusNotFoundError as err"), names)
        assert found["response"].operation.status == "Success"
        assert names["dev2"] in incus("project", "list", "-f", "csv") and names["dev"] not in incus(
            "project", "list", "-f", "csv"
        )
        assert found["state"].resources["instances"].usage == 0
    finally:
        cleanup(("project", "delete", names["dev"]), ("project", "delete", names["dev2"]))


async def test_readme_instances_tour(make_project: Callable[..., Any], tmp_path: Path) -> None:
    dev: Client = await make_project()
    assert dev.project is not None
    (tmp_path / "local.bin").write_bytes(b"\x00data" * 1000)
    paths = {name: str(tmp_path / name) for name in ("local.bin", "copy.bin", "c1.tar.gz")}
    found = await run(
        example("README.md", 'dev.instances.process("c1", ["cat"])'), {**paths, "dev": dev.project}, project="default"
    )
    assert (found["result"].exit_code, found["result"].stdout_text) == (3, "hi\n")
    assert (tmp_path / "copy.bin").read_bytes() == (tmp_path / "local.bin").read_bytes()
    assert (tmp_path / "c1.tar.gz").stat().st_size > 0
    assert found["event"].action.startswith("instance-")
    assert incus("list", "c1", "-f", "csv", "-c", "s", project=dev.project).strip() == "RUNNING"

    # In production: the same backup exported with retries, tracing and a progress bar.
    (tmp_path / "c1.tar.gz").unlink()
    await run(example("README.md", 'ProgressBar("backup") as bar'), paths, project=dev.project)
    assert (tmp_path / "c1.tar.gz").stat().st_size > 0


async def test_readme_sync_tour(make_project: Callable[..., Any]) -> None:
    project: Client = await make_project()
    assert project.project is not None
    found = await run(
        example("README.md", "from incus_sdk.sync import Client"), {"bb": "sdk-busybox"}, project=project.project
    )
    assert found["event"].action.startswith("instance-")
    assert incus("list", "c1", "-f", "csv", "-c", "s", project=project.project).strip() == "STOPPED"


async def test_quickstart(client: Client, unique: Callable[[str], str]) -> None:
    demo = unique("demo")
    try:
        found = await run(example("docs/quickstart.md", "info = await client.get_server_info()"), {"demo": demo})
        assert found["instance"].name == "c1"
        assert demo not in incus("project", "list", "-f", "csv")
    finally:
        for name in incus("list", "-f", "csv", "-c", "n", project=demo, check=False).split():
            incus("delete", "--force", name, project=demo, check=False)
        cleanup(("project", "delete", demo))


# -- instances ---------------------------------------------------------------------


async def test_instances_examples(make_project: Callable[..., Any]) -> None:
    demo: Client = await make_project()
    other: Client = await make_project()
    names = {"demo": str(demo.project), "other": str(other.project), "debian/12": "sdk-busybox"}
    found = await run(example("docs/api/instances.md", 'Client(project="demo")'), names)
    assert found["web"].name == "web" and found["state"].status == "Running"
    assert set(found["names"]) == {"web", "db"} and [i.name for i in found["running"]] == ["web"]
    assert incus("list", "-f", "csv", "-c", "n", project=other.project).split() == ["www"]
    www = incus_query(api_path("instances", "www") + f"?project={other.project}")
    assert (www["config"]["user.role"], www["config"]["limits.cpu"], www["description"]) == (
        "frontend",
        "2",
        "frontend",
    )

    found = await run(
        example("docs/api/instances.md", "inst.create_many"),
        {"alpine": "sdk-busybox"},
        inst=demo.instances,
        names=["a", "b", "c"],
    )
    assert found["result"].failed == {}
    assert incus("list", "-f", "csv", "-c", "n", project=demo.project).split() == ["db"]


# -- certificates, trust tokens ----------------------------------------------------------


async def test_certificates_example(
    client: Client, make_project: Callable[..., Any], unique: Callable[[str], str], tmp_path: Path
) -> None:
    dev: Client = await make_project()
    name = unique("alice")
    crt, _ = make_cert(tmp_path, name)
    try:
        found = await run(
            example("docs/api/certificates.md", 'create("alice.crt", name="alice")'),
            {"alice.crt": crt, "alice": name, "dev": str(dev.project)},
        )
        assert found["fingerprint"] == cert_fingerprint(crt)
        assert found["fingerprint"] in found["fingerprints"]
    finally:
        incus("config", "trust", "remove", cert_fingerprint(crt)[:12], check=False)
    assert cert_fingerprint(crt)[:12] not in incus("config", "trust", "list", "-f", "csv")


async def test_trust_token_example(
    client: Client,
    make_project: Callable[..., Any],
    unique: Callable[[str], str],
    tokens: Callable[[], Any],
    https_endpoint: tuple[str, str],
    tmp_path: Path,
) -> None:
    dev: Client = await make_project()
    url, server_pem = https_endpoint
    bob = unique("bob")
    crt, key = make_cert(tmp_path, "bob")
    encoded = str(await tokens())
    try:
        found = await run(
            example("docs/api/certificates.md", "add_with_token(encoded_token)"),
            {"bob": bob, "dev": str(dev.project), "https://server:8443": url, "bob.crt": crt, "bob.key": key},
            client=client,
            server_pem=server_pem,
            encoded_token=encoded,
        )
        assert found["response"].fingerprint == cert_fingerprint(crt)
        assert bob not in [t.client_name for t in await client.certificates.tokens.list()]
    finally:
        incus("config", "trust", "remove", cert_fingerprint(crt)[:12], check=False)


# -- storage -------------------------------------------------------------------------


async def test_storage_pool_example(client: Client, unique: Callable[[str], str], tmp_path: Path) -> None:
    fast = unique("fast")
    (tmp_path / "fast").mkdir()
    try:
        found = await run(
            example("docs/api/storage.md", "sp = client.storage_pools"),
            {"fast": fast, "/srv/fast": str(tmp_path / "fast")},
        )
        assert found["pool"].driver == "dir" and found["usage"].space.total > 0
        assert fast not in incus("storage", "list", "-f", "csv")
    finally:
        cleanup(("storage", "delete", fast))


async def test_storage_volume_examples(
    client: Client, box: tuple[str, str], make_project: Callable[..., Any], unique: Callable[[str], str], tmp_path: Path
) -> None:
    other: Client = await make_project()
    fast = unique("fast")
    (tmp_path / "fast").mkdir()
    incus("storage", "create", fast, "dir", f"source={tmp_path / 'fast'}")
    (tmp_path / "installer.iso").write_bytes(b"\x00" * 65536)
    names = {
        "demo": box[0],
        "fast": fast,
        "other": str(other.project),
        "/backups/data.tar.gz": str(tmp_path / "data.tar.gz"),
        "/isos/installer.iso": str(tmp_path / "installer.iso"),
    }
    made = ["app-data", "data", "disk", "data-restored", "installer"]
    try:
        found = await run(
            example("docs/api/storage.md", 'storage_pools.volumes\nawait vols.create("default", "data"'),
            names,
            client=client,
        )
        assert found["vol"].config["size"] == "1GiB" and found["root"].name == "c1"
        vols = found["vols"]
        assert "archive" in incus("storage", "volume", "list", "default", "-f", "csv", "-c", "n", project=other.project)
        assert "data-copy" not in incus("storage", "volume", "list", fast, "-f", "csv", "-c", "n", project=box[0])
        assert {"app-data", "disk"} <= set(await vols.names("default"))

        found = await run(example("docs/api/storage.md", "snaps = vols.snapshots"), {"data": "app-data"}, vols=vols)
        assert await vols.snapshots.names("default", "app-data") == ["nightly"]

        await run(example("docs/api/storage.md", "backups = vols.backups"), {**names, "data": "app-data"}, vols=vols)
        assert {"data-restored", "installer"} <= set(await vols.names("default"))
        assert (await vols.get("default", "installer")).content_type == "iso"
    finally:
        for volume in made:
            cleanup(("storage", "volume", "delete", "default", volume), project=box[0])
        cleanup(
            ("storage", "volume", "delete", "default", "archive"),
            ("storage", "volume", "delete", fast, "data-copy"),
            project=str(other.project),
        )
        cleanup(("storage", "volume", "delete", fast, "data-copy"), project=box[0])
        cleanup(("storage", "delete", fast))


# -- server, operating --------------------------------------------------------------


@pytest.mark.usefixtures("restore_key")
async def test_server_config_example() -> None:
    # Only images.remote_cache_expiry changes, as in test_server.py (restore_key puts it back).
    found = await run(example("docs/api/server.md", "await client.server.api_versions()"))
    assert found["fresh"].etag and incus("config", "get", "images.remote_cache_expiry").strip() == "7"
    assert incus("config", "get", "core.https_address").strip()  # the PUT kept it


async def test_server_reads_and_extension_examples(client: Client) -> None:
    found = await run(example("docs/api/server.md", "resources = await client.server.resources()"), client=client)
    assert found["resources"].cpu.total >= 1 and "core.https_address" in str(found["server_keys"])
    found = await run(example("docs/api/server.md", "class MyAPI(SubAPI)"))
    assert extensions_of(found["MyAPI"].nvram) == ("instance_nvram",)


async def test_warnings_example(client: Client, provoked: IncusWarning) -> None:  # noqa: F811 (the fixture)
    found = await run(example("docs/api/server.md", "warnings.list(filter="), client=client, uuid=provoked.uuid)
    assert provoked.uuid in found["uuids"] and found["warning"].status == "acknowledged"
    assert provoked.uuid not in await client.server.warnings.names()


class Counter:
    """Stands in for a Prometheus metric: records each ``labels(...)`` and its value."""

    def __init__(self) -> None:
        self.seen: list[tuple[Any, ...]] = []

    def labels(self, *labels: Any) -> Counter:
        self.seen.append(labels)
        return self

    def inc(self) -> None:
        pass

    def observe(self, value: float) -> None:
        assert value >= 0


async def test_operating_examples() -> None:
    found = await run(example("docs/operating.md", "logging.basicConfig(level=logging.INFO)            #"))
    await found["client"].disconnect()
    assert found["client"].retry is not None

    requests, latency, audited = Counter(), Counter(), []

    class Audit(Hook):
        def on_response(self, response: ResponseEvent) -> None:
            audited.append(response.request.path)

    found = await run(
        example("docs/operating.md", "class Metrics(Hook)"), REQUESTS=requests, LATENCY=latency, Audit=Audit
    )
    async with found["client"] as client:
        await client.projects.names()
    # Every request (the first one reads the server's API version too) went through both hooks.
    assert audited[-1] == "/1.0/projects"
    assert requests.seen == [("GET", 200)] * len(audited) and latency.seen == [("GET",)] * len(audited)

    await run(example("docs/operating.md", "max_backoff=5.0,"))


# -- remotes, testing, conventions ----------------------------------------------------


@pytest.mark.usefixtures("isolated_cli_config")
async def test_remotes_examples(client: Client, unique: Callable[[str], str]) -> None:
    laptop, prod = unique("laptop"), unique("prod")
    try:
        found = await run(example("docs/remotes.md", 'tokens.create("laptop")'), {"laptop": laptop}, admin=client)
        token = str(found["token"])
        found = await run(
            example("docs/remotes.md", "remote = await add_remote("), {"prod": prod, "eyJjbGllbnRfbmFtZSI6...": token}
        )
        address = found["remote"].addr
        assert address.startswith("https://127.")
        found = await run(example("docs/remotes.md", "print(await client.instances.names())"), {"prod": prod})
        assert found["prod"].endpoint == address and found["client"].endpoint.startswith("unix://")
    finally:
        for cert in await client.certificates.list():
            if cert.name == laptop:
                await client.certificates.delete(cert.fingerprint)


async def test_quota_example(make_project: Callable[..., Any], unique: Callable[[str], str]) -> None:
    found = await run(example("docs/testing.md", "async def test_quota"))
    await found["test_quota"](make_project, unique)


async def test_conventions_names_example(client: Client, box: tuple[str, str], unique: Callable[[str], str]) -> None:
    br0 = unique("br")
    incus("network", "create", br0, "ipv4.address=203.0.113.1/24", "ipv4.nat=false", "ipv6.address=none")
    try:
        incus("network", "forward", "create", br0, "192.0.2.10")
        incus("snapshot", "create", "c1", "snap0", project=box[0])
        found = await run(
            example("docs/conventions.md", 'forwards.delete("br0", "192.0.2.10")'),
            {"br0": br0},
            client=client.with_project(box[0]),
        )
        assert found["snapshot"].name == "snap0"
        assert incus("network", "forward", "list", br0, "-f", "csv") == ""
    finally:
        cleanup(("network", "delete", br0))


# -- images ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def busybox_tarball(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test image as a unified tarball (what the examples call busybox.tar.xz)."""
    directory = tmp_path_factory.mktemp("busybox")
    incus("image", "export", TEST_IMAGE, f"{directory}/")
    [tarball] = directory.glob("*.tar.xz")
    return tarball


async def test_readme_images_networks_storage(
    client: Client,
    make_project: Callable[..., Any],
    unique: Callable[[str], str],
    busybox_tarball: Path,
    tmp_path: Path,
) -> None:
    own: Client = await make_project(**{"features.images": "true", "features.profiles": "true"})
    bridge, laptop = unique("br"), unique("laptop")
    names = {
        "busybox.tar.xz": str(busybox_tarball),
        "/tmp/export/": f"{tmp_path}/",
        "br-test": bridge,
        "laptop": laptop,
    }
    try:
        found = await run(
            example("README.md", 'import_file("busybox.tar.xz", aliases=["bb"])'), names, project=str(own.project)
        )
        assert found["fingerprint"] == busybox_tarball.name.split(".")[0]
        assert (tmp_path / busybox_tarball.name).read_bytes() == busybox_tarball.read_bytes()
        assert (await own.images.get_by_alias("bb")).fingerprint == found["fingerprint"]
        assert (await own.profiles.get("default")).config["limits.cpu"] == "2"
        assert (await own.storage_pools.volumes.get("default", "vol1")).config["user.purpose"] == "demo"
        assert incus_query(api_path("networks", bridge))["config"]["ipv4.address"] == "none"
    finally:
        cleanup(("network", "delete", bridge))
        for token in await client.certificates.tokens.list():
            if token.client_name == laptop:
                await client.certificates.tokens.delete(token)
        cleanup(("storage", "volume", "delete", "default", "vol1"), project=own.project)


async def test_images_return_values_example(
    make_project: Callable[..., Any], busybox_tarball: Path, tmp_path: Path
) -> None:
    own: Client = await make_project(**{"features.images": "true"})
    base = await own.images.import_file(busybox_tarball)
    await own.instances.create("c1", image=base, wait=True)
    # Two more images: the same tarball recompressed (other bytes, other fingerprints).
    raw = lzma.decompress(busybox_tarball.read_bytes())
    (tmp_path / "busybox.tar.gz").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    (tmp_path / "big.tar.gz").write_bytes(gzip.compress(raw, compresslevel=1, mtime=0))
    names = {"busybox.tar.xz": str(tmp_path / "busybox.tar.gz"), "big.tar.xz": str(tmp_path / "big.tar.gz")}
    found = await run(example("docs/api/images.md", 'image = await images.publish("c1")'), names, images=own.images)
    await found["response"].wait()  # the last import, started with wait=False
    assert found["fp"] == hashlib.sha256((tmp_path / "busybox.tar.gz").read_bytes()).hexdigest()
    assert len({base, found["image"].fingerprint, found["fingerprint"], found["fp"]}) == 4
    assert len(await own.images.names()) == 5


async def test_quickstart_script(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    example("docs/quickstart.md", "examples/quickstart.py")
    spec = importlib.util.spec_from_file_location("quickstart", ROOT / "examples" / "quickstart.py")
    assert spec is not None and spec.loader is not None
    quickstart = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quickstart)
    # It starts the daemon first (scripts/incus-dev up, as root): the suite's setup did.
    started: list[Any] = []
    fake = SimpleNamespace(run=lambda *args, **kwargs: started.append(args) or CompletedProcess(args, 0))
    monkeypatch.setattr(quickstart, "subprocess", fake)
    await quickstart.main()
    out = capsys.readouterr().out
    assert "hello: Running" in out and "project usage: 1 instance(s)" in out and out.endswith("-> done\n")
    project = re.search(r"creating project (\S+)", out)
    assert project and project[1] not in incus("project", "list", "-f", "csv")
