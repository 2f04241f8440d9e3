"""The Profiles API: ``/1.0/profiles``."""

from __future__ import annotations

from typing import Any, Dict, List

from .._core import Response
from ..models.profile import Profile, ProfilePut, ProfilesPost, UsedByRef
from ._collection import RenamableCollectionAPI


class ProfilesAPI(RenamableCollectionAPI[Profile]):
    """API client for Incus profiles.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``update`` / ``replace`` /
    ``delete`` / ``rename`` work as for every named collection (see
    :class:`~incus_sdk.api._collection.NamedCollectionAPI`): ``update``
    changes only what it is given, ``replace`` resets the rest (both take
    ``etag=`` for a safe write). In a project without ``features.profiles``
    the default project's profiles are the ones seen.
    """

    family = "profiles"
    model = Profile
    post_model = ProfilesPost
    put_model = ProfilePut

    async def create(  # type: ignore[override]  # the seed's signature: config is the profile's config map
        self,
        name: str,
        config: Dict[str, Any] | None = None,
        description: str | None = None,
        devices: Dict[str, Dict[str, Any]] | None = None,
    ) -> Response:
        """Create a new profile.

        Args:
            name: Name of the profile.
            config: Profile configuration (instance config keys, e.g.
                ``{"limits.cpu": "1"}``). An explicit ``{}`` is sent as such.
            description: Description of the profile.
            devices: Profile devices, e.g. ``{"eth0": {"type": "nic", ...}}``.

        Returns:
            Dict[str, Any]: The operation response (the reply envelope).

        Raises:
            IncusConflictError: If a profile of that name exists.
            IncusBadRequestError: If the name, a config key or a device is invalid.
        """
        return await self._create(self._path(), name, None, config=config, description=description, devices=devices)

    async def used_by(self, name: str) -> List[UsedByRef]:
        """Return what uses a profile, as ``(type, name, project)`` references.

        Args:
            name: Name of the profile.

        Returns:
            One :class:`~incus_sdk.models.profile.UsedByRef` per user
            (instances, and in some versions other objects).
        """
        return (await self.get(name)).used_by_refs
