"""mypy sees what a write returns from the literal ``wait`` passed: no union, no isinstance.

The creation calls of the images and instances APIs return the new object
when they wait and the server's reply when they do not; their overloads say
so. This checks them the way a user's code meets them, by running mypy on
such code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

USER_CODE = """
from typing_extensions import assert_type

from incus_sdk import Client, Response
from incus_sdk.api.images import Image, ImageAlias, ImagesAPI


async def main(client: Client) -> None:
    images: ImagesAPI = client.images
    assert_type(await images.create(b"x"), Response)  # the seed's default: wait=False
    assert_type(await images.create(b"x", wait=False), Response)
    assert_type(await images.create(b"x", wait=True), Image)
    assert_type(await images.create(b"x", "f.tar.xz", public=True, wait=True, aliases=["a"]), Image)
    assert_type(await images.create(b"x", None, False, False, None, True), Image)
    assert_type(await images.create(b"x", "f", True, False, None, False), Response)
    assert_type(await images.import_file("path"), str)
    assert_type(await images.import_file("path", wait=False), Response)
    assert_type(await images.import_url("url"), Image)
    assert_type(await images.import_url("url", wait=False), Response)
    assert_type(await images.copy_from("url", alias="a"), Image)
    assert_type(await images.copy_from("url", alias="a", wait=False), Response)
    assert_type(await images.publish("c1"), Image)
    assert_type(await images.publish("c1", wait=False), Response)
    assert_type(await images.push("fingerprint", "url", "secret"), Response)
    assert_type(await images.aliases.get("a"), ImageAlias)
    assert_type(await images.get_alias("a"), Response)
    image = await images.get("fingerprint")
    assert_type(await image.update({"public": True}, True), Response)
    assert_type(await image.delete(False), Response)
"""


INSTANCES_CODE = """
from typing_extensions import assert_type

from incus_sdk import Client, Response
from incus_sdk.api.instances import Instance, InstancesAPI


async def main(client: Client) -> None:
    instances: InstancesAPI = client.instances
    assert_type(await instances.create("c1"), Response)  # the seed's default: wait=False
    assert_type(await instances.create("c1", {"type": "none"}), Response)
    assert_type(await instances.create("c1", wait=False, image="a"), Response)
    assert_type(await instances.create("c1", wait=True), Instance)
    assert_type(await instances.create("c1", image="a", start=True, wait=True), Instance)
    assert_type(await instances.create("c1", None, None, None, None, False, "container", True), Instance)
    assert_type(await instances.create("c1", None, None, None, None, False, "container", False), Response)
    assert_type(await instances.update("c1", {"config": {}}), Response)
    assert_type(await instances.stop("c1"), Response)
    assert_type(await instances.execute("c1", ["true"]), Response)
    inst = await instances.get("c1")
    assert_type(await inst.start(), Response)
    assert_type(await instances.snapshots.create("c1"), Response)
"""


@pytest.mark.parametrize("user_code", [USER_CODE, INSTANCES_CODE], ids=["images", "instances"])
def test_writes_are_typed_by_wait(tmp_path: Path, user_code: str) -> None:
    code = tmp_path / "user_code.py"
    code.write_text(user_code)
    stdout, stderr, status = api.run(["--strict", "--no-error-summary", str(code)])
    assert status == 0, stdout + stderr
