#!/usr/bin/env python3
"""Generate incus_sdk/models/_spec.py from the Incus REST API spec.

Every definition of the spec becomes a pydantic model with the spec's field
names (as aliases where they are not Python identifiers), types and
descriptions. Defaults are the Go zero values the daemon itself assumes.
Hand-written family modules (``models/project.py``...) subclass these to add
convenience methods.

Usage: python scripts/gen_models.py [SPEC] [OUT]
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
DEFAULT_OUT = ROOT / "incus_sdk" / "models" / "_spec.py"

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


def generate(spec_path: Path) -> str:
    spec = yaml.safe_load(spec_path.read_text())
    defs = spec["definitions"]
    version = spec.get("info", {}).get("version", "")
    out = [
        f'"""Models generated from the Incus REST API spec ({spec_path.name}).',
        "",
        "Do not edit: run ``python scripts/gen_models.py``. Family modules in",
        "``incus_sdk.models`` re-export these and add convenience methods.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any",
        "",
        "from pydantic import Field",
        "",
        "from ._base import IncusModel, Timestamp",
        "",
        f'SPEC_VERSION = "{version}"',
    ]
    names = []
    for name in sorted(defs):
        schema = defs[name]
        if schema.get("type") not in (None, "object"):
            continue
        names.append(name)
        out += ["", "", f"class {name}(IncusModel):"]
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
    out += ["", "", "for _model in list(globals().values()):"]
    out += [
        "    if isinstance(_model, type) and issubclass(_model, IncusModel) and _model is not IncusModel:",
        "        _model.model_rebuild()",
        "",
        "__all__ = [",
    ]
    out += [f'    "{n}",' for n in names] + ["]", ""]
    return "\n".join(out)


def main() -> None:
    spec = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SPEC
    dest = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_OUT
    dest.write_text(generate(spec))
    print(f"wrote {dest}")


if __name__ == "__main__":
    main()
