"""scripts/api-coverage: reading request lines, matching them to the spec, counting.

The log lines are the daemon's own: JSON events captured from ``incus monitor
--type=logging --format=json`` on the test daemon, and ``incusd --debug``
text lines in the exact form logrus's TextFormatter writes them (keys
sorted, values quoted with Go's %q when they hold characters other than
``[A-Za-z0-9-._/@^+]``), with and without colours.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "api-coverage"


def _load() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("api_coverage", str(SCRIPT))
    spec = importlib.util.spec_from_loader("api_coverage", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["api_coverage"] = module  # dataclasses look their module up
    loader.exec_module(module)
    return module


cov = _load()

# Captured from the test daemon (incus monitor --type=logging --format=json).
EVENT_UNIX = (
    '{"location":"none","metadata":{"context":{"ip":"@","method":"GET","protocol":"unix",'
    '"url":"/1.0/instances?recursion=1\\u0026project=default","username":"root"},"level":"debug",'
    '"message":"Handling API request"},"timestamp":"2026-11-28T01:53:08.46980986Z","type":"logging"}'
)
EVENT_TLS = (
    '{"location":"none","metadata":{"context":{"ip":"127.0.0.1:38554","method":"GET","protocol":"tls",'
    '"url":"/1.0/projects?recursion=0","username":"6958ffc8eec6a038bae86a8bd6fb5bfe21686d653f184aefffb326e14d7df7ef"},'
    '"level":"debug","message":"Handling API request"},"timestamp":"2026-11-28T02:04:43.404189684Z","type":"logging"}'
)
EVENT_UNTRUSTED = (
    '{"location":"none","metadata":{"context":{"ip":"127.0.0.1:38554","url":"/1.0"},"level":"debug",'
    '"message":"Allowing untrusted GET"},"timestamp":"2026-11-28T02:04:43.317800339Z","type":"logging"}'
)
EVENT_OTHER = (
    '{"location":"none","metadata":{"context":{"id":"186624e0-edfd-4441-a594-c7f7b63dc80a",'
    '"local":"/var/lib/incus/unix.socket","remote":"@"},"level":"debug",'
    '"message":"Event listener server handler started"},'
    '"timestamp":"2026-11-28T01:53:07.479802549Z","type":"logging"}'
)

# incusd --debug --logfile: logrus text, no colours (stderr is not a terminal).
TEXT_PLAIN = (
    'time="2026-11-28T01:53:08Z" level=debug msg="Handling API request" ip=@ method=GET protocol=unix '
    'url="/1.0/instances?recursion=1&project=default" username=root'
)
TEXT_BARE_URL = (
    'time="2026-11-28T01:53:08Z" level=debug msg="Handling API request" ip=@ method=GET protocol=unix url=/1.0 '
    "username=root"
)
TEXT_TLS = (
    'time="2026-11-28T02:04:43Z" level=debug msg="Handling API request" ip="127.0.0.1:38554" method=PATCH '
    'protocol=tls url="/1.0/certificates/6958ffc8eec6" '
    "username=6958ffc8eec6a038bae86a8bd6fb5bfe21686d653f184aefffb326e14d7df7ef"
)
# The same with ForceColors (incusd started on a terminal).
TEXT_COLOURED = (
    "\x1b[37mDEBUG\x1b[0m[2026-11-28T01:53:08Z] Handling API request                         "
    " \x1b[37mip\x1b[0m=@ \x1b[37mmethod\x1b[0m=DELETE \x1b[37mprotocol\x1b[0m=unix"
    ' \x1b[37murl\x1b[0m="/1.0/instances/c%2F1?project=p" \x1b[37musername\x1b[0m=root'
)
TEXT_OTHER = 'time="2026-11-28T01:40:32Z" level=warning msg="AppArmor support has been disabled"'
TEXT_BODY = 'time="2026-11-28T01:53:08Z" level=debug msg="API Request" ip=@ method=POST url=/1.0/instances'


def test_reads_events_and_text_lines() -> None:
    lines = [
        EVENT_UNIX,
        "",
        EVENT_TLS,
        EVENT_UNTRUSTED,
        EVENT_OTHER,
        TEXT_PLAIN,
        TEXT_BARE_URL,
        TEXT_TLS,
        TEXT_COLOURED,
        TEXT_OTHER,
        TEXT_BODY,
        "{not json",
    ]
    assert list(cov.read_requests(lines)) == [
        ("GET", "/1.0/instances?recursion=1&project=default"),
        ("GET", "/1.0/projects?recursion=0"),
        ("GET", "/1.0/instances?recursion=1&project=default"),
        ("GET", "/1.0"),
        ("PATCH", "/1.0/certificates/6958ffc8eec6"),
        ("DELETE", "/1.0/instances/c%2F1?project=p"),
    ]


def test_go_unquote() -> None:
    assert cov.go_unquote('"a\\"b\\\\c\\n\\x41\\u00e9"') == 'a"b\\c\nAé'
    assert cov.go_unquote("bare") == "bare"


@pytest.fixture(scope="module")
def matcher() -> Any:
    return cov.Matcher(cov.load_spec(cov.DEFAULT_SPEC))


@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [
        ("GET", "/1.0", "GET /1.0"),
        ("GET", "/", "GET /"),
        ("GET", "/1.0/instances?project=p", "GET /1.0/instances"),
        ("GET", "/1.0/instances?recursion=0", "GET /1.0/instances"),
        ("GET", "/1.0/instances?recursion=1&project=p", "GET /1.0/instances?recursion=1"),
        ("GET", "/1.0/instances?recursion=2", "GET /1.0/instances?recursion=2"),
        ("GET", "/1.0/certificates?recursion=2", "GET /1.0/certificates?recursion=1"),
        ("GET", "/1.0/images/aliases", "GET /1.0/images/aliases"),
        ("GET", "/1.0/images/abc123", "GET /1.0/images/{fingerprint}"),
        ("GET", "/1.0/images/aliases/a%2Fb", "GET /1.0/images/aliases/{name}"),
        ("DELETE", "/1.0/instances/c%2F1?project=p", "DELETE /1.0/instances/{name}"),
        ("GET", "/1.0/instances/c1/logs/exec-output", "GET /1.0/instances/{name}/logs/exec-output"),
        ("GET", "/1.0/instances/c1/logs/lxc.log", "GET /1.0/instances/{name}/logs/{filename}"),
        ("GET", "/1.0/operations/u-1/wait?timeout=30", "GET /1.0/operations/{id}/wait"),
        ("GET", "/1.0/operations/u-1/wait?public&secret=x", "GET /1.0/operations/{id}/wait?public"),
        ("GET", "/1.0/images?public&recursion=1", "GET /1.0/images?public&recursion=1"),
        ("PUT", "/1.0/storage-pools/p/buckets/b", "PUT /1.0/storage-pools/{name}/buckets/{bucketName}"),
        ("GET", "/1.0/storage-pools/p/buckets/b", "GET /1.0/storage-pools/{poolName}/buckets/{bucketName}"),
        (
            "GET",
            "/1.0/storage-pools/p/volumes/custom/v?recursion=1",
            "GET /1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}",
        ),
        ("POST", "/1.0/warnings", None),
        ("GET", "/internal/containers/c1/onstart", None),
        ("GET", "/1.0/no-such-thing", None),
    ],
)
def test_matching(matcher: Any, method: str, url: str, expected: str | None) -> None:
    op = matcher.match(method, url)
    assert (str(op) if op else None) == expected


def test_exclusions_of_the_real_spec(matcher: Any) -> None:
    ops = {str(op): op for op in matcher.operations}
    assert ops["POST /1.0/certificates?public"].excluded == "?public"
    assert ops["GET /1.0/images?public&recursion=1"].excluded == "?public"
    assert ops["GET /1.0/cluster/members"].excluded == "cluster-only"
    assert ops["PUT /1.0/cluster"].excluded == "cluster-only"
    assert ops["GET /1.0/cluster"].excluded == ""  # a standalone server answers it
    assert ops["GET /1.0/instances/{name}/debug/memory"].excluded == "VM-only"
    assert ops["GET /1.0/instances/{name}/console"].excluded == ""
    assert len(ops) == 266


def _spec_file(tmp_path: Path) -> Path:
    spec = {
        "swagger": "2.0",
        "paths": {
            "/1.0": {"get": {}, "patch": {}},
            "/1.0/things": {"get": {}, "post": {}},
            "/1.0/things?recursion=1": {"get": {}},
            "/1.0/things?public": {"get": {}},
            "/1.0/things/{name}": {"get": {}, "delete": {"description": "Only supported for VMs."}, "parameters": []},
            "/1.0/cluster/members": {"get": {}},
        },
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    return path


def test_counting(tmp_path: Path) -> None:
    ops = cov.load_spec(_spec_file(tmp_path))
    report = cov.coverage(
        ops,
        [
            ("GET", "/1.0"),
            ("GET", "/1.0"),
            ("GET", "/1.0/things?recursion=1"),
            ("GET", "/1.0/things/a%20b"),
            ("DELETE", "/1.0/things/x"),  # VM-only: matched, not counted
            ("GET", "/internal/ready"),
        ],
    )
    assert [str(op) for op in report.counted] == [
        "GET /1.0",
        "PATCH /1.0",
        "GET /1.0/things",
        "POST /1.0/things",
        "GET /1.0/things?recursion=1",
        "GET /1.0/things/{name}",
    ]
    assert [str(op) for op in report.missing] == ["PATCH /1.0", "GET /1.0/things", "POST /1.0/things"]
    assert report.percent == 50.0
    assert dict(report.excluded) == {"?public": 1, "VM-only": 1, "cluster-only": 1}
    assert report.requests == 6 and dict(report.unmatched) == {"GET /internal/ready": 1}
    text = cov.format_report(report, Path("spec.json"), show_covered=True, show_unmatched=True)
    assert text.splitlines()[0] == "API coverage: 3/6 operations exercised (50.0%)"
    assert "  GET /1.0  x2" in text and "  PATCH /1.0" in text and "GET /internal/ready  x1" in text


def test_main(tmp_path: Path, capsys: Any) -> None:
    spec = _spec_file(tmp_path)
    log = tmp_path / "incusd.log"
    log.write_text(
        "\n".join(
            [
                TEXT_OTHER,
                TEXT_BARE_URL,
                EVENT_UNTRUSTED,
            ]
        )
    )
    assert cov.main(["--spec", str(spec), str(log)]) == 0
    out = capsys.readouterr().out
    assert "1/6 operations exercised (16.7%)" in out and "Not exercised (5):" in out
    assert cov.main(["--spec", str(spec), "--fail-under", "20", str(log)]) == 1
    capsys.readouterr()
    assert cov.main(["--spec", str(spec), "--json", str(log)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["exercised"] == 1 and data["operations"] == 6 and "POST /1.0/things" in data["not_exercised"]
    assert cov.main(["--spec", str(tmp_path / "missing.yaml"), str(log)]) == 2
    assert "cannot read the spec" in capsys.readouterr().err
