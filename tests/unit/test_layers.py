"""The package is layered: each module imports only from its own layer or those below, in no circle.

From the bottom: the core (sending, operations, models of the spec,
streams); the CLI configuration and image servers; the sub-APIs (with the
model modules that re-export their resource classes); the client;
orchestration over clients (remotes onboarding, server-to-server
migration, the pytest plugin); the package's face; the synchronous facade
over all of it (``incus_sdk.sync``). Every import counts, those under
``TYPE_CHECKING`` and inside functions too: a circle hidden there is still a
circle to whoever reads the code.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import incus_sdk
from incus_sdk import _cliconfig, migration, remotes
from incus_sdk.api import migration as api_migration

PACKAGE = Path(incus_sdk.__file__).parent

#: The model modules that belong to the core (the rest re-export sub-API
#: resources); the generated ``models._spec`` package is all core.
CORE_MODELS = {"_base", "_spec", "_named", "event", "metrics", "operation"}

LAYERS = ("core", "CLI configuration", "sub-APIs", "client", "orchestration", "package", "sync facade")


def layer(module: str) -> int:
    """The layer of a module (an index into :data:`LAYERS`)."""
    if module == "incus_sdk.sync" or module.startswith("incus_sdk.sync."):
        return 6
    if module == "incus_sdk":
        return 5
    if module in ("incus_sdk.remotes", "incus_sdk.migration", "incus_sdk.api.migration", "incus_sdk.pytest_plugin"):
        return 4
    if module == "incus_sdk.client":
        return 3
    if module.startswith("incus_sdk.api.") or module == "incus_sdk.api":
        return 2
    if module == "incus_sdk.models" or (
        module.startswith("incus_sdk.models.")
        and not module.startswith("incus_sdk.models._spec.")
        and module.rsplit(".", 1)[1] not in CORE_MODELS
    ):
        return 2
    if module in ("incus_sdk._cliconfig", "incus_sdk.simplestreams"):
        return 1
    return 0


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ["incus_sdk", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, wherever the import stands."""
    known = modules()
    graph: dict[str, set[str]] = {}
    for module, path in known.items():
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names if alias.name in known)
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")
                base = base[: len(base) - node.level + 1] if node.level else []
                source = ".".join(base + ([node.module] if node.module else []))
                for alias in node.names:
                    # ``from . import _spec`` imports that module (the lazy models package
                    # imports no family at run time); ``from .x import Name`` imports x.
                    submodule = f"{source}.{alias.name}"
                    targets.add(submodule if submodule in known else source)
        graph[module] = {t for t in targets if t in known and t != module}
    return graph


def test_every_import_goes_down_or_sideways() -> None:
    upward = [
        f"{a} ({LAYERS[layer(a)]}) imports {b} ({LAYERS[layer(b)]})"
        for a, targets in sorted(imports().items())
        for b in sorted(targets)
        if layer(b) > layer(a)
    ]
    assert not upward, "\n".join(upward)


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other in a loop (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_import_circles() -> None:
    assert not circles(imports())


def test_the_check_sees_a_hidden_circle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An import under TYPE_CHECKING, or inside a function, is an arrow too.
    package = tmp_path / "incus_sdk"
    (package / "api").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "api" / "__init__.py").write_text("")
    (package / "client.py").write_text("from .api.things import ThingsAPI\n")
    (package / "api" / "things.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..client import Client\n"
        "def f():\n    from .. import client\n"
    )
    monkeypatch.setitem(globals(), "PACKAGE", package)
    graph = imports()
    assert graph["incus_sdk.api.things"] == {"incus_sdk.client"}
    assert circles(graph) == [["incus_sdk.api.things", "incus_sdk.client"]]
    assert layer("incus_sdk.client") > layer("incus_sdk.api.things")


def test_moved_names_are_the_same_objects() -> None:
    # incus_sdk.api.migration (0.1.0) keeps its names, and incus_sdk.remotes the
    # configuration API, as the very objects of the modules that now hold them.
    assert api_migration.__all__ == migration.__all__
    assert all(getattr(api_migration, name) is getattr(migration, name) for name in migration.__all__)
    moved = [name for name in remotes.__all__ if hasattr(_cliconfig, name)]
    assert "load_config" in moved and "CLIConfig" in moved
    assert all(getattr(remotes, name) is getattr(_cliconfig, name) for name in moved)
