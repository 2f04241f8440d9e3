"""Declaring which API extensions a method needs.

A method decorated with :func:`requires_extension` first checks the
server's ``api_extensions`` (read once per client, see
:meth:`~incus_sdk._core.Core.extensions`) and raises
:class:`~incus_sdk.IncusExtensionMissingError` before sending its own
request when one is missing, instead of letting an older server answer
with a confusing 404 or silently ignore an unknown field::

    class WarningsAPI(SubAPI):
        @requires_extension("warnings")
        async def list(self) -> list[IncusWarning]: ...

The names a method needs are kept on it as ``__incus_extensions__`` so that
documentation and tests can read them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

if TYPE_CHECKING:
    from ._base import SubAPI

S = TypeVar("S", bound="SubAPI")
P = ParamSpec("P")
R = TypeVar("R")


def requires_extension(
    *names: str,
) -> Callable[
    [Callable[Concatenate[S, P], Coroutine[Any, Any, R]]], Callable[Concatenate[S, P], Coroutine[Any, Any, R]]
]:
    """Make a sub-API method check for API extensions before it sends anything.

    Args:
        *names: The extensions the method needs (all of them).

    Returns:
        The decorator.

    Raises:
        ValueError: If no name is given.
    """
    if not names:
        raise ValueError("requires_extension() needs at least one extension name")

    def decorate(
        method: Callable[Concatenate[S, P], Coroutine[Any, Any, R]],
    ) -> Callable[Concatenate[S, P], Coroutine[Any, Any, R]]:
        what = f"{method.__qualname__}()"

        @functools.wraps(method)
        async def checked(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
            await self._core.require_extension(*names, what=what)
            return await method(self, *args, **kwargs)

        checked.__incus_extensions__ = names  # type: ignore[attr-defined]
        return checked

    return decorate


def extensions_of(method: Callable[..., object]) -> tuple[str, ...]:
    """Return the API extensions a decorated method declares (``()`` if none)."""
    return tuple(getattr(method, "__incus_extensions__", ()))


__all__ = ["extensions_of", "requires_extension"]
