"""The Instances API: ``/1.0/instances`` and everything under it.

Exec, console and files are mixins (``exec.py``, ``console.py``,
``files.py``); this module has the rest: listing, create / copy / import,
change (PATCH / PUT / rename / move / rebuild), state, snapshots, backups,
logs, image metadata and templates, and the ``*_many`` helpers that run one
call for many instances with bounded concurrency.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any, List

from .._core import Response
from .._paths import api_path, check_name, check_snapshot_name, instance_snapshot_path
from .._transfer import CHUNK_SIZE, UploadSource, download, iter_download, upload
from ..exceptions import IncusNotFoundError, IncusOperationError, IncusPreconditionFailedError
from ..models._spec import AccessEntry
from ..models.image import ProgressCallback
from ..models.instance import (
    BulkResult,
    ImageMetadata,
    Instance,
    InstanceBackup,
    InstanceFull,
    InstanceMetadata,
    InstancePut,
    InstanceSnapshot,
    InstanceSource,
    InstanceState,
)
from ..operations import Operation
from . import _launch
from ._bodies import config_map, writable_body
from .console import InstanceConsoleMixin
from .exec import InstanceExecMixin
from .files import InstanceFilesMixin

if TYPE_CHECKING:
    from ..client import Client

#: A string that is an image fingerprint (or a unique prefix of one) rather than an alias.
_FINGERPRINT = re.compile(r"[0-9a-f]{12,64}")
#: Default number of calls the ``*_many`` helpers run at once.
DEFAULT_CONCURRENCY = 8

#: What a backup can be imported from.
BackupSource = UploadSource


def _image_source(image: str) -> dict[str, Any]:
    """An ``image`` source by fingerprint (hex, 12+ chars) or else by alias."""
    if _FINGERPRINT.fullmatch(image):
        return {"type": "image", "fingerprint": image}
    return {"type": "image", "alias": image}


def _iso(value: datetime | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


class _CreateOperation(Operation):
    """The operation of a create that removes what a failed create left behind.

    Incus 6.0 creates the instance record before starting it, so a create
    with ``start=True`` whose start fails leaves a stopped instance. Waiting
    on this handle deletes such an instance (only one created by this very
    operation) before raising the failure.
    """

    def __init__(self, op: Operation, cleanup: Callable[[Operation], Awaitable[None]]) -> None:
        super().__init__(op._core, op.model, sent_at=op.sent_at)
        self._cleanup = cleanup

    async def wait(self, timeout: float | None = None) -> Operation:
        try:
            return await super().wait(timeout)
        except IncusOperationError:
            await self._cleanup(self)
            raise


class InstancesAPI(InstanceExecMixin, InstanceFilesMixin, InstanceConsoleMixin):
    """API client for Incus instances (``client.instances``).

    Write methods return the server's reply (:class:`~incus_sdk.Response`, a
    dict); when the server runs the change as a background operation,
    ``response.operation`` is its handle (``await response.operation``).
    With ``wait=True`` the call waits for it (and raises if it failed).
    """

    def _path(self, *segments: str) -> str:
        return api_path("instances", *segments)

    async def _finish(self, response: Response, wait: bool) -> Response:
        if wait and response.operation is not None:
            await response.operation.wait()
        return response

    # -- listing and reading ---------------------------------------------------

    async def list(
        self,
        recursion: int = 1,
        *,
        filter: str | None = None,
        all_projects: bool = False,
    ) -> List[Instance]:
        """List instances.

        Args:
            recursion: ``0``: only names (instances carrying just ``name``);
                ``1`` (default): full instances; ``2``: full instances with
                their ``state``, ``snapshots`` and ``backups``
                (:class:`~incus_sdk.models.instance.InstanceFull`), in one request.
            filter: A server-side filter, e.g. ``"status eq Running"`` or
                ``"config.image.os eq busybox"``.
            all_projects: List the instances of every project; each is bound
                to a client scoped to its own project.

        Returns:
            List[Instance]: The instances.
        """
        model = InstanceFull if recursion >= 2 else Instance
        params = {"filter": filter, "all-projects": True if all_projects else None}
        items: List[Instance] = await self._core.get_models(
            model, self._path(), recursion=recursion, params=params, client=self.client
        )
        if all_projects and self.client is not None:
            scoped: dict[str, Any] = {}
            for item in items:
                if item.project and item.project != self._core.project:
                    if item.project not in scoped:
                        scoped[item.project] = self.client.with_project(item.project)
                    item._client = scoped[item.project]
        return items

    async def list_full(self, *, filter: str | None = None, all_projects: bool = False) -> List[InstanceFull]:
        """List instances with their state, snapshots and backups (``recursion=2``).

        Args:
            filter: A server-side filter.
            all_projects: List the instances of every project.

        Returns:
            The instances; ``inst.state.status``, ``inst.snapshots``...
        """
        return await self.list(2, filter=filter, all_projects=all_projects)  # type: ignore[return-value]

    async def names(self, *, filter: str | None = None) -> List[str]:
        """Return the names of the instances (one cheap request).

        Args:
            filter: A server-side filter, e.g. ``"status eq Running"``.
        """
        return await self._core.get_names(self._path(), params={"filter": filter})

    async def get(self, name: str, *, full: bool = False) -> Instance:
        """Get an instance by name.

        Args:
            name: Name of the instance.
            full: Also read its state, snapshots and backups (``recursion=1``
                on the instance), giving an
                :class:`~incus_sdk.models.instance.InstanceFull`.

        Returns:
            Instance: The instance, with ``etag`` set for a safe :meth:`replace`.

        Raises:
            IncusNotFoundError: If there is no such instance.
        """
        if full:
            return await self._core.get_model(
                InstanceFull, self._path(name), params={"recursion": 1}, client=self.client
            )
        return await self._core.get_model(Instance, self._path(name), client=self.client)

    async def exists(self, name: str) -> bool:
        """Return whether an instance of that name exists in the project."""
        return await self._core.exists(self._path(name))

    async def state(self, name: str) -> InstanceState:
        """Get the runtime state of an instance.

        The server runs code in the instance to collect it, so this costs
        more than :meth:`get`.

        Args:
            name: Name of the instance.

        Returns:
            InstanceState: ``status``, ``pid``, ``processes``, ``cpu.usage``,
            ``memory.usage``, ``disk["root"].usage``, ``network["lo"].addresses``...
        """
        return await self._core.get_model(InstanceState, self._path(name, "state"))

    async def access(self, name: str) -> List[AccessEntry]:
        """Return who has access to an instance (``GET .../access``)."""
        return await self._core.get_models(AccessEntry, self._path(name, "access"), recursion=None)

    # -- creating --------------------------------------------------------------

    async def create(
        self,
        name: str,
        source: Mapping[str, Any] | InstanceSource | None = None,
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
        image alias, or a fingerprint — 12 or more hex digits), or neither
        (an empty instance, source type ``none``).

        A create that fails leaves nothing behind: the server refuses bad
        names, images and config before creating anything, and if the
        instance was created but failed to start (``start=True``), waiting
        on the operation deletes it before raising.

        Args:
            name: Name of the instance.
            source: Source configuration for the instance (the seed's dict).
            config: Instance configuration (values are sent as strings:
                ``True`` becomes ``"true"``).
            devices: Instance devices.
            profiles: Profiles to apply, in order; None applies ``default``,
                ``[]`` applies none.
            ephemeral: Whether the instance is deleted when it stops.
            instance_type: ``container`` or ``virtual-machine``.
            wait: Wait for the creation and return the new :class:`Instance`.
            image: A local image alias or fingerprint (instead of ``source``).
            description: The instance description.
            start: Start the instance once created.
            cloud_instance_type: A cloud instance type to emulate with limits
                (e.g. ``"t2.micro"``; the API's ``instance_type`` field).

        Returns:
            The created :class:`Instance` with ``wait=True``; otherwise the
            server's reply, whose ``.operation`` can be awaited.

        Raises:
            ValueError: If both ``source`` and ``image`` are given.
            IncusBadRequestError: If the name is invalid.
            IncusOperationError: If creation failed (missing image, unknown
                config key, existing name, failed start), with the server's
                message.
        """
        if source is not None and image is not None:
            raise ValueError("give either source= or image=, not both")
        body: dict[str, Any] = {"name": name, "type": instance_type}
        if isinstance(source, InstanceSource):
            body["source"] = source.to_dict(exclude_unset=True)
        elif source is not None:
            body["source"] = dict(source)
        else:
            body["source"] = _image_source(image) if image is not None else {"type": "none"}
        if config is not None:
            body["config"] = config_map(config)
        if devices is not None:
            body["devices"] = {k: dict(v) for k, v in devices.items()}
        if profiles is not None:
            body["profiles"] = list(profiles)
        if ephemeral:
            body["ephemeral"] = True
        if description is not None:
            body["description"] = description
        if start:
            body["start"] = True
        if cloud_instance_type is not None:
            body["instance_type"] = cloud_instance_type
        response = await self._core.request("POST", self._path(), json=body)
        if response.operation is not None:
            response.operation = _CreateOperation(response.operation, self._cleanup_failed_create(name))
        if not wait:
            return response
        await self._finish(response, True)
        return await self.get(name)

    def _cleanup_failed_create(self, name: str) -> Callable[[Operation], Awaitable[None]]:
        async def cleanup(op: Operation) -> None:
            try:
                inst = await self.get(name)
            except IncusNotFoundError:
                return
            # Only an instance this very operation created: a failed create
            # over an existing name must not delete the existing instance.
            created_by_op = (
                inst.created_at is not None
                and op.model.created_at is not None
                and inst.created_at >= op.model.created_at
            )
            if created_by_op:
                await self.delete(name, wait=True, force=True)

        return cleanup

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
            wait: Wait for the copy to finish.

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
        assert isinstance(response, Response)
        return await self._finish(response, wait)

    # -- changing --------------------------------------------------------------

    async def update(self, name: str, config: Mapping[str, Any] | InstancePut, wait: bool = False) -> Response:
        """Change some fields of an instance (``PATCH``).

        Only the fields given change; within ``config`` and ``devices`` the
        server merges the keys given into the existing ones.

        Args:
            name: Name of the instance.
            config: The fields to change, e.g. ``{"config": {"limits.cpu": "1"}}``
                or ``{"description": "web"}`` (an ``InstancePut`` also works).
            wait: Kept from the seed; the server applies a PATCH synchronously.

        Returns:
            Dict[str, Any]: The server's reply.

        Raises:
            ValueError: If ``config`` has keys that are not instance fields.
            IncusBadRequestError: If a key or value is invalid.
        """
        body = writable_body(InstancePut, config, "update")
        response = await self._core.request("PATCH", self._path(name), json=body)
        return await self._finish(response, wait)

    async def replace(
        self,
        name: str,
        config: Mapping[str, Any] | InstancePut,
        *,
        etag: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Replace the writable fields of an instance (``PUT``).

        Fields left out are reset (an omitted ``config`` empties it).

        Args:
            name: Name of the instance.
            config: The new writable fields (``config``, ``devices``,
                ``profiles``, ``description``, ``ephemeral``...).
            etag: The ETag the instance was read with (``inst.etag``): the
                server refuses the write if it changed since.
            wait: Wait for the server's operation.

        Returns:
            The server's reply.

        Raises:
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        body = writable_body(InstancePut, config, "replace")
        response = await self._core.request("PUT", self._path(name), json=body, etag=etag)
        return await self._finish(response, wait)

    async def rename(self, name: str, new_name: str, *, wait: bool = True) -> Response:
        """Rename a stopped instance.

        Args:
            name: Current name.
            new_name: New name.
            wait: Wait for the rename to finish.

        Raises:
            IncusBadRequestError: If the new name is invalid.
            IncusConflictError: If the new name is taken.
            IncusOperationError: If the rename failed (e.g. the instance is
                running: "Renaming of running instance not allowed").
        """
        response = await self._core.request("POST", self._path(name), json={"name": new_name})
        return await self._finish(response, wait)

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
            name: Name of the instance.
            project: The project to move it to.
            pool: The storage pool to move its root disk to.
            new_name: Rename it on the way (default: keep the name).
            instance_only: Leave its snapshots behind.
            wait: Wait for the move to finish.

        Raises:
            ValueError: If neither ``project`` nor ``pool`` is given.
        """
        if project is None and pool is None:
            raise ValueError("move() needs project= and/or pool=")
        body: dict[str, Any] = {"name": new_name or name, "migration": True}
        if project is not None:
            body["project"] = project
        if pool is not None:
            body["pool"] = pool
        if instance_only:
            body["instance_only"] = True
        response = await self._core.request("POST", self._path(name), json=body)
        return await self._finish(response, wait)

    async def rebuild(
        self,
        name: str,
        *,
        image: str | None = None,
        source: Mapping[str, Any] | InstanceSource | None = None,
        wait: bool = True,
    ) -> Response:
        """Rebuild a stopped instance's root disk from an image, or as empty.

        Config, devices and snapshots are kept; the root filesystem is replaced.

        Args:
            name: Name of the instance.
            image: A local image alias or fingerprint.
            source: An ``InstanceSource`` instead of ``image``.
            wait: Wait for the rebuild to finish.

        Raises:
            ValueError: If both ``image`` and ``source`` are given.
        """
        if image is not None and source is not None:
            raise ValueError("give either source= or image=, not both")
        if isinstance(source, InstanceSource):
            src = source.to_dict(exclude_unset=True)
        elif source is not None:
            src = dict(source)
        else:
            src = _image_source(image) if image is not None else {"type": "none"}
        response = await self._core.request("POST", self._path(name, "rebuild"), json={"source": src})
        return await self._finish(response, wait)

    async def delete(self, name: str, wait: bool = False, *, force: bool = False) -> Response:
        """Delete an instance, with its snapshots and backups.

        The server refuses to delete a running instance; ``force=True`` stops
        it first (as ``incus delete --force`` does), waiting for the stop.

        Args:
            name: Name of the instance.
            wait: Wait for the deletion to finish.
            force: Stop the instance first if it is running or frozen.

        Returns:
            Dict[str, Any]: The server's reply.

        Raises:
            IncusNotFoundError: If there is no such instance.
            IncusBadRequestError: If it is running and ``force`` is False.
        """
        if force:
            inst = await self.get(name)
            if inst.status in ("Running", "Frozen"):
                await self.stop(name, force=True, wait=True)
        response = await self._core.request("DELETE", self._path(name))
        return await self._finish(response, wait)

    # -- state -----------------------------------------------------------------

    async def change_state(
        self,
        name: str,
        action: str,
        *,
        force: bool = False,
        stateful: bool = False,
        timeout: int | None = 30,
        wait: bool = False,
    ) -> Response:
        """Change the running state of an instance (``PUT .../state``).

        Args:
            name: Name of the instance.
            action: ``start``, ``stop``, ``restart``, ``freeze`` or ``unfreeze``.
            force: Kill instead of a clean shutdown (stop / restart).
            stateful: Save (stop) or restore (start) the runtime state (needs CRIU).
            timeout: Seconds a clean shutdown may take before the server
                gives up; None for the server's default.
            wait: Wait for the change to finish.

        Returns:
            Dict[str, Any]: The server's reply; ``.operation`` is the change.

        Raises:
            IncusNotFoundError: If there is no such instance.
            IncusOperationError: If the change failed, including one that
                makes no sense now (stopping a stopped instance: "The
                instance is already stopped"), which Incus reports as a
                failed operation; raised only when waiting.
        """
        body: dict[str, Any] = {"action": action, "force": force, "stateful": stateful}
        if timeout is not None:
            body["timeout"] = timeout
        response = await self._core.request("PUT", self._path(name, "state"), json=body)
        return await self._finish(response, wait)

    async def start(self, name: str, stateful: bool = False, wait: bool = False) -> Response:
        """Start an instance.

        Args:
            name: Name of the instance.
            stateful: Restore the state saved by a stateful stop.
            wait: Wait for it to be running.

        Returns:
            Dict[str, Any]: The server's reply.
        """
        return await self.change_state(name, "start", stateful=stateful, wait=wait)

    async def stop(
        self,
        name: str,
        force: bool = False,
        stateful: bool = False,
        wait: bool = False,
        *,
        timeout: int | None = 30,
    ) -> Response:
        """Stop an instance.

        Args:
            name: Name of the instance.
            force: Kill it instead of asking it to shut down.
            stateful: Save its runtime state (needs CRIU).
            wait: Wait for it to be stopped.
            timeout: Seconds a clean shutdown may take.

        Returns:
            Dict[str, Any]: The server's reply.

        Raises:
            IncusOperationError: (when waiting) If it is already stopped.
        """
        return await self.change_state(name, "stop", force=force, stateful=stateful, timeout=timeout, wait=wait)

    async def restart(
        self, name: str, force: bool = False, wait: bool = False, *, timeout: int | None = 30
    ) -> Response:
        """Restart an instance.

        Args:
            name: Name of the instance.
            force: Kill it instead of asking it to shut down.
            wait: Wait for the restart to finish.
            timeout: Seconds a clean shutdown may take.

        Returns:
            Dict[str, Any]: The server's reply.
        """
        return await self.change_state(name, "restart", force=force, timeout=timeout, wait=wait)

    async def freeze(self, name: str, wait: bool = False) -> Response:
        """Freeze (pause) all processes of a running instance.

        Returns:
            Dict[str, Any]: The server's reply.
        """
        return await self.change_state(name, "freeze", wait=wait)

    async def unfreeze(self, name: str, wait: bool = False) -> Response:
        """Thaw a frozen instance.

        Returns:
            Dict[str, Any]: The server's reply.
        """
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
            wait: Wait for the whole batch.

        Returns:
            The server's reply.

        Raises:
            IncusOperationError: If any instance failed (the message lists them).
        """
        state: dict[str, Any] = {"action": action, "force": force, "stateful": stateful}
        if timeout is not None:
            state["timeout"] = timeout
        response = await self._core.request("PUT", self._path(), json={"state": state})
        return await self._finish(response, wait)

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
                name → options for that one (merged over ``options``).
            concurrency: How many creations run at once.
            **options: Arguments of :meth:`create` (``image=``, ``source=``,
                ``config=``, ``profiles=``, ``start=``...).

        Returns:
            BulkResult: name → created :class:`Instance`, or the exception
            that name's creation raised (a failed one leaves nothing behind).
        """
        per_name: Mapping[str, Mapping[str, Any]] = names if isinstance(names, Mapping) else {n: {} for n in names}
        options.pop("wait", None)

        async def create_one(name: str) -> Any:
            return await self.create(name, **{**options, **per_name[name]}, wait=True)

        return await self._bulk(per_name, create_one, concurrency)

    async def start_many(self, names: Iterable[str], *, concurrency: int = DEFAULT_CONCURRENCY) -> BulkResult:
        """Start many instances concurrently.

        Returns:
            BulkResult: name → the server's reply, or the exception.
        """
        return await self._bulk(names, lambda n: self.start(n, wait=True), concurrency)

    async def stop_many(
        self,
        names: Iterable[str],
        *,
        force: bool = False,
        timeout: int | None = 30,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> BulkResult:
        """Stop many instances concurrently.

        Returns:
            BulkResult: name → the server's reply, or the exception.
        """
        return await self._bulk(names, lambda n: self.stop(n, force=force, timeout=timeout, wait=True), concurrency)

    async def restart_many(
        self, names: Iterable[str], *, force: bool = False, concurrency: int = DEFAULT_CONCURRENCY
    ) -> BulkResult:
        """Restart many instances concurrently.

        Returns:
            BulkResult: name → the server's reply, or the exception.
        """
        return await self._bulk(names, lambda n: self.restart(n, force=force, wait=True), concurrency)

    async def delete_many(
        self, names: Iterable[str], *, force: bool = False, concurrency: int = DEFAULT_CONCURRENCY
    ) -> BulkResult:
        """Delete many instances concurrently (``force=True`` stops running ones first).

        Returns:
            BulkResult: name → the server's reply, or the exception.
        """
        return await self._bulk(names, lambda n: self.delete(n, wait=True, force=force), concurrency)

    # -- snapshots ---------------------------------------------------------------

    async def list_snapshots(self, name: str, recursion: int = 1) -> List[InstanceSnapshot]:
        """List the snapshots of an instance.

        Args:
            name: Name of the instance.
            recursion: ``1`` for full snapshots, ``0`` for names only.
        """
        return await self._core.get_models(InstanceSnapshot, self._path(name, "snapshots"), recursion=recursion)

    async def get_snapshot(self, name: str, snapshot: str) -> InstanceSnapshot:
        """Get one snapshot of an instance.

        Raises:
            IncusNotFoundError: If there is no such snapshot.
        """
        return await self._core.get_model(InstanceSnapshot, instance_snapshot_path(name, snapshot))

    async def create_snapshot(
        self,
        name: str,
        snapshot: str | None = None,
        *,
        stateful: bool = False,
        expires_at: datetime | str | None = None,
        wait: bool = True,
    ) -> Response:
        """Take a snapshot of an instance.

        Args:
            name: Name of the instance.
            snapshot: Name of the snapshot (default: the server's pattern, ``snap0``...).
            stateful: Include the runtime state (needs CRIU).
            expires_at: When the server deletes it by itself (a timezone-aware
                datetime or an RFC 3339 string).
            wait: Wait for the snapshot to exist.

        Raises:
            IncusOperationError: If the snapshot failed (e.g. name taken).
        """
        body: dict[str, Any] = {}
        if snapshot is not None:
            body["name"] = check_snapshot_name(snapshot)
        if stateful:
            body["stateful"] = True
        if expires_at is not None:
            body["expires_at"] = _iso(expires_at)
        response = await self._core.request("POST", self._path(name, "snapshots"), json=body)
        return await self._finish(response, wait)

    async def update_snapshot(
        self, name: str, snapshot: str, *, expires_at: datetime | str | None, wait: bool = True
    ) -> Response:
        """Change a snapshot's expiry (its only writable field).

        Args:
            name: Name of the instance.
            snapshot: Name of the snapshot.
            expires_at: The new expiry, or None for never.
            wait: Wait for the change.
        """
        body = {"expires_at": _iso(expires_at) if expires_at is not None else "0001-01-01T00:00:00Z"}
        response = await self._core.request("PUT", instance_snapshot_path(name, snapshot), json=body)
        return await self._finish(response, wait)

    async def rename_snapshot(self, name: str, snapshot: str, new_name: str, *, wait: bool = True) -> Response:
        """Rename a snapshot."""
        response = await self._core.request(
            "POST", instance_snapshot_path(name, snapshot), json={"name": check_snapshot_name(new_name)}
        )
        return await self._finish(response, wait)

    async def restore_snapshot(
        self, name: str, snapshot: str, *, stateful: bool = False, wait: bool = True
    ) -> Response:
        """Restore an instance to a snapshot (its filesystem and config).

        Args:
            name: Name of the instance.
            snapshot: Name of the snapshot.
            stateful: Also restore the runtime state of a stateful snapshot.
            wait: Wait for the restore.
        """
        body = {"restore": check_name(snapshot, "snapshot name"), "stateful": stateful}
        response = await self._core.request("PUT", self._path(name), json=body)
        return await self._finish(response, wait)

    async def delete_snapshot(self, name: str, snapshot: str, *, wait: bool = True) -> Response:
        """Delete a snapshot."""
        response = await self._core.request("DELETE", instance_snapshot_path(name, snapshot))
        return await self._finish(response, wait)

    # -- backups -----------------------------------------------------------------

    async def list_backups(self, name: str, recursion: int = 1) -> List[InstanceBackup]:
        """List the backups of an instance (``recursion=0``: names only)."""
        return await self._core.get_models(InstanceBackup, self._path(name, "backups"), recursion=recursion)

    async def get_backup(self, name: str, backup: str) -> InstanceBackup:
        """Get one backup of an instance.

        Raises:
            IncusNotFoundError: If there is no such backup.
        """
        return await self._core.get_model(InstanceBackup, self._path(name, "backups", backup))

    async def create_backup(
        self,
        name: str,
        backup: str | None = None,
        *,
        expires_at: datetime | str | None = None,
        instance_only: bool = False,
        optimized_storage: bool = False,
        compression_algorithm: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Make a backup of an instance, kept on the server until exported/deleted.

        Args:
            name: Name of the instance.
            backup: Name of the backup (default: the server's, ``backup0``...).
            expires_at: When the server deletes it by itself.
            instance_only: Leave the snapshots out.
            optimized_storage: Use the pool driver's own format (faster, only
                restorable on the same driver).
            compression_algorithm: ``gzip``, ``xz``, ``zstd``, ``none``...
                (default: the server's ``backups.compression_algorithm``).
            wait: Wait for the backup to be made.
        """
        body: dict[str, Any] = {}
        if backup is not None:
            body["name"] = backup
        if expires_at is not None:
            body["expires_at"] = _iso(expires_at)
        if instance_only:
            body["instance_only"] = True
        if optimized_storage:
            body["optimized_storage"] = True
        if compression_algorithm is not None:
            body["compression_algorithm"] = compression_algorithm
        response = await self._core.request("POST", self._path(name, "backups"), json=body)
        return await self._finish(response, wait)

    async def rename_backup(self, name: str, backup: str, new_name: str, *, wait: bool = True) -> Response:
        """Rename a backup."""
        response = await self._core.request("POST", self._path(name, "backups", backup), json={"name": new_name})
        return await self._finish(response, wait)

    async def delete_backup(self, name: str, backup: str, *, wait: bool = True) -> Response:
        """Delete a backup."""
        response = await self._core.request("DELETE", self._path(name, "backups", backup))
        return await self._finish(response, wait)

    async def iter_backup(self, name: str, backup: str, *, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        """Stream a backup file from the server, chunk by chunk.

        Args:
            name: Name of the instance.
            backup: Name of the backup.
            chunk_size: Largest chunk yielded.

        Yields:
            The backup file's bytes (a tarball; compressed as it was made).
        """
        async for chunk in iter_download(
            self._core, self._path(name, "backups", backup, "export"), chunk_size=chunk_size
        ):
            yield chunk

    async def export_backup(
        self,
        name: str,
        backup: str,
        target: str | os.PathLike[str] | IO[bytes],
        *,
        chunk_size: int = CHUNK_SIZE,
    ) -> int:
        """Download a backup into a file, streamed (never whole in memory).

        Args:
            name: Name of the instance.
            backup: Name of the backup.
            target: A path (created or truncated) or a binary file opened for writing.
            chunk_size: Size of the chunks read and written.

        Returns:
            The number of bytes written.

        Raises:
            IncusNotFoundError: If there is no such backup.
        """
        return await download(self._core, self._path(name, "backups", backup, "export"), target, chunk_size=chunk_size)

    async def import_backup(
        self,
        source: BackupSource,
        *,
        name: str | None = None,
        pool: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Create an instance from a backup file, streamed to the server.

        Args:
            source: A path, a binary file object, an async iterator of byte
                chunks, or bytes.
            name: Name of the new instance (default: the name in the backup).
            pool: Storage pool for it (default: the one in the backup).
            wait: Wait for the import to finish.

        Returns:
            The server's reply; ``.operation`` is the import.

        Raises:
            IncusOperationError: If the import failed (e.g. name taken, bad file).
        """
        headers = {}
        if name is not None:
            headers["X-Incus-name"] = name
        if pool is not None:
            headers["X-Incus-pool"] = pool
        return await self._finish(await upload(self._core, self._path(), source, headers), wait)

    # -- logs ----------------------------------------------------------------------

    async def list_logs(self, name: str) -> List[str]:
        """Return the names of an instance's log files (``lxc.log``, ``lxc.conf``...)."""
        return await self._core.get_names(self._path(name, "logs"))

    async def _get_raw(self, path: str, params: Mapping[str, str] | None = None) -> bytes:
        async with self._core.stream("GET", path, params=params) as reply:
            return await reply.read()

    async def get_log(self, name: str, filename: str) -> str:
        """Read one log file of an instance.

        Raises:
            IncusNotFoundError: If there is no such log file.
        """
        raw = await self._get_raw(self._path(name, "logs", filename))
        return raw.decode("utf-8", "replace")

    async def delete_log(self, name: str, filename: str) -> Response:
        """Delete one log file (the server refuses ``lxc.log`` / ``lxc.conf``).

        Raises:
            IncusBadRequestError: If the file may not be deleted.
        """
        return await self._core.request("DELETE", self._path(name, "logs", filename))

    async def list_exec_outputs(self, name: str) -> List[str]:
        """Return the names of the saved outputs of ``record_output`` execs
        (``exec_<id>.stdout`` / ``.stderr``)."""
        return await self._core.get_names(self._path(name, "logs", "exec-output"))

    async def get_exec_output(self, name: str, filename: str) -> bytes:
        """Read one saved exec output (as bytes: commands may print anything).

        Raises:
            IncusNotFoundError: If there is no such file.
        """
        return await self._get_raw(self._path(name, "logs", "exec-output", filename))

    async def delete_exec_output(self, name: str, filename: str) -> Response:
        """Delete one saved exec output."""
        return await self._core.request("DELETE", self._path(name, "logs", "exec-output", filename))

    # -- image metadata and templates ----------------------------------------------

    async def get_metadata(self, name: str) -> InstanceMetadata:
        """Read the instance's image metadata (``metadata.yaml``), with its ETag.

        Returns:
            InstanceMetadata: ``architecture``, ``creation_date``, ``properties``,
            ``templates``; ``etag`` set for :meth:`replace_metadata`.
        """
        return await self._core.get_model(InstanceMetadata, self._path(name, "metadata"))

    async def update_metadata(
        self, name: str, metadata: Mapping[str, Any] | ImageMetadata, *, etag: str | None = None
    ) -> Response:
        """Change some fields of the instance's image metadata (``PATCH``).

        Args:
            name: Name of the instance.
            metadata: The fields to change, e.g. ``{"properties": {...}}``.
            etag: Refuse the change if the metadata changed since read.
        """
        body = metadata.to_dict(exclude_unset=True) if isinstance(metadata, ImageMetadata) else dict(metadata)
        return await self._core.request("PATCH", self._path(name, "metadata"), json=body, etag=etag)

    async def replace_metadata(
        self, name: str, metadata: Mapping[str, Any] | ImageMetadata, *, etag: str | None = None
    ) -> Response:
        """Replace the instance's image metadata (``PUT``).

        Incus 6.0 checks ``If-Match`` on ``PATCH`` but not on ``PUT`` here,
        so with ``etag`` the SDK first reads the metadata and refuses if its
        ETag differs (a change landing between that read and the write can
        still slip through), then sends the ``PUT`` with ``If-Match`` too.

        Args:
            name: Name of the instance.
            metadata: The whole new metadata.
            etag: Refuse the write if the metadata changed since read
                (``(await get_metadata(name)).etag``).

        Raises:
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        path = self._path(name, "metadata")
        if etag is not None and (await self._core.request("GET", path)).etag != etag:
            raise IncusPreconditionFailedError(
                f"metadata of instance {name!r} changed since it was read (ETag mismatch)", method="PUT", url=path
            )
        body = metadata.to_dict() if isinstance(metadata, ImageMetadata) else dict(metadata)
        return await self._core.request("PUT", path, json=body, etag=etag)

    async def list_templates(self, name: str) -> List[str]:
        """Return the names of the instance's template files."""
        names = await self._core.get_metadata(self._path(name, "metadata", "templates"))
        return [str(n) for n in names or []]

    async def get_template(self, name: str, template: str) -> str:
        """Read one template file.

        Raises:
            IncusNotFoundError: If there is no such template.
        """
        raw = await self._get_raw(self._path(name, "metadata", "templates"), {"path": template})
        return raw.decode("utf-8", "replace")

    async def create_template(self, name: str, template: str, content: str | bytes) -> Response:
        """Create or replace a template file.

        The file only takes effect once listed in the metadata's ``templates``
        (see :meth:`update_metadata`).

        Args:
            name: Name of the instance.
            template: Template file name, e.g. ``hostname.tpl``.
            content: The template (pongo2 syntax).
        """
        data = content.encode() if isinstance(content, str) else content
        return await self._core.request(
            "POST",
            self._path(name, "metadata", "templates"),
            params={"path": template},
            data=data,
            headers={"Content-Type": "application/octet-stream"},
        )

    async def delete_template(self, name: str, template: str) -> Response:
        """Delete a template file.

        Raises:
            IncusNotFoundError: If there is no such template.
        """
        return await self._core.request("DELETE", self._path(name, "metadata", "templates"), params={"path": template})

    # -- launching like the incus CLI (logic in _launch.py) ------------------------

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
            name: Name of the instance.
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
        return await _launch.launch(
            self._require_client(),
            name,
            image,
            config=config,
            devices=devices,
            profiles=profiles,
            ephemeral=ephemeral,
            instance_type=instance_type,
            description=description,
            start=start,
            progress=progress,
            config_dir=config_dir,
            keep_on_failure=keep_on_failure,
        )

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
        return await _launch.rebuild_from(
            self._require_client(), name, image, force=force, progress=progress, config_dir=config_dir
        )

    async def wait_ready(
        self,
        name: str,
        *,
        timeout: float = 60,
        interface: str | None = None,
        family: str | None = None,
        command: Sequence[str] | None = None,
        command_timeout: float = 10,
    ) -> InstanceState:
        """Wait until an instance is really usable (as ``incus wait`` and more).

        Ready means: running and its init has processes (for a VM: its agent
        answers); if ``interface`` is given, an address (not link-local) of
        ``family`` on it; if ``command`` is given, the command exits with 0.
        The daemon's lifecycle events wake the wait at once (start, stop...);
        between events the state is checked after growing pauses (0.1 s up to
        2 s), never in a tight loop.

        Args:
            name: Name of the instance.
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
        return await _launch.wait_ready(
            self._require_client(),
            name,
            timeout=timeout,
            interface=interface,
            family=family,
            command=command,
            command_timeout=command_timeout,
        )

    def _require_client(self) -> Client:
        from ..client import Client

        if not isinstance(self.client, Client):
            raise TypeError("this call needs the API to belong to a Client")
        return self.client


__all__ = ["CHUNK_SIZE", "DEFAULT_CONCURRENCY", "BackupSource", "InstancesAPI"]
