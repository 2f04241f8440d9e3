"""Lazy packages: every exported name resolves, and importing costs only what is used."""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
from types import ModuleType

import pytest

import incus_sdk
import incus_sdk.models
import incus_sdk.models._spec


def _table(package: ModuleType) -> dict[str, str]:
    table: dict[str, str] = package._EXPORTS  # type: ignore[attr-defined]
    return table


@pytest.mark.parametrize("package", [incus_sdk, incus_sdk.models, incus_sdk.models._spec], ids=lambda p: p.__name__)
def test_every_exported_name_resolves_to_its_module(package: ModuleType) -> None:
    table = _table(package)
    assert sorted(package.__all__) == sorted(table)
    for name, module in table.items():
        assert getattr(package, name) is getattr(importlib.import_module(module, package.__name__), name), name
    assert set(table) <= set(dir(package))
    with pytest.raises(AttributeError):
        package.NoSuchName  # noqa: B018


def test_models_table_is_every_family_module_all() -> None:
    table = _table(incus_sdk.models)
    for module in set(table.values()):
        exported = set(importlib.import_module(module, "incus_sdk.models").__all__)
        assert exported <= set(table), f"{module} exports names the table misses"
        assert {name for name, home in table.items() if home == module} <= exported, module


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(out.split())


def test_import_incus_sdk_imports_neither_aiohttp_nor_pydantic() -> None:
    loaded = _modules_after("import incus_sdk")
    assert "aiohttp" not in loaded
    assert "pydantic" not in loaded


def test_the_client_alone_does_not_load_every_family() -> None:
    loaded = _modules_after("from incus_sdk import Client")
    assert "incus_sdk.models._spec.operation" in loaded  # operation handles need it
    for family in ("instance", "network", "storage", "resources", "image", "cluster"):
        assert f"incus_sdk.models._spec.{family}" not in loaded
    assert not {name for name in loaded if name.startswith("incus_sdk.api.")} - {"incus_sdk.api"}


def test_models_are_built_when_first_used() -> None:
    loaded = _modules_after(
        "from incus_sdk.models._spec import Project\n"
        "assert not Project.__pydantic_complete__\n"
        "Project.model_validate({'name': 'p'})\n"
        "assert Project.__pydantic_complete__"
    )
    assert "incus_sdk.models._spec.project" in loaded


def _static_exports(package: ModuleType) -> dict[str, str]:
    """What type checkers see re-exported: the ``if TYPE_CHECKING:`` imports (``*``, or ``X as X``)."""
    tree = ast.parse(inspect.getsource(package))
    block = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    seen: dict[str, str] = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom), ast.unparse(node)
        module = "." * node.level + (node.module or "")
        for alias in node.names:
            if alias.name == "*":
                names = importlib.import_module(module, package.__name__).__all__
                seen.update(dict.fromkeys(names, module))
            else:
                assert alias.asname == alias.name, f"{alias.name}: import it `as {alias.name}` to re-export it"
                seen[alias.name] = module
    return seen


@pytest.mark.parametrize("package", [incus_sdk, incus_sdk.models], ids=lambda p: p.__name__)
def test_type_checkers_see_the_table(package: ModuleType) -> None:
    # The table is the one list; the TYPE_CHECKING imports must re-export the same names from the same modules.
    static, table = _static_exports(package), _table(package)
    assert sorted(static) == sorted(table)
    for name, module in static.items():
        seen = getattr(importlib.import_module(module, package.__name__), name)
        assert seen is getattr(importlib.import_module(table[name], package.__name__), name), name
