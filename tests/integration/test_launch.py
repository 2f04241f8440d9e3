"""Launching like ``incus launch REMOTE:ALIAS`` against the real daemon.

The image server is a local simplestreams server on 127.0.0.1 (HTTPS, its
certificate pinned in a temporary CLI configuration) publishing a real
busybox image (split, default variant; unified, ``cloud`` variant) for this
host, and stand-ins for another architecture the daemon never fetches.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from incus_sdk import Client
from incus_sdk.exceptions import (
    IncusConfigError,
    IncusError,
    IncusNotFoundError,
    IncusOperationError,
    IncusTimeoutError,
)
from incus_sdk.models.image import ImageProgress
from incus_sdk.remotes import add_image_server, add_remote
from incus_sdk.simplestreams import SimpleStreams

from ..simplestreams_server import Published, Server, fake_files, host_arch, other_arch, serve
from .conftest import TEST_IMAGE, incus_json, incus_with_config
from .test_images import build_image


@dataclass
class Stream:
    """The served catalogue and the CLI configuration naming it ``ss``."""

    server: Server
    conf: Path
    default: Published  # split, host architecture
    cloud: Published  # unified, host architecture, variant "cloud"
    foreign: Published  # another architecture (never fetched)


pytestmark = pytest.mark.usefixtures("isolated_cli_config")


async def _stream(tmp_path: Path, delay: float = 0.0) -> AsyncIterator[Stream]:
    meta, rootfs = build_image("split", tmp_path / "split")
    (unified,) = build_image("unified", tmp_path / "unified")
    here, there = host_arch(), other_arch()
    default = Published("busybox", "sdk", "default", here, "20261128_0000", "busybox/sdk", [Path(meta), Path(rootfs)])
    cloud = Published("busybox", "sdk", "cloud", here, "20261128_0000", "busybox/sdk/cloud", [Path(unified)])
    foreign = Published(
        "busybox", "sdk", "default", there, "20261128_0000", "busybox/sdk", fake_files(tmp_path / "f", "fo", split=True)
    )
    async with serve([default, cloud, foreign], tmp_path, tls=True, delay=delay) as server:
        conf = tmp_path / "conf"
        assert server.certificate is not None
        add_image_server("ss", server.url, server_cert=server.certificate, config_dir=conf)
        yield Stream(server, conf, default, cloud, foreign)


@pytest.fixture
async def stream(tmp_path: Path) -> AsyncIterator[Stream]:
    async for s in _stream(tmp_path):
        yield s


@pytest.fixture
async def images_project(make_project: Callable[..., Any]) -> Client:
    """A project with images of its own (removed with it) and the default profile's root disk."""
    scoped: Client = await make_project(**{"features.images": "true", "features.profiles": "false"})
    return scoped


def image_files_fetched(server: Server) -> list[str]:
    return [p for p in server.requests if p.startswith("/images/")]


async def test_resolve_against_the_served_catalogue(stream: Stream) -> None:
    async with SimpleStreams.from_remote("ss", config_dir=stream.conf) as ss:
        assert (await ss.resolve("busybox/sdk")).fingerprint == stream.default.fingerprint
        assert (await ss.resolve("busybox/sdk/cloud")).fingerprint == stream.cloud.fingerprint
        assert (await ss.resolve(f"busybox/sdk/{other_arch()}")).fingerprint == stream.foreign.fingerprint
        cloud = await ss.get(stream.cloud.fingerprint)
        assert not cloud.split and (await ss.get(stream.default.fingerprint)).split


async def test_launch_from_simplestreams_alias(stream: Stream, images_project: Client, unique: Any) -> None:
    name = unique("ss")

    inst = await images_project.instances.launch(name, "ss:busybox/sdk", config_dir=stream.conf)

    assert inst.status == "Running"
    assert inst.config["volatile.base_image"] == stream.default.fingerprint
    project = str(images_project.project)
    shown = incus_json("list", name, project=project)
    assert shown[0]["status"] == "Running"
    image = incus_json("image", "list", project=project)
    assert [i["fingerprint"] for i in image] == [stream.default.fingerprint]
    assert image[0]["update_source"]["alias"] == "busybox/sdk"
    assert image[0]["update_source"]["protocol"] == "simplestreams"
    # Only this host's files were fetched, never the other architecture's.
    fetched = image_files_fetched(stream.server)
    assert fetched and not any(f"/{other_arch()}/" in p for p in fetched)


async def test_the_cli_launches_the_same(
    stream: Stream, images_project: Client, make_project: Callable[..., Any], unique: Any
) -> None:
    """The CLI reads the configuration the SDK wrote and launches the same image (each in its own project)."""
    cli_project: Client = await make_project(**{"features.images": "true", "features.profiles": "false"})
    sdk_name, cli_name = unique("sdk"), unique("cli")

    # In a thread: the image server runs on this test's event loop.
    await asyncio.to_thread(
        incus_with_config, stream.conf, "launch", "ss:busybox/sdk/cloud", cli_name, project=str(cli_project.project)
    )
    by_sdk = await images_project.instances.launch(sdk_name, "ss:busybox/sdk/cloud", config_dir=stream.conf)

    by_cli = await cli_project.instances.get(cli_name)
    assert by_cli.status == by_sdk.status == "Running"
    assert by_cli.config["volatile.base_image"] == by_sdk.config["volatile.base_image"] == stream.cloud.fingerprint
    listed = await asyncio.to_thread(incus_with_config, stream.conf, "image", "list", "ss:", "--format", "json")
    assert stream.cloud.fingerprint in {i["fingerprint"] for i in json.loads(listed.stdout)}


async def test_launch_reports_progress(tmp_path: Path, images_project: Client, unique: Any) -> None:
    seen: list[ImageProgress] = []
    async for slow in _stream(tmp_path, delay=0.1):
        await images_project.instances.launch(
            unique("slow"), "ss:busybox/sdk", config_dir=slow.conf, progress=seen.append
        )
    assert any(p.stage == "download_progress" and p.text for p in seen), seen


async def test_missing_image_creates_nothing(stream: Stream, images_project: Client, unique: Any) -> None:
    name = unique("none")
    with pytest.raises(IncusNotFoundError, match="nope"):
        await images_project.instances.launch(name, "ss:nope", config_dir=stream.conf)
    with pytest.raises(IncusNotFoundError):
        await images_project.instances.launch(
            name, "ss:busybox/sdk", config_dir=stream.conf, instance_type="virtual-machine"
        )
    with pytest.raises(IncusConfigError, match="'nowhere' doesn't exist"):
        await images_project.instances.launch(name, "nowhere:busybox/sdk", config_dir=stream.conf)
    with pytest.raises(IncusNotFoundError):
        await images_project.instances.launch(name, "no-such-local-alias")
    assert await images_project.instances.names() == []
    assert image_files_fetched(stream.server) == []


async def test_failed_start_leaves_nothing(project: Client, unique: Any) -> None:
    name = unique("bad")
    # A device whose host path does not exist: created fine, refused at start.
    devices = {"data": {"type": "unix-char", "source": f"/dev/sdk-missing-{name}", "path": "/dev/sdk-missing"}}

    with pytest.raises(IncusOperationError, match="Failed to start device"):
        await project.instances.launch(name, TEST_IMAGE, devices=devices)
    assert await project.instances.names() == []

    with pytest.raises(IncusOperationError):
        await project.instances.launch(name, TEST_IMAGE, devices=devices, keep_on_failure=True)
    assert (await project.instances.get(name)).status == "Stopped"


async def test_launch_local_image_with_options(project: Client, unique: Any) -> None:
    name = unique("opt")
    inst = await project.instances.launch(
        name, TEST_IMAGE, config={"user.purpose": "test"}, description="launched", start=False
    )
    assert inst.status == "Stopped"
    shown = incus_json("list", name, project=str(project.project))[0]
    assert shown["config"]["user.purpose"] == "test" and shown["description"] == "launched"
    fp = shown["config"]["volatile.base_image"]
    by_fp = await project.instances.launch(unique("fp"), fp[:12])
    assert by_fp.status == "Running" and by_fp.config["volatile.base_image"] == fp


async def test_rebuild_from_remote(stream: Stream, images_project: Client, unique: Any) -> None:
    name = unique("rb")
    await images_project.instances.launch(name, "ss:busybox/sdk", config_dir=stream.conf)
    await images_project.instances.exec(name, ["touch", "/root/marker"], check=True)

    rebuilt = await images_project.instances.rebuild_from(
        name, "ss:busybox/sdk/cloud", force=True, config_dir=stream.conf
    )

    assert rebuilt.config["volatile.base_image"] == stream.cloud.fingerprint
    await images_project.instances.start(name, wait=True)
    result = await images_project.instances.exec(name, ["test", "-e", "/root/marker"])
    assert result.exit_code == 1  # a fresh root disk


async def test_copy_image_with_its_aliases(stream: Stream, images_project: Client) -> None:
    image = await images_project.images.copy_from_remote(
        "ss:busybox/sdk", aliases=["mine"], copy_aliases=True, auto_update=True, config_dir=stream.conf
    )

    assert image.fingerprint == stream.default.fingerprint and image.auto_update
    aliases = {
        a["name"]: a["target"] for a in incus_json("image", "alias", "list", project=str(images_project.project))
    }
    assert aliases == {
        "mine": stream.default.fingerprint,
        "busybox/sdk": stream.default.fingerprint,
        f"busybox/sdk/{host_arch()}": stream.default.fingerprint,
    }
    with pytest.raises(ValueError, match="already"):
        await images_project.images.copy_from_remote("local:mine", config_dir=stream.conf)


async def test_launch_from_another_incus_server(
    client: Client, make_project: Callable[..., Any], unique: Any, tmp_path: Path, tokens: Any
) -> None:
    """An Incus remote (this daemon over HTTPS, another project): the daemon pulls a private image with a secret."""
    source: Client = await make_project(**{"features.images": "true"})
    target: Client = await make_project(**{"features.images": "true"})
    alias = unique("src")
    fp = await source.images.import_file(build_image("unified", tmp_path / "u")[0], aliases=[alias])
    conf = tmp_path / "conf"
    await add_remote("other", str(await tokens()), project=str(source.project), config_dir=conf)

    inst = await target.instances.launch(unique("pulled"), f"other:{alias}", config_dir=conf)

    assert inst.status == "Running" and inst.config["volatile.base_image"] == fp
    assert fp in {i["fingerprint"] for i in incus_json("image", "list", project=str(target.project))}


# -- readiness ---------------------------------------------------------------------------------


async def test_wait_ready(project: Client, unique: Any) -> None:
    name = unique("ready")
    await project.instances.launch(name, TEST_IMAGE)
    state = await project.instances.wait_ready(name, timeout=30)
    assert state.status == "Running" and state.processes > 0


async def test_wait_ready_for_an_address_and_a_command(project: Client, unique: Any) -> None:
    name = unique("addr")
    await project.instances.launch(name, TEST_IMAGE)
    assert (await project.instances.state(name)).network["lo"].addresses == []

    async def later() -> None:
        await asyncio.sleep(1)
        await project.instances.exec(name, ["ip", "link", "set", "lo", "up"], check=True)
        await asyncio.sleep(1)
        await project.instances.exec(name, ["touch", "/tmp/ready"], check=True)

    helper = asyncio.ensure_future(later())
    state = await project.instances.wait_ready(
        name, interface="lo", family="inet", command=["test", "-e", "/tmp/ready"], timeout=30
    )
    await helper
    assert "127.0.0.1" in [a.address for a in state.network["lo"].addresses]
    assert (await project.instances.exec(name, ["test", "-e", "/tmp/ready"])).exit_code == 0


async def test_wait_ready_wakes_on_start(project: Client, unique: Any) -> None:
    name = unique("wake")
    await project.instances.launch(name, TEST_IMAGE, start=False)

    async def start_later() -> None:
        await asyncio.sleep(1)
        await project.instances.start(name, wait=True)

    helper = asyncio.ensure_future(start_later())
    state = await project.instances.wait_ready(name, timeout=30)
    await helper
    assert state.status == "Running"


async def test_wait_ready_times_out_and_sees_stops(project: Client, unique: Any) -> None:
    name = unique("never")
    await project.instances.launch(name, TEST_IMAGE)
    with pytest.raises(IncusTimeoutError, match="'false' did not succeed"):
        await project.instances.wait_ready(name, command=["false"], timeout=2)
    with pytest.raises(IncusTimeoutError, match="no inet6 address on eth0"):
        await project.instances.wait_ready(name, interface="eth0", family="inet6", timeout=1)

    async def stop_later() -> None:
        await asyncio.sleep(1)
        await project.instances.stop(name, force=True, wait=True)

    helper = asyncio.ensure_future(stop_later())
    with pytest.raises(IncusError, match="stopped"):
        await project.instances.wait_ready(name, command=["false"], timeout=60)
    await helper
    with pytest.raises(ValueError):
        await project.instances.wait_ready(name, family="ipv4", interface="eth0")
