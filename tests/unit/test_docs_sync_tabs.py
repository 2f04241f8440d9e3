"""The docs hook that puts every async example beside its sync form (docs/hooks/sync_tabs.py)."""

from __future__ import annotations

import ast
import io
import re
import textwrap
import tokenize
from pathlib import Path
from typing import Any

import pytest

from ..docs_hooks import load_docs_hook

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "docs").rglob("*.md"))


def hook() -> Any:
    return load_docs_hook("sync_tabs")


PAIR = re.compile(
    r'=== "async"\n\n(?P<ai>[ ]*)```python\n(?P<a>(?:.*\n)*?)(?P=ai)```\n\n'
    r'[ ]*=== "sync"\n\n(?P<si>[ ]*)```python\n(?P<s>(?:.*\n)*?)(?P=si)```\n'
)


def tabs(markdown: str) -> list[tuple[str, str]]:
    """The (async, sync) code of each pair of tabs on a rendered page."""
    return [(textwrap.dedent(m["a"]), textwrap.dedent(m["s"])) for m in PAIR.finditer(markdown)]


def test_an_async_example_becomes_two_tabs() -> None:
    page = "Text.\n```python\nx = await client.projects.list()   # all\n```\nMore.\n"
    assert hook().tabify(page, ROOT) == (
        "Text.\n"
        "\n"
        '=== "async"\n'
        "\n"
        "    ```python\n"
        "    x = await client.projects.list()   # all\n"
        "    ```\n"
        "\n"
        '=== "sync"\n'
        "\n"
        "    ```python\n"
        "    x = client.projects.list()         # all\n"
        "    ```\n"
        "\n"
        "More.\n"
    )


def test_an_indented_example_keeps_its_indentation() -> None:
    page = "- item\n\n    ```python\n    await f()\n\n    await g()\n    ```\n"
    assert hook().tabify(page, ROOT) == (
        "- item\n\n"
        '    === "async"\n\n        ```python\n        await f()\n\n        await g()\n        ```\n\n'
        '    === "sync"\n\n        ```python\n        f()\n\n        g()\n        ```\n'
    )


@pytest.mark.parametrize(
    "page",
    [
        "```python\nprint('nothing to await')\n```\n",
        "```sh\nawait is not python here\n```\n",
        "<!-- sync: none -->\n```python\nasync def hook(self) -> None: ...\n```\n",
        '=== "Mine"\n\n    ```python\n    await f()\n    ```\n',
    ],
    ids=["plain", "not-python", "marked", "in-a-tab"],
)
def test_what_is_left_alone(page: str) -> None:
    assert hook().tabify(page, ROOT) == page.replace("<!-- sync: none -->\n", "")


def test_a_snippet_is_rewritten_from_its_file(tmp_path: Path) -> None:
    (tmp_path / "ex.py").write_text("import asyncio\n\nasync def main():\n    await f()\n\nasyncio.run(main())\n")
    out = hook().tabify('```python\n--8<-- "ex.py"\n```\n', tmp_path)
    assert '--8<-- "ex.py"' in out.split('=== "sync"')[0]  # the async tab includes the file itself
    assert out.split('=== "sync"')[1] == "\n\n    ```python\n    def main():\n        f()\n\n    main()\n    ```\n"


def code_tokens(code: str) -> list[str]:
    try:
        return [t.string for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type == tokenize.NAME]
    except (tokenize.TokenError, IndentationError):
        return []


def parses(code: str, wrapper: str) -> bool:
    for text in (code, wrapper + textwrap.indent(code, "    ")):
        try:
            ast.parse(text)
            return True
        except SyntaxError:
            continue
    return False


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_async_example_of_the_docs_has_a_sync_form(page: Path) -> None:
    from incus_sdk.sync._rewrite import unasync_code

    text = page.read_text()
    examples = re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)
    marked = text.count("<!-- sync: none -->")
    wanted = [e for e in examples if unasync_code(e) != e or "--8<--" in e]
    pairs = tabs(hook().tabify(text, ROOT))
    assert len(pairs) == len(wanted) - marked
    for async_code, sync_code in pairs:
        assert not {"await", "async"} & set(code_tokens(sync_code)), sync_code
        if "--8<--" not in async_code and parses(async_code, "async def example():\n"):
            assert parses(sync_code, "def example():\n"), sync_code
