"""Project models: ``ProjectPut`` (writable), ``ProjectsPost`` (create),
``ProjectPost`` (rename), ``Project`` (full read) and ``ProjectState``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _spec
from ._base import Resource

if TYPE_CHECKING:
    from .._core import Response

ProjectPut = _spec.ProjectPut
ProjectsPost = _spec.ProjectsPost
ProjectPost = _spec.ProjectPost
ProjectState = _spec.ProjectState
ProjectStateResource = _spec.ProjectStateResource


class Project(Resource, _spec.Project):
    """Model representing an Incus project.

    Attributes:
        name: The project name.
        description: Its description.
        config: Its configuration (``features.*``, ``limits.*``, ``restricted.*``...).
        used_by: URLs of the objects in or using the project.
    """

    async def update(self, config: dict[str, Any]) -> Response:
        """Update the project partially (see :meth:`ProjectsAPI.update`).

        Args:
            config: The fields to change, e.g. ``{"config": {"features.networks": "true"}}``.

        Returns:
            The server's response.
        """
        return await self._api("projects").update(self.name, config)  # type: ignore[no-any-return]

    async def replace(self, config: dict[str, Any] | None = None) -> Response:
        """Replace the project's writable fields, refusing if it changed since read.

        Args:
            config: The new ``config`` / ``description``; by default this
                object's own current values.

        Returns:
            The server's response.
        """
        body = config if config is not None else {"config": self.config, "description": self.description}
        return await self._api("projects").replace(self.name, body, etag=self.etag)  # type: ignore[no-any-return]

    async def delete(self) -> Response:
        """Delete the project.

        Returns:
            The server's response.
        """
        return await self._api("projects").delete(self.name)  # type: ignore[no-any-return]

    async def rename(self, new_name: str) -> Response:
        """Rename the project; this object takes the new name.

        Args:
            new_name: The new name for the project.

        Returns:
            The server's response.
        """
        response = await self._api("projects").rename(self.name, new_name)
        self.name = new_name
        return response  # type: ignore[no-any-return]

    async def state(self) -> ProjectState:
        """Return the project's resource usage and limits, typed."""
        return await self._api("projects").get_state(self.name)  # type: ignore[no-any-return]


__all__ = [
    "Project",
    "ProjectPost",
    "ProjectPut",
    "ProjectState",
    "ProjectStateResource",
    "ProjectsPost",
]
