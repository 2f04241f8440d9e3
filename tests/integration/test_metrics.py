"""``GET /1.0/metrics`` against the daemon, with a running container of the test's own."""

from __future__ import annotations

import math
from typing import Any

import pytest

from incus_sdk import Client, IncusExtensionMissingError, IncusPermissionError
from incus_sdk._protocol.metrics import parse_metrics
from incus_sdk.models.metrics import Metrics

from .conftest import TEST_IMAGE, cert_fingerprint, incus, make_cert


@pytest.fixture
async def running(project: Client, unique: Any) -> tuple[Client, str]:
    """A running container in the test's project, started with the CLI."""
    name = unique("m")
    incus("launch", TEST_IMAGE, name, project=project.project)
    return project, name


async def test_metrics_of_a_running_container(running: tuple[Client, str]) -> None:
    scoped, name = running
    metrics = await scoped.server.metrics()
    assert isinstance(metrics, Metrics)
    mine = {"name": name, "project": scoped.project or "", "type": "container"}
    # Which families the daemon reports depends on the host (CPU accounting is
    # absent when the daemon itself runs in a container): the process count
    # and memory are always there.
    assert metrics.value("incus_procs_total", **mine) >= 1
    procs = metrics.families["incus_procs_total"]
    assert procs.type == "gauge" and procs.help
    assert metrics.value("incus_memory_MemTotal_bytes", **mine) > 0
    # Scoped to the project: no other project's instances.
    assert {s.labels.get("project") for s in metrics if "project" in s.labels} == {scoped.project}
    assert not any(math.isnan(s.value) for s in metrics.find("incus_procs_total"))

    # The CLI sees the same series for this container in the raw text (values
    # move, names and labels do not).
    cli = parse_metrics(incus("query", f"/1.0/metrics?project={scoped.project}"))

    def series(m: Metrics) -> set[tuple[str, tuple[tuple[str, str], ...]]]:
        return {(s.name, tuple(sorted(s.labels.items()))) for s in m if s.matches(name=name)}

    assert series(metrics) == series(cli) != set()


async def test_unscoped_metrics_include_every_project(client: Client, running: tuple[Client, str]) -> None:
    scoped, name = running
    text = await client.server.metrics_text()
    assert text.rstrip().endswith("# EOF")
    metrics = parse_metrics(text)
    assert metrics.find("incus_procs_total", name=name, project=scoped.project or "")
    # Daemon-wide families (incus_go_*, incus_uptime_seconds) are left out by
    # Incus 6.0.4 whenever it refreshes its 8 s per-project cache, so their
    # presence is not asserted here.


async def test_stopped_container_has_no_metrics(running: tuple[Client, str]) -> None:
    scoped, name = running
    incus("stop", "--force", name, project=scoped.project)
    metrics = await scoped.server.metrics()
    assert not metrics.find("incus_procs_total", name=name)


async def test_metrics_needs_extension(client: Client, monkeypatch: Any) -> None:
    have = await client._core.extensions()
    monkeypatch.setattr(client._core, "_extensions", have - {"metrics"})
    with pytest.raises(IncusExtensionMissingError, match="metrics"):
        await client.server.metrics()


async def test_metrics_certificate_over_https(
    client: Client, https_endpoint: Any, running: tuple[Client, str], tmp_path: Any, unique: Any
) -> None:
    url, server_pem = https_endpoint
    scoped, name = running
    cert_name = unique("sdkmetrics")
    crt, key = make_cert(tmp_path, cert_name)
    fingerprint = cert_fingerprint(crt)
    await client.certificates.create(crt, name=cert_name, type="metrics")
    try:
        async with Client(url, cert=(crt, key), server_cert=server_pem, project=scoped.project) as scraper:
            metrics = await scraper.server.metrics()
            assert metrics.find("incus_procs_total", name=name)
            # A metrics certificate reads metrics and nothing else.
            with pytest.raises(IncusPermissionError):
                await scraper.projects.names()
    finally:
        await client.certificates.delete(fingerprint)
