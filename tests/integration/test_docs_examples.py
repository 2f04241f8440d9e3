"""The python examples of README.md and docs/ run as written against the daemon.

Only names are made unique (and paths moved to a temporary directory); what
an example creates is removed even if it fails. The examples that cannot run
here are in ``NOT_RUN`` with the reason; they are type-checked like all
others (tests/unit/test_docs_examples.py).
"""

from __future__ import annotations

from ..docs_examples import example, run

# (page, text the block contains) -> why it does not run here.
NOT_RUN: dict[tuple[str, str], str] = {}
