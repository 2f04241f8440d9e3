"""Pure functions: path building, envelope decoding, endpoint resolution, models."""

from __future__ import annotations

import json

import pytest

from incus_sdk import IncusAPIError, IncusConflictError, IncusNotFoundError, api_path
from incus_sdk._core import name_from_url
from incus_sdk._protocol.envelope import decode_envelope
from incus_sdk._protocol.operation_status import is_final, is_wait_deadline
from incus_sdk._transport import UNIX_BASE_URL, resolve_endpoint
from incus_sdk.models import Project, ProjectState
from incus_sdk.models._spec import InstanceExecPost, Operation


@pytest.mark.parametrize(
    ("segments", "path"),
    [
        ((), "/1.0"),
        (("projects",), "/1.0/projects"),
        (("projects", "a b"), "/1.0/projects/a%20b"),
        (("projects", "../instances"), "/1.0/projects/..%2Finstances"),
        (("projects", "x?y=1#z"), "/1.0/projects/x%3Fy%3D1%23z"),
        (("projects", "%2e%2e"), "/1.0/projects/%252e%252e"),
        (("instances", "c", "files"), "/1.0/instances/c/files"),
        (("images", "ünï"), "/1.0/images/%C3%BCn%C3%AF"),
    ],
)
def test_api_path_escapes_every_segment(segments: tuple[str, ...], path: str) -> None:
    assert api_path(*segments) == path


@pytest.mark.parametrize("bad", ["", ".", ".."])
def test_api_path_rejects_unaddressable_segments(bad: str) -> None:
    with pytest.raises(ValueError):
        api_path("projects", bad)


def test_api_path_rejects_non_strings() -> None:
    with pytest.raises(ValueError):
        api_path("projects", 3)  # type: ignore[arg-type]


def test_name_from_url_unescapes() -> None:
    assert name_from_url("/1.0/instances/c%2F1?project=p") == "c/1"
    assert name_from_url("/1.0/projects/default") == "default"
    # Unescaped names in some 6.0 listings keep their "?".
    assert name_from_url("/1.0/storage-pools/a?b") == "a?b"
    assert name_from_url("/1.0/storage-pools/a?b?project=p") == "a?b"


def test_decode_sync_envelope() -> None:
    body = json.dumps({"type": "sync", "status_code": 200, "metadata": {"a": 1}}).encode()
    assert decode_envelope(200, body)["metadata"] == {"a": 1}


def test_decode_error_envelope() -> None:
    body = json.dumps({"type": "error", "error_code": 404, "error": "not found"}).encode()
    with pytest.raises(IncusNotFoundError, match="not found"):
        decode_envelope(404, body, method="GET", url="/1.0/x")


def test_decode_error_with_ok_http_status() -> None:
    body = json.dumps({"type": "error", "error_code": 500, "error": "UNIQUE constraint failed: x"}).encode()
    with pytest.raises(IncusConflictError):
        decode_envelope(200, body)


@pytest.mark.parametrize("body", [b"", b"null", b"[1]", b"{}", b"\xff\xfe", b'{"type": 3}'])
def test_decode_rejects_malformed(body: bytes) -> None:
    with pytest.raises(IncusAPIError, match="malformed"):
        decode_envelope(200, body)


def test_operation_status() -> None:
    assert is_final(200) and is_final(400) and is_final(401)
    assert not is_final(103)
    assert is_wait_deadline("context deadline exceeded")
    assert not is_wait_deadline("The instance is already running")


@pytest.mark.parametrize(
    ("given", "base", "socket"),
    [
        ("unix:///run/x.sock", UNIX_BASE_URL, "/run/x.sock"),
        ("/run/y.sock", UNIX_BASE_URL, "/run/y.sock"),
        ("https://host", "https://host:8443", None),
        ("https://host:9443/", "https://host:9443", None),
        ("https://[::1]", "https://[::1]:8443", None),
        ("https://[::1]:7443", "https://[::1]:7443", None),
    ],
)
def test_resolve_endpoint(given: str, base: str, socket: str | None) -> None:
    endpoint = resolve_endpoint(given)
    assert endpoint.base_url == base
    assert endpoint.socket_path == socket


def test_resolve_endpoint_discovery(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INCUS_ENDPOINT", raising=False)
    monkeypatch.setenv("INCUS_SOCKET", "/tmp/a.sock")
    assert resolve_endpoint(None).socket_path == "/tmp/a.sock"
    monkeypatch.delenv("INCUS_SOCKET")
    monkeypatch.setenv("INCUS_DIR", "/srv/incus")
    assert resolve_endpoint(None).socket_path == "/srv/incus/unix.socket"
    monkeypatch.setenv("INCUS_ENDPOINT", "https://remote:8443")
    assert resolve_endpoint(None).base_url == "https://remote:8443"


@pytest.mark.parametrize("bad", ["http://host", "ftp://x", "host:8443"])
def test_resolve_endpoint_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        resolve_endpoint(bad)


def test_models_round_trip_and_keep_unknown_fields() -> None:
    data = {"name": "p", "config": {"a": "1"}, "description": "", "used_by": [], "from_the_future": {"x": 1}}
    project = Project.from_dict(data)
    assert project.to_dict() == data
    assert Project.from_dict(project.to_dict()) == project
    state = ProjectState.from_dict({"resources": {"cpu": {"Limit": 2, "Usage": 1}}})
    assert state.resources["cpu"].limit == 2
    assert state.to_dict() == {"resources": {"cpu": {"Limit": 2, "Usage": 1}}}


def test_models_use_api_names_for_awkward_fields() -> None:
    body = InstanceExecPost(command=["true"], record_output=True, wait_for_websocket=False).to_dict()
    assert body["record-output"] is True
    assert "wait-for-websocket" in body
    op = Operation.from_dict({"class": "task", "created_at": "2026-11-28T01:41:20.198187228Z"})
    assert op.class_ == "task"
    assert op.created_at is not None and op.created_at.year == 2026
