"""The Operations API: ``/1.0/operations``.

``client.operations`` reads the server's background operations as
:class:`~incus_sdk.Operation` handles, the same handles writes give in
``response.operation``. Operations are not a collection one creates in:
the server starts them for the requests that run in the background.
"""

from __future__ import annotations

from typing import List

from .._core import Response
from .._paths import api_path
from ..models.operation import OperationModel
from ..operations import Operation, list_operations
from ._base import SubAPI


class OperationsAPI(SubAPI):
    """API client for Incus background operations.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``delete`` mean what they
    mean in every family (see the Conventions page); the key is the
    operation's UUID. ``wait`` and ``cancel`` are the operation's own.
    """

    async def list(self, recursion: int = 1, *, all_projects: bool = False) -> List[Operation]:
        """List the operations of the server (running, and recently finished).

        Args:
            recursion: Kept for the seed's signature; operations are always
                read whole (:meth:`names` gives just their UUIDs).
            all_projects: Include the operations of every project, not only
                the client's.

        Returns:
            A handle per operation.
        """
        return await list_operations(self._core, {"all-projects": all_projects or None})

    async def names(self, *, all_projects: bool = False) -> List[str]:
        """Return the UUIDs of the operations.

        Args:
            all_projects: Include the operations of every project.
        """
        return [op.id for op in await self.list(all_projects=all_projects)]

    async def get(self, operation_id: str) -> Operation:
        """Get an operation by its UUID.

        Args:
            operation_id: The operation UUID.

        Returns:
            Its handle (fields also readable as ``op["status"]``).

        Raises:
            IncusNotFoundError: If there is no such operation (any more).
        """
        return await Operation(self._core, OperationModel(id=operation_id)).refresh()

    async def exists(self, operation_id: str) -> bool:
        """Return whether the server still knows the operation (a 404 is False; other errors raise).

        Args:
            operation_id: The operation UUID.
        """
        return await self._core.exists(api_path("operations", operation_id))

    async def wait(self, operation_id: str, timeout: float | None = 60) -> Operation:
        """Wait for an operation to finish.

        Args:
            operation_id: The operation UUID.
            timeout: Seconds to wait at most (None: no limit).

        Returns:
            The finished operation.

        Raises:
            IncusOperationError: If it failed.
            IncusTimeoutError: If it did not finish in time.
        """
        return await Operation(self._core, OperationModel(id=operation_id)).wait(timeout)

    async def cancel(self, operation_id: str) -> Response:
        """Cancel an operation (``DELETE /1.0/operations/{id}``).

        The server answers at once; the operation then ends as
        ``Cancelled`` (waiting on it raises ``IncusOperationCancelledError``).

        Args:
            operation_id: The operation UUID.

        Returns:
            The server's reply.

        Raises:
            IncusNotFoundError: If there is no such operation.
            IncusAPIError: If it cannot be cancelled (the server answers 400
                "This operation can't be cancelled").
        """
        return await self._core.request("DELETE", api_path("operations", operation_id))

    async def delete(self, operation_id: str) -> Response:
        """Delete an operation: Incus cancels it; the same request, reply and errors as :meth:`cancel`."""
        return await self.cancel(operation_id)


__all__ = ["OperationsAPI"]
