"""The model base classes shared by every resource family.

Models follow the definitions of the Incus REST API spec. Field names are
the JSON names (Incus uses snake_case), unknown fields sent by newer servers
are kept (``extra="allow"``), and every model round-trips through
:meth:`IncusModel.to_dict` / :meth:`IncusModel.from_dict`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Annotated, Any, ClassVar, Tuple, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
)
from pydantic_core import CoreSchema, SchemaValidator, core_schema
from typing_extensions import Self

T = TypeVar("T", bound="IncusModel")
R = TypeVar("R", bound="Resource")
A = TypeVar("A")


class ServerTime(datetime):
    """A timestamp as the server wrote it: a ``datetime`` that keeps the server's text.

    Incus writes nanoseconds (``2026-11-30T07:46:50.370593123Z``), which a
    ``datetime`` cannot hold; the text is kept so that ``to_dict()`` gives
    back exactly what was read.

    Attributes:
        text: The server's text.
    """

    # No ``__dict__``: a listing makes thousands of these, each one object
    # less to allocate and for the garbage collector to scan.
    __slots__ = ("text",)

    text: str

    @classmethod
    def of(cls, value: datetime, text: str) -> ServerTime:
        """The ``datetime`` ``value`` (parsed from ``text``), keeping ``text``."""
        stamp = cls(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
            value.tzinfo,
            fold=value.fold,
        )
        stamp.text = text
        return stamp

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # Copies and pickles keep the text (datetime's own reduce drops it).
        plain = datetime(*self.timetuple()[:6], self.microsecond, self.tzinfo)
        return (ServerTime._restore, (plain, getattr(self, "text", plain.isoformat())))

    @staticmethod
    def _restore(value: datetime, text: str) -> ServerTime:
        return ServerTime.of(value, text)

    def __repr__(self) -> str:
        return f"ServerTime({getattr(self, 'text', self.isoformat())!r})"


#: pydantic's own date-time parser, for what ``datetime.fromisoformat`` refuses.
_PARSE_DATETIME = SchemaValidator(core_schema.datetime_schema())


#: ``ServerTime.fromisoformat``, looked up once: it runs for every date-time read.
_FROM_TEXT = ServerTime.fromisoformat


def _keep_text(value: Any) -> Any:
    # One Python call per date-time, no more: these are in every object
    # (created_at, last_used_at...), and a listing holds thousands.
    try:
        # Python >= 3.11 reads the server's RFC 3339 text, nanoseconds
        # (truncated to microseconds) and "Z" included, straight into a
        # ServerTime (a str is the rule: no isinstance check before).
        stamp = _FROM_TEXT(value)
    except TypeError:  # not a str (a datetime given in Python...)
        return _PARSE_DATETIME.validate_python(value)
    except ValueError:
        stamp = ServerTime.of(_PARSE_DATETIME.validate_python(value), value)
    stamp.text = value
    return stamp


def _as_text(value: datetime) -> str:
    # A ServerTime made by datetime's own methods (``replace()``...) has no text.
    text = getattr(value, "text", None)
    return text if isinstance(text, str) else value.isoformat()


#: The type of every date-time field of the spec's models: parsed by
#: pydantic, serialised back to the server's own text.
Timestamp = Annotated[
    datetime,
    PlainValidator(_keep_text, json_schema_input_type=str),
    PlainSerializer(_as_text, when_used="json"),
]

#: Labels of the two branches a field that reads ``null`` as its default
#: validates through (they appear in pydantic's error locations).
VALUE_BRANCH = "value"
NULL_BRANCH = "null"


#: A schema nothing passes, cheaply: what a null fails to get its default.
_NEVER = core_schema.literal_schema([object()])


def _null_reads_as_default(schema: CoreSchema, default: dict[str, Any]) -> CoreSchema:
    """``schema``, also taking ``null`` for the default (``default``: the ``default`` / ``default_factory`` keys)."""
    if schema["type"] in ("nullable", "any", "none"):
        return schema  # null is a value there
    # Left to right, so a value pays for nothing more; a null fails the
    # value branch, passes the null check and fails _NEVER, which
    # ``on_error="default"`` turns into the default. All of it in
    # pydantic-core: no Python call per field (failing ``schema`` again
    # made one, a ``Mapping`` check of the null, for every object field).
    as_default = core_schema.with_default_schema(_NEVER, on_error="default", **default)
    return core_schema.union_schema(
        [(schema, VALUE_BRANCH), (core_schema.chain_schema([core_schema.none_schema(), as_default]), NULL_BRANCH)],
        mode="left_to_right",
    )


def _nulls_as_defaults(schema: Any) -> Any:
    """Make every field with a default read ``null`` as that default (and typed map values too).

    Go encodes empty maps and slices as ``null``: an Incus object has
    ``"snapshots": null``, an operation ``"resources": {"cluster": null}``.
    """
    if schema["type"] == "definitions":
        schema["schema"] = _nulls_as_defaults(schema["schema"])
        return schema
    if schema["type"] != "model" or schema["schema"]["type"] != "model-fields":
        return schema
    for field in schema["schema"]["fields"].values():
        with_default = field["schema"]
        if with_default["type"] != "default":
            continue
        inner = with_default["schema"]
        if inner["type"] == "dict" and inner.get("values_schema", {}).get("type") in ("list", "dict"):
            factory = list if inner["values_schema"]["type"] == "list" else dict
            inner["values_schema"] = _null_reads_as_default(inner["values_schema"], {"default_factory": factory})
        default = {k: v for k, v in with_default.items() if k in ("default", "default_factory")}
        with_default["schema"] = _null_reads_as_default(inner, default)
    return schema


def _new_list() -> list[Any]:
    """A new empty list: the default factory of the models' list fields, in place of ``list``.

    Building a model's validator, pydantic reads the signature of each
    default factory (does it take the validated data?). A builtin's is
    parsed from its text: ``list``'s costs ~90 µs, and the first one read
    in a process ~1.5 ms more (compiling the tokenizer's expressions); a
    Python function's ~10 µs.
    """
    return []


class IncusModel(BaseModel):
    """Base for every model: spec fields, extras kept, dict round-trip."""

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        arbitrary_types_allowed=True,
        # Built when first validated, not at import: a program pays only for
        # the models it reads (most of the ~200 are never used by one).
        defer_build=True,
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        for info in cls.__pydantic_fields__.values():
            if info.default_factory is list:
                info.default_factory = _new_list

    @classmethod
    def __get_pydantic_core_schema__(cls, source: type[BaseModel], handler: GetCoreSchemaHandler) -> CoreSchema:
        schema: CoreSchema = _nulls_as_defaults(handler(source))
        return schema

    def to_dict(self, *, exclude_unset: bool = False) -> dict[str, Any]:
        """Return the model as the JSON-ready dict the API uses.

        Args:
            exclude_unset: Leave out fields never set (for partial updates).

        Returns:
            The dict, with the API's field names and any unknown fields.
        """
        return self.model_dump(mode="json", by_alias=True, exclude_unset=exclude_unset)

    def _attach(self, api: object, parents: Tuple[str, ...] = (), etag: str | None = None) -> None:
        """Bind an object read from the server to the sub-API it was read through (plain models: nothing)."""

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any], client: Any = None, etag: str | None = None) -> T:
        """Build the model from an API dict.

        Args:
            data: The dict (e.g. an envelope's ``metadata``).
            client: What the model's convenience methods act through (its
                sub-API, or the :class:`~incus_sdk.Client`); ignored by plain
                models.
            etag: The ETag the dict was read with.

        Returns:
            The model.
        """
        return cls.model_validate(data)


class _OneCallPostInit:
    """The post-init of every resource: its private attributes' defaults set in one call.

    pydantic wraps the post-init of every model class with private
    attributes around its parent's: an ``InstanceFull`` read from the
    server made seven Python calls (one per ancestor) for three defaults,
    thousands of times in a listing. :class:`Resource` removes those
    wrappers (:func:`_one_call_post_init`), so this one runs instead: it
    copies the class's dict of defaults, then runs the ``model_post_init``
    written in the class's ancestry, if any (once: a written one that calls
    ``super().model_post_init`` comes back here and stops).
    """

    #: The class's private attributes' defaults (all immutable).
    _private_defaults: ClassVar[dict[str, Any]] = {}
    #: A ``model_post_init`` written in the class or an ancestor.
    _written_post_init: ClassVar[Callable[[Any, Any], None] | None] = None

    def model_post_init(self, context: Any, /) -> None:
        if getattr(self, "__pydantic_private__", None) is None:
            object.__setattr__(self, "__pydantic_private__", type(self)._private_defaults.copy())
            written = type(self)._written_post_init
            if written is not None:
                written(self, context)


class Resource(_OneCallPostInit, IncusModel):
    """A model read from the server, bound to the sub-API that read it.

    The API's ``get`` / ``list`` return resources already bound (to the
    sub-API, the project/target scope and the parents the object lives
    under), so their methods (``instance.start()``, ``snapshot.delete()``)
    act on the same object in the same project. ``Resource(client=..., **fields)``
    builds one by hand, as in the seed SDK: ``client`` is the sub-API (or
    the :class:`~incus_sdk.Client`, from which the family's sub-API is taken).
    """

    #: Where the family's sub-API hangs on a :class:`~incus_sdk.Client`
    #: (``"networks.forwards"``), for resources built by hand with a client.
    _family: ClassVar[str] = ""

    _handle: object = PrivateAttr(default=None)
    _parents: Tuple[str, ...] = PrivateAttr(default=())
    _etag: str | None = PrivateAttr(default=None)

    def __init__(self, client: object = None, **data: Any) -> None:
        super().__init__(**data)
        self._handle = client

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        _one_call_post_init(cls)

    @classmethod
    def bound(
        cls: type[R],
        data: Mapping[str, Any],
        *,
        api: object,
        parents: Tuple[str, ...] = (),
        etag: str | None = None,
    ) -> R:
        """Build the resource from the server's data, bound to the sub-API that read it.

        Args:
            data: The object as the server sent it.
            api: The sub-API its methods act through.
            parents: The keys of the objects it lives under (an instance's
                name for its snapshots), in URL order.
            etag: The ETag it was read with.

        Returns:
            The bound resource.

        Raises:
            IncusProtocolError: If the data does not fit the model.
        """
        model = cls.model_validate(data)
        model._attach(api, parents, etag)
        return model

    def _attach(self, api: object, parents: Tuple[str, ...] = (), etag: str | None = None) -> None:
        # Straight into pydantic's private-attribute dict: a listing binds
        # thousands of objects, and each BaseModel.__setattr__ costs more.
        private = self.__pydantic_private__
        assert private is not None  # pydantic made it: the class has private attributes
        private["_handle"] = api
        private["_parents"] = parents
        private["_etag"] = etag

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any], client: object = None, etag: str | None = None) -> R:
        return cls.bound(data, api=client, etag=etag)

    @property
    def etag(self) -> str | None:
        """The ETag this object was read with (``get`` only), for a safe ``replace``."""
        return self._etag

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        # A deep copy (``model_copy(deep=True)``) copies the data; the sub-API
        # it is bound to (a live connection) is shared, not copied.
        memo = {} if memo is None else memo
        memo[id(self._handle)] = self._handle
        return super().__deepcopy__(memo)

    def _resolve(self, kind: type[A]) -> A:
        """Return the sub-API this resource is bound to, checked to be a ``kind``.

        Raises:
            ValueError: If the resource is not bound (built by hand without
                a client), or bound to something else.
        """
        api = self._handle
        if api is not None and not isinstance(api, kind):
            # A Client (or a seed-style parent API): take the family's sub-API from it.
            for part in self._family.split(".") if self._family else ():
                api = getattr(api, part, None)
        if api is None:
            raise ValueError("No client available")
        if not isinstance(api, kind):
            raise ValueError(f"{type(self).__name__} is bound to {type(api).__name__}, not {kind.__name__}")
        return api

    def __repr__(self) -> str:
        name = getattr(self, "name", None)
        if name is None:
            name = getattr(self, "fingerprint", None)
        return f"<{type(self).__name__}: {name}>" if name is not None else f"<{type(self).__name__}>"


_IMMUTABLE = (type(None), bool, int, float, str, tuple, frozenset)


def _one_call_post_init(cls: type[Resource]) -> None:
    """Set up ``cls`` (a class just made by pydantic) for validation at the least cost per object.

    - Validation builds objects without calling ``__init__`` (which only
      takes the seed's ``client`` argument): told it is not custom, pydantic
      does not call it for every object read (validating each one twice).
      The schema is built when first used (``defer_build``), after this.
    - pydantic's post-init wrapper is removed, so :class:`_OneCallPostInit`'s
      runs, with this class's defaults, and the post-init the class wrote
      (which pydantic had wrapped), or the one it inherits. Defaults that
      are built or mutable keep pydantic's way.
    """
    if cls.__init__ is Resource.__init__:
        cls.__pydantic_custom_init__ = False
    attrs = cls.__private_attributes__
    if any(a.default_factory is not None or not isinstance(a.default, _IMMUTABLE) for a in attrs.values()):
        return
    cls._private_defaults = {name: attr.default for name, attr in attrs.items()}
    wrapper = cls.__dict__.get("model_post_init")
    if wrapper is None:
        return
    written = getattr(wrapper, "__wrapped__", None)
    if written is not None and written is not _OneCallPostInit.model_post_init:
        cls._written_post_init = written
    del cls.model_post_init


_one_call_post_init(Resource)

#: The seed SDK's name for the model base class.
Model = IncusModel

__all__ = ["IncusModel", "Model", "Resource", "ServerTime", "Timestamp"]
