"""The sync API is the async one without ``await``: every public method has its twin, with the same signature.

For every async class that has a sync twin (the client, sub-APIs,
resources, replies, operations, streams), every public method, property
and async protocol method (``__aenter__`` -> ``__enter__``...) of the async
class must exist on the twin with the same parameters (names, kinds,
defaults), the same overloads, and the same types, where each async class
stands for its twin, an async iterator for an iterator and an async context
manager for a context manager.
"""

from __future__ import annotations

import ast
import collections.abc
import contextlib
import functools
import importlib
import importlib.util
import inspect
import os
import sys
import types
import typing
from pathlib import Path
from typing import Any

import pytest

import incus_sdk
import incus_sdk.sync
from incus_sdk.api._base import child
from incus_sdk.sync._base import TWINS, RootTwin

ROOT = Path(__file__).resolve().parents[2]
DUNDERS = {"__aenter__": "__enter__", "__aexit__": "__exit__", "__aiter__": "__iter__", "__anext__": "__next__"}
ASYNC_FORMS = {
    collections.abc.AsyncIterator: collections.abc.Iterator,
    collections.abc.AsyncIterable: collections.abc.Iterable,
    collections.abc.AsyncGenerator: collections.abc.Generator,
    contextlib.AbstractAsyncContextManager: contextlib.AbstractContextManager,
}
_ACM = contextlib.asynccontextmanager(lambda: None).__code__  # type: ignore[arg-type,return-value]


@functools.cache
def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_sync", ROOT / "scripts" / "gen_sync.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@functools.cache
def type_checking_names(module_name: str) -> dict[str, Any]:
    """The names a module imports under ``if TYPE_CHECKING:`` (annotations may use them)."""
    module = sys.modules[module_name]
    names: dict[str, Any] = {}
    for node in ast.parse(inspect.getsource(module)).body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            code = compile(ast.Module(node.body, []), module_name, "exec")
            exec(code, {"__name__": module_name, "__package__": module.__package__}, names)
    return names


def hints(func: Any) -> dict[str, Any]:
    module = sys.modules[func.__module__]
    # ``os``: aliases such as ``_transfer.FileTarget`` hold the forward reference
    # "os.PathLike[str]", which typing resolves in the using function's module.
    namespace = {"os": os, **type_checking_names(func.__module__), **vars(module)}
    return typing.get_type_hints(func, globalns=namespace)


def is_acm(func: Any) -> bool:
    while func is not None:
        if getattr(func, "__code__", None) is _ACM:
            return True
        func = getattr(func, "__wrapped__", None)
    return False


def normal(hint: Any) -> Any:
    """A comparable form of a type: ``List[x]`` is ``list[x]``, ``Optional[x]`` is ``x | None``."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return ("union", frozenset(normal(a) for a in args))
    if origin is typing.Literal:
        return ("literal", args)
    if origin is None:
        return hint
    return (origin, tuple(normal(a) if not isinstance(a, list) else tuple(map(normal, a)) for a in args))


class Expect:
    """What a twin's annotations must be, given the async ones."""

    def __init__(self, twin: type, typevars: dict[Any, Any]) -> None:
        self.twin = twin
        self.typevars = typevars

    def __call__(self, hint: Any) -> Any:
        if isinstance(hint, typing.TypeVar):
            hint = self.typevars[hint]
        if hint is typing.Self:
            return normal(self.twin)
        if isinstance(hint, type) and hint in TWINS:
            return TWINS[hint]
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin is None:
            return normal(hint)
        if origin in (typing.Union, types.UnionType):
            return ("union", frozenset(self(a) for a in args))
        if origin is typing.Literal:
            return ("literal", args)
        origin = ASYNC_FORMS.get(origin, origin)
        return (origin, tuple(self(a) if not isinstance(a, list) else tuple(map(self, a)) for a in args))


def parameters(func: Any) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(func).parameters.values()]


def async_members(cls: type) -> dict[str, Any]:
    """The public members of an async class a twin must have: name -> the raw attribute."""
    out = {}
    for name in dir(cls):
        if name.startswith("_") and name not in DUNDERS and name not in ("__getitem__",):
            continue
        owner = next(k for k in cls.__mro__ if name in vars(k))
        if not owner.__module__.startswith("incus_sdk"):
            continue  # pydantic's, dict's, object's
        raw = vars(owner)[name]
        if isinstance(raw, (classmethod, staticmethod)) and not issubclass(TWINS.get(cls, object), RootTwin):
            continue  # they build async objects from the core's internals: no twin (a client's make clients)
        if isinstance(raw, (property, functools.cached_property, classmethod, child)) or inspect.isfunction(raw):
            out[name] = raw
    return out


def differences(async_cls: Any, twin: Any, typevars: dict[Any, Any] | None = None) -> list[str]:
    """What the twin of ``async_cls`` (a class or a module) lacks or declares otherwise (empty: a faithful twin)."""
    expect = Expect(twin, typevars or {})
    problems = []
    members = async_members(async_cls) if isinstance(async_cls, type) else module_functions(async_cls)
    for name, raw in members.items():
        sync_name = DUNDERS.get(name, name)
        where = f"{async_cls.__qualname__ if isinstance(async_cls, type) else async_cls.__name__}.{name}"
        if not hasattr(twin, sync_name):
            problems.append(f"{where}: no sync twin")
            continue
        mine = inspect.getattr_static(twin, sync_name)
        if isinstance(raw, child):
            # A nested sub-API: on the twin, a cached property giving the sub-API's twin.
            theirs = getattr(mine, "func", None)
            if not isinstance(mine, functools.cached_property) or theirs is None:
                problems.append(f"{where}: not a cached property on the twin")
            elif normal(hints(theirs).get("return")) != expect(raw.api):
                problems.append(f"{where}: type {hints(theirs).get('return')} for {raw.api}")
            continue
        if isinstance(raw, (property, functools.cached_property)):
            getter = raw.fget if isinstance(raw, property) else raw.func
            theirs = mine.fget if isinstance(mine, property) else getattr(mine, "func", None)
            if theirs is None:
                problems.append(f"{where}: not a property on the twin")
            elif normal(hints(theirs).get("return")) != expect(hints(getter).get("return")):
                problems.append(f"{where}: type {hints(theirs).get('return')} for {hints(getter).get('return')}")
            continue
        func = raw.__func__ if isinstance(raw, classmethod) else raw
        sync = mine.__func__ if isinstance(mine, classmethod) else mine
        if not callable(sync):
            problems.append(f"{where}: not a method on the twin")
            continue
        if parameters(func) != parameters(sync):
            problems.append(f"{where}: parameters {parameters(sync)} for {parameters(func)}")
            continue
        async_hints, sync_hints = hints(func), hints(sync)
        for key, hint in async_hints.items():
            wanted = expect(hint)
            if key == "return" and is_acm(func):
                wanted = (contextlib.AbstractContextManager, (expect(typing.get_args(hint)[0]),))
            if normal(sync_hints.get(key)) != wanted:
                problems.append(f"{where}: {key} is {sync_hints.get(key)} for {hint}")
        overloads = typing.get_overloads(inspect.unwrap(func))
        sync_overloads = typing.get_overloads(sync)
        if len(overloads) != len(sync_overloads):
            problems.append(f"{where}: {len(sync_overloads)} overloads for {len(overloads)}")
        for theirs_o, mine_o in zip(overloads, sync_overloads, strict=False):
            if [(n, k) for n, k, _ in parameters(theirs_o)] != [(n, k) for n, k, _ in parameters(mine_o)]:
                problems.append(f"{where}: overload parameters differ")
            elif normal(hints(mine_o).get("return")) != expect(hints(theirs_o).get("return")):
                problems.append(f"{where}: overload returns {hints(mine_o).get('return')}")
    return problems


def module_functions(module: types.ModuleType) -> dict[str, Any]:
    """The functions of a module with async functions that have something to await (or return what does)."""
    out = {}
    for name in module.__all__:
        func = getattr(module, name)
        if not inspect.isfunction(func):
            continue
        returned = hints(func).get("return")
        if inspect.iscoroutinefunction(func) or (isinstance(returned, type) and returned in TWINS):
            out[name] = func
    return out


SYNC_MODULES = {
    name: twin for name, twin in _generator().rewrite_module().SYNC_MODULES.items() if twin != "incus_sdk.sync"
}


@pytest.mark.parametrize("async_name", sorted(SYNC_MODULES))
def test_modules_with_async_functions_have_twins(async_name: str) -> None:
    try:
        module = importlib.import_module(async_name)
    except ImportError:
        pytest.skip(f"{async_name} is not there (one of two names of a moved module)")
    twin = importlib.import_module(SYNC_MODULES[async_name])
    assert sorted(twin.__all__) == sorted(module.__all__)
    functions = module_functions(module)
    assert differences(module, twin) == []
    for name in module.__all__:
        ours, theirs = getattr(twin, name), getattr(module, name)
        if name not in functions and not (isinstance(theirs, type) and theirs in TWINS):
            assert ours is theirs, f"{name}: what has nothing to await is the async module's own"
        else:
            assert ours is not theirs, name


def test_every_async_class_reached_from_the_client_has_a_twin() -> None:
    expected = set(_generator().iter_twins())
    assert expected == set(TWINS), "regenerate: python scripts/gen_sync.py"
    for name in ("ProjectsAPI", "InstancesAPI", "Instance", "Response", "Operation", "ExecProcess", "EventStream"):
        assert any(cls.__name__ == name for cls in TWINS), name


@pytest.mark.parametrize("async_cls", sorted(TWINS, key=lambda c: (c.__module__, c.__qualname__)), ids=str)
def test_every_public_member_has_a_faithful_twin(async_cls: type) -> None:
    typevars = _generator().typevar_map(async_cls)
    assert differences(async_cls, TWINS[async_cls], typevars) == []


def test_a_missing_or_different_twin_is_reported() -> None:
    # The check itself: a twin that lacks a method, or declares one otherwise, fails.
    class Async:
        async def get(self, name: str, *, wait: bool = True) -> int:
            return 0

        async def gone(self) -> None: ...

    class Twin:
        def get(self, name: str, *, wait: bool = False) -> int:
            return 0

    Async.__module__ = Twin.__module__ = "incus_sdk.fake"
    sys.modules.setdefault("incus_sdk.fake", types.ModuleType("incus_sdk.fake"))
    found = differences(Async, Twin)
    assert any("gone: no sync twin" in p for p in found), found
    assert any("get: parameters" in p for p in found), found

    class TwinWrongType:
        def get(self, name: bytes, *, wait: bool = True) -> int:
            return 0

        def gone(self) -> None: ...

    TwinWrongType.__module__ = "incus_sdk.fake"
    found = differences(Async, TwinWrongType)
    assert found == [f"{Async.__qualname__}.get: name is {bytes} for {str}"], found


def test_the_package_exports_every_name_of_the_async_one() -> None:
    missing = set(incus_sdk.__all__) - set(incus_sdk.sync.__all__)
    assert not missing
    for name in incus_sdk.__all__:
        ours, theirs = getattr(incus_sdk.sync, name), getattr(incus_sdk, name)
        if isinstance(theirs, type) and theirs in TWINS:
            assert ours is TWINS[theirs], name
        else:
            assert ours is theirs, f"{name}: models and exceptions are the async package's own"
