"""The Profiles API: ``/1.0/profiles``."""

from __future__ import annotations

from typing import Any, Dict, List

from .._core import Response
from ..models import _spec
from ..models._named import UsedByRef
from ._collection import Family, NamedResource, RenamableNamedCollection


class Profile(NamedResource, _spec.Profile):
    """Model representing an Incus profile.

    Attributes:
        name: The profile name.
        description: Its description.
        config: Instance configuration it applies (``limits.cpu``...).
        devices: Devices it adds (``{"root": {"type": "disk", ...}}``).
        used_by: URLs of the instances (and others) using it; see
            :attr:`used_by_refs`.
        project: Its project.
    """

    _family = "profiles"


class ProfilesAPI(RenamableNamedCollection[Profile]):
    """API client for Incus profiles.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``update`` / ``patch`` /
    ``replace`` / ``rename`` / ``delete`` mean what they mean in every
    family (see the Conventions page): ``update`` changes only what it is
    given (``{"devices": {"eth0": None}}`` removes a device), ``replace``
    resets the rest (both take ``etag=`` for a safe write). In a project
    without ``features.profiles`` the default project's profiles are the
    ones seen.
    """

    family = Family(("profiles",), post=_spec.ProfilesPost, put=_spec.ProfilePut)

    async def create(  # type: ignore[override]  # the seed's signature: config is the profile's config map
        self,
        name: str,
        config: Dict[str, Any] | None = None,
        description: str | None = None,
        devices: Dict[str, Dict[str, Any]] | None = None,
        *,
        wait: bool = True,
    ) -> Response:
        """Create a new profile.

        Args:
            name: Name of the profile.
            config: Profile configuration (instance config keys, e.g.
                ``{"limits.cpu": "1"}``). An explicit ``{}`` is sent as such.
            description: Description of the profile.
            devices: Profile devices, e.g. ``{"eth0": {"type": "nic", ...}}``.
            wait: Wait until the server has finished (default).

        Returns:
            Dict[str, Any]: The operation response (the reply envelope).

        Raises:
            IncusConflictError: If a profile of that name exists.
            IncusBadRequestError: If the name, a config key or a device is invalid.
        """
        fields = {"config": config, "description": description, "devices": devices}
        return await self._create((), name, None, fields, wait=wait)

    async def used_by(self, name: str) -> List[UsedByRef]:
        """Return what uses a profile, as ``(type, name, project)`` references.

        Args:
            name: Name of the profile.

        Returns:
            One :class:`~incus_sdk.models.profile.UsedByRef` per user
            (instances, and in some versions other objects).
        """
        return (await self.get(name)).used_by_refs


__all__ = ["Profile", "ProfilesAPI"]
