"""The simplestreams client against a local server: catalogue, aliases, cache, downloads, hostile replies."""

from __future__ import annotations

import gc
import json
from collections.abc import AsyncIterator
from datetime import timezone
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from incus_sdk import simplestreams
from incus_sdk.exceptions import IncusConnectionError, IncusError, IncusNotFoundError
from incus_sdk.remotes import add_image_server
from incus_sdk.simplestreams import SimpleStreams, host_architectures, image_fingerprint

from ..simplestreams_server import (
    Published,
    Server,
    fake_files,
    free_port,
    host_arch,
    other_arch,
    serve,
    server_certificate,
)

HOST = host_architectures()[0]
OTHER = simplestreams.architecture_name(other_arch())


def published(tmp_path: Path) -> dict[str, Published]:
    """Two architectures, two versions, unified and split, a VM, a variant."""
    files = tmp_path / "files"
    here, there = host_arch(), other_arch()
    new = fake_files(files, "nx", split=True)

    def busybox(arch: str, serial: str, files: list[Path], **more: Any) -> Published:
        options = {"variant": "default", "aliases": "busybox/sdk,bb", **more}
        return Published(
            "Busybox", "sdk", options.pop("variant"), arch, serial, options.pop("aliases"), files, **options
        )

    return {
        "old": busybox(here, "20260101_0000", fake_files(files, "old", split=True)),
        "new_rootxz": busybox(here, "20261128_0000", new),
        "new_squashfs": busybox(
            here, "20261128_0000", fake_files(files, "ns", split=True, meta=new[0]), root_type="squashfs"
        ),
        "vm": busybox(
            here, "20261128_0000", fake_files(files, "vm", split=True, meta=new[0]), root_type="disk-kvm.img"
        ),
        "cloud": busybox(
            here, "20261128_0000", fake_files(files, "cl", split=False), variant="cloud", aliases="busybox/sdk/cloud"
        ),
        "foreign": busybox(there, "20261128_0000", fake_files(files, "fo", split=True)),
        "foreign_only": Published(
            "Other", "1", "default", there, "20261128_0000", "other/1", fake_files(files, "oo", split=False)
        ),
    }


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[tuple[Server, dict[str, Published]]]:
    images = published(tmp_path)
    async with serve(list(images.values()), tmp_path, tls=True) as srv:
        yield srv, images


def client(srv: Server, **options: Any) -> SimpleStreams:
    return SimpleStreams(srv.url, server_cert=srv.certificate, **options)


async def test_images_fingerprints_and_order(server: tuple[Server, dict[str, Published]]) -> None:
    srv, images = server
    async with client(srv) as ss:
        listed = await ss.list()
    by_fp = {i.fingerprint: i for i in listed}
    assert set(by_fp) == {p.fingerprint for p in images.values()}
    # Unified: the file's SHA-256; split: metadata then root file.
    cloud = by_fp[images["cloud"].fingerprint]
    assert cloud.fingerprint == image_fingerprint(*images["cloud"].files) and not cloud.split
    assert cloud.file_type == "incus_combined.tar.gz"
    squash = by_fp[images["new_squashfs"].fingerprint]
    assert squash.split and squash.file_type == "squashfs" and squash.type == "container"
    assert squash.fingerprint == image_fingerprint(*images["new_squashfs"].files)
    assert [f.path.rsplit("/", 1)[-1] for f in squash.files] == ["incus.tar.xz", "squashfs"]
    assert by_fp[images["vm"].fingerprint].type == "virtual-machine"
    assert squash.architecture == HOST and by_fp[images["foreign"].fingerprint].architecture == OTHER
    assert squash.properties["serial"] == "20261128_0000" and squash.properties["os"] == "Busybox"
    assert squash.size == sum(p.stat().st_size for p in images["new_squashfs"].files)
    # Incus's order: os, release, variant, newest serial, architecture, preferred file type.
    default_host = [i for i in listed if i.variant == "default" and i.architecture == HOST and i.os == "Busybox"]
    assert [i.fingerprint for i in default_host] == [
        images[k].fingerprint for k in ("new_squashfs", "new_rootxz", "vm", "old")
    ]


async def test_search(server: tuple[Server, dict[str, Published]]) -> None:
    srv, images = server
    async with client(srv) as ss:
        assert {i.fingerprint for i in await ss.list(architecture=other_arch())} == {
            images["foreign"].fingerprint,
            images["foreign_only"].fingerprint,
        }
        assert [i.fingerprint for i in await ss.list(type="virtual-machine")] == [images["vm"].fingerprint]
        assert [i.fingerprint for i in await ss.list(os="busybox", variant="CLOUD")] == [images["cloud"].fingerprint]
        assert await ss.list(release="nope") == []
        products = await ss.products(os="busybox", architecture=HOST)
        assert [p.id for p in products] == sorted({images["old"].product, images["cloud"].product})
        assert products[0].versions == ["20261128_0000", "20260101_0000"] or products[1].versions == [
            "20261128_0000",
            "20260101_0000",
        ]
        with pytest.raises(ValueError):
            await ss.list(type="vm")
        with pytest.raises(ValueError):
            await ss.list(architecture="pdp11")


async def test_resolve_aliases(server: tuple[Server, dict[str, Published]]) -> None:
    srv, images = server
    async with client(srv) as ss:
        # Newest version, preferred file type (squashfs), container, this host.
        assert (await ss.resolve("busybox/sdk")).fingerprint == images["new_squashfs"].fingerprint
        assert (await ss.resolve("bb")).fingerprint == images["new_squashfs"].fingerprint
        assert (await ss.resolve("busybox/sdk", type="virtual-machine")).fingerprint == images["vm"].fingerprint
        # A variant.
        assert (await ss.resolve("busybox/sdk/cloud")).fingerprint == images["cloud"].fingerprint
        # Another architecture: asked for, or named by a NAME/ARCH alias.
        assert (await ss.resolve("busybox/sdk", architecture=OTHER)).fingerprint == images["foreign"].fingerprint
        named = await ss.resolve(f"busybox/sdk/{other_arch()}")
        assert named.fingerprint == images["foreign"].fingerprint
        assert (await ss.resolve(f"busybox/sdk/{host_arch()}")).fingerprint == images["new_squashfs"].fingerprint
        # Only published for another architecture: not found for this host.
        with pytest.raises(IncusNotFoundError, match="other/1"):
            await ss.resolve("other/1")
        assert (await ss.resolve("other/1", architecture=[HOST, OTHER])).fingerprint == images[
            "foreign_only"
        ].fingerprint
        with pytest.raises(IncusNotFoundError):
            await ss.resolve("busybox/sdk/cloud", type="virtual-machine")
        image = await ss.get(images["new_squashfs"].fingerprint[:12])
        assert set(image.aliases) == {"busybox/sdk", f"busybox/sdk/{host_arch()}", "bb", f"bb/{host_arch()}"}
        assert (await ss.get(images["old"].fingerprint)).aliases == []
        with pytest.raises(IncusNotFoundError):
            await ss.get("0" * 64)
        # A whole fingerprint is looked up, in either case; one digit more is no image.
        old = images["old"].fingerprint
        assert (await ss.get(old.upper())).fingerprint == old
        with pytest.raises(IncusNotFoundError):
            await ss.get(old + "0")


async def test_resolve_builds_only_the_image_it_gives(
    server: tuple[Server, dict[str, Published]], monkeypatch: pytest.MonkeyPatch
) -> None:
    srv, images = server

    def refuse(catalogue: Any) -> Any:
        raise AssertionError("every image built")

    with monkeypatch.context() as patch:
        patch.setattr(simplestreams._Catalogue, "build_every", refuse)
        async with client(srv) as ss:
            resolved = await ss.resolve("busybox/sdk")
            assert await ss.get(resolved.fingerprint[:12]) is resolved
            assert (await ss.get(images["old"].fingerprint)).aliases == []
            with pytest.raises(AssertionError, match="every image built"):
                await ss.list()
    async with ss:
        listed = await ss.list()  # the image given out before is the one listed
        assert any(i is resolved for i in listed) and await ss.resolve("busybox/sdk") is resolved


async def test_aliases_list(server: tuple[Server, dict[str, Published]]) -> None:
    srv, images = server
    async with client(srv) as ss:
        host = await ss.aliases(architecture=HOST, type="container")
        assert {(a.name, a.target) for a in host} == {
            ("busybox/sdk", images["new_squashfs"].fingerprint),
            (f"busybox/sdk/{host_arch()}", images["new_squashfs"].fingerprint),
            ("bb", images["new_squashfs"].fingerprint),
            (f"bb/{host_arch()}", images["new_squashfs"].fingerprint),
            ("busybox/sdk/cloud", images["cloud"].fingerprint),
            (f"busybox/sdk/cloud/{host_arch()}", images["cloud"].fingerprint),
        }
        everything = await ss.aliases()
        assert {a.architecture for a in everything} == {HOST, OTHER}
        assert any(a.type == "virtual-machine" for a in everything)


async def test_catalogue_is_cached(server: tuple[Server, dict[str, Published]], tmp_path: Path) -> None:
    srv, _ = server
    async with client(srv) as ss:
        await ss.list()
        await ss.resolve("busybox/sdk")
        await ss.aliases()
    assert srv.requests.count("/streams/v1/index.json") == 1
    assert srv.requests.count("/streams/v1/images.json") == 1
    async with client(srv, cache_ttl=0) as ss:
        await ss.list()
        await ss.list()
    assert srv.requests.count("/streams/v1/images.json") == 3
    # On disk: another client (another run) reads the cache while it is fresh.
    cache = tmp_path / "cache"
    async with client(srv, cache_dir=cache) as ss:
        first = await ss.list()
    before = len(srv.requests)
    async with client(srv, cache_dir=cache) as ss:
        assert await ss.list() == first
    assert len(srv.requests) == before


async def test_stale_disk_cache_serves_when_the_server_is_down(tmp_path: Path) -> None:
    images = published(tmp_path)
    cache = tmp_path / "cache"
    async with serve(list(images.values()), tmp_path, tls=False) as srv:
        async with SimpleStreams(srv.url, cache_dir=cache) as ss:
            first = await ss.list()
        url = srv.url
    async with SimpleStreams(url, cache_dir=cache, cache_ttl=0) as ss:
        assert await ss.list() == first
    async with SimpleStreams(url, cache_ttl=0) as ss:
        with pytest.raises(IncusConnectionError):
            await ss.list()


async def test_download_verifies(server: tuple[Server, dict[str, Published]], tmp_path: Path) -> None:
    srv, images = server
    out = tmp_path / "out"
    out.mkdir()
    seen: list[int] = []
    async with client(srv) as ss:
        paths = await ss.download(images["new_squashfs"].fingerprint, out, progress=lambda p: seen.append(p.done))
        assert [p.read_bytes() for p in paths] == [f.read_bytes() for f in images["new_squashfs"].files]
        assert image_fingerprint(*paths) == images["new_squashfs"].fingerprint
        assert seen and seen[-1] == sum(p.stat().st_size for p in paths)
        (unified,) = await ss.download(await ss.resolve("busybox/sdk/cloud"), out)
        assert unified.read_bytes() == images["cloud"].files[0].read_bytes()
        # The server now serves other bytes for a file: refused, nothing left.
        vm = images["vm"].fingerprint
        images["vm"].files[1].write_bytes(b"x" * images["vm"].files[1].stat().st_size)
        before = sorted(out.iterdir())
        with pytest.raises(IncusError, match="hashes to"):
            await ss.download(vm, out)
        assert sorted(out.iterdir()) == before


async def test_pinned_certificate(server: tuple[Server, dict[str, Published]], tmp_path: Path) -> None:
    srv, _ = server
    _, _, wrong = server_certificate(tmp_path / "other")
    async with SimpleStreams(srv.url, server_cert=wrong) as ss:
        with pytest.raises(IncusConnectionError):
            await ss.list()
    async with SimpleStreams(srv.url) as ss:  # the system CAs do not know it
        with pytest.raises(IncusConnectionError):
            await ss.list()


async def test_from_remote(server: tuple[Server, dict[str, Published]], tmp_path: Path) -> None:
    srv, images = server
    conf = tmp_path / "conf"
    assert srv.certificate is not None
    add_image_server("mirror", srv.url, server_cert=srv.certificate, config_dir=conf)
    async with SimpleStreams.from_remote("mirror", config_dir=conf) as ss:
        assert ss.certificate == srv.certificate
        assert (await ss.resolve("busybox/sdk")).fingerprint == images["new_squashfs"].fingerprint


# -- hostile or broken servers --------------------------------------------------------


@pytest.fixture
async def raw_server() -> AsyncIterator[Any]:
    runners: list[web.AppRunner] = []

    async def start(routes: dict[str, Any]) -> str:
        async def handle(request: web.Request) -> web.StreamResponse:
            reply = routes.get(request.path)
            if reply is None:
                return web.Response(status=404)
            return reply() if callable(reply) else web.Response(body=reply)

        app = web.Application()
        app.router.add_get("/{tail:.*}", handle)
        runner = web.AppRunner(app, shutdown_timeout=0.1)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        runners.append(runner)
        return f"http://127.0.0.1:{port}"

    yield start
    for runner in runners:
        await runner.cleanup()


def index_to(*paths: str) -> bytes:
    entries = {
        f"c{n}": {"datatype": "image-downloads", "path": path, "products": ["x"]} for n, path in enumerate(paths)
    }
    return json.dumps({"index": entries}).encode()


@pytest.mark.parametrize(
    ("routes", "error", "match"),
    [
        ({"/streams/v1/index.json": b"<html>"}, IncusError, "not valid JSON"),
        ({"/streams/v1/index.json": b"[]"}, IncusError, "not a simplestreams index"),
        ({}, IncusNotFoundError, "HTTP 404"),
        ({"/streams/v1/index.json": index_to("../../etc/passwd")}, IncusError, "outside itself"),
        ({"/streams/v1/index.json": index_to("http://elsewhere.invalid/x.json")}, IncusError, "outside itself"),
        (
            {
                "/streams/v1/index.json": index_to("streams/v1/images.json"),
                "/streams/v1/images.json": b'{"products": 3}',
            },
            IncusError,
            "not a simplestreams catalogue",
        ),
        (
            {
                "/streams/v1/index.json": lambda: web.Response(
                    status=302, headers={"Location": "http://127.0.0.1:9/streams/v1/index.json"}
                )
            },
            IncusError,
            "HTTP 302",
        ),
        (  # the first catalogue's error, as it is read before the second is fetched
            {
                "/streams/v1/index.json": index_to("streams/v1/a.json", "streams/v1/b.json"),
                "/streams/v1/a.json": b"<html>",
            },
            IncusError,
            "a.json is not valid JSON",
        ),
        (
            {
                "/streams/v1/index.json": index_to("streams/v1/a.json", "streams/v1/b.json"),
                "/streams/v1/a.json": b"{}",
            },
            IncusError,
            "a.json is not a simplestreams catalogue",
        ),
        (
            {
                "/streams/v1/index.json": index_to("streams/v1/a.json", "streams/v1/b.json"),
                "/streams/v1/a.json": b'{"products": {}}',
            },
            IncusNotFoundError,
            "b.json: HTTP 404",
        ),
    ],
)
async def test_broken_servers(raw_server: Any, routes: dict[str, Any], error: type[Exception], match: str) -> None:
    url = await raw_server(routes)
    async with SimpleStreams(url) as ss:
        with pytest.raises(error, match=match):
            await ss.list()


async def test_catalogue_size_is_capped(raw_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(simplestreams, "MAX_CATALOGUE_BYTES", 1000)
    url = await raw_server({"/streams/v1/index.json": b" " * 5000 + b"{}"})
    async with SimpleStreams(url) as ss:
        with pytest.raises(IncusError, match="larger than 1000 bytes"):
            await ss.list()


async def test_malformed_entries_are_skipped(raw_server: Any) -> None:
    good = "a" * 64
    products = {
        "products": {
            "bad-arch": {
                "arch": "pdp11",
                "versions": {
                    "20260101": {"items": {"u": {"ftype": "incus_combined.tar.gz", "path": "x", "sha256": "b" * 64}}}
                },
            },
            "bad-date": {
                "arch": "amd64",
                "versions": {
                    "latest": {"items": {"u": {"ftype": "incus_combined.tar.gz", "path": "x", "sha256": "c" * 64}}}
                },
            },
            "bad-hash": {
                "arch": "amd64",
                "versions": {
                    "20260101": {"items": {"u": {"ftype": "incus_combined.tar.gz", "path": "x", "sha256": "XYZ"}}}
                },
            },
            "no-path": {
                "arch": "amd64",
                "versions": {"20260101": {"items": {"u": {"ftype": "incus_combined.tar.gz", "sha256": "d" * 64}}}},
            },
            "not-a-dict": 7,
            "good": {
                "arch": "amd64",
                "aliases": "g",
                "versions": {
                    "20260101": {"items": {"u": {"ftype": "incus_combined.tar.gz", "path": "x", "sha256": good}}}
                },
            },
        }
    }
    url = await raw_server(
        {
            "/streams/v1/index.json": index_to("streams/v1/images.json"),
            "/streams/v1/images.json": json.dumps(products).encode(),
        }
    )
    async with SimpleStreams(url, architectures=["amd64"]) as ss:
        assert [i.fingerprint for i in await ss.list()] == [good]
        assert (await ss.resolve("g")).fingerprint == good


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        SimpleStreams("ftp://example.invalid")
    with pytest.raises(ValueError):
        SimpleStreams("https://example.invalid", architectures=["pdp11"])
    assert simplestreams.architecture_name("amd64") == "x86_64"
    assert host_architectures("x86_64") == ["x86_64", "i686"]
    assert host_architectures("aarch64")[0] == "aarch64"


# -- the parsed catalogue in cache_dir ------------------------------------------------


def parsed_file(cache: Path) -> Path:
    (found,) = cache.glob("*.parsed.json")
    return found


async def list_cached(srv: Server, cache: Path) -> tuple[list[simplestreams.SimpleStreamsImage], Path]:
    """The images, listed by a client with ``cache_dir=cache``, and the parsed file it leaves there."""
    async with client(srv, cache_dir=cache) as ss:
        listed = await ss.list()
    return listed, parsed_file(cache)


def not_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make parsing the server's files fail: what is listed then comes from the parsed copy."""

    def refuse(files: Any) -> Any:
        raise AssertionError("parsed again")

    monkeypatch.setattr(simplestreams, "_build_catalogue", refuse)


def details(images: list[simplestreams.SimpleStreamsImage]) -> list[Any]:
    """What equality of models leaves out: dates' repr (their tzinfo), fields set, properties' order."""
    return [
        (repr(i.created_at), repr(i.expires_at), i.model_fields_set, list(i.properties), i.files[0].model_fields_set)
        for i in images
    ]


async def test_disk_cache_gives_what_the_server_gives(
    server: tuple[Server, dict[str, Published]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srv, images = server
    async with client(srv) as ss:
        fetched = (await ss.list(), await ss.products(), await ss.aliases())
    cache = tmp_path / "cache"
    async with client(srv, cache_dir=cache) as ss:
        assert (await ss.list(), await ss.products(), await ss.aliases()) == fetched
    assert parsed_file(cache).read_bytes().startswith(b'{"format": "incus_sdk.simplestreams.parsed/')
    not_parsed_again(monkeypatch)
    async with client(srv, cache_dir=cache) as ss:
        cached = (await ss.list(), await ss.products(), await ss.aliases())
        assert (await ss.resolve("busybox/sdk")).fingerprint == images["new_squashfs"].fingerprint
    assert cached == fetched
    assert details(cached[0]) == details(fetched[0])
    assert cached[0][0].created_at is not None and cached[0][0].created_at.tzinfo is timezone.utc


def corrupt(kind: str, data: bytes) -> bytes:
    header, _, body = data.partition(b"\n")
    if kind == "garbage":
        return b"\x00\xff not json at all"
    if kind == "truncated":
        return data[: len(data) // 2]
    if kind == "no header":
        return body
    if kind == "another format":
        return header.replace(b".parsed/", b".parsed/0") + b"\n" + body
    if kind == "other files":
        other = json.loads(header) | {"sources": "0" * 64}
        return json.dumps(other).encode() + b"\n" + body
    if kind == "another shape":
        return header + b'\n{"images": 3, "entries": [], "products": []}'
    if kind == "wrong types":
        return header + b'\n{"images": [{"fingerprint": 5}], "entries": [["a"]], "products": []}'
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind", ["garbage", "truncated", "no header", "another format", "other files", "another shape", "wrong types"]
)
async def test_a_bad_parsed_file_is_ignored_and_replaced(
    server: tuple[Server, dict[str, Published]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    srv, _ = server
    cache = tmp_path / "cache"
    fetched, parsed = await list_cached(srv, cache)
    good = parsed.read_bytes()
    parsed.write_bytes(corrupt(kind, good))
    requests = len(srv.requests)
    listed, _ = await list_cached(srv, cache)
    assert listed == fetched and details(listed) == details(fetched)
    assert len(srv.requests) == requests  # the server's files still came from the cache
    assert parsed.read_bytes() == good  # parsed again, and kept again
    not_parsed_again(monkeypatch)
    async with client(srv, cache_dir=cache) as ss:
        assert await ss.list() == fetched


async def test_a_parsed_file_that_cannot_be_written_is_done_without(
    server: tuple[Server, dict[str, Published]], tmp_path: Path
) -> None:
    srv, _ = server
    cache = tmp_path / "cache"
    fetched, parsed = await list_cached(srv, cache)
    parsed.unlink()
    parsed.mkdir()  # in the way: neither read nor replaced
    for _ in range(2):
        async with client(srv, cache_dir=cache) as ss:
            assert await ss.list() == fetched
    assert parsed.is_dir() and not list(cache.glob(".*"))  # no temporary file left either


def catalogue_of(fingerprint: str) -> bytes:
    item = {"ftype": "incus_combined.tar.gz", "path": "x", "sha256": fingerprint}
    product = {"arch": "amd64", "aliases": "g", "versions": {"20260101": {"items": {"u": item}}}}
    return json.dumps({"products": {"p": product}}).encode()


async def test_the_parsed_file_follows_the_server(
    raw_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    routes = {"/streams/v1/index.json": index_to("streams/v1/images.json")}
    routes["/streams/v1/images.json"] = catalogue_of("a" * 64)
    url = await raw_server(routes)
    cache = tmp_path / "cache"
    async with SimpleStreams(url, cache_dir=cache, cache_ttl=0) as ss:
        assert [i.fingerprint for i in await ss.list()] == ["a" * 64]
    routes["/streams/v1/images.json"] = catalogue_of("b" * 64)
    async with SimpleStreams(url, cache_dir=cache, cache_ttl=0) as ss:
        assert [i.fingerprint for i in await ss.list()] == ["b" * 64]
    # Fetched again, the same files: what they parse to is read back.
    not_parsed_again(monkeypatch)
    async with SimpleStreams(url, cache_dir=cache, cache_ttl=0, architectures=["amd64"]) as ss:
        assert (await ss.resolve("g")).fingerprint == "b" * 64
        ss.invalidate()
    assert not list(cache.glob("*.parsed.json")) and not list(cache.glob("*/*"))


async def test_a_catalogue_that_does_not_parse_is_not_kept(raw_server: Any, tmp_path: Path) -> None:
    url = await raw_server(
        {"/streams/v1/index.json": index_to("streams/v1/images.json"), "/streams/v1/images.json": b'{"products": 3}'}
    )
    cache = tmp_path / "cache"
    async with SimpleStreams(url, cache_dir=cache) as ss:
        with pytest.raises(IncusError, match="not a simplestreams catalogue"):
            await ss.list()
    assert sorted(p.name for p in cache.rglob("*") if p.is_file()) == ["index.json"]


@pytest.mark.parametrize("enabled", [True, False])
async def test_the_collector_is_left_as_it_was(
    server: tuple[Server, dict[str, Published]], tmp_path: Path, enabled: bool
) -> None:
    srv, _ = server
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        for cache in (None, tmp_path / "cache", tmp_path / "cache"):
            async with client(srv, cache_dir=cache) as ss:
                await ss.list()
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
