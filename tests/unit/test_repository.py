"""The repository is self-contained: a clone has everything its tools, tests and docs read.

A user's clone has nothing beside it, so no tracked file may refer to a
path outside the repository: no sibling checkout beside the clone, no
absolute path of a development machine, no relative path that climbs above
the repository's root. A line that holds such text on purpose (a hostile
name in a test) says so with ``not a path`` in a comment.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Vendored upstream data: not ours to edit, and read by nothing as paths.
VENDORED = ("spec/",)

SIBLING = re.compile(r"\.\.[/\\]shared\b|parent\s*/\s*[\"']shared[\"']|[\"']\.\.[\"']\s*,\s*[\"']shared[\"']")
MACHINE_PATH = re.compile(r"(?<![\w.])/work/|/root/\.pyenv|/tmp/bash_jobs")
CLIMB = re.compile(r"(?:(?<=[\s\"'`(=:])|^)((?:\.\./)+)[\w.-]*")
PARENTS = re.compile(r"__file__\)\.resolve\(\)\.parents\[(\d+)\]|__file__\)\.resolve\(\)((?:\.parent)+)")


def tracked_files() -> list[Path]:
    """The files git tracks (every file under the root when there is no git)."""
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return [p for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts and ".git" not in p.parts]
    return [ROOT / name for name in out.decode().split("\0") if name]


def text_lines(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError:
        return []
    if b"\0" in data:
        return []
    return data.decode("utf-8", errors="replace").splitlines()


def outside_references(path: Path) -> list[str]:
    """Every line of ``path`` that points outside the repository, with the reason."""
    found = []
    for number, line in enumerate(text_lines(path), 1):
        if "not a path" in line:
            continue
        where = f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        if SIBLING.search(line):
            found.append(f"{where}  (a sibling checkout beside the repository)")
        if MACHINE_PATH.search(line):
            found.append(f"{where}  (an absolute path of a development machine)")
        for match in CLIMB.finditer(line):
            target = (path.parent / match.group(1)).resolve()
            if target != ROOT and ROOT not in target.parents:
                found.append(f"{where}  (climbs above the repository)")
        for match in PARENTS.finditer(line):
            depth = int(match.group(1)) + 1 if match.group(1) else match.group(2).count(".parent")
            target = path.parents[depth - 1] if depth <= len(path.parents) else Path("/")
            if target != ROOT and ROOT not in target.parents:
                found.append(f"{where}  (climbs above the repository)")
    return found


def test_no_tracked_file_refers_outside_the_repository() -> None:
    # This file holds examples of what it looks for.
    files = [
        p
        for p in tracked_files()
        if not str(p.relative_to(ROOT)).startswith(VENDORED) and p != Path(__file__).resolve()
    ]
    assert len(files) > 50
    problems = [problem for path in files for problem in outside_references(path)]
    assert not problems, "\n".join(problems)


#: The name of the development machines' sibling checkout, spelt in pieces so
#: that this file holds no reference to it (only the samples below, built here).
SIBLING_NAME = "sha" + "red"


@pytest.mark.parametrize(
    ("relative", "text"),
    [
        ("scripts/x", f'SPEC = ROOT.parent / "{SIBLING_NAME}" / "incus-api" / "x.yaml"'),
        ("README.md", f"see ../{SIBLING_NAME}/STYLE.md"),
        ("tests/unit/x.py", f'os.path.join(here, "..", "{SIBLING_NAME}", "seed")'),
        ("docs/x.md", "run /work/main/scripts/test"),
        ("docs/api/x.md", "[spec](../../../incus-api/spec.yaml)"),
        ("tests/unit/x.py", "ROOT = Path(__file__).resolve().parents[3]"),
        ("scripts/x", "ROOT = Path(__file__).resolve().parent.parent.parent"),
    ],
)
def test_the_check_catches(tmp_path: Path, relative: str, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    path = repo / relative
    path.parent.mkdir(parents=True)
    path.write_text(text + "\n")
    monkeypatch.setitem(globals(), "ROOT", repo)
    assert outside_references(path)


@pytest.mark.parametrize(
    ("relative", "text"),
    [
        ("scripts/x", 'DEFAULT_SPEC = ROOT / "spec" / "incus" / "rest-api-6.0.4.yaml"'),
        ("docs/api/x.md", "[Projects](../api/projects.md)"),
        ("tests/unit/x.py", "ROOT = Path(__file__).resolve().parents[2]"),
        ("tests/unit/x.py", 'name = "../../evil"'),
        ("tests/unit/x.py", 'name = "../../../../etc/passwd"  # not a path: a hostile name'),
    ],
)
def test_the_check_passes(tmp_path: Path, relative: str, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    path = repo / relative
    path.parent.mkdir(parents=True)
    path.write_text(text + "\n")
    monkeypatch.setitem(globals(), "ROOT", repo)
    assert outside_references(path) == []


def test_each_documented_object_is_rendered_on_one_page() -> None:
    pages: dict[str, list[str]] = {}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for line in text_lines(page):
            if line.startswith("::: "):
                pages.setdefault(line[4:].strip(), []).append(str(page.relative_to(ROOT)))
    assert pages
    twice = {target: where for target, where in pages.items() if len(where) > 1}
    assert not twice, twice
