"""Profile models: ``ProfilePut`` (writable), ``ProfilesPost`` (create),
``ProfilePost`` (rename), ``Profile`` (full read), and :class:`UsedByRef`, the
parsed form of the ``used_by`` URLs that profiles, networks and others carry."""

from __future__ import annotations

from . import _spec
from ._named import NamedResource, UsedByRef, parse_used_by, parse_used_by_list

ProfilePut = _spec.ProfilePut
ProfilesPost = _spec.ProfilesPost
ProfilePost = _spec.ProfilePost


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
    _put_model = ProfilePut


__all__ = [
    "Profile",
    "ProfilePost",
    "ProfilePut",
    "ProfilesPost",
    "UsedByRef",
    "parse_used_by",
    "parse_used_by_list",
]
