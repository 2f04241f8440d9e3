"""Packages whose names are imported when first used (PEP 562).

``incus_sdk``, ``incus_sdk.models`` and the generated
``incus_sdk.models._spec`` re-export their names from fixed tables: a name
is imported from its module when first asked for. So ``import incus_sdk``
costs almost nothing, ``from incus_sdk import Client`` imports what the
client needs, and ``from incus_sdk import Project`` the project family, not
every model of the API. (``incus_sdk.models`` could not import its
families eagerly anyway: the resource classes live with their sub-API,
which itself builds on the models.)
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(
    package: str, table: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """Return a package's ``__getattr__``, ``__dir__`` and ``__all__``, serving names from a fixed table.

    Args:
        package: The package's ``__name__``.
        table: Each re-exported name -> the module (relative, e.g.
            ``".client"``) it is read from.

    Returns:
        ``(__getattr__, __dir__, __all__)`` for the package's namespace. A
        name is imported on first access, then kept in the package's
        namespace, so later lookups are plain attribute reads; ``__all__``
        is the table's names.
    """
    namespace = sys.modules[package].__dict__

    def getattr_(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted({*namespace, *table})

    return getattr_, dir_, list(table)


__all__ = ["lazy_names"]
