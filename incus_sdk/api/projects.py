"""The Projects API: ``/1.0/projects``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, List

from .._core import Response
from ..models._base import IncusModel
from ..models._spec import AccessEntry
from ..models.project import Project, ProjectPut, ProjectsPost, ProjectState
from ._collection import RenamableCollectionAPI


class ProjectsAPI(RenamableCollectionAPI[Project]):
    """API client for Incus projects.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``update`` / ``replace`` /
    ``rename`` work as for every named collection (see
    :class:`~incus_sdk.api._collection.NamedCollectionAPI`); the methods
    below are the project's own or keep the seed SDK's signatures.
    """

    family = "projects"
    model = Project
    post_model = ProjectsPost
    put_model = ProjectPut

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
        self, name: str, config: dict[str, Any] | None = None, description: str | None = None
    ) -> Response:
        """Create a new project.

        Args:
            name: Name of the project.
            config: Project configuration. An explicit ``{}`` is sent as such.
            description: Description of the project.

        Returns:
            Dict[str, Any]: The operation response (the server's reply
            envelope, a :class:`~incus_sdk.Response`).

        Raises:
            IncusConflictError: If a project of that name exists.
            IncusBadRequestError: If the name or a config key is invalid.
        """
        return await self._create(self._path(), name, None, config=config, description=description)

    async def update(self, name: str, config: Mapping[str, Any] | IncusModel, *, etag: str | None = None) -> Response:
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

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            ValueError: If ``config`` has keys that are not project fields.
            IncusNotFoundError: If there is no such project.
            IncusPreconditionFailedError: If ``etag`` no longer matches, or
                other writers kept winning.
        """
        return await super().update(name, config, etag=etag)

    async def replace(self, name: str, config: Mapping[str, Any] | IncusModel, *, etag: str | None = None) -> Response:
        """Replace a project configuration.

        Every writable field is replaced: a field left out is reset (an
        omitted ``config`` empties the config).

        Args:
            name: Name of the project.
            config: New configuration: ``{"config": {...}, "description": "..."}``.
            etag: If given, sent as ``If-Match``: the server refuses the write
                if the project changed since it was read.

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await super().replace(name, config, etag=etag)

    async def rename(self, name: str, new_name: str) -> Response:
        """Rename a project.

        The server runs the rename as an operation; this waits for it, so the
        project has its new name when the call returns.

        Args:
            name: Current name of the project.
            new_name: New name for the project.

        Returns:
            Dict[str, Any]: The operation response (``.operation`` is the
            finished operation).

        Raises:
            IncusOperationError: If the rename failed.
        """
        return await super().rename(name, new_name)

    async def delete(self, name: str, *, force: bool = False) -> Response:
        """Delete a project.

        Args:
            name: Name of the project.
            force: Also delete everything in it (Incus 6.0 was seen acting on
                the default project's profiles this way; prefer deleting the
                contents explicitly).

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusNotFoundError: If there is no such project.
            IncusAPIError: If the project is not empty (Incus answers 500
                "Only empty projects can be removed").
        """
        params = {"force": True} if force else None
        return await self._core.request("DELETE", self._path(name), params=params)

    async def state(self, name: str) -> dict[str, Any]:
        """Get the state of a project.

        Args:
            name: Name of the project.

        Returns:
            Dict[str, Any]: The project state (``{"resources": {...}}``), as
            the server sends it. :meth:`get_state` gives it typed.
        """
        return await self._core.get_metadata(self._path(name, "state"))  # type: ignore[no-any-return]

    async def get_state(self, name: str) -> ProjectState:
        """Get the state of a project, typed.

        Args:
            name: Name of the project.

        Returns:
            ProjectState: Usage and limit per resource (``state.resources["cpu"].usage``).
        """
        return await self._core.get_model(ProjectState, self._path(name, "state"))

    async def access(self, name: str) -> List[AccessEntry]:
        """Return who has access to a project (``GET /1.0/projects/{name}/access``).

        Args:
            name: Name of the project.

        Returns:
            The access entries (identity, provider, role).
        """
        return await self._core.get_models(AccessEntry, self._path(name, "access"), recursion=None)
