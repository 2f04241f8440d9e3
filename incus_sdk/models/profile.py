"""Profile models: ``ProfilePut`` (writable), ``ProfilesPost`` (create),
``ProfilePost`` (rename), ``Profile`` (full read), and :class:`UsedByRef`, the
parsed form of the ``used_by`` URLs that profiles, networks and others carry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, NamedTuple, Tuple
from urllib.parse import parse_qs, unquote, urlsplit

from . import _spec
from ._base import Resource

if TYPE_CHECKING:
    from .._core import Response

ProfilePut = _spec.ProfilePut
ProfilesPost = _spec.ProfilesPost
ProfilePost = _spec.ProfilePost


class UsedByRef(NamedTuple):
    """One entry of a ``used_by`` list, parsed.

    ``/1.0/instances/c1?project=p`` gives ``UsedByRef("instances", "c1", "p")``;
    ``/1.0/storage-pools/default/volumes/custom/v1`` gives
    ``UsedByRef("storage-pools", "default", "default", sub=("volumes", "custom", "v1"))``.

    Attributes:
        type: The collection, as in the URL (``instances``, ``profiles``,
            ``networks``, ``storage-pools``...).
        name: The object's name in that collection (unescaped).
        project: Its project (``default`` when the URL names none).
        sub: The path segments below the object (``("snapshots", "s1")``),
            if the user is a sub-object.
        location: The cluster member (``?target=``), if the URL names one.
        url: The URL as the server sent it.
    """

    type: str
    name: str
    project: str
    sub: Tuple[str, ...] = ()
    location: str | None = None
    url: str = ""


def parse_used_by(url: str) -> UsedByRef:
    """Parse one ``used_by`` URL into a :class:`UsedByRef`.

    Args:
        url: E.g. ``/1.0/instances/c1?project=p``.

    Returns:
        The parsed reference.

    Raises:
        ValueError: If the URL is not ``/1.0/<type>/<name>...``.
    """
    parts = urlsplit(url)
    segments = [unquote(s) for s in parts.path.strip("/").split("/")]
    if len(segments) < 3 or segments[0] != "1.0":
        raise ValueError(f"not a used_by URL: {url!r}")
    query = parse_qs(parts.query)
    return UsedByRef(
        type=segments[1],
        name=segments[2],
        project=query.get("project", ["default"])[0],
        sub=tuple(segments[3:]),
        location=query.get("target", [None])[0],
        url=url,
    )


def parse_used_by_list(urls: List[str]) -> List[UsedByRef]:
    """Parse a whole ``used_by`` list (see :func:`parse_used_by`)."""
    return [parse_used_by(url) for url in urls]


class Profile(Resource, _spec.Profile):
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

    @property
    def used_by_refs(self) -> List[UsedByRef]:
        """``used_by`` parsed into ``(type, name, project)`` references."""
        return parse_used_by_list(self.used_by)

    async def update(self, config: dict[str, Any]) -> Response:
        """Update the profile partially (see :meth:`ProfilesAPI.update`).

        Args:
            config: The fields to change, e.g. ``{"config": {"limits.cpu": "1"}}``.

        Returns:
            The server's response.
        """
        return await self._api("profiles").update(self.name, config)  # type: ignore[no-any-return]

    async def replace(self, config: dict[str, Any] | None = None) -> Response:
        """Replace the profile's writable fields, refusing if it changed since read.

        Args:
            config: The new ``config`` / ``description`` / ``devices``; by
                default this object's own current values.

        Returns:
            The server's response.

        Raises:
            IncusPreconditionFailedError: If the profile changed since this
                object was read.
        """
        body = config if config is not None else self.to_dict()
        body = {k: v for k, v in body.items() if k in ProfilePut.model_fields}
        return await self._api("profiles").replace(self.name, body, etag=self.etag)  # type: ignore[no-any-return]

    async def delete(self) -> Response:
        """Delete the profile.

        Returns:
            The server's response.
        """
        return await self._api("profiles").delete(self.name)  # type: ignore[no-any-return]

    async def rename(self, new_name: str) -> Response:
        """Rename the profile; this object takes the new name.

        Args:
            new_name: The new name for the profile.

        Returns:
            The server's response.
        """
        response = await self._api("profiles").rename(self.name, new_name)
        self.name = new_name
        return response  # type: ignore[no-any-return]


__all__ = [
    "Profile",
    "ProfilePost",
    "ProfilePut",
    "ProfilesPost",
    "UsedByRef",
    "parse_used_by",
    "parse_used_by_list",
]
