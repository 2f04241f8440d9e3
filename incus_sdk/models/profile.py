"""Profile models: ``ProfilePut`` (writable), ``ProfilesPost`` (create),
``ProfilePost`` (rename), ``Profile`` (full read), and :class:`UsedByRef`, the
parsed form of the ``used_by`` URLs that profiles, networks and others carry."""

from __future__ import annotations

from ..api.profiles import Profile
from ._named import UsedByRef, parse_used_by, parse_used_by_list
from ._spec import ProfilePost, ProfilePut, ProfilesPost

__all__ = [
    "Profile",
    "ProfilePost",
    "ProfilePut",
    "ProfilesPost",
    "UsedByRef",
    "parse_used_by",
    "parse_used_by_list",
]
