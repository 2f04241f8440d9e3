"""What every sub-API shares: the core it sends through, and its nested sub-APIs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:
    from .._core import Core


class SubAPI:
    """Base of ``client.projects``, ``client.instances``...

    A sub-API acts through its core alone (the connection, project and
    target it was built with); it knows nothing of the client above it.

    Attributes:
        client: The :class:`~incus_sdk.Client` whose attribute this is
            (``client.projects.client``), kept for incus_sdk 0.1.0 code;
            None for a nested sub-API (``client.instances.snapshots``) and
            one built from a core.
    """

    def __init__(self, core: Core, client: object = None) -> None:
        self._core = core
        self.client = client


A = TypeVar("A", bound=SubAPI)


class child(Generic[A]):
    """A nested sub-API, declared in its parent's class: ``aliases = child(ImageAliasesAPI)``.

    On first access from a sub-API it builds ``api`` on that sub-API's core
    (same connection, project and target) and keeps it in the instance, as
    :func:`functools.cached_property` would; a scoped copy of the parent
    builds its own. Read from the class, it is this declaration (the sync
    generator and the docs read ``api`` and the docstring written after it).
    """

    def __init__(self, api: type[A]) -> None:
        self.api = api
        self.name = ""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> child[A]: ...

    @overload
    def __get__(self, instance: SubAPI, owner: type[Any]) -> A: ...

    def __get__(self, instance: SubAPI | None, owner: type[Any]) -> child[A] | A:
        if instance is None:
            return self
        # A non-data descriptor: once stored, the instance's own attribute wins.
        built = instance.__dict__[self.name] = self.api(instance._core)
        return built
