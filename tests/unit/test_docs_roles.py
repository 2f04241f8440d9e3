"""The griffe extension that turns the docstrings' Sphinx roles into links (docs/hooks/griffe_roles.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import griffe

from ..docs_hooks import load_docs_hook

ROOT = Path(__file__).resolve().parents[2]


ROLES: Any = load_docs_hook("griffe_roles")


def load_sdk() -> griffe.Module:
    loaded = griffe.load("incus_sdk", search_paths=[str(ROOT)], extensions=griffe.Extensions(ROLES.SphinxRoles()))
    assert isinstance(loaded, griffe.Module)
    return loaded


def test_no_role_is_left_in_any_docstring() -> None:
    package = load_sdk()
    pending: list[griffe.Object] = [package]
    seen = 0
    while pending:
        obj = pending.pop()
        if obj.docstring is not None:
            seen += 1
            for role in (":meth:`", ":class:`", ":func:`", ":attr:`", ":mod:`", ":exc:`", ":data:`"):
                assert role not in obj.docstring.value, (obj.path, role)
        pending.extend(m for m in obj.members.values() if not m.is_alias)
    assert seen > 500


def test_targets_resolve_relative_to_the_docstring_and_tilde_shortens() -> None:
    instances = load_sdk()["api.instances.InstancesAPI"]
    text = instances.docstring.value if instances.docstring else ""
    # The class docstring names sibling classes and methods by short names;
    # each became a link to the object's full path.
    assert '<autoref identifier="incus_sdk.api.instances.' in text
    match = ROLES.ROLE.search(":meth:`~incus_sdk.operations.Operation.wait`")
    assert match is not None
    package = load_sdk()
    linked = ROLES._link(match, package.modules_collection, package)
    assert linked == '<autoref identifier="incus_sdk.operations.Operation.wait" optional><code>wait</code></autoref>'
    # Relative to a class: a method of the same class, by its bare name.
    match = ROLES.ROLE.search(":meth:`get`")
    assert match is not None
    linked = ROLES._link(match, package.modules_collection, package["api.instances.InstancesAPI"])
    assert 'identifier="incus_sdk.api.instances.InstancesAPI.get"' in linked


def test_an_unknown_target_stays_plain_code() -> None:
    package = load_sdk()
    match = ROLES.ROLE.search(":class:`NoSuchThing`")
    assert match is not None
    assert ROLES._link(match, package.modules_collection, package) == "<code>NoSuchThing</code>"
