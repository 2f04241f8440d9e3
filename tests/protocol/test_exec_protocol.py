"""Exec, events and file-header logic, without I/O."""

from __future__ import annotations

import asyncio
import json
import signal

import pytest

from incus_sdk._protocol import events as ev
from incus_sdk._protocol import exec as proto
from incus_sdk.api.files import _file_headers
from incus_sdk.streams import ExecError, ExecResult, FileInfo, OutputStream


def test_exec_body_fields_and_explicit_empty_values() -> None:
    body = proto.exec_body(["echo", 1], environment={}, user=0, group=0, cwd="", width=80, height=24)  # type: ignore[list-item]
    assert body == {
        "command": ["echo", "1"],
        "wait-for-websocket": False,
        "record-output": False,
        "interactive": False,
        "environment": {},
        "user": 0,
        "group": 0,
        "cwd": "",
        "width": 80,
        "height": 24,
    }
    assert set(proto.exec_body(["true"])) == {"command", "wait-for-websocket", "record-output", "interactive"}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"command": []},
        {"command": "echo hi"},
        {"command": ["true"], "record_output": True, "wait_for_websocket": True},
        {"command": ["true"], "record_output": True, "interactive": True},
        {"command": ["true"], "user": -1},
    ],
)
def test_exec_body_refuses(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        proto.exec_body(**kwargs)  # type: ignore[arg-type]


def test_control_messages() -> None:
    assert json.loads(proto.signal_message("TERM")) == {"command": "signal", "signal": 15}
    assert json.loads(proto.signal_message("sigkill")) == {"command": "signal", "signal": 9}
    assert json.loads(proto.signal_message(signal.SIGUSR1)) == {"command": "signal", "signal": int(signal.SIGUSR1)}
    assert json.loads(proto.window_resize_message(80, 24)) == {
        "command": "window-resize",
        "args": {"width": "80", "height": "24"},
    }
    for bad in ("NOPE", 0, 65):
        with pytest.raises(ValueError):
            proto.signal_message(bad)
    with pytest.raises(ValueError):
        proto.window_resize_message(0, 24)


def test_fds_exit_codes_and_start_failures() -> None:
    fds = {"0": "a", "1": "b", "2": "c", "control": "d"}
    assert proto.exec_fds({"fds": fds}, interactive=False) == fds
    assert proto.exec_fds({"fds": {"0": "a", "control": "d"}}, interactive=True) == {"0": "a", "control": "d"}
    with pytest.raises(ValueError):
        proto.exec_fds({"fds": {"0": "a", "control": "d"}}, interactive=False)
    with pytest.raises(ValueError):
        proto.exec_fds(None, interactive=True)
    assert proto.exit_code({"return": 3}) == 3
    assert proto.exit_code({}) is None
    assert proto.start_failure_code("Command not found") == 127
    assert proto.start_failure_code("Command not executable") == 126
    assert proto.start_failure_code("something else") is None


def test_exec_result() -> None:
    result = ExecResult(2, b"out\xff", b"bad thing\n", ["sh", "-c", "x y"], "id")
    assert result.stdout_text == "out\ufffd" and not result.ok and result.returncode == 2
    with pytest.raises(ExecError, match=r"sh -c 'x y'.*status 2: bad thing"):
        result.check()
    assert ExecResult(0).check().ok


def test_events_params() -> None:
    assert ev.events_params(None, project=None, all_projects=False) == ([], {})
    assert ev.events_params("lifecycle, operation", project="p", all_projects=False) == (
        ["lifecycle", "operation"],
        {"type": "lifecycle,operation", "project": "p"},
    )
    names, params = ev.events_params(["logging", "logging"], project=None, all_projects=True)
    assert names == ["logging"] and params == {"type": "logging", "all-projects": True, "project": None}
    with pytest.raises(ValueError):
        ev.events_params(["lifecycle"], project="p", all_projects=True)
    with pytest.raises(ValueError):
        ev.events_params(["", "lifecycle"], project=None, all_projects=False)


def test_decode_event_typed_payloads() -> None:
    lifecycle = ev.decode_event(
        json.dumps(
            {
                "type": "lifecycle",
                "timestamp": "2026-01-01T00:00:00.5Z",
                "project": "p",
                "metadata": {
                    "action": "instance-started",
                    "source": "/1.0/instances/c1",
                    "requestor": {"username": "u", "protocol": "unix", "address": "@"},
                    "future-field": 1,
                },
            }
        )
    )
    assert lifecycle is not None and lifecycle.action == "instance-started"
    assert lifecycle.lifecycle is not None and lifecycle.lifecycle.requestor is not None
    assert lifecycle.lifecycle.requestor.protocol == "unix"
    assert lifecycle.logging is None and lifecycle.operation is None
    logging = ev.decode_event(b'{"type":"logging","metadata":{"message":"m","level":"info","context":{"a":"b"}}}')
    assert logging is not None and logging.logging is not None and logging.logging.context == {"a": "b"}
    assert logging.action == ""
    op = ev.decode_event('{"type":"operation","metadata":{"id":"x","status":"Running","status_code":103}}')
    assert op is not None and op.operation is not None and op.operation.status_code == 103
    assert ev.decode_event("not json") is None
    assert ev.decode_event("[1, 2]") is None
    assert ev.decode_event('{"type":"lifecycle","metadata":null}') is not None


def test_backoff() -> None:
    backoff = ev.Backoff(0.5, 4)
    assert [backoff.delay(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]


def test_file_headers_and_info() -> None:
    assert _file_headers(type="file", uid=0, gid=0, mode=0o644, write="append") == {
        "X-Incus-type": "file",
        "X-Incus-uid": "0",
        "X-Incus-gid": "0",
        "X-Incus-mode": "0644",  # the leading 0 makes the daemon read octal
        "X-Incus-write": "append",
    }
    assert _file_headers(type="directory", uid=None, gid=None, mode=None) == {"X-Incus-type": "directory"}
    info = FileInfo.from_headers(
        "/f",
        {"X-Incus-type": "file", "X-Incus-uid": "5", "X-Incus-gid": "6", "X-Incus-mode": "0750", "Content-Length": "9"},
    )
    assert (info.uid, info.gid, info.mode, info.size, info.is_file) == (5, 6, 0o750, 9, True)
    directory = FileInfo.from_headers("/d", {"X-Incus-type": "directory", "X-Incus-mode": "0755"})
    assert directory.is_dir and directory.size is None


async def test_output_stream_reads_and_bounded_eof() -> None:
    stream = OutputStream(limit=2)
    await stream._feed(b"ab\ncd")
    await stream._feed(b"ef\n")
    stream._feed_eof()  # the buffer is full: the end is noted without blocking
    assert await stream.readline() == b"ab\n"
    assert await stream.read(2) == b"cd"
    assert [chunk async for chunk in stream] == [b"ef\n"]
    assert await stream.read() == b"" and stream.at_eof()

    blocked = OutputStream(limit=1)
    await blocked._feed(b"1")
    writer = asyncio.ensure_future(blocked._feed(b"2"))
    await asyncio.sleep(0)
    assert not writer.done()  # a full buffer holds the producer back
    blocked._discard_unread()
    await asyncio.wait_for(writer, 1)
    blocked._feed_eof()
    assert await blocked.read() == b""


def test_attach_timeout_means_the_command_never_ran() -> None:
    assert not proto.command_may_have_run("Timed out waiting for websockets to connect")
    assert proto.command_may_have_run("")
    assert proto.command_may_have_run("Instance is not running")
