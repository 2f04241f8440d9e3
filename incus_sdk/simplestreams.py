"""A client for simplestreams image servers, such as the CLI's ``images:`` remote.

A simplestreams server publishes ``streams/v1/index.json``, which names the
product catalogues (``streams/v1/images.json``), which list products (an OS
release and variant for one architecture), each with dated versions whose
items are the image files. :class:`SimpleStreams` reads them as Incus does
(``shared/simplestreams`` in Incus 6.0):

- an image is a unified tarball (``incus_combined.tar.gz``; its fingerprint
  is the file's SHA-256), or a metadata tarball (``incus.tar.xz``) plus a
  root file (``root.tar.xz``, ``squashfs``: a container; ``disk-kvm.img``,
  ``uefi1.img``, ``disk1.img``: a virtual machine), whose fingerprint is the
  SHA-256 of both files one after the other, published in the metadata
  item's ``combined_*_sha256`` field;
- each product's aliases (``debian/12``, ``debian/12/cloud``...) name its
  newest version of each type, per architecture; ``NAME/ARCH`` aliases
  (``debian/12/arm64``) name one architecture explicitly.

The catalogues are fetched once and kept for ``cache_ttl`` seconds, in
memory and optionally in ``cache_dir`` (where a stale copy is used when the
server cannot be reached, as the CLI does), with what they parse to (read
back instead of parsing the same files again). Transfers are streamed with
a size cap; image files are verified against their SHA-256 as they arrive.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import json
import os
import re
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import cache, cached_property
from pathlib import Path
from typing import Any, List, NamedTuple, TypeVar
from urllib.parse import urlsplit

import aiohttp
from pydantic import Field, TypeAdapter
from typing_extensions import TypedDict

from ._cliconfig import CLIConfig, _server_trust, load_config
from ._closing import ClosedOnExit
from ._transfer import Progress, ProgressCallback, report
from ._transport import build_ssl_context
from .exceptions import IncusConfigError, IncusConnectionError, IncusError, IncusNotFoundError, IncusTimeoutError
from .models._base import IncusModel

INDEX_PATH = "streams/v1/index.json"
#: Largest index or catalogue accepted (the public server's is a few MiB).
MAX_CATALOGUE_BYTES = 256 << 20
_CHUNK = 1 << 20

CONTAINER = "container"
VIRTUAL_MACHINE = "virtual-machine"
#: Root file types, in Incus's order of preference for one version.
ROOT_FILE_TYPES = ("squashfs", "root.tar.xz", "disk-kvm.img", "uefi1.img", "disk1.img")
_VM_FILE_TYPES = frozenset({"disk-kvm.img", "uefi1.img", "disk1.img"})
#: The metadata item's field holding the combined fingerprint, per root file type.
_COMBINED_FIELD = {
    "root.tar.xz": ("combined_rootxz_sha256", "combined_sha256"),
    "squashfs": ("combined_squashfs_sha256",),
    "disk-kvm.img": ("combined_disk-kvm-img_sha256",),
    "disk1.img": ("combined_disk1-img_sha256",),
    "uefi1.img": ("combined_uefi1-img_sha256",),
}
_HEX64 = re.compile(r"[0-9a-f]{64}")

#: Linux architecture names as Incus spells them, with the other names that
#: image servers use for them, and the 32-bit ones each can also run.
_ARCHITECTURES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "i686": (("i386", "i586", "386", "x86", "generic_32"), ()),
    "x86_64": (("amd64", "generic_64"), ("i686",)),
    "armv6l": (("armel", "arm"), ()),
    "armv7l": (("armhf", "armhfp", "armv7a_hardfp", "armv7", "armv7a_vfpv3_hardfp"), ("armv6l",)),
    "armv8l": ((), ("armv6l", "armv7l")),
    "aarch64": (("arm64", "arm64_generic"), ("armv6l", "armv7l", "armv8l")),
    "ppc": (("powerpc",), ()),
    "ppc64": (("powerpc64",), ("ppc",)),
    "ppc64le": (("ppc64el",), ()),
    "s390x": ((), ()),
    "mips": (("mipsel", "mipsle"), ()),
    "mips64": (("mips64el", "mips64le"), ("mips",)),
    "riscv32": ((), ()),
    "riscv64": ((), ()),
    "loongarch64": (("loong64",), ()),
}
_ARCH_BY_ALIAS = {alias: name for name, (aliases, _) in _ARCHITECTURES.items() for alias in (name, *aliases)}


def architecture_name(name: str) -> str | None:
    """Incus's name for an architecture (``amd64`` -> ``x86_64``), or None if unknown."""
    return _ARCH_BY_ALIAS.get(name)


def host_architectures(machine: str | None = None) -> list[str]:
    """The architectures this host runs, preferred first: its own, then its 32-bit personalities.

    Args:
        machine: The machine name (default: ``os.uname().machine``).
    """
    native = architecture_name(machine or os.uname().machine)
    if native is None:
        return []
    return [native, *_ARCHITECTURES[native][1]]


def image_fingerprint(*paths: str | os.PathLike[str]) -> str:
    """The fingerprint Incus gives an image made of these files (metadata first).

    The SHA-256 of the unified tarball, or of the metadata tarball and the
    root file one after the other.
    """
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(_CHUNK), b""):
                digest.update(chunk)
    return digest.hexdigest()


# -- models ------------------------------------------------------------------------


class SimpleStreamsFile(IncusModel):
    """One file of an image.

    Attributes:
        path: Its path on the server, relative to the server's URL.
        sha256: Its SHA-256.
        size: Its size in bytes.
        ftype: Its simplestreams file type (``incus.tar.xz``, ``squashfs``...).
    """

    path: str
    sha256: str = ""
    size: int = 0
    ftype: str = ""


class SimpleStreamsImage(IncusModel):
    """One image a simplestreams server offers, as Incus sees it.

    Attributes:
        fingerprint: The fingerprint the image gets once imported.
        product: The product it belongs to (``debian:12:amd64:cloud``).
        os: The operating system (``Debian``).
        release: The release (``12``, ``bookworm``...).
        release_title: The release's title.
        variant: The variant (``default``, ``cloud``...).
        architecture: The architecture, as Incus names it (``x86_64``).
        type: ``container`` or ``virtual-machine``.
        file_type: The root file's type, or ``incus_combined.tar.gz`` for a
            unified image.
        serial: The version (``20261128_05:24``), newest sorts first.
        size: The size of its files together.
        created_at: The date of the version.
        expires_at: The end of support of the release, if published.
        aliases: The alias names that resolve to this image (for its
            architecture), short ones and ``NAME/ARCH`` ones.
        properties: The properties Incus gives it (``os``, ``release``,
            ``variant``, ``serial``, ``description``, ``type``...).
        files: The files to download: the metadata (or unified) file first.
    """

    fingerprint: str
    product: str = ""
    os: str = ""
    release: str = ""
    release_title: str = ""
    variant: str = ""
    architecture: str = ""
    type: str = CONTAINER
    file_type: str = ""
    serial: str = ""
    size: int = 0
    created_at: datetime | None = None
    expires_at: datetime | None = None
    aliases: List[str] = Field(default_factory=list)
    properties: dict[str, str] = Field(default_factory=dict)
    files: List[SimpleStreamsFile] = Field(default_factory=list)

    @property
    def split(self) -> bool:
        """Whether the image is a metadata file plus a root file (not one unified tarball)."""
        return len(self.files) > 1

    def __repr__(self) -> str:
        return f"<SimpleStreamsImage {self.product} {self.serial} {self.type} {self.fingerprint[:12]}>"


class SimpleStreamsAlias(IncusModel):
    """An alias of a simplestreams server, for one architecture and type.

    Attributes:
        name: The alias (``debian/12``, ``debian/12/cloud``, ``debian/12/arm64``).
        target: The fingerprint of the image it names.
        type: ``container`` or ``virtual-machine``.
        architecture: The architecture of that image (Incus's name).
    """

    name: str
    target: str
    type: str = CONTAINER
    architecture: str = ""


class SimpleStreamsProduct(IncusModel):
    """A product of a simplestreams catalogue: one release and variant for one architecture.

    Attributes:
        id: The product id (``debian:12:amd64:cloud``).
        os: The operating system.
        release: The release.
        release_title: The release's title.
        release_codename: The release's code name, if published.
        variant: The variant.
        architecture: The architecture, as Incus names it.
        aliases: The product's aliases as published.
        versions: Its versions, newest first.
        supported: Whether the release is supported, if published.
        support_eol: The end of support, if published.
        requirements: Requirements of its images (e.g. ``secureboot``).
    """

    id: str
    os: str = ""
    release: str = ""
    release_title: str = ""
    release_codename: str = ""
    variant: str = ""
    architecture: str = ""
    aliases: List[str] = Field(default_factory=list)
    versions: List[str] = Field(default_factory=list)
    supported: bool | None = None
    support_eol: str = ""
    requirements: dict[str, str] = Field(default_factory=dict)


# -- the catalogue, without I/O ---------------------------------------------------------


class _Entry(NamedTuple):
    """An alias entry while resolving: which image a name gives for one arch and type."""

    name: str
    target: str
    type: str
    architecture: str
    explicit_arch: bool = False


class _Fetched(NamedTuple):
    """A catalogue file as fetched (from the server or the disk cache)."""

    url: str
    body: bytes
    #: Where it came from, for errors: its URL, or the cache file.
    where: str
    #: The cache file to keep it in once it decodes (None: it came from there, or no cache).
    keep: Path | None


class _Pauses:
    """Pauses of the cyclic garbage collector while a catalogue is built (see :func:`_collector_paused`)."""

    lock = threading.Lock()
    depth = 0
    resume = False


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a catalogue is decoded and built.

    That work allocates a few hundred thousand containers that all stay
    alive (they are the result, or freed by reference counting): the
    collector, started every 700 allocations, would only scan them, and the
    rest of the program's heap, over and over: two to three times the work
    itself on 9,000 images, more the larger the heap (why the disk cache,
    read with another catalogue alive, was slower than the network). The
    collector runs again when the outermost pause ends, if it was running
    before (nested and concurrent pauses, from threads, count as one).
    """
    with _Pauses.lock:
        if _Pauses.depth == 0:
            _Pauses.resume = gc.isenabled()
            gc.disable()
        _Pauses.depth += 1
    try:
        yield
    finally:
        with _Pauses.lock:
            _Pauses.depth -= 1
            if _Pauses.depth == 0 and _Pauses.resume:
                gc.enable()


M = TypeVar("M", bound=IncusModel)


@cache
def _list_of(model: type[M]) -> TypeAdapter[list[M]]:
    """One validator for a whole list of ``model``, built when first used (not at import)."""
    return TypeAdapter(List[model])  # type: ignore[valid-type]


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _parse_date(serial: str) -> datetime | None:
    """The date a version is named by (``YYYYMMDD...``), or None."""
    digits = serial[:8]
    if len(digits) < 8 or not digits.isdigit():
        return None
    try:
        return datetime(int(digits[:4]), int(digits[4:6]), int(digits[6:8]), tzinfo=timezone.utc)
    except ValueError:
        return None


def _file(item: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a :class:`SimpleStreamsFile` for a catalogue item."""
    size = item.get("size")
    return {
        "path": _str(item.get("path")),
        "sha256": _str(item.get("sha256")),
        "size": size if isinstance(size, int) and not isinstance(size, bool) and size >= 0 else 0,
        "ftype": _str(item.get("ftype")),
    }


def _aliases_of(product: Mapping[str, Any]) -> list[str]:
    return [a.strip() for a in _str(product.get("aliases")).split(",") if a.strip()]


def _image_fields(products: Mapping[str, Any]) -> list[tuple[dict[str, Any], list[str]]]:
    """The fields of each :class:`SimpleStreamsImage` of a catalogue's ``products``, as Incus sees them (unsorted).

    What is the same for a whole product or version is worked out once for
    it: a catalogue has thousands of images, three or more per version.

    Returns:
        Each image's fields (without ``aliases``) with the aliases its product publishes.
    """
    images: list[tuple[dict[str, Any], list[str]]] = []
    for product_id, product in products.items():
        if not isinstance(product, dict):
            continue
        raw_arch = _str(product.get("arch"))
        architecture = architecture_name(raw_arch)
        versions = product.get("versions")
        if architecture is None or not isinstance(versions, dict):
            continue
        aliases = _aliases_of(product)
        os_name, release, variant = _str(product.get("os")), _str(product.get("release")), _str(product.get("variant"))
        release_title = _str(product.get("release_title"))
        common: dict[str, Any] = {
            "product": str(product_id),
            "os": os_name,
            "release": release,
            "release_title": release_title,
            "variant": variant,
            "architecture": architecture,
        }
        expires = _end_of_support(_str(product.get("support_eol")))
        if expires is not None:
            common["expires_at"] = expires  # only when set: it is in model_fields_set only then
        requirements = product.get("requirements")
        required = (
            {f"requirements.{k}": v for k, v in ((k, _str(v)) for k, v in requirements.items()) if v}
            if isinstance(requirements, dict)
            else {}
        )
        for serial, version in versions.items():
            created = _parse_date(serial)
            items = version.get("items") if isinstance(version, dict) else None
            if created is None or not isinstance(items, dict):
                continue
            label = _str(version.get("label"))
            description = f"{os_name} {release_title} {raw_arch}"
            description = f"{description} ({label}) ({serial})" if label else f"{description} ({serial})"
            # The properties Incus gives the image, in its order, empty ones left out; "type" and
            # the requirements follow per image.
            head = {
                k: v
                for k, v in (
                    ("os", os_name),
                    ("release", release),
                    ("version", _str(product.get("version"))),
                    ("architecture", raw_arch),
                    ("label", label),
                    ("serial", serial),
                    ("description", description),
                    ("variant", variant),
                )
                if v
            }
            files = {k: (v, _file(v)) for k, v in items.items() if isinstance(v, dict)}
            for meta, meta_file in files.values():
                if meta.get("ftype") == "incus_combined.tar.gz":
                    parts: list[tuple[dict[str, Any] | None, str, str]] = [
                        (None, _str(meta.get("sha256")), "incus_combined.tar.gz")
                    ]
                elif meta.get("ftype") == "incus.tar.xz":
                    parts = [
                        (root_file, _combined_fingerprint(meta, root["ftype"]), root["ftype"])
                        for root, root_file in files.values()
                        if root.get("ftype") in ROOT_FILE_TYPES
                    ]
                else:
                    continue
                if not meta_file["path"]:
                    continue
                for root_file, fingerprint, file_type in parts:
                    if root_file is None:
                        image_files, size, kind = [meta_file], meta_file["size"], "tar.gz"
                    elif root_file["path"]:
                        image_files, size, kind = (
                            [meta_file, root_file],
                            meta_file["size"] + root_file["size"],
                            file_type,
                        )
                    else:
                        continue
                    if not _HEX64.fullmatch(fingerprint):
                        continue
                    image = {
                        "fingerprint": fingerprint,
                        **common,
                        "type": VIRTUAL_MACHINE if file_type in _VM_FILE_TYPES else CONTAINER,
                        "file_type": file_type,
                        "serial": serial,
                        "size": size,
                        "created_at": created,
                        "properties": {**head, "type": kind, **required},
                        "files": image_files,
                    }
                    images.append((image, aliases))
    return images


def _combined_fingerprint(meta: Mapping[str, Any], root_type: str) -> str:
    """The fingerprint of a metadata file with a root file of this type, from the metadata item."""
    return next((_str(meta.get(k)) for k in _COMBINED_FIELD[root_type] if meta.get(k)), "")


def _end_of_support(eol: str) -> datetime | None:
    try:
        return datetime.strptime(eol, "%Y-%m-%d").replace(tzinfo=timezone.utc) if eol else None
    except ValueError:
        return None


def products_to_images(products: Mapping[str, Any]) -> list[tuple[SimpleStreamsImage, list[str]]]:
    """Turn a catalogue's ``products`` into images, as Incus does (unsorted).

    Products of unknown architectures, versions not named by a date, items
    without a fingerprint or path, and fingerprints that are not 64 hex
    digits are skipped.

    Returns:
        Each image with the aliases its product publishes (for :func:`apply_aliases`).
    """
    fields = _image_fields(products)
    images = _list_of(SimpleStreamsImage).validate_python([image for image, _ in fields])
    return [(image, aliases) for image, (_, aliases) in zip(images, fields, strict=True)]


def _arrange(
    images: Sequence[tuple[Mapping[str, str], str, str, str, list[str]]],
) -> tuple[list[int], list[list[str]], list[_Entry]]:
    """Incus's order of the images, and which aliases each gets.

    Incus sorts by os, release, variant, newest serial, architecture,
    preferred file type (its properties); an alias (and its ``NAME/ARCH``
    form) then names, for each architecture and type, the first image of
    its product in that order.

    Args:
        images: For each image: its properties, type, architecture (Incus's
            name), fingerprint and its product's aliases.

    Returns:
        The images' positions in order, the alias names of each (in that
        order), and the alias entries.
    """
    # One stable sort; the serial (descending) as its rank among the serials, newest first.
    newest_first = {serial: rank for rank, serial in enumerate(sorted({p.get("serial", "") for p, *_ in images})[::-1])}
    keys = []
    for properties, *_ in images:
        kind = properties.get("type", "")
        keys.append(
            (
                properties.get("os", ""),
                properties.get("release", ""),
                properties.get("variant", ""),
                newest_first[properties.get("serial", "")],
                properties.get("architecture", ""),
                ROOT_FILE_TYPES.index(kind) if kind in ROOT_FILE_TYPES else 0,
            )
        )
    order = sorted(range(len(images)), key=keys.__getitem__)
    entries: list[_Entry] = []
    seen: set[tuple[str, str, str]] = set()
    names_in_order = []
    for n in order:
        properties, kind, architecture, fingerprint, product_aliases = images[n]
        names: list[str] = []
        for alias in product_aliases:
            for name, explicit in ((alias, False), (f"{alias}/{properties.get('architecture', '')}", True)):
                key = (name, kind, architecture)
                if key in seen:
                    continue
                seen.add(key)
                entries.append(_Entry(name, fingerprint, kind, architecture, explicit))
                names.append(name)
        names_in_order.append(names)
    return order, names_in_order, entries


def apply_aliases(
    images: Iterable[tuple[SimpleStreamsImage, list[str]]],
) -> tuple[list[SimpleStreamsImage], list[_Entry]]:
    """Sort the images as Incus does and give each alias to the first image it fits.

    An alias (and its ``NAME/ARCH`` form) names, for each architecture and
    type, the newest version in the preferred file type.

    Args:
        images: The images with their products' aliases (:func:`products_to_images`).

    Returns:
        The sorted images (their ``aliases`` filled in) and the alias entries.
    """
    pairs = list(images)
    order, names, entries = _arrange([(i.properties, i.type, i.architecture, i.fingerprint, a) for i, a in pairs])
    out = []
    for n, aliases in zip(order, names, strict=True):
        image = pairs[n][0]
        image.aliases = aliases
        out.append(image)
    return out, entries


class _Catalogue:
    """What a server's catalogues give: images in Incus's order, alias entries, products.

    The images are models once :meth:`build_every` has run (what
    :meth:`SimpleStreams.list` needs); until then they are kept as their
    fields, and :meth:`image` builds only the ones asked for (``resolve()``
    needs one). An image given out before stays the same object after.

    Attributes:
        entries: The alias entries, in the order they were given.
        products: The products, sorted by id per catalogue.
        fingerprints: The images' fingerprints, in Incus's order.
    """

    def __init__(
        self,
        entries: list[_Entry],
        products: list[SimpleStreamsProduct],
        *,
        images: list[SimpleStreamsImage] | None = None,
        fields: list[dict[str, Any]] | None = None,
    ) -> None:
        self.entries = entries
        self.products = products
        self._images = images
        self._fields = fields
        self._given: dict[int, SimpleStreamsImage] = {}
        if images is not None:
            self.fingerprints = [image.fingerprint for image in images]
        else:
            assert fields is not None
            self.fingerprints = [image["fingerprint"] for image in fields]

    @property
    def images(self) -> list[SimpleStreamsImage] | None:
        """Every image as a model, or None before :meth:`build_every` and :meth:`set_every`."""
        return self._images

    def build_every(self) -> list[SimpleStreamsImage]:
        """Build every image (one validation, in a worker thread: it takes a while); then :meth:`set_every`."""
        if self._images is not None:
            return self._images
        assert self._fields is not None
        with _collector_paused():
            return _list_of(SimpleStreamsImage).validate_python(self._fields)

    def set_every(self, images: list[SimpleStreamsImage]) -> None:
        """Keep every image (from :meth:`build_every`); those given out already stay the same objects."""
        for n, image in self._given.items():
            images[n] = image
        self._images, self._fields, self._given = images, None, {}

    def image(self, n: int) -> SimpleStreamsImage:
        """The ``n``-th image (built alone if the others are not)."""
        if self._images is not None:
            return self._images[n]
        image = self._given.get(n)
        if image is None:
            assert self._fields is not None
            image = self._given[n] = SimpleStreamsImage.model_validate(self._fields[n])
        return image

    @cached_property
    def by_alias(self) -> dict[str, list[_Entry]]:
        """The alias entries of each name, in their order."""
        index: dict[str, list[_Entry]] = {}
        for entry in self.entries:
            index.setdefault(entry.name, []).append(entry)
        return index

    @cached_property
    def by_fingerprint(self) -> dict[str, int]:
        """The position of each fingerprint (the last, if several products share one)."""
        return {fingerprint: n for n, fingerprint in enumerate(self.fingerprints)}


def _build_catalogue(files: Sequence[_Fetched], every: bool) -> _Catalogue:
    """The images, aliases and products of catalogue files (decoded, then one validation per kind).

    Args:
        files: The catalogue files.
        every: Whether to build every image now (else when asked for).

    Raises:
        IncusError: If a file is not a simplestreams catalogue.
    """
    with _collector_paused():
        # In a function of its own: the decoded files and the other temporaries
        # are freed before the collector resumes (it need not scan them).
        return _catalogue_of([_products_in(f) for f in files], every)


def _products_in(fetched: _Fetched) -> dict[str, Any]:
    """A catalogue file's ``products``."""
    catalogue = _load_json(fetched.body, fetched.where)
    products = catalogue.get("products") if isinstance(catalogue, dict) else None
    if not isinstance(products, dict):
        raise IncusError(f"{fetched.url} is not a simplestreams catalogue (no 'products')")
    return products


def _catalogue_of(catalogues: Sequence[Mapping[str, Any]], every: bool) -> _Catalogue:
    fields = [image for products in catalogues for image in _image_fields(products)]
    order, names, entries = _arrange(
        [(f["properties"], f["type"], f["architecture"], f["fingerprint"], a) for f, a in fields]
    )
    ordered = []
    for n, aliases in zip(order, names, strict=True):
        image = fields[n][0]
        image["aliases"] = aliases
        ordered.append(image)
    products = _list_of(SimpleStreamsProduct).validate_python(
        [product for products in catalogues for product in _product_fields(products)]
    )
    if every:
        return _Catalogue(entries, products, images=_list_of(SimpleStreamsImage).validate_python(ordered))
    return _Catalogue(entries, products, fields=ordered)


def _product_fields(raw: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The fields of each :class:`SimpleStreamsProduct` of a catalogue's ``products``, sorted by id."""
    out = []
    for product_id, product in raw.items():
        if not isinstance(product, dict):
            continue
        architecture = architecture_name(_str(product.get("arch")))
        if architecture is None:
            continue
        versions = product.get("versions") if isinstance(product.get("versions"), dict) else {}
        supported = product.get("supported")
        requirements = product.get("requirements")
        out.append(
            {
                "id": str(product_id),
                "os": _str(product.get("os")),
                "release": _str(product.get("release")),
                "release_title": _str(product.get("release_title")),
                "release_codename": _str(product.get("release_codename")),
                "variant": _str(product.get("variant")),
                "architecture": architecture,
                "aliases": _aliases_of(product),
                "versions": sorted((str(v) for v in versions or {}), reverse=True),
                "supported": supported if isinstance(supported, bool) else None,
                "support_eol": _str(product.get("support_eol")),
                "requirements": {str(k): _str(v) for k, v in requirements.items()}
                if isinstance(requirements, dict)
                else {},
            }
        )
    return sorted(out, key=lambda p: p["id"])


def _matches(value: str, wanted: str | None) -> bool:
    return wanted is None or value.lower() == wanted.lower()


# -- the client -------------------------------------------------------------------------


class SimpleStreams(ClosedOnExit):
    """A simplestreams image server (``async with SimpleStreams(url) as server:``).

    Attributes:
        url: The server's URL (no trailing slash).
        architectures: The architectures aliases resolve for, preferred
            first (default: this host's, see :func:`host_architectures`).
    """

    def __init__(
        self,
        url: str,
        *,
        server_cert: str | None = None,
        verify: bool | str = True,
        cache_dir: str | os.PathLike[str] | None = None,
        cache_ttl: float = 300,
        timeout: float = 30,
        architectures: Iterable[str] | None = None,
    ) -> None:
        """Prepare a client; nothing is fetched before the first call.

        Args:
            url: The server's URL (``https://images.linuxcontainers.org``);
                ``http://`` works too (without integrity beyond the
                catalogue's hashes).
            server_cert: A certificate to pin (PEM text or a path), as the
                CLI keeps in ``servercerts/NAME.crt``.
            verify: ``True`` to verify against the system CAs, ``False`` not
                at all, or a CA bundle path (when ``server_cert`` is not given).
            cache_dir: A directory to keep the catalogues in across runs.
            cache_ttl: Seconds the catalogues are used before being fetched again.
            timeout: Seconds to connect, and between two reads of a transfer.
            architectures: The architectures aliases resolve for, preferred
                first (Incus names or aliases such as ``amd64``).

        Raises:
            ValueError: If the URL is not ``http(s)://host...`` or an
                architecture is unknown.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"a simplestreams server URL is http(s)://host[/path], not {url!r}")
        self.url: str = url.rstrip("/")
        self._ssl = build_ssl_context(None, verify, server_cert) if parts.scheme == "https" else None
        self._server_cert = server_cert
        server_key = hashlib.sha256(self.url.encode()).hexdigest()
        # The server's files as they came, and beside them (where no name the server gives can
        # land) what they parse to.
        self._cache_dir = Path(cache_dir) / server_key if cache_dir is not None else None
        self._parsed_file = Path(cache_dir) / f"{server_key}.parsed.json" if cache_dir is not None else None
        self._ttl = cache_ttl
        self._timeout = timeout
        if architectures is None:
            self.architectures: list[str] = host_architectures()
        else:
            self.architectures = []
            for arch in architectures:
                name = architecture_name(arch)
                if name is None:
                    raise ValueError(f"unknown architecture {arch!r}")
                self.architectures.append(name)
        self._session: aiohttp.ClientSession | None = None
        self._catalogue: tuple[float, _Catalogue] | None = None
        self._lock = asyncio.Lock()

    @classmethod
    def from_remote(
        cls,
        name: str,
        *,
        config_dir: str | os.PathLike[str] | None = None,
        **options: Any,
    ) -> SimpleStreams:
        """A client for a simplestreams remote of the ``incus`` CLI configuration.

        The pinned ``servercerts/NAME.crt`` is used if there is one.

        Args:
            name: The remote (e.g. ``images``).
            config_dir: The CLI's configuration directory (see
                :func:`incus_sdk.remotes.load_config`).
            **options: Other arguments of :class:`SimpleStreams`.

        Raises:
            IncusConfigError: If there is no such remote, or it does not speak
                simplestreams.
        """
        return cls.from_config(load_config(config_dir), name, **options)

    @classmethod
    def from_config(cls, config: CLIConfig, name: str, **options: Any) -> SimpleStreams:
        """Like :meth:`from_remote`, from an already loaded :class:`~incus_sdk.remotes.CLIConfig`."""
        remote = config.remote(name)
        if remote.protocol != "simplestreams":
            raise IncusConfigError(
                f"the remote {name!r} speaks {remote.protocol}, not simplestreams",
                path=str(config.path),
                key=f"remotes.{name}.protocol",
            )
        server_cert, verify = _server_trust(config, name)
        options.setdefault("server_cert", server_cert)
        options.setdefault("verify", verify)
        return cls(remote.addresses[0], **options)

    @property
    def certificate(self) -> str | None:
        """The pinned certificate (PEM), as a daemon needs it to fetch from this server."""
        if self._server_cert is None or "-----BEGIN" in self._server_cert:
            return self._server_cert
        return Path(self._server_cert).read_text()

    # -- lifecycle -------------------------------------------------------------------

    async def close(self) -> None:
        """Close the connections (the cached catalogue stays usable)."""
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()

    def invalidate(self) -> None:
        """Forget the cached catalogues (in memory and in ``cache_dir``)."""
        self._catalogue = None
        if self._cache_dir is not None:
            for path in self._cache_dir.glob("*"):
                path.unlink(missing_ok=True)
        if self._parsed_file is not None:
            self._parsed_file.unlink(missing_ok=True)

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(ssl=self._ssl if self._ssl is not None else False, limit=8),
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=self._timeout, sock_read=self._timeout),
                headers={"User-Agent": "incus_sdk"},
            )
        return self._session

    def _url(self, path: str) -> str:
        """The URL of a path the server's own files gave, refusing any that leaves the server."""
        if not path or path.startswith("/") or "://" in path or "\\" in path or ".." in path.split("/"):
            raise IncusError(f"{self.url} names a file outside itself: {path!r}")
        return f"{self.url}/{path}"

    # -- transfers -----------------------------------------------------------------------

    async def _chunks(self, path: str, limit: int | None) -> AsyncIterator[bytes]:
        url = self._url(path)
        try:
            async with self._http().get(url, allow_redirects=False) as reply:
                if reply.status != 200:
                    raise (IncusNotFoundError if reply.status == 404 else IncusError)(
                        f"cannot fetch {url}: HTTP {reply.status} {reply.reason or ''}".rstrip(),
                        status_code=reply.status,
                        url=url,
                        method="GET",
                    )
                received = 0
                async for chunk in reply.content.iter_chunked(_CHUNK):
                    received += len(chunk)
                    if limit is not None and received > limit:
                        raise IncusError(f"{url} is larger than {limit} bytes", url=url, method="GET")
                    yield chunk
        except asyncio.TimeoutError as exc:
            raise IncusTimeoutError(f"no data from {url} within {self._timeout}s", exc, url=url) from exc
        except aiohttp.ClientError as exc:
            raise IncusConnectionError(f"cannot fetch {url}: {exc}", exc, url=url, method="GET") from exc

    async def _fetch(self, path: str) -> _Fetched:
        """A catalogue file, from the disk cache while fresh, else from the server (or a stale copy if it is down)."""
        url = self._url(path)
        cached = self._cache_dir / Path(path).name if self._cache_dir is not None else None
        if cached is not None and cached.exists() and time.time() - cached.stat().st_mtime < self._ttl:
            return _Fetched(url, await asyncio.to_thread(cached.read_bytes), str(cached), None)
        try:
            body = b"".join([chunk async for chunk in self._chunks(path, MAX_CATALOGUE_BYTES)])
        except IncusConnectionError:
            if cached is not None and cached.exists():
                return _Fetched(url, await asyncio.to_thread(cached.read_bytes), str(cached), None)
            raise
        return _Fetched(url, body, url, cached)

    async def _keep(self, fetched: _Fetched) -> None:
        """Keep a file fetched from the server in the disk cache (once it has been read)."""
        if fetched.keep is not None:
            await asyncio.to_thread(_store, fetched.keep, fetched.body)

    async def _load(self, *, every: bool = False) -> _Catalogue:
        """The catalogue: kept in memory, or read again; with ``every``, every image built."""
        async with self._lock:
            if self._catalogue is not None and time.monotonic() - self._catalogue[0] < self._ttl:
                kept = self._catalogue[1]
                if every and kept.images is None:
                    kept.set_every(await asyncio.to_thread(kept.build_every))
                return kept
            index_file = await self._fetch(INDEX_PATH)
            index = await asyncio.to_thread(_load_json, index_file.body, index_file.where)
            await self._keep(index_file)
            entries = index.get("index") if isinstance(index, dict) else None
            if not isinstance(entries, dict):
                raise IncusError(f"{index_file.url} is not a simplestreams index (no 'index' mapping)")
            files: list[_Fetched] = []
            for entry in entries.values():
                if not isinstance(entry, dict) or entry.get("datatype") != "image-downloads":
                    continue
                if not entry.get("products") or not isinstance(entry.get("path"), str):
                    continue
                try:
                    files.append(await self._fetch(entry["path"]))
                except IncusError:
                    for fetched in files:  # an error in an earlier catalogue comes first: it is read first
                        await asyncio.to_thread(_products_in, fetched)
                    raise
            built = await self._build(index_file, files, every)
            self._catalogue = (time.monotonic(), built)
            return built

    async def _build(self, index_file: _Fetched, files: list[_Fetched], every: bool) -> _Catalogue:
        """The catalogue of these files: as parsed before (``cache_dir``), or parsed now."""
        if self._parsed_file is None:
            return await self._parse(files, every)
        key = await asyncio.to_thread(_parsed_key, [index_file, *files])
        built = await asyncio.to_thread(_read_parsed, self._parsed_file, key)
        if built is None:
            built = await self._parse(files, every=True)  # what is kept is every image
            await asyncio.to_thread(_store_parsed, self._parsed_file, key, built)
        else:
            for fetched in files:
                await self._keep(fetched)
        return built

    async def _parse(self, files: list[_Fetched], every: bool) -> _Catalogue:
        """Parse the catalogue files (in a thread: it takes a while), then keep them in ``cache_dir``."""
        built = await asyncio.to_thread(_build_catalogue, files, every)
        for fetched in files:
            await self._keep(fetched)
        return built

    # -- reading -------------------------------------------------------------------------

    async def products(
        self,
        *,
        os: str | None = None,
        release: str | None = None,
        variant: str | None = None,
        architecture: str | None = None,
    ) -> List[SimpleStreamsProduct]:
        """List the products, optionally filtered (case-insensitive exact matches).

        Args:
            os: e.g. ``"debian"``.
            release: e.g. ``"12"`` or ``"bookworm"``.
            variant: e.g. ``"cloud"``.
            architecture: e.g. ``"x86_64"`` or ``"amd64"``.

        Raises:
            IncusConnectionError: If the server cannot be reached (and nothing is cached).
            IncusError: If its files are not simplestreams catalogues.
        """
        arch = _wanted_arch(architecture)
        catalogue = await self._load()
        return [
            p
            for p in catalogue.products
            if _matches(p.os, os)
            and (_matches(p.release, release) or _matches(p.release_codename, release))
            and _matches(p.variant, variant)
            and _matches(p.architecture, arch)
        ]

    async def list(
        self,
        *,
        os: str | None = None,
        release: str | None = None,
        variant: str | None = None,
        architecture: str | None = None,
        type: str | None = None,
    ) -> List[SimpleStreamsImage]:
        """List (or search) the images, in Incus's order: newest version first per product.

        Args:
            os: e.g. ``"debian"`` (case-insensitive).
            release: e.g. ``"12"``.
            variant: e.g. ``"cloud"``.
            architecture: e.g. ``"x86_64"`` or ``"amd64"``.
            type: ``"container"`` or ``"virtual-machine"``.

        Returns:
            The matching images.

        Raises:
            ValueError: For an unknown architecture or type.
            IncusConnectionError: If the server cannot be reached (and nothing is cached).
        """
        arch = _wanted_arch(architecture)
        _check_type(type)
        images = (await self._load(every=True)).images
        assert images is not None
        return [
            i
            for i in images
            if _matches(i.os, os)
            and _matches(i.release, release)
            and _matches(i.variant, variant)
            and _matches(i.architecture, arch)
            and _matches(i.type, type)
        ]

    async def get(self, fingerprint: str) -> SimpleStreamsImage:
        """Get an image by fingerprint or unique prefix.

        Raises:
            IncusNotFoundError: If no image matches.
            IncusError: If the prefix matches several.
        """
        catalogue = await self._load()
        wanted = fingerprint.lower()
        if len(wanted) >= 64:  # a whole fingerprint (they all have 64 digits): no scan
            position = catalogue.by_fingerprint.get(wanted)
            found = {wanted: position} if position is not None else {}
        else:  # the last position of each fingerprint, as by_fingerprint
            found = {fp: n for n, fp in enumerate(catalogue.fingerprints) if fp.startswith(wanted)}
        if not fingerprint or not found:
            raise IncusNotFoundError(f"no image {fingerprint!r} on {self.url}")
        if len(found) > 1:
            raise IncusError(f"{fingerprint!r} matches {len(found)} images on {self.url}: give more digits")
        return catalogue.image(next(iter(found.values())))

    async def aliases(self, *, architecture: str | None = None, type: str | None = None) -> List[SimpleStreamsAlias]:
        """List the aliases, for one architecture (default: all) and type.

        Returns:
            One entry per alias, architecture and type, sorted by name.
        """
        arch = _wanted_arch(architecture)
        _check_type(type)
        catalogue = await self._load()
        return sorted(
            (
                SimpleStreamsAlias(name=e.name, target=e.target, type=e.type, architecture=e.architecture)
                for e in catalogue.entries
                if _matches(e.architecture, arch) and _matches(e.type, type)
            ),
            key=lambda a: (a.name, a.architecture, a.type),
        )

    async def resolve(
        self, alias: str, *, architecture: str | Iterable[str] | None = None, type: str | None = None
    ) -> SimpleStreamsImage:
        """Find the image an alias names, as ``incus launch REMOTE:ALIAS`` would get it.

        ``debian/12`` gives the newest ``debian`` release ``12`` image of the
        default variant, ``debian/12/cloud`` of the ``cloud`` variant, for
        the first of ``architecture`` it exists for; ``debian/12/arm64`` names
        the architecture itself.

        Args:
            alias: The alias.
            architecture: The architecture(s) wanted, preferred first
                (default: :attr:`architectures`, i.e. this host's).
            type: ``"container"`` or ``"virtual-machine"``; by default a
                container if there is one, else a virtual machine.

        Returns:
            The image.

        Raises:
            IncusNotFoundError: If the alias names no image for these
                architectures and type.
        """
        _check_type(type)
        wanted = (
            self.architectures
            if architecture is None
            else [_wanted_arch(architecture)]
            if isinstance(architecture, str)
            else [_wanted_arch(a) for a in architecture]
        )
        catalogue = await self._load()
        named = [e for e in catalogue.by_alias.get(alias, ()) if _matches(e.type, type)]
        rank = {arch: n for n, arch in enumerate(wanted)}
        if architecture is None and any(e.explicit_arch for e in named):
            candidates = [e for e in named if e.explicit_arch]  # NAME/ARCH names its architecture
        else:
            candidates = [e for e in named if e.architecture in rank]
        if candidates:
            # The most preferred architecture; a container before a virtual machine.
            best = min(candidates, key=lambda e: (rank.get(e.architecture, 0), e.type != CONTAINER))
            return await self.get(best.target)
        raise IncusNotFoundError(
            f"no image {alias!r} on {self.url} for {'/'.join(x for x in wanted if x) or 'any architecture'}"
            f"{' (' + type + ')' if type else ''}"
        )

    # -- downloading -----------------------------------------------------------------------

    async def download(
        self,
        image: SimpleStreamsImage | str,
        directory: str | os.PathLike[str],
        *,
        progress: ProgressCallback | None = None,
    ) -> List[Path]:
        """Download an image's files into a directory, streamed and verified.

        Each file is written under a temporary name, checked against its
        SHA-256 and renamed; the files together must hash to the fingerprint.
        Import them with ``client.images.import_file(*paths)``.

        Args:
            image: The image, or its fingerprint (or unique prefix).
            directory: An existing directory.
            progress: Called with :class:`~incus_sdk.models.image.ImageProgress`
                (stage ``"download"``) as bytes arrive.

        Returns:
            The paths written: ``[unified]`` or ``[metadata, rootfs]``.

        Raises:
            IncusError: If a file does not match its hash (nothing is left).
        """
        if isinstance(image, str):
            image = await self.get(image)
        total = image.size or None
        combined = hashlib.sha256()
        done = [0]
        written: list[Path] = []
        try:
            for item in image.files:
                final = Path(directory) / (os.path.basename(item.path) or "image")
                partial = final.with_name(final.name + ".partial")
                written.append(partial)
                own = hashlib.sha256()
                with open(partial, "wb") as out:  # noqa: ASYNC230 - writes go to a thread
                    async for chunk in self._chunks(item.path, item.size or None):
                        await asyncio.to_thread(out.write, chunk)
                        own.update(chunk)
                        combined.update(chunk)
                        done[0] += len(chunk)
                        await report(progress, Progress("download", done[0], total))
                if item.sha256 and own.hexdigest() != item.sha256:
                    raise IncusError(f"{self._url(item.path)} hashes to {own.hexdigest()}, not {item.sha256}")
            if combined.hexdigest() != image.fingerprint:
                raise IncusError(f"the files of {image.fingerprint} hash to {combined.hexdigest()}")
            finals = [p.with_name(p.name[: -len(".partial")]) for p in written]
            for partial, final in zip(written, finals, strict=True):
                os.replace(partial, final)
            return finals
        except BaseException:
            for partial in written:
                partial.unlink(missing_ok=True)
            raise


def _wanted_arch(architecture: str | None) -> str | None:
    if architecture is None:
        return None
    name = architecture_name(architecture)
    if name is None:
        raise ValueError(f"unknown architecture {architecture!r}")
    return name


def _check_type(type: str | None) -> None:
    if type not in (None, CONTAINER, VIRTUAL_MACHINE):
        raise ValueError(f"type must be {CONTAINER!r} or {VIRTUAL_MACHINE!r}, not {type!r}")


def _load_json(body: bytes, where: str) -> Any:
    try:
        with _collector_paused():
            return json.loads(body)
    except ValueError as exc:
        raise IncusError(f"{where} is not valid JSON: {exc}") from exc


def _store(path: Path, body: bytes) -> None:
    """Write a cache file whole or not at all (a temporary file of its own, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(body)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


# -- the parsed catalogue in cache_dir ---------------------------------------------------------

#: What the parsed catalogue kept in ``cache_dir`` is. Change it whenever
#: what a catalogue parses to changes: a file of another format is ignored.
_PARSED_FORMAT = "incus_sdk.simplestreams.parsed/1"


class _Parsed(TypedDict):
    """The parsed catalogue as kept in ``cache_dir`` (JSON, validated when read: nothing in it is run)."""

    images: List[SimpleStreamsImage]
    entries: List[_Entry]
    products: List[SimpleStreamsProduct]


@cache
def _parsed_adapter() -> TypeAdapter[_Parsed]:
    return TypeAdapter(_Parsed)


def _parsed_key(files: Sequence[_Fetched]) -> bytes:
    """The first line of the parsed file of these files: the format, and a digest of their URLs and bytes."""
    digest = hashlib.sha256()
    for fetched in files:
        digest.update(b"%s\0%s\0" % (fetched.url.encode(), hashlib.sha256(fetched.body).digest()))
    return json.dumps({"format": _PARSED_FORMAT, "sources": digest.hexdigest()}).encode()


def _read_parsed(path: Path, key: bytes) -> _Catalogue | None:
    """The catalogue :func:`_store_parsed` kept for these files, or None (none, stale, foreign or corrupt)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header, _, body = data.partition(b"\n")
    if header != key:
        return None
    try:
        with _collector_paused():
            parsed = _parsed_adapter().validate_json(body)
    except ValueError:  # not JSON, or not this shape
        return None
    return _Catalogue(parsed["entries"], parsed["products"], images=_in_utc(parsed["images"]))


def _parsed_body(catalogue: _Catalogue) -> bytes:
    """What a catalogue (every image built) is kept as, after the first line."""
    assert catalogue.images is not None
    parsed: _Parsed = {"images": catalogue.images, "entries": catalogue.entries, "products": catalogue.products}
    # Only the fields that were set, so that each model's ``model_fields_set`` reads back the same.
    return _parsed_adapter().dump_json(parsed, exclude_unset=True)


def _store_parsed(path: Path, key: bytes, catalogue: _Catalogue) -> None:
    """Keep what the files parsed to, if it can be written (it only spares parsing them again)."""
    body = _parsed_body(catalogue)
    try:
        _store(path, key + b"\n" + body)
    except OSError:
        pass


def _in_utc(images: list[SimpleStreamsImage]) -> list[SimpleStreamsImage]:
    """Give the dates read back from JSON the ``timezone.utc`` they were made with.

    pydantic reads ``Z`` as its own ``TzInfo(0)``: equal, but not the same
    object. Each distinct date is converted once and shared (datetimes are
    immutable), straight into the model's fields (of the same type).
    """
    done: dict[datetime, datetime] = {}
    for image in images:
        fields = image.__dict__
        for name in ("created_at", "expires_at"):
            value = fields[name]
            if value is not None and value.tzinfo is not None:
                converted = done.get(value)
                if converted is None:
                    converted = done[value] = value.astimezone(timezone.utc)
                fields[name] = converted
    return images


__all__ = [
    "CONTAINER",
    "INDEX_PATH",
    "VIRTUAL_MACHINE",
    "SimpleStreams",
    "SimpleStreamsAlias",
    "SimpleStreamsFile",
    "SimpleStreamsImage",
    "SimpleStreamsProduct",
    "apply_aliases",
    "architecture_name",
    "host_architectures",
    "image_fingerprint",
    "products_to_images",
]
