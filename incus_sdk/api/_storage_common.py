"""What the storage sub-APIs share: one generic collection.

Volumes, volume snapshots, volume backups, buckets, bucket keys and bucket
backups all have the same REST shape: a collection (``GET`` to list,
``POST`` to create) and items (``GET``, ``PUT``, ``PATCH``, ``POST`` to
rename/move, ``DELETE``). :class:`Collection` implements that shape once;
the public sub-APIs are thin, documented wrappers that build the collection
path from their arguments.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, List, TypeVar
from urllib.parse import unquote, urlsplit

from .._paths import API_VERSION, api_path
from .._protocol.envelope import model_from_reply
from ..models._base import IncusModel, Resource
from ._bodies import writable_body

if TYPE_CHECKING:
    from .._core import Core, Params, Response

L = TypeVar("L", bound=Resource)


def drop_none(**fields: Any) -> dict[str, Any]:
    """Return the fields that were given (not None), for a request body."""
    return {key: value for key, value in fields.items() if value is not None}


async def finish(response: Response, wait: bool) -> Response:
    """Wait for the operation a reply started, if asked to; return the reply.

    Raises:
        IncusOperationError: If the operation failed.
    """
    if wait and response.operation is not None:
        await response.operation.wait()
    return response


class Collection(Generic[L]):
    """One kind of storage object: ``<base...>/<name>`` under a collection path.

    ``base`` arguments are the collection's path segments, e.g.
    ``("storage-pools", pool, "volumes", "custom")``. Objects read are bound
    to the client and told their ``base`` so their methods work.
    """

    def __init__(self, core: Core, client: Any, model: type[L], writable: type[IncusModel]) -> None:
        self._core = core
        self._client = client
        self._model = model
        self._writable = writable

    def _bind(self, data: dict[str, Any], base: tuple[str, ...], etag: str | None = None) -> L:
        url = self._core.transport.url(api_path(*base))
        item = model_from_reply(self._model, data, method="GET", url=url, client=self._client, etag=etag)
        locate = getattr(item, "_locate", None)
        if locate is not None:
            locate(base)
        return item

    async def list(self, base: tuple[str, ...], *, recursion: int = 1, params: Params = None) -> List[L]:
        """List the collection (``recursion=0`` gives objects holding only names)."""
        items = await self._core.get_metadata(
            api_path(*base), params={**(params or {}), "recursion": recursion}, expect=list
        )
        out = []
        for item in items:
            if isinstance(item, str):
                name, item_base = split_url(item, base)
                out.append(self._bind({"name": name}, item_base))
            else:
                out.append(self._bind(item, base))
        return out

    async def names(self, base: tuple[str, ...], *, params: Params = None) -> List[str]:
        """Return the names in the collection (one cheap request)."""
        urls = await self._core.get_urls(api_path(*base), params=params)
        return [split_url(url, base)[0] for url in urls]

    async def get(self, base: tuple[str, ...], name: str) -> L:
        """Read one object, keeping its ETag."""
        response = await self._core.request("GET", api_path(*base, name))
        return self._bind(response.metadata or {}, base, response.etag)

    async def create(self, base: tuple[str, ...], body: Any, *, wait: bool = True, **kwargs: Any) -> Response:
        """``POST`` to the collection; wait for the operation if there is one."""
        return await finish(await self._core.request("POST", api_path(*base), json=body, **kwargs), wait)

    async def write(
        self,
        method: str,
        base: tuple[str, ...],
        name: str,
        body: Mapping[str, Any] | IncusModel,
        *,
        etag: str | None = None,
        caller: str,
    ) -> Response:
        """``PUT`` / ``PATCH`` an object's writable fields (``If-Match`` with ``etag``)."""
        json = writable_body(self._writable, body, caller)
        return await finish(await self._core.request(method, api_path(*base, name), json=json, etag=etag), True)

    async def post(self, base: tuple[str, ...], name: str, body: Any, *, wait: bool = True) -> Response:
        """``POST`` to an object (rename, move)."""
        return await finish(await self._core.request("POST", api_path(*base, name), json=body), wait)

    async def delete(self, base: tuple[str, ...], name: str, *, wait: bool = True) -> Response:
        """``DELETE`` an object."""
        return await finish(await self._core.request("DELETE", api_path(*base, name)), wait)

    async def exists(self, base: tuple[str, ...], name: str) -> bool:
        """Whether the object exists."""
        return await self._core.exists(api_path(*base, name))


def split_url(url: str, base: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """Split an object's API URL into its name and its collection's segments.

    Volume listings include the volumes' snapshots
    (``.../volumes/custom/v1/snapshots/s1``); those are named ``v1/s1``, as
    the server names them in full listings. ``base`` is the collection
    that was listed.
    """
    if base == ("storage-pools",) or base[-1] == "snapshots":
        # Incus (6.0 and still in 2026) writes the URLs of these two listings
        # without escaping the names, which may hold "?", "#" or "%".
        raw = "/" + API_VERSION + "/" + "/".join(base) + "/"
        if url.startswith(raw) and "/" not in url[len(raw) :]:
            return url[len(raw) :], base
    segments = tuple(unquote(p) for p in urlsplit(url).path.strip("/").split("/")[1:])
    if base[-1] != "snapshots" and len(segments) >= 7 and segments[-2] == "snapshots":
        return f"{segments[-3]}/{segments[-1]}", segments[:-3]
    return segments[-1], segments[:-1]
