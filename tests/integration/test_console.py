"""The text console against the real daemon: attach, type, read, detach; the console log."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from incus_sdk import Client, IncusAPIError, IncusNotFoundError

from ..conftest import stray_tasks
from .conftest import TEST_IMAGE, incus, incus_json


async def test_attach_type_read_and_detach(scoped: Client, box: tuple[str, str]) -> None:
    marker = uuid.uuid4().hex[:10]
    async with await scoped.instances.console("c1", width=80, height=24) as con:
        # The daemon opens the console pty a moment after the websockets
        # connect; input sent before that is dropped, so type until echoed.
        seen = b""
        for _ in range(40):
            await con.write(f"{marker}\n")
            try:
                seen += await con.read_until(marker.encode(), timeout=0.25)
                break
            except asyncio.TimeoutError:
                continue
        assert marker.encode() in seen
        # What the instance prints on its console arrives here too.
        await scoped.instances.exec("c1", ["sh", "-c", f"echo inside-{marker} > /dev/console"])
        assert b"inside-" + marker.encode() in await con.read_until(f"inside-{marker}".encode(), timeout=10)
        await con.resize(100, 40)
    with pytest.raises(BrokenPipeError):
        await con.write("late")
    assert con.operation.done
    # Detaching leaves the instance running.
    assert incus_json("list", "c1", project=box[0])[0]["status"] == "Running"


async def test_console_log_read_and_clear(scoped: Client) -> None:
    marker = uuid.uuid4().hex
    await scoped.instances.exec("c1", ["sh", "-c", f"echo log-{marker} > /dev/console"])
    assert f"log-{marker}".encode() in await scoped.instances.console_log("c1")
    # Reading empties the log (as documented): the next read no longer has it.
    assert f"log-{marker}".encode() not in await scoped.instances.console_log("c1")
    await scoped.instances.exec("c1", ["sh", "-c", f"echo again-{marker} > /dev/console"])
    await scoped.instances.clear_console_log("c1")
    assert f"again-{marker}".encode() not in await scoped.instances.console_log("c1")


async def test_console_errors(scoped: Client, box: tuple[str, str]) -> None:
    with pytest.raises(IncusNotFoundError):
        await scoped.instances.console("no-such-instance")
    with pytest.raises(IncusNotFoundError):
        await scoped.instances.console_log("no-such-instance")
    incus("create", TEST_IMAGE, "stopped1", project=box[0])
    try:
        with pytest.raises(IncusAPIError, match="not running"):
            await scoped.instances.console("stopped1")
    finally:
        incus("delete", "--force", "stopped1", project=box[0], check=False)
    assert stray_tasks() == set()
