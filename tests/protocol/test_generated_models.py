"""The models/_spec package is what scripts/gen_models.py makes of the spec."""

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
    package = ROOT / "incus_sdk" / "models" / "_spec"
    assert sorted(generated) == sorted(p.name for p in package.glob("*.py")), "run: python scripts/gen_models.py"
    for name, text in generated.items():
        assert (package / name).read_text() == text, f"{name} is stale: run python scripts/gen_models.py"
