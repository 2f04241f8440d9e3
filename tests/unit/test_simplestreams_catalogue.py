"""The simplestreams catalogue without I/O: Incus's order and aliases, built in bulk, the paused collector."""

from __future__ import annotations

import gc
import hashlib
import threading
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from incus_sdk import simplestreams
from incus_sdk.simplestreams import ROOT_FILE_TYPES, SimpleStreamsImage, apply_aliases, products_to_images


def incus_order(pairs: list[tuple[SimpleStreamsImage, list[str]]]) -> list[tuple[SimpleStreamsImage, list[str]]]:
    """Incus's order as its client sorts: three stable sorts, least significant key first."""

    def score(image: SimpleStreamsImage) -> int:
        kind = image.properties.get("type", "")
        return ROOT_FILE_TYPES.index(kind) if kind in ROOT_FILE_TYPES else 0

    out = sorted(pairs, key=lambda p: (p[0].properties.get("architecture", ""), score(p[0])))
    out.sort(key=lambda p: p[0].properties.get("serial", ""), reverse=True)
    out.sort(key=lambda p: tuple(p[0].properties.get(k, "") for k in ("os", "release", "variant")))
    return out


_FEW = st.sampled_from(["", "a", "b"])
_IMAGE = st.builds(
    lambda fp, os, release, variant, serial, arch, kind: SimpleStreamsImage(
        fingerprint=f"{fp:064x}",
        type="virtual-machine" if kind == "disk-kvm.img" else "container",
        architecture=simplestreams.architecture_name(arch) or "",
        properties={
            k: v
            for k, v in (
                ("os", os),
                ("release", release),
                ("variant", variant),
                ("serial", serial),
                ("architecture", arch),
                ("type", kind),
            )
            if v
        },
    ),
    st.integers(0, 50),
    _FEW,
    _FEW,
    _FEW,
    st.sampled_from(["", "20260101", "20261128_0000", "20261128_0100"]),
    st.sampled_from(["amd64", "arm64", "x86_64"]),
    st.sampled_from(["squashfs", "root.tar.xz", "disk-kvm.img", "tar.gz"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_IMAGE, st.lists(st.sampled_from(["x", "x/y", "z"]), max_size=3)), max_size=30))
def test_the_order_and_aliases_are_incus(pairs: list[tuple[SimpleStreamsImage, list[str]]]) -> None:
    expected = incus_order(pairs)
    ordered, entries = apply_aliases(pairs)
    assert [id(i) for i in ordered] == [id(i) for i, _ in expected]
    # Each alias (and its NAME/ARCH form) goes to the first image of its arch and type that has it.
    seen: set[tuple[str, str, str]] = set()
    for image, aliases in expected:
        names = []
        for alias in aliases:
            for name in (alias, f"{alias}/{image.properties.get('architecture', '')}"):
                if (name, image.type, image.architecture) not in seen:
                    seen.add((name, image.type, image.architecture))
                    names.append(name)
        assert image.aliases == names
    assert [(e.name, e.target) for e in entries] == [(n, i.fingerprint) for i, _ in expected for n in i.aliases]


def product(arch: str, serials: list[str], **more: Any) -> dict[str, Any]:
    meta = {"ftype": "incus.tar.xz", "path": "m", "size": 1}
    roots = {t: {"ftype": t, "path": t, "size": 2} for t in ("squashfs", "root.tar.xz", "disk-kvm.img")}
    versions = {}
    for n, serial in enumerate(serials):
        combined = {
            f: f"{n:02x}{k:062x}"
            for k, f in enumerate(
                ["combined_squashfs_sha256", "combined_rootxz_sha256", "combined_disk-kvm-img_sha256"]
            )
        }
        versions[serial] = {"items": {"incus.tar.xz": meta | combined, **roots}, "label": "release"}
    return {"arch": arch, "os": "Debian", "release": "12", "versions": versions, **more}


def test_built_in_bulk_as_step_by_step() -> None:
    products = {
        "debian:12:amd64:default": product(
            "amd64",
            ["20261101_05:24", "20261128_05:24"],
            aliases="debian/12,debian/bookworm",
            support_eol="2028-06-30",
            requirements={"secureboot": "false", "empty": ""},
            variant="default",
        ),
        "debian:12:arm64:cloud": product("arm64", ["20261128_05:24"], aliases="debian/12/cloud", variant="cloud"),
        "debian:12:pdp11:default": product("pdp11", ["20261128_05:24"], aliases="debian/12"),
    }
    ordered, entries = apply_aliases(products_to_images(products))
    built = simplestreams._catalogue_of([products], every=False)
    assert built.images is None and built.fingerprints == [i.fingerprint for i in ordered]
    last = built.image(len(ordered) - 1)  # built alone, when asked for
    assert last == ordered[-1]
    built.set_every(built.build_every())
    assert built.images == ordered and built.entries == entries
    assert built.images[-1] is last and built.image(0) is built.images[0]
    assert simplestreams._catalogue_of([products], every=True).images == ordered  # all at once
    assert [(i.model_fields_set, list(i.properties)) for i in built.images] == [
        (i.model_fields_set, list(i.properties)) for i in ordered
    ]
    # The cloud variant first, then the default one's newest version, squashfs first.
    assert [(i.variant, i.serial[:8], i.file_type) for i in ordered[:5]] == [
        ("cloud", "20261128", "squashfs"),
        ("cloud", "20261128", "root.tar.xz"),
        ("cloud", "20261128", "disk-kvm.img"),
        ("default", "20261128", "squashfs"),
        ("default", "20261128", "root.tar.xz"),
    ]
    newest = ordered[3]
    assert newest.properties["requirements.secureboot"] == "false" and "requirements.empty" not in newest.properties
    assert newest.expires_at is not None and newest.expires_at.year == 2028 and ordered[0].expires_at is None
    assert [p.id for p in built.products] == sorted(products)[:2]
    assert [e.target for e in built.by_alias["debian/bookworm"]] == [newest.fingerprint, ordered[5].fingerprint]
    assert built.by_fingerprint[ordered[-1].fingerprint] == len(ordered) - 1


def test_the_collector_pause_nests_across_threads() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        inside, leave = threading.Event(), threading.Event()

        def other() -> None:
            with simplestreams._collector_paused():
                inside.set()
                leave.wait(10)

        thread = threading.Thread(target=other)
        with simplestreams._collector_paused():
            thread.start()
            assert inside.wait(10) and not gc.isenabled()
        assert not gc.isenabled()  # the other thread still builds
        leave.set()
        thread.join(10)
        assert gc.isenabled()
        gc.disable()
        with simplestreams._collector_paused():
            pass
        assert not gc.isenabled()  # disabled before: left disabled
    finally:
        (gc.enable if was else gc.disable)()


#: The digest of what a fixed catalogue is kept as in ``cache_dir``, per format. When what a
#: catalogue parses to changes, so does the digest: ``simplestreams._PARSED_FORMAT`` must then
#: change too (else a copy kept by an earlier version would be read as current), and a line
#: be added here.
PARSED_DIGESTS = {
    "incus_sdk.simplestreams.parsed/1": "82cc262f0082d74737fa634f2d91d097c25f72fea2cd08b18c18c52604f505a9",
}


def test_the_kept_format_changes_with_what_is_parsed() -> None:
    products = {
        "debian:12:amd64:default": product("amd64", ["20261128_05:24"], aliases="debian/12", support_eol="2028-06-30"),
        "alpine:3:arm64:cloud": product("arm64", ["20261101"], aliases="alpine/3/cloud", requirements={"a": "b"}),
    }
    body = simplestreams._parsed_body(simplestreams._catalogue_of([products], every=True))
    assert PARSED_DIGESTS.get(simplestreams._PARSED_FORMAT) == hashlib.sha256(body).hexdigest(), (
        "what a catalogue parses to changed: change simplestreams._PARSED_FORMAT and add its digest here"
    )
