"""mypy sees the sync API's real types: sync twins, plain iterators and context managers, never Any.

Checked the way a user's code meets them, by running ``mypy --strict`` on
such code (``assert_type`` fails on Any as on any other mismatch).
"""

from __future__ import annotations

from pathlib import Path

from mypy import api

USER_CODE = """
from collections.abc import Iterator
from typing import List

from typing_extensions import assert_type

from incus_sdk import FileInfo, IncusNotFoundError as AsyncNotFound
from incus_sdk.models._spec import ProjectState
from incus_sdk.models.event import Event
from incus_sdk.sync import (
    Client,
    ExecProcess,
    ExecResult,
    FileDownload,
    IncusNotFoundError,
    Instance,
    Operation,
    OutputStream,
    Project,
    Response,
)
from incus_sdk.sync._generated import InstancesAPI, ProjectsAPI
from incus_sdk.sync.migration import MigrationOperation, move_volume


def main() -> None:
    with Client() as client:
        assert_type(client, Client)
        assert_type(client.projects, ProjectsAPI)
        assert_type(client.projects.list(), List[Project])
        assert_type(client.projects.get("default"), Project)
        assert_type(client.projects.names(), List[str])
        assert_type(client.projects.create("p"), Response)
        assert_type(client.projects.get_state("p"), ProjectState)
        project = client.projects.get("p")
        assert_type(project.replace(), Response)
        assert_type(project.config, dict[str, str])

        scoped = client.with_project("p")
        assert_type(scoped, Client)
        instances: InstancesAPI = scoped.instances
        assert_type(instances.get("c1"), Instance)
        assert_type(instances.create("c1", wait=True), Instance)
        assert_type(instances.create("c1"), Response)
        instance = instances.get("c1")
        response = instance.start()
        assert_type(response, Response)
        assert_type(response.operation, Operation | None)
        assert_type(response.wait(timeout=30), Response)
        assert_type(instances.exec("c1", ["true"]), ExecResult)

        with instances.process("c1", ["cat"]) as proc:
            assert_type(proc, ExecProcess)
            assert_type(proc.stdout, OutputStream)
            assert_type(proc.write(b"x"), None)
            assert_type(proc.stdout.readline(), bytes)
            for chunk in proc.stdout:
                assert_type(chunk, bytes)
            assert_type(proc.wait(), int)
        with instances.process("c1", ["sh"], interactive=True, width=80, output_limit=4) as proc:
            assert_type(proc, ExecProcess)
        # process() takes spawn()'s keywords, typed: a misspelt one is an error (else the ignore is unused).
        instances.process("c1", ["cat"], enviroment={})  # type: ignore[call-arg]

        with Client() as other:
            moved = move_volume(client, other, "pool", "vol", target_pool="p2", volume_only=True, wait=False)
            assert_type(moved, MigrationOperation)
            # move_volume passes copy_volume's keywords on, typed (else the ignore is unused).
            move_volume(client, other, "pool", "vol", volume_onyl=True)  # type: ignore[call-arg]

        with instances.files.open("c1", "/etc/hostname") as download:
            assert_type(download, FileDownload)
            assert_type(download.info, FileInfo)
            for part in download:
                assert_type(part, bytes)
        assert_type(instances.backups.iter_export("c1", "b"), Iterator[bytes])

        for event in client.events(types=["lifecycle"]):
            assert_type(event, Event)  # models are the async package's own
            break

        try:
            client.projects.get("missing")
        except IncusNotFoundError as exc:
            assert_type(exc, AsyncNotFound)
"""


def test_the_sync_api_is_typed(tmp_path: Path) -> None:
    code = tmp_path / "user_code.py"
    code.write_text(USER_CODE)
    stdout, stderr, status = api.run(["--strict", "--no-error-summary", str(code)])
    assert status == 0, stdout + stderr
