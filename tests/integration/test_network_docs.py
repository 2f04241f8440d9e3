"""The usage examples of docs/api/profiles.md and docs/api/networks.md run as written.

Only the names are made unique (and cleaned up even if an example fails).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

from incus_sdk import api_path

from .conftest import incus, incus_query

DOCS = Path(__file__).resolve().parents[2] / "docs" / "api"


def usage_block(page: str) -> str:
    """The first python block after ``## Usage`` on a docs page."""
    text = (DOCS / page).read_text()
    block = re.search(r"## Usage\s+```python\n(.*?)```", text, re.S)
    assert block is not None
    return block.group(1)


async def run_example(code: str, renames: dict[str, str]) -> None:
    for old, new in renames.items():
        code = code.replace(f'"{old}"', f'"{new}"')
    namespace: dict[str, object] = {}
    exec("async def _example():\n" + textwrap.indent(code, "    "), namespace)
    await namespace["_example"]()  # type: ignore[operator]


async def test_profiles_usage_example(unique: Callable[[str], str]) -> None:
    small, tiny = unique("small"), unique("tiny")
    try:
        await run_example(usage_block("profiles.md"), {"small": small, "tiny": tiny})
    finally:
        for name in (small, tiny):
            incus("profile", "delete", name, check=False)
    assert incus("profile", "list", "-f", "csv").count(small) == 0


async def test_networks_usage_example(unique: Callable[[str], str]) -> None:
    bridge, acl, zone = unique("br"), unique("web"), unique("z") + ".example.org"
    try:
        await run_example(usage_block("networks.md"), {"br-test": bridge, "web": acl, "example.org": zone})
        assert bridge not in {n["name"] for n in incus_query(api_path("networks") + "?recursion=1")}
    finally:
        incus("network", "zone", "delete", zone, check=False)
        incus("network", "delete", bridge, check=False)
        incus("network", "acl", "delete", acl, check=False)
