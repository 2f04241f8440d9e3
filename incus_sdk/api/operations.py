"""The Operations API: ``/1.0/operations``."""

from __future__ import annotations

from typing import Any, List

from .._paths import api_path
from ..models.operation import OperationModel
from ..operations import Operation, list_operations
from ._base import SubAPI


class OperationsAPI(SubAPI):
    """API client for Incus background operations."""

    async def list(self, recursion: int = 1, *, all_projects: bool = False) -> List[Operation]:
        """List the operations of the server.

        Args:
            recursion: Kept for compatibility; operations are always read in full.
            all_projects: Include operations of every project.

        Returns:
            Handles for all current operations (running and recently finished).
        """
        return await list_operations(self._core, {"all-projects": all_projects or None})

    async def get(self, operation_id: str) -> Operation:
        """Get an operation by its UUID.

        Args:
            operation_id: The operation UUID.

        Returns:
            Its handle (fields also readable as ``op["status"]``).
        """
        return await Operation(self._core, OperationModel(id=operation_id)).refresh()

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

    async def cancel(self, operation_id: str) -> dict[str, Any]:
        """Cancel an operation (``DELETE /1.0/operations/{id}``).

        Args:
            operation_id: The operation UUID.

        Returns:
            Dict[str, Any]: The operation response.
        """
        return await self._core.request("DELETE", api_path("operations", operation_id))

    async def delete(self, operation_id: str) -> dict[str, Any]:
        """Delete (cancel) an operation; the same request as :meth:`cancel`.

        Args:
            operation_id: The operation UUID.

        Returns:
            Dict[str, Any]: The operation response.
        """
        return await self.cancel(operation_id)
