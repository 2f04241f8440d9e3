"""A local simplestreams image server for tests (127.0.0.1 only, HTTP or HTTPS).

:func:`catalogue` writes ``index.json`` / ``images.json`` for a list of
:class:`Published` images, with fingerprints computed as Incus does (the
file's SHA-256 for a unified tarball, the SHA-256 of metadata then root file
for a split image). :func:`serve` serves them, recording each request path.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import socket
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from .certs import self_signed

#: The combined-fingerprint field of the metadata item, per root file type.
COMBINED = {
    "root.tar.xz": "combined_rootxz_sha256",
    "squashfs": "combined_squashfs_sha256",
    "disk-kvm.img": "combined_disk-kvm-img_sha256",
}


def sha256_of(*paths: str | Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def host_arch() -> str:
    """This host's architecture as image servers name it (amd64, arm64...)."""
    machine = os.uname().machine
    return {"x86_64": "amd64", "aarch64": "arm64", "i686": "i386", "armv7l": "armhf"}.get(machine, machine)


def other_arch() -> str:
    """An architecture this host does not run."""
    return "s390x" if host_arch() != "s390x" else "riscv64"


@dataclass
class Published:
    """One image version on the server.

    ``files`` is ``[unified]`` or ``[metadata, root]``; ``root_type`` is the
    simplestreams type of the root file (``root.tar.xz``, ``squashfs``,
    ``disk-kvm.img``).
    """

    os: str
    release: str
    variant: str
    arch: str
    serial: str
    aliases: str
    files: list[Path]
    root_type: str = "root.tar.xz"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def product(self) -> str:
        return f"{self.os}:{self.release}:{self.arch}:{self.variant}"

    @property
    def fingerprint(self) -> str:
        return sha256_of(*self.files)

    @property
    def split(self) -> bool:
        return len(self.files) == 2


def catalogue(images: list[Published]) -> tuple[dict[str, Any], dict[str, Any], dict[str, Path]]:
    """``(index, products, files by served path)`` for the images."""
    products: dict[str, Any] = {}
    served: dict[str, Path] = {}
    for image in images:
        product = products.setdefault(
            image.product,
            {
                "aliases": image.aliases,
                "arch": image.arch,
                "os": image.os,
                "release": image.release,
                "release_title": image.release,
                "variant": image.variant,
                "versions": {},
                **image.extra,
            },
        )
        base = f"images/{image.os}/{image.release}/{image.arch}/{image.variant}/{image.serial}"
        # The root files of one version share its metadata item, which holds
        # one combined fingerprint per root file type.
        items: dict[str, Any] = product["versions"].setdefault(image.serial, {"items": {}})["items"]
        if image.split:
            meta, root = image.files
            assert served.setdefault(f"{base}/incus.tar.xz", meta) == meta, "one metadata file per version"
            served[f"{base}/{image.root_type}"] = root
            items.setdefault(
                "incus.tar.xz",
                {
                    "ftype": "incus.tar.xz",
                    "path": f"{base}/incus.tar.xz",
                    "sha256": sha256_of(meta),
                    "size": meta.stat().st_size,
                },
            )[COMBINED[image.root_type]] = image.fingerprint
            items[image.root_type] = {
                "ftype": image.root_type,
                "path": f"{base}/{image.root_type}",
                "sha256": sha256_of(root),
                "size": root.stat().st_size,
            }
        else:
            (unified,) = image.files
            served[f"{base}/incus.tar.gz"] = unified
            items["incus_combined.tar.gz"] = {
                "ftype": "incus_combined.tar.gz",
                "path": f"{base}/incus.tar.gz",
                "sha256": sha256_of(unified),
                "size": unified.stat().st_size,
            }
    index = {
        "format": "index:1.0",
        "index": {
            "images": {
                "datatype": "image-downloads",
                "path": "streams/v1/images.json",
                "format": "products:1.0",
                "products": sorted(products),
            }
        },
    }
    doc = {"content_id": "images", "datatype": "image-downloads", "format": "products:1.0", "products": products}
    return index, doc, served


def fake_files(directory: Path, name: str, *, split: bool, meta: Path | None = None) -> list[Path]:
    """Files with random content standing in for an image the daemon never fetches.

    ``meta`` reuses a metadata file (root files of one version share it).
    """
    directory.mkdir(parents=True, exist_ok=True)
    names = [f"{name}.meta", f"{name}.root"] if split else [f"{name}.tar.gz"]
    out = []
    for file_name in names:
        if meta is not None and file_name.endswith(".meta"):
            out.append(meta)
            continue
        path = directory / file_name
        path.write_bytes(os.urandom(2048))
        out.append(path)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_certificate(directory: Path) -> tuple[str, str, str]:
    """A self-signed server certificate for 127.0.0.1 / localhost: ``(cert path, key path, PEM)``."""
    pem, key_pem = self_signed(
        "incus-sdk-test-simplestreams", server=True, dns_names=("localhost",), ips=("127.0.0.1",)
    )
    directory.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = directory / "server.crt", directory / "server.key"
    cert_path.write_text(pem)
    key_path.write_text(key_pem)
    return str(cert_path), str(key_path), pem


@dataclass
class Server:
    """A running server: its URL, the PEM of its certificate (HTTPS), the paths asked."""

    url: str
    certificate: str | None
    requests: list[str]
    images: list[Published]


async def _slowly(request: web.Request, path: Path, delay: float) -> web.StreamResponse:
    data = path.read_bytes()
    reply = web.StreamResponse(headers={"Content-Length": str(len(data))})
    await reply.prepare(request)
    for start in range(0, len(data), 1 << 16):
        await reply.write(data[start : start + (1 << 16)])
        await asyncio.sleep(delay)
    await reply.write_eof()
    return reply


@asynccontextmanager
async def serve(
    images: list[Published], directory: Path, *, tls: bool = True, delay: float = 0.0
) -> AsyncIterator[Server]:
    """Serve the images' catalogue and files on 127.0.0.1.

    ``delay`` makes image files arrive slowly (that many seconds per 64 KiB),
    so that a download lasts long enough to report progress.
    """
    index, products, files = catalogue(images)
    seen: list[str] = []

    async def handle(request: web.Request) -> web.StreamResponse:
        seen.append(request.path)
        path = request.path.lstrip("/")
        if path == "streams/v1/index.json":
            return web.json_response(index)
        if path == "streams/v1/images.json":
            return web.json_response(products)
        if path in files and delay:
            return await _slowly(request, files[path], delay)
        if path in files:
            return web.FileResponse(files[path])
        return web.Response(status=404)

    app = web.Application()
    app.router.add_get("/{tail:.*}", handle)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    port = free_port()
    context = None
    pem = None
    if tls:
        cert_path, key_path, pem = server_certificate(directory / "tls")
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert_path, key_path)
    await web.TCPSite(runner, "127.0.0.1", port, ssl_context=context).start()
    try:
        yield Server(f"{'https' if tls else 'http'}://127.0.0.1:{port}", pem, seen, images)
    finally:
        await runner.cleanup()
