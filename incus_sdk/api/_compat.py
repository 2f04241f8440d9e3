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
  them all.
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar, cast

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


__all__ = ["DEPRECATED", "deprecated"]
