"""Image models: ``Image`` (full read), ``ImagePut`` (writable part),
``ImagesPost`` (create body), ``ImageAlias`` (an alias entry) and
``ImageProgress`` (what transfer callbacks receive)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import _spec
from ._base import Resource

if TYPE_CHECKING:
    from .._core import Response

ImagePut = _spec.ImagePut
ImagesPost = _spec.ImagesPost
ImagesPostSource = _spec.ImagesPostSource
ImageSource = _spec.ImageSource
ImageExportPost = _spec.ImageExportPost
ImageMetadata = _spec.ImageMetadata
ImageAliasesPost = _spec.ImageAliasesPost
ImageAliasesEntryPut = _spec.ImageAliasesEntryPut
ImageAliasesEntryPost = _spec.ImageAliasesEntryPost


@dataclass(frozen=True)
class ImageProgress:
    """One progress report of a long image transfer.

    Attributes:
        stage: What is progressing: ``"upload"`` (bytes sent by this client),
            ``"export"`` (bytes received by this client), or, for work the
            server does, the key of the operation's metadata that reports it
            (e.g. ``"download_progress"``,
            ``"create_image_from_container_pack_progress"``).
        done: Bytes transferred so far (client-side stages), else None.
        total: Bytes expected in all, if known.
        text: The server's own progress text (server-side stages), e.g.
            ``"52% (12.3MB/s)"``; None for client-side stages.
    """

    stage: str
    done: int | None = None
    total: int | None = None
    text: str | None = None

    @property
    def fraction(self) -> float | None:
        """``done / total`` (0.0-1.0) where both are known, else None."""
        if self.done is None or not self.total:
            return None
        return self.done / self.total


#: The type of the ``progress=`` callbacks of the images API. A callback may
#: be a plain function or return an awaitable (it is then awaited).
ProgressCallback = Callable[[ImageProgress], Any]


class ImageAlias(Resource, _spec.ImageAliasesEntry):
    """Model representing an Incus image alias.

    Attributes:
        name: The alias name.
        description: Its description.
        target: The fingerprint of the image it points to.
        type: The image type (``container`` or ``virtual-machine``).
    """

    def __repr__(self) -> str:
        return f"<ImageAlias: {self.name}>"

    async def delete(self) -> Response:
        """Delete the alias (the image stays).

        Returns:
            The server's response.
        """
        return await self._api("images").delete_alias(self.name)  # type: ignore[no-any-return]

    async def update(self, target: str | None = None, description: str | None = None) -> Response:
        """Point the alias at another image and/or change its description.

        Args:
            target: The new target fingerprint.
            description: The new description.

        Returns:
            The server's response.
        """
        response = await self._api("images").update_alias(self.name, target=target, description=description)
        if target is not None:
            self.target = target
        if description is not None:
            self.description = description
        return response  # type: ignore[no-any-return]

    async def rename(self, new_name: str) -> Response:
        """Rename the alias; this object takes the new name.

        Args:
            new_name: The new alias name.

        Returns:
            The server's response.
        """
        response = await self._api("images").rename_alias(self.name, new_name)
        self.name = new_name
        return response  # type: ignore[no-any-return]


class Image(Resource, _spec.Image):
    """Model representing an Incus image.

    Attributes:
        fingerprint: The full SHA-256 fingerprint.
        aliases: The aliases pointing at it (``alias.name``, ``alias.description``).
        properties: Descriptive properties (``os``, ``release``, ``description``...).
        public: Whether untrusted clients may download it.
        auto_update: Whether the server refreshes it from its ``update_source``.
        size: Size in bytes of the image file(s).
        type: ``container`` or ``virtual-machine``.
        filename: The original file name.
    """

    def __repr__(self) -> str:
        return f"<Image: {self.fingerprint[:12]}>"

    async def delete(self, wait: bool = False) -> Response:
        """Delete the image.

        Args:
            wait: Wait for the deletion to finish.

        Returns:
            The server's response (``.operation`` is its operation).
        """
        return await self._api("images").delete(self.fingerprint, wait=wait)  # type: ignore[no-any-return]

    async def update(self, properties: dict[str, Any], wait: bool = False) -> Response:
        """Change some writable fields (see :meth:`ImagesAPI.update`).

        Args:
            properties: The fields to change, e.g. ``{"public": True}`` or
                ``{"properties": {"os": "busybox"}}``.
            wait: Kept for compatibility; image updates are synchronous.

        Returns:
            The server's response.
        """
        return await self._api("images").update(self.fingerprint, properties, wait=wait)  # type: ignore[no-any-return]

    async def replace(self, config: dict[str, Any] | None = None) -> Response:
        """Replace the writable fields, refusing if the image changed since read.

        Args:
            config: The new ``properties`` / ``public`` / ``auto_update`` /
                ``profiles`` / ``expires_at``; by default this object's own values.

        Returns:
            The server's response.
        """
        body = config if config is not None else {k: v for k, v in self.to_dict().items() if k in ImagePut.model_fields}
        return await self._api("images").replace(self.fingerprint, body, etag=self.etag)  # type: ignore[no-any-return]

    async def export(self, target_path: str, *, progress: ProgressCallback | None = None) -> list[str]:
        """Export the image file(s) (see :meth:`ImagesAPI.export`).

        Args:
            target_path: A file path or an existing directory.
            progress: Called with :class:`ImageProgress` as bytes arrive.

        Returns:
            The paths written.
        """
        return await self._api("images").export(self.fingerprint, target_path, progress=progress)  # type: ignore[no-any-return]

    async def refresh(self) -> Response:
        """Ask the server to refresh the image from its update source.

        Returns:
            The server's response, its operation finished.
        """
        return await self._api("images").refresh(self.fingerprint)  # type: ignore[no-any-return]


__all__ = [
    "Image",
    "ImageAlias",
    "ImageAliasesEntryPost",
    "ImageAliasesEntryPut",
    "ImageAliasesPost",
    "ImageExportPost",
    "ImageMetadata",
    "ImageProgress",
    "ImagePut",
    "ImageSource",
    "ImagesPost",
    "ImagesPostSource",
    "ProgressCallback",
]
