"""Warning models: ``IncusWarning`` (spec ``Warning``, renamed so as not to
shadow Python's builtin) and ``WarningPut`` (its writable status)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _spec
from ._base import Resource

if TYPE_CHECKING:
    from .._core import Response

WarningPut = _spec.WarningPut

#: The statuses a warning can have; ``resolved`` is set by the server only.
WARNING_STATUSES = ("new", "acknowledged", "resolved")


class IncusWarning(Resource, _spec.Warning):
    """A warning the server raised (``/1.0/warnings/{uuid}``).

    Attributes:
        uuid: Its identifier.
        type: What kind of problem it reports.
        last_message: The latest message.
        status: ``new``, ``acknowledged`` or ``resolved``.
        severity: ``low``, ``moderate`` or ``high``.
        count: How often it occurred.
        project: The project it concerns ("" for the whole server).
        entity_url: The object it concerns, if any.
        location: The cluster member it occurred on (``none`` standalone).
    """

    async def acknowledge(self) -> Response:
        """Mark the warning acknowledged (hidden from ``incus warning list``).

        Returns:
            The server's response.
        """
        response: Response = await self._api_warnings().acknowledge(self.uuid)
        self.status = "acknowledged"
        return response

    async def set_status(self, status: str) -> Response:
        """Set the warning's status (``new`` or ``acknowledged``).

        Returns:
            The server's response.
        """
        response: Response = await self._api_warnings().update(self.uuid, status)
        self.status = status
        return response

    async def delete(self) -> Response:
        """Delete the warning (the server raises it again if the problem recurs).

        Returns:
            The server's response.
        """
        return await self._api_warnings().delete(self.uuid)  # type: ignore[no-any-return]

    def _api_warnings(self) -> Any:
        api = self._api("server")
        return getattr(api, "warnings", api)

    def __repr__(self) -> str:
        return f"<IncusWarning: {self.uuid} {self.type!r} {self.status}>"


__all__ = ["WARNING_STATUSES", "IncusWarning", "WarningPut"]
