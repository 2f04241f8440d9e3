"""mkdocs hook: every async Python example of the docs, beside its sync form, one click away.

Each fenced Python block that awaits something (or imports the async
``Client``) becomes two content tabs, "async" (the block as written) and
"sync" (its rewrite by :func:`incus_sdk.sync._rewrite.unasync_code`:
``await`` dropped, ``async with`` -> ``with``, ``from incus_sdk import`` ->
``from incus_sdk.sync import``...), so the sync form can never drift from
the example. A block included from a file (``--8<-- "examples/x.py"``) is
rewritten from the file.

Left as they are: blocks with nothing async, blocks already inside tabs,
and a block right after a ``<!-- sync: none -->`` line (an example of
writing async code, which has no sync form).

Registered in ``mkdocs.yml`` (``hooks:``); needs ``pymdownx.tabbed``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from incus_sdk.sync._rewrite import needs_rewrite, unasync_code

FENCE = re.compile(r"^(?P<indent>[ ]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
SNIPPET = re.compile(r'^--8<--\s+"(?P<path>[^"]+)"\s*$')
NO_SYNC = "<!-- sync: none -->"
PYTHON = {"python", "py", "python3"}


def _language(info: str) -> str:
    info = info.strip().lstrip("{").strip()
    return info.split()[0].lstrip(".") if info else ""


def _in_tab(out: list[str], indent: int) -> bool:
    """Whether the nearest less indented line above is a tab's title (``=== "..."``)."""
    for line in reversed(out):
        if not line.strip():
            continue
        if len(line) - len(line.lstrip()) < indent:
            return line.lstrip().startswith("===")
    return False


def _tab(title: str, indent: str, fence: str, info: str, code: list[str]) -> list[str]:
    inner = indent + "    "
    return [
        f'{indent}=== "{title}"',
        "",
        f"{inner}{fence}{info}",
        *[f"{inner}{line}" if line else "" for line in code],
        f"{inner}{fence}",
        "",
    ]


def tabify(markdown: str, root: Path) -> str:
    """Return ``markdown`` with each async Python example as async/sync tabs.

    Args:
        markdown: A page's Markdown.
        root: Where snippet paths (``--8<-- "examples/x.py"``) are read from.
    """
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if match is None:
            out.append(lines[i])
            i += 1
            continue
        indent, fence, info = match["indent"], match["fence"], match["info"]
        close = next(
            (j for j in range(i + 1, len(lines)) if lines[j].strip() == fence and lines[j].startswith(indent)),
            len(lines) - 1,
        )
        code = [line[len(indent) :] for line in lines[i + 1 : close]]
        block = lines[i : close + 1]
        i = close + 1
        marked = bool(out) and out[-1].strip() == NO_SYNC
        if marked:
            out.pop()
        source = "\n".join(code)
        snippet = SNIPPET.match(source.strip()) if len(code) == 1 else None
        if snippet is not None:
            source = (root / snippet["path"]).read_text().rstrip("\n")
        sync = unasync_code(source) if _language(info) in PYTHON and needs_rewrite(source) else source
        if marked or sync == source or _in_tab(out, len(indent)):
            out.extend(block)
            continue
        if out and out[-1].strip():
            out.append("")
        out += _tab("async", indent, fence, info, code)
        out += _tab("sync", indent, fence, info, sync.split("\n"))
        if out[-1] == "" and i < len(lines) and not lines[i].strip():
            out.pop()
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """The mkdocs event: rewrite the page before it is rendered."""
    return tabify(markdown, Path(config["config_file_path"]).parent)
