"""``used_by`` references: the URLs of what uses an object, parsed.

(The verbs bound resources share live with the collection engine, in
``incus_sdk.api._collection``.)
"""

from __future__ import annotations

from typing import List, NamedTuple, Tuple
from urllib.parse import parse_qs, unquote, urlsplit


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


__all__ = ["UsedByRef", "parse_used_by", "parse_used_by_list"]
