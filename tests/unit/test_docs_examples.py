"""Every python example of README.md and docs/ type-checks, and is run or listed as not runnable here.

The runs are in tests/integration/test_docs_examples.py and (the cluster's)
tests/cluster/test_docs_examples.py; the examples that run in neither are
in the integration module's ``NOT_RUN`` table, with why.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from ..docs_examples import FREE_NAMES, ROOT, Example, examples, wrap
from ..integration.test_docs_examples import NOT_RUN

RUNS = (ROOT / "tests" / "integration" / "test_docs_examples.py", ROOT / "tests" / "cluster" / "test_docs_examples.py")

HEADER = """\
# Generated from {example}: the block is the body of the function below.
import collections.abc
import typing

import incus_sdk
import incus_sdk.api.images
import incus_sdk.api.instances
import incus_sdk.api.storage_volumes
import incus_sdk.hooks
import incus_sdk.sync

"""
HEADER_LINES = HEADER.count("\n")

# The SDK's own modules are checked by the project's mypy run: here their
# types are used, their errors not shown (follow_imports = silent). The
# examples read optional fields without a None check (info.environment,
# response.operation) where the server always sends them: union-attr off.
MYPY_INI = """\
[mypy]
check_untyped_defs = True
follow_imports = silent
disable_error_code = union-attr
plugins = pydantic.mypy
"""


def run_examples() -> set[tuple[str, str]]:
    """The ``example(PAGE, CONTAINS)`` calls of the modules that run examples: the blocks they run."""
    calls = set()
    for node in (node for module in RUNS for node in ast.walk(ast.parse(module.read_text()))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "example":
            page, contains = node.args
            assert isinstance(page, ast.Constant) and isinstance(contains, ast.Constant), (
                f"line {node.lineno}: example() takes literal strings, so that this test can see it"
            )
            calls.add((page.value, contains.value))
    return calls


def identify(pairs: set[tuple[str, str]], where: str) -> dict[Example, tuple[str, str]]:
    """Each (page, contains) pair's one block; fails for a pair matching none or several."""
    found: dict[Example, tuple[str, str]] = {}
    for page, contains in sorted(pairs):
        matches = [e for e in examples() if e.page == page and contains in e.code]
        assert len(matches) == 1, f"{where}: {len(matches)} blocks of {page} contain {contains!r}"
        found[matches[0]] = (page, contains)
    return found


def test_every_example_is_run_or_listed() -> None:
    run = identify(run_examples(), "the test_docs_examples.py modules")
    listed = identify(set(NOT_RUN), "NOT_RUN")
    assert not set(run) & set(listed), f"both run and listed: {[str(e) for e in set(run) & set(listed)]}"
    unchecked = [str(e) for e in examples() if e not in run and e not in listed]
    assert not unchecked, f"run these in a test_docs_examples.py module, or list them in NOT_RUN: {unchecked}"


def test_the_table_gives_reasons() -> None:
    assert all(len(reason) > 20 for reason in NOT_RUN.values())


def test_a_free_name_becomes_a_typed_parameter() -> None:
    block = Example("docs/x.md", 1, "import os\nfor name in names:\n    await client.projects.get(name)\n")
    assert block.free_names() == ["names", "client"]
    assert wrap(block).splitlines()[0] == (
        f"async def _example(names: {FREE_NAMES['names']}, client: {FREE_NAMES['client']}) -> dict[str, typing.Any]:"
    )


def mypy_errors(blocks: list[Example], directory: Path, cache: Path) -> list[str]:
    """mypy's errors for the wrapped blocks, each given as PAGE:LINE of the docs."""
    files = {}
    for n, block in enumerate(blocks):
        path = directory / f"example_{n}.py"
        path.write_text(HEADER.format(example=block) + wrap(block))
        files[path.name] = block
    ini = directory / "mypy.ini"
    ini.write_text(MYPY_INI)
    # In a process of its own: mypy retunes the garbage collector of the
    # process it runs in (gc.set_threshold), which other tests measure.
    options = ["--config-file", str(ini), "--cache-dir", str(cache), "--no-error-summary"]
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", *options, *(str(path) for path in sorted(directory.glob("*.py")))],
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = []
    for line in (checked.stdout + checked.stderr).splitlines():
        name, _, rest = line.partition(":")
        block = files.get(Path(name).name)
        number, _, message = rest.partition(":")
        if block is None or not number.isdigit():
            errors.append(line)
            continue
        # Line 1 after the header is the def; the block's line n follows it; the fence is block.line.
        errors.append(f"{block.page}:{block.line + int(number) - HEADER_LINES - 1}:{message}")
    return errors


def test_every_example_type_checks(tmp_path: Path, pytestconfig: pytest.Config) -> None:
    blocks = [e for e in examples() if e.snippet is None]
    store = getattr(pytestconfig, "cache", None)  # None with -p no:cacheprovider
    cache = store.mkdir("mypy-docs-examples") if store is not None else tmp_path / "cache"
    errors = mypy_errors(blocks, tmp_path, cache)
    assert not errors, "\n".join(errors)


def test_a_wrong_example_is_reported_at_its_line(tmp_path: Path) -> None:
    block = Example("docs/x.md", 10, "x = 1\nawait client.projects.get(name=1)\n")
    [error] = mypy_errors([block], tmp_path, tmp_path / "cache")
    assert error.startswith("docs/x.md:12: error:"), error
