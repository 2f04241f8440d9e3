"""Generic CRUD over an Incus collection, shared by the families of the same shape.

Most Incus collections speak the same protocol: ``GET`` the collection
(``?recursion=1`` for full objects, ``?filter=`` to narrow it), ``POST`` it to
create, and ``GET`` / ``PUT`` (replace, honouring ``If-Match``) / ``PATCH``
/ ``POST`` (rename) / ``DELETE`` one member. Incus 6.0's ``PATCH`` resets
some fields it is not given, so ``update`` reads, merges and writes back with
``PUT``; ``patch`` sends the server's ``PATCH`` as is. Two flavours:

* :class:`NamedCollectionAPI`: a top-level collection keyed by name
  (``/1.0/network-acls/{name}``, ``/1.0/profiles/{name}``...);
* :class:`ChildCollectionAPI`: a collection inside a parent object
  (``/1.0/networks/{network}/forwards/{listen_address}``,
  ``/1.0/network-zones/{zone}/records/{name}``...).

A family subclasses one of them and sets the models; its own extra endpoints
(an ACL's log, a load balancer's state) are added as ordinary methods.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Generic, List, TypeVar

from .._core import Core, Response
from .._paths import api_path, check_segment
from .._protocol.envelope import model_from_reply
from ..exceptions import IncusPreconditionFailedError, IncusProtocolError
from ..models._base import IncusModel, Resource
from ._base import SubAPI
from ._bodies import field_names, writable_body

M = TypeVar("M", bound=Resource)


#: How often ``update`` re-reads and retries when a concurrent change wins.
_UPDATE_ATTEMPTS = 5


async def merge_update(
    core: Core,
    path: str,
    put_model: type[IncusModel],
    changes: Mapping[str, Any],
    etag: str | None,
    *,
    map_field: str = "config",
    put_path: Callable[[Mapping[str, Any]], str] | None = None,
) -> Response:
    """A partial update done right: read, merge, write back with ``If-Match``.

    Incus 6.0's ``PATCH`` replaces some maps whole (a project's config) and
    resets fields it is not given (ACL rules, descriptions, member roles),
    so every ``update`` that promises "only what is given changes" goes
    through here. Within ``map_field`` only the keys given change (``None``,
    and for ``config`` also ``""``, removes a key); other fields given
    replace the old values. A write that loses to another writer (412) is
    re-read and retried; concurrent updates of one object through one client
    are serialised, since the server's ETag check alone is not atomic.

    Args:
        core: The core to send through.
        path: The object's path.
        put_model: The spec model of its writable fields.
        changes: The validated changes (from :func:`writable_body`).
        etag: If given, apply only if the object still has this ETag; no retry.
        map_field: The map whose keys are merged one by one.
        put_path: Where to ``PUT`` given the object read (default: ``path``).

    Returns:
        The server's reply to the ``PUT``.

    Raises:
        IncusPreconditionFailedError: If ``etag`` no longer matches, or
            other writers kept winning.
    """
    attempts = 1 if etag is not None else _UPDATE_ATTEMPTS
    removed = (None, "") if map_field == "config" else (None,)
    async with core.transport.lock(("update", path)):
        for attempt in range(attempts):
            response = await core.request("GET", path)
            if etag is not None and response.etag != etag:
                raise IncusPreconditionFailedError(
                    "the object changed since it was read (ETag mismatch)", method="PUT", url=path
                )
            current = model_from_reply(put_model, response.metadata, method="GET", url=path).to_dict()
            body = {k: v for k, v in current.items() if k in field_names(put_model)}
            body.update({k: v for k, v in changes.items() if k != map_field})
            if map_field in changes:
                merged = {**(body.get(map_field) or {}), **changes[map_field]}
                body[map_field] = {k: v for k, v in merged.items() if v not in removed}
            try:
                target = put_path(response.metadata or {}) if put_path is not None else path
            except (KeyError, TypeError, ValueError) as exc:
                raise IncusProtocolError(
                    f"the object read lacks what names it: {exc!r}", method="GET", url=path
                ) from exc
            try:
                return await core.request("PUT", target, json=body, etag=response.etag)
            except IncusPreconditionFailedError:
                if attempt + 1 == attempts:
                    raise
    raise AssertionError("unreachable")  # pragma: no cover


class _CollectionBase(SubAPI, Generic[M]):
    """The requests every collection shares; paths are built by the subclasses."""

    #: The full model read back (``get`` / ``list``).
    model: type[M]
    #: The create body (``POST`` on the collection).
    post_model: ClassVar[type[IncusModel]]
    #: The writable fields (``PUT`` body).
    put_model: ClassVar[type[IncusModel]]
    #: The field of :attr:`post_model` that names the new member.
    key_field: ClassVar[str] = "name"
    #: Whether the server honours ``If-Match`` on ``PUT``. Incus 6.0 ignores
    #: it for forwards, load balancers and peers; there the SDK compares the
    #: ETag itself just before writing (a narrow race remains).
    server_checks_etag: ClassVar[bool] = True

    async def _list(self, path: str, recursion: int, params: Mapping[str, Any]) -> List[M]:
        if recursion == 0:
            # A URL listing only: the key is the URL's last segment.
            return [
                self.model.from_dict({self.key_field: key}, client=self.client)
                for key in await self._core.get_names(path, params=params)
            ]
        return await self._core.get_models(self.model, path, recursion=recursion, params=params, client=self.client)

    async def _get(self, path: str) -> M:
        return await self._core.get_model(self.model, path, client=self.client)

    async def _exists(self, path: str) -> bool:
        return await self._core.exists(path)

    async def _create(
        self, path: str, key: str, body: Mapping[str, Any] | IncusModel | None, /, **fields: Any
    ) -> Response:
        payload = writable_body(self.post_model, body, "create", **fields)
        # A name the SDK would refuse in a path later is refused now, not created.
        payload[self.key_field] = check_segment(key)
        return await self._core.request("POST", path, json=payload)

    async def _read_checked(self, path: str, etag: str | None) -> Response:
        """GET the object, raising if ``etag`` is given and no longer matches."""
        response = await self._core.request("GET", path)
        if etag is not None and response.etag != etag:
            raise IncusPreconditionFailedError(
                "the object changed since it was read (ETag mismatch)", method="PUT", url=path
            )
        return response

    async def _replace(self, path: str, config: Mapping[str, Any] | IncusModel, etag: str | None) -> Response:
        body = writable_body(self.put_model, config, "replace")
        if etag is not None and not self.server_checks_etag:
            await self._read_checked(path, etag)
        return await self._core.request("PUT", path, json=body, etag=etag)

    async def _patch(self, path: str, config: Mapping[str, Any] | IncusModel, etag: str | None) -> Response:
        body = writable_body(self.put_model, config, "patch")
        return await self._core.request("PATCH", path, json=body, etag=etag)

    async def _update(self, path: str, config: Mapping[str, Any] | IncusModel, etag: str | None) -> Response:
        changes = writable_body(self.put_model, config, "update")
        return await merge_update(self._core, path, self.put_model, changes, etag)

    async def _delete(self, path: str) -> Response:
        return await self._core.request("DELETE", path)


class NamedCollectionAPI(_CollectionBase[M]):
    """A top-level collection ``/1.0/<family>/{name}``.

    Subclasses set :attr:`family` and the models.
    """

    #: The collection's URL segment (``"network-acls"``).
    family: ClassVar[str]

    def _path(self, *segments: str) -> str:
        return api_path(self.family, *segments)

    async def list(self, recursion: int = 1, *, filter: str | None = None, all_projects: bool = False) -> List[M]:
        """List the collection's members.

        Args:
            recursion: ``1`` (default) for full objects, ``0`` for objects
                carrying only their name (one cheap request).
            filter: A server-side filter, e.g. ``"name eq web"``.
            all_projects: List the members of every project (each carries
                its ``project``).

        Returns:
            The members, in the server's order.
        """
        params = {"filter": filter, "all-projects": True if all_projects else None}
        return await self._list(self._path(), recursion, params)

    async def names(self) -> List[str]:
        """Return the names of the members (``?recursion=0``, one request)."""
        return await self._core.get_names(self._path())

    async def get(self, name: str) -> M:
        """Get one member by name.

        Args:
            name: Its name.

        Returns:
            The object, with ``etag`` set for a later safe ``replace``.

        Raises:
            IncusNotFoundError: If there is no such member.
        """
        return await self._get(self._path(name))

    async def exists(self, name: str) -> bool:
        """Return whether a member of that name exists.

        Args:
            name: Its name.
        """
        return await self._exists(self._path(name))

    async def create(self, name: str, body: Mapping[str, Any] | IncusModel | None = None, /, **fields: Any) -> Response:
        """Create a member.

        Args:
            name: Its name.
            body: The create body's other fields as a mapping, e.g.
                ``{"description": "...", "config": {...}}``, or the spec's
                ``...Post`` model.
            **fields: The same fields as keywords, merged over ``body``
                (``description="...", config={"user.a": "1"}``).

        Returns:
            The server's response.

        Raises:
            ValueError: If a field is not one the server takes.
            IncusConflictError: If the name is taken.
            IncusBadRequestError: If the name or a value is invalid.
        """
        return await self._create(self._path(), name, body, **fields)

    async def update(self, name: str, config: Mapping[str, Any] | IncusModel, *, etag: str | None = None) -> Response:
        """Change some fields, keeping the others.

        Within ``config`` only the keys given change (a key set to ``None``
        or ``""`` is removed); other fields given (rules, ports, entries,
        description) replace the old values; fields not given are kept.
        Incus 6.0's own ``PATCH`` resets some fields left out, so the SDK
        reads the object, merges, and writes it back (``PUT`` with
        ``If-Match``), re-reading and retrying if another client changed it
        in between.

        Args:
            name: The member's name.
            config: The fields to change, e.g. ``{"config": {"user.a": "1"}}``.
            etag: If given, apply the change only if the member still has
                this ETag (from :meth:`get`); no retry.

        Returns:
            The server's response.

        Raises:
            ValueError: If a key is not a writable field.
            IncusPreconditionFailedError: If ``etag`` no longer matches, or
                other writers kept winning.
        """
        return await self._update(self._path(name), config, etag)

    async def patch(self, name: str, config: Mapping[str, Any] | IncusModel, *, etag: str | None = None) -> Response:
        """Send the server's own ``PATCH``, as is.

        Incus 6.0 merges ``config`` (``""`` removes a key) but resets some
        other fields left out (descriptions, ACL rules, record entries);
        :meth:`update` keeps them. Use this where one request matters more.

        Args:
            name: The member's name.
            config: The fields to send.
            etag: If given, sent as ``If-Match``.

        Returns:
            The server's response.
        """
        return await self._patch(self._path(name), config, etag)

    async def replace(self, name: str, config: Mapping[str, Any] | IncusModel, *, etag: str | None = None) -> Response:
        """Replace every writable field (``PUT``); a field left out is reset.

        Args:
            name: The member's name.
            config: The new writable fields.
            etag: If given, sent as ``If-Match``: the server refuses the write
                if the member changed since it was read.

        Returns:
            The server's response.

        Raises:
            ValueError: If a key is not a writable field.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._replace(self._path(name), config, etag)

    async def delete(self, name: str) -> Response:
        """Delete a member.

        Args:
            name: Its name.

        Returns:
            The server's response.

        Raises:
            IncusNotFoundError: If there is no such member.
            IncusBadRequestError: If it is still in use.
        """
        return await self._delete(self._path(name))


class RenamableCollectionAPI(NamedCollectionAPI[M]):
    """A named collection whose members can be renamed (``POST {"name": new}``)."""

    async def rename(self, name: str, new_name: str) -> Response:
        """Rename a member.

        Args:
            name: Its current name.
            new_name: Its new name.

        Returns:
            The server's response (if the server ran the rename as an
            operation, it has finished).

        Raises:
            IncusConflictError: If ``new_name`` is taken.
        """
        path = self._path(name)
        response: Response = await self._core.request("POST", path, json={"name": check_segment(new_name)})
        if response.operation is not None:
            await response.operation.wait()
        return response


class ChildCollectionAPI(_CollectionBase[M]):
    """A collection inside a parent object: ``/1.0/<parent_family>/{parent}/<family>/{key}``.

    ``parent`` is the parent's name (a network, a zone), ``key`` the member's
    key (a listen address, a peer or record name).
    """

    #: The parent collection's URL segment (``"networks"``).
    parent_family: ClassVar[str]
    #: The collection's URL segment under the parent (``"forwards"``).
    family: ClassVar[str]

    def _path(self, parent: str, *segments: str) -> str:
        return api_path(self.parent_family, parent, self.family, *segments)

    async def list(self, parent: str, recursion: int = 1, *, filter: str | None = None) -> List[M]:
        """List the members under a parent.

        Args:
            parent: The parent's name.
            recursion: ``1`` (default) for full objects, ``0`` for objects
                carrying only their key.
            filter: A server-side filter.

        Returns:
            The members.

        Raises:
            IncusNotFoundError: If there is no such parent.
        """
        return await self._list(self._path(parent), recursion, {"filter": filter})

    async def keys(self, parent: str) -> List[str]:
        """Return the keys of the members under a parent (one cheap request)."""
        return await self._core.get_names(self._path(parent))

    async def get(self, parent: str, key: str) -> M:
        """Get one member.

        Args:
            parent: The parent's name.
            key: The member's key.

        Returns:
            The object, with ``etag`` set for a later safe ``replace``.

        Raises:
            IncusNotFoundError: If there is no such parent or member.
        """
        return await self._get(self._path(parent, key))

    async def exists(self, parent: str, key: str) -> bool:
        """Return whether the member exists (False also if the parent does not)."""
        return await self._exists(self._path(parent, key))

    async def create(
        self, parent: str, key: str, body: Mapping[str, Any] | IncusModel | None = None, /, **fields: Any
    ) -> Response:
        """Create a member under a parent.

        Args:
            parent: The parent's name.
            key: The new member's key.
            body: The create body's other fields as a mapping, or the spec's
                ``...Post`` model.
            **fields: The same fields as keywords, merged over ``body``.

        Returns:
            The server's response.

        Raises:
            ValueError: If a field is not one the server takes.
            IncusConflictError: If the key is taken.
            IncusBadRequestError: If a value is invalid or the parent's type
                does not support this kind of member.
        """
        return await self._create(self._path(parent), key, body, **fields)

    async def update(
        self, parent: str, key: str, config: Mapping[str, Any] | IncusModel, *, etag: str | None = None
    ) -> Response:
        """Change some fields of a member, keeping the others (as ``NamedCollectionAPI.update``).

        Args:
            parent: The parent's name.
            key: The member's key.
            config: The fields to change.
            etag: If given, the write is refused unless the ETag still matches.

        Returns:
            The server's response.

        Raises:
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._update(self._path(parent, key), config, etag)

    async def patch(
        self, parent: str, key: str, config: Mapping[str, Any] | IncusModel, *, etag: str | None = None
    ) -> Response:
        """Send the server's own ``PATCH``, as is (see ``NamedCollectionAPI.patch``).

        Args:
            parent: The parent's name.
            key: The member's key.
            config: The fields to send.
            etag: If given, sent as ``If-Match`` (ignored by Incus 6.0 for
                forwards, load balancers and peers).

        Returns:
            The server's response.
        """
        return await self._patch(self._path(parent, key), config, etag)

    async def replace(
        self, parent: str, key: str, config: Mapping[str, Any] | IncusModel, *, etag: str | None = None
    ) -> Response:
        """Replace every writable field of a member (``PUT``).

        Args:
            parent: The parent's name.
            key: The member's key.
            config: The new writable fields.
            etag: If given, sent as ``If-Match``.

        Returns:
            The server's response.

        Raises:
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._replace(self._path(parent, key), config, etag)

    async def delete(self, parent: str, key: str) -> Response:
        """Delete a member.

        Args:
            parent: The parent's name.
            key: The member's key.

        Returns:
            The server's response.
        """
        return await self._delete(self._path(parent, key))


__all__ = ["ChildCollectionAPI", "NamedCollectionAPI", "RenamableCollectionAPI"]
