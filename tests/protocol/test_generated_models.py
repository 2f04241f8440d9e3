"""models/_spec.py is what scripts/gen_models.py makes of the spec."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_models_are_current() -> None:
    spec_file = ROOT / "spec" / "incus" / "rest-api-6.0.4.yaml"
    assert spec_file.exists(), f"the vendored API spec is missing: {spec_file}"
    loader = importlib.util.spec_from_file_location("gen_models", ROOT / "scripts" / "gen_models.py")
    assert loader is not None and loader.loader is not None
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    generated = module.generate(spec_file)
    current = (ROOT / "incus_sdk" / "models" / "_spec.py").read_text()
    assert generated == current, "run: python scripts/gen_models.py"
