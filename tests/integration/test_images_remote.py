"""Images the daemon fetches itself: from another Incus server (its own HTTPS
API on loopback), from a URL (a local HTTP server on 127.0.0.1), with secrets
for private images, and refreshed from their source."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from incus_sdk import Client
from incus_sdk.exceptions import IncusBadRequestError, IncusNotFoundError, IncusOperationError
from incus_sdk.models.image import Image, ImageProgress
from incus_sdk.operations import Operation

from ..simplestreams_server import Published, host_arch, serve
from .conftest import incus_query
from .test_images import build_image, sha256_of


@pytest.fixture
async def two_projects(make_project: Callable[..., Any]) -> tuple[Client, Client]:
    """A source and a destination project, each with its own images."""
    config = {"features.images": "true", "features.profiles": "false"}
    src: Client = await make_project(**config)
    dst: Client = await make_project(**config)
    return src, dst


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def image_server(tmp_path: Path) -> AsyncIterator[tuple[str, str, list[str]]]:
    """A plain HTTP server on loopback speaking the ``url`` source protocol.

    ``HEAD /`` answers ``Incus-Image-Hash`` and ``Incus-Image-URL``; the image
    is served from ``/image.tar.xz``. Yields ``(url, fingerprint, requests)``.
    """
    path = build_image("unified", tmp_path / "served")[0]
    fingerprint = sha256_of(path)
    port = free_port()
    seen: list[str] = []

    async def index(request: web.Request) -> web.StreamResponse:
        seen.append(f"{request.method} {request.path}")
        return web.Response(
            headers={"Incus-Image-Hash": fingerprint, "Incus-Image-URL": f"http://127.0.0.1:{port}/image.tar.xz"}
        )

    async def image(request: web.Request) -> web.StreamResponse:
        seen.append(f"{request.method} {request.path}")
        return web.FileResponse(path)

    app = web.Application()
    app.router.add_route("*", "/", index)
    app.router.add_get("/image.tar.xz", image)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    yield f"http://127.0.0.1:{port}/", fingerprint, seen
    await runner.cleanup()


async def test_import_from_url(
    images_project_factory: Any, image_server: tuple[str, str, list[str]], unique: Callable[[str], str]
) -> None:
    scoped: Client = await images_project_factory()
    url, fingerprint, seen = image_server
    alias = unique("url")

    image = await scoped.images.import_url(url, aliases=[alias], properties={"via": "url"}, public=True)

    assert isinstance(image, Image)
    assert image.fingerprint == fingerprint
    assert image.properties["via"] == "url"
    assert image.public is True
    assert (await scoped.images.aliases.get(alias)).target == fingerprint
    assert seen[0] == "HEAD /" and "GET /image.tar.xz" in seen
    assert incus_query(f"/1.0/images/{fingerprint}?project={scoped.project}")["fingerprint"] == fingerprint


async def test_import_from_url_without_headers_fails(images_project_factory: Any, unique: Callable[[str], str]) -> None:
    scoped: Client = await images_project_factory()
    port = free_port()
    app = web.Application()

    async def plain(request: web.Request) -> web.StreamResponse:
        return web.Response(text="not an image server")

    app.router.add_route("*", "/", plain)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        with pytest.raises(IncusOperationError, match="Incus-Image-Hash"):
            await scoped.images.import_url(f"http://127.0.0.1:{port}/", aliases=[unique("x")])
    finally:
        await runner.cleanup()
    assert await scoped.images.names() == []
    assert await scoped.images.aliases.names() == []


@pytest.fixture
def images_project_factory(make_project: Callable[..., Any]) -> Any:
    async def make() -> Client:
        scoped: Client = await make_project(**{"features.images": "true", "features.profiles": "false"})
        return scoped

    return make


async def test_copy_public_image_from_incus_server(
    two_projects: tuple[Client, Client], https_endpoint: Any, tmp_path: Path, unique: Callable[[str], str]
) -> None:
    url, cert = https_endpoint
    src, dst = two_projects
    src_alias, dst_alias = unique("src"), unique("dst")
    fp = await src.images.import_file(build_image("unified", tmp_path / "u")[0], aliases=[src_alias], public=True)
    events: list[ImageProgress] = []

    copied = await dst.images.copy_from(
        url,
        alias=src_alias,
        certificate=cert,
        source_project=src.project,
        aliases=[dst_alias],
        properties={"copied": "yes"},
        auto_update=True,
        progress=events.append,
    )

    assert isinstance(copied, Image)
    assert copied.fingerprint == fp
    assert copied.properties["copied"] == "yes"
    assert copied.auto_update is True
    assert copied.update_source is not None
    assert (copied.update_source.server, copied.update_source.alias) == (url, src_alias)
    assert copied.update_source.protocol == "incus"
    assert (await dst.images.aliases.get(dst_alias)).target == fp
    assert dst.project and fp in [
        i["fingerprint"] for i in incus_query(f"/1.0/images?recursion=1&project={dst.project}")
    ]

    # Nothing newer at the source: the refresh succeeds and says so.
    response = await dst.images.refresh(fp)
    assert response.operation is not None and response.operation.done
    assert response.operation.metadata.get("refreshed") is False
    assert (await dst.images.get(fp)).fingerprint == fp

    # (A newer image behind the source alias is not found by a refresh in
    # Incus 6.0 when the source is a non-default project: update_source has
    # no project, so the server looks in the source's default project.)


async def test_copy_private_image_needs_a_secret(
    two_projects: tuple[Client, Client], https_endpoint: Any, tmp_path: Path
) -> None:
    url, cert = https_endpoint
    src, dst = two_projects
    fp = await src.images.import_file(*build_image("split", tmp_path / "s"))

    with pytest.raises(IncusOperationError):
        await dst.images.copy_from(url, fingerprint=fp, certificate=cert, source_project=src.project)
    assert await dst.images.names() == []

    secret_op = await src.images.create_secret(fp)
    assert isinstance(secret_op, Operation)
    secret = secret_op.metadata["secret"]
    assert secret and secret_op.status == "Running"

    copied = await dst.images.copy_from(
        url, fingerprint=fp[:12], certificate=cert, source_project=src.project, secret=secret
    )

    assert isinstance(copied, Image)
    assert copied.fingerprint == fp
    assert copied.size == (await src.images.get(fp)).size
    # The secret lives as long as its operation: cancelling revokes it.
    await secret_op.cancel()
    await secret_op.refresh()
    assert secret_op.done


async def test_untrusted_client_with_secret(images_project_factory: Any, https_endpoint: Any, tmp_path: Path) -> None:
    """An untrusted client reads and downloads a private image with a secret, and
    a public one without."""
    url, cert = https_endpoint
    scoped: Client = await images_project_factory()
    private = await scoped.images.import_file(*build_image("split", tmp_path / "s"))
    public = await scoped.images.import_file(build_image("unified", tmp_path / "u")[0], public=True)
    secret_op = await scoped.images.create_secret(private)
    secret = secret_op.metadata["secret"]
    out = tmp_path / "out"
    out.mkdir()

    async with Client(url, server_cert=cert, project=scoped.project) as untrusted:
        # Incus 6.0 answers untrusted listings only for the default project.
        with pytest.raises(IncusBadRequestError, match="default project"):
            await untrusted.images.list()
        with pytest.raises(IncusNotFoundError):
            await untrusted.images.get(private)
        assert (await untrusted.images.get(public)).public is True
        assert (await untrusted.images.get(private, secret=secret)).fingerprint == private
        paths = await untrusted.images.export(private, out, secret=secret)
        assert sha256_of(*paths) == private
        # A download with the secret ends the secret's operation.
        await secret_op.refresh()
        assert secret_op.done
        paths = await untrusted.images.export(public, out)
        assert sha256_of(*paths) == public


async def test_push_to_another_server(
    two_projects: tuple[Client, Client], https_endpoint: Any, tmp_path: Path, unique: Callable[[str], str]
) -> None:
    """The source server pushes the image to a receiver that issued a token."""
    url, cert = https_endpoint
    src, dst = two_projects
    fp = await src.images.import_file(build_image("unified", tmp_path / "u")[0])
    alias = unique("pushed")

    token = await dst.images.receive_token(fp, aliases=[alias], properties={"pushed": "yes"})
    assert token.metadata["secret"]
    response = await src.images.push(fp, url, token.metadata["secret"], certificate=cert, project=dst.project)

    assert response.operation is not None and response.operation.done
    image = await dst.images.get(fp)
    assert image.properties["pushed"] == "yes"
    assert (await dst.images.aliases.get(alias)).target == fp
    assert incus_query(f"/1.0/images/{fp}?project={dst.project}")["fingerprint"] == fp


@pytest.fixture
async def simplestreams_server(tmp_path: Path) -> AsyncIterator[tuple[str, str, list[str]]]:
    """A simplestreams server (plain HTTP on loopback) with one split image.

    The product has the alias ``busybox/sdk``. Yields ``(url, fingerprint, requests)``.
    """
    meta, rootfs = build_image("split", tmp_path / "ss")
    image = Published(
        "busybox", "sdk", "default", host_arch(), "20261128_0000", "busybox/sdk", [Path(meta), Path(rootfs)]
    )
    async with serve([image], tmp_path, tls=False) as server:
        yield server.url, sha256_of(meta, rootfs), server.requests


async def test_copy_from_simplestreams(
    images_project_factory: Any,
    simplestreams_server: tuple[str, str, list[str]],
    unique: Callable[[str], str],
) -> None:
    scoped: Client = await images_project_factory()
    url, fingerprint, seen = simplestreams_server
    alias = unique("ss")

    image = await scoped.images.copy_from(
        url, alias="busybox/sdk", protocol="simplestreams", aliases=[alias], auto_update=True
    )

    assert isinstance(image, Image)
    assert image.fingerprint == fingerprint
    assert image.update_source is not None
    assert (image.update_source.protocol, image.update_source.alias) == ("simplestreams", "busybox/sdk")
    assert image.properties["os"] == "busybox"
    assert (await scoped.images.aliases.get(alias)).target == fingerprint
    assert {p.rsplit("/", 1)[-1] for p in seen if p.startswith("/images/")} == {"incus.tar.xz", "root.tar.xz"}
    assert incus_query(f"/1.0/images/{fingerprint}?project={scoped.project}")["fingerprint"] == fingerprint

    # Nothing newer at the source: the refresh succeeds and says so. (A newer
    # version published later is not seen for an hour: the daemon caches the
    # simplestreams index.)
    response = await scoped.images.refresh(fingerprint)
    assert response.operation is not None and response.operation.metadata.get("refreshed") is False
