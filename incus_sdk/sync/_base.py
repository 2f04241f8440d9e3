"""What the generated sync twins are built on.

Every public class of the async API with something to await gets a sync
twin (``_generated.py``, written by ``scripts/gen_sync.py``), of one of
four kinds:

* **resources** (:class:`SyncResource`): a bound model such as ``Instance``
  is data first; its twin *is* the async model (a subclass of it, with the
  same fields and validators) whose awaitable methods are replaced by
  blocking ones that run the async method on the same object. A model read
  by the async API is turned into its twin by changing its class, so
  nothing is copied and edits before ``replace()`` are the object's own;
* **sub-APIs** (:class:`SyncAPI`): ``client.projects`` and the like hold
  their async twin and forward each call;
* **roots** (:class:`RootTwin`): what owns connections (the client, an
  image server): made by the user, they make the :class:`Runner` that they,
  their scoped copies and everything they hand out share, and close it;
* **everything else** (:class:`Twin`): operations, replies
  (:class:`DictTwin`, still a ``dict``), streams; they hold their async
  twin and forward calls, attributes and properties.

The :class:`Runner` runs the coroutines on the portal
(:mod:`incus_sdk.sync._portal`) and knows whether its root is closed.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import threading
import weakref
from collections.abc import AsyncIterable, AsyncIterator, Callable, Coroutine, Iterable, Iterator
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from types import TracebackType
from typing import Any, ClassVar, Dict, Generic, ParamSpec, Tuple, TypeVar, cast

from pydantic import PrivateAttr
from typing_extensions import Self

from ..client import Client as AsyncClient
from ..models._base import Resource
from ._portal import PORTAL, ClosedError, Portal, _step

T = TypeVar("T")
A = TypeVar("A")
P = ParamSpec("P")
R = TypeVar("R")

#: Async class -> its sync twin; filled by the generated module.
TWINS: Dict[type, type] = {}
_FOUND: Dict[type, type | None] = {}
_PLAIN = (str, int, float, bool, bytes, type(None))


def register(async_cls: type, twin: type) -> None:
    """Record ``twin`` as the sync form of ``async_cls`` (the generated module calls this)."""
    TWINS[async_cls] = twin
    _FOUND.clear()


def twin_class(cls: type) -> type | None:
    """The twin of ``cls``, or of its nearest registered base (None if none)."""
    try:
        return _FOUND[cls]
    except KeyError:
        pass
    found = next((TWINS[base] for base in cls.__mro__ if base in TWINS), None)
    if found is not None and issubclass(found, SyncResource) and cls not in TWINS:
        # A resource class the generator did not see (a private subclass):
        # a twin of it, so that it keeps its own fields and methods.
        found = type(cls.__name__, (found, cls), {"__module__": found.__module__})
    _FOUND[cls] = found
    return found


class Runner:
    """How a sync client, its scoped copies and what they hand out run their calls.

    It holds the client's reference on the portal (taken on the first call)
    and is closed with the client.
    """

    def __init__(
        self, aclose: Callable[[], Coroutine[Any, Any, object]] | None = None, portal: Portal = PORTAL
    ) -> None:
        self._aclose = aclose
        self._portal = portal
        self._lock = threading.Lock()
        self._generation: int | None = None
        self.closed = False

    def _open(self) -> None:
        with self._lock:
            if self.closed:
                raise ClosedError("this client is closed (a closed client stays closed: make a new one)")
            if self._generation is None:
                self._generation = self._portal.acquire()
                _OPEN.add(self)
            elif self._generation != self._portal.generation:
                raise ClosedError("this client was opened before os.fork(): make a new one in this process")

    def ensure_open(self) -> None:
        """Take the client's reference on the portal if not done yet.

        Raises:
            ClosedError: If the client is closed.
        """
        if self.closed or self._generation != self._portal.generation:
            self._open()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine of the async API and return its result.

        Raises:
            ClosedError: If the client is closed.
        """
        if self.closed or self._generation != self._portal.generation:
            try:
                self._open()
            except BaseException:
                coro.close()
                raise
        return self._portal.run(coro)

    def iterate(self, iterator: AsyncIterator[Any], wrap_items: bool = False) -> Iterator[Any]:
        """Iterate an async iterator, one step on the loop per item; closed when left."""
        try:
            while True:
                more, item = self.run(_step(iterator))
                if not more:
                    return
                yield wrap(item, self) if wrap_items else item
        finally:
            aclose = getattr(iterator, "aclose", None)
            if aclose is not None and not self.closed and not self._portal.in_loop_thread():
                self.run(aclose())

    def close(self) -> None:
        """Close the client: run its ``aclose()`` (the async client's disconnect), release the portal."""
        with self._lock:
            if self.closed:
                return
            self.closed = True
            generation, self._generation = self._generation, None
        _OPEN.discard(self)
        if generation is None or generation != self._portal.generation:
            return  # never used (or used before a fork): nothing open here
        try:
            if self._aclose is not None:
                self._portal.run(self._aclose())
        finally:
            self._portal.release(generation)


#: The runners holding the portal, closed at exit if their clients were not.
_OPEN: weakref.WeakSet[Runner] = weakref.WeakSet()


@atexit.register
def _close_forgotten() -> None:
    # A script that never closed its client still ends with its connections
    # closed and the loop thread joined, not killed mid-request.
    for runner in list(_OPEN):
        try:
            runner.close()
        except Exception:
            # At exit (the daemon gone, say) there is no one to raise to.
            logging.getLogger("incus_sdk").debug("closing a sync client at exit failed", exc_info=True)


def wrap(value: Any, runner: Runner, owner: object = None) -> Any:
    """The sync form of what an async call returned.

    Async objects become their twins (sharing ``runner``); lists, tuples
    and the values of dict subclasses (``BulkResult``) are looked into; a
    call returning the object ``owner`` stands for returns ``owner``.
    """
    if owner is not None and value is getattr(owner, "_async", None):
        return owner
    kind = type(value)
    if kind in _PLAIN or isinstance(value, (Twin, SyncResource)):
        return value
    twin = twin_class(kind)
    if twin is not None:
        return twin._adopt(value, runner)  # type: ignore[attr-defined]
    if kind is list:
        return [wrap(item, runner) for item in value]
    if kind is tuple:
        return tuple(wrap(item, runner) for item in value)
    if isinstance(value, dict) and kind is not dict:
        for key, item in value.items():
            value[key] = wrap(item, runner)
    return value


def original(method: Callable[P, R]) -> Callable[P, R]:
    """The method a deprecation wrapper wraps: a twin warns in its caller's thread itself."""
    return cast(Callable[P, R], getattr(method, "__wrapped__", method))


def unwrap(value: Any) -> Any:
    """The async object a twin stands for (anything else as is)."""
    if isinstance(value, Twin):
        value._runner.ensure_open()
        return value._async
    return value


async def _chunks_of(iterable: Iterable[Any]) -> AsyncIterator[Any]:
    iterator = iter(iterable)
    end = object()
    while True:
        # In a thread: a generator that reads a file or a pipe must not stall the loop.
        item = await asyncio.to_thread(next, iterator, end)
        if item is end:
            return
        yield item


def async_source(value: Any) -> Any:
    """An upload source as the async API takes it: a plain iterable of chunks becomes an async one.

    Bytes, paths and file objects are what both APIs take, and pass as they are.
    """
    if isinstance(value, (bytes, bytearray, memoryview, str, os.PathLike, AsyncIterable)) or hasattr(value, "read"):
        return value
    if isinstance(value, Iterable):
        return _chunks_of(value)
    return value


class SyncContext(AbstractContextManager[T]):
    """A ``with`` block standing for an ``async with`` one of the async API."""

    def __init__(self, manager: AbstractAsyncContextManager[Any], runner: Runner, wrap_value: bool) -> None:
        self._manager = manager
        self._runner = runner
        self._wrap_value = wrap_value

    def __enter__(self) -> T:
        value = self._runner.run(self._manager.__aenter__())
        return wrap(value, self._runner) if self._wrap_value else value  # type: ignore[no-any-return]

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool | None:
        return self._runner.run(self._manager.__aexit__(exc_type, exc, tb))


class _Calls:
    """The helpers generated method bodies use (mixed into both kinds of twin)."""

    def _get_runner(self) -> Runner:
        raise NotImplementedError

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        return self._get_runner().run(coro)

    def _wrap(self, value: object) -> Any:
        return wrap(value, self._get_runner(), self)

    def _iterate(self, iterator: AsyncIterator[Any], wrap_items: bool = False) -> Iterator[Any]:
        return self._get_runner().iterate(iterator, wrap_items)

    def _context(self, manager: AbstractAsyncContextManager[Any], wrap_value: bool = False) -> SyncContext[Any]:
        return SyncContext(manager, self._get_runner(), wrap_value)

    def _next(self, iterator: AsyncIterator[Any], wrap_item: bool = False) -> Any:
        more, item = self._run(_step(iterator))
        if not more:
            raise StopIteration
        return self._wrap(item) if wrap_item else item


class Twin(_Calls, Generic[A]):
    """A sync object standing for an async one of the SDK (held, not copied)."""

    _async: A
    _runner: Runner

    @classmethod
    def _adopt(cls, value: A, runner: Runner) -> Self:
        twin = cls.__new__(cls)
        twin._async = value
        twin._runner = runner
        return twin

    def _get_runner(self) -> Runner:
        return self._runner

    def _attr(self, name: str) -> Any:
        """An attribute of the async object, in its sync form (the same twin while it is the same object)."""
        value = getattr(self._async, name)
        cache: Dict[str, Tuple[object, Any]] = self.__dict__.setdefault("_attr_twins", {})
        held = cache.get(name)
        if held is not None and held[0] is value:
            return held[1]
        twin = wrap(value, self._runner)
        if twin is not value:
            cache[name] = (value, twin)
        return twin

    def __repr__(self) -> str:
        return repr(self._async)


class DictTwin(Twin[A], Dict[str, Any]):
    """A twin that is also the ``dict`` its async object is (a reply envelope)."""

    @classmethod
    def _adopt(cls, value: A, runner: Runner) -> Self:
        twin = super()._adopt(value, runner)
        dict.update(twin, value)  # type: ignore[call-overload]
        return twin

    def __repr__(self) -> str:
        return dict.__repr__(self)


class SyncAPI(Twin[A]):
    """Base of the sync sub-APIs (``client.projects``...).

    Attributes:
        client: The sync :class:`~incus_sdk.sync.Client` whose attribute this
            is (``client.projects.client``), as the async sub-API's; None for
            a nested sub-API (``client.instances.snapshots``). (The generated
            base of the sub-APIs declares its type.)
    """

    client: ClientBase | None

    @classmethod
    def _nested(cls, value: A, parent: Twin[Any]) -> Self:
        """The twin of a sub-API hanging on ``parent`` (the client or another sub-API)."""
        api = cls._adopt(value, parent._runner)
        api.client = parent if isinstance(parent, ClientBase) else None
        return api


def _handle(client: object) -> tuple[object, Runner | None]:
    """What a sync resource built by hand is bound to: the async twin of ``client``, and its runner."""
    if isinstance(client, Twin):
        return client._async, client._runner
    return client, None


class SyncResource(Resource, _Calls):
    """Base of the sync resources: the async model, with blocking methods.

    ``Project(client=client, name="x")`` builds one by hand, as with the
    async models: ``client`` is the sync client (or sub-API).
    """

    _runner: Runner | None = PrivateAttr(default=None)

    def __init__(self, client: object = None, **data: Any) -> None:
        handle, runner = _handle(client)
        super().__init__(handle, **data)
        self._runner = runner

    @classmethod
    def bound(
        cls,
        data: Any,
        *,
        api: object,
        parents: Tuple[str, ...] = (),
        etag: str | None = None,
    ) -> Self:
        handle, runner = _handle(api)
        model = super().bound(data, api=handle, parents=parents, etag=etag)
        model._runner = runner
        return model

    @classmethod
    def _adopt(cls, value: Resource, runner: Runner | None) -> Self:
        # The model the async API read becomes its twin: same object, same data.
        value.__class__ = cls
        adopted: Self = value  # type: ignore[assignment]
        adopted._runner = runner
        return adopted

    def _get_runner(self) -> Runner:
        if self._runner is None:
            raise ValueError("No client available")
        return self._runner

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        if self._runner is None:
            coro.close()
        return self._get_runner().run(coro)

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        # A copy shares the client it is bound to, as the async model does.
        memo = {} if memo is None else memo
        memo[id(self._runner)] = self._runner
        return super().__deepcopy__(memo)


class RootTwin(Twin[A]):
    """A sync object with connections of its own: the client, an image server.

    It makes the :class:`Runner` that it, its scoped copies and everything
    they hand out use, and closes it (and its connections) in :meth:`close`
    (which the generated ``__exit__`` calls).
    """

    #: The async object's method that closes its connections.
    _ACLOSE: ClassVar[str]

    def _open(self, value: A) -> None:
        self._async = value
        self._runner = Runner(getattr(value, self._ACLOSE))

    @classmethod
    def _adopt_root(cls, value: A) -> Self:
        """A twin with a runner of its own, for an async object just made (a constructor's)."""
        twin = cls.__new__(cls)
        twin._open(value)
        return twin

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called (on this object or a scoped copy of it)."""
        return self._runner.closed

    def close(self) -> None:
        """Close the connections (of this object and of its scoped copies).

        The event loop thread the sync API runs on stops once no other open
        client uses it. A closed client stays closed (its calls raise
        ``RuntimeError``): make a new one. Closing twice does nothing.
        """
        self._runner.close()


class ClientBase(RootTwin[AsyncClient]):
    """The lifecycle of the sync client (the rest is generated from the async one)."""

    def connect(self) -> None:
        """Connect to the Incus API: open the session and check the daemon answers.

        Raises:
            IncusConnectionError: If the daemon cannot be reached (the client
                is then closed).
        """
        try:
            self._run(self._async.connect())
        except BaseException:
            self.close()
            raise

    def disconnect(self) -> None:
        """Disconnect from the Incus API: the same as :meth:`close`."""
        self.close()


def adopt(value: Any) -> Any:
    """The sync form of what a plain function of the async API made: a client of its own, or a resource.

    A resource made without a client (``remotes.decode_token()``'s token) is
    bound to none, as the async one: its methods raise ``ValueError``.
    """
    twin = twin_class(type(value))
    if twin is not None and issubclass(twin, RootTwin):
        return twin._adopt_root(value)
    if twin is not None and issubclass(twin, SyncResource):
        return twin._adopt(value, None)
    return value


def call_function(owners: tuple[object, ...], make: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    """Run a module function of the async API (``make()``'s coroutine) for its sync twin.

    It runs on the runner of the first twin among its arguments (a client);
    a function given none (``fetch_server_certificate(url)``) runs on a
    runner of its own, closed after it.
    """
    owner = next((o for o in owners if isinstance(o, Twin)), None)
    if owner is not None:
        return wrap(owner._runner.run(make()), owner._runner)
    runner = Runner()
    try:
        return wrap(runner.run(make()), runner)
    finally:
        runner.close()


__all__ = [
    "TWINS",
    "ClientBase",
    "RootTwin",
    "adopt",
    "call_function",
    "ClosedError",
    "DictTwin",
    "Runner",
    "SyncAPI",
    "SyncContext",
    "SyncResource",
    "Twin",
    "async_source",
    "original",
    "register",
    "unwrap",
    "wrap",
]
