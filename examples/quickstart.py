"""incus_sdk quick start: server info, a project, a busybox container, cleanup.

Run it with ``scripts/demo`` (which prepares the Python environment). If no
Incus daemon answers on the local socket, it first runs
``scripts/incus-dev up`` to install and start one (root needed).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from pathlib import Path

from incus_sdk import Client, IncusConnectionError

ROOT = Path(__file__).resolve().parent.parent
IMAGE = os.environ.get("INCUS_TEST_IMAGE", "sdk-busybox")


def say(message: str) -> None:
    print(f"-> {message}", flush=True)


async def daemon_answers() -> bool:
    try:
        async with Client():
            return True
    except IncusConnectionError:
        return False


async def main() -> None:
    if not await daemon_answers():
        say("no Incus daemon answering: setting one up with scripts/incus-dev up")
    # Idempotent and quick when all is there: makes sure of the test image too.
    subprocess.run([str(ROOT / "scripts" / "as-root"), str(ROOT / "scripts" / "incus-dev"), "up"], check=True)

    async with Client() as client:
        info = await client.get_server_info()
        env = info.environment
        assert env is not None
        say(f"connected to Incus {env.server_version} on {env.server_name} ({client.endpoint})")
        say(f"  {len(info.api_extensions)} API extensions, storage: {env.storage}, kernel {env.kernel_version}")

        project_name = f"quickstart-{uuid.uuid4().hex[:6]}"
        say(f"creating project {project_name}")
        await client.projects.create(
            project_name,
            # Share the default project's images and profiles (root disk).
            config={"features.images": "false", "features.profiles": "false"},
            description="incus_sdk quick start",
        )
        scoped = client.with_project(project_name)
        try:
            say(f"launching container 'hello' from image {IMAGE!r}")
            instance = await scoped.instances.create("hello", source={"type": "image", "alias": IMAGE}, wait=True)
            await instance.start(wait=True)

            for listed in await scoped.instances.list():
                say(f"  {listed.name}: {listed.status} ({listed.type}, created {listed.created_at:%H:%M:%S})")

            result = await scoped.instances.exec("hello", ["uname", "-a"])
            say(f"  uname in the container: {result.stdout.decode().strip()}")

            state = await client.projects.get_state(project_name)
            say(f"  project usage: {state.resources['instances'].usage} instance(s)")
        finally:
            say("cleaning up")
            for leftover in await scoped.instances.list():
                if leftover.status == "Running":
                    await leftover.stop(wait=True, force=True)
                await leftover.delete(wait=True)
            await client.projects.delete(project_name)
        say("done")


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)
