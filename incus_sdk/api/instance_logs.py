"""An instance's log files: ``client.instances.logs`` (``/1.0/instances/{name}/logs``)
and the saved outputs of recorded execs, ``client.instances.logs.exec_output``
(``.../logs/exec-output``).

Both are directories of files on the daemon, read as text (logs) or bytes
(outputs), listed by name and deleted one by one; nothing in them is
edited.
"""

from __future__ import annotations

from typing import ClassVar, List

from .._core import Core, Params, Response
from .._paths import api_path
from ..exceptions import IncusNotFoundError
from ._base import SubAPI, child


async def read_raw(core: Core, path: str, params: Params = None) -> bytes:
    """Return the body of a ``GET`` that answers with a file instead of an envelope."""
    async with core.stream("GET", path, params=params) as reply:
        return await reply.read()


class _LogFiles(SubAPI):
    """A directory of an instance's files on the daemon: listed by name, read, deleted."""

    #: Where the directory is, below ``/1.0/instances/{name}``.
    segments: ClassVar[tuple[str, ...]]

    def _path(self, name: str, *rest: str) -> str:
        return api_path("instances", name, *self.segments, *rest)

    async def delete(self, name: str, filename: str) -> Response:
        """Delete one file.

        Args:
            name: Name of the instance.
            filename: The file's name.

        Returns:
            The server's reply.

        Raises:
            IncusNotFoundError: If there is no such file.
            IncusAPIError: If the file may not be deleted (the current
                ``lxc.log`` and ``lxc.conf`` are kept).
        """
        return await self._core.request("DELETE", self._path(name, filename))


class InstanceExecOutputAPI(_LogFiles):
    """The saved outputs of ``record_output`` execs (``client.instances.logs.exec_output``).

    An exec run with ``record_output=True`` (see
    :meth:`~incus_sdk.api.instances.InstancesAPI.execute`) leaves its stdout
    and stderr here as ``exec_<id>.stdout`` / ``exec_<id>.stderr``; the
    finished operation's ``metadata["output"]`` names them.
    """

    segments = ("logs", "exec-output")

    async def names(self, name: str) -> List[str]:
        """Return the names of an instance's saved exec outputs.

        Args:
            name: Name of the instance.

        Returns:
            The file names; empty for an instance that never recorded any
            (Incus 6.0 answers 404 until the first one).

        Raises:
            IncusNotFoundError: If there is no such instance.
        """
        try:
            return await self._core.get_names(self._path(name))
        except IncusNotFoundError:
            await self._core.request("GET", api_path("instances", name))  # a missing instance raises
            return []

    async def get(self, name: str, filename: str) -> bytes:
        """Read one saved output (as bytes: commands may print anything).

        Args:
            name: Name of the instance.
            filename: The file's name, e.g. ``exec_<id>.stdout``.

        Returns:
            The output.

        Raises:
            IncusNotFoundError: If there is no such file.
        """
        return await read_raw(self._core, self._path(name, filename))


class InstanceLogsAPI(_LogFiles):
    """An instance's log files (``client.instances.logs``): ``lxc.log``, ``lxc.conf``...

    ``names(instance)`` lists them, ``get(instance, filename)`` reads one,
    ``delete(instance, filename)`` removes one (the server keeps the
    current ``lxc.log`` and ``lxc.conf``). The outputs of recorded execs are
    :attr:`exec_output`.
    """

    segments = ("logs",)

    exec_output = child(InstanceExecOutputAPI)
    """The saved outputs of recorded execs (``.../logs/exec-output``)."""

    async def names(self, name: str) -> List[str]:
        """Return the names of an instance's log files.

        Args:
            name: Name of the instance.

        Returns:
            The names (``lxc.log``, ``lxc.conf``...).

        Raises:
            IncusNotFoundError: If there is no such instance.
        """
        return await self._core.get_names(self._path(name))

    async def get(self, name: str, filename: str) -> str:
        """Read one log file of an instance.

        Args:
            name: Name of the instance.
            filename: The log's name, e.g. ``lxc.log``.

        Returns:
            Its text (undecodable bytes replaced).

        Raises:
            IncusNotFoundError: If there is no such log file.
            IncusBadRequestError: If the name is not one of a log file.
        """
        raw = await read_raw(self._core, self._path(name, filename))
        return raw.decode("utf-8", "replace")


__all__ = ["InstanceExecOutputAPI", "InstanceLogsAPI", "read_raw"]
