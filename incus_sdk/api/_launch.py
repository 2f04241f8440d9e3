"""Launching like ``incus launch``: image references, remote sources, readiness.

What the thin methods ``client.instances.launch`` / ``rebuild_from`` /
``wait_ready`` and ``client.images.copy_from_remote`` do, in one place:

- :func:`resolve_image` turns ``"remote:alias"`` (a remote of the CLI
  configuration), ``"remote:fingerprint"``, or a local alias or fingerprint
  into the ``source`` the daemon needs, checking on the image server that the
  image exists before anything is created;
- :func:`launch` creates the instance from it, reports the daemon's download
  progress, starts it, and deletes it again if the start fails;
- :func:`wait_ready` waits until an instance is usable, woken by the
  daemon's lifecycle events rather than a tight polling loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._core import name_from_url
from .._transfer import wait_reporting
from ..exceptions import IncusAPIError, IncusError, IncusNotFoundError, IncusOperationError, IncusTimeoutError
from ..models._spec import InstanceState
from ..models.image import Image, ProgressCallback
from ..operations import Operation

if TYPE_CHECKING:
    from ..client import Client
    from ..models.server import Server
    from ..remotes import CLIConfig, Remote
    from ..streams import EventStream
    from .instances import Instance

#: An image reference that is a fingerprint (or a unique prefix of one) rather than an alias.
_FINGERPRINT = re.compile(r"[0-9a-f]{12,64}")
#: Longest pause between two readiness checks when no event wakes the wait.
MAX_READY_INTERVAL = 2.0
#: Seconds a failed launch may spend removing what it created.
_UNDO_TIMEOUT = 120


@dataclass
class ResolvedImage:
    """Where an instance's image comes from, ready for ``POST /1.0/instances``.

    Attributes:
        source: The ``InstanceSource`` (``type: image`` with ``alias`` or
            ``fingerprint``, and ``server`` / ``protocol`` / ``certificate`` /
            ``secret`` / ``project`` for another server).
        type: ``container`` or ``virtual-machine``, when the image says.
        fingerprint: The image's fingerprint, when known before creating.
        aliases: The image's alias names on its server.
        remote: The remote it comes from (None: this client's server).
    """

    source: dict[str, Any]
    type: str | None = None
    fingerprint: str | None = None
    aliases: list[str] = field(default_factory=list)
    remote: str | None = None


def _is_fingerprint(text: str) -> bool:
    return bool(_FINGERPRINT.fullmatch(text))


async def resolve_image(
    client: Client,
    reference: str,
    *,
    config_dir: str | os.PathLike[str] | None = None,
    instance_type: str | None = None,
) -> ResolvedImage:
    """Find the image a reference names and the source that gives it to ``client``'s daemon.

    Args:
        client: The client of the daemon that will use the image.
        reference: ``"remote:alias"``, ``"remote:fingerprint"`` (a remote of
            the CLI configuration), or an alias or fingerprint (12+ hex
            digits) on the client's own server.
        config_dir: The CLI configuration directory, for ``remote:``.
        instance_type: ``container`` or ``virtual-machine`` wanted, if known.

    Returns:
        The source.

    Raises:
        ValueError: If the reference is empty.
        IncusConfigError: If the remote does not exist or cannot be used.
        IncusNotFoundError: If the image server has no such image.
    """
    if not reference or not reference.strip():
        raise ValueError("an image reference is needed, e.g. 'images:debian/12' or a local alias")
    remote_name, sep, image = reference.partition(":")
    if not sep:
        return await _local_image(client, reference)
    if not remote_name or not image:
        raise ValueError(f"{reference!r} names no remote or no image: 'remote:alias' needs both")
    from .. import remotes

    config = remotes.load_config(config_dir)
    remote = config.remote(remote_name)
    if remote.protocol == "simplestreams":
        return await _simplestreams_image(client, config, remote, image, instance_type)
    if remote.protocol != "incus":
        raise ValueError(f"the remote {remote.name!r} speaks {remote.protocol}, which the SDK cannot launch from")
    if remote.is_unix:
        if client.endpoint.startswith("unix://"):
            resolved = await _local_image(client.with_project(remote.project or client.project), image)
            resolved.remote = remote.name
            return resolved
        raise ValueError(
            f"the remote {remote.name!r} is a unix socket, which the daemon at {client.endpoint} cannot reach"
        )
    return await _incus_image(client, config, remote, image)


async def _local_image(client: Client, image: str) -> ResolvedImage:
    """An image on the client's own server: checked to exist, sent by fingerprint as the CLI does."""
    if _is_fingerprint(image):
        found = await client.images.get(image)
    else:
        try:
            found = await client.images.get_by_alias(image)
        except IncusNotFoundError:
            raise IncusNotFoundError(f"no image alias {image!r} on {client.endpoint}") from None
    return _from_image(found, {"type": "image", "fingerprint": found.fingerprint})


def _from_image(image: Image, source: dict[str, Any], remote: str | None = None) -> ResolvedImage:
    return ResolvedImage(
        source=source,
        type=image.type or None,
        fingerprint=image.fingerprint,
        aliases=[a.name for a in image.aliases],
        remote=remote,
    )


async def _simplestreams_image(
    client: Client, config: CLIConfig, remote: Remote, image: str, instance_type: str | None
) -> ResolvedImage:
    from ..simplestreams import SimpleStreams

    environment = (await client.get_server_info()).environment
    architectures = (environment.architectures if environment is not None else None) or None
    async with SimpleStreams.from_config(config, remote.name, architectures=architectures) as server:
        if _is_fingerprint(image):
            found = await server.get(image)
        else:
            found = await server.resolve(image, type=instance_type)
        certificate = server.certificate
    source: dict[str, Any] = {"type": "image", "mode": "pull", "server": server.url, "protocol": "simplestreams"}
    # As the CLI: an alias of a public server is sent as such (the daemon then
    # records it and can refresh the image from it); else the fingerprint.
    source.update({"fingerprint": found.fingerprint} if _is_fingerprint(image) else {"alias": image})
    if certificate:
        source["certificate"] = certificate
    return ResolvedImage(
        source=source, type=found.type, fingerprint=found.fingerprint, aliases=found.aliases, remote=remote.name
    )


async def _incus_image(client: Client, config: CLIConfig, remote: Remote, image: str) -> ResolvedImage:
    from .. import remotes
    from ..client import Client as ClientClass

    if remote.public:
        pinned, verify = remotes._server_trust(config, remote.name)
        source_client = ClientClass(remote.addresses[0], verify=verify, server_cert=pinned)
    else:
        source_client = remotes.connect(remote.name, config_dir=config.config_dir)
    async with source_client:
        alias = None
        if not _is_fingerprint(image):
            alias = image
            image = (await source_client.images.aliases.get(alias)).target
        found = await source_client.images.get(image)
        here, there = await asyncio.gather(client.get_server_info(), source_client.get_server_info())
        same_server = _server_id(here) is not None and _server_id(here) == _server_id(there)
        if same_server and ((source_client.project or "default") == (client.project or "default")):
            return _from_image(found, {"type": "image", "fingerprint": found.fingerprint}, remote.name)
        source: dict[str, Any] = {
            "type": "image",
            "mode": "pull",
            "server": remote.addresses[0],
            "protocol": "incus",
        }
        pinned, _ = remotes._server_trust(config, remote.name)
        if pinned:
            source["certificate"] = pinned
        if source_client.project:
            source["project"] = source_client.project
        if alias is not None and found.public:
            source["alias"] = alias
        else:
            source["fingerprint"] = found.fingerprint
            if not found.public:
                # A private image: the source server hands out a one-time secret.
                secret = await source_client.images.create_secret(found.fingerprint)
                source["secret"] = secret.metadata["secret"]
    return _from_image(found, source, remote.name)


def _server_id(info: Server) -> str | None:
    """What tells two servers apart: their certificate's fingerprint (None if unknown)."""
    env = info.environment
    return (env.certificate_fingerprint or None) if env is not None else None


# -- launching ---------------------------------------------------------------------------


async def launch(
    client: Client,
    name: str,
    image: str,
    *,
    config: Mapping[str, Any] | None,
    devices: Mapping[str, Mapping[str, str]] | None,
    profiles: Sequence[str] | None,
    ephemeral: bool,
    instance_type: str | None,
    description: str | None,
    start: bool,
    progress: ProgressCallback | None,
    config_dir: str | os.PathLike[str] | None,
    keep_on_failure: bool,
) -> Instance:
    """``client.instances.launch``: see there."""
    resolved = await resolve_image(client, image, config_dir=config_dir, instance_type=instance_type)
    kind = instance_type or resolved.type or "container"
    instances = client.instances
    response = await instances.create(
        name,
        resolved.source,
        config=config,
        devices=devices,
        profiles=list(profiles) if profiles is not None else None,
        ephemeral=ephemeral,
        instance_type=kind,
        description=description,
    )
    op = response.operation
    try:
        if op is not None:
            # Waiting on the create operation deletes an instance it left behind.
            await wait_reporting(op, progress)
        if start:
            await instances.start(name, wait=True)
    except BaseException:
        if not keep_on_failure:
            await _undo(client, name, op)
        raise
    return await instances.get(name)


async def _undo(client: Client, name: str, op: Operation | None) -> None:
    """Remove what a failed (or cancelled) launch created, even while being cancelled itself."""

    async def undo() -> None:
        if op is not None and not op.done:
            with contextlib.suppress(IncusError):
                await op.cancel()
            with contextlib.suppress(IncusError):
                await op.wait(_UNDO_TIMEOUT)
        with contextlib.suppress(IncusNotFoundError):
            inst = await client.instances.get(name)
            created_by_op = op is None or (
                inst.created_at is not None
                and op.model.created_at is not None
                and inst.created_at >= op.model.created_at
            )
            if created_by_op:
                await client.instances.delete(name, wait=True, force=True)

    task = asyncio.ensure_future(undo())
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await task  # finish the clean-up, then let the cancellation through
        raise


async def rebuild_from(
    client: Client,
    name: str,
    image: str,
    *,
    force: bool,
    progress: ProgressCallback | None,
    config_dir: str | os.PathLike[str] | None,
) -> Instance:
    """``client.instances.rebuild_from``: see there."""
    inst = await client.instances.get(name)
    resolved = await resolve_image(client, image, config_dir=config_dir, instance_type=inst.type or None)
    if force and inst.status in ("Running", "Frozen"):
        await client.instances.stop(name, force=True, wait=True)
    response = await client.instances.rebuild(name, source=resolved.source, wait=False)
    if response.operation is not None:
        await wait_reporting(response.operation, progress)
    return await client.instances.get(name)


async def copy_from_remote(
    client: Client,
    reference: str,
    *,
    aliases: Sequence[str] | None,
    copy_aliases: bool,
    public: bool,
    auto_update: bool,
    progress: ProgressCallback | None,
    config_dir: str | os.PathLike[str] | None,
) -> Image:
    """``client.images.copy_from_remote``: see there."""
    resolved = await resolve_image(client, reference, config_dir=config_dir)
    source = resolved.source
    if "server" not in source:
        raise ValueError(f"{reference!r} is an image of this server already: nothing to copy")
    names = list(dict.fromkeys([*(aliases or []), *(resolved.aliases if copy_aliases else [])]))
    image = await client.images.copy_from(
        source["server"],
        alias=source.get("alias"),
        fingerprint=source.get("fingerprint"),
        protocol=source["protocol"],
        certificate=source.get("certificate"),
        secret=source.get("secret"),
        source_project=source.get("project"),
        image_type=resolved.type,
        public=public,
        auto_update=auto_update,
        aliases=names,
        progress=progress,
        wait=True,
    )
    assert isinstance(image, Image)  # wait=True gives the image
    return image


# -- readiness ---------------------------------------------------------------------------------


def _has_address(state: InstanceState, interface: str, family: str | None) -> bool:
    nic = state.network.get(interface)
    if nic is None:
        return False
    return any(a.address and a.scope != "link" and (family is None or a.family == family) for a in nic.addresses)


async def wait_ready(
    client: Client,
    name: str,
    *,
    timeout: float,
    interface: str | None,
    family: str | None,
    command: Sequence[str] | None,
    command_timeout: float,
) -> InstanceState:
    """``client.instances.wait_ready``: see there."""
    if family not in (None, "inet", "inet6"):
        raise ValueError(f"family must be 'inet' or 'inet6', not {family!r}")
    if interface is None and family is not None:
        raise ValueError("family= needs interface=")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    wake = asyncio.Event()
    stopped = False

    async def watch(stream: EventStream) -> None:
        nonlocal stopped
        while (event := await stream.next_event()) is not None:
            lifecycle = event.lifecycle
            if lifecycle is not None and name_from_url(lifecycle.source) == name:
                stopped = stopped or lifecycle.action in ("instance-stopped", "instance-shutdown", "instance-deleted")
                wake.set()

    # Listen before the first look, so that no change between the two is missed.
    async with client.events(["lifecycle"]) as stream:
        watcher = asyncio.ensure_future(watch(stream))
        try:
            interval = 0.1
            was_running = False
            while True:
                try:
                    state = await client.instances.state(name)
                except IncusAPIError as exc:
                    if (exc.status_code or 0) < 500:
                        raise
                    # Incus 6.0 answers 500 ("Invalid PID") while an instance stops.
                    state = InstanceState(status="Unknown")
                    transient = exc.message
                else:
                    transient = ""
                if state.status == "Running":
                    was_running = True
                elif not transient and (was_running or (stopped and state.status in ("Stopped", "Error"))):
                    raise IncusError(f"instance {name!r} stopped ({state.status}) while waiting for it to be ready")
                if transient:
                    pending = f"state unavailable: {transient}"
                elif state.status != "Running" or state.processes <= 0:
                    pending = f"status {state.status}, {state.processes} processes"
                elif interface is not None and not _has_address(state, interface, family):
                    pending = f"no {family or 'IP'} address on {interface}"
                elif command is not None and (
                    failure := await _command_failure(client, name, command, command_timeout)
                ):
                    pending = failure
                else:
                    return state
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise IncusTimeoutError(f"instance {name!r} not ready after {timeout}s: {pending}")
                # An event about the instance wakes the wait at once; else the pause grows.
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(wake.wait(), min(interval, remaining))
                wake.clear()
                interval = min(interval * 2, MAX_READY_INTERVAL)
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError, IncusError):
                await watcher


async def _command_failure(client: Client, name: str, command: Sequence[str], timeout: float) -> str | None:
    """Run the readiness command: None if it exited with 0, else why not."""
    from ..exceptions import ExecTimeoutError

    try:
        result = await client.instances.exec(name, list(command), timeout=timeout)
    except ExecTimeoutError:
        return f"{' '.join(command)!r} ran out of time ({timeout}s)"
    except (IncusAPIError, IncusOperationError) as exc:
        # The instance may be between states (stopping, starting): look again later.
        return f"{' '.join(command)!r} could not run: {exc.message}"
    return None if result.exit_code == 0 else f"{' '.join(command)!r} did not succeed (exit {result.exit_code})"
