"""Names kept for users of earlier releases.

Two kinds, both documented apart from the native API:

* **Seed names**: the flat methods of the seed SDK (``incus-sdk`` 1.0.0),
  such as ``storage_pools.list_volumes``. They are supported for good: each
  is a one-line delegation to the native method, in one block marked
  ``# -- seed compatibility`` at the end of its class.
* **Deprecated aliases**: names of incus_sdk 0.1.0 that the one-contract
  redesign replaced (``instances.create_snapshot`` is now
  ``instances.snapshots.create``). They still work, and warn with a
  :class:`DeprecationWarning` naming the replacement; CHANGELOG.md lists
  them all. One that only forwards to a native method is declared with
  :func:`deprecated_alias`, one line; one that does more is a method
  marked :func:`deprecated`.
"""

from __future__ import annotations

import functools
import inspect
import sys
import warnings
from collections.abc import Awaitable, Callable
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, cast, overload

P = ParamSpec("P")
R = TypeVar("R")

#: Every deprecated alias: its qualified name -> what to use instead.
DEPRECATED: dict[str, str] = {}


def deprecated(replacement: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a method as a deprecated alias: calling it warns, naming ``replacement``.

    Args:
        replacement: What to call instead, as users write it
            (``"client.instances.snapshots.create(name, snapshot)"``).

    Returns:
        The decorator (it keeps the method's signature, docstring and
        coroutine-ness).
    """

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        message = f"{func.__name__}() is deprecated; use {replacement}"
        DEPRECATED[func.__qualname__] = replacement
        if inspect.iscoroutinefunction(func):
            coroutine = cast(Callable[P, Awaitable[Any]], func)

            @functools.wraps(func)
            async def warn_async(*args: P.args, **kwargs: P.kwargs) -> Any:
                warnings.warn(message, DeprecationWarning, stacklevel=2)
                return await coroutine(*args, **kwargs)

            wrapper = cast(Callable[P, R], warn_async)
        else:

            @functools.wraps(func)
            def warn(*args: P.args, **kwargs: P.kwargs) -> R:
                warnings.warn(message, DeprecationWarning, stacklevel=2)
                return func(*args, **kwargs)

            wrapper = warn
        wrapper.__doc__ = f"Deprecated: use {replacement}.\n\n{func.__doc__ or ''}"
        wrapper.__deprecated__ = message  # type: ignore[attr-defined]
        return wrapper

    return decorate


class deprecated_alias(Generic[P, R]):  # lower case: used as a declaration, like a decorator
    """Declare a deprecated alias that forwards to a native method of a nested sub-API.

    ``list_snapshots = deprecated_alias("instances.snapshots", InstanceSnapshotsAPI.list, instance="name")``
    in the class body of ``InstancesAPI`` makes ``client.instances.list_snapshots(name, recursion)``
    warn (as :func:`deprecated` does) and call
    ``client.instances.snapshots.list(name, recursion)``. The alias takes the
    native method's parameters, those in ``renamed`` under their old names;
    its replacement, as the warning and :data:`DEPRECATED` name it, is the
    native call with the alias's positional parameters
    (``client.instances.snapshots.list(name, recursion)``).

    When the class is made, the declaration puts a plain function in its
    place (marked as :func:`deprecated` marks one, wrapping the native
    method, its ``__alias_of__`` naming the native method, the renames and
    where it is declared), which introspection, the sync generator and
    ``inspect.signature`` read as any other method.

    Args:
        via: Where the native method's sub-API is, from the client
            (``"instances.snapshots"``): the first step is the class the alias
            is declared in, the others its attributes.
        native: The native method, unbound (``InstanceSnapshotsAPI.list``).
        **renamed: Native parameter name -> the alias's name for it.
    """

    def __init__(self, via: str, native: Callable[Concatenate[Any, P], R], **renamed: str) -> None:
        self._via = via
        self._native = native
        self._renamed = renamed
        # Where the declaration stands, so that the function sorts there among the methods.
        self._line = sys._getframe(1).f_lineno

    def __set_name__(self, owner: type, name: str) -> None:
        setattr(owner, name, self._build(owner, name))

    def _build(self, owner: type, name: str) -> Callable[..., Any]:
        steps = self._via.split(".")[1:]
        native_name = self._native.__name__
        back = {old: new for new, old in self._renamed.items()}

        def call(api: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
            for step in steps:
                api = getattr(api, step)
            return getattr(api, native_name)(*args, **{back.get(k, k): v for k, v in kwargs.items()})

        async def forward_awaited(api: Any, *args: Any, **kwargs: Any) -> Any:
            return await call(api, args, kwargs)

        def forward_plain(api: Any, *args: Any, **kwargs: Any) -> Any:
            return call(api, args, kwargs)

        forward: Any = forward_awaited if inspect.iscoroutinefunction(self._native) else forward_plain
        native = inspect.signature(self._native)
        params = [p.replace(name=self._renamed.get(p.name, p.name)) for p in native.parameters.values()]
        positional = [p.name for p in params[1:] if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        shown = [*positional, "..."] if any(p.kind == p.KEYWORD_ONLY for p in params) and positional else positional
        replacement = f"client.{self._via}.{native_name}({', '.join(shown)})"
        forward.__name__ = name
        forward.__qualname__ = f"{owner.__qualname__}.{name}"
        # The native's annotations, renamed, read in the native's module (where their names are).
        forward.__module__ = self._native.__module__
        forward.__annotations__ = {self._renamed.get(k, k): v for k, v in self._native.__annotations__.items()}
        forward.__doc__ = (self._native.__doc__ or "").strip().partition("\n")[0]
        forward.__signature__ = native.replace(parameters=params)
        forward.__alias_of__ = (self._native, dict(self._renamed), self._line)
        forward.__wrapped__ = self._native  # what it gives is what the native gives (an async context manager...)
        built: Callable[..., Any] = deprecated(replacement)(forward)
        return built

    @overload
    def __get__(self, obj: None, owner: type) -> Callable[Concatenate[Any, P], R]: ...

    @overload
    def __get__(self, obj: object, owner: type) -> Callable[P, R]: ...

    def __get__(self, obj: object, owner: type) -> Callable[..., R]:
        # Only for the type checker: the class holds the built function, not this declaration.
        raise AttributeError(f"{self._native.__qualname__} alias read before its class was made")


__all__ = ["DEPRECATED", "deprecated", "deprecated_alias"]
