"""incus_sdk/sync/_generated.py and __init__.py are what scripts/gen_sync.py makes of the async API."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_sync_package_is_current() -> None:
    spec = importlib.util.spec_from_file_location("gen_sync", ROOT / "scripts" / "gen_sync.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(sys.modules[spec.name])
    for path, text in sys.modules[spec.name].generate().items():
        assert path.read_text() == text, f"{path.relative_to(ROOT)} is stale: run python scripts/gen_sync.py"
