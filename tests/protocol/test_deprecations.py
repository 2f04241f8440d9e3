"""Every deprecated alias warns, names its replacement, and is in the changelog."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import incus_sdk
from incus_sdk.api._compat import DEPRECATED, deprecated_alias

ROOT = Path(__file__).resolve().parents[2]


def _import_everything() -> None:
    for module in pkgutil.walk_packages(incus_sdk.__path__, "incus_sdk."):
        importlib.import_module(module.name)


def test_every_deprecated_alias_is_in_the_changelog() -> None:
    _import_everything()
    assert DEPRECATED, "no deprecated alias registered"
    changelog = (ROOT / "CHANGELOG.md").read_text()
    missing = [name for name in DEPRECATED if f"{name.rsplit('.', 1)[-1]}(" not in changelog]
    assert not missing, f"deprecated names missing from CHANGELOG.md: {missing}"


def test_every_deprecated_alias_names_its_replacement() -> None:
    _import_everything()
    for name, replacement in DEPRECATED.items():
        assert replacement and "(" in replacement, (name, replacement)


class _Things:
    async def create(self, parent: str, name: str | None = None, *, wait: bool = True) -> tuple[str, str | None, bool]:
        """Make a thing."""
        return parent, name, wait


async def test_a_deprecated_alias_forwards_under_its_old_names_and_warns() -> None:
    class Root:
        things = _Things()

        create_thing = deprecated_alias("root.things", _Things.create, parent="name", name="thing")

    try:
        assert list(inspect.signature(Root.create_thing).parameters) == ["self", "name", "thing", "wait"]
        assert DEPRECATED[Root.create_thing.__qualname__] == "client.root.things.create(name, thing, ...)"
        with pytest.warns(DeprecationWarning, match=r"create_thing\(\) is deprecated; use client.root.things.create"):
            assert await Root().create_thing("p", "t", wait=False) == ("p", "t", False)
        with pytest.warns(DeprecationWarning):
            assert await Root().create_thing(name="p", thing="t") == ("p", "t", True)
    finally:
        DEPRECATED.pop(Root.create_thing.__qualname__)  # a test class, not in the changelog
