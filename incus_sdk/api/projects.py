"""Projects: ``/1.0/projects``.

``client.projects`` is the seed SDK's Projects API (every name, signature
and return it documented), on the shared collection engine: ``update``
changes only what it is given, ``replace`` resets the rest, both take
``etag=``; writes wait for the server by default.
"""

from __future__ import annotations

from typing import Any, Dict, List

from .._core import Response
from ..models import _spec
from ._collection import Body, Family, NamedResource, RenamableNamedCollection


class Project(NamedResource, _spec.Project):
    """Model representing an Incus project.

    ``update()`` / ``patch()`` / ``replace()`` / ``rename()`` / ``delete()``
    act on it, as the :class:`ProjectsAPI` verbs of the same name.

    Attributes:
        name: The project name.
        description: Its description.
        config: Its configuration (``features.*``, ``limits.*``, ``restricted.*``...).
        used_by: URLs of the objects in or using the project.
    """

    _family = "projects"

    def _projects(self) -> ProjectsAPI:
        return self._resolve(ProjectsAPI)

    async def state(self) -> _spec.ProjectState:
        """Return the project's resource usage and limits, typed."""
        return await self._projects().get_state(self.name)


class ProjectsAPI(RenamableNamedCollection[Project]):
    """API client for Incus projects.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``update`` / ``patch`` /
    ``replace`` / ``rename`` / ``delete`` mean what they mean in every
    family (see the Conventions page); the methods below are the project's
    own or keep the seed SDK's signatures.
    """

    family = Family(("projects",), post=_spec.ProjectsPost, put=_spec.ProjectPut)

    async def list(self, recursion: int = 1, *, filter: str | None = None, all_projects: bool = False) -> List[Project]:
        """List all projects.

        Args:
            recursion: Level of recursion for the response. ``0`` asks only
                for the URLs and gives projects carrying just their ``name``;
                ``1`` (default) gives full projects.
            filter: A server-side filter, e.g. ``"name eq prod"``.
            all_projects: Accepted for symmetry with other collections.

        Returns:
            List[Project]: List of projects.
        """
        return await super().list(recursion, filter=filter, all_projects=all_projects)

    async def get(self, name: str) -> Project:
        """Get a project by name.

        Args:
            name: Name of the project.

        Returns:
            Project: The project, with ``etag`` set for a later safe replace.

        Raises:
            IncusNotFoundError: If there is no such project.
        """
        return await super().get(name)

    async def create(  # type: ignore[override]  # the seed's signature
        self,
        name: str,
        config: Dict[str, Any] | None = None,
        description: str | None = None,
        *,
        wait: bool = True,
    ) -> Response:
        """Create a new project.

        Args:
            name: Name of the project.
            config: Project configuration. An explicit ``{}`` is sent as such.
            description: Description of the project.
            wait: Wait until the server has finished (default).

        Returns:
            Dict[str, Any]: The operation response (the server's reply
            envelope, a :class:`~incus_sdk.Response`).

        Raises:
            IncusConflictError: If a project of that name exists.
            IncusBadRequestError: If the name or a config key is invalid.
        """
        return await self._create((), name, None, {"config": config, "description": description}, wait=wait)

    async def update(self, name: str, config: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Update a project.

        This is a partial update: only the fields given change, and within
        ``config`` only the keys given (a key set to ``None`` is removed).
        Incus 6.0 itself replaces the whole config map on ``PATCH``, so the
        SDK reads the project, merges, and writes it back with ``If-Match``,
        re-reading and retrying if another client changed it in between.
        Concurrent updates of one project through this client (and its
        scoped copies) are serialised.

        Args:
            name: Name of the project.
            config: New configuration, as the project's fields, e.g.
                ``{"config": {"features.networks": "true"}}`` or
                ``{"description": "..."}``.
            etag: If given, apply the change only if the project still has
                this ETag (from :meth:`get`); no retry.
            wait: Wait until the server has finished (default).

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            ValueError: If ``config`` has keys that are not project fields.
            IncusNotFoundError: If there is no such project.
            IncusPreconditionFailedError: If ``etag`` no longer matches, or
                other writers kept winning.
        """
        return await super().update(name, config, etag=etag, wait=wait)

    async def replace(self, name: str, config: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Replace a project configuration.

        Every writable field is replaced: a field left out is reset (an
        omitted ``config`` empties the config).

        Args:
            name: Name of the project.
            config: New configuration: ``{"config": {...}, "description": "..."}``.
            etag: If given, sent as ``If-Match``: the server refuses the write
                if the project changed since it was read.
            wait: Wait until the server has finished (default).

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await super().replace(name, config, etag=etag, wait=wait)

    async def rename(self, name: str, new_name: str, *, wait: bool = True) -> Response:
        """Rename a project.

        The server runs the rename as an operation; by default this waits
        for it, so the project has its new name when the call returns.

        Args:
            name: Current name of the project.
            new_name: New name for the project.
            wait: Wait until the server has finished (default).

        Returns:
            Dict[str, Any]: The operation response (``.operation`` is the
            operation).

        Raises:
            IncusOperationError: If the rename failed.
        """
        return await super().rename(name, new_name, wait=wait)

    async def delete(self, name: str, *, force: bool = False, wait: bool = True) -> Response:
        """Delete a project.

        Args:
            name: Name of the project.
            force: Also delete everything in it (Incus 6.0 was seen acting on
                the default project's profiles this way; prefer deleting the
                contents explicitly).
            wait: Wait until the server has finished (default).

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusNotFoundError: If there is no such project.
            IncusAPIError: If the project is not empty (Incus answers 500
                "Only empty projects can be removed").
        """
        return await self._delete((), name, wait=wait, params={"force": True} if force else None)

    async def state(self, name: str) -> Dict[str, Any]:
        """Get the state of a project.

        Args:
            name: Name of the project.

        Returns:
            Dict[str, Any]: The project state (``{"resources": {...}}``), as
            the server sends it (the seed SDK's return). :meth:`get_state`
            gives it typed.
        """
        state: Dict[str, Any] = await self._core.get_metadata(self._url((), name, "state"))
        return state

    async def get_state(self, name: str) -> _spec.ProjectState:
        """Get the state of a project, typed.

        Args:
            name: Name of the project.

        Returns:
            ProjectState: Usage and limit per resource (``state.resources["cpu"].usage``).
        """
        return await self._core.get_model(_spec.ProjectState, self._url((), name, "state"))

    async def access(self, name: str) -> List[_spec.AccessEntry]:
        """Return who has access to a project (``GET /1.0/projects/{name}/access``).

        Args:
            name: Name of the project.

        Returns:
            The access entries (identity, provider, role).
        """
        return await self._core.get_models(_spec.AccessEntry, self._url((), name, "access"), recursion=None)


__all__ = ["Project", "ProjectsAPI"]
