#!/usr/bin/env python3
"""Generate the incus_sdk/models/_spec package from the Incus REST API spec.

Every definition of the spec becomes a pydantic model with the spec's field
names (as aliases where they are not Python identifiers), types and
descriptions. Defaults are the Go zero values the daemon itself assumes.
Hand-written family modules (``models/project.py``...) subclass these to add
convenience methods.

Usage: python scripts/gen_models.py [SPEC] [OUT_DIR]
"""

from __future__ import annotations

import keyword
import re
import sys
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT / "spec" / "incus" / "rest-api-6.0.4.yaml"
DEFAULT_OUT = ROOT / "incus_sdk" / "models" / "_spec"

# Names pydantic's BaseModel already uses; a field may not shadow them.
RESERVED = {"schema", "copy", "json", "dict", "construct", "validate", "fields", "model_config"}


def py_name(json_name: str) -> str:
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", json_name).replace("-", "_").lower()
    if keyword.iskeyword(name) or name in RESERVED:
        name += "_"
    return name


def py_type(schema: dict, defs: dict) -> tuple[str, str]:
    """Return (annotation, default expression) for a property schema."""
    if "$ref" in schema:
        ref = schema["$ref"].rsplit("/", 1)[-1]
        target = defs[ref]
        if target.get("type") not in (None, "object"):
            return py_type(target, defs)
        return f"{ref} | None", "None"
    kind = schema.get("type")
    if kind == "string":
        if schema.get("format") == "date-time":
            return "Timestamp | None", "None"
        return "str", '""'
    if kind == "integer":
        return "int", "0"
    if kind == "number":
        return "float", "0.0"
    if kind == "boolean":
        return "bool", "False"
    if kind == "array":
        inner, _ = py_type(schema.get("items") or {}, defs)
        return f"list[{inner.removesuffix(' | None')}]", "Field(default_factory=list)"
    if kind == "object":
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            inner, _ = py_type(extra, defs)
            return f"dict[str, {inner.removesuffix(' | None')}]", "Field(default_factory=dict)"
        return "dict[str, Any]", "Field(default_factory=dict)"
    return "Any", "None"


def docstring(text: str, indent: str) -> list[str]:
    text = " ".join((text or "").split()).replace("\\", "\\\\").replace('"""', "'''")
    if not text:
        return []
    wrapped = textwrap.wrap(text, 82 - len(indent))
    if len(wrapped) == 1:
        return [f'{indent}"""{wrapped[0]}"""']
    return [f'{indent}"""{wrapped[0]}'] + [indent + w for w in wrapped[1:]] + [f'{indent}"""']


#: Plural first words that belong to the singular's module (``ImagesPost``: image).
PLURALS = {"Certificates", "Images", "Instances", "Networks", "Profiles", "Projects"}

HEADER = [
    "Do not edit: run ``python scripts/gen_models.py``. Family modules in",
    "``incus_sdk.models`` re-export these and add convenience methods.",
]


def module_of(name: str) -> str:
    """The module of the package a definition goes to: its first word (``NetworkACLPut``: ``network``)."""
    word = re.match(r"[A-Z][a-z]+", name)
    if word is None:
        return "other"
    first = word.group(0)
    return (first[:-1] if first in PLURALS else first).lower()


def references(schema: object, defs: dict) -> set[str]:
    """The object definitions a schema refers to (``$ref``), at any depth."""
    found: set[str] = set()
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str):
            target = ref.rsplit("/", 1)[-1]
            if defs[target].get("type") in (None, "object"):
                found.add(target)
        for value in schema.values():
            found |= references(value, defs)
    elif isinstance(schema, list):
        for value in schema:
            found |= references(value, defs)
    return found


def dependency_order(names: list[str], defs: dict) -> list[str]:
    """``names`` with each definition after those it refers to (else alphabetical).

    A field's annotation is resolved when its class is created only if the
    classes it names exist by then; a class made before them would keep an
    unresolved annotation, which a subclass in another module (the family
    resource classes) could not resolve. Definitions that refer to each
    other (a GPU card and its SR-IOV functions) stay in alphabetical order.
    """
    pending = {name: references(defs[name].get("properties") or {}, defs) - {name} for name in names}
    ordered: list[str] = []
    while pending:
        ready = sorted(name for name, needs in pending.items() if not needs & pending.keys())
        if not ready:  # a cycle: take the first of what is left
            ready = [min(pending)]
        for name in ready:
            ordered.append(name)
            del pending[name]
    return ordered


def model_source(name: str, schema: dict, defs: dict) -> list[str]:
    """The class statement of one definition."""
    out = ["", "", f"class {name}(IncusModel):"]
    title = schema.get("title") or schema.get("description") or f"The spec's {name}."
    out += docstring(title, "    ") or [f'    """The spec\'s {name}."""']
    props = schema.get("properties") or {}
    if not props:
        out.append("")
    for json_name, prop in props.items():
        annotation, default = py_type(prop, defs)
        attr = py_name(json_name)
        if attr != json_name:
            if default.startswith("Field("):
                default = default[:-1] + f', alias="{json_name}")'
            else:
                default = f'Field(default={default}, alias="{json_name}")'
        out.append("")
        out.append(f"    {attr}: {annotation} = {default}")
        desc = prop.get("description") or ""
        example = prop.get("example")
        if example is not None and not isinstance(example, (dict, list)):
            desc = f"{desc} (example: {example})".strip()
        out += docstring(desc, "    ")
    return out


def generate(spec_path: Path) -> dict[str, str]:
    """Generate the ``_spec`` package: file name -> source.

    Each family's definitions go to one module (``instance.py``...), which
    imports the few definitions of other families it refers to; the
    package's ``__init__`` imports a module only when one of its names is
    first used, and every model is built (pydantic's ``defer_build``) only
    when first validated. So a program pays for the parts of the API it
    uses, not for all ~200 models at import.
    """
    spec = yaml.safe_load(spec_path.read_text())
    defs = spec["definitions"]
    version = spec.get("info", {}).get("version", "")
    names = [name for name in sorted(defs) if defs[name].get("type") in (None, "object")]
    modules: dict[str, list[str]] = {}
    for name in dependency_order(names, defs):
        modules.setdefault(module_of(name), []).append(name)
    files: dict[str, str] = {}
    for module, members in sorted(modules.items()):
        imports: dict[str, set[str]] = {}
        body: list[str] = []
        for name in members:
            for ref in references(defs[name].get("properties") or {}, defs):
                if module_of(ref) != module:
                    imports.setdefault(module_of(ref), set()).add(ref)
            body += model_source(name, defs[name], defs)
        out = [
            f'"""Models of the ``{module}`` family, generated from the Incus REST API spec ({spec_path.name}).',
            "",
            *HEADER,
            '"""',
            "",
            "from __future__ import annotations",
            "",
        ]
        text = "\n".join(body)
        if "Any" in text:
            out += ["from typing import Any", ""]
        if "Field(" in text:
            out += ["from pydantic import Field", ""]
        out.append("from .._base import IncusModel" + (", Timestamp" if "Timestamp" in text else ""))
        out += [f"from .{other} import {', '.join(sorted(refs))}" for other, refs in sorted(imports.items())]
        out += body
        out += ["", "", "__all__ = ["] + [f'    "{n}",' for n in members] + ["]", ""]
        files[f"{module}.py"] = "\n".join(out)
    init = [
        f'"""Models generated from the Incus REST API spec ({spec_path.name}), one module per family.',
        "",
        *HEADER,
        "",
        "A family's module is imported when one of its names is first used.",
        '"""',
        "",
        "from typing import TYPE_CHECKING",
        "",
        "from ..._lazy import lazy_names",
        "",
        f'SPEC_VERSION = "{version}"',
        "",
        "if TYPE_CHECKING:",
    ]
    for module, members in sorted(modules.items()):
        init.append(f"    from .{module} import (")
        init += [f"        {n}," for n in sorted(members, key=str.lower)]  # as ruff sorts them
        init.append("    )")
    init += ["", "_EXPORTS = {"]
    init += [f'    "{n}": ".{module_of(n)}",' for n in names]
    # __all__ is written out (not lazy_names' copy of the table) for type checkers: the imports above are plain.
    init += ["}", "", "__getattr__, __dir__, _ = lazy_names(__name__, _EXPORTS)", "", "__all__ = ["]
    init += [f'    "{n}",' for n in names] + ["]", ""]
    files["__init__.py"] = "\n".join(init)
    return files


def main() -> None:
    spec = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SPEC
    dest = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_OUT
    files = generate(spec)
    dest.mkdir(parents=True, exist_ok=True)
    for stale in dest.glob("*.py"):
        if stale.name not in files:
            stale.unlink()
    for name, text in files.items():
        (dest / name).write_text(text)
    print(f"wrote {len(files)} files in {dest}")


if __name__ == "__main__":
    main()
