"""The python examples of README.md and docs/: found, wrapped, type-checked and run.

Every ```python block of those pages is an :class:`Example`. An example is a
fragment: it may ``await`` at top level and use names the page defined
earlier (``client``, ``inst``...). :func:`wrap` makes it the body of an
``async def`` whose parameters are those free names, typed from
:data:`FREE_NAMES`, which both mypy (tests/unit/test_docs_examples.py) and the
runner (:func:`run`, tests/integration/test_docs_examples.py) use.
"""

from __future__ import annotations

import ast
import asyncio
import builtins
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]

BLOCK = re.compile(r"^(?P<indent>[ ]*)```python\n(?P<code>.*?)^(?P=indent)```", re.S | re.M)
SNIPPET = re.compile(r'^--8<-- "(?P<path>[^"]+)"\s*$')

# The type of each name an example may use without defining it: what the page
# (or the reader) set up before. A name missing here fails the type check.
FREE_NAMES: dict[str, str] = {
    "client": "incus_sdk.Client",
    "Client": "type[incus_sdk.Client]",
    "admin": "incus_sdk.Client",
    "cluster_client": "incus_sdk.Client",
    "new_server": "incus_sdk.Client",
    "inst": "incus_sdk.api.instances.InstancesAPI",
    "images": "incus_sdk.api.images.ImagesAPI",
    "vols": "incus_sdk.api.storage_volumes.StorageVolumesAPI",
    "names": "list[str]",
    "token": "str",
    "uuid": "str",
    "op_id": "str",
    "pem": "str",
    "server_pem": "str",
    "encoded_token": "str",
    "source_url": "str",
    "target_url": "str",
    "chunks": "collections.abc.Callable[[], collections.abc.AsyncIterator[bytes]]",
    "my_tool": "typing.Any",
    "REQUESTS": "typing.Any",
    "LATENCY": "typing.Any",
    "Audit": "collections.abc.Callable[[], incus_sdk.hooks.Hook]",
}
# On the sync page (and in blocks importing incus_sdk.sync) a free ``client`` is the sync one.
SYNC_FREE_NAMES = {**FREE_NAMES, "client": "incus_sdk.sync.Client", "Client": "type[incus_sdk.sync.Client]"}


@dataclass(frozen=True)
class Example:
    """One ```python block: its page (relative to the repository), line and code."""

    page: str
    line: int
    code: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def snippet(self) -> str | None:
        """The file a ``--8<--`` block includes, if it is one."""
        match = SNIPPET.match(self.code.strip())
        return match["path"] if match else None

    @property
    def is_sync(self) -> bool:
        """A block of the sync client: a plain ``def`` then, run in a thread."""
        return (self.page == "docs/sync.md" or "incus_sdk.sync" in self.code) and "await" not in self.code

    def free_names(self) -> list[str]:
        """The names the block uses and never binds (builtins excepted), in first-use order."""
        tree = ast.parse(self.code)
        bound: set[str] = set()
        used: dict[str, None] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                if isinstance(node.ctx, ast.Load):
                    used.setdefault(node.id, None)
                else:
                    bound.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bound.add(node.name)
            elif isinstance(node, ast.arg):
                bound.add(node.arg)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                bound.add(node.name)
        return [name for name in used if name not in bound and not hasattr(builtins, name)]


def examples() -> list[Example]:
    """Every ```python block of README.md and docs/**/*.md, in page order."""
    found = []
    for page in PAGES:
        text = page.read_text()
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(Example(str(page.relative_to(ROOT)), line, textwrap.dedent(match["code"])))
    return found


def example(page: str, contains: str) -> Example:
    """The one block of ``page`` whose code contains ``contains``."""
    matches = [e for e in examples() if e.page == page and contains in e.code]
    assert len(matches) == 1, f"{len(matches)} blocks of {page} contain {contains!r}"
    return matches[0]


def wrap(example: Example, name: str = "_example") -> str:
    """The block as the body of ``async def name(<its free names>)`` (sync: ``def``), returning its locals.

    The body starts on line 2 of the result (line ``n`` of the block is line ``n + 1``).
    """
    types = SYNC_FREE_NAMES if example.is_sync else FREE_NAMES
    params = ", ".join(f"{free}: {types.get(free, 'UNDECLARED')}" for free in example.free_names())
    body = textwrap.indent(example.code, "    ")
    define = "def" if example.is_sync else "async def"
    return f"{define} {name}({params}) -> dict[str, typing.Any]:\n{body}    return locals()\n"


def rename(code: str, renames: dict[str, str]) -> str:
    """Replace each quoted name (``"old"``) by its unique stand-in, and each other string (paths...)."""
    for old, new in renames.items():
        if old.startswith(("/", "https://", "unix://")) or "." in old:
            code = code.replace(old, new)
        else:
            code = code.replace(f'"{old}"', f'"{new}"')
    return code


def scope(code: str, project: str) -> str:
    """Give each ``Client()`` / ``Client(key=...)`` the project ``project`` (the test's own)."""
    return re.sub(r"\bClient\((?=\)|\w+=)", f'Client(project="{project}", ', code)


async def run(
    example: Example, renames: dict[str, str] | None = None, *, project: str | None = None, **values: Any
) -> dict[str, Any]:
    """Run the block as written, but for ``renames`` (and ``project``), with ``values`` for its free names.

    Returns its variables, to check what it returned. A sync block runs in a
    thread (the sync client must not be called from a running event loop).
    """
    code = rename(example.code, renames or {})
    renamed = Example(example.page, example.line, scope(code, project) if project else code)
    missing = set(renamed.free_names()) - set(values)
    assert not missing, f"{example}: give a value for {sorted(missing)}"
    namespace: dict[str, Any] = {}
    # Padded so that a traceback names the page and the line of the docs.
    source = "\n" * max(example.line - 2, 0) + "import typing\n" + wrap(renamed)
    exec(compile(source, example.page, "exec"), namespace)
    args = {name: values[name] for name in renamed.free_names()}
    if renamed.is_sync:
        synced: dict[str, Any] = await asyncio.to_thread(namespace["_example"], **args)
        return synced
    result: dict[str, Any] = await namespace["_example"](**args)
    return result
