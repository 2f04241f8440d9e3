"""Every deprecated alias warns, names its replacement, and is in the changelog."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import incus_sdk
from incus_sdk.api._compat import DEPRECATED

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
