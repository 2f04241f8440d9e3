"""Packages whose names are imported when first used (PEP 562).

``incus_sdk.models`` re-exports every family's models, and the resource
classes among them live with their sub-API (``incus_sdk.api.<family>``),
which itself builds on ``incus_sdk.models._base`` and ``_spec``. Importing
the families eagerly from the package's ``__init__`` would make importing
any model module import every sub-API first (and run in circles); a lazy
package imports a family's module only when one of its names is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any


def lazy_package(package: str, modules: Iterable[str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return a package's ``__getattr__`` and ``__dir__`` serving its modules' ``__all__``.

    Args:
        package: The package's ``__name__``.
        modules: Its submodules (relative names, e.g. ``"._base"``) whose
            ``__all__`` names the package re-exports.

    Returns:
        ``(__getattr__, __dir__)`` for the package's namespace.
    """
    names = tuple(modules)
    index: dict[str, str] | None = None

    def table() -> dict[str, str]:
        nonlocal index
        if index is None:
            index = {}
            for module in names:
                for name in importlib.import_module(module, package).__all__:
                    index.setdefault(name, module)
        return index

    def getattr_(name: str) -> Any:
        if name == "__all__":
            return sorted(table())
        if "." + name in names:
            # ``from package import module``: that module alone.
            return importlib.import_module("." + name, package)
        if name.startswith("_"):
            # Private names and submodules are never re-exported: answering
            # without building the table keeps ``from . import _spec`` cheap
            # (and safe while the package's families are still importing).
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = table().get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module, package), name)

    def dir_() -> list[str]:
        return sorted(table())

    return getattr_, dir_


__all__ = ["lazy_package"]
