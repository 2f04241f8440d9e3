"""Decoding the Incus response envelope, without doing any I/O.

Every ``/1.0`` reply is a JSON object of one of three types::

    {"type": "sync",  "status_code": 200, "metadata": ...}
    {"type": "async", "status_code": 100, "operation": "/1.0/operations/<id>", "metadata": {...}}
    {"type": "error", "error_code": 404, "error": "not found", "metadata": ...}

Whatever a server sends, what leaves this module is an envelope, a model, or
an :class:`~incus_sdk.IncusError`: a reply that does not fit the API is an
:class:`~incus_sdk.IncusProtocolError` naming the request and what was wrong.
"""

from __future__ import annotations

import gc
import json
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import pydantic
from typing_extensions import TypedDict

from ..exceptions import IncusProtocolError, error_from_status
from ..models._base import NULL_BRANCH, VALUE_BRANCH

if TYPE_CHECKING:
    from ..models._base import IncusModel

M = TypeVar("M", bound="IncusModel")

ENVELOPE_TYPES = ("sync", "async", "error")


class _Miss:
    """What :func:`validate_reply` returns for a reply it leaves to the general decoder."""

    def __repr__(self) -> str:
        return "MISS"


#: The reply is not a plain ``sync`` reply of the expected shape.
MISS: Any = _Miss()

_ADAPTERS: dict[tuple[type, bool], pydantic.TypeAdapter[Any]] = {}

#: Replies larger than this are validated with the garbage collector paused.
GC_PAUSE_BYTES = 64 * 1024

#: Objects :func:`_promote` moves past the collector's young generations at
#: most between two of its full collections (then the collector's own way).
PROMOTE_LIMIT = 1_000_000


class _Promoted:
    """What :func:`_promote` has moved since the collector's last full collection."""

    objects = 0
    full_collections = -1


def _promote() -> None:
    """Move the objects just built into the collector's oldest generation, without a collection.

    A large reply builds tens of thousands of objects (each model, its
    ``__dict__``, its set of fields...), all alive and kept by the caller.
    Left in the youngest generation, the next collection scans every one
    of them, and the next again when they age: a listing of 2,000 full
    instances spent a third of its CPU so. ``gc.freeze()`` then
    ``gc.unfreeze()`` moves every tracked object to the oldest generation
    in two list splices. Cyclic garbage made just before goes along and
    waits for the next full collection: at most :data:`PROMOTE_LIMIT`
    objects between two full collections are moved so, after which the
    collector works as it always does. Nothing is done when the program
    froze objects itself (``unfreeze`` would thaw them).
    """
    full = gc.get_stats()[-1]["collections"]
    if full != _Promoted.full_collections:
        _Promoted.full_collections, _Promoted.objects = full, 0
    young = gc.get_count()[0]
    if _Promoted.objects + young > PROMOTE_LIMIT or gc.get_freeze_count():
        return
    _Promoted.objects += young
    gc.freeze()
    gc.unfreeze()


def _reply_adapter(model: type, many: bool) -> pydantic.TypeAdapter[Any]:
    """The validator of a whole ``sync`` reply whose metadata is a ``model`` (or a list of them)."""
    adapter = _ADAPTERS.get((model, many))
    if adapter is None:
        metadata: Any = list[model] | None if many else model  # type: ignore[valid-type]
        shape = TypedDict(f"{model.__name__}Reply", {"type": Literal["sync"], "metadata": metadata})  # type: ignore[misc]  # noqa: UP013
        adapter = _ADAPTERS[(model, many)] = pydantic.TypeAdapter(shape)
    return adapter


def validate_reply(body: bytes, model: type[M], *, many: bool = False) -> Any:
    """Validate a reply body straight into ``model`` (or a list of them), the fast way.

    pydantic-core parses the JSON and builds the models in one pass, with
    no intermediate ``json.loads`` objects. Only a plain ``sync`` reply
    whose metadata fits is taken; anything else (an error or ``async``
    envelope, malformed JSON, metadata that does not fit, a list of URLs,
    ``null`` for one object) gives :data:`MISS`, and the caller decodes the
    reply the general way (:func:`decode_envelope`, :func:`model_from_reply`),
    which raises the same :class:`~incus_sdk.IncusError` as it always did.

    Args:
        body: The raw reply body.
        model: The model class.
        many: Whether the metadata is a list of objects (``null`` reads as empty).

    Returns:
        The model (or the list of models, not yet bound to a client), or :data:`MISS`.
    """
    adapter = _reply_adapter(model, many)
    # Every model built is an object the cyclic garbage collector tracks:
    # building thousands of them triggers collection after collection,
    # each scanning the whole heap, which doubled the cost of a large
    # listing. None of them can be garbage yet: the collector waits until
    # they are built, and they skip its young generations (:func:`_promote`).
    pause = len(body) > GC_PAUSE_BYTES and gc.isenabled()
    if pause:
        gc.disable()
    try:
        metadata = adapter.validate_json(body)["metadata"]
    except pydantic.ValidationError:
        return MISS
    finally:
        if pause:
            _promote()
            gc.enable()
    return [] if metadata is None else metadata


def decode_envelope(
    http_status: int,
    body: bytes,
    *,
    method: str | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """Decode a reply body into its envelope, raising for errors.

    Args:
        http_status: The HTTP status of the reply.
        body: The raw reply body.
        method: The request method, for error messages.
        url: The request URL, for error messages.

    Returns:
        The envelope of a ``sync`` or ``async`` reply.

    Raises:
        IncusAPIError: (or a subclass) if the reply is an error envelope or
            an HTTP error.
        IncusProtocolError: If it is not a valid envelope at all.
    """
    try:
        envelope = json.loads(body) if body else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        envelope = None
    if not isinstance(envelope, dict) or envelope.get("type") not in ENVELOPE_TYPES:
        text = body[:200].decode("utf-8", "replace").strip()
        if http_status >= 400:
            raise error_from_status(http_status, text or f"HTTP {http_status}", text, method=method, url=url)
        raise IncusProtocolError(
            f"malformed reply from server (HTTP {http_status}): {text!r}",
            http_status,
            text,
            method=method,
            url=url,
        )
    raise_for_envelope(envelope, http_status, method=method, url=url)
    return envelope


def raise_for_envelope(
    envelope: dict[str, Any],
    http_status: int,
    *,
    method: str | None = None,
    url: str | None = None,
) -> None:
    """Raise the matching error if an envelope (or its HTTP status) is an error.

    Args:
        envelope: A decoded envelope.
        http_status: The HTTP status it came with.
        method: The request method, for error messages.
        url: The request URL, for error messages.

    Raises:
        IncusAPIError: (or a subclass) for error replies.
        IncusProtocolError: For an error envelope whose ``error_code`` is
            not an integer.
    """
    if envelope.get("type") == "error" or http_status >= 400:
        code = envelope.get("error_code") or http_status
        if isinstance(code, bool) or not isinstance(code, int):
            raise IncusProtocolError(
                f"error reply with a non-integer error_code {code!r}: {str(envelope.get('error'))[:200]!r}",
                http_status,
                envelope,
                method=method,
                url=url,
            )
        message = envelope.get("error") or f"HTTP {http_status}"
        raise error_from_status(code, str(message), envelope, method=method, url=url)


def expect_metadata(metadata: Any, kind: type, *, method: str | None, url: str | None) -> Any:
    """Check that a reply's metadata is a JSON array (``list``) or object (``dict``).

    ``null`` reads as an empty one (Go encodes empty slices and maps so).

    Returns:
        The metadata, or an empty ``kind`` for ``null``.

    Raises:
        IncusProtocolError: If it is of another type.
    """
    if metadata is None:
        return kind()
    if not isinstance(metadata, kind):
        expected = "a list" if kind is list else "an object" if kind is dict else kind.__name__
        raise IncusProtocolError(
            f"expected {expected} as metadata, got {type(metadata).__name__} {str(metadata)[:80]!r}",
            method=method,
            url=url,
        )
    return metadata


def model_from_reply(
    model: type[M],
    data: Any,
    *,
    method: str | None = None,
    url: str | None = None,
    client: Any = None,
    etag: str | None = None,
) -> M:
    """Validate part of a reply into a model.

    Args:
        model: The model class.
        data: The JSON object (``null`` reads as ``{}``).
        method: The request method, for the error message.
        url: The request URL, for the error message.
        client: What the model's convenience methods act through.
        etag: The ETag the object was read with.

    Returns:
        The model.

    Raises:
        IncusProtocolError: If ``data`` is not an object or does not fit the model.
    """
    data = expect_metadata(data, dict, method=method, url=url)
    try:
        return model.from_dict(data, client=client, etag=etag)
    except pydantic.ValidationError as exc:
        raise misfit(model, exc, data, method=method, url=url) from exc


def misfit(
    model: type, exc: pydantic.ValidationError, data: Any, *, method: str | None, url: str | None
) -> IncusProtocolError:
    """The :class:`IncusProtocolError` for a reply that does not fit ``model`` (raise it ``from exc``)."""
    # A field that reads null as its default fails in two branches (the
    # value, and the null check): report the value's error alone.
    errors = [err for err in exc.errors() if NULL_BRANCH not in err["loc"]] or exc.errors()
    problems = "; ".join(
        f"{'.'.join(str(p) for p in err['loc'] if p != VALUE_BRANCH) or '(object)'}: {err['msg']}" for err in errors[:5]
    )
    return IncusProtocolError(
        f"the reply does not fit {model.__name__}: {problems}", None, data, method=method, url=url
    )
