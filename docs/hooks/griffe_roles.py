"""griffe extension: the package's Sphinx-style cross-references, rendered as links on the docs site.

The docstrings name other objects the way Sphinx and IDEs read them
(``:meth:`Operation.wait```, ``:class:`~incus_sdk.Client```); mkdocstrings
does not know these roles, and without this extension they are printed
as typed. Each one becomes the object's name in code type, linked to its
entry where the site renders it (an *optional* autoref: a target that no
page shows stays plain code instead of failing the strict build).

A target is looked up as Sphinx does: as written, then relative to the
docstring's class, its module and each enclosing package, then under
``incus_sdk``. ``~`` shows only the last part of the name.

Registered in ``mkdocs.yml`` under the python handler's ``extensions``.
"""

from __future__ import annotations

import html
import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:meth|class|func|attr|mod|exc|data|obj|const):`(?P<target>[^`]+)`")
ROOT = "incus_sdk"


def _scopes(obj: griffe.Object) -> list[str]:
    """The paths a relative name is tried under, innermost first."""
    scopes = []
    scope: griffe.Object | None = obj if isinstance(obj, (griffe.Class, griffe.Module)) else obj.parent
    while scope is not None:
        scopes.append(scope.path)
        scope = scope.parent
    return [*scopes, ROOT]


def _resolve(collection: griffe.ModulesCollection, name: str, obj: griffe.Object) -> str | None:
    for candidate in [name, *(f"{scope}.{name}" for scope in _scopes(obj))]:
        try:
            found = collection.get_member(candidate)
        except (KeyError, ValueError, griffe.AliasResolutionError, griffe.CyclicAliasError):
            continue
        if found is not None:
            return str(found.path)
    return None


def _link(match: re.Match[str], collection: griffe.ModulesCollection, obj: griffe.Object) -> str:
    written = match["target"].strip()
    name = written.lstrip("~.").removesuffix("()")
    shown = name.rsplit(".", 1)[-1] if written.startswith("~") else name
    code = f"<code>{html.escape(shown)}</code>"
    path = _resolve(collection, name, obj)
    if path is None:
        return code
    return f'<autoref identifier="{html.escape(path)}" optional>{code}</autoref>'


class SphinxRoles(griffe.Extension):
    """Rewrites the roles of every docstring of the loaded package."""

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        collection = loader.modules_collection
        pending: list[griffe.Object] = [pkg]
        while pending:
            obj = pending.pop()
            if obj.docstring is not None and ":" in obj.docstring.value:
                obj.docstring.value = ROLE.sub(lambda m, o=obj: _link(m, collection, o), obj.docstring.value)
            pending.extend(member for member in obj.members.values() if not member.is_alias)
