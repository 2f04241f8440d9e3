"""The Projects API: ``/1.0/projects``."""

from __future__ import annotations

from typing import Any, List, Mapping

from .._paths import api_path
from ..exceptions import IncusNotFoundError, IncusPreconditionFailedError
from ..models._spec import AccessEntry
from ..models.project import Project, ProjectPut, ProjectState
from ._base import SubAPI

#: The writable fields of a project, i.e. what ``update`` / ``replace`` take.
_WRITABLE = frozenset(ProjectPut.model_fields)
#: How often ``update`` re-reads and retries when a concurrent change wins.
_UPDATE_ATTEMPTS = 5


def _writable_body(config: Mapping[str, Any] | ProjectPut, method: str) -> dict[str, Any]:
    """Validate the body of ``update`` / ``replace`` and return it as a dict."""
    body = config.to_dict(exclude_unset=True) if isinstance(config, ProjectPut) else dict(config)
    unknown = set(body) - _WRITABLE
    if unknown:
        raise ValueError(
            f"{method}() takes the project's writable fields {sorted(_WRITABLE)}, "
            f"not {sorted(unknown)}; e.g. {{'config': {{'features.networks': 'true'}}}}"
        )
    if "config" in body and not isinstance(body["config"], Mapping):
        raise ValueError(f"{method}(): 'config' must be a mapping of config keys to values")
    return body


class ProjectsAPI(SubAPI):
    """API client for Incus projects."""

    async def list(self, recursion: int = 1, *, filter: str | None = None) -> List[Project]:
        """List all projects.

        Args:
            recursion: Level of recursion for the response. ``0`` asks only
                for the URLs and gives projects carrying just their ``name``;
                ``1`` (default) gives full projects.
            filter: A server-side filter, e.g. ``"name eq prod"``.

        Returns:
            List[Project]: List of projects.
        """
        return await self._core.get_models(
            Project, api_path("projects"), recursion=recursion, params={"filter": filter}, client=self.client
        )

    async def names(self) -> List[str]:
        """Return the names of all projects (one cheap request)."""
        return await self._core.get_names(api_path("projects"))

    async def get(self, name: str) -> Project:
        """Get a project by name.

        Args:
            name: Name of the project.

        Returns:
            Project: The project, with ``etag`` set for a later safe replace.

        Raises:
            IncusNotFoundError: If there is no such project.
        """
        return await self._core.get_model(Project, api_path("projects", name), client=self.client)

    async def exists(self, name: str) -> bool:
        """Return whether a project of that name exists.

        Args:
            name: Name of the project.
        """
        try:
            await self._core.request("GET", api_path("projects", name))
        except IncusNotFoundError:
            return False
        return True

    async def create(
        self, name: str, config: dict[str, Any] | None = None, description: str | None = None
    ) -> dict[str, Any]:
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
        body: dict[str, Any] = {"name": name}
        if config is not None:
            body["config"] = config
        if description is not None:
            body["description"] = description
        return await self._core.request("POST", api_path("projects"), json=body)

    async def update(self, name: str, config: dict[str, Any], *, etag: str | None = None) -> dict[str, Any]:
        """Update a project.

        This is a partial update: only the fields given change, and within
        ``config`` only the keys given (a key set to ``None`` is removed).
        Incus 6.0 itself replaces the whole config map on ``PATCH``, so the
        SDK reads the project, merges, and writes it back with ``If-Match``,
        re-reading and retrying if another client changed it in between.
        Concurrent updates of one project through this client (and its
        scoped copies) are serialised. Across separate clients the ETag is
        the only guard, and Incus 6.0 checks it outside its write
        transaction: two writes landing at the same instant can both pass.

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
        changes = _writable_body(config, "update")
        attempts = 1 if etag is not None else _UPDATE_ATTEMPTS
        async with self._core.transport.lock(("project", name)):
            for attempt in range(attempts):
                current = await self.get(name)
                if etag is not None and current.etag != etag:
                    raise IncusPreconditionFailedError(
                        f"project {name!r} changed since it was read (ETag mismatch)",
                        method="PUT",
                        url=api_path("projects", name),
                    )
                merged = {**current.config, **changes.get("config", {})}
                body = {
                    "config": {k: v for k, v in merged.items() if v is not None},
                    "description": changes.get("description", current.description),
                }
                try:
                    return await self._core.request("PUT", api_path("projects", name), json=body, etag=current.etag)
                except IncusPreconditionFailedError:
                    if attempt + 1 == attempts:
                        raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def replace(self, name: str, config: dict[str, Any], *, etag: str | None = None) -> dict[str, Any]:
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
        body = _writable_body(config, "replace")
        return await self._core.request("PUT", api_path("projects", name), json=body, etag=etag)

    async def delete(self, name: str, *, force: bool = False) -> dict[str, Any]:
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
            IncusBadRequestError: If the project is not empty.
        """
        params = {"force": True} if force else None
        return await self._core.request("DELETE", api_path("projects", name), params=params)

    async def rename(self, name: str, new_name: str) -> dict[str, Any]:
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
        response = await self._core.request("POST", api_path("projects", name), json={"name": new_name})
        if response.operation is not None:
            await response.operation.wait()
        return response

    async def state(self, name: str) -> dict[str, Any]:
        """Get the state of a project.

        Args:
            name: Name of the project.

        Returns:
            Dict[str, Any]: The project state (``{"resources": {...}}``), as
            the server sends it. :meth:`get_state` gives it typed.
        """
        return await self._core.get_metadata(api_path("projects", name, "state"))  # type: ignore[no-any-return]

    async def get_state(self, name: str) -> ProjectState:
        """Get the state of a project, typed.

        Args:
            name: Name of the project.

        Returns:
            ProjectState: Usage and limit per resource (``state.resources["cpu"].usage``).
        """
        return await self._core.get_model(ProjectState, api_path("projects", name, "state"))

    async def access(self, name: str) -> List[AccessEntry]:
        """Return who has access to a project (``GET /1.0/projects/{name}/access``).

        Args:
            name: Name of the project.

        Returns:
            The access entries (identity, provider, role).
        """
        entries = await self._core.get_metadata(api_path("projects", name, "access"))
        return [AccessEntry.from_dict(entry) for entry in entries or []]
