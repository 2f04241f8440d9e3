"""The one collection engine: every family of Incus objects is a declaration on it.

An Incus collection speaks one protocol: ``GET`` the collection
(``?recursion=1`` for whole objects, ``0`` for their URLs), ``POST`` it to
create, and ``GET`` / ``PUT`` / ``PATCH`` / ``POST`` (rename) / ``DELETE``
one member. A family declares where it lives and which spec models it
speaks, and inherits the verbs::

    class NetworkForwardsAPI(ChildCollection[NetworkForward]):
        family = Family(("networks", PARENT, "forwards"), post=NetworkForwardsPost, put=NetworkForwardPut)
        key_field = "listen_address"

The model it reads is its type parameter (``NetworkForward``); a nested
sub-API is declared with :class:`~incus_sdk.api._base.child`.

The verbs mean the same in every family (see the Conventions page of the
docs): ``list``, ``names``, ``get``, ``exists``, ``create``, ``update``
(what you pass changes, nothing else does), ``patch`` (the server's own
``PATCH``), ``replace`` (``PUT``, ``etag=`` for a safe write), ``rename``,
``delete``. Every write returns the server's :class:`~incus_sdk.Response`
and takes ``wait`` (default True: when the call returns, the server has
finished; with False, ``response.operation`` is the running operation).

The engine's methods (``_list``, ``_get``, ``_create``...) take the parents'
keys as a tuple, so one implementation serves every depth; the public
shapes below (:class:`NamedCollection`, :class:`ChildCollection`) and
families with extra path parameters (storage volumes) only spell out their
signatures and call them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, List, TypeVar, cast, get_args

import pydantic
from typing_extensions import Self

from .._core import Params, Reply, Response, name_from_url
from .._paths import api_path, check_fingerprint, check_segment
from .._protocol.envelope import MISS, expect_metadata, misfit, model_from_reply
from ..exceptions import IncusPreconditionFailedError
from ..models._base import IncusModel, Resource
from ..models._named import UsedByRef, parse_used_by_list
from ._base import SubAPI
from ._bodies import fields_of, writable_body
from ._compat import deprecated

if TYPE_CHECKING:
    from .._transfer import ProgressCallback, UploadSource

M = TypeVar("M", bound=Resource)

#: In a :attr:`Collection.path`, where the next parent's key goes.
PARENT = "{parent}"

#: How often ``update`` re-reads and retries when a concurrent change wins.
UPDATE_ATTEMPTS = 5

#: What a write takes as a body: a mapping of the model's fields, or the model.
Body = Mapping[str, Any] | IncusModel


@dataclass(frozen=True)
class Family:
    """Where a family lives and the spec models of its write bodies.

    Attributes:
        path: The collection's URL below ``/1.0``, :data:`PARENT` marking
            each parent's key: ``("networks", PARENT, "forwards")``.
        post: The create body (``POST`` on the collection), if the
            family's members are created that way.
        put: The writable fields (``PUT`` / ``PATCH`` body), if its
            members are edited.
    """

    path: tuple[str, ...]
    post: type[IncusModel] | None = None
    put: type[IncusModel] | None = None

    def body(self, verb: str) -> type[IncusModel]:
        """The spec model of the body ``verb`` sends: :attr:`post` for ``create``, else :attr:`put`."""
        model = self.post if verb == "create" else self.put
        if model is None:
            raise TypeError(f"this family has no {verb} body")
        return model


class Collection(SubAPI, Generic[M]):
    """The engine: a family's declaration and the verbs shared by every family.

    Subclasses declare their :attr:`family`; the public verbs come from the
    shapes (:class:`NamedCollection`, :class:`ChildCollection`).
    """

    #: The family's declaration: its URL and write bodies.
    family: ClassVar[Family]
    #: The full model read back by ``get`` / ``list`` (bound to this API):
    #: the class's type parameter unless the class sets it.
    model: type[M]
    #: The field of the create body that names the new member.
    key_field: ClassVar[str] = "name"
    #: Whether the server honours ``If-Match`` on ``PUT``. Incus 6.0 ignores
    #: it for forwards, load balancers, peers and cluster groups: there the
    #: engine compares the ETag itself just before writing (a narrow race
    #: remains, which the server alone could close).
    server_checks_etag: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "model" not in vars(cls):
            # ``class ImagesAPI(FingerprintCollection[Image])`` reads Image.
            for base in vars(cls).get("__orig_bases__", ()):
                (arg, *_) = get_args(base) or (None,)
                if isinstance(arg, type) and issubclass(arg, Resource):
                    cls.model = cast("type[M]", arg)  # M as this subclass binds it
                    break

    # -- paths and binding ---------------------------------------------------

    @staticmethod
    def _check_key(key: str) -> str:
        """Refuse a member's key the daemon would read as another (its names are checked as path segments)."""
        return key

    def _url(self, parents: Sequence[str], *rest: str) -> str:
        """The path of the collection under ``parents``, then ``rest`` (the member's key first)."""
        if rest:
            rest = (self._check_key(rest[0]), *rest[1:])
        keys = iter(parents)
        try:
            segments = [next(keys) if part == PARENT else part for part in self.family.path]
        except StopIteration:
            raise TypeError(f"{type(self).__name__} needs {self.family.path.count(PARENT)} parent key(s)") from None
        if next(keys, None) is not None:
            raise TypeError(f"{type(self).__name__} takes {self.family.path.count(PARENT)} parent key(s)")
        return api_path(*segments, *rest)

    def _bind(self, data: Any, parents: Sequence[str], etag: str | None = None, *, key: str | None = None) -> M:
        """Build a model from the server's data, bound to this API (in the object's own project) and its parents.

        Raises:
            IncusProtocolError: If the data is not an object or does not fit the
                model (naming the object's URL when ``key`` is given, else the
                collection's).
        """
        if not isinstance(data, dict):
            data = expect_metadata(data, dict, method="GET", url=self._read_url(parents, key))
        data = self._complete(data, parents)
        try:
            return self.model.bound(data, api=self._in_project(data.get("project")), parents=tuple(parents), etag=etag)
        except pydantic.ValidationError as exc:
            raise misfit(self.model, exc, data, method="GET", url=self._read_url(parents, key)) from exc

    def _read_url(self, parents: Sequence[str], key: str | None) -> str:
        """The URL an object was read from, for errors (made only then: a listing binds thousands)."""
        return self._core.transport.url(self._url(parents, key) if key is not None else self._url(parents))

    def _complete(self, data: dict[str, Any], parents: Sequence[str]) -> dict[str, Any]:
        """Hook: the server's object with what the family's model needs added (default: as is)."""
        return data

    def _bound(self, value: M, parents: Sequence[str], etag: str | None = None) -> M:
        """Bind a model validated from the server's reply, as :meth:`_bind` does."""
        value._attach(self._in_project(getattr(value, "project", None)), tuple(parents), etag)
        return value

    async def _read(self, path: str, params: Params, *, many: bool) -> tuple[Any, Reply]:
        """GET ``path``: ``(models or MISS, reply)``, as :meth:`~incus_sdk._session.Session.get_validated`."""
        if type(self)._complete is not Collection._complete:
            # The family adds to the server's data before validating it:
            # the general way, from the decoded envelope.
            return MISS, await self._core.send("GET", path, params=params, lazy=True)
        result: tuple[Any, Reply] = await self._core.get_validated(self.model, path, params=params, many=many)
        return result

    def _in_project(self, project: object) -> Self:
        """This sub-API, or a copy scoped to ``project`` sharing the connection.

        An ``all_projects`` listing holds objects of other projects: each is
        bound to a copy in its own project, so that its methods act there.
        """
        if not isinstance(project, str) or not project or project == (self._core.project or "default"):
            return self
        copies: dict[str, Self] = self.__dict__.setdefault("_project_copies", {})
        copy = copies.get(project)
        if copy is None:
            copy = copies[project] = type(self)(self._core.scoped(project=project))
        return copy

    # -- reads -----------------------------------------------------------------

    async def _list(self, parents: Sequence[str], recursion: int = 1, params: Params = None) -> List[M]:
        if recursion == 0:
            # URLs only: each member carries just its key, the URL's last segment.
            return [self._bind({self.key_field: key}, parents) for key in await self._names(parents, params)]
        values, reply = await self._read(self._url(parents), {**(params or {}), "recursion": recursion}, many=True)
        if values is MISS:
            items = expect_metadata(reply.metadata, list, method="GET", url=reply.url)
            return [self._bind(item, parents) for item in items]
        # As _bound for each, with what all share worked out once: a listing
        # binds thousands, nearly all in one project.
        keys = tuple(parents)
        apis: dict[object, object] = {}
        bound: List[M] = values
        for value in bound:
            project = getattr(value, "project", None)
            api = apis.get(project)
            if api is None:
                api = apis[project] = self._in_project(project)
            value._attach(api, keys)
        return bound

    async def _names(self, parents: Sequence[str], params: Params = None) -> List[str]:
        urls = await self._core.get_urls(self._url(parents), params=params)
        return [self._key_from_url(url, parents) for url in urls]

    def _key_from_url(self, url: str, parents: Sequence[str]) -> str:
        """Return a member's key from its URL in a ``recursion=0`` listing.

        A family overrides this where the server writes those URLs its own
        way (Incus 6.0 leaves some names unescaped, and lists volume
        snapshots among the volumes).
        """
        return name_from_url(url)

    async def _get(self, parents: Sequence[str], key: str, params: Params = None) -> M:
        value, reply = await self._read(self._url(parents, key), params, many=False)
        if value is not MISS:
            return self._bound(value, parents, reply.etag)
        return self._bind(reply.metadata, parents, reply.etag, key=key)

    async def _exists(self, parents: Sequence[str], key: str) -> bool:
        return await self._core.exists(self._url(parents, key))

    # -- writes ----------------------------------------------------------------

    async def _create(
        self,
        parents: Sequence[str],
        key: str | None,
        body: Body | None,
        fields: Mapping[str, Any],
        *,
        wait: bool,
        params: Params = None,
    ) -> Response:
        payload = writable_body(self.family.body("create"), body, "create", **fields)
        if key is not None:
            # A name the SDK would refuse in a path later is refused now, not created.
            payload[self.key_field] = check_segment(key)
        response = await self._core.request("POST", self._url(parents), json=payload, params=params)
        return await response.finish(wait)

    async def _post_file(
        self,
        parents: Sequence[str],
        source: UploadSource,
        headers: Mapping[str, str | None],
        *,
        wait: bool,
        progress: ProgressCallback | None,
    ) -> Response:
        """Create a member from a file (a backup, an ISO) streamed to the collection; None headers are left out."""
        sent = {header: value for header, value in headers.items() if value is not None}
        from .._transfer import finish_reporting, upload  # transfers only: not imported for the other calls

        response = await upload(self._core, self._url(parents), source, sent, progress=progress)
        return await finish_reporting(response, wait, progress)

    async def _update(
        self, parents: Sequence[str], key: str, config: Body, *, etag: str | None, wait: bool
    ) -> Response:
        """Read, merge the changes, write back with ``PUT`` and ``If-Match``.

        Incus 6.0's ``PATCH`` replaces some maps whole (a project's config)
        and resets fields it is not given (ACL rules, descriptions, member
        roles), and cannot remove an instance's device: so ``update``, which
        promises "only what you pass changes", never uses it. Within each
        map field (``config``, ``devices``...) only the keys given change
        (``None`` removes one; so does ``""`` in ``config``); other fields
        given replace the old value. A write that loses to another writer
        (412) is re-read and retried; concurrent updates of one object
        through one client are serialised, the server's ETag check alone
        not being atomic.
        """
        path = self._url(parents, key)
        put_model = self.family.body("update")
        body = writable_body(put_model, config, "update")
        attempts = 1 if etag is not None else UPDATE_ATTEMPTS
        async with self._core.transport.lock(("update", path)):
            for attempt in range(attempts):
                current = await self._core.request("GET", path)
                if etag is not None and current.etag != etag:
                    raise IncusPreconditionFailedError(
                        "the object changed since it was read (ETag mismatch)", method="PUT", url=path
                    )
                merged = merge_fields(put_model, current.metadata, body, url=self._core.transport.url(path))
                try:
                    response = await self._core.request("PUT", path, json=merged, etag=current.etag)
                except IncusPreconditionFailedError:
                    if attempt + 1 == attempts:
                        raise
                    continue
                return await response.finish(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _patch(self, parents: Sequence[str], key: str, config: Body, *, etag: str | None, wait: bool) -> Response:
        return await self._write("PATCH", "patch", self._url(parents, key), config, etag=etag, wait=wait)

    async def _replace(self, parents: Sequence[str], key: str, body: Body, *, etag: str | None, wait: bool) -> Response:
        return await self._write("PUT", "replace", self._url(parents, key), body, etag=etag, wait=wait)

    async def _write(self, method: str, verb: str, path: str, body: Body, *, etag: str | None, wait: bool) -> Response:
        """Send the writable fields of ``body`` as they are (``PATCH`` or ``PUT``), guarded by ``etag``."""
        payload = writable_body(self.family.body(verb), body, verb)
        if etag is not None and not self.server_checks_etag:
            await self._check_etag(path, etag)
        response = await self._core.request(method, path, json=payload, etag=etag)
        return await response.finish(wait)

    async def _rename(self, parents: Sequence[str], key: str, new_key: str, *, wait: bool) -> Response:
        body = {self.key_field: check_segment(new_key)}
        response = await self._core.request("POST", self._url(parents, key), json=body)
        return await response.finish(wait)

    async def _delete(self, parents: Sequence[str], key: str, *, wait: bool, params: Params = None) -> Response:
        response = await self._core.request("DELETE", self._url(parents, key), params=params)
        return await response.finish(wait)

    async def _check_etag(self, path: str, etag: str) -> None:
        """Raise unless the object still has ``etag`` (where the server does not check)."""
        current = await self._core.request("GET", path)
        if current.etag != etag:
            raise IncusPreconditionFailedError(
                "the object changed since it was read (ETag mismatch)", method="PUT", url=path
            )


def merge_fields(
    put_model: type[IncusModel], current: Any, changes: Mapping[str, Any], *, url: str | None = None
) -> dict[str, Any]:
    """The writable fields of ``current`` with ``changes`` merged in, as ``update`` sends them.

    Map fields (``config``, ``devices``, ``properties``...) are merged key by
    key: ``None`` removes a key, and so does ``""`` in ``config`` (which
    :func:`~incus_sdk.api._bodies.writable_body` renders ``None`` as). Every
    other field given replaces the current value.

    Args:
        put_model: The spec model of the writable fields.
        current: The object as read (the server's JSON).
        changes: The validated changes (from ``writable_body``).
        url: Where ``current`` was read, for the error message.

    Returns:
        The whole writable body to ``PUT``.

    Raises:
        IncusProtocolError: If ``current`` does not fit the model.
    """
    body = fields_of(put_model, model_from_reply(put_model, current, method="GET", url=url).to_dict())
    for field, value in changes.items():
        old = body.get(field)
        if isinstance(value, Mapping) and isinstance(old, Mapping):
            removed = (None, "") if field == "config" else (None,)
            merged = {**old, **value}
            body[field] = {k: v for k, v in merged.items() if v not in removed}
        else:
            body[field] = value
    return body


class NamedMembers(Collection[M]):
    """The verbs on one member of a top-level collection keyed by name: ``/1.0/<family>/{name}``.

    Every verb takes the member's name first; every write takes ``wait``
    (default True: the call returns when the server has finished; False:
    ``response.operation`` is the running operation). A family listed and
    created the usual way is a :class:`NamedCollection`; one that is not
    (cluster members: no filter, created by joining) declares ``list`` and
    ``names`` itself.
    """

    async def get(self, name: str) -> M:
        """Get one member.

        Returns:
            The object, with ``etag`` set for a later safe ``replace``.

        Raises:
            IncusNotFoundError: If there is no such member.
        """
        return await self._get((), name)

    async def exists(self, name: str) -> bool:
        """Return whether a member of that name exists (a 404 is False; other errors raise)."""
        return await self._exists((), name)

    async def update(self, name: str, config: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Change the fields given, keeping every other (read, merge, ``PUT`` with ``If-Match``).

        Within a map field (``config``, ``devices``...) only the keys given
        change (``None`` removes one, as does ``""`` in ``config``); other
        fields given replace the old value.

        Args:
            config: The fields to change, e.g. ``{"config": {"user.a": "1"}}``.
            etag: Apply the change only if the member still has this ETag
                (from :meth:`get`); no retry then.

        Returns:
            The server's reply to the ``PUT``.

        Raises:
            IncusNotFoundError: If there is no such member.
            ValueError: If a key is not a writable field.
            IncusPreconditionFailedError: If ``etag`` no longer matches, or
                other writers kept winning.
        """
        return await self._update((), name, config, etag=etag, wait=wait)

    async def patch(self, name: str, config: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Send the server's own ``PATCH`` as is (one request).

        Incus 6.0 merges ``config`` but resets some other fields left out
        (descriptions, rules, entries) and replaces some maps whole (a
        project's config); :meth:`update` keeps them.

        Args:
            config: The fields to send.
            etag: Sent as ``If-Match`` (checked by the SDK where the server does not).

        Returns:
            The server's reply.
        """
        return await self._patch((), name, config, etag=etag, wait=wait)

    async def replace(self, name: str, config: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Replace every writable field (``PUT``): a field left out is reset.

        Args:
            config: The new writable fields.
            etag: Refuse the write if the member changed since it was read
                (sent as ``If-Match``).

        Returns:
            The server's reply.

        Raises:
            ValueError: If a key is not a writable field.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._replace((), name, config, etag=etag, wait=wait)

    async def delete(self, name: str, *, wait: bool = True) -> Response:
        """Delete a member.

        Returns:
            The server's reply.

        Raises:
            IncusNotFoundError: If there is no such member.
            IncusAPIError: If it is still in use.
        """
        return await self._delete((), name, wait=wait)


class NamedCollection(NamedMembers[M]):
    """A top-level collection keyed by name: ``/1.0/<family>/{name}``, listed, filtered and created.

    Every verb on one member takes its name first; every write takes
    ``wait`` (default True: the call returns when the server has finished;
    False: ``response.operation`` is the running operation).
    """

    async def list(self, recursion: int = 1, *, filter: str | None = None, all_projects: bool = False) -> List[M]:
        """List the members.

        Args:
            recursion: ``1`` (default) for whole objects, ``0`` for objects
                carrying only their name (one cheap request).
            filter: A server-side filter, e.g. ``"name eq web"``.
            all_projects: List the members of every project (each carries
                its ``project``).

        Returns:
            The members, in the server's order.
        """
        return await self._list((), recursion, {"filter": filter, "all-projects": all_projects or None})

    async def names(self, *, filter: str | None = None) -> List[str]:
        """Return the members' names (one request, ``?recursion=0``).

        Args:
            filter: A server-side filter, e.g. ``"name eq web"``.
        """
        return await self._names((), {"filter": filter})

    async def create(self, name: str, body: Body | None = None, /, *, wait: bool = True, **fields: Any) -> Response:
        """Create a member.

        Args:
            body: The create body's other fields as a mapping, e.g.
                ``{"description": "...", "config": {...}}``, or the spec's
                ``...Post`` model.
            **fields: The same fields as keywords, merged over ``body``.

        Returns:
            The server's reply.

        Raises:
            ValueError: If a field is not one the server takes.
            IncusConflictError: If the name is taken.
            IncusBadRequestError: If the name or a value is invalid.
        """
        return await self._create((), name, body, fields, wait=wait)


class FingerprintCollection(NamedCollection[M]):
    """A family keyed by fingerprint (images, certificates), where a unique prefix of one works too."""

    key_field = "fingerprint"

    @staticmethod
    def _check_key(key: str) -> str:
        # Incus matches fingerprints with an unescaped SQL LIKE: only hex is safe.
        return check_fingerprint(key)


class RenamableNamedMembers(NamedMembers[M]):
    """:class:`NamedMembers` that can be renamed."""

    async def rename(self, name: str, new_name: str, *, wait: bool = True) -> Response:
        """Rename a member.

        Args:
            name: Its current name.
            new_name: Its new name.

        Returns:
            The server's reply.

        Raises:
            IncusConflictError: If ``new_name`` is taken.
        """
        return await self._rename((), name, new_name, wait=wait)


class RenamableNamedCollection(NamedCollection[M], RenamableNamedMembers[M]):
    """A :class:`NamedCollection` whose members can be renamed."""


class ChildCollection(Collection[M]):
    """A collection inside a parent object: ``/1.0/<parents>/{parent}/<family>/{key}``.

    Every verb takes the parent's key first (a network, a zone, an
    instance), then the member's key (a listen address, a record or
    snapshot name); every write takes ``wait`` (default True: the call
    returns when the server has finished; False: ``response.operation`` is
    the running operation).
    """

    async def list(self, parent: str, recursion: int = 1, *, filter: str | None = None) -> List[M]:
        """List the members under a parent.

        Args:
            recursion: ``1`` (default) for whole objects, ``0`` for objects
                carrying only their key.
            filter: A server-side filter (where the server supports one).

        Returns:
            The members.

        Raises:
            IncusNotFoundError: If there is no such parent.
        """
        return await self._list((parent,), recursion, {"filter": filter})

    async def names(self, parent: str) -> List[str]:
        """Return the keys of the members under a parent (one request)."""
        return await self._names((parent,))

    async def get(self, parent: str, key: str) -> M:
        """Get one member.

        Returns:
            The object, with ``etag`` set for a later safe ``replace``.

        Raises:
            IncusNotFoundError: If there is no such parent or member.
        """
        return await self._get((parent,), key)

    async def exists(self, parent: str, key: str) -> bool:
        """Return whether the member exists (False also when the parent does not)."""
        return await self._exists((parent,), key)

    async def create(
        self, parent: str, key: str, body: Body | None = None, /, *, wait: bool = True, **fields: Any
    ) -> Response:
        """Create a member under a parent.

        Args:
            key: The new member's key.
            body: The create body's other fields as a mapping, or the spec's
                ``...Post`` model.
            **fields: The same fields as keywords, merged over ``body``.

        Returns:
            The server's reply.

        Raises:
            ValueError: If a field is not one the server takes.
            IncusConflictError: If the key is taken.
            IncusBadRequestError: If a value is invalid or the parent's type
                does not support this kind of member.
        """
        return await self._create((parent,), key, body, fields, wait=wait)

    async def update(
        self, parent: str, key: str, config: Body, *, etag: str | None = None, wait: bool = True
    ) -> Response:
        """Change the fields given, keeping every other (see :meth:`NamedCollection.update`).

        Args:
            config: The fields to change.
            etag: Apply only if the member still has this ETag; no retry then.

        Returns:
            The server's reply to the ``PUT``.

        Raises:
            IncusNotFoundError: If there is no such parent or member.
            ValueError: If a key is not a writable field.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._update((parent,), key, config, etag=etag, wait=wait)

    async def patch(
        self, parent: str, key: str, config: Body, *, etag: str | None = None, wait: bool = True
    ) -> Response:
        """Send the server's own ``PATCH`` as is (see :meth:`NamedCollection.patch`).

        Args:
            config: The fields to send.
            etag: Sent as ``If-Match`` (checked by the SDK where the server does not).

        Returns:
            The server's reply.
        """
        return await self._patch((parent,), key, config, etag=etag, wait=wait)

    async def replace(
        self, parent: str, key: str, config: Body, *, etag: str | None = None, wait: bool = True
    ) -> Response:
        """Replace every writable field of a member (``PUT``).

        Args:
            config: The new writable fields.
            etag: Refuse the write if the member changed since it was read.

        Returns:
            The server's reply.

        Raises:
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._replace((parent,), key, config, etag=etag, wait=wait)

    async def delete(self, parent: str, key: str, *, wait: bool = True) -> Response:
        """Delete a member.

        Returns:
            The server's reply.

        Raises:
            IncusNotFoundError: If there is no such parent or member.
        """
        return await self._delete((parent,), key, wait=wait)


class KeysAlias(ChildCollection[M]):
    """The 0.1.0 name of ``names(parent)`` on the child collections that had it
    (network forwards, load balancers, peers, zone records)."""

    # -- deprecated aliases (incus_sdk 0.1.0) -----------------------------------

    @deprecated("names(parent)")
    async def keys(self, parent: str) -> List[str]:
        """Return the keys of the members under a parent."""
        return await self.names(parent)


class ListenAddressCollection(KeysAlias[M]):
    """Network forwards and load balancers: keyed by their listen address under a network."""

    key_field = "listen_address"
    server_checks_etag = False  # Incus 6.0 ignores If-Match here


class RenamableChildCollection(ChildCollection[M]):
    """A :class:`ChildCollection` whose members can be renamed."""

    async def rename(self, parent: str, key: str, new_key: str, *, wait: bool = True) -> Response:
        """Rename a member.

        Args:
            key: The member's current key.
            new_key: Its new key.

        Returns:
            The server's reply.

        Raises:
            IncusConflictError: If ``new_key`` is taken.
        """
        return await self._rename((parent,), key, new_key, wait=wait)


class KeyedResource(Resource):
    """A resource read from a :class:`Collection`, known there by its key: ``delete()`` and ``rename()`` act on it.

    Every write takes ``wait`` (default True: the call returns when the
    server has finished; False: ``response.operation`` is the running
    operation).
    """

    def _collection(self) -> Collection[Any]:
        return self._resolve(Collection)

    def _key(self) -> str:
        return str(getattr(self, self._collection().key_field))

    async def delete(self, *, wait: bool = True) -> Response:
        """Delete the object.

        Returns:
            The server's reply.
        """
        return await self._collection()._delete(self._parents, self._key(), wait=wait)

    async def rename(self, new_name: str, *, wait: bool = True) -> Response:
        """Rename the object; this one takes the new name.

        Args:
            new_name: The new name.

        Returns:
            The server's reply.
        """
        collection = self._collection()
        response = await collection._rename(self._parents, self._key(), new_name, wait=wait)
        setattr(self, collection.key_field, new_name)
        return response


class Member(KeyedResource):
    """A resource read from a :class:`Collection`: the verbs every such object shares.

    ``obj.update()``, ``obj.replace()``, ``obj.patch()``, ``obj.delete()``,
    ``obj.rename()`` act on the object itself, through the sub-API that read
    it, in the project and under the parents it was read in. They mean what
    the sub-API's verbs of the same name mean, and take ``wait`` as they do.
    """

    def _writable(self) -> dict[str, Any]:
        """This object's own writable fields, as ``replace()`` sends them by default."""
        return fields_of(self._collection().family.body("replace"), self.to_dict())

    async def update(self, config: Body, *, wait: bool = True) -> Response:
        """Change the fields given, keeping every other (see the sub-API's ``update``).

        Args:
            config: The fields to change, e.g. ``{"config": {"user.a": "1"}}``.

        Returns:
            The server's reply.
        """
        return await self._collection()._update(self._parents, self._key(), config, etag=None, wait=wait)

    async def patch(self, config: Body, *, wait: bool = True) -> Response:
        """Send the server's own ``PATCH`` for this object (see the sub-API's ``patch``).

        Args:
            config: The fields to send.

        Returns:
            The server's reply.
        """
        return await self._collection()._patch(self._parents, self._key(), config, etag=None, wait=wait)

    async def replace(self, config: Body | None = None, *, wait: bool = True) -> Response:
        """Replace the writable fields, refusing if the object changed since it was read.

        The check uses the ETag the object was read with, which only ``get``
        gives: for an object from ``list()`` (no ETag) the write is
        unconditional.

        Args:
            config: The new writable fields; by default this object's own
                current values (change its attributes, then call ``replace()``).

        Returns:
            The server's reply.

        Raises:
            IncusPreconditionFailedError: If the object changed since this
                one was read.
        """
        body = self._writable() if config is None else config
        return await self._collection()._replace(self._parents, self._key(), body, etag=self.etag, wait=wait)


class NamedResource(Member):
    """A :class:`Member` with a ``used_by`` list (profiles, networks, ACLs...)."""

    if TYPE_CHECKING:
        # Fields of the spec model each subclass also derives from.
        used_by: List[str]

    @property
    def used_by_refs(self) -> List[UsedByRef]:
        """``used_by`` parsed into ``(type, name, project)`` references."""
        return parse_used_by_list(self.used_by)


__all__ = [
    "PARENT",
    "Family",
    "Body",
    "Member",
    "NamedResource",
    "ChildCollection",
    "KeysAlias",
    "Collection",
    "NamedCollection",
    "NamedMembers",
    "RenamableChildCollection",
    "RenamableNamedCollection",
    "RenamableNamedMembers",
    "merge_fields",
]
