"""mypy sees what a write returns from the literal ``wait`` passed: no union, no isinstance.

The images API's creation calls return the new image when they wait and
the server's reply when they do not; their overloads say so. This checks
them the way a user's code meets them, by running mypy on such code.
"""

from __future__ import annotations

from pathlib import Path

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


def test_image_writes_are_typed_by_wait(tmp_path: Path) -> None:
    code = tmp_path / "user_code.py"
    code.write_text(USER_CODE)
    stdout, stderr, status = api.run(["--strict", "--no-error-summary", str(code)])
    assert status == 0, stdout + stderr
