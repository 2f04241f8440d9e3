"""Instances: ``/1.0/instances`` and what lives under it.

The attribute tree is the URL tree:

* ``client.instances`` (:class:`InstancesAPI`): the instances themselves
  (``list`` / ``names`` / ``get`` / ``exists`` / ``create`` / ``update`` /
  ``patch`` / ``replace`` / ``rename`` / ``delete`` / ``state``), running
  state, copy / move / rebuild / import, and the ``*_many`` helpers that
  run one call for many instances with bounded concurrency. Exec and the
  console are actions on one instance, methods here too (``exec.py``,
  ``console.py``);
* ``client.instances.snapshots`` and ``.backups`` (this module);
* ``client.instances.files`` (``files.py``), ``.logs`` (with
  ``.logs.exec_output``, ``instance_logs.py``) and ``.metadata`` (with
  ``.metadata.templates``, ``instance_metadata.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, Dict, List, Literal, TypedDict, cast, overload

from .._core import Response, name_from_url
from .._paths import check_name, check_snapshot_name
from .._transfer import CHUNK_SIZE, FileTarget, UploadSource, wait_reporting
from ..exceptions import (
    ExecTimeoutError,
    IncusAPIError,
    IncusError,
    IncusNotFoundError,
    IncusOperationError,
    IncusTimeoutError,
)
from ..models import _spec
from ..models._base import IncusModel, Resource
from ..operations import Operation
from ..streams import EventStream
from ._base import child
from ._bodies import instance_move_body
from ._collection import PARENT, Body, Family, Member, RenamableChildCollection, RenamableNamedCollection
from ._compat import deprecated, deprecated_alias
from ._storage import Backup, Backups, unescaped_key
from .console import InstanceConsoleMixin
from .events import EventsAPI
from .exec import InstanceExecMixin
from .files import InstanceFilesAPI
from .images import ImagesAPI, ProgressCallback, is_fingerprint
from .instance_logs import InstanceExecOutputAPI, InstanceLogsAPI
from .instance_metadata import InstanceMetadataAPI, InstanceTemplatesAPI

if TYPE_CHECKING:
    from typing_extensions import Unpack

#: Default number of calls the ``*_many`` helpers run at once.
DEFAULT_CONCURRENCY = 8
#: Longest pause between two readiness checks when no event wakes the wait.
MAX_READY_INTERVAL = 2.0
#: Seconds a failed launch may spend removing what it created.
_UNDO_TIMEOUT = 120
#: Lifecycle events after which an instance that is not running will not get ready by itself.
_STOP_ACTIONS = ("instance-stopped", "instance-shutdown", "instance-deleted")
#: How Go writes a zero ``time.Time``: a snapshot expiry of "never".
_NEVER = "0001-01-01T00:00:00Z"

#: What a backup can be imported from.
BackupSource = UploadSource


def _source(source: Mapping[str, Any] | IncusModel | None, image: str | None) -> dict[str, Any]:
    """The ``source`` of a create or rebuild: as given, an image by fingerprint or alias, or none."""
    if source is not None and image is not None:
        raise ValueError("give either source= or image=, not both")
    if isinstance(source, IncusModel):
        return source.to_dict(exclude_unset=True)
    if source is not None:
        return dict(source)
    if image is None:
        return {"type": "none"}
    # 12 or more hex digits are a fingerprint (or a unique prefix of one); anything else an alias.
    return {"type": "image", ("fingerprint" if is_fingerprint(image) else "alias"): image}


def _state_change(action: str, force: bool, stateful: bool, timeout: int | None) -> dict[str, Any]:
    """An ``InstanceStatePut`` body (``timeout`` left out for the server's default)."""
    body: dict[str, Any] = {"action": action, "force": force, "stateful": stateful}
    if timeout is not None:
        body["timeout"] = timeout
    return body


def _has_address(state: _spec.InstanceState, interface: str, family: str | None) -> bool:
    """Whether an interface has an address (not link-local) of ``family`` (None: any)."""
    nic = state.network.get(interface)
    if nic is None:
        return False
    return any(a.address and a.scope != "link" and (family is None or a.family == family) for a in nic.addresses)


# -- resources ------------------------------------------------------------------------


class _OfInstance(Resource):
    """A snapshot or backup: the instance it belongs to."""

    @property
    def instance(self) -> str:
        """The name of the instance it belongs to ("" for one built by hand)."""
        return self._parents[0] if self._parents else ""


class Instance(Member, _spec.Instance):
    """An Incus instance (container or virtual machine), bound to ``client.instances``.

    Read with ``client.instances.get()`` / ``list()``; its methods act on
    the instance through the sub-API that read it, in its project.
    ``start`` / ``stop`` / ``restart`` / ``freeze`` / ``unfreeze`` /
    ``delete`` / ``update`` / ``execute`` are the :class:`InstancesAPI`
    methods of the same name for this instance: they take those methods'
    arguments but the name (in the seed SDK's order, ``wait`` first) and
    give their reply; ``wait`` (default True) waits until the server has
    finished. ``patch`` / ``replace`` / ``rename`` mean what the sub-API's
    verbs mean.

    Attributes:
        name: The instance name.
        status: ``Running``, ``Stopped``, ``Frozen`` or ``Error``.
        type: ``container`` or ``virtual-machine``.
        config: Its own configuration (``expanded_config`` adds the profiles').
        devices: Its own devices (``expanded_devices`` adds the profiles').
        profiles: The profiles applied, in order.
        project: The project it belongs to.
    """

    _family = "instances"

    def _instances(self) -> InstancesAPI:
        return self._resolve(InstancesAPI)

    async def start(self, wait: bool = True) -> Response:
        """Start the instance (:meth:`InstancesAPI.start`)."""
        return await self._instances().start(self.name, wait=wait)

    async def stop(self, wait: bool = True, force: bool = False) -> Response:
        """Stop the instance (:meth:`InstancesAPI.stop`; ``force`` kills it)."""
        return await self._instances().stop(self.name, wait=wait, force=force)

    async def restart(self, wait: bool = True, force: bool = False) -> Response:
        """Restart the instance (:meth:`InstancesAPI.restart`; ``force`` kills it first)."""
        return await self._instances().restart(self.name, wait=wait, force=force)

    async def freeze(self, wait: bool = True) -> Response:
        """Freeze the instance's processes (:meth:`InstancesAPI.freeze`)."""
        return await self._instances().freeze(self.name, wait=wait)

    async def unfreeze(self, wait: bool = True) -> Response:
        """Thaw the instance (:meth:`InstancesAPI.unfreeze`)."""
        return await self._instances().unfreeze(self.name, wait=wait)

    async def delete(self, wait: bool = True, *, force: bool = False) -> Response:
        """Delete the instance (:meth:`InstancesAPI.delete`; ``force`` stops it first if it runs)."""
        return await self._instances().delete(self.name, wait, force=force)

    async def update(self, config: Body, wait: bool = True) -> Response:
        """Change the fields given, keeping every other (:meth:`InstancesAPI.update`).

        Args:
            config: The fields to change, e.g. ``{"config": {"limits.cpu": "1"}}``
                or ``{"devices": {"eth1": None}}`` (removes that device).
        """
        return await super().update(config, wait=wait)

    async def get_state(self) -> _spec.InstanceState:
        """Read the runtime state (CPU, memory, disk, network, processes).

        (Named ``get_state`` because :class:`InstanceFull` has a ``state`` field.)
        """
        return await self._instances().state(self.name)

    async def snapshot(
        self,
        name: str | None = None,
        *,
        stateful: bool = False,
        expires_at: datetime | str | None = None,
        wait: bool = True,
    ) -> Response:
        """Snapshot the instance: :meth:`InstanceSnapshotsAPI.create` for it (the same arguments after its name)."""
        snapshots = self._instances().snapshots
        return await snapshots.create(self.name, name, stateful=stateful, expires_at=expires_at, wait=wait)

    async def execute(
        self,
        command: List[str],
        environment: Dict[str, str] | None = None,
        wait_for_websocket: bool = False,
        record_output: bool = False,
        interactive: bool = False,
        width: int | None = None,
        height: int | None = None,
        user: int | None = None,
        group: int | None = None,
        cwd: str | None = None,
        wait: bool | None = None,
    ) -> Response:
        """Execute a command in the instance: the raw request (see :meth:`InstancesAPI.execute`).

        To capture the output, use ``client.instances.exec(name, command)``.

        Returns:
            The server's reply; waited for, it describes the finished operation.
        """
        return await self._instances().execute(
            self.name,
            command,
            environment,
            wait_for_websocket,
            record_output,
            interactive,
            width,
            height,
            user,
            group,
            cwd,
            wait,
        )

    def to_put(self) -> dict[str, Any]:
        """Return this instance's writable fields (an ``InstancePut`` body)."""
        data = self.to_dict()
        return {key: data[key] for key in _spec.InstancePut.model_fields if key in data and key != "restore"}


class InstanceFull(Instance, _spec.InstanceFull):
    """An instance as listed with ``recursion=2`` (or ``get(name, full=True)``):
    also its ``state``, ``snapshots`` and ``backups``, as read then."""


class InstanceSnapshot(_OfInstance, Member, _spec.InstanceSnapshot):
    """A snapshot of an instance, bound to ``client.instances.snapshots``.

    ``update`` / ``replace`` (its ``expires_at``), ``rename``, ``delete``
    and :meth:`restore` act on it.

    Attributes:
        name: The snapshot's name.
        created_at: When it was taken.
        expires_at: When the server deletes it (year 1: never).
        stateful: Whether it holds the runtime state.
        config: The instance's configuration at snapshot time.
    """

    _family = "instances.snapshots"

    async def restore(self, *, stateful: bool = False, wait: bool = True) -> Response:
        """Restore the instance to this snapshot (see :meth:`InstanceSnapshotsAPI.restore`).

        Args:
            stateful: Also restore the runtime state of a stateful snapshot.
            wait: Wait until the server has finished (default).

        Returns:
            The server's reply.
        """
        snapshots = self._resolve(InstanceSnapshotsAPI)
        return await snapshots.restore(self.instance, self.name, stateful=stateful, wait=wait)


class InstanceBackup(_OfInstance, Backup, _spec.InstanceBackup):
    """A backup of an instance, kept by the server until deleted (or expired).

    ``rename``, ``delete`` and ``export`` act on it. Besides the fields
    every backup has (``name``, ``created_at``, ``expires_at``,
    ``optimized_storage``), ``instance_only`` says whether the instance's
    snapshots were left out.
    """

    _family = "instances.backups"


# -- sub-APIs ---------------------------------------------------------------------------


class InstanceSnapshotsAPI(RenamableChildCollection[InstanceSnapshot]):
    """Snapshots of instances (``client.instances.snapshots``).

    ``list`` / ``names`` / ``get`` / ``exists`` / ``create`` / ``update`` /
    ``patch`` / ``replace`` / ``rename`` / ``delete`` mean what they mean in
    every family (see the Conventions page) and take the instance's name
    first. A snapshot's one writable field is ``expires_at``; ``None``
    there means "never" (sent as the zero time, which is what the server
    reads so: it ignores ``null``).
    """

    family = Family(("instances", PARENT, "snapshots"), post=_spec.InstanceSnapshotsPost, put=_spec.InstanceSnapshotPut)

    @staticmethod
    def _check_key(key: str) -> str:
        # The daemon decodes a snapshot's name in a URL twice: "%" and "+" would reach another one.
        return check_snapshot_name(key)

    async def _rename(self, parents: Sequence[str], key: str, new_key: str, *, wait: bool) -> Response:
        return await super()._rename(parents, key, check_snapshot_name(new_key), wait=wait)

    def _key_from_url(self, url: str, parents: Sequence[str]) -> str:
        # Incus 6.0 lists snapshots as ".../snapshots/{name}?project=p" with the
        # name unescaped (a "%" stays as is); a name cannot hold "?".
        path = url.partition("?")[0]
        return unescaped_key(path, self._url(parents)) or super()._key_from_url(path, parents)

    @staticmethod
    def _expiry(config: Body) -> Body:
        body = config.to_dict(exclude_unset=True) if isinstance(config, IncusModel) else config
        return {**body, "expires_at": _NEVER} if "expires_at" in body and body["expires_at"] is None else body

    async def _update(
        self, parents: Sequence[str], key: str, config: Body, *, etag: str | None, wait: bool
    ) -> Response:
        return await super()._update(parents, key, self._expiry(config), etag=etag, wait=wait)

    async def _patch(self, parents: Sequence[str], key: str, config: Body, *, etag: str | None, wait: bool) -> Response:
        return await super()._patch(parents, key, self._expiry(config), etag=etag, wait=wait)

    async def _replace(self, parents: Sequence[str], key: str, body: Body, *, etag: str | None, wait: bool) -> Response:
        return await super()._replace(parents, key, self._expiry(body), etag=etag, wait=wait)

    async def list(self, instance: str, recursion: int = 1, *, filter: str | None = None) -> List[InstanceSnapshot]:
        """List the snapshots of an instance.

        Args:
            instance: Name of the instance.
            recursion: ``1`` (default) for whole snapshots, ``0`` for
                snapshots carrying only their name.
            filter: Not for snapshots: Incus 6.0 ignores it here, so the SDK
                refuses it (``ValueError``) rather than list them all.

        Returns:
            The snapshots.

        Raises:
            IncusNotFoundError: If there is no such instance.
        """
        if filter is not None:
            raise ValueError("Incus does not filter instance snapshot listings")
        return await self._list((instance,), recursion)

    async def create(  # type: ignore[override]  # the name is optional; the options are the snapshot's own
        self,
        instance: str,
        name: str | None = None,
        *,
        stateful: bool = False,
        expires_at: datetime | str | None = None,
        wait: bool = True,
    ) -> Response:
        """Take a snapshot of an instance.

        Args:
            instance: Name of the instance.
            name: Name of the snapshot (default: the server's, after the
                instance's ``snapshots.pattern``: ``snap0``, ``snap1``...).
            stateful: Include the runtime state (needs CRIU).
            expires_at: When the server deletes it by itself (a
                timezone-aware datetime or an RFC 3339 string).
            wait: Wait until the snapshot exists (default); with False,
                ``response.operation`` is the running operation.

        Returns:
            The server's reply.

        Raises:
            IncusBadRequestError: If the name is invalid.
            IncusOperationError: If the snapshot failed (e.g. the name is taken).
        """
        fields = {"stateful": stateful or None, "expires_at": expires_at}
        key = None if name is None else check_snapshot_name(name)
        return await self._create((instance,), key, None, fields, wait=wait)

    async def restore(self, instance: str, name: str, *, stateful: bool = False, wait: bool = True) -> Response:
        """Restore an instance to one of its snapshots (its filesystem and config).

        Args:
            instance: Name of the instance.
            name: Name of the snapshot.
            stateful: Also restore the runtime state of a stateful snapshot.
            wait: Wait until the server has finished (default).

        Returns:
            The server's reply.

        Raises:
            IncusOperationError: If there is no such snapshot.
        """
        # A PUT of the instance carrying "restore" restores, and changes nothing else.
        body = {"restore": check_name(name, "snapshot name"), "stateful": stateful}
        return await InstancesAPI(self._core)._replace((), instance, body, etag=None, wait=wait)


class InstanceBackupsAPI(Backups[InstanceBackup]):
    """Backups of instances (``client.instances.backups``), kept by the server.

    A backup is made, listed, renamed, exported (streamed to a file) and
    deleted, never edited; :meth:`InstancesAPI.import_backup` makes an
    instance from a backup file. Every method takes the instance's name
    first, then the backup's; the writes take ``wait`` (wait until the
    server has finished, the default).
    """

    family = Family(("instances", PARENT, "backups"), post=_spec.InstanceBackupsPost)

    async def list(self, instance: str, recursion: int = 1) -> List[InstanceBackup]:
        """List the backups of an instance.

        Args:
            instance: Name of the instance.
            recursion: ``1`` (default) for whole backups, ``0`` for backups
                carrying only their name.

        Raises:
            IncusNotFoundError: If there is no such instance.
        """
        return await self._list((instance,), recursion)

    async def names(self, instance: str) -> List[str]:
        """Return the names of the backups of an instance (one request)."""
        return await self._names((instance,))

    async def get(self, instance: str, name: str) -> InstanceBackup:
        """Get one backup.

        Raises:
            IncusNotFoundError: If there is no such instance or backup.
        """
        return await self._get((instance,), name)

    async def exists(self, instance: str, name: str) -> bool:
        """Return whether the backup exists (False also when the instance does not)."""
        return await self._exists((instance,), name)

    async def create(
        self,
        instance: str,
        name: str | None = None,
        *,
        expires_at: datetime | str | None = None,
        instance_only: bool = False,
        optimized_storage: bool = False,
        compression_algorithm: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Make a backup of an instance, kept on the server until exported and deleted.

        Args:
            name: Name of the backup (default: the server's, ``backup0``...).
            expires_at: When the server deletes it by itself.
            instance_only: Leave the snapshots out.
            optimized_storage: Use the pool driver's own format (faster, only
                restorable on the same driver).
            compression_algorithm: ``gzip``, ``xz``, ``zstd``, ``none``...
                (default: the server's ``backups.compression_algorithm``).
            wait: Wait until the backup is written (default); with False,
                ``response.operation`` is the running operation.

        Raises:
            IncusOperationError: If the backup failed (e.g. the name is taken).
        """
        fields = {
            "expires_at": expires_at,
            "instance_only": instance_only or None,
            "optimized_storage": optimized_storage or None,
            "compression_algorithm": compression_algorithm,
        }
        return await self._create((instance,), name, None, fields, wait=wait)

    async def rename(self, instance: str, name: str, new_name: str, *, wait: bool = True) -> Response:
        """Rename a backup to ``new_name``."""
        return await self._rename((instance,), name, new_name, wait=wait)

    async def delete(self, instance: str, name: str, *, wait: bool = True) -> Response:
        """Delete a backup.

        Raises:
            IncusNotFoundError: If there is no such backup.
        """
        return await self._delete((instance,), name, wait=wait)

    async def export(
        self,
        instance: str,
        name: str,
        destination: FileTarget,
        *,
        chunk_size: int = CHUNK_SIZE,
        progress: ProgressCallback | None = None,
    ) -> int:
        """Download a backup file, streamed: the arguments after the keys are :meth:`InstanceBackup.export`'s."""
        return await self._export((instance,), name, destination, chunk_size, progress)

    def iter_export(self, instance: str, name: str, *, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        """Yield a backup file's bytes, at most ``chunk_size`` at a time (``async for chunk in ...``)."""
        return self._iter_export((instance,), name, chunk_size)


class _CreateOptions(TypedDict, total=False):
    """The keyword-only options of :meth:`InstancesAPI.create`, for its overloads."""

    image: str | None
    description: str | None
    start: bool
    cloud_instance_type: str | None


class _CreateOperation(Operation):
    """The operation of a create that removes what a failed create left behind.

    Incus 6.0 creates the instance record before starting it, so a create
    with ``start=True`` whose start fails leaves a stopped instance. Waiting
    on this handle deletes such an instance (only one created by this very
    operation) before raising the failure.
    """

    def __init__(self, op: Operation, cleanup: Callable[[Operation], Awaitable[None]]) -> None:
        super().__init__(op._core, op.model, sent_at=op.sent_at, project=op._events_project)
        self._cleanup = cleanup

    async def wait(self, timeout: float | None = None) -> Operation:
        try:
            return await super().wait(timeout)
        except IncusOperationError:
            await self._cleanup(self)
            raise


class BulkResult(dict[str, Any]):
    """What the ``*_many`` helpers return: instance name -> result (the server's reply) or exception.

    Every name asked for is a key; a failed one maps to the exception raised
    for it, so one failure never hides the others' results.
    """

    @property
    def succeeded(self) -> dict[str, Any]:
        """The names that succeeded, with their results."""
        return {k: v for k, v in self.items() if not isinstance(v, BaseException)}

    @property
    def failed(self) -> dict[str, BaseException]:
        """The names that failed, with their exceptions."""
        return {k: v for k, v in self.items() if isinstance(v, BaseException)}

    @property
    def ok(self) -> bool:
        """Whether every item succeeded."""
        return not self.failed

    def raise_for_failures(self) -> None:
        """Raise the first failure (in the order asked), if any.

        Raises:
            IncusError: The exception of the first failed item; the others
                stay readable in :attr:`failed`.
        """
        for exc in self.failed.values():
            raise exc

    def __repr__(self) -> str:
        return f"<BulkResult ok={len(self.succeeded)} failed={sorted(self.failed)}>"


class InstancesAPI(InstanceExecMixin, InstanceConsoleMixin, RenamableNamedCollection[Instance]):
    """Instances (``client.instances``).

    ``list`` / ``names`` / ``get`` / ``exists`` / ``create`` / ``update`` /
    ``patch`` / ``replace`` / ``rename`` / ``delete`` / ``state`` mean what
    they mean in every family (see the Conventions page); ``create``,
    ``update``, ``delete`` and the state changes keep the seed SDK's
    parameters. What lives under an instance is a nested sub-API:
    :attr:`snapshots`, :attr:`backups`, :attr:`files`, :attr:`logs`,
    :attr:`metadata`. Every write returns the server's reply
    (:class:`~incus_sdk.Response`) and waits for the server unless given
    ``wait=False``; ``create`` keeps the seed's ``wait=False``.

    Every method on one instance takes its name first (``name``); the
    methods below describe their other arguments.
    """

    family = Family(("instances",), post=_spec.InstancesPost, put=_spec.InstancePut)

    snapshots = child(InstanceSnapshotsAPI)
    """Instance snapshots (``/1.0/instances/{name}/snapshots``)."""

    backups = child(InstanceBackupsAPI)
    """Instance backups (``/1.0/instances/{name}/backups``)."""

    files = child(InstanceFilesAPI)
    """Files in instances (``/1.0/instances/{name}/files``)."""

    logs = child(InstanceLogsAPI)
    """Log files, and the outputs of recorded execs (``/1.0/instances/{name}/logs``)."""

    metadata = child(InstanceMetadataAPI)
    """Image metadata and its templates (``/1.0/instances/{name}/metadata``)."""

    @cached_property
    def _full(self) -> _FullInstancesAPI:
        # This sub-API, reading instances with their state, snapshots and backups.
        return _FullInstancesAPI(self._core)

    # -- reads -------------------------------------------------------------------

    async def list(
        self,
        recursion: int = 1,
        *,
        filter: str | None = None,
        all_projects: bool = False,
    ) -> List[Instance]:
        """List instances.

        Args:
            recursion: ``0``: instances carrying only their name; ``1``
                (default): full instances; ``2``: full instances with their
                ``state``, ``snapshots`` and ``backups``
                (:class:`InstanceFull`, as :meth:`list_full` gives), in one request.
            filter: A server-side filter, e.g. ``"status eq Running"`` or
                ``"config.image.os eq busybox"``.
            all_projects: List the instances of every project; each acts in
                its own project.

        Returns:
            The instances.
        """
        if recursion >= 2:
            return [*await self.list_full(filter=filter, all_projects=all_projects)]
        return await super().list(recursion, filter=filter, all_projects=all_projects)

    async def list_full(self, *, filter: str | None = None, all_projects: bool = False) -> List[InstanceFull]:
        """List instances with their state, snapshots and backups (``recursion=2``).

        Args:
            filter: A server-side filter.
            all_projects: List the instances of every project.

        Returns:
            The instances; ``inst.state.status``, ``inst.snapshots``...
        """
        full = await self._full._list((), 2, {"filter": filter, "all-projects": all_projects or None})
        return cast(List[InstanceFull], full)  # _FullInstancesAPI's model

    async def get(self, name: str, *, full: bool = False) -> Instance:
        """Get an instance by name.

        Args:
            full: Also read its state, snapshots and backups (``recursion=1``
                on the instance), giving an :class:`InstanceFull`.

        Returns:
            The instance, with ``etag`` set for a safe :meth:`replace`.

        Raises:
            IncusNotFoundError: If there is no such instance.
        """
        if not full:
            return await super().get(name)
        return await self._full._get((), name, {"recursion": 1})

    async def state(self, name: str) -> _spec.InstanceState:
        """Get the runtime state of an instance.

        The server runs code in the instance to collect it, so this costs
        more than :meth:`get`.

        Returns:
            ``status``, ``pid``, ``processes``, ``cpu.usage``,
            ``memory.usage``, ``disk["root"].usage``, ``network["lo"].addresses``...

        Raises:
            IncusNotFoundError: If there is no such instance.
        """
        return await self._core.get_model(_spec.InstanceState, self._url((), name, "state"))

    async def access(self, name: str) -> List[_spec.AccessEntry]:
        """Return who has access to an instance (``GET .../access``).

        Args:
        """
        return await self._core.get_models(_spec.AccessEntry, self._url((), name, "access"), recursion=None)

    # -- creating ----------------------------------------------------------------

    @overload  # type: ignore[override]  # the seed's signature
    async def create(
        self,
        name: str,
        source: Mapping[str, Any] | _spec.InstanceSource | None = ...,
        config: Mapping[str, Any] | None = ...,
        devices: Mapping[str, Mapping[str, str]] | None = ...,
        profiles: List[str] | None = ...,
        ephemeral: bool = ...,
        instance_type: str = ...,
        wait: Literal[False] = ...,
        **options: Unpack[_CreateOptions],
    ) -> Response: ...

    @overload
    async def create(
        self,
        name: str,
        source: Mapping[str, Any] | _spec.InstanceSource | None,
        config: Mapping[str, Any] | None,
        devices: Mapping[str, Mapping[str, str]] | None,
        profiles: List[str] | None,
        ephemeral: bool,
        instance_type: str,
        wait: Literal[True],
        **options: Unpack[_CreateOptions],
    ) -> Instance: ...

    @overload
    async def create(
        self,
        name: str,
        source: Mapping[str, Any] | _spec.InstanceSource | None = ...,
        config: Mapping[str, Any] | None = ...,
        devices: Mapping[str, Mapping[str, str]] | None = ...,
        profiles: List[str] | None = ...,
        ephemeral: bool = ...,
        instance_type: str = ...,
        *,
        wait: Literal[True],
        **options: Unpack[_CreateOptions],
    ) -> Instance: ...

    async def create(
        self,
        name: str,
        source: Mapping[str, Any] | _spec.InstanceSource | None = None,
        config: Mapping[str, Any] | None = None,
        devices: Mapping[str, Mapping[str, str]] | None = None,
        profiles: List[str] | None = None,
        ephemeral: bool = False,
        instance_type: str = "container",
        wait: bool = False,
        *,
        image: str | None = None,
        description: str | None = None,
        start: bool = False,
        cloud_instance_type: str | None = None,
    ) -> Response | Instance:
        """Create a new instance.

        The source is one of: ``source`` (the API's ``InstanceSource``, e.g.
        ``{"type": "image", "alias": "debian/12"}``), ``image`` (a local
        image alias, or a fingerprint: 12 or more hex digits), or neither
        (an empty instance, source type ``none``).

        A create that fails leaves nothing behind: the server refuses bad
        names, images and config before creating anything, and if the
        instance was created but failed to start (``start=True``), waiting
        on the operation deletes it before raising.

        Args:
            source: Source configuration for the instance (the seed's dict).
            config: Instance configuration (values are sent as strings:
                ``True`` becomes ``"true"``).
            devices: Instance devices.
            profiles: Profiles to apply, in order; None applies ``default``,
                ``[]`` applies none.
            ephemeral: Whether the instance is deleted when it stops.
            instance_type: ``container`` or ``virtual-machine``.
            wait: ``False`` (the seed's default): return the server's reply
                at once, whose ``.operation`` can be awaited. ``True``: wait
                for the creation and return the new :class:`Instance`.
            image: A local image alias or fingerprint (instead of ``source``).
            description: The instance description.
            start: Start the instance once created.
            cloud_instance_type: A cloud instance type to emulate with limits
                (e.g. ``"t2.micro"``; the API's ``instance_type`` field).

        Returns:
            The created :class:`Instance` with ``wait=True``; otherwise the
            server's reply (mypy knows which from ``wait``).

        Raises:
            ValueError: If both ``source`` and ``image`` are given.
            IncusBadRequestError: If the name is invalid.
            IncusOperationError: If creation failed (missing image, unknown
                config key, existing name, failed start), with the server's
                message.
        """
        fields = {
            "type": instance_type,
            "source": _source(source, image),
            "config": config,
            "devices": None if devices is None else {k: dict(v) for k, v in devices.items()},
            "profiles": None if profiles is None else list(profiles),
            "ephemeral": ephemeral or None,
            "description": description,
            "start": start or None,
            "instance_type": cloud_instance_type,
        }
        response = await self._create((), name, None, fields, wait=False)
        if response.operation is not None:
            response.operation = _CreateOperation(response.operation, self._cleanup_failed_create(name))
        if not wait:
            return response
        await response.wait()
        return await self.get(name)

    def _cleanup_failed_create(self, name: str) -> Callable[[Operation], Awaitable[None]]:
        return lambda op: self._delete_if_created(name, op)

    async def _delete_if_created(self, name: str, op: Operation | None) -> None:
        """Delete the instance if ``op`` created it (without an operation: if it exists).

        Only an instance this very operation created: a failed create over an
        existing name must not delete the existing instance.
        """
        with contextlib.suppress(IncusNotFoundError):
            inst = await self.get(name)
            if op is None or (
                inst.created_at is not None
                and op.model.created_at is not None
                and inst.created_at >= op.model.created_at
            ):
                await self.delete(name, wait=True, force=True)

    async def copy(
        self,
        source: str,
        name: str,
        *,
        snapshot: str | None = None,
        instance_only: bool = False,
        source_project: str | None = None,
        config: Mapping[str, Any] | None = None,
        devices: Mapping[str, Mapping[str, str]] | None = None,
        profiles: List[str] | None = None,
        ephemeral: bool = False,
        description: str | None = None,
        start: bool = False,
        wait: bool = True,
    ) -> Response:
        """Create an instance as a local copy of another (or of one of its snapshots).

        Args:
            source: Name of the instance to copy.
            name: Name of the new instance.
            snapshot: Copy this snapshot of ``source`` instead of its current state.
            instance_only: Leave the source's snapshots out of the copy.
            source_project: Project of the source (default: this client's).
            config: Configuration of the copy (replaces the source's own).
            devices: Devices of the copy.
            profiles: Profiles of the copy.
            ephemeral: Whether the copy is ephemeral.
            description: Description of the copy.
            start: Start the copy once created.
            wait: Wait until the copy is done (default).

        Returns:
            The server's reply; ``.operation`` is the copy operation.

        Raises:
            IncusOperationError: If the copy failed (e.g. no such source).
        """
        src: dict[str, Any] = {
            "type": "copy",
            "source": f"{source}/{check_name(snapshot, 'snapshot name')}" if snapshot else source,
        }
        if instance_only:
            src["instance_only"] = True
        if source_project is not None:
            src["project"] = source_project
        response = await self.create(
            name,
            src,
            config=config,
            devices=devices,
            profiles=profiles,
            ephemeral=ephemeral,
            description=description,
            start=start,
        )
        return await response.finish(wait)

    async def import_backup(
        self,
        source: BackupSource,
        *,
        name: str | None = None,
        pool: str | None = None,
        wait: bool = True,
        progress: ProgressCallback | None = None,
    ) -> Response:
        """Create an instance from a backup file (see :attr:`backups`), streamed to the server.

        Args:
            source: A path, a binary file object, an async iterator of byte
                chunks, or bytes.
            name: Name of the new instance (default: the name in the backup).
            pool: Storage pool for it (default: the one in the backup).
            wait: Wait until the import is done (default).
            progress: Called with ``Progress("upload", done, total)`` as
                bytes are sent, then with the progress the server reports
                while it unpacks (when waiting).

        Returns:
            The server's reply; ``.operation`` is the import.

        Raises:
            IncusAPIError: If the file is not a backup (``Unsupported compression``).
            IncusOperationError: If the import failed (e.g. the name is taken).
        """
        headers = {"X-Incus-name": name, "X-Incus-pool": pool}
        return await self._post_file((), source, headers, wait=wait, progress=progress)

    # -- changing ----------------------------------------------------------------

    async def update(  # the seed's positional wait
        self, name: str, config: Body, wait: bool = True, *, etag: str | None = None
    ) -> Response:
        """Change the fields given, keeping every other (read, merge, ``PUT`` with ``If-Match``).

        Within ``config`` and ``devices`` only the keys given change;
        ``None`` removes one (``{"devices": {"eth1": None}}`` removes that
        device, which Incus's own ``PATCH`` cannot do). Other fields given
        (``description``, ``profiles``...) replace the old value.

        Args:
            config: The fields to change, e.g. ``{"config": {"limits.cpu": "1"}}``
                or ``{"description": "web"}`` (an ``InstancePut`` also works).
            wait: Wait until the server has applied the change (default).
            etag: Apply the change only if the instance still has this ETag
                (from :meth:`get`); no retry then.

        Returns:
            The server's reply to the ``PUT``.

        Raises:
            ValueError: If ``config`` has keys that are not instance fields.
            IncusOperationError: If a config key or value, or a device, is
                invalid (the server checks them as it applies the change;
                with ``wait=False``, waiting on ``response.operation`` raises).
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._update((), name, config, etag=etag, wait=wait)

    async def patch(self, name: str, config: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Send the server's own ``PATCH`` (one request).

        Incus 6.0 merges the ``config`` and ``devices`` keys given; it cannot
        remove one (:meth:`update` can).

        Args:
            config: The fields to send.
            etag: Sent as ``If-Match``.
            wait: Wait until the server has finished (default).

        Returns:
            The server's reply.

        Raises:
            ValueError: If ``config`` has keys that are not instance fields.
            IncusAPIError: If a config key or value, or a device, is invalid
                (Incus 6.0 answers HTTP 500, ``Invalid config: ...``).
        """
        return await super().patch(name, config, etag=etag, wait=wait)

    async def rename(self, name: str, new_name: str, *, wait: bool = True) -> Response:
        """Rename a stopped instance.

        Args:
            name: Current name.
            new_name: New name.
            wait: Wait until the rename is done (default).

        Returns:
            The server's reply.

        Raises:
            IncusBadRequestError: If the new name is invalid.
            IncusConflictError: If the new name is taken.
            IncusOperationError: If the rename failed (e.g. the instance is
                running: "Renaming of running instance not allowed").
        """
        return await super().rename(name, new_name, wait=wait)

    async def move(
        self,
        name: str,
        *,
        project: str | None = None,
        pool: str | None = None,
        new_name: str | None = None,
        instance_only: bool = False,
        wait: bool = True,
    ) -> Response:
        """Move a stopped instance to another project and/or storage pool.

        Args:
            project: The project to move it to.
            pool: The storage pool to move its root disk to.
            new_name: Rename it on the way (default: keep the name).
            instance_only: Leave its snapshots behind.
            wait: Wait until the move is done (default).

        Returns:
            The server's reply.

        Raises:
            ValueError: If neither ``project`` nor ``pool`` is given.
        """
        if project is None and pool is None:
            raise ValueError("move() needs project= and/or pool=")
        body = instance_move_body(new_name or name, project=project, pool=pool, instance_only=instance_only, live=False)
        response = await self._core.request("POST", self._url((), name), json=body)
        return await response.finish(wait)

    async def rebuild(
        self,
        name: str,
        *,
        image: str | None = None,
        source: Mapping[str, Any] | _spec.InstanceSource | None = None,
        wait: bool = True,
    ) -> Response:
        """Rebuild a stopped instance's root disk from an image, or as empty.

        Config, devices and snapshots are kept; the root filesystem is replaced.

        Args:
            image: A local image alias or fingerprint.
            source: An ``InstanceSource`` instead of ``image``.
            wait: Wait until the rebuild is done (default).

        Returns:
            The server's reply.

        Raises:
            ValueError: If both ``image`` and ``source`` are given.
            IncusBadRequestError: If the instance is running.
        """
        body = {"source": _source(source, image)}
        response = await self._core.request("POST", self._url((), name, "rebuild"), json=body)
        return await response.finish(wait)

    async def delete(self, name: str, wait: bool = True, *, force: bool = False) -> Response:  # the seed's wait
        """Delete an instance, with its snapshots and backups.

        The server refuses to delete a running instance; ``force=True`` stops
        it first (as ``incus delete --force`` does), waiting for the stop.

        Args:
            wait: Wait until it is gone (default).
            force: Stop the instance first if it is running or frozen.

        Returns:
            The server's reply.

        Raises:
            IncusNotFoundError: If there is no such instance.
            IncusBadRequestError: If it is running and ``force`` is False.
        """
        if force:
            inst = await self.get(name)
            if inst.status in ("Running", "Frozen"):
                await self.stop(name, force=True, wait=True)
        return await self._delete((), name, wait=wait)

    # -- running state -----------------------------------------------------------

    async def change_state(
        self,
        name: str,
        action: str,
        *,
        force: bool = False,
        stateful: bool = False,
        timeout: int | None = 30,
        wait: bool = True,
    ) -> Response:
        """Change the running state of an instance (``PUT .../state``).

        Args:
            action: ``start``, ``stop``, ``restart``, ``freeze`` or ``unfreeze``.
            force: Kill instead of a clean shutdown (stop / restart).
            stateful: Save (stop) or restore (start) the runtime state (needs CRIU).
            timeout: Seconds a clean shutdown may take before the server
                gives up; None for the server's default.
            wait: Wait until the change is done (default).

        Returns:
            The server's reply; ``.operation`` is the change.

        Raises:
            IncusNotFoundError: If there is no such instance.
            IncusOperationError: If the change failed, including one that
                makes no sense now (stopping a stopped instance: "The
                instance is already stopped"), which Incus reports as a
                failed operation; raised only when waiting.
        """
        body = _state_change(action, force, stateful, timeout)
        response = await self._core.request("PUT", self._url((), name, "state"), json=body)
        return await response.finish(wait)

    async def start(self, name: str, stateful: bool = False, wait: bool = True) -> Response:
        """Start an instance.

        Args:
            stateful: Restore the state saved by a stateful stop.
            wait: Wait until it is running (default).

        Returns:
            The server's reply.

        Raises:
            IncusOperationError: (when waiting) If it is running already, or
                fails to start.
        """
        return await self.change_state(name, "start", stateful=stateful, wait=wait)

    async def stop(
        self,
        name: str,
        force: bool = False,
        stateful: bool = False,
        wait: bool = True,
        *,
        timeout: int | None = 30,
    ) -> Response:
        """Stop an instance.

        Args:
            force: Kill it instead of asking it to shut down.
            stateful: Save its runtime state (needs CRIU).
            wait: Wait until it is stopped (default).
            timeout: Seconds a clean shutdown may take.

        Returns:
            The server's reply.

        Raises:
            IncusOperationError: (when waiting) If it is already stopped.
        """
        return await self.change_state(name, "stop", force=force, stateful=stateful, timeout=timeout, wait=wait)

    async def restart(self, name: str, force: bool = False, wait: bool = True, *, timeout: int | None = 30) -> Response:
        """Restart an instance.

        Args:
            force: Kill it instead of asking it to shut down.
            wait: Wait until it has restarted (default).
            timeout: Seconds a clean shutdown may take.

        Returns:
            The server's reply.
        """
        return await self.change_state(name, "restart", force=force, timeout=timeout, wait=wait)

    async def freeze(self, name: str, wait: bool = True) -> Response:
        """Freeze (pause) all processes of a running instance."""
        return await self.change_state(name, "freeze", wait=wait)

    async def unfreeze(self, name: str, wait: bool = True) -> Response:
        """Thaw a frozen instance: its processes run again."""
        return await self.change_state(name, "unfreeze", wait=wait)

    async def change_state_all(
        self,
        action: str,
        *,
        force: bool = False,
        stateful: bool = False,
        timeout: int | None = None,
        wait: bool = True,
    ) -> Response:
        """Change the state of every instance of the project at once (``PUT /1.0/instances``).

        The server skips instances already in the wanted state (e.g. ``stop``
        leaves stopped ones alone) and acts on the others in parallel, in one
        operation. To act on chosen instances, see :meth:`start_many` and co.

        Args:
            action: ``start``, ``stop``, ``restart``, ``freeze`` or ``unfreeze``.
            force: Kill instead of a clean shutdown.
            stateful: Save / restore runtime state.
            timeout: Seconds a clean shutdown may take (None: server default).
            wait: Wait for the whole batch (default).

        Returns:
            The server's reply.

        Raises:
            IncusOperationError: If any instance failed (the message lists them).
        """
        body = {"state": _state_change(action, force, stateful, timeout)}
        response = await self._core.request("PUT", self._url(()), json=body)
        return await response.finish(wait)

    # -- many instances, concurrently --------------------------------------------

    async def _bulk(self, names: Iterable[str], call: Callable[[str], Awaitable[Any]], concurrency: int) -> BulkResult:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        limit = asyncio.Semaphore(concurrency)
        order = list(dict.fromkeys(names))
        result = BulkResult((n, None) for n in order)

        async def one(name: str) -> None:
            async with limit:
                try:
                    result[name] = await call(name)
                except Exception as exc:  # recorded per name, never lost
                    result[name] = exc

        await asyncio.gather(*(one(n) for n in order))
        return result

    async def create_many(
        self,
        names: Iterable[str] | Mapping[str, Mapping[str, Any]],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        **options: Any,
    ) -> BulkResult:
        """Create many instances concurrently, at most ``concurrency`` at a time.

        Args:
            names: Names to create with the same ``options``, or a mapping of
                name -> options for that one (merged over ``options``).
            concurrency: How many creations run at once.
            **options: Arguments of :meth:`create` (``image=``, ``source=``,
                ``config=``, ``profiles=``, ``start=``...).

        Returns:
            BulkResult: name -> created :class:`Instance`, or the exception
            that name's creation raised (a failed one leaves nothing behind).
        """
        per_name: Mapping[str, Mapping[str, Any]] = names if isinstance(names, Mapping) else {n: {} for n in names}
        options.pop("wait", None)

        async def create_one(name: str) -> Instance:
            return await self.create(name, **{**options, **per_name[name]}, wait=True)

        return await self._bulk(per_name, create_one, concurrency)

    async def start_many(self, names: Iterable[str], *, concurrency: int = DEFAULT_CONCURRENCY) -> BulkResult:
        """Start many instances concurrently: a :class:`BulkResult` of the replies."""
        return await self._bulk(names, lambda n: self.start(n, wait=True), concurrency)

    async def stop_many(
        self,
        names: Iterable[str],
        *,
        force: bool = False,
        timeout: int | None = 30,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> BulkResult:
        """Stop many instances concurrently: a :class:`BulkResult` of the replies."""
        return await self._bulk(names, lambda n: self.stop(n, force=force, timeout=timeout, wait=True), concurrency)

    async def restart_many(
        self, names: Iterable[str], *, force: bool = False, concurrency: int = DEFAULT_CONCURRENCY
    ) -> BulkResult:
        """Restart many instances concurrently: a :class:`BulkResult` of the replies."""
        return await self._bulk(names, lambda n: self.restart(n, force=force, wait=True), concurrency)

    async def delete_many(
        self, names: Iterable[str], *, force: bool = False, concurrency: int = DEFAULT_CONCURRENCY
    ) -> BulkResult:
        """Delete many instances concurrently (``force=True`` stops running ones first): a :class:`BulkResult`."""
        return await self._bulk(names, lambda n: self.delete(n, wait=True, force=force), concurrency)

    # -- launching like the incus CLI ------------------------------------------------

    async def launch(
        self,
        name: str,
        image: str,
        *,
        config: Mapping[str, Any] | None = None,
        devices: Mapping[str, Mapping[str, str]] | None = None,
        profiles: Sequence[str] | None = None,
        ephemeral: bool = False,
        instance_type: str | None = None,
        description: str | None = None,
        start: bool = True,
        progress: ProgressCallback | None = None,
        config_dir: str | os.PathLike[str] | None = None,
        keep_on_failure: bool = False,
    ) -> Instance:
        """Create an instance from an image and start it, as ``incus launch IMAGE NAME``.

        The image is ``"remote:alias"`` or ``"remote:fingerprint"`` with a
        remote of the ``incus`` CLI configuration (``images:debian/12``, a
        simplestreams server; another Incus server), or an alias or
        fingerprint on this client's own server. It is looked up on its
        server first (a missing image fails before anything is created), for
        the daemon's architecture; the daemon then downloads it itself. The
        instance goes to this client's project and target
        (``client.with_project(...).with_target(...)``).

        If creating or starting fails (or the call is cancelled), the
        instance is deleted again unless ``keep_on_failure`` is set.

        Args:
            image: The image reference.
            config: Instance configuration (values are sent as strings).
            devices: Instance devices.
            profiles: Profiles to apply, in order (None: ``default``).
            ephemeral: Whether the instance is deleted when it stops.
            instance_type: ``container`` or ``virtual-machine``; by default
                the image's type (a container if its server has both).
            description: The instance description.
            start: Start it once created (default), as ``incus launch``;
                False creates it stopped, as ``incus create``.
            progress: Called with the daemon's progress
                (:class:`~incus_sdk.models.image.ImageProgress`, stage
                ``download_progress`` and the like, ``text`` set).
            config_dir: The CLI configuration directory (default:
                ``$INCUS_CONF`` or ``~/.config/incus``).
            keep_on_failure: Leave a created instance that failed to start.

        Returns:
            The instance.

        Raises:
            ValueError: For an empty reference or a remote the daemon cannot use.
            IncusConfigError: If the remote does not exist or cannot be used.
            IncusNotFoundError: If the image server has no such image.
            IncusOperationError: If creating or starting failed (nothing is left).
        """
        resolved = await self._images.resolve(image, config_dir=config_dir, instance_type=instance_type)
        response = await self.create(
            name,
            resolved.source,
            config=config,
            devices=devices,
            profiles=list(profiles) if profiles is not None else None,
            ephemeral=ephemeral,
            instance_type=instance_type or resolved.type or "container",
            description=description,
        )
        op = response.operation
        try:
            if op is not None:
                # Waiting on the create operation deletes an instance it left behind.
                await wait_reporting(op, progress)
            if start:
                await self.start(name, wait=True)
        except BaseException:
            if not keep_on_failure:
                await self._undo_launch(name, op)
            raise
        return await self.get(name)

    _images = child(ImagesAPI)

    async def _undo_launch(self, name: str, op: Operation | None) -> None:
        """Remove what a failed (or cancelled) launch created, even while being cancelled itself."""

        async def undo() -> None:
            if op is not None and not op.done:
                with contextlib.suppress(IncusError):
                    await op.cancel()
                with contextlib.suppress(IncusError):
                    await op.wait(_UNDO_TIMEOUT)
            await self._delete_if_created(name, op)

        task = asyncio.ensure_future(undo())
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            await task  # finish the clean-up, then let the cancellation through
            raise

    async def rebuild_from(
        self,
        name: str,
        image: str,
        *,
        force: bool = False,
        progress: ProgressCallback | None = None,
        config_dir: str | os.PathLike[str] | None = None,
    ) -> Instance:
        """Rebuild an instance's root disk from an image, as ``incus rebuild IMAGE NAME``.

        The image is referenced as for :meth:`launch`; config, devices and
        snapshots are kept.

        Args:
            name: Name of the instance (stopped, unless ``force``).
            image: The image reference (``"remote:alias"``, a local alias...).
            force: Stop a running instance first.
            progress: Called with the daemon's download progress.
            config_dir: The CLI configuration directory.

        Returns:
            The rebuilt instance.

        Raises:
            IncusNotFoundError: If there is no such instance or image.
            IncusOperationError: If the rebuild failed (e.g. it is running).
        """
        inst = await self.get(name)
        resolved = await self._images.resolve(image, config_dir=config_dir, instance_type=inst.type or None)
        if force and inst.status in ("Running", "Frozen"):
            await self.stop(name, force=True, wait=True)
        response = await self.rebuild(name, source=resolved.source, wait=False)
        if response.operation is not None:
            await wait_reporting(response.operation, progress)
        return await self.get(name)

    async def wait_ready(
        self,
        name: str,
        *,
        timeout: float = 60,
        interface: str | None = None,
        family: str | None = None,
        command: Sequence[str] | None = None,
        command_timeout: float = 10,
    ) -> _spec.InstanceState:
        """Wait until an instance is really usable (as ``incus wait`` and more).

        Ready means: running and its init has processes (for a VM: its agent
        answers); if ``interface`` is given, an address (not link-local) of
        ``family`` on it; if ``command`` is given, the command exits with 0.
        The daemon's lifecycle events wake the wait at once (start, stop...);
        between events the state is checked after growing pauses (0.1 s up to
        2 s), never in a tight loop.

        Args:
            timeout: Seconds to wait at most.
            interface: An interface that must have an address (``eth0``).
            family: ``inet`` or ``inet6`` (default: either).
            command: A command that must succeed, e.g. ``["systemctl",
                "is-system-running", "--wait"]``; run again until it does.
            command_timeout: Seconds one run of the command may take.

        Returns:
            The instance's state once ready.

        Raises:
            IncusTimeoutError: If it is not ready in time (the message says
                what was missing).
            IncusError: If it stopped while waiting.
            IncusNotFoundError: If there is no such instance (or it was deleted).
        """
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
                    stopped = stopped or lifecycle.action in _STOP_ACTIONS
                    wake.set()

        # Listen before the first look, so that no change between the two is missed.
        async with EventsAPI(self._core).subscribe(["lifecycle"]) as stream:
            watcher = asyncio.ensure_future(watch(stream))
            try:
                interval = 0.1
                was_running = False
                while True:
                    try:
                        state = await self.state(name)
                    except IncusAPIError as exc:
                        if (exc.status_code or 0) < 500:
                            raise
                        # Incus 6.0 answers 500 ("Invalid PID") while an instance stops.
                        state = _spec.InstanceState(status="Unknown")
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
                        failure := await self._command_failure(name, command, command_timeout)
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

    async def _command_failure(self, name: str, command: Sequence[str], timeout: float) -> str | None:
        """Run the readiness command: None if it exited with 0, else why not."""
        try:
            result = await self.exec(name, list(command), timeout=timeout)
        except ExecTimeoutError:
            return f"{' '.join(command)!r} ran out of time ({timeout}s)"
        except (IncusAPIError, IncusOperationError) as exc:
            # The instance may be between states (stopping, starting): look again later.
            return f"{' '.join(command)!r} could not run: {exc.message}"
        return None if result.exit_code == 0 else f"{' '.join(command)!r} did not succeed (exit {result.exit_code})"

    # -- deprecated aliases (incus_sdk 0.1.0) -----------------------------------

    list_snapshots = deprecated_alias("instances.snapshots", InstanceSnapshotsAPI.list, instance="name")

    @deprecated("client.instances.snapshots.get(name, snapshot)")  # written out: the native returns a type variable
    async def get_snapshot(self, name: str, snapshot: str) -> InstanceSnapshot:
        """Get one snapshot of an instance."""
        return await self.snapshots.get(name, snapshot)

    create_snapshot = deprecated_alias(
        "instances.snapshots", InstanceSnapshotsAPI.create, instance="name", name="snapshot"
    )

    @deprecated("client.instances.snapshots.update(name, snapshot, {'expires_at': ...})")
    async def update_snapshot(
        self, name: str, snapshot: str, *, expires_at: datetime | str | None, wait: bool = True
    ) -> Response:
        """Change a snapshot's expiry (None: never)."""
        return await self.snapshots.update(name, snapshot, {"expires_at": expires_at}, wait=wait)

    rename_snapshot = deprecated_alias(
        "instances.snapshots", InstanceSnapshotsAPI.rename, parent="name", key="snapshot", new_key="new_name"
    )
    restore_snapshot = deprecated_alias(
        "instances.snapshots", InstanceSnapshotsAPI.restore, instance="name", name="snapshot"
    )
    delete_snapshot = deprecated_alias(
        "instances.snapshots", InstanceSnapshotsAPI.delete, parent="name", key="snapshot"
    )
    list_backups = deprecated_alias("instances.backups", InstanceBackupsAPI.list, instance="name")
    get_backup = deprecated_alias("instances.backups", InstanceBackupsAPI.get, instance="name", name="backup")
    create_backup = deprecated_alias("instances.backups", InstanceBackupsAPI.create, instance="name", name="backup")
    rename_backup = deprecated_alias("instances.backups", InstanceBackupsAPI.rename, instance="name", name="backup")
    delete_backup = deprecated_alias("instances.backups", InstanceBackupsAPI.delete, instance="name", name="backup")
    iter_backup = deprecated_alias("instances.backups", InstanceBackupsAPI.iter_export, instance="name", name="backup")
    export_backup = deprecated_alias(
        "instances.backups", InstanceBackupsAPI.export, instance="name", name="backup", destination="target"
    )
    list_logs = deprecated_alias("instances.logs", InstanceLogsAPI.names)
    get_log = deprecated_alias("instances.logs", InstanceLogsAPI.get)
    delete_log = deprecated_alias("instances.logs", InstanceLogsAPI.delete)
    list_exec_outputs = deprecated_alias("instances.logs.exec_output", InstanceExecOutputAPI.names)
    get_exec_output = deprecated_alias("instances.logs.exec_output", InstanceExecOutputAPI.get)
    delete_exec_output = deprecated_alias("instances.logs.exec_output", InstanceExecOutputAPI.delete)
    get_metadata = deprecated_alias("instances.metadata", InstanceMetadataAPI.get)
    update_metadata = deprecated_alias("instances.metadata", InstanceMetadataAPI.update, config="metadata")
    replace_metadata = deprecated_alias("instances.metadata", InstanceMetadataAPI.replace, config="metadata")
    list_templates = deprecated_alias("instances.metadata.templates", InstanceTemplatesAPI.names)
    get_template = deprecated_alias("instances.metadata.templates", InstanceTemplatesAPI.get)
    create_template = deprecated_alias("instances.metadata.templates", InstanceTemplatesAPI.create)
    delete_template = deprecated_alias("instances.metadata.templates", InstanceTemplatesAPI.delete)
    push_file = deprecated_alias("instances.files", InstanceFilesAPI.push)
    pull_file = deprecated_alias("instances.files", InstanceFilesAPI.pull)
    read_file = deprecated_alias("instances.files", InstanceFilesAPI.read)
    open_file = deprecated_alias("instances.files", InstanceFilesAPI.open)
    stat_file = deprecated_alias("instances.files", InstanceFilesAPI.stat)
    file_exists = deprecated_alias("instances.files", InstanceFilesAPI.exists)
    list_dir = deprecated_alias("instances.files", InstanceFilesAPI.names)
    mkdir = deprecated_alias("instances.files", InstanceFilesAPI.mkdir)
    symlink = deprecated_alias("instances.files", InstanceFilesAPI.symlink)
    read_link = deprecated_alias("instances.files", InstanceFilesAPI.read_link)
    delete_file = deprecated_alias("instances.files", InstanceFilesAPI.delete)


class _FullInstancesAPI(InstancesAPI):
    """``client.instances`` reading :class:`InstanceFull` objects (with state, snapshots and backups).

    Its objects are bound to it, so they act as every instance does.
    """

    model = InstanceFull


__all__ = [
    "CHUNK_SIZE",
    "DEFAULT_CONCURRENCY",
    "BackupSource",
    "BulkResult",
    "Instance",
    "InstanceBackup",
    "InstanceBackupsAPI",
    "InstanceFull",
    "InstanceSnapshot",
    "InstanceSnapshotsAPI",
    "InstancesAPI",
]
