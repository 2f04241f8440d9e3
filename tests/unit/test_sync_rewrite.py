"""The sync form of async code (incus_sdk.sync._rewrite), as the docs and the generated docstrings use it."""

from __future__ import annotations

import ast

import pytest

from incus_sdk.sync._rewrite import needs_rewrite, unasync_code, unasync_docstring


@pytest.mark.parametrize(
    ("code", "sync"),
    [
        ("x = await client.projects.list()", "x = client.projects.list()"),
        ("async with Client() as client:\n    pass", "with Client() as client:\n    pass"),
        ("async for event in client.events():\n    ...", "for event in client.events():\n    ..."),
        ("async def main() -> None:\n    await f()", "def main() -> None:\n    f()"),
        ("from incus_sdk import Client, IncusNotFoundError", "from incus_sdk.sync import Client, IncusNotFoundError"),
        ("print(await (await f()).g())", "print((f()).g())"),
        # strings are not code; comments speak of the code
        ('s = "await x"  # or: await op (an async iterator)', 's = "await x"  # or: op (an iterator)'),
        ("import asyncio\nimport os\n\nasyncio.run(main())", "import os\n\nmain()"),
        ("import asyncio\n\nlimit = asyncio.Semaphore(8)", "import threading\n\nlimit = threading.Semaphore(8)"),
        ("import asyncio\n\nawait asyncio.sleep(1)", "import time\n\ntime.sleep(1)"),
        ("import asyncio\n\nawait asyncio.gather(a(), b())", "import asyncio\n\nasyncio.gather(a(), b())"),
        ("async def __aenter__(self): ...", "def __enter__(self): ..."),
        ("except StopAsyncIteration:", "except StopIteration:"),
        # a name that merely contains the keywords
        ("awaited = asyncness", "awaited = asyncness"),
    ],
)
def test_unasync_code(code: str, sync: str) -> None:
    assert unasync_code(code) == sync


def test_aligned_comments_stay_aligned() -> None:
    code = "await proc.write(b'x')    # one\nprint(await proc.read())  # two\ncode = 1                  # three\n"
    sync = unasync_code(code)
    columns = {line.index("#") for line in sync.splitlines()}
    assert len(columns) == 1, sync
    assert "await" not in sync


def test_continuation_lines_aligned_under_a_bracket_follow_it() -> None:
    code = (
        "c1 = await dev.instances.launch('c1', image,\n"
        "                                config={'a': 1})\n"
        "x = await f(\n"
        "    1,\n"
        ")\n"
    )
    assert unasync_code(code) == (
        "c1 = dev.instances.launch('c1', image,\n"
        "                          config={'a': 1})\n"
        "x = f(\n"
        "    1,\n"  # a hanging indent is not an alignment
        ")\n"
    )


def test_an_excerpt_that_does_not_tokenize_to_the_end_is_rewritten_as_far_as_it_goes() -> None:
    # A signature line of the docs, ending mid-statement.
    assert unasync_code("async def update(\n    name: str,") == "def update(\n    name: str,"


def test_every_rewrite_of_valid_code_is_valid_code() -> None:
    code = "async def main():\n    async with Client() as c:\n        async for e in c.events():\n            await e\n"
    ast.parse(unasync_code(code))


def test_needs_rewrite() -> None:
    assert needs_rewrite("await x")
    assert needs_rewrite("from incus_sdk import Client")
    assert not needs_rewrite("print('hello')")


def test_docstrings_rewrite_their_code_not_their_prose() -> None:
    doc = (
        "Subscribe (an async iterator; called or awaited).\n"
        "\n"
        "Use it so::\n"
        "\n"
        "    async for event in client.events():\n"
        "        await handle(event)\n"
        "\n"
        "An async context manager: ``async with x as y``.\n"
        "\n"
        "```python\n"
        "await client.projects.list()\n"
        "```"
    )
    assert unasync_docstring(doc) == (
        "Subscribe (an iterator; called or awaited).\n"
        "\n"
        "Use it so::\n"
        "\n"
        "    for event in client.events():\n"
        "        handle(event)\n"
        "\n"
        "A context manager: ``with x as y``.\n"
        "\n"
        "```python\n"
        "client.projects.list()\n"
        "```"
    )
