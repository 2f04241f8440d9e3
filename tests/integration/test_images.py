"""Images against the real daemon: import, launch, publish, export, aliases.

Every test runs in a project with its own images (``features.images``), so
the default project's ``sdk-busybox`` is never touched.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from incus_sdk import Client
from incus_sdk.exceptions import (
    IncusConflictError,
    IncusNotFoundError,
    IncusOperationError,
    IncusPreconditionFailedError,
)
from incus_sdk.models.image import Image, ImageAlias, ImageProgress

from .conftest import incus, incus_json, incus_query

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build-test-image"


def build_image(mode: str, directory: Path) -> list[str]:
    """Build a fresh busybox image (new creation date, so a new fingerprint)."""
    out = subprocess.run(
        [str(SCRIPT), mode],
        env={**os.environ, "BUILD_DIR": str(directory)},
        capture_output=True,
        check=True,
        timeout=120,
    )
    return out.stdout.decode().split()


def sha256_of(*paths: str) -> str:
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def project_images(project: str) -> list[dict[str, Any]]:
    """The project's images as the CLI sees them."""
    return list(incus_json("image", "list", project=project))


@pytest.fixture
async def images_project(make_project: Callable[..., Any]) -> Client:
    """A project with its own images (and the default project's profiles)."""
    scoped: Client = await make_project(**{"features.images": "true", "features.profiles": "false"})
    return scoped


@pytest.fixture
def unified(tmp_path: Path) -> str:
    return build_image("unified", tmp_path / "unified")[0]


@pytest.fixture
def split(tmp_path: Path) -> tuple[str, str]:
    meta, rootfs = build_image("split", tmp_path / "split")
    return meta, rootfs


def incus_exec(project: str, name: str, *command: str) -> str:
    """``incus exec`` (the project flag must come before ``--``)."""
    return incus("exec", "--project", project, name, "--", *command).strip()


def launch_and_echo(image: str, name: str, project: str) -> str:
    """Launch a container from an image with the CLI and run a command in it."""
    incus("launch", image, name, project=project)
    return incus_exec(project, name, "sh", "-c", "echo hello-from-$(hostname)")


# -- import ----------------------------------------------------------------------


async def test_import_unified_and_launch(images_project: Client, unified: str, unique: Callable[[str], str]) -> None:
    p = images_project.project
    assert p is not None
    alias = unique("uni")
    events: list[ImageProgress] = []
    props = {"flavour": "a b&c=d", "os": "busybox-sdk"}

    fp = await images_project.images.import_file(
        unified, aliases=[alias], properties=props, public=True, progress=events.append
    )

    assert fp == sha256_of(unified)
    assert events and events[-1].stage == "upload"
    assert events[-1].done == events[-1].total == os.path.getsize(unified)
    assert [e.done for e in events] == sorted(e.done or 0 for e in events)
    image = await images_project.images.get(fp)
    assert isinstance(image, Image)
    assert image.public is True
    assert image.properties["flavour"] == "a b&c=d"
    assert image.properties["os"] == "busybox-sdk"  # the header wins over metadata.yaml
    assert image.properties["description"] == "busybox test image for incus_sdk"
    assert [a.name for a in image.aliases] == [alias]
    assert image.type == "container"
    cli = {i["fingerprint"]: i for i in project_images(p)}
    assert cli[fp]["public"] is True
    assert cli[fp]["properties"]["flavour"] == "a b&c=d"
    name = unique("c")
    assert launch_and_echo(alias, name, p) == f"hello-from-{name}"


async def test_import_split_and_launch(
    images_project: Client, split: tuple[str, str], unique: Callable[[str], str]
) -> None:
    p = images_project.project
    assert p is not None
    meta, rootfs = split
    alias = unique("split")
    events: list[ImageProgress] = []

    fp = await images_project.images.import_file(
        meta, rootfs, aliases=[alias], properties={"variant": "split"}, progress=events.append
    )

    assert fp == sha256_of(meta, rootfs)
    assert events[-1].done == os.path.getsize(meta) + os.path.getsize(rootfs)
    image = await images_project.images.get_by_alias(alias)
    assert image.fingerprint == fp
    assert image.properties["variant"] == "split"
    assert image.public is False
    assert image.size == os.path.getsize(meta) + os.path.getsize(rootfs)
    assert incus_query(f"/1.0/images/{fp}?project={p}")["properties"]["variant"] == "split"
    name = unique("c")
    assert launch_and_echo(alias, name, p) == f"hello-from-{name}"


async def test_import_from_file_objects_and_seed_create(images_project: Client, tmp_path: Path) -> None:
    """The seed's ``create`` (bytes, path, wait=) and ``import_file`` with open files."""
    a, b = build_image("unified", tmp_path / "a")[0], build_image("unified", tmp_path / "b")[0]
    with open(a, "rb") as f:
        response = await images_project.images.create(f.read(), filename="a.tar.xz", properties={"k": "v"})
    assert response.operation is not None
    await response.operation.wait()
    seeded = await images_project.images.get(sha256_of(a))
    assert seeded.filename == "a.tar.xz"
    assert seeded.properties["k"] == "v"

    created = await images_project.images.create(b, public=True, wait=True, auto_update=True)
    assert isinstance(created, Image)
    assert created.fingerprint == sha256_of(b)
    assert created.public is True and created.auto_update is True

    await images_project.images.delete(created.fingerprint, wait=True)
    with open(b, "rb") as f:
        fp = await images_project.images.import_file(f)
    assert fp == created.fingerprint


# -- export ----------------------------------------------------------------------


async def test_export_and_reimport_unified(images_project: Client, unified: str, tmp_path: Path) -> None:
    images = images_project.images
    fp = await images.import_file(unified)
    out = tmp_path / "out"
    out.mkdir()
    events: list[ImageProgress] = []

    into_dir = await images.export(fp, out, progress=events.append)
    to_file = await images.export(fp, str(tmp_path / "copy.tar.xz"))

    assert into_dir == [str(out / f"{fp}.tar.xz")]
    assert to_file == [str(tmp_path / "copy.tar.xz")]
    assert sha256_of(*into_dir) == sha256_of(*to_file) == fp
    assert events[-1].stage == "export" and events[-1].done == os.path.getsize(unified)
    assert sorted(os.listdir(out)) == [f"{fp}.tar.xz"]  # no partial files left
    await images.delete(fp, wait=True)
    assert not await images.exists(fp)

    again = await images.import_file(to_file[0])

    assert again == fp
    assert fp in {i["fingerprint"] for i in project_images(images_project.project or "")}


async def test_export_and_reimport_split(images_project: Client, split: tuple[str, str], tmp_path: Path) -> None:
    images = images_project.images
    fp = await images.import_file(*split)
    out = tmp_path / "out"
    out.mkdir()

    into_dir = await images.export(fp, out)
    image = await images.get(fp)
    to_file = await image.export(str(tmp_path / "img"))

    assert into_dir == [str(out / f"meta-{fp}.tar.xz"), str(out / f"{fp}.tar.xz")]
    assert to_file == [str(tmp_path / "img"), str(tmp_path / "img.root")]
    assert sha256_of(*into_dir) == sha256_of(*to_file) == fp
    assert Path(to_file[0]).read_bytes() == Path(split[0]).read_bytes()
    await image.delete(wait=True)

    again = await images.import_file(*to_file)

    assert again == fp
    assert (await images.get(fp)).size == image.size


# -- publish ---------------------------------------------------------------------


async def test_publish_instance_and_snapshot(
    images_project: Client, unified: str, unique: Callable[[str], str]
) -> None:
    p = images_project.project
    assert p is not None
    images = images_project.images
    base = await images.import_file(unified)
    src = unique("src")
    incus("launch", base, src, project=p)
    incus_exec(p, src, "sh", "-c", "echo written-by-test > /root/marker")
    incus("stop", src, "--force", project=p)
    incus("snapshot", "create", src, "snap0", project=p)
    incus("start", src, project=p)
    incus_exec(p, src, "sh", "-c", "echo after-snapshot > /root/marker")
    incus("stop", src, "--force", project=p)
    alias = unique("pub")
    events: list[ImageProgress] = []

    published = await images.publish(
        src,
        aliases=[{"name": alias, "description": "published by the test"}],
        properties={"os": "busybox", "origin": "publish"},
        compression_algorithm="gzip",
        progress=events.append,
    )
    from_snap = await images.publish(src, snapshot="snap0", properties={"origin": "snapshot"})
    response = await images.publish(src, properties={"origin": "nowait"}, compression_algorithm="none", wait=False)
    assert response.operation is not None and response.operation.status == "Running"
    await response.wait()
    unwaited = await images.get(response.operation.metadata["fingerprint"])
    assert unwaited.properties["origin"] == "nowait"

    assert isinstance(published, Image) and isinstance(from_snap, Image)
    # The server adds the properties the instance inherited from its image.
    assert published.properties["origin"] == "publish"
    assert published.properties["os"] == "busybox"
    assert published.aliases[0].name == alias
    assert published.aliases[0].description == "published by the test"
    assert from_snap.properties["origin"] == "snapshot"
    assert (await images.aliases.get(alias)).target == published.fingerprint
    assert {published.fingerprint, from_snap.fingerprint} <= {i["fingerprint"] for i in project_images(p)}
    for image, expected in ((alias, "after-snapshot"), (from_snap.fingerprint, "written-by-test")):
        name = unique("c")
        incus("launch", image, name, project=p)
        assert incus_exec(p, name, "cat", "/root/marker") == expected
    # A running instance cannot be published; the server's verdict surfaces.
    running = unique("run")
    incus("launch", base, running, project=p)
    before = set(await images.names())
    with pytest.raises(IncusOperationError, match=r"(?i)running|stop"):
        await images.publish(running)
    assert set(await images.names()) == before


# -- read / update ---------------------------------------------------------------


async def test_get_list_update_replace(images_project: Client, unified: str, unique: Callable[[str], str]) -> None:
    p = images_project.project
    assert p is not None
    images = images_project.images
    fp = await images.import_file(unified, properties={"keep": "1", "drop": "2"})

    assert (await images.get(fp[:10])).fingerprint == fp
    assert [i.fingerprint for i in await images.list()] == [fp]
    assert [i.fingerprint for i in await images.list(recursion=0)] == [fp]
    assert await images.names() == [fp]
    assert [i.fingerprint for i in await images.list(filter="properties.keep eq 1")] == [fp]
    assert await images.list(filter="properties.keep eq nope") == []
    assert await images.exists(fp[:8]) and not await images.exists("0" * 64)

    await images.update(fp, {"properties": {"new": "3", "drop": None}, "public": True})
    image = await images.get(fp)
    assert image.properties["keep"] == "1" and image.properties["new"] == "3"
    assert "drop" not in image.properties
    assert image.public is True
    assert incus_query(f"/1.0/images/{fp}?project={p}")["properties"].get("drop") is None

    await image.update({"auto_update": True})
    assert (await images.get(fp)).auto_update is True

    stale = image.etag
    await images.replace(fp, {"properties": {"only": "this"}, "public": False}, etag=(await images.get(fp)).etag)
    replaced = await images.get(fp)
    assert replaced.properties == {"only": "this"}
    assert replaced.public is False and replaced.auto_update is False
    with pytest.raises(IncusPreconditionFailedError):
        await images.replace(fp, {"properties": {}}, etag=stale)
    with pytest.raises(IncusPreconditionFailedError):
        await images.update(fp, {"public": True}, etag=stale)
    replaced.properties["via"] = "model"
    await replaced.replace()
    assert (await images.get(fp)).properties == {"only": "this", "via": "model"}
    with pytest.raises(ValueError, match="writable fields"):
        await images.update(fp, {"os": "not-a-field"})


# -- contract: update, replace, wait, binding -----------------------------------------


async def test_update_keeps_profiles_and_other_fields(images_project: Client, unified: str) -> None:
    """``update`` merges: a property removed with None, the rest kept, ``profiles`` too
    (a ``PUT`` without them would reset them to ``["default"]``)."""
    p = images_project.project
    assert p is not None
    images = images_project.images
    fp = await images.import_file(unified, properties={"keep": "1", "drop": "2"}, public=True)
    await images.replace(fp, {"properties": {"keep": "1", "drop": "2"}, "public": True, "profiles": []})
    assert incus_query(f"/1.0/images/{fp}?project={p}")["profiles"] == []

    await images.update(fp[:12], {"properties": {"drop": None, "new": "3"}})

    raw = incus_query(f"/1.0/images/{fp}?project={p}")
    assert raw["properties"] == {"keep": "1", "new": "3"}
    assert raw["profiles"] == []
    assert raw["public"] is True

    # What Incus 6.0's own PATCH ignores, update changes.
    await images.update(fp, {"profiles": ["default"], "expires_at": "2031-01-02T03:04:05Z"})

    raw = incus_query(f"/1.0/images/{fp}?project={p}")
    assert raw["profiles"] == ["default"]
    assert raw["expires_at"].startswith("2031-01-02T03:04:05")
    assert raw["properties"] == {"keep": "1", "new": "3"}


async def test_bound_image_acts_in_its_own_project(
    client: Client, images_project: Client, unified: str, unique: Callable[[str], str]
) -> None:
    """An image from an all-projects listing of a default-project client acts in its project."""
    p = images_project.project
    assert p is not None
    fp = await images_project.images.import_file(unified)
    listed = [i for i in await client.images.list(all_projects=True) if i.fingerprint == fp and i.project == p]
    assert len(listed) == 1

    await listed[0].update({"properties": {"bound": "yes"}})
    assert incus_query(f"/1.0/images/{fp}?project={p}")["properties"]["bound"] == "yes"
    await listed[0].delete()
    assert project_images(p) == []


async def test_writes_without_waiting(images_project: Client, tmp_path: Path, unique: Callable[[str], str]) -> None:
    """``wait=False`` gives the server's reply with the running operation; waiting on it finishes."""
    images = images_project.images
    first, second = build_image("unified", tmp_path / "1")[0], build_image("unified", tmp_path / "2")[0]

    response = await images.import_file(first, wait=False)
    assert response.operation is not None and response.operation.status == "Running"
    await response.wait()
    assert response.operation.status == "Success"
    fp = sha256_of(first)
    assert await images.exists(fp)

    seeded = await images.create(second, properties={"seed": "default"})  # the seed's default: wait=False
    assert seeded.operation is not None
    await seeded.wait()
    created = await images.get(sha256_of(second))
    assert created.properties["seed"] == "default"

    deleting = await images.delete(created.fingerprint, wait=False)
    assert deleting.operation is not None
    await deleting.wait()
    assert not await images.exists(created.fingerprint)


# -- aliases ---------------------------------------------------------------------


async def test_aliases_collection(images_project: Client, tmp_path: Path, unique: Callable[[str], str]) -> None:
    p = images_project.project
    assert p is not None
    images = images_project.images
    aliases = images.aliases
    fp1 = await images.import_file(build_image("unified", tmp_path / "1")[0])
    fp2 = await images.import_file(build_image("unified", tmp_path / "2")[0])
    name, renamed = unique("al") + "/x", unique("al2")

    await aliases.create(name, fp1, "first")

    alias = await aliases.get(name)
    assert isinstance(alias, ImageAlias)
    assert (alias.name, alias.target, alias.description, alias.type) == (name, fp1, "first", "container")
    assert alias.etag
    assert await aliases.names() == [name]  # "/" in a name comes back unescaped
    assert [(a.name, a.target) for a in await aliases.list()] == [(name, fp1)]
    assert [a.name for a in await aliases.list(recursion=0)] == [name]
    assert await aliases.exists(name) and not await aliases.exists(unique("none"))
    # Incus would answer these with every alias: refused, not misleading.
    with pytest.raises(ValueError, match="filter"):
        await aliases.list(filter=f"name eq {unique('none')}")
    with pytest.raises(ValueError, match="filter"):
        await aliases.names(filter=f"name eq {unique('none')}")
    with pytest.raises(ValueError, match="projects"):
        await aliases.list(all_projects=True)
    assert {a["name"]: a for a in incus_json("image", "alias", "list", project=p)}[name]["target"] == fp1
    with pytest.raises(IncusConflictError):
        await aliases.create(name, fp2)

    await aliases.update(name, {"target": fp2})
    assert (await aliases.get(name)).target == fp2
    assert (await aliases.get(name)).description == "first"  # kept
    await aliases.patch(name, {"description": "patched"})
    assert ((await aliases.get(name)).target, (await aliases.get(name)).description) == (fp2, "patched")
    with pytest.raises(IncusPreconditionFailedError):
        await aliases.replace(name, {"target": fp1}, etag=alias.etag)  # read before the changes
    with pytest.raises(IncusPreconditionFailedError):
        await aliases.update(name, {"target": fp1}, etag=alias.etag)
    await aliases.replace(name, {"target": fp1}, etag=(await aliases.get(name)).etag)
    replaced = await aliases.get(name)
    assert (replaced.target, replaced.description) == (fp1, "")  # PUT: the description left out is reset
    assert (await images.get_by_alias(name)).fingerprint == fp1

    await aliases.rename(name, renamed)
    assert await aliases.names() == [renamed]
    assert not await aliases.exists(name)
    assert [a["name"] for a in incus_json("image", "alias", "list", project=p)] == [renamed]

    # A bound alias acts on itself, in its project.
    bound = await aliases.get(renamed)
    await bound.update({"target": fp2, "description": "via model"})
    assert (bound.target, bound.description) == (fp2, "via model")
    assert (await aliases.get(renamed)).target == fp2
    await bound.rename(name)
    assert bound.name == name and await aliases.names() == [name]
    bound.description = "replaced via model"
    with pytest.raises(IncusPreconditionFailedError):
        await bound.replace()  # its ETag is from before its own update
    await (await aliases.get(name)).replace({"target": fp2, "description": "replaced via model"})
    assert (await aliases.get(name)).description == "replaced via model"
    await bound.delete()
    assert await aliases.names() == []
    assert sorted(await images.names()) == sorted([fp1, fp2])  # images stay
    assert incus_json("image", "alias", "list", project=p) == []


async def test_alias_seed_names(images_project: Client, tmp_path: Path, unique: Callable[[str], str]) -> None:
    """The seed SDK's flat alias methods, with the seed's returns."""
    p = images_project.project
    assert p is not None
    images = images_project.images
    fp1 = await images.import_file(build_image("unified", tmp_path / "1")[0])
    fp2 = await images.import_file(build_image("unified", tmp_path / "2")[0])
    name = unique("al")

    await images.create_alias(name, fp1, "first")
    envelope = await images.get_alias(name)
    assert envelope["metadata"]["target"] == fp1  # the seed's shape: the reply envelope
    assert envelope.metadata["description"] == "first"
    await images.update_alias(name, target=fp2)
    assert ((await images.aliases.get(name)).target, (await images.aliases.get(name)).description) == (fp2, "first")
    await images.update_alias(name, description="")
    assert (await images.aliases.get(name)).description == ""
    assert {a["name"]: a for a in incus_json("image", "alias", "list", project=p)}[name]["target"] == fp2
    await images.delete_alias(name)
    assert incus_json("image", "alias", "list", project=p) == []


async def test_deprecated_image_names(images_project: Client, tmp_path: Path, unique: Callable[[str], str]) -> None:
    """incus_sdk 0.1.0's names warn, name their replacement, and still work."""
    images = images_project.images
    fp1 = await images.import_file(build_image("unified", tmp_path / "1")[0])
    fp2 = await images.import_file(build_image("unified", tmp_path / "2")[0])
    name, renamed = unique("al"), unique("al2")
    await images.aliases.create(name, fp1, "first")

    with pytest.deprecated_call(match=r"images\.names\(\)"):
        assert sorted(await images.fingerprints()) == sorted([fp1, fp2])
    with pytest.deprecated_call(match=r"images\.aliases\.get\(name\)"):
        alias = await images.alias(name)
    assert isinstance(alias, ImageAlias) and alias.target == fp1
    with pytest.deprecated_call(match=r"images\.aliases\.list\("):
        assert [a.name for a in await images.list_aliases()] == [name]
    with pytest.deprecated_call(match=r"images\.aliases\.names\(\)"):
        assert await images.alias_names() == [name]
    with pytest.deprecated_call(match=r"images\.aliases\.replace"):
        await images.replace_alias(name, fp2, "replaced", etag=alias.etag)
    assert ((await images.aliases.get(name)).target, (await images.aliases.get(name)).description) == (
        fp2,
        "replaced",
    )
    with pytest.deprecated_call(match=r"images\.aliases\.rename"):
        await images.rename_alias(name, renamed)
    assert await images.aliases.names() == [renamed]

    model = await images.aliases.get(renamed)
    with pytest.deprecated_call(match=r"update\(\{'target'"):
        await model.update(target=fp1, description="via model")
    assert ((await images.aliases.get(renamed)).target, model.target, model.description) == (fp1, fp1, "via model")
    with pytest.deprecated_call(match=r"update\(\{'target'"):
        await model.update(fp2)  # 0.1.0's positional target
    assert (await images.aliases.get(renamed)).target == fp2
    with pytest.raises(ValueError, match="config"):
        await model.update({"target": fp1}, "and a description")


# -- bad input -------------------------------------------------------------------


async def test_missing_image_and_alias(images_project: Client, tmp_path: Path) -> None:
    images = images_project.images
    with pytest.raises(IncusNotFoundError):
        await images.get("f" * 64)
    with pytest.raises(IncusNotFoundError):
        await images.delete("f" * 64)
    with pytest.raises(IncusNotFoundError):
        await images.get_by_alias("no-such-alias")
    with pytest.raises(IncusNotFoundError):
        await images.delete_alias("no-such-alias")
    with pytest.raises(IncusNotFoundError):
        await images.export("f" * 64, tmp_path / "x")
    assert not (tmp_path / "x").exists() and not (tmp_path / "x.partial").exists()
    with pytest.raises(ValueError):
        await images.get("")
    with pytest.raises(ValueError):
        await images.copy_from("https://127.0.0.1:1")


async def test_duplicate_alias(images_project: Client, tmp_path: Path, unique: Callable[[str], str]) -> None:
    images = images_project.images
    alias = unique("dup")
    fp = await images.import_file(build_image("unified", tmp_path / "1")[0], aliases=[alias])
    with pytest.raises(IncusConflictError):
        await images.create_alias(alias, fp)
    other = build_image("unified", tmp_path / "2")[0]
    # Refused before the upload...
    with pytest.raises(IncusConflictError, match=alias):
        await images.import_file(other, aliases=[alias])
    assert await images.names() == [fp]
    # ... and if the server refuses it after storing the image (the seed's
    # create does not check first), the half-made image is deleted again.
    with pytest.raises(IncusOperationError, match=r"(?i)alias"):
        await images.create(other, wait=True, aliases=[alias])
    assert await images.names() == [fp]
    assert (await images.aliases.get(alias)).target == fp


async def test_corrupt_and_truncated_imports_leave_nothing(
    images_project: Client, unified: str, split: tuple[str, str], tmp_path: Path
) -> None:
    p = images_project.project
    assert p is not None
    images = images_project.images
    garbage = tmp_path / "garbage.tar.xz"
    garbage.write_bytes(os.urandom(4096))
    cut = tmp_path / "cut.tar.xz"
    cut.write_bytes(Path(unified).read_bytes()[:64])
    half = tmp_path / "half.tar.xz"
    half.write_bytes(Path(unified).read_bytes()[: os.path.getsize(unified) // 2])

    for args in ((str(garbage),), (str(cut),), (str(garbage), split[1])):
        with pytest.raises(IncusOperationError) as info:
            await images.import_file(*args)
        assert info.value.message
        assert await images.names() == []
        assert project_images(p) == []
    # Cut after its metadata.yaml, a tarball passes the server's checks (as
    # does any rootfs of a split image) unless the expected fingerprint is
    # sent along...
    with pytest.raises(IncusOperationError, match="fingerprints don't match"):
        await images.import_file(half, fingerprint=sha256_of(unified))
    with pytest.raises(IncusOperationError, match="fingerprints don't match"):
        await images.import_file(split[0], garbage, fingerprint=sha256_of(*split))
    assert project_images(p) == []
    # ... without it the image is accepted, and only fails when unpacked.
    fp = await images.import_file(half, aliases=["half"])
    assert fp == sha256_of(str(half))
    with pytest.raises(AssertionError, match=r"(?i)unpack|xz|tar|failed"):
        incus("launch", "half", "broken", project=p)


async def test_reimport_existing_keeps_the_image(images_project: Client, unified: str) -> None:
    images = images_project.images
    fp = await images.import_file(unified, properties={"mark": "first"})
    with pytest.raises(IncusOperationError, match="already exists"):
        await images.import_file(unified)
    assert (await images.get(fp)).properties["mark"] == "first"


async def test_export_to_unwritable_path(images_project: Client, unified: str, tmp_path: Path) -> None:
    fp = await images_project.images.import_file(unified)
    with pytest.raises(FileNotFoundError):
        await images_project.images.export(fp, tmp_path / "no" / "such" / "dir" / "image.tar.xz")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(NotADirectoryError):
        await images_project.images.export(fp, blocker / "image.tar.xz")
    assert sorted(os.listdir(tmp_path)) == sorted(["file", "unified"])
