"""An instance's image metadata: ``client.instances.metadata``
(``/1.0/instances/{name}/metadata``) and its template files,
``client.instances.metadata.templates`` (``.../metadata/templates?path=``).

The metadata is the instance's ``metadata.yaml`` (architecture, dates,
descriptive ``properties``, and the ``templates`` rendered into the
instance); each instance has exactly one, so the verbs take only the
instance's name.
"""

from __future__ import annotations

from typing import List

from .._core import Response
from .._paths import api_path
from ..models import _spec
from ..models._base import Resource
from ._base import SubAPI, child
from ._bodies import fields_of
from ._collection import PARENT, Body, Collection, Family
from .instance_logs import read_raw

#: The metadata's place under the instance: the engine's member key.
_METADATA = "metadata"


class InstanceMetadata(Resource, _spec.ImageMetadata):
    """An instance's image metadata (its ``metadata.yaml``), read with its ETag.

    ``update()`` / ``replace()`` act on it, as the :class:`InstanceMetadataAPI`
    verbs of the same name: they take the fields (``config``) and ``wait``
    (default: wait until the server has finished), and return the server's
    reply.

    Attributes:
        architecture: The architecture.
        creation_date: When the image was made (UNIX time).
        properties: Descriptive properties (``os``, ``release``...).
        templates: File path in the instance -> the template rendering it.
    """

    _family = "instances.metadata"

    @property
    def instance(self) -> str:
        """The name of the instance it belongs to ("" for metadata built by hand)."""
        return self._parents[0] if self._parents else ""

    def _metadata(self) -> InstanceMetadataAPI:
        return self._resolve(InstanceMetadataAPI)

    async def update(self, config: Body, *, wait: bool = True) -> Response:
        """Change the fields given, e.g. ``{"properties": {"note": "x"}}``, keeping the others."""
        return await self._metadata().update(self.instance, config, wait=wait)

    async def replace(self, config: Body | None = None, *, wait: bool = True) -> Response:
        """Replace the metadata, refusing if it changed since this object was read.

        Args:
            config: The new metadata; by default this object's own fields
                (change its attributes, then call ``replace()``).

        Raises:
            IncusPreconditionFailedError: If it changed since it was read.
        """
        body = fields_of(_spec.ImageMetadata, self.to_dict()) if config is None else config
        return await self._metadata().replace(self.instance, body, etag=self.etag, wait=wait)


class InstanceTemplatesAPI(SubAPI):
    """The template files of an instance's metadata (``client.instances.metadata.templates``).

    A template (pongo2 syntax) is rendered into the instance when its
    metadata's ``templates`` names it for a path and a trigger
    (``create``, ``copy``, ``start``...).
    """

    def _path(self, name: str) -> str:
        return api_path("instances", name, "metadata", "templates")

    async def names(self, name: str) -> List[str]:
        """Return the names of the instance's template files.

        Args:
            name: Name of the instance.

        Returns:
            The file names, e.g. ``["hostname.tpl"]``.
        """
        names = await self._core.get_metadata(self._path(name))
        return [str(n) for n in names or []]

    async def get(self, name: str, template: str) -> str:
        """Read one template file.

        Args:
            name: Name of the instance.
            template: The template's file name.

        Returns:
            Its text.

        Raises:
            IncusNotFoundError: If there is no such template.
        """
        raw = await read_raw(self._core, self._path(name), {"path": template})
        return raw.decode("utf-8", "replace")

    async def create(self, name: str, template: str, content: str | bytes) -> Response:
        """Create a template file, or replace the one of that name.

        The file only takes effect once the metadata's ``templates`` names it
        (see :meth:`InstanceMetadataAPI.update`).

        Args:
            name: Name of the instance.
            template: Template file name, e.g. ``hostname.tpl``.
            content: The template (pongo2 syntax).

        Returns:
            The server's reply.
        """
        data = content.encode() if isinstance(content, str) else content
        return await self._core.request(
            "POST",
            self._path(name),
            params={"path": template},
            data=data,
            headers={"Content-Type": "application/octet-stream"},
        )

    async def delete(self, name: str, template: str) -> Response:
        """Delete a template file.

        Args:
            name: Name of the instance.
            template: The template's file name.

        Returns:
            The server's reply.

        Raises:
            IncusNotFoundError: If there is no such template.
        """
        return await self._core.request("DELETE", self._path(name), params={"path": template})


class InstanceMetadataAPI(Collection[InstanceMetadata]):
    """Instances' image metadata (``client.instances.metadata``), on the collection engine.

    ``get`` / ``update`` / ``patch`` / ``replace`` mean what they mean in
    every family (see the Conventions page): ``update`` changes only what it is given (``None`` removes a key of
    ``properties`` or ``templates``). Incus 6.0 ignores ``If-Match`` on the
    metadata's ``PUT``, so with an ``etag`` the SDK compares it itself just
    before writing. The template files are :attr:`templates`.

    Every method takes the instance's name (``name``). The writes take
    ``etag`` (apply only if the metadata still has this ETag, from
    :meth:`get`; ``update`` then does not retry) and ``wait`` (default: wait
    until the server has finished), and return the server's reply.
    """

    # One object per instance: the engine's member key is the fixed segment "metadata".
    family = Family(("instances", PARENT), put=_spec.ImageMetadata)
    server_checks_etag = False

    templates = child(InstanceTemplatesAPI)
    """The template files (``.../metadata/templates``)."""

    async def get(self, name: str) -> InstanceMetadata:
        """Read an instance's image metadata.

        Returns:
            The metadata, with ``etag`` set for a later safe :meth:`replace`.

        Raises:
            IncusNotFoundError: If there is no such instance.
        """
        return await self._get((name,), _METADATA)

    async def update(self, name: str, config: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Change the fields given, keeping every other (read, merge, ``PUT``).

        Within ``properties`` and ``templates`` only the keys given change
        (``None`` removes one); other fields given replace the old value.

        Args:
            config: The fields to change, e.g. ``{"properties": {"note": "x"}}``.

        Raises:
            ValueError: If a key is not a metadata field.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._update((name,), _METADATA, config, etag=etag, wait=wait)

    async def patch(self, name: str, config: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Send the server's own ``PATCH`` (Incus 6.0 merges the map keys given; it removes none).

        Args:
            config: The fields to send (the server checks ``etag`` on ``PATCH``).
        """
        return await self._patch((name,), _METADATA, config, etag=etag, wait=wait)

    async def replace(self, name: str, config: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Replace the whole metadata (``PUT``: a field left out is reset).

        Args:
            config: The new metadata (a mapping, or an ``ImageMetadata``).

        Raises:
            ValueError: If a key is not a metadata field.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        return await self._replace((name,), _METADATA, config, etag=etag, wait=wait)


__all__ = ["InstanceMetadata", "InstanceMetadataAPI", "InstanceTemplatesAPI"]
