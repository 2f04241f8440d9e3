"""Copying and moving between servers: instances, custom volumes, images.

Each function takes two :class:`~incus_sdk.Client` s, one per server, as the
Go client's ``CopyInstance`` / ``CopyStoragePoolVolume`` / ``CopyImage``;
both servers take part:

- ``mode="pull"`` (default): the source starts a migration operation and
  hands out websocket secrets; the target is told where that operation is
  (``https://source/1.0/operations/ID``) and pulls from it.
- ``mode="push"``: the target starts a receiving operation; the source is
  told where it is and pushes to it.
- ``mode="relay"``: both sides start operations and the SDK connects to
  the websockets of both and relays every message between them (for
  servers that cannot reach each other, as long as the SDK reaches both).

For pull and push the two servers must reach each other over HTTPS: the
addresses used are those the servers announce (``core.https_address``,
``environment.addresses``), and each side checks the other's certificate
against the one the SDK read from it.

Every function returns an :class:`~incus_sdk.Operation`, a
:class:`~incus_sdk.operations.MigrationOperation` joining both sides'
operations (``.source``, ``.target``): with ``wait=True`` (default) it has
finished when returned; else ``await op`` waits for both sides. Without
CRIU only stopped instances can be moved (``live=False``).

What the functions share: ``source`` and ``target``, a client of each
server (the source's project, and in a cluster its target, pick what is
read; the target's project is where the copy lands, and in a cluster its
target picks the member); ``mode``, ``pull`` (default), ``push`` or
``relay`` as above (another raises ``ValueError``); ``wait``, wait for the
transfer (default); ``timeout``, the seconds to wait at most. If either
side fails, the other side is cancelled and
:class:`~incus_sdk.IncusOperationError` is raised.

Moving an instance to another member of the same cluster is one request to
that cluster: :meth:`client.cluster.move_instance
<incus_sdk.api.cluster.ClusterAPI.move_instance>`, also
:func:`move_to_member` here.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from ._paths import api_path, check_fingerprint
from ._transfer import CHUNK_SIZE
from ._wire import MessageKind, WebSocket
from .api.images import _upload_headers
from .client import Client
from .exceptions import IncusConflictError, IncusError
from .operations import MigrationOperation, Operation

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .api.cluster import _MemberMoveOptions

__all__ = [
    "MigrationOperation",
    "copy_image",
    "copy_instance",
    "copy_volume",
    "move_instance",
    "move_to_member",
    "move_volume",
]

_MODES = ("pull", "push", "relay")
T = TypeVar("T")


class _InstanceMoveOptions(TypedDict, total=False):
    """The keywords of :func:`copy_instance` that :func:`move_instance` passes on."""

    target_name: str | None
    mode: str
    instance_only: bool
    live: bool
    refresh: bool
    allow_inconsistent: bool
    config: Mapping[str, str] | None
    profiles: Sequence[str] | None
    devices: Mapping[str, Mapping[str, str]] | None


class _VolumeMoveOptions(TypedDict, total=False):
    """The keywords of :func:`copy_volume` that :func:`move_volume` passes on."""

    target_pool: str | None
    target_name: str | None
    mode: str
    volume_only: bool
    refresh: bool


#: What a transfer runs once both sides have succeeded.
_AfterStep = Callable[[], Awaitable[None]]
#: Starts the source's side: given the push target's ``{"operation", "secrets", "certificate"}`` (or None).
_StartSource = Callable[[dict[str, Any] | None], Awaitable[Operation]]
#: Starts the target's side: given the pull source's spec (or None) and the mode (``pull`` / ``push``).
_StartTarget = Callable[[dict[str, Any] | None, str], Awaitable[Operation]]


# -- helpers -------------------------------------------------------------------


async def _connection_info(client: Client) -> tuple[list[str], str]:
    """Return the HTTPS base URLs a server announces and its certificate."""
    info = await client._core.get_metadata(api_path(), params=None)
    env = info.get("environment") or {}
    urls = []
    for address in env.get("addresses") or []:
        # ":8443" means "every address": nothing another server can dial.
        if address and not address.startswith(":"):
            urls.append(f"https://{address}")
    ep = client._core.transport.endpoint
    if not ep.socket_path and ep.base_url.startswith("https://") and ep.base_url not in urls:
        urls.insert(0, ep.base_url)
    if not urls:
        raise IncusError(
            f"the server at {client.endpoint} does not listen on the network (set core.https_address); "
            "use mode='relay' or give its address"
        )
    return urls, str(env.get("certificate") or "")


def _check_mode(mode: str) -> None:
    if mode not in _MODES:
        raise ValueError(f"mode must be one of {_MODES}, not {mode!r}")


def _secrets(op: Operation) -> dict[str, str]:
    return {str(k): str(v) for k, v in op.metadata.items() if isinstance(v, str)}


async def _forward(src: WebSocket, dst: WebSocket) -> None:
    async for msg in src:
        if msg.kind is MessageKind.BINARY:
            await dst.send_bytes(msg.bytes)
        else:
            await dst.send_text(str(msg.data))


async def _pump(a: WebSocket, b: WebSocket) -> None:
    """Mirror two websockets until either side closes, then close both."""
    tasks = [asyncio.ensure_future(_forward(a, b)), asyncio.ensure_future(_forward(b, a))]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.gather(a.close(), b.close(), return_exceptions=True)


async def _start_relay(source: Operation, target: Operation) -> asyncio.Task[None]:
    """Connect the websockets of both operations pairwise and relay between them."""
    src, dst = _secrets(source), _secrets(target)
    missing = sorted(set(dst) - set(src))
    if missing:
        raise IncusError(f"the migration target expects the {missing} websockets but the source does not offer them")
    if "control" not in dst:
        raise IncusError("the migration target did not set up the 'control' websocket")
    pairs: list[tuple[WebSocket, WebSocket]] = []
    try:
        for name in ["control", *sorted(n for n in dst if n != "control")]:
            a = await source.websocket(src[name])
            try:
                b = await target.websocket(dst[name])
            except BaseException:
                await a.close()
                raise
            pairs.append((a, b))
    except BaseException:
        for a, b in pairs:
            await asyncio.gather(a.close(), b.close(), return_exceptions=True)
        raise

    async def relay() -> None:
        await asyncio.gather(*(_pump(a, b) for a, b in pairs))

    return asyncio.ensure_future(relay())


async def _transfer(
    mode: str,
    source: Client,
    target: Client,
    start_source: _StartSource,
    start_target: _StartTarget,
    *,
    wait: bool,
    timeout: float | None,
) -> MigrationOperation:
    """Run the pull / push / relay dance.

    ``start_source(target_spec)`` sends the source's ``migration: true``
    request (``target_spec`` is None, or the push target's
    ``{"operation", "secrets", "certificate"}``) and returns its operation;
    ``start_target(source_spec, mode)`` sends the target's create request
    (``source_spec`` is None, or the pull source's ``{"operation",
    "secrets", "certificate"}``) and returns its operation.
    """
    _check_mode(mode)
    relay = None
    if mode == "push":
        urls, certificate = await _connection_info(target)
        target_op = await start_target(None, "push")
        source_op = await _second(target_op, start_source(_peer(urls, target_op, certificate)))
    elif mode == "pull":
        urls, certificate = await _connection_info(source)
        source_op = await start_source(None)
        target_op = await _second(source_op, start_target(_peer(urls, source_op, certificate), "pull"))
    else:
        source_op = await start_source(None)
        target_op = await _second(source_op, start_target(None, "push"))
        try:
            relay = await _start_relay(source_op, target_op)
        except BaseException:
            await _cancel(target_op, source_op)
            raise
    result = MigrationOperation(source=source_op, target=target_op, mode=mode, relay=relay)
    return await _finish(result, wait, timeout)


def _peer(urls: list[str], op: Operation, certificate: str) -> dict[str, Any]:
    """Where the other side finds an operation: its URL, websocket secrets and server certificate."""
    return {
        "operation": f"{urls[0]}{api_path('operations', op.id)}",
        "secrets": _secrets(op),
        "certificate": certificate,
    }


async def _second(first: Operation | None, start: Awaitable[T]) -> T:
    """Start what follows ``first``; if that fails, cancel ``first`` (whose side would wait in vain)."""
    try:
        return await start
    except BaseException:
        await _cancel(first)
        raise


async def _cancel(*ops: Operation | None) -> None:
    """Cancel operations, as far as the servers allow."""
    for op in ops:
        if op is not None:
            with contextlib.suppress(IncusError):
                await op.cancel()


async def _finish(result: MigrationOperation, wait: bool, timeout: float | None) -> MigrationOperation:
    return await result.wait(timeout) if wait else result


async def _move(
    copy: MigrationOperation, source: Client, path: str, wait: bool, timeout: float | None
) -> MigrationOperation:
    """A move: the copy, whose wait deletes the source (``path`` on it) once both sides succeeded."""

    async def delete_source() -> None:
        await (await source._core.request("DELETE", path)).wait()

    copy._after = delete_source  # the copy was started without a final step of its own
    return await _finish(copy, wait, timeout)


def _copy_config(config: Mapping[str, str], *, keep_volatile: bool) -> dict[str, str]:
    """The source config to send along: as ``incus copy`` / ``incus move`` send it."""
    out = {}
    for key, value in config.items():
        if key == "volatile.last_state.power":
            continue
        if key.startswith("volatile.") and not keep_volatile and key != "volatile.base_image":
            continue
        out[key] = value
    return out


# -- instances -------------------------------------------------------------------


async def move_to_member(
    client: Client, name: str, member: str, **options: Unpack[_MemberMoveOptions]
) -> MigrationOperation:
    """Move an instance to another member of its cluster, as ``incus move NAME --target MEMBER``.

    ``client.cluster.move_instance(name, member, **options)``
    (:meth:`~incus_sdk.api.cluster.ClusterAPI.move_instance`): same arguments and reply.
    """
    return await client.cluster.move_instance(name, member, **options)


async def copy_instance(
    source: Client,
    target: Client,
    name: str,
    *,
    target_name: str | None = None,
    mode: str = "pull",
    instance_only: bool = False,
    live: bool = False,
    refresh: bool = False,
    allow_inconsistent: bool = False,
    config: Mapping[str, str] | None = None,
    profiles: Sequence[str] | None = None,
    devices: Mapping[str, Mapping[str, str]] | None = None,
    keep_volatile: bool = False,
    wait: bool = True,
    timeout: float | None = None,
) -> MigrationOperation:
    """Copy an instance from one server to another (``incus copy src:NAME dst:NEW``).

    The target gets the source's configuration (less its ``volatile.*``
    keys), devices and profiles (which must exist there), and its root
    volume and snapshots. The source instance is left as it was.

    Args:
        name: The instance on the source.
        target_name: Its name on the target (default: the same).
        instance_only: Leave the snapshots out.
        live: Copy a running instance's memory too (needs CRIU).
        refresh: Update an existing copy incrementally.
        allow_inconsistent: Ignore files that vanish while copying a running instance.
        config: Config keys to set on the copy (merged over the source's).
        profiles: Profiles for the copy (default: the source's).
        devices: Device overrides for the copy (merged over the source's local devices).
        keep_volatile: Keep the ``volatile.*`` keys (MAC addresses, idmaps...).

    Returns:
        The handle on both sides' operations.

    Raises:
        IncusNotFoundError: If the source instance does not exist.
    """
    _check_mode(mode)
    inst = await source._core.get_metadata(api_path("instances", name))
    body: dict[str, Any] = {
        "name": target_name or name,
        "type": inst.get("type") or "container",
        "architecture": inst.get("architecture", ""),
        "config": {**_copy_config(inst.get("config") or {}, keep_volatile=keep_volatile), **(config or {})},
        "devices": {**(inst.get("devices") or {}), **{k: dict(v) for k, v in (devices or {}).items()}},
        "profiles": list(profiles) if profiles is not None else list(inst.get("profiles") or []),
        "ephemeral": bool(inst.get("ephemeral")),
        "description": inst.get("description", ""),
        "stateful": bool(inst.get("stateful")),
    }
    live = live and inst.get("status") == "Running"
    options = {"instance_only": instance_only, "live": live, "allow_inconsistent": allow_inconsistent}

    async def start_source(spec: dict[str, Any] | None) -> Operation:
        req: dict[str, Any] = {"migration": True, **options}
        if spec is not None:
            req["target"] = spec
        return await source._core.operation("POST", api_path("instances", name), json=req)

    async def start_target(spec: dict[str, Any] | None, how: str) -> Operation:
        src: dict[str, Any] = {"type": "migration", "mode": how, "refresh": refresh, **options}
        if inst.get("config", {}).get("volatile.base_image"):
            src["base-image"] = inst["config"]["volatile.base_image"]
        if spec is not None:
            src.update(spec)
        return await target._core.operation("POST", api_path("instances"), json={**body, "source": src})

    return await _transfer(mode, source, target, start_source, start_target, wait=wait, timeout=timeout)


async def move_instance(
    source: Client,
    target: Client,
    name: str,
    *,
    wait: bool = True,
    timeout: float | None = None,
    **options: Unpack[_InstanceMoveOptions],
) -> MigrationOperation:
    """Move a stopped instance from one server to another (``incus move src:NAME dst:NEW``).

    The instance is copied (keeping its ``volatile.*`` keys) and, once the
    copy has succeeded, deleted from the source. If the copy fails, the
    source is left untouched.

    With ``wait=False`` the source is deleted by the handle's ``wait()``;
    with ``instance_only`` the snapshots are left behind (they are deleted
    with the source).

    Args:
        name: The instance.
        **options: The other options of :func:`copy_instance`
            (``target_name``, ``mode``, ``instance_only``...).

    Returns:
        The handle.

    Raises:
        IncusConflictError: If the instance is running (live migration
            needs CRIU): stop it first.
        IncusOperationError: If the copy failed.
    """
    state = await source._core.get_metadata(api_path("instances", name, "state"))
    if state.get("status") != "Stopped":
        raise IncusConflictError(
            f"instance {name!r} is {state.get('status')}: stop it before moving it to another server",
            method="POST",
            url=api_path("instances", name),
        )
    result = await copy_instance(source, target, name, keep_volatile=True, wait=False, **options)
    return await _move(result, source, api_path("instances", name), wait, timeout)


# -- custom volumes ------------------------------------------------------------------


async def copy_volume(
    source: Client,
    target: Client,
    pool: str,
    name: str,
    *,
    target_pool: str | None = None,
    target_name: str | None = None,
    mode: str = "pull",
    volume_only: bool = False,
    refresh: bool = False,
    wait: bool = True,
    timeout: float | None = None,
) -> MigrationOperation:
    """Copy a custom storage volume from one server to another.

    In a cluster, the source's target picks the member holding the volume
    on a local pool.

    Args:
        pool: The pool of the volume on the source.
        name: The volume.
        target_pool: The pool on the target (default: the same name).
        target_name: Its name on the target (default: the same).
        volume_only: Leave the snapshots out.
        refresh: Update an existing copy incrementally.

    Returns:
        The handle on both sides' operations.

    Raises:
        IncusNotFoundError: If the volume does not exist.
    """
    _check_mode(mode)
    vol = await source._core.get_metadata(api_path("storage-pools", pool, "volumes", "custom", name))
    body = {
        "name": target_name or name,
        "type": "custom",
        "config": dict(vol.get("config") or {}),
        "description": vol.get("description", ""),
        "content_type": vol.get("content_type") or "filesystem",
    }

    async def start_source(spec: dict[str, Any] | None) -> Operation:
        req: dict[str, Any] = {"name": name, "migration": True, "pool": pool, "volume_only": volume_only}
        if spec is not None:
            req["target"] = spec
        return await source._core.operation(
            "POST", api_path("storage-pools", pool, "volumes", "custom", name), json=req
        )

    async def start_target(spec: dict[str, Any] | None, how: str) -> Operation:
        src: dict[str, Any] = {
            "name": name,
            "type": "migration",
            "mode": how,
            "pool": pool,
            "volume_only": volume_only,
            "refresh": refresh,
        }
        if spec is not None:
            src.update(spec)
        path = api_path("storage-pools", target_pool or pool, "volumes", "custom")
        return await target._core.operation("POST", path, json={**body, "source": src})

    return await _transfer(mode, source, target, start_source, start_target, wait=wait, timeout=timeout)


async def move_volume(
    source: Client,
    target: Client,
    pool: str,
    name: str,
    *,
    wait: bool = True,
    timeout: float | None = None,
    **options: Unpack[_VolumeMoveOptions],
) -> MigrationOperation:
    """Move a custom volume to another server: copy it, then delete it from the source.

    Args:
        pool: The pool of the volume on the source.
        name: The volume (it must not be attached to an instance).
        **options: :func:`copy_volume`'s ``target_pool``, ``target_name``,
            ``mode``, ``volume_only`` and ``refresh``.

    Returns:
        The handle.
    """
    result = await copy_volume(source, target, pool, name, wait=False, **options)
    return await _move(result, source, api_path("storage-pools", pool, "volumes", "custom", name), wait, timeout)


# -- images ------------------------------------------------------------------------------


async def copy_image(
    source: Client,
    target: Client,
    fingerprint: str,
    *,
    aliases: Sequence[str | Mapping[str, str]] | None = None,
    copy_aliases: bool = False,
    public: bool = False,
    auto_update: bool = False,
    profiles: Sequence[str] | None = None,
    mode: str = "pull",
    wait: bool = True,
    timeout: float | None = None,
) -> MigrationOperation:
    """Copy an image from one server to another (``incus image copy src:FP dst:``).

    Args:
        fingerprint: The image (full fingerprint or a unique prefix).
        aliases: Aliases to create on the target (names or ``{"name", "description"}``).
        copy_aliases: Also give it the source's aliases.
        public: Whether untrusted clients may download it from the target.
        auto_update: Whether the target refreshes it from the source later (pull only).
        profiles: Profiles for the copy (default: the target's default).
        mode: ``pull`` (default: the target downloads it, with a one-time
            secret for a private image), ``push`` (the source uploads it) or
            ``relay`` (the SDK streams the export from the source into an
            upload to the target, chunk by chunk; the upload is done when
            this returns, even with ``wait=False``).

    Returns:
        The handle (``pull`` / ``relay``: ``target`` is the import;
        ``push``: ``source`` is the upload; ``token`` holds the one-time
        secret or upload token's operation).

    Raises:
        IncusNotFoundError: If the image does not exist on the source.
    """
    _check_mode(mode)
    image = await source._core.get_metadata(api_path("images", check_fingerprint(fingerprint)))
    entries: list[dict[str, str]] = [
        {"name": a} if isinstance(a, str) else {"name": a["name"], "description": a.get("description", "")}
        for a in aliases or []
    ]
    if copy_aliases:
        entries = [
            {"name": a["name"], "description": a.get("description", "")} for a in image.get("aliases") or []
        ] + entries
    copy = _ImageCopy(source, target, image, entries, public, profiles)
    if mode == "push":
        result = await copy.push()
    elif mode == "relay":
        result = await copy.relay()
    else:
        result = await copy.pull(auto_update)
    return await _finish(result, wait, timeout)


@dataclass
class _ImageCopy:
    """One image on its way from ``source`` to ``target``: what every mode sends."""

    source: Client
    target: Client
    #: The image as the source describes it (``GET /1.0/images/FP``).
    image: dict[str, Any]
    #: The aliases to create on the target, ``{"name", "description"}`` each.
    entries: list[dict[str, str]]
    public: bool
    profiles: Sequence[str] | None

    @property
    def fingerprint(self) -> str:
        return str(self.image["fingerprint"])

    @property
    def chosen(self) -> dict[str, Any]:
        """The profiles field of a request body, when the caller chose them."""
        return {"profiles": list(self.profiles)} if self.profiles is not None else {}

    def _path(self, *rest: str) -> str:
        return api_path("images", check_fingerprint(self.fingerprint), *rest)

    async def push(self) -> MigrationOperation:
        """Push: the target issues an upload token, the source uploads to it."""
        urls, certificate = await _connection_info(self.target)
        token_body = {
            "source": {"fingerprint": self.fingerprint, "mode": "push"},
            "aliases": self.entries,
            "public": self.public,
            "properties": self.image.get("properties") or {},
            **self.chosen,
        }
        token_op = await self.target._core.operation("POST", api_path("images"), json=token_body)
        export = {
            "target": urls[0],
            "certificate": certificate,
            "secret": token_op.metadata.get("secret", ""),
            "project": self.target.project or "default",
            "aliases": self.entries,
            **self.chosen,
        }
        export_op = await _second(token_op, self.source._core.operation("POST", self._path("export"), json=export))
        return MigrationOperation(source=export_op, target=None, mode="push", after=_dropper(token_op), token=token_op)

    async def pull(self, auto_update: bool) -> MigrationOperation:
        """Pull: the target downloads from the source (with a secret for a private image)."""
        urls, certificate = await _connection_info(self.source)
        src: dict[str, Any] = {
            "type": "image",
            "mode": "pull",
            "server": urls[0],
            "protocol": "incus",
            "certificate": certificate,
            "fingerprint": self.fingerprint,
            "project": self.source.project or "default",
        }
        secret_op = None
        if not self.image.get("public"):
            secret_op = await self.source._core.operation("POST", self._path("secret"))
            src["secret"] = secret_op.metadata.get("secret", "")
        body = {
            "source": src,
            "aliases": self.entries,
            "public": self.public,
            "auto_update": auto_update,
            **self.chosen,
        }
        target_op = await _second(secret_op, self.target._core.operation("POST", api_path("images"), json=body))
        # The secret's operation runs until used or cancelled: it is not waited on.
        return MigrationOperation(
            source=None, target=target_op, mode="pull", after=_dropper(secret_op), token=secret_op
        )

    async def relay(self) -> MigrationOperation:
        """Relay: stream the source's export (unified tarball or multipart) into an upload to the target."""
        headers = _upload_headers(
            public=self.public,
            filename=self.image.get("filename"),
            properties=self.image.get("properties"),
            profiles=self.profiles,
            fingerprint=self.fingerprint,
        )
        async with self.source._core.stream("GET", self._path("export")) as download:
            # A split image comes as multipart/form-data with the parts the
            # upload expects: pass the body and its content type through as is.
            headers["Content-Type"] = download.headers.get("Content-Type", "application/octet-stream")
            response = await self.target._core.request(
                "POST", api_path("images"), data=download.iter_chunks(CHUNK_SIZE), headers=headers, timeout=None
            )
        if response.operation is None:
            raise IncusError(f"the target answered the image upload without an operation: {dict(response)}")

        async def add_aliases() -> None:
            for entry in self.entries:
                body = {**entry, "target": self.fingerprint}
                await self.target._core.request("POST", api_path("images", "aliases"), json=body)

        return MigrationOperation(source=None, target=response.operation, mode="relay", after=add_aliases)


def _dropper(op: Operation | None) -> _AfterStep:
    """An ``after`` step that cancels a token / secret operation still running."""

    async def drop() -> None:
        if op is None:
            return
        with contextlib.suppress(IncusError):
            await op.refresh()
            if not op.done:
                await op.cancel()

    return drop
