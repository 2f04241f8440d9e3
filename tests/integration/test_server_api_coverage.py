"""scripts/api-coverage on a real request log of the daemon.

The shared daemon runs without ``--debug`` and may not be restarted, but it
sends the same "Handling API request" debug lines as ``logging`` events:
``incus monitor --type=logging --format=json`` records them, and the script
reads that form as well as the ``--debug`` log file.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from incus_sdk import Client, IncusNotFoundError

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "api-coverage"


def _wait_for(path: Path, needle: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and needle in path.read_text(errors="replace"):
            return
        time.sleep(0.05)
    raise AssertionError(f"{needle!r} never reached the monitor log")


async def test_coverage_of_a_recorded_run(client: Client, tmp_path: Path, unique: Any) -> None:
    log = tmp_path / "requests.jsonl"
    with open(log, "wb") as out:
        monitor = subprocess.Popen(
            ["incus", "monitor", "--type=logging", "--format=json"], stdout=out, stderr=subprocess.DEVNULL
        )
    try:
        # The monitor is listening once its own connection shows up in the stream.
        _wait_for(log, '"message":"')
        await client.server.get()
        await client.server.warnings.list()
        await client.certificates.list()
        await client.server.metadata_configuration()
        # A fingerprint prefix no certificate has (hex: the SDK sends no other).
        marker = unique("f").replace("-", "") * 3
        try:
            await client.certificates.get(marker)
        except IncusNotFoundError:
            pass
        _wait_for(log, marker)
    finally:
        monitor.terminate()
        monitor.wait(10)

    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--show-covered", str(log)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    covered = out.split("Exercised (", 1)[1]
    for op in (
        "GET /1.0  x",
        "GET /1.0/warnings?recursion=1  x",
        "GET /1.0/certificates?recursion=1  x",
        "GET /1.0/metadata/configuration  x",
        "GET /1.0/certificates/{fingerprint}  x",
    ):
        assert op in covered, out
    head = out.splitlines()[0]
    assert head.startswith("API coverage: ") and "operations exercised" in head
    # The same file with --fail-under above what a handful of calls can reach fails.
    failing = subprocess.run(
        [sys.executable, str(SCRIPT), "--fail-under", "99.9", str(log)], capture_output=True, timeout=60
    )
    assert failing.returncode == 1
