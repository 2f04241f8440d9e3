#!/usr/bin/env python3
"""Generate the synchronous API (``incus_sdk/sync/``) from the async one.

The async SDK is the one implementation; ``incus_sdk.sync`` is a facade over
it, written by this script from what it finds by introspection:

* every class the async :class:`incus_sdk.Client` leads to (its sub-APIs,
  their nested sub-APIs, the resources and objects their methods return or
  take, the stream objects), found by following the annotations of every
  public method, property, attribute and nested sub-API (declared with
  ``child``), TypeVars resolved per class, so that ``client.profiles.get()``
  leads to ``Profile``;
* for each, a twin class of the same name (``_generated.py``) with the same
  public methods, parameters, defaults, overloads and docstrings, minus
  ``async``/``await``: ``__aenter__``/``__aexit__`` become
  ``__enter__``/``__exit__``, ``__aiter__``/``__anext__`` become
  ``__iter__``/``__next__``, an async iterator becomes an iterator and an
  async context manager a context manager; each method runs its async twin
  on the sync client's event loop thread and returns the sync twins of what
  it gets back (see ``incus_sdk/sync/_base.py`` for the three kinds of
  twin);
* the package's ``__init__.py``: every name of ``incus_sdk``, the twin where
  there is one, the same object otherwise (models, exceptions).

Annotations and defaults are taken from the source as written (so aliases
such as ``Body`` keep their names) and every name in them is resolved in the
module that defines the method; docstrings are rewritten with
``incus_sdk.sync._rewrite``. The output is formatted with ruff.
``tests/protocol/test_sync_generated.py`` checks that the files are current
and ``tests/protocol/test_sync_surface.py`` that every async method has its
twin with the same signature.

Usage: python scripts/gen_sync.py
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import functools
import importlib
import importlib.util
import inspect
import re
import subprocess
import sys
import textwrap
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "incus_sdk" / "sync"
GENERATED = OUT / "_generated.py"
INIT = OUT / "__init__.py"

#: Async dunders and their sync names; ``__await__`` has none (call ``wait()``).
DUNDERS = {"__aenter__": "__enter__", "__aexit__": "__exit__", "__aiter__": "__iter__", "__anext__": "__next__"}
#: Plain dunders forwarded as they are.
FORWARDED_DUNDERS = {"__getitem__", "__len__", "__contains__", "__bool__"}
#: Dunders kept where they name a public method (``__call__ = subscribe``): the twin says the same.
ALIASED_DUNDERS = {"__call__"}
#: Names of typing constructs, by the module the sync code takes them from.
SYNC_FORMS = {
    "AsyncIterator": ("collections.abc", "Iterator"),
    "AsyncIterable": ("collections.abc", "Iterable"),
    "AsyncGenerator": ("collections.abc", "Generator"),
    "AbstractAsyncContextManager": ("contextlib", "AbstractContextManager"),
    "AsyncContextManager": ("contextlib", "AbstractContextManager"),
}
#: Builtin generics written with typing's names: a method named ``list`` in
#: the same class would shadow the builtin in the annotation.
BUILTIN_GENERICS = {
    "list": "List",
    "dict": "Dict",
    "tuple": "Tuple",
    "type": "Type",
    "set": "Set",
    "frozenset": "FrozenSet",
}
#: Classes whose values may hold async objects (a result per instance).
CARRIERS = {"incus_sdk.api.instances.BulkResult"}
#: The hand-written bases, per kind of twin.
BASES = {
    "client": "ClientBase",
    "root": "RootTwin",
    "api": "SyncAPI",
    "resource": "SyncResource",
    "dict": "DictTwin",
    "object": "Twin",
}
#: Classes that own connections of their own, and the async method that closes them.
ROOTS = {"incus_sdk.client.Client": "disconnect", "incus_sdk.simplestreams.SimpleStreams": "close"}


_ACM_CODE = contextlib.asynccontextmanager(lambda: None).__code__  # type: ignore[arg-type,return-value]


class GenError(Exception):
    """Something in the async API the generator cannot mirror (the message says what to change)."""


# -- names -----------------------------------------------------------------------------


class Scope:
    """The top-level names of a module, with where each comes from (imports under TYPE_CHECKING too)."""

    def __init__(self, module: types.ModuleType) -> None:
        self.module = module
        self.origins: dict[str, tuple[str, str | None]] = {}
        tree = ast.parse(inspect.getsource(module))
        self._collect(tree.body)

    def _collect(self, body: list[ast.stmt]) -> None:
        name = self.module.__name__
        package = self.module.__package__ or name.rpartition(".")[0]
        for node in body:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.origins[alias.asname] = (alias.name, None)
                    else:
                        top = alias.name.partition(".")[0]
                        self.origins[top] = (top, None)
            elif isinstance(node, ast.ImportFrom):
                source = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
                for alias in node.names:
                    self.origins[alias.asname or alias.name] = (source, alias.name)
            elif isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                self.origins[node.name] = (name, node.name)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.origins[target.id] = (name, target.id)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                self.origins[node.target.id] = (name, node.target.id)
            elif isinstance(node, ast.If):
                self._collect(node.body)
                self._collect(node.orelse)
            elif isinstance(node, ast.Try):
                self._collect(node.body)

    def lookup(self, name: str) -> tuple[Any, tuple[str, str | None]]:
        """The object ``name`` stands for in this module, and where it was taken from."""
        origin = self.origins.get(name)
        if origin is None:
            if hasattr(builtins, name):
                return getattr(builtins, name), ("builtins", name)
            raise GenError(f"{self.module.__name__}: cannot resolve the name {name!r}")
        module_name, attr = origin
        module = importlib.import_module(module_name)
        if attr is None:
            return module, origin
        try:
            return getattr(module, attr), origin
        except AttributeError:
            return importlib.import_module(f"{module_name}.{attr}"), (f"{module_name}.{attr}", None)


@functools.cache
def scope_of(module_name: str) -> Scope:
    return Scope(sys.modules[module_name])


# -- functions as written ----------------------------------------------------------------


@dataclass
class Param:
    name: str
    kind: str  # posonly, pos, varpos, kwonly, varkw
    annotation: ast.expr | None = None
    default: ast.expr | None = None


@dataclass
class Source:
    """A function as its source declares it."""

    func: Callable[..., Any]
    node: ast.FunctionDef | ast.AsyncFunctionDef
    params: list[Param]
    returns: ast.expr | None

    @property
    def module(self) -> str:
        return self.func.__module__


def source_of(func: Callable[..., Any]) -> Source:
    """Parse the definition of ``func`` (the innermost of its decorators' wrappers).

    A :func:`~incus_sdk.api._compat.deprecated_alias` is read as the native
    method it forwards to, its parameters under the alias's names.
    """
    alias = getattr(func, "__alias_of__", None)
    if alias is not None:
        native, renamed, _ = alias
        src = source_of(native)
        return replace(src, params=[replace(p, name=renamed.get(p.name, p.name)) for p in src.params])
    inner = inspect.unwrap(func)
    try:
        text = textwrap.dedent(inspect.getsource(inner))
    except (OSError, TypeError) as exc:
        raise GenError(f"no source for {func!r}") from exc
    tree = ast.parse(text)
    node = tree.body[0]
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        raise GenError(f"{inner.__qualname__}: not a function definition")
    args = node.args
    params: list[Param] = []
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for i, arg in enumerate(positional):
        kind = "posonly" if i < len(args.posonlyargs) else "pos"
        params.append(Param(arg.arg, kind, arg.annotation, defaults[i]))
    if args.vararg is not None:
        params.append(Param(args.vararg.arg, "varpos", args.vararg.annotation))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        params.append(Param(arg.arg, "kwonly", arg.annotation, default))
    if args.kwarg is not None:
        params.append(Param(args.kwarg.arg, "varkw", args.kwarg.annotation))
    return Source(inner, node, params, node.returns)


def call_kind(func: Callable[..., Any]) -> str:
    """How the async function gives its result: ``coroutine``, ``asyncgen``, ``acm`` or ``plain``."""
    alias = getattr(func, "__alias_of__", None)
    if alias is not None:
        return call_kind(alias[0])  # a deprecated alias gives what its native method gives
    layer: Any = func
    while layer is not None:
        if getattr(layer, "__code__", None) is _ACM_CODE:
            return "acm"
        layer = getattr(layer, "__wrapped__", None)
    if inspect.iscoroutinefunction(func):
        return "coroutine"
    if inspect.isasyncgenfunction(func):
        return "asyncgen"
    if inspect.iscoroutinefunction(inspect.unwrap(func)):
        return "coroutine"
    if inspect.isasyncgenfunction(inspect.unwrap(func)):
        return "asyncgen"
    return "plain"


def is_async_class(cls: type) -> bool:
    """Whether ``cls`` has anything to await: a public coroutine, async generator or async protocol method.

    A sub-API always has a twin: what it gives (an event stream) may be async where its methods are not.
    """
    from incus_sdk.api._base import SubAPI

    if issubclass(cls, SubAPI):
        return True
    for name in dir(cls):
        if name in DUNDERS and name != "__await__":
            if name in dir(object):
                continue
            return True
        if name.startswith("_"):
            continue
        raw = inspect.getattr_static(cls, name)
        func = getattr(raw, "__func__", raw)
        if callable(func) and not isinstance(func, type) and call_kind(func) != "plain":
            return True
    return False


def typevar_map(cls: type) -> dict[Any, Any]:
    """What each TypeVar of ``cls``'s generic bases stands for in ``cls``."""
    found: dict[Any, Any] = {}

    def visit(klass: type, subst: dict[Any, Any]) -> None:
        for base in getattr(klass, "__orig_bases__", ()):
            origin = typing.get_origin(base)
            if origin is None or origin is typing.Generic:
                continue
            args = [subst.get(a, a) for a in typing.get_args(base)]
            params = getattr(origin, "__parameters__", ())
            # A builtin generic (``dict[str, Any]``) declares no parameters.
            mapping = dict(zip(params, args, strict=False))
            for key, value in mapping.items():
                found.setdefault(key, value)
            visit(origin, mapping)

    for klass in cls.__mro__:
        visit(klass, {})
        break
    return found


# -- members -------------------------------------------------------------------------------


@dataclass
class Member:
    name: str  # the async name
    kind: str  # method, classmethod, staticmethod, property, cached, child, attribute
    owner: type
    func: Callable[..., Any] | None = None
    annotation: str | None = None  # attributes and children: the type's text
    annotation_module: str = ""
    doc: str = ""
    alias_of: str | None = None
    line: int = 10**9  # children: where they are declared


def _owner(cls: type, name: str) -> type | None:
    return next((klass for klass in cls.__mro__ if name in vars(klass)), None)


def members_of(cls: type) -> list[Member]:
    """The public members of an async class, most derived class first, in source order."""
    found: dict[str, Member] = {}
    for klass in cls.__mro__:
        if not klass.__module__.startswith("incus_sdk") or klass.__module__.startswith("incus_sdk.sync"):
            continue
        entries = []
        for name, raw in vars(klass).items():
            if name in found or _owner(cls, name) is not klass:
                continue
            if (
                name.startswith("_")
                and name not in DUNDERS
                and name not in FORWARDED_DUNDERS
                and not _aliased(name, raw)
            ):
                continue
            if name in ("__await__",):
                continue
            member = _member(klass, name, raw)
            if member is not None:
                entries.append(member)
        entries.sort(key=_line)
        for member in entries:
            found[member.name] = member
    for member in _attributes(cls):
        found.setdefault(member.name, member)
    return list(found.values())


def _aliased(name: str, raw: Any) -> bool:
    """Whether ``name`` is a dunder that names a public method (``__call__ = subscribe``)."""
    return name in ALIASED_DUNDERS and not getattr(raw, "__name__", name).startswith("_")


def _line(member: Member) -> int:
    if member.func is None:
        return member.line
    alias = getattr(member.func, "__alias_of__", None)
    if alias is not None:
        return int(alias[2])  # where the deprecated alias is declared
    try:
        return inspect.getsourcelines(inspect.unwrap(member.func))[1]
    except (OSError, TypeError):
        return 10**9


def _member(klass: type, name: str, raw: Any) -> Member | None:
    from incus_sdk.api._base import child

    if isinstance(raw, functools.cached_property):
        return Member(name, "cached", klass, raw.func)
    if isinstance(raw, child):
        return _child(klass, name)
    if isinstance(raw, property):
        return Member(name, "property", klass, raw.fget) if raw.fget is not None else None
    if isinstance(raw, classmethod):
        return Member(name, "classmethod", klass, raw.__func__)
    if isinstance(raw, staticmethod):
        return Member(name, "staticmethod", klass, raw.__func__)
    if inspect.isfunction(raw):
        alias = raw.__name__ if raw.__name__ != name and raw.__name__ in vars(klass) else None
        return Member(name, "method", klass, raw, alias_of=alias)
    return None


def _child(klass: type, name: str) -> Member:
    """A nested sub-API declared ``name = child(SomeAPI)``, with the docstring written after it."""
    lines, first = inspect.getsourcelines(klass)
    body = ast.parse(textwrap.dedent("".join(lines))).body[0]
    assert isinstance(body, ast.ClassDef)
    for stmt, after in zip(body.body, [*body.body[1:], None], strict=True):
        if isinstance(stmt, ast.Assign) and [ast.unparse(t) for t in stmt.targets] == [name]:
            assert isinstance(stmt.value, ast.Call) and len(stmt.value.args) == 1
            doc = ""
            if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
                doc = inspect.cleandoc(str(after.value.value))
            api = ast.unparse(stmt.value.args[0])
            return Member(name, "child", klass, None, api, klass.__module__, doc, line=first + stmt.lineno - 1)
    raise GenError(f"{klass.__module__}.{klass.__qualname__}.{name}: declare a child as `{name} = child(SomeAPI)`")


def _attributes(cls: type) -> list[Member]:
    """Public instance attributes: class-level annotations and ``self.x = ...`` in the methods."""
    out: dict[str, Member] = {}
    for klass in cls.__mro__:
        if not klass.__module__.startswith("incus_sdk") or klass.__module__.startswith("incus_sdk.sync"):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        except (OSError, TypeError):
            continue
        node = tree.body[0]
        assert isinstance(node, ast.ClassDef)
        docs = attribute_docs(klass.__doc__ or "")
        for stmt in node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                name = stmt.target.id
                text = ast.unparse(stmt.annotation)
                if not name.startswith("_") and not text.startswith(("ClassVar", "typing.ClassVar")):
                    out.setdefault(
                        name, Member(name, "attribute", klass, None, text, klass.__module__, docs.get(name, ""))
                    )
        for func in [s for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            annotations = {a.arg: a.annotation for a in [*func.args.args, *func.args.kwonlyargs] if a.annotation}
            for stmt in ast.walk(func):
                target, annotation, value = None, None, None
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                    target, value = stmt.targets[0], stmt.value
                elif isinstance(stmt, ast.AnnAssign):
                    target, annotation, value = stmt.target, stmt.annotation, stmt.value
                if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)):
                    continue
                if target.value.id != "self" or target.attr.startswith("_") or target.attr in out:
                    continue
                static = inspect.getattr_static(cls, target.attr, None)
                if callable(static) or isinstance(static, (property, functools.cached_property)):
                    continue  # a property or method of the same name
                text = _attribute_type(klass, target.attr, annotation, value, annotations)
                out[target.attr] = Member(
                    target.attr, "attribute", klass, None, text, klass.__module__, docs.get(target.attr, "")
                )
    return list(out.values())


def _attribute_type(
    klass: type, name: str, annotation: ast.expr | None, value: ast.expr | None, params: dict[str, ast.expr]
) -> str:
    if annotation is not None:
        return ast.unparse(annotation)
    if isinstance(value, ast.Name) and value.id in params:
        return ast.unparse(params[value.id])
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        obj, _ = scope_of(klass.__module__).lookup(value.func.id)
        if isinstance(obj, type) and obj.__module__.startswith("incus_sdk"):
            return value.func.id
    if isinstance(value, ast.Constant) and value.value is not None:
        return type(value.value).__name__
    raise GenError(
        f"{klass.__module__}.{klass.__qualname__}.{name}: annotate this public attribute "
        f"(`self.{name}: T = ...`) so that its sync twin can be typed"
    )


def attribute_docs(doc: str) -> dict[str, str]:
    """The ``Attributes:`` section of a Google-style docstring, by name."""
    lines = inspect.cleandoc(doc).splitlines()
    out: dict[str, str] = {}
    try:
        start = lines.index("Attributes:")
    except ValueError:
        return out
    current = None
    for line in lines[start + 1 :]:
        if line and not line.startswith(" "):
            break
        match = re.match(r"^    (\w+)(?: \([^)]*\))?: (.*)$", line)
        if match:
            current = match[1]
            out[current] = match[2]
        elif current and line.strip():
            out[current] += " " + line.strip()
    return out


# -- the model of what to generate ------------------------------------------------------------


@dataclass
class TwinClass:
    cls: type
    kind: str
    parent: TwinClass | None = None
    members: list[Member] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.cls.__name__


def _qualified(obj: Any) -> str:
    return f"{obj.__module__}.{obj.__qualname__}"


def twin_kind(cls: type) -> str:
    from incus_sdk.api._base import SubAPI
    from incus_sdk.client import Client
    from incus_sdk.models._base import Resource

    if cls is Client:
        return "client"
    if _qualified(cls) in ROOTS:
        return "root"
    if issubclass(cls, SubAPI):
        return "api"
    if issubclass(cls, Resource):
        return "resource"
    if issubclass(cls, dict):
        return "dict"
    return "object"


class Generator:
    def __init__(self) -> None:
        import incus_sdk
        from incus_sdk.client import Client

        self.incus_sdk = incus_sdk
        self.roots: list[type] = [Client]
        self.modules = sync_modules()
        self.functions: list[tuple[types.ModuleType, str, Callable[..., Any]]] = []
        for module in self.modules.values():
            for name in module.__all__:
                obj = getattr(module, name)
                if isinstance(obj, type) and _qualified(obj) in ROOTS:
                    self.roots.append(obj)
                elif inspect.isfunction(obj):
                    self.functions.append((module, name, obj))
        self.twins: dict[type, TwinClass] = {}
        self.imports: dict[str, str] = {}  # module -> alias
        self.names: dict[str, tuple[str, str]] = {}  # name -> (module, attr) for from-imports

    # -- discovery --------------------------------------------------------------------------

    def discover(self) -> None:
        queue = list(self.roots)
        for _, name, func in self.functions:
            member = Member(name, "function", type(None), func)
            queue += [o for o in self.referenced(member, {}) if isinstance(o, type) and is_async_class(o)]
        seen: set[type] = set()
        while queue:
            cls = queue.pop(0)
            if cls in seen:
                continue
            seen.add(cls)
            twin = TwinClass(cls, twin_kind(cls))
            self.twins[cls] = twin
            typevars = typevar_map(cls)
            for member in members_of(cls):
                if member.kind in ("classmethod", "staticmethod") and twin.kind not in ("client", "root"):
                    continue  # not mirrored (see members_to_generate)
                for obj in self.referenced(member, typevars):
                    if (
                        isinstance(obj, type)
                        and obj.__module__.startswith("incus_sdk")
                        and obj not in seen
                        and is_async_class(obj)
                    ):
                        queue.append(obj)
        names: dict[str, type] = {}
        for cls in self.twins:
            if cls.__name__ in names:
                raise GenError(f"two async classes named {cls.__name__}: {names[cls.__name__]} and {cls}")
            names[cls.__name__] = cls
        for twin in self.twins.values():
            twin.parent = next((self.twins[b] for b in twin.cls.__mro__[1:] if b in self.twins), None)
            if twin.parent is not None and twin.parent.kind != twin.kind:
                twin.parent = None
            if twin.kind == "api":
                twin.parent = None  # sub-APIs are flattened: each has every method of its async class
            twin.members = self.members_to_generate(twin)

    def referenced(self, member: Member, typevars: dict[Any, Any]) -> list[Any]:
        """The objects the annotations of ``member`` refer to (TypeVars resolved)."""
        texts: list[tuple[ast.expr, str]] = []
        if member.func is not None:
            for fn in [member.func, *typing.get_overloads(inspect.unwrap(member.func))]:
                src = source_of(fn)
                texts += [(p.annotation, src.module) for p in src.params if p.annotation is not None]
                if src.returns is not None:
                    texts.append((src.returns, src.module))
        elif member.annotation is not None:
            texts.append((ast.parse(member.annotation, mode="eval").body, member.annotation_module))
        found: list[Any] = []
        for node, module in texts:
            Renderer(self, None, typevars, set(), module, found).convert(node)
        return found

    def members_to_generate(self, twin: TwinClass) -> list[Member]:
        base = hand_written(twin.kind)
        out = []
        for member in members_of(twin.cls):
            sync_name = DUNDERS.get(member.name, member.name)
            if sync_name in base:
                continue  # hand-written in the base
            if twin.parent is not None:
                owner_here = _owner(twin.cls, member.name)
                owner_there = _owner(twin.parent.cls, member.name)
                if member.kind == "attribute":
                    if member.name in {m.name for m in members_of(twin.parent.cls)}:
                        continue
                elif owner_here is owner_there:
                    continue  # inherited from the parent twin as it is
            if member.kind in ("classmethod", "staticmethod") and twin.kind not in ("client", "root"):
                continue  # builds async objects from the core's internals
            if twin.kind == "resource" and not self.resource_needs(member, twin):
                continue
            out.append(member)
        return out

    def resource_needs(self, member: Member, twin: TwinClass) -> bool:
        """Whether a resource's member must be overridden (it awaits, or returns async objects)."""
        if member.kind not in ("method", "property", "cached") or member.func is None:
            return False
        if call_kind(member.func) != "plain" or member.name in DUNDERS:
            return True
        found: list[Any] = []
        src = source_of(member.func)
        if src.returns is not None:
            Renderer(self, None, typevar_map(twin.cls), set(), src.module, found).convert(src.returns)
        return any(self.is_twinned(obj) or getattr(obj, "__name__", "") in SYNC_FORMS for obj in found)

    def is_twinned(self, obj: Any) -> bool:
        return isinstance(obj, type) and obj in self.twins

    # -- imports -------------------------------------------------------------------------------

    def module_ref(self, module: str) -> str:
        if module not in self.imports:
            if module.startswith("incus_sdk."):
                alias = "_" + "_".join(part.lstrip("_") for part in module.split(".")[1:])
            elif "." not in module:
                alias = module
            else:
                alias = "_" + module.replace(".", "_")
            if alias in self.imports.values():
                raise GenError(f"module alias {alias} taken twice")
            self.imports[module] = alias
        return self.imports[module]

    def name_ref(self, module: str, name: str) -> str:
        held = self.names.get(name)
        if held is not None and held != (module, name):
            return f"{self.module_ref(module)}.{name}"
        self.names[name] = (module, name)
        return name

    # -- output ----------------------------------------------------------------------------------

    def generate(self) -> dict[Path, str]:
        self.discover()
        ordered = self.ordered()
        classes = [emit_class(self, twin) for twin in ordered]
        functions = [emit_function(self, module, name, func) for module, name, func in self.functions]
        functions = [f for f in functions if f is not None]
        registrations = [
            f"register({self.module_ref(t.cls.__module__)}.{t.cls.__qualname__}, {t.name})" for t in ordered
        ]
        exported = sorted(t.name for t in ordered if not t.name.startswith("_"))
        exported += sorted(name for _, name, func in self.functions if self.twinned_function(func))
        header = self.header()
        classes.insert(1, SUB_API)  # after the client, whose name it uses
        body = "\n\n".join(classes + functions)
        text = header + "\n\n" + body + "\n\n\n" + "\n".join(registrations) + "\n\n__all__ = " + repr(exported) + "\n"
        files = {GENERATED: ruff_format(text, GENERATED), INIT: ruff_format(self.package_init(), INIT)}
        for key, module in self.modules.items():
            path = OUT / f"{key}.py"
            files[path] = ruff_format(self.module_file(module), path)
        return files

    def twinned_function(self, func: Callable[..., Any]) -> bool:
        """Whether a module function has a sync twin (it awaits, or returns an object that does)."""
        if call_kind(func) != "plain":
            return True
        src = source_of(func)
        found: list[Any] = []
        if src.returns is not None:
            Renderer(self, None, {}, set(), src.module, found).convert(src.returns)
        return any(self.is_twinned(obj) for obj in found)

    def module_file(self, module: types.ModuleType) -> str:
        twins = {t.cls: t.name for t in self.twins.values()}
        ours, same = [], []
        for name in module.__all__:
            obj = getattr(module, name)
            if (isinstance(obj, type) and obj in twins) or (inspect.isfunction(obj) and self.twinned_function(obj)):
                ours.append(name)
            else:
                same.append(name)
        # From incus_sdk/sync/NAME.py, the async module is ``..`` and its path below incus_sdk.
        relative = "." + module.__name__.partition(".")[2]
        doc = docstring(
            f"The sync twin of :mod:`{module.__name__}`: its names, the sync twins in place of what awaits.\n\n"
            + inspect.cleandoc(module.__doc__ or ""),
            0,
        )
        lines = ["# Generated by scripts/gen_sync.py from the async API: do not edit.", doc, ""]
        if same:
            lines.append(f"from .{relative} import {', '.join(same)}")
        if ours:
            lines.append(f"from ._generated import {', '.join(ours)}")
        lines += ["", f"__all__ = {sorted(module.__all__)!r}", ""]
        return "\n".join(lines)

    def ordered(self) -> list[TwinClass]:
        order = {"client": 0, "root": 1, "api": 2, "resource": 3, "dict": 4, "object": 5}
        pending = sorted(self.twins.values(), key=lambda t: (order[t.kind], t.cls.__module__, t.name))
        done: list[TwinClass] = []
        while pending:
            for twin in pending:
                if twin.parent is None or twin.parent in done:
                    done.append(twin)
                    pending.remove(twin)
                    break
        return done

    def header(self) -> str:
        lines = [
            "# Generated by scripts/gen_sync.py from the async API: do not edit.",
            '"""The sync twins of the async API\'s classes (generated by ``scripts/gen_sync.py``)."""',
            "",
            "from __future__ import annotations",
            "",
        ]
        plain = sorted(m for m in self.imports if not m.startswith("incus_sdk") and "." not in m)
        lines += [f"import {m}" for m in plain]
        dotted = sorted(m for m in self.imports if not m.startswith("incus_sdk") and "." in m)
        lines += [f"import {m} as {self.imports[m]}" for m in dotted]
        by_module: dict[str, list[str]] = {}
        for module, attr in self.names.values():
            by_module.setdefault(module, []).append(attr)
        for module in sorted(by_module):
            lines.append(f"from {module} import {', '.join(sorted(set(by_module[module])))}")
        for module in sorted(m for m in self.imports if m.startswith("incus_sdk")):
            package, _, leaf = module.rpartition(".")
            lines.append(f"from {package} import {leaf} as {self.imports[module]}")
        lines.append(
            "from ._base import A, ClientBase, DictTwin, RootTwin, SyncAPI, SyncResource, Twin, "
            "adopt, async_source, call_function, original, register, unwrap"
        )
        return "\n".join(lines)

    def package_init(self) -> str:
        incus_sdk = self.incus_sdk
        twins = {t.cls: t.name for t in self.twins.values()}
        from_generated: list[str] = []
        same: list[str] = []
        for name in incus_sdk.__all__:
            obj = getattr(incus_sdk, name)
            if isinstance(obj, type) and obj in twins:
                from_generated.append(name if twins[obj] == name else f"{twins[obj]} as {name}")
            elif isinstance(obj, type) and any(b in twins for b in obj.__mro__):
                raise GenError(f"incus_sdk.{name} derives from a twinned class but has no twin of its own")
            else:
                same.append(name)
        exported = sorted({*incus_sdk.__all__, "ClosedError"})
        return "\n".join(
            [
                "# Generated by scripts/gen_sync.py from the async API: do not edit.",
                PACKAGE_DOC,
                "",
                "from .. import " + ", ".join(sorted(same)),
                "from ._generated import " + ", ".join(sorted(from_generated)),
                "from ._portal import ClosedError",
                "",
                "__all__ = " + repr(exported),
                "",
            ]
        )


SUB_API = '''class _SubAPI(SyncAPI[A]):
    """The sync sub-APIs' base, with the type of their ``client``."""

    client: Client | None'''

PACKAGE_DOC = '''"""The synchronous client: the async API of incus_sdk, without ``await``.

``from incus_sdk.sync import Client``, then ``with Client() as client:`` and
every call of the async API as it is, minus ``await``: ``client.projects.list()``,
``for event in client.events(...)``, ``with client.instances.process(...) as proc``.
Models and exceptions are the async package's own objects; clients, sub-APIs,
resources (``Instance``...), replies, operations and streams are sync twins
generated from the async classes (``scripts/gen_sync.py``).

Each call runs on an event loop in a thread of its own, shared by every open
client of the process and stopped when the last one is closed; see the "Sync
client" page of the docs.
"""'''


@functools.cache
def hand_written(kind: str) -> frozenset[str]:
    """What the hand-written base of a kind of twin defines (read from its source: the package's
    ``__init__`` imports the generated module, which may be stale while this runs)."""
    tree = ast.parse((OUT / "_base.py").read_text())
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}

    def names(class_name: str) -> set[str]:
        node = classes.get(class_name)
        if node is None:
            return set()
        found: set[str] = set()
        for base in node.bases:
            head = base.value if isinstance(base, ast.Subscript) else base
            if isinstance(head, ast.Name):
                found |= names(head.id)
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.add(stmt.name)
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                found.add(stmt.target.id)
        return found

    return frozenset(names(BASES[kind]))


def sync_modules() -> dict[str, types.ModuleType]:
    """The modules with async functions, by the name of their twin in ``incus_sdk.sync``.

    ``incus_sdk.sync.<name>`` re-exports the module's ``__all__``, with the
    twins in place of what has something to await. The list is the rewrite's
    (``SYNC_MODULES``), so that examples importing them get the twin; of two
    names of one module (moved, with the old name kept) the first importable.
    """
    found: dict[str, types.ModuleType] = {}
    for module, twin in rewrite_module().SYNC_MODULES.items():
        name = twin.rpartition(".")[2]
        if twin == "incus_sdk.sync" or name in found:
            continue
        try:
            found[name] = importlib.import_module(module)
        except ImportError:
            continue  # not (or no longer) there
    return found


@functools.cache
def rewrite_module() -> types.ModuleType:
    """``incus_sdk/sync/_rewrite.py``, loaded on its own (see :func:`hand_written`)."""
    spec = importlib.util.spec_from_file_location("_gen_sync_rewrite", OUT / "_rewrite.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- annotations --------------------------------------------------------------------------------


class Renderer:
    """Rewrites an annotation (or default) of the async source for the generated module."""

    def __init__(
        self,
        gen: Generator,
        twin: TwinClass | None,
        typevars: dict[Any, Any],
        shadowed: set[str],
        module: str,
        found: list[Any] | None = None,
        *,
        rendering: bool | None = None,
    ) -> None:
        self.gen = gen
        self.twin = twin
        self._rendering = twin is not None if rendering is None else rendering
        self.typevars = typevars
        self.shadowed = shadowed
        self.scope = scope_of(module)
        self.found = found if found is not None else []
        self.mentions_twin = False
        self.mentions_api_twin = False  # a twin that is not a resource (passed unwrapped)
        self.async_iterable = False
        self.carrier = False
        self.sync_form = False  # an async form (iterator, context manager) was rewritten
        self.expand_aliases = True  # False for defaults: values, not types

    @property
    def rendering(self) -> bool:
        return self._rendering

    def render(self, node: ast.expr) -> str:
        return ast.unparse(self.convert(node))

    def convert(self, node: ast.expr, literal: bool = False) -> ast.expr:
        if literal:
            return node
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return self.convert(ast.parse(node.value, mode="eval").body)
            return node
        if isinstance(node, (ast.Name, ast.Attribute)):
            return self.reference(node)
        if isinstance(node, ast.Subscript):
            head = self.convert(node.value)
            special = self._special(node.value)
            if special is typing.Annotated and isinstance(node.slice, ast.Tuple):
                # Only the type is a type; the metadata (validators) stays as written.
                first, *metadata = node.slice.elts
                return ast.Subscript(head, ast.Tuple([self.convert(first), *metadata], ast.Load()), ast.Load())
            return ast.Subscript(head, self.convert(node.slice, literal=special is typing.Literal), ast.Load())
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return ast.BinOp(self.convert(node.left), ast.BitOr(), self.convert(node.right))
        if isinstance(node, ast.Tuple):
            return ast.Tuple([self.convert(e) for e in node.elts], ast.Load())
        if isinstance(node, ast.List):
            return ast.List([self.convert(e) for e in node.elts], ast.Load())
        if isinstance(node, ast.UnaryOp):
            return node
        raise GenError(f"cannot mirror the annotation {ast.unparse(node)!r}")

    def _special(self, node: ast.expr) -> Any:
        if not isinstance(node, (ast.Name, ast.Attribute)):
            return None
        obj, _ = self.resolve(node)
        return obj

    def resolve(self, node: ast.expr) -> tuple[Any, tuple[str, str | None]]:
        if isinstance(node, ast.Name):
            return self.scope.lookup(node.id)
        assert isinstance(node, ast.Attribute)
        base, origin = self.resolve(node.value)
        obj = getattr(base, node.attr)
        if isinstance(base, types.ModuleType):
            return obj, (base.__name__, node.attr)
        return obj, (origin[0], f"{origin[1]}.{node.attr}")

    def reference(self, node: ast.expr) -> ast.expr:
        obj, origin = self.resolve(node)
        definition = alias_definition(obj, origin) if self.expand_aliases else None
        if definition is not None:
            # A type alias (``UploadSource = Union[..., AsyncIterable[bytes]]``):
            # kept by name, unless what it stands for has a sync form of its own.
            module, expr = definition
            probe = Renderer(self.gen, None, self.typevars, set(), module)
            probe.convert(expr)
            if probe.async_iterable or probe.mentions_twin or probe.sync_form:
                inner = Renderer(
                    self.gen, self.twin, self.typevars, self.shadowed, module, self.found, rendering=self.rendering
                )
                converted = inner.convert(expr)
                self.mentions_twin |= inner.mentions_twin
                self.mentions_api_twin |= inner.mentions_api_twin
                self.async_iterable |= inner.async_iterable
                self.carrier |= inner.carrier
                self.sync_form |= inner.sync_form
                return converted
        return ast.parse(self.text_of(obj, origin), mode="eval").body

    def text_of(self, obj: Any, origin: tuple[str, str | None] | None) -> str:
        if isinstance(obj, typing.TypeVar):
            if obj not in self.typevars:
                if not self.rendering:
                    return "object"
                raise GenError(f"the TypeVar {obj} has no value here")
            return self.text_of(self.typevars[obj], None)
        self.found.append(obj)
        if obj is typing.Self or obj is getattr(__import__("typing_extensions"), "Self", None):
            self.mentions_twin = True
            return self.twin.name if self.twin else "Self"
        if isinstance(obj, type) and obj in self.gen.twins:
            twin = self.gen.twins[obj]
            self.mentions_twin = True
            if twin.kind != "resource":
                self.mentions_api_twin = True
            return twin.name
        if isinstance(obj, type) and f"{obj.__module__}.{obj.__qualname__}" in CARRIERS:
            self.carrier = True
        name = getattr(obj, "__name__", None) or getattr(obj, "_name", None)
        if name in SYNC_FORMS and (origin is None or origin[0] in ("typing", "collections.abc", "contextlib")):
            if name in ("AsyncIterable",):
                self.async_iterable = True
            self.sync_form = True
            if not self.rendering:
                return name
            module, sync = SYNC_FORMS[name]
            return self.gen.name_ref(module, sync)
        if not self.rendering:
            return "object"
        if isinstance(obj, types.ModuleType):
            return self.gen.module_ref(obj.__name__)
        if (origin is not None and origin[0] == "builtins") or (
            isinstance(obj, type) and obj.__module__ == "builtins" and getattr(builtins, obj.__name__, None) is obj
        ):
            name = obj.__name__ if isinstance(obj, type) else origin[1]  # type: ignore[index]
            if name in BUILTIN_GENERICS:
                return self.gen.name_ref("typing", BUILTIN_GENERICS[name])
            if name in self.shadowed:
                return f"{self.gen.module_ref('builtins')}.{name}"
            return name
        if origin is not None and origin[0] in ("typing", "collections.abc", "contextlib", "typing_extensions"):
            attr = origin[1] or ""
            if origin[0] == "typing" and attr in ("Iterable", "Iterator", "Mapping", "Sequence", "Callable"):
                return self.gen.name_ref("collections.abc", attr)
            if origin[0] == "typing" and attr in BUILTIN_GENERICS.values():
                return self.gen.name_ref("typing", attr)
            return self.gen.name_ref(origin[0], attr)
        if isinstance(obj, type) and _importable(obj):
            return f"{self.gen.module_ref(obj.__module__)}.{obj.__qualname__}"
        if origin is None or origin[1] is None:
            raise GenError(f"cannot name {obj!r} in the generated module")
        return f"{self.gen.module_ref(origin[0])}.{origin[1]}"


def alias_definition(obj: Any, origin: tuple[str, str | None]) -> tuple[str, ast.expr] | None:
    """Where a type alias of the SDK is defined, and as what (None for anything else)."""
    module_name, name = origin
    if (
        isinstance(obj, (type, types.ModuleType, typing.TypeVar))
        or name is None
        or "." in name
        or not module_name.startswith("incus_sdk")
    ):
        return None
    module = importlib.import_module(module_name)
    if getattr(module, name, None) is not obj:
        return None
    for node in ast.parse(inspect.getsource(module)).body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == [name]:
            return module_name, node.value
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            return (module_name, node.value) if node.value is not None else None
    # Imported into ``module_name`` from where it is defined.
    source = scope_of(module_name).origins.get(name)
    if source is not None and source[0] != module_name and source[1] is not None:
        return alias_definition(obj, source)
    return None


def _importable(cls: type) -> bool:
    """Whether ``cls`` is found under its own module and name (not so for ``types.TracebackType``...)."""
    if cls.__module__.startswith("_") or "<" in cls.__qualname__:
        return False
    module = sys.modules.get(cls.__module__)
    target: Any = module
    for part in cls.__qualname__.split("."):
        target = getattr(target, part, None)
    return target is cls


# -- emitting ---------------------------------------------------------------------------------------


def emit_class(gen: Generator, twin: TwinClass) -> str:
    cls = twin.cls
    alias = gen.module_ref(cls.__module__)
    async_ref = f"{alias}.{cls.__qualname__}"
    if twin.parent is not None:
        bases = [twin.parent.name]
        if twin.kind == "resource":
            bases.append(async_ref)
    elif twin.kind == "api":
        bases = [f"_SubAPI[{async_ref}]"]
    elif twin.kind in ("dict", "object"):
        bases = [f"{BASES[twin.kind]}[{async_ref}]"]
    elif twin.kind == "resource":
        bases = ["SyncResource", async_ref]
    elif twin.kind == "root":
        bases = [f"RootTwin[{async_ref}]"]
    else:
        bases = ["ClientBase"]
    doc = docstring(cls.__doc__ or f"Sync twin of :class:`{cls.__module__}.{cls.__qualname__}`.", 4)
    lines = [f"class {twin.name}({', '.join(bases)}):", doc]
    if twin.parent is not None and twin.kind != "resource":
        lines.append(f"    _async: {async_ref}")
    shadowed = {DUNDERS.get(m.name, m.name) for m in members_of(cls)}
    typevars = typevar_map(cls)
    if twin.kind in ("client", "root"):
        lines.append(f"    _ACLOSE = {ROOTS[_qualified(cls)]!r}")
        lines.append(emit_client_init(gen, twin, typevars, shadowed))
    aliases = []
    for member in twin.members:
        if member.alias_of is not None:
            aliases.append(f"    {member.name} = {member.alias_of}")
            continue
        lines.append(emit_member(gen, twin, member, typevars, shadowed, async_ref))
    lines += aliases
    return "\n\n".join(lines)


def docstring(doc: str, indent: int) -> str:
    text = rewrite_module().unasync_docstring(inspect.cleandoc(doc)).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    pad = " " * indent
    body = textwrap.indent(text, pad).lstrip()
    if "\n" in text:
        return f'{pad}"""{body}\n{pad}"""'
    return f'{pad}"""{body}"""'


def emit_client_init(gen: Generator, twin: TwinClass, typevars: dict[Any, Any], shadowed: set[str]) -> str:
    init = vars(twin.cls)["__init__"]
    src = source_of(init)
    renderer = Renderer(gen, twin, typevars, shadowed, src.module)
    params = render_params(src, renderer)
    call = call_args(src, renderer, skip_first=True)
    alias = gen.module_ref(twin.cls.__module__)
    return "\n".join(
        [
            f"    def __init__({params}) -> None:",
            docstring(init.__doc__ or "", 8),
            f"        self._open({alias}.{twin.cls.__qualname__}({call}))",
        ]
    )


def render_params(src: Source, renderer: Renderer, *, stub: bool = False) -> str:
    out: list[str] = []
    previous = ""
    for param in src.params:
        if previous == "posonly" and param.kind != "posonly":
            out.append("/")
        if param.kind == "kwonly" and previous not in ("varpos", "kwonly"):
            out.append("*")
        previous = param.kind
        prefix = {"varpos": "*", "varkw": "**"}.get(param.kind, "")
        text = prefix + param.name
        if param.annotation is not None:
            text += ": " + renderer.render(param.annotation)
        if param.default is not None:
            default = "..." if stub else render_default(param.default, renderer)
            text += (" = " if param.annotation is not None else "=") + default
        out.append(text)
    if previous == "posonly":
        out.append("/")
    return ", ".join(out)


def render_default(node: ast.expr, renderer: Renderer) -> str:
    try:
        ast.literal_eval(node)
        return ast.unparse(node)
    except ValueError:
        values = Renderer(
            renderer.gen, renderer.twin, renderer.typevars, renderer.shadowed, renderer.scope.module.__name__
        )
        values.expand_aliases = False
        return values.render(node)


def call_args(src: Source, renderer: Renderer, skip_first: bool = False) -> str:
    out = []
    params = src.params[1:] if skip_first else src.params
    for param in params:
        value = param.name
        if param.annotation is not None:
            check = Renderer(
                renderer.gen, renderer.twin, renderer.typevars, renderer.shadowed, src.module, rendering=True
            )
            check.render(param.annotation)
            if check.async_iterable:
                value = f"async_source({value})"
            elif check.mentions_api_twin:
                value = f"unwrap({value})"
        if param.kind == "varpos":
            out.append(f"*{value}")
        elif param.kind == "varkw":
            out.append(f"**{value}")
        elif param.kind == "kwonly":
            out.append(f"{param.name}={value}")
        else:
            out.append(value)
    return ", ".join(out)


def emit_member(
    gen: Generator, twin: TwinClass, member: Member, typevars: dict[Any, Any], shadowed: set[str], async_ref: str
) -> str:
    if member.kind == "child":
        renderer = Renderer(gen, twin, typevars, shadowed, member.annotation_module)
        assert member.annotation is not None
        node = ast.parse(member.annotation, mode="eval").body
        sub = twin_of_return(gen, node, member.annotation_module, typevars)
        assert sub is not None and sub.kind == "api", member.name
        gen.name_ref("functools", "cached_property")
        return "\n".join(
            [
                "    @cached_property",
                f"    def {member.name}(self) -> {renderer.render(node)}:",
                docstring(member.doc or f"``{member.name}`` of the async object.", 8),
                f"        return {sub.name}._nested(self._async.{member.name}, self)",
            ]
        )
    if member.kind == "attribute":
        renderer = Renderer(gen, twin, typevars, shadowed, member.annotation_module)
        assert member.annotation is not None
        ann = renderer.render(ast.parse(member.annotation, mode="eval").body)
        body = f'self._attr("{member.name}")' if renderer.mentions_twin else f"self._async.{member.name}"
        doc = textwrap.fill(member.doc, 100) if member.doc else f"``{member.name}`` of the async object."
        return "\n".join(
            [
                "    @property",
                f"    def {member.name}(self) -> {ann}:",
                docstring(doc, 8),
                f"        return {body}",
            ]
        )
    assert member.func is not None
    func = member.func
    src = source_of(func)
    renderer = Renderer(gen, twin, typevars, shadowed, src.module)
    kind = call_kind(func)
    returns_node = src.returns
    ret_renderer = Renderer(gen, twin, typevars, shadowed, src.module)
    returns = ret_renderer.render(returns_node) if returns_node is not None else "None"
    top = _top_name(returns_node, ret_renderer) if returns_node is not None else ""
    sync_name = DUNDERS.get(member.name, member.name)
    deprecated = getattr(func, "__deprecated__", None)
    resource = twin.kind == "resource"
    self_name = src.params[0].name if src.params else "self"

    # What the call gives, and how the twin hands it over.
    if kind == "acm":
        inner = returns_node.slice if isinstance(returns_node, ast.Subscript) else None  # type: ignore[union-attr]
        inner_r = Renderer(gen, twin, typevars, shadowed, src.module)
        inner_text = inner_r.render(inner) if inner is not None else "Any"
        returns = f"{gen.name_ref('contextlib', 'AbstractContextManager')}[{inner_text}]"
        shape, wrap_items = "context", inner_r.mentions_twin
    elif top in ("AsyncIterator", "AsyncIterable", "AsyncGenerator") and member.name != "__anext__":
        inner_r = Renderer(gen, twin, typevars, shadowed, src.module)
        if isinstance(returns_node, ast.Subscript):
            slice_ = returns_node.slice
            first = slice_.elts[0] if isinstance(slice_, ast.Tuple) else slice_
            inner_r.render(first)
        shape, wrap_items = ("iterate_awaited" if kind == "coroutine" else "iterate"), inner_r.mentions_twin
    elif top in ("AbstractAsyncContextManager", "AsyncContextManager"):
        inner_r = Renderer(gen, twin, typevars, shadowed, src.module)
        if isinstance(returns_node, ast.Subscript):
            inner_r.render(returns_node.slice)
        shape, wrap_items = "context", inner_r.mentions_twin
    elif member.name == "__anext__":
        shape, wrap_items = "next", ret_renderer.mentions_twin
    elif kind == "coroutine":
        shape, wrap_items = "run", False
    else:
        shape, wrap_items = "plain", False
    wrap_result = ret_renderer.mentions_twin or ret_renderer.carrier

    if member.kind == "cached":
        sub = twin_of_return(gen, returns_node, src.module, typevars)
        lines = ["    @cached_property", f"    def {sync_name}(self) -> {returns}:", docstring(doc_of(func), 8)]
        if sub is not None and sub.kind == "api":
            lines.append(f"        return {sub.name}._nested(self._async.{member.name}, self)")
        elif wrap_result:
            lines.append(f"        return self._wrap(self._async.{member.name})")
        else:
            lines.append(f"        return self._async.{member.name}")
        gen.name_ref("functools", "cached_property")
        return "\n".join(lines)
    if member.kind == "property":
        body = f'self._attr("{member.name}")' if wrap_result else f"self._async.{member.name}"
        if resource:
            body = f"self._wrap(super().{member.name})"
        return "\n".join(
            [
                "    @property",
                f"    def {sync_name}(self) -> {returns}:",
                docstring(doc_of(func), 8),
                f"        return {body}",
            ]
        )

    # The call of the async method.
    if member.kind == "classmethod":
        target = f"{async_ref}.{member.name}"
        args = call_args(src, renderer, skip_first=True)
    elif resource:
        target = f"{async_ref}.{member.name}"
        args = ", ".join(filter(None, [self_name, call_args(src, renderer, skip_first=True)]))
    else:
        target = f"{self_name}._async.{member.name}"
        args = call_args(src, renderer, skip_first=True)
    if deprecated is not None:
        owner = f"{gen.module_ref(member.owner.__module__)}.{member.owner.__qualname__}"
        target = f"original({owner}.{member.name})"
        if not resource:
            args = ", ".join(filter(None, [f"{self_name}._async", call_args(src, renderer, skip_first=True)]))
    overloads = typing.get_overloads(inspect.unwrap(func))
    prelude = ""
    if overloads:
        # The implementation's own signature matches none of the overloads.
        prelude = f"        method: {gen.name_ref('typing', 'Any')} = {target}\n"
        target = "method"
    call = f"{target}({args})"
    w = "True" if wrap_items else "False"
    if member.kind == "classmethod":
        body = f"return {self_name}._adopt_root({call})"
    elif member.name == "__aexit__" and twin.kind in ("client", "root"):
        body = f"{self_name}.close()"  # the runner too, not only the async object's connections
    elif member.name == "__aenter__" and twin.kind == "client":
        body = f"{self_name}.connect()  # closes the client if it fails\n        return {self_name}"
    elif shape == "context":
        body = f"return {self_name}._context({call}, {w})"
    elif shape == "iterate":
        body = f"return {self_name}._iterate({call}, {w})"
    elif shape == "iterate_awaited":
        body = f"return {self_name}._iterate({self_name}._run({call}), {w})"
    elif shape == "next":
        body = f"return {self_name}._next({self_name}._async, {w})"
    elif shape == "run":
        body = (
            f"return {self_name}._wrap({self_name}._run({call}))" if wrap_result else f"return {self_name}._run({call})"
        )
    else:
        body = f"return {self_name}._wrap({call})" if wrap_result else f"return {call}"

    out = []
    for overload in overloads:
        osrc = source_of(overload)
        orr = Renderer(gen, twin, typevars, shadowed, osrc.module)
        oret = orr.render(osrc.returns) if osrc.returns is not None else "None"
        gen.name_ref("typing", "overload")
        out.append(f"    @overload\n    def {sync_name}({render_params(osrc, orr, stub=True)}) -> {oret}: ...")
    decorators = []
    if member.kind == "classmethod":
        decorators.append("    @classmethod")
    if deprecated is not None:
        from incus_sdk.api._compat import DEPRECATED

        replacement = DEPRECATED[func.__wrapped__.__qualname__]  # the function @deprecated marked
        decorators.append(f"    @{gen.module_ref('incus_sdk.api._compat')}.deprecated({replacement!r})")
    params = render_params(src, renderer)
    doc = doc_of(func)
    out.append(
        "\n".join(
            [*decorators, f"    def {sync_name}({params}) -> {returns}:", docstring(doc, 8), f"{prelude}        {body}"]
        )
    )
    return "\n\n".join(out)


def emit_function(gen: Generator, module: types.ModuleType, name: str, func: Callable[..., Any]) -> str | None:
    """The sync twin of a module function (None if it has nothing to await and returns nothing that does)."""
    if not gen.twinned_function(func):
        return None
    src = source_of(func)
    renderer = Renderer(gen, None, {}, set(), src.module, rendering=True)
    params = render_params(src, renderer)
    returns = Renderer(gen, None, {}, set(), src.module, rendering=True)
    ret = returns.render(src.returns) if src.returns is not None else "None"
    call = f"{gen.module_ref(func.__module__)}.{func.__name__}({call_args(src, renderer)})"
    if call_kind(func) == "plain":
        body = f"return adopt({call})"
    else:
        owners = []
        for param in src.params:
            check = Renderer(gen, None, {}, set(), src.module, rendering=True)
            if param.annotation is not None:
                check.render(param.annotation)
            if check.mentions_api_twin:
                owners.append(param.name)
        body = f"return call_function(({', '.join(owners)}{',' if len(owners) == 1 else ''}), lambda: {call})"
    return "\n".join([f"def {name}({params}) -> {ret}:", docstring(doc_of(func), 4), f"    {body}"])


def doc_of(func: Callable[..., Any]) -> str:
    inner = func.__wrapped__ if getattr(func, "__deprecated__", None) else func  # type: ignore[attr-defined]
    return inner.__doc__ or f"Sync twin of ``{func.__qualname__}``."


def _top_name(node: ast.expr, renderer: Renderer) -> str:
    head = node.value if isinstance(node, ast.Subscript) else node
    if not isinstance(head, (ast.Name, ast.Attribute)):
        return ""
    obj, _ = renderer.resolve(head)
    return getattr(obj, "__name__", None) or getattr(obj, "_name", None) or ""


def twin_of_return(gen: Generator, node: ast.expr | None, module: str, typevars: dict[Any, Any]) -> TwinClass | None:
    if node is None:
        return None
    found: list[Any] = []
    Renderer(gen, None, typevars, set(), module, found).convert(node)
    return next((gen.twins[o] for o in found if isinstance(o, type) and o in gen.twins), None)


def ruff_format(text: str, path: Path) -> str:
    """``text`` as ``ruff format`` (then ``ruff check --fix`` for the imports) leaves it."""
    ruff = [sys.executable, "-m", "ruff"]
    name = str(path.relative_to(ROOT))
    fixed = subprocess.run(
        [*ruff, "check", "--fix", "--select", "I,F401,UP", "--stdin-filename", name, "-"],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if fixed.returncode not in (0, 1) or not fixed.stdout:
        raise GenError(f"ruff check failed on {name}:\n{fixed.stderr}")
    formatted = subprocess.run(
        [*ruff, "format", "--stdin-filename", name, "-"], input=fixed.stdout, capture_output=True, text=True, cwd=ROOT
    )
    if formatted.returncode != 0:
        import tempfile

        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as dump:
            dump.write(fixed.stdout)
        raise GenError(f"ruff format failed on {name} (output kept in {dump.name}):\n{formatted.stderr}")
    return formatted.stdout


def generate() -> dict[Path, str]:
    """The generated files' paths and contents."""
    return Generator().generate()


def main() -> None:
    for path, text in generate().items():
        path.write_text(text)
        print(f"wrote {path.relative_to(ROOT)}")


def iter_twins() -> Iterator[type]:
    """The async classes that have a twin (for tests)."""
    gen = Generator()
    gen.discover()
    yield from gen.twins


if __name__ == "__main__":
    main()
