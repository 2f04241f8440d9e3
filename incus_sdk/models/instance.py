"""Instance models: ``Instance`` (full read, with convenience methods),
``InstanceFull`` (``recursion=2``: with state, snapshots and backups), the
spec's writable/create/rename bodies, state, snapshot and backup models, and
:class:`BulkResult` for the many-instance helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _spec
from ._base import Resource

if TYPE_CHECKING:
    from .._core import Response

InstancePut = _spec.InstancePut
InstancesPost = _spec.InstancesPost
InstancePost = _spec.InstancePost
InstancesPut = _spec.InstancesPut
InstanceSource = _spec.InstanceSource
InstanceRebuildPost = _spec.InstanceRebuildPost
InstanceState = _spec.InstanceState
InstanceStateCPU = _spec.InstanceStateCPU
InstanceStateDisk = _spec.InstanceStateDisk
InstanceStateMemory = _spec.InstanceStateMemory
InstanceStateNetwork = _spec.InstanceStateNetwork
InstanceStateNetworkAddress = _spec.InstanceStateNetworkAddress
InstanceStateNetworkCounters = _spec.InstanceStateNetworkCounters
InstanceStateOSInfo = _spec.InstanceStateOSInfo
InstanceStatePut = _spec.InstanceStatePut
InstanceSnapshot = _spec.InstanceSnapshot
InstanceSnapshotsPost = _spec.InstanceSnapshotsPost
InstanceSnapshotPut = _spec.InstanceSnapshotPut
InstanceSnapshotPost = _spec.InstanceSnapshotPost
InstanceBackup = _spec.InstanceBackup
InstanceBackupsPost = _spec.InstanceBackupsPost
InstanceBackupPost = _spec.InstanceBackupPost
ImageMetadata = _spec.ImageMetadata
ImageMetadataTemplate = _spec.ImageMetadataTemplate


class Instance(Resource, _spec.Instance):
    """Model representing an Incus instance (container or virtual machine).

    Read with ``client.instances.get()`` / ``list()``; its methods act on
    the instance through the client it was read with.

    Attributes:
        name: The instance name.
        status: ``Running``, ``Stopped``, ``Frozen`` or ``Error``.
        type: ``container`` or ``virtual-machine``.
        config: Its own configuration (``expanded_config`` adds the profiles').
        devices: Its own devices (``expanded_devices`` adds the profiles').
        profiles: The profiles applied, in order.
        project: The project it belongs to.
    """

    async def start(self, wait: bool = False) -> Response:
        """Start the instance (see :meth:`InstancesAPI.start`)."""
        return await self._api("instances").start(self.name, wait=wait)  # type: ignore[no-any-return]

    async def stop(self, wait: bool = False, force: bool = False) -> Response:
        """Stop the instance (see :meth:`InstancesAPI.stop`)."""
        return await self._api("instances").stop(self.name, wait=wait, force=force)  # type: ignore[no-any-return]

    async def restart(self, wait: bool = False, force: bool = False) -> Response:
        """Restart the instance (see :meth:`InstancesAPI.restart`)."""
        return await self._api("instances").restart(self.name, wait=wait, force=force)  # type: ignore[no-any-return]

    async def freeze(self, wait: bool = False) -> Response:
        """Freeze the instance's processes (see :meth:`InstancesAPI.freeze`)."""
        return await self._api("instances").freeze(self.name, wait=wait)  # type: ignore[no-any-return]

    async def unfreeze(self, wait: bool = False) -> Response:
        """Thaw a frozen instance (see :meth:`InstancesAPI.unfreeze`)."""
        return await self._api("instances").unfreeze(self.name, wait=wait)  # type: ignore[no-any-return]

    async def delete(self, wait: bool = False, *, force: bool = False) -> Response:
        """Delete the instance (``force=True`` stops it first if running)."""
        return await self._api("instances").delete(self.name, wait=wait, force=force)  # type: ignore[no-any-return]

    async def update(self, config: dict[str, Any], wait: bool = False) -> Response:
        """Change some fields of the instance (see :meth:`InstancesAPI.update`).

        Args:
            config: The fields to change, e.g. ``{"config": {"limits.cpu": "1"}}``.
            wait: Kept for the seed's signature (the change is synchronous).
        """
        return await self._api("instances").update(self.name, config, wait=wait)  # type: ignore[no-any-return]

    async def replace(self, config: dict[str, Any] | None = None, *, wait: bool = True) -> Response:
        """Replace the writable fields, refusing if the instance changed since read.

        Args:
            config: The new writable fields; by default this object's own.
            wait: Wait for the server's operation.

        Raises:
            IncusPreconditionFailedError: If it changed since it was read.
        """
        body = config if config is not None else self.to_put()
        return await self._api("instances").replace(self.name, body, etag=self.etag, wait=wait)  # type: ignore[no-any-return]

    async def rename(self, new_name: str) -> Response:
        """Rename the (stopped) instance; this object takes the new name."""
        response = await self._api("instances").rename(self.name, new_name)
        self.name = new_name
        return response  # type: ignore[no-any-return]

    async def get_state(self) -> InstanceState:
        """Read the runtime state (CPU, memory, disk, network, processes).

        (Named ``get_state`` because :class:`InstanceFull` has a ``state`` field.)
        """
        return await self._api("instances").state(self.name)  # type: ignore[no-any-return]

    async def snapshot(self, name: str | None = None, **kwargs: Any) -> Response:
        """Take a snapshot (see :meth:`InstancesAPI.create_snapshot`)."""
        return await self._api("instances").create_snapshot(self.name, name, **kwargs)  # type: ignore[no-any-return]

    async def execute(
        self,
        command: list[str],
        environment: dict[str, str] | None = None,
        wait_for_websocket: bool = False,
        record_output: bool = False,
        interactive: bool = False,
        width: int | None = None,
        height: int | None = None,
        user: int | None = None,
        group: int | None = None,
        cwd: str | None = None,
        wait: bool = False,
    ) -> Any:
        """Execute a command in the instance (the raw request; see ``InstancesAPI.execute``).

        To capture the output use ``client.instances.exec(name, command)``.

        Returns:
            Dict[str, Any]: The operation response.
        """
        return await self._api("instances").execute(
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


class InstanceMetadata(Resource, _spec.ImageMetadata):
    """An instance's image metadata (its ``metadata.yaml``), read with its ETag.

    Attributes:
        architecture: The architecture.
        creation_date: When the image was made (UNIX time).
        properties: Descriptive properties (``os``, ``release``...).
        templates: File path in the instance → the template rendering it.
    """


class InstanceFull(Instance, _spec.InstanceFull):
    """An instance as listed with ``recursion=2`` (or ``get(name, full=True)``):
    also its ``state``, ``snapshots`` and ``backups``, as read then."""


class BulkResult(dict[str, Any]):
    """What the ``*_many`` helpers return: instance name → result or exception.

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


__all__ = [
    "BulkResult",
    "ImageMetadata",
    "ImageMetadataTemplate",
    "Instance",
    "InstanceBackup",
    "InstanceBackupPost",
    "InstanceBackupsPost",
    "InstanceFull",
    "InstanceMetadata",
    "InstancePost",
    "InstancePut",
    "InstanceRebuildPost",
    "InstanceSnapshot",
    "InstanceSnapshotPost",
    "InstanceSnapshotPut",
    "InstanceSnapshotsPost",
    "InstanceSource",
    "InstanceState",
    "InstanceStateCPU",
    "InstanceStateDisk",
    "InstanceStateMemory",
    "InstanceStateNetwork",
    "InstanceStateNetworkAddress",
    "InstanceStateNetworkCounters",
    "InstanceStateOSInfo",
    "InstanceStatePut",
    "InstancesPost",
    "InstancesPut",
]
