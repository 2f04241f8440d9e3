"""``used_by`` references: the URLs of what uses an object, parsed.

(The verbs bound resources share live with the collection engine, in
``incus_sdk.api._collection``.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, List, NamedTuple, Tuple
from urllib.parse import parse_qs, unquote, urlsplit

from ._base import IncusModel, Resource

if TYPE_CHECKING:
    from .._core import Response


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


class NamedResource(Resource):
    """A resource with a ``name``, a ``used_by`` list and a sub-API on the client.

    Subclasses set :attr:`_family` (the sub-API's path on the client,
    ``"profiles"`` or ``"networks.acls"``) and :attr:`_put_model` (the
    writable fields, for :meth:`replace`).
    """

    _family: ClassVar[str]
    _put_model: ClassVar[type[IncusModel]]
    if TYPE_CHECKING:
        # Fields of the spec model each subclass also derives from.
        name: str
        used_by: List[str]

    def _sub_api(self) -> Any:
        first, *rest = self._family.split(".")
        api = self._api(first)
        for part in rest:
            api = getattr(api, part, api)
        return api

    @property
    def used_by_refs(self) -> List[UsedByRef]:
        """``used_by`` parsed into ``(type, name, project)`` references."""
        return parse_used_by_list(self.used_by)

    async def update(self, config: dict[str, Any]) -> Response:
        """Change some fields; the others are kept (see the sub-API's ``update``).

        Args:
            config: The fields to change, e.g. ``{"config": {"user.a": "1"}}``.

        Returns:
            The server's response.
        """
        return await self._sub_api().update(self.name, config)  # type: ignore[no-any-return]

    async def replace(self, config: dict[str, Any] | None = None) -> Response:
        """Replace the writable fields, refusing if the object changed since read.

        Args:
            config: The new writable fields; by default this object's own
                current values (edit them, then call ``replace()``).

        Returns:
            The server's response.

        Raises:
            IncusPreconditionFailedError: If the object changed since this
                one was read.
        """
        if config is None:
            fields = {f.alias or n for n, f in self._put_model.model_fields.items()}
            config = {k: v for k, v in self.to_dict().items() if k in fields}
        return await self._sub_api().replace(self.name, config, etag=self.etag)  # type: ignore[no-any-return]

    async def delete(self) -> Response:
        """Delete the object.

        Returns:
            The server's response.
        """
        return await self._sub_api().delete(self.name)  # type: ignore[no-any-return]

    async def rename(self, new_name: str) -> Response:
        """Rename the object; this one takes the new name.

        Args:
            new_name: The new name.

        Returns:
            The server's response.
        """
        response = await self._sub_api().rename(self.name, new_name)
        self.name = new_name
        return response  # type: ignore[no-any-return]


__all__ = ["NamedResource", "UsedByRef", "parse_used_by", "parse_used_by_list"]
