"""The Images API: ``/1.0/images`` and ``/1.0/images/aliases``.

``client.images`` is the project's images, keyed by fingerprint (Incus also
takes a unique prefix of one); ``client.images.aliases`` their aliases,
keyed by name. Uploads and exports are streamed from and to disk in chunks
of :data:`CHUNK_SIZE`, hashed on the way (the fingerprint of an image is the
SHA-256 of its file, or of its metadata file followed by its rootfs file for
a split image), and report progress through an optional callback.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import os
import re
import uuid
import warnings
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterable, Mapping
from contextlib import aclosing
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any, List, Literal, TypedDict, TypeVar, overload
from urllib.parse import urlencode

from .._core import Core, Response
from .._transfer import (
    CHUNK_SIZE,
    Counter,
    Progress,
    ProgressCallback,
    finish_reporting,
    read_chunks,
    replacing,
    save_path,
    size_of,
    wait_reporting,
)
from .._transport import Transport, build_ssl_context, resolve_endpoint
from ..exceptions import (
    IncusAPIError,
    IncusConflictError,
    IncusError,
    IncusNotFoundError,
    IncusOperationError,
    IncusProtocolError,
)
from ..models import _spec
from ..operations import Operation
from ._base import child
from ._bodies import writable_body
from ._collection import Body, Family, FingerprintCollection, Member, RenamableNamedCollection
from ._compat import deprecated, deprecated_alias
from .server import Server, ServerAPI

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .._cliconfig import CLIConfig, Remote

#: The operation error of an upload whose image exists already (Incus 6.0).
_EXISTS_MESSAGE = "Image with same fingerprint already exists"


#: A progress report of an image transfer (the one :class:`~incus_sdk.Progress` shape).
ImageProgress = Progress

PathLike = str | os.PathLike[str]
T = TypeVar("T")

#: An image reference that is a fingerprint (or a unique prefix of one) rather than an alias.
_FINGERPRINT = re.compile(r"[0-9a-f]{12,64}")


def is_fingerprint(text: str) -> bool:
    """Whether an image reference is a fingerprint (12 to 64 hex digits) rather than an alias."""
    return bool(_FINGERPRINT.fullmatch(text))


@dataclass
class ResolvedImage:
    """Where an instance's image comes from, ready for ``POST /1.0/instances``.

    What :meth:`ImagesAPI.resolve` gives.

    Attributes:
        source: The ``InstanceSource`` (``type: image`` with ``alias`` or
            ``fingerprint``, and ``server`` / ``protocol`` / ``certificate`` /
            ``secret`` / ``project`` for another server).
        type: ``container`` or ``virtual-machine``, when the image says.
        fingerprint: The image's fingerprint, when known before creating.
        aliases: The image's alias names on its server.
        remote: The remote it comes from (None: this client's server).
    """

    source: dict[str, Any]
    type: str | None = None
    fingerprint: str | None = None
    aliases: list[str] = field(default_factory=list)
    remote: str | None = None


def _quote_param(value: str) -> str:
    # As Go's mime/multipart writer does for form-data names and file names.
    return value.replace("\\", "\\\\").replace('"', '\\"')


def _part_header(boundary: str, name: str, filename: str) -> bytes:
    return (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="{_quote_param(name)}"; filename="{_quote_param(filename)}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()


def _upload_headers(
    *,
    public: bool = False,
    filename: str | None = None,
    properties: Mapping[str, str] | None = None,
    aliases: Iterable[str] | None = None,
    profiles: Iterable[str] | None = None,
    fingerprint: str | None = None,
) -> dict[str, str]:
    """The ``X-Incus-*`` headers that carry the options of a raw image upload (``POST /1.0/images``)."""
    headers: dict[str, str] = {}
    if public:
        headers["X-Incus-public"] = "true"
    if filename:
        headers["X-Incus-filename"] = filename
    if properties:
        headers["X-Incus-properties"] = urlencode({str(k): str(v) for k, v in properties.items()})
    if profiles is not None:
        headers["X-Incus-profiles"] = urlencode([("profile", p) for p in profiles])
    if aliases:
        headers["X-Incus-aliases"] = urlencode([("alias", a) for a in aliases])
    if fingerprint:
        headers["X-Incus-fingerprint"] = fingerprint
    return headers


def _alias_list(aliases: Iterable[str | Mapping[str, str]] | None) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for alias in aliases or []:
        out.append({"name": alias} if isinstance(alias, str) else dict(alias))
    return out


def _listed_plainly(filter: str | None, all_projects: bool) -> None:
    # Incus 6.0 answers an alias listing with every alias of the project,
    # whatever filter or all-projects asks for: refuse them, not mislead.
    if filter is not None or all_projects:
        raise ValueError("Incus does not filter image aliases nor list them across projects")


def _started(response: Response) -> Operation:
    """The operation a request started (imports, secrets and receive tokens always run as one)."""
    if response.operation is None:
        raise IncusAPIError("the server started no operation", response.http_status, dict(response))
    return response.operation


# -- resources ------------------------------------------------------------------------


class ImageAlias(Member, _spec.ImageAliasesEntry):
    """An image alias (``/1.0/images/aliases/{name}``), bound to ``client.images.aliases``.

    ``update`` / ``patch`` / ``replace`` / ``rename`` / ``delete`` act on it
    (see :class:`ImageAliasesAPI`).

    Attributes:
        name: The alias name.
        description: Its description.
        target: The fingerprint of the image it points to.
        type: The image type (``container`` or ``virtual-machine``).
    """

    _family = "images.aliases"

    def __repr__(self) -> str:
        return f"<ImageAlias: {self.name}>"

    async def update(
        self,
        config: Body | str | None = None,
        description: str | None = None,
        *,
        target: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Change the fields given (``target``, ``description``), keeping the other.

        This object takes the new values. (incus_sdk 0.1.0's
        ``update(target=..., description=...)`` still works, and warns.)

        Args:
            config: The fields to change, e.g. ``{"target": fingerprint}``.
            description: Deprecated: ``{"description": ...}`` in ``config``.
            target: Deprecated: ``{"target": ...}`` in ``config``.
            wait: Wait until the server has finished (default).

        Returns:
            The server's reply.

        Raises:
            ValueError: If ``config`` is mixed with ``target`` / ``description``.
        """
        if config is None or isinstance(config, str):
            warnings.warn(
                "update(target, description) is deprecated; use update({'target': ..., 'description': ...})",
                DeprecationWarning,
                stacklevel=2,
            )
            config = _optional(target=target if config is None else config, description=description)
        elif target is not None or description is not None:
            raise ValueError("update() takes the fields in config, or (deprecated) as target= / description=")
        response = await super().update(config, wait=wait)
        for key, value in writable_body(_spec.ImageAliasesEntryPut, config, "update").items():
            setattr(self, key, value)
        return response


class Image(Member, _spec.Image):
    """An image (``/1.0/images/{fingerprint}``), bound to ``client.images``.

    ``update`` / ``patch`` / ``replace`` / ``delete`` act on it (see
    :class:`ImagesAPI`); ``update`` and ``delete`` also take the seed SDK's
    positional ``wait``.

    Attributes:
        fingerprint: The full SHA-256 fingerprint.
        aliases: The aliases pointing at it (``alias.name``, ``alias.description``).
        properties: Descriptive properties (``os``, ``release``, ``description``...).
        public: Whether untrusted clients may download it.
        auto_update: Whether the server refreshes it from its ``update_source``.
        profiles: The profiles instances made from it get by default.
        size: Size in bytes of the image file(s).
        type: ``container`` or ``virtual-machine``.
        filename: The original file name.
    """

    _family = "images"

    def _images(self) -> ImagesAPI:
        return self._resolve(ImagesAPI)

    def __repr__(self) -> str:
        return f"<Image: {self.fingerprint[:12]}>"

    async def update(self, properties: Body, wait: bool = True) -> Response:
        """Change the fields given, keeping every other (:meth:`ImagesAPI.update`; same options and reply)."""
        return await super().update(properties, wait=wait)

    async def delete(self, wait: bool = True) -> Response:
        """Delete the image and its aliases (:meth:`ImagesAPI.delete`; same options and reply)."""
        return await super().delete(wait=wait)

    async def refresh(self, *, wait: bool = True, progress: ProgressCallback | None = None) -> Response:
        """Refresh the image from its update source (:meth:`ImagesAPI.refresh`; same options and reply)."""
        return await self._images().refresh(self.fingerprint, wait=wait, progress=progress)

    async def export(
        self, target_path: PathLike, *, progress: ProgressCallback | None = None, verify: bool = True
    ) -> List[str]:
        """Download the image file(s), streamed to disk (:meth:`ImagesAPI.export`; same options and reply)."""
        return await self._images().export(self.fingerprint, target_path, progress=progress, verify=verify)


# -- sub-APIs ---------------------------------------------------------------------------


class ImageAliasesAPI(RenamableNamedCollection[ImageAlias]):
    """Image aliases (``client.images.aliases``), keyed by name.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``create`` / ``update`` /
    ``patch`` / ``replace`` / ``rename`` / ``delete`` mean what they mean in
    every family (see the Conventions page). An alias names one image (its
    ``target`` fingerprint; ``update`` / ``replace`` change ``target`` and
    ``description``); deleting it leaves the image.
    """

    family = Family(("images", "aliases"), post=_spec.ImageAliasesPost, put=_spec.ImageAliasesEntryPut)

    async def list(
        self, recursion: int = 1, *, filter: str | None = None, all_projects: bool = False
    ) -> List[ImageAlias]:
        """List the aliases of the project's images.

        Args:
            recursion: ``1`` (default) for whole aliases, ``0`` for aliases
                carrying only their name (one cheap request).
            filter: Not for aliases: Incus 6.0 ignores it here, so the SDK
                refuses it (``ValueError``) rather than list them all.
            all_projects: Not for aliases either (Incus 6.0 ignores it).

        Returns:
            The aliases.
        """
        _listed_plainly(filter, all_projects)
        return await super().list(recursion)

    async def names(self, *, filter: str | None = None) -> List[str]:
        """Return the aliases' names (one request, ``?recursion=0``).

        Args:
            filter: Not for aliases: Incus 6.0 ignores it (``ValueError``).
        """
        _listed_plainly(filter, False)
        return await super().names()

    async def create(  # type: ignore[override]  # an alias is made from its target
        self, name: str, target: str, description: str | None = None, *, type: str | None = None, wait: bool = True
    ) -> Response:
        """Create an alias for an image.

        Args:
            name: The alias name.
            target: The full fingerprint of the image it names.
            description: Its description.
            type: ``container`` or ``virtual-machine`` (Incus infers it).
            wait: Wait until the server has finished (default).

        Returns:
            The server's reply.

        Raises:
            IncusConflictError: If the alias exists.
            IncusNotFoundError: If there is no such image.
        """
        fields = {"target": target, "description": description, "type": type}
        return await self._create((), name, None, fields, wait=wait)

    async def _refuse_existing(self, names: Iterable[str]) -> None:
        """Raise before an import if one of the aliases it would create exists.

        Incus 6.0 checks only after storing the image (and leaves it behind).
        """
        for name in names:
            if await self.exists(name):
                raise IncusConflictError(f"image alias {name!r} already exists", url=self._url((), name))


#: What an upload reads: a path or a binary file object.
ImageFile = PathLike | IO[bytes]


# -- the options of the creation calls, for their overloads -----------------------------


class _UploadOptions(TypedDict, total=False):
    """The keyword-only options of :meth:`ImagesAPI.create`."""

    aliases: Iterable[str] | None
    profiles: Iterable[str] | None
    progress: ProgressCallback | None


class _ImportFileOptions(_UploadOptions, total=False):
    """The options of :meth:`ImagesAPI.import_file`."""

    public: bool
    properties: Mapping[str, str] | None
    filename: str | None
    image_type: str | None
    fingerprint: str | None


class _ServerImportOptions(TypedDict, total=False):
    """The options the server-side creation calls share."""

    public: bool
    properties: Mapping[str, str] | None
    aliases: Iterable[str | Mapping[str, str]] | None
    progress: ProgressCallback | None


class _UrlImportOptions(_ServerImportOptions, total=False):
    """The options of :meth:`ImagesAPI.import_url`."""

    auto_update: bool
    filename: str | None


class _CopyOptions(_ServerImportOptions, total=False):
    """The options of :meth:`ImagesAPI.copy_from`."""

    alias: str | None
    fingerprint: str | None
    protocol: str
    certificate: str | None
    secret: str | None
    source_project: str | None
    image_type: str | None
    auto_update: bool


class _PublishOptions(_ServerImportOptions, total=False):
    """The options of :meth:`ImagesAPI.publish`."""

    snapshot: str | None
    compression_algorithm: str | None
    expires_at: datetime | str | None
    filename: str | None
    profiles: Iterable[str] | None


class ImagesAPI(FingerprintCollection[Image]):
    """API client for Incus images (``client.images``), keyed by fingerprint.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``update`` / ``patch`` /
    ``replace`` / ``delete`` mean what they mean in every family (see the
    Conventions page). Images are made by uploading files (:meth:`create`,
    :meth:`import_file`), by the server fetching them (:meth:`import_url`,
    :meth:`copy_from`) or from an instance (:meth:`publish`): with
    ``wait=True`` these give the new image (its fingerprint for
    ``import_file``), with ``wait=False`` the server's reply
    (``response.operation`` is the import, and the SDK neither checks nor
    cleans up after it). Another server can also push one here
    (:meth:`receive_token`, :meth:`push`).

    What the methods share:

    - ``fingerprint``: the image's full fingerprint or a unique prefix of it
      (one that matches no image raises :class:`~incus_sdk.IncusNotFoundError`).
    - ``wait``: wait until the server has finished (the default everywhere
      but in the seed's :meth:`create`), raising
      :class:`~incus_sdk.IncusOperationError` if its operation failed; a write
      that gives a :class:`~incus_sdk.Response` gives the operation as its
      ``.operation``.
    - ``etag``: sent as ``If-Match``; a write to an image changed since it was
      read raises :class:`~incus_sdk.IncusPreconditionFailedError`.
    - For the images made: ``public`` (whether untrusted clients may download
      it), ``auto_update`` (whether the server refreshes it from its source
      later), ``properties`` (properties to set, added to those the image
      carries), ``aliases`` (aliases to create for it: names, or
      ``{"name", "description"}`` where taken; :meth:`import_file` and the
      server-side imports raise :class:`~incus_sdk.IncusConflictError` for
      one that exists already, before anything is made),
      ``profiles`` (the profiles instances made from it get by default),
      ``filename`` (the original file name to record) and ``progress``
      (called with the progress of the transfer, or of the server's
      operation while waiting).

    Attributes:
        aliases: The image aliases (an :class:`ImageAliasesAPI`).
    """

    family = Family(("images",), post=_spec.ImagesPost, put=_spec.ImagePut)

    aliases = child(ImageAliasesAPI)
    """Image aliases (``/1.0/images/aliases``)."""

    # -- reading -------------------------------------------------------------

    async def get(self, fingerprint: str, *, secret: str | None = None) -> Image:
        """Get an image by fingerprint or by a unique prefix of it.

        Args:
            secret: For an untrusted client, the secret of a private image
                (see :meth:`create_secret`); public images need none.

        Returns:
            Image: The image (with its full fingerprint and ``etag`` set).

        Raises:
            IncusBadRequestError: If the prefix matches several images.
        """
        return await self._get((), fingerprint, {"secret": secret})

    async def get_by_alias(self, name: str) -> Image:
        """Get the image an alias points to.

        Args:
            name: The alias name.

        Returns:
            Image: The image.

        Raises:
            IncusNotFoundError: If there is no such alias.
        """
        target = (await self.aliases.get(name)).target
        if not target:
            raise IncusProtocolError(f"alias {name!r} has no target", method="GET", url=self.aliases._url((), name))
        return await self.get(target)

    async def exists(self, fingerprint: str) -> bool:
        """Return whether an image with that fingerprint (or prefix) exists."""
        return await self._exists((), fingerprint)

    # -- writing -------------------------------------------------------------

    async def update(
        self, fingerprint: str, properties: Body, wait: bool = True, *, etag: str | None = None
    ) -> Response:
        """Change the fields given, keeping every other (read, merge, ``PUT`` with ``If-Match``).

        Within ``properties`` only the keys given change (a key set to
        ``None`` is removed). Incus 6.0's ``PATCH`` ignores ``profiles`` and
        ``expires_at``, and its ``PUT`` resets ``profiles`` left out to
        ``["default"]``: so the SDK reads the image, merges, and writes every
        field back, re-reading and retrying if another client changed it in
        between (with ``etag``, no retry).

        Args:
            properties: The fields to change, as the image's writable fields
                (as in the seed SDK): e.g. ``{"public": True}``,
                ``{"properties": {"os": "busybox", "old": None}}``,
                ``{"profiles": ["default"]}``.

        Returns:
            Response: The server's reply to the ``PUT``.

        Raises:
            ValueError: If ``properties`` has keys that are not writable fields.
            IncusPreconditionFailedError: If other writers kept winning.
        """
        return await self._update((), fingerprint, properties, etag=etag, wait=wait)

    async def patch(self, fingerprint: str, config: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Send the server's own ``PATCH``, as is (one request).

        Incus 6.0 merges the ``properties`` given (``None`` removes one) but
        ignores ``profiles`` and ``expires_at``; :meth:`update` changes them.

        Args:
            config: The fields to send.
        """
        return await self._patch((), fingerprint, config, etag=etag, wait=wait)

    async def replace(self, fingerprint: str, config: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Replace the writable fields of an image (``PUT``).

        Every writable field is replaced: ``properties`` left out empties the
        properties, ``public`` / ``auto_update`` left out become false,
        ``profiles`` left out becomes ``["default"]``.

        Args:
            config: ``{"properties": {...}, "public": ..., "auto_update": ...,
                "profiles": [...], "expires_at": ...}`` or an ``ImagePut``.

        Raises:
            IncusBadRequestError: If a profile does not exist.
        """
        return await self._replace((), fingerprint, config, etag=etag, wait=wait)

    async def delete(self, fingerprint: str, wait: bool = True) -> Response:
        """Delete an image (and its aliases)."""
        return await self._delete((), fingerprint, wait=wait)

    async def refresh(
        self, fingerprint: str, *, wait: bool = True, progress: ProgressCallback | None = None
    ) -> Response:
        """Ask the server to refresh an image from its update source now.

        Only images that came from another server (``update_source`` set)
        can be refreshed; the server replaces the image if the source has a
        newer one under the same alias. The operation's
        ``metadata["refreshed"]`` says whether a newer image came;
        ``progress`` gets ``Progress("download_progress", text=...)``.
        """
        response = await self._core.request("POST", self._url((), fingerprint, "refresh"))
        return await finish_reporting(response, wait, progress)

    async def create_secret(self, fingerprint: str) -> Operation:
        """Create a one-time secret for an untrusted client to fetch a private image.

        Like a token, the secret is the running operation the server keeps
        for it: ``op.metadata["secret"]``, for ``get(..., secret=)`` /
        ``export(..., secret=)`` by an untrusted client or ``copy_from(...,
        secret=)`` by another server. It is valid while the operation runs;
        cancel the operation to revoke it. In Incus 6.0 a download
        (``export``) ends the operation; a copy by another server leaves it
        running.

        Args:
            fingerprint: The image fingerprint.

        Returns:
            Operation: The running operation holding the secret.
        """
        return _started(await self._core.request("POST", self._url((), fingerprint, "secret")))

    # -- importing -----------------------------------------------------------

    @overload  # type: ignore[override]  # the seed's signature
    async def create(
        self,
        image_data: bytes | ImageFile,
        filename: str | None = ...,
        public: bool = ...,
        auto_update: bool = ...,
        properties: dict[str, str] | None = ...,
        wait: Literal[False] = ...,
        **options: Unpack[_UploadOptions],
    ) -> Response: ...

    @overload
    async def create(
        self,
        image_data: bytes | ImageFile,
        filename: str | None,
        public: bool,
        auto_update: bool,
        properties: dict[str, str] | None,
        wait: Literal[True],
        **options: Unpack[_UploadOptions],
    ) -> Image: ...

    @overload
    async def create(
        self,
        image_data: bytes | ImageFile,
        filename: str | None = ...,
        public: bool = ...,
        auto_update: bool = ...,
        properties: dict[str, str] | None = ...,
        *,
        wait: Literal[True],
        **options: Unpack[_UploadOptions],
    ) -> Image: ...

    async def create(
        self,
        image_data: bytes | ImageFile,
        filename: str | None = None,
        public: bool = False,
        auto_update: bool = False,
        properties: dict[str, str] | None = None,
        wait: bool = False,
        *,
        aliases: Iterable[str] | None = None,
        profiles: Iterable[str] | None = None,
        progress: ProgressCallback | None = None,
    ) -> Response | Image:
        """Upload a unified image (the seed SDK's call; see also :meth:`import_file`).

        As in the seed SDK, ``wait`` is False by default: the call returns
        the server's reply as soon as the upload is stored, the import
        running on (``response.operation``). With ``wait=True`` it returns
        the new :class:`Image` (mypy sees which from the literal passed).
        ``auto_update`` is set once the image is imported (only with
        ``wait=True``: a raw upload has no such option); ``progress`` gets
        :class:`ImageProgress` as bytes are sent.

        Args:
            image_data: The image tarball: its bytes, a path, or a binary
                file object (read in chunks).

        Raises:
            IncusOperationError: If ``wait`` and the server rejected the
                image; an image the import created before failing is deleted
                again.
        """
        if isinstance(image_data, (bytes, bytearray, memoryview)):
            image_data = io.BytesIO(image_data)
        headers = _upload_headers(
            public=public, filename=filename, properties=properties, aliases=aliases, profiles=profiles
        )
        response = await self._upload(image_data, None, headers, progress=progress)
        if not wait:
            return response
        fingerprint = await self._finish_import(_started(response), None)
        if auto_update:
            await self.update(fingerprint, {"auto_update": True})
        return await self.get(fingerprint)

    @overload
    async def import_file(
        self,
        path: ImageFile,
        rootfs: ImageFile | None = ...,
        *,
        wait: Literal[True] = ...,
        **options: Unpack[_ImportFileOptions],
    ) -> str: ...

    @overload
    async def import_file(
        self,
        path: ImageFile,
        rootfs: ImageFile | None = ...,
        *,
        wait: Literal[False],
        **options: Unpack[_ImportFileOptions],
    ) -> Response: ...

    async def import_file(
        self,
        path: ImageFile,
        rootfs: ImageFile | None = None,
        *,
        public: bool = False,
        properties: Mapping[str, str] | None = None,
        aliases: Iterable[str] | None = None,
        profiles: Iterable[str] | None = None,
        filename: str | None = None,
        image_type: str | None = None,
        fingerprint: str | None = None,
        progress: ProgressCallback | None = None,
        wait: bool = True,
    ) -> str | Response:
        """Import an image from local files, streamed from disk.

        A unified image is one tarball (``path``); a split image is a
        metadata tarball (``path``) plus a rootfs (``rootfs``: a tarball or
        squashfs, or a disk image for a VM), sent as one ``multipart/form-data``
        body written on the fly. The files are never read whole into memory.
        The import runs in the project of this client (``client.with_project``).
        ``progress`` gets :class:`ImageProgress` (stage ``"upload"``) as bytes
        are sent.

        Args:
            path: The unified tarball, or the metadata tarball of a split image
                (a path or a binary file object).
            rootfs: The rootfs of a split image.
            image_type: ``"virtual-machine"`` to send the rootfs as a VM disk
                (``rootfs.img``); by default a ``.img``/``.qcow2`` rootfs is one.
            fingerprint: The fingerprint the data must have (sent as
                ``X-Incus-fingerprint``): the server then refuses a truncated or
                altered file. Without it, Incus 6.0 accepts any file whose
                metadata it can read, e.g. a unified tarball cut short after
                its ``metadata.yaml``, and only fails when it is unpacked.

        Returns:
            The fingerprint of the new image (the SHA-256 the server computed
            of what it received), or with ``wait=False`` the server's reply.

        Raises:
            IncusOperationError: If the server rejected the image (corrupt or
                truncated tarball, existing fingerprint, ...). An image the
                import created before failing is deleted again.
            OSError: If a file cannot be read.
        """
        alias_names = list(aliases or [])
        await self.aliases._refuse_existing(alias_names)
        headers = _upload_headers(
            public=public,
            filename=filename,
            properties=properties,
            aliases=alias_names,
            profiles=profiles,
            fingerprint=fingerprint,
        )
        response = await self._upload(path, rootfs, headers, progress=progress, image_type=image_type)
        if not wait:
            return response
        return await self._finish_import(_started(response), None)

    async def _upload(
        self,
        path: ImageFile,
        rootfs: ImageFile | None,
        headers: dict[str, str],
        *,
        progress: ProgressCallback | None,
        image_type: str | None = None,
    ) -> Response:
        """Stream one raw upload, its options in ``headers`` (``_upload_headers``); return the reply.

        The server computes the fingerprint of exactly what it received (the
        socket, or TLS and its integrity check, delivers what was sent): the
        SDK does not hash it again, which cost as much CPU as the transfer.
        The body goes chunked, with no ``Content-Length``: Incus 6.0 spent
        about 0.3 s more CPU per GiB receiving the same upload with one
        (measured, docs/benchmarks.md), and a file that changes size while
        it is read cannot contradict a length announced before.
        """
        files: list[IO[bytes]] = []
        owned: list[IO[bytes]] = []
        body: AsyncGenerator[bytes, None] | None = None
        try:
            for item in (path, rootfs):
                if isinstance(item, (str, os.PathLike)):
                    owned.append(await _in_thread(_open_binary, item, "rb"))
                    files.append(owned[-1])
                elif item is not None:
                    files.append(item)
            sizes = [size_of(f) for f in files]
            sent = Counter()
            headers = dict(headers)
            if rootfs is None:
                sent.total = sizes[0]
                body = read_chunks(files[0], progress=progress, counter=sent)
                headers["Content-Type"] = "application/octet-stream"
            else:
                meta_name = _display_name(path, "metadata.tar")
                rootfs_name = _display_name(rootfs, "rootfs")
                vm = image_type == "virtual-machine" or (
                    image_type is None and rootfs_name.endswith((".img", ".qcow2"))
                )
                boundary = uuid.uuid4().hex
                head1 = _part_header(boundary, "metadata", meta_name)
                head2 = b"\r\n" + _part_header(boundary, "rootfs.img" if vm else "rootfs", rootfs_name)
                tail = f"\r\n--{boundary}--\r\n".encode()
                known = [s for s in sizes if s is not None]
                sent.total = sum(known) if len(known) == 2 else None
                body = _multipart(files, (head1, head2, tail), progress, sent)
                headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            return await self._core.request("POST", self._url(()), data=body, headers=headers, timeout=None)
        finally:
            if body is not None:
                # Stop any read still running before its file is closed.
                await body.aclose()
            for f in owned:
                f.close()

    async def _finish_import(self, op: Operation, progress: ProgressCallback | None) -> str:
        """Wait for an import/publish operation; return the new fingerprint.

        An operation that fails after the server created the image (e.g. on
        an alias) leaves that image behind in Incus 6.0: delete it, so a
        failed import leaves nothing. The operation metadata carries a
        fingerprint only once the image record exists (or when it existed
        before, which is the one case where nothing must be deleted).
        """
        try:
            await wait_reporting(op, progress)
        except IncusOperationError as exc:
            fingerprint = (op.metadata or {}).get("fingerprint")
            if fingerprint and _EXISTS_MESSAGE not in str(exc.message):
                try:
                    await self.delete(fingerprint, wait=True)
                except IncusNotFoundError:
                    pass
            raise
        return str(op.metadata.get("fingerprint") or "")

    async def _new_image(
        self, body: dict[str, Any], *, wait: bool, progress: ProgressCallback | None
    ) -> Image | Response:
        """Ask the server to make an image (a ``POST /1.0/images`` with a JSON source)."""
        await self.aliases._refuse_existing(alias["name"] for alias in body.get("aliases") or [])
        response = await self._create((), None, body, {}, wait=False)
        if not wait:
            return response
        return await self.get(await self._finish_import(_started(response), progress))

    @overload
    async def import_url(
        self, url: str, *, wait: Literal[True] = ..., **options: Unpack[_UrlImportOptions]
    ) -> Image: ...

    @overload
    async def import_url(self, url: str, *, wait: Literal[False], **options: Unpack[_UrlImportOptions]) -> Response: ...

    async def import_url(
        self,
        url: str,
        *,
        public: bool = False,
        auto_update: bool = False,
        properties: Mapping[str, str] | None = None,
        aliases: Iterable[str | Mapping[str, str]] | None = None,
        filename: str | None = None,
        progress: ProgressCallback | None = None,
        wait: bool = True,
    ) -> Image | Response:
        """Make the server download an image from a URL (source type ``url``).

        The server sends ``HEAD url`` and expects the reply headers
        ``Incus-Image-Hash`` (the fingerprint) and ``Incus-Image-URL`` (where
        the unified tarball is), then downloads that and checks its SHA-256.

        Args:
            url: The URL the server asks.

        Raises:
            IncusOperationError: If the download or the checks failed.
        """
        body: dict[str, Any] = {"source": {"type": "url", "url": url}, "public": public, "auto_update": auto_update}
        body.update(_optional(properties=properties, aliases=_alias_list(aliases) or None, filename=filename))
        return await self._new_image(body, wait=wait, progress=progress)

    @overload
    async def copy_from(self, server: str, *, wait: Literal[True] = ..., **options: Unpack[_CopyOptions]) -> Image: ...

    @overload
    async def copy_from(self, server: str, *, wait: Literal[False], **options: Unpack[_CopyOptions]) -> Response: ...

    async def copy_from(
        self,
        server: str,
        *,
        alias: str | None = None,
        fingerprint: str | None = None,
        protocol: str = "incus",
        certificate: str | None = None,
        secret: str | None = None,
        source_project: str | None = None,
        image_type: str | None = None,
        public: bool = False,
        auto_update: bool = False,
        properties: Mapping[str, str] | None = None,
        aliases: Iterable[str | Mapping[str, str]] | None = None,
        progress: ProgressCallback | None = None,
        wait: bool = True,
    ) -> Image | Response:
        """Make the server fetch an image from another image server (source type ``image``).

        Args:
            server: The source server URL, e.g. ``https://host:8443`` (an
                Incus server) or a simplestreams URL.
            alias: The alias to fetch (the server then records it as the
                update source, so ``auto_update`` / :meth:`refresh` work).
            fingerprint: Or the fingerprint (or prefix) to fetch.
            protocol: ``"incus"`` or ``"simplestreams"``.
            certificate: The source's PEM certificate, if not trusted by the
                system CAs.
            secret: A secret from :meth:`create_secret` on the source, for a
                private image.
            source_project: The project on the source server.
            image_type: ``container`` or ``virtual-machine``.

        Raises:
            ValueError: If neither ``alias`` nor ``fingerprint`` is given.
            IncusOperationError: If the copy failed.
        """
        if not alias and not fingerprint:
            raise ValueError("copy_from() needs the alias or the fingerprint of the source image")
        source = _optional(
            type="image",
            mode="pull",
            server=server,
            protocol=protocol,
            alias=alias,
            fingerprint=fingerprint,
            certificate=certificate,
            secret=secret,
            project=source_project,
            image_type=image_type,
        )
        body: dict[str, Any] = {"source": source, "public": public, "auto_update": auto_update}
        body.update(_optional(properties=properties, aliases=_alias_list(aliases) or None))
        return await self._new_image(body, wait=wait, progress=progress)

    @overload
    async def publish(
        self, instance: str, *, wait: Literal[True] = ..., **options: Unpack[_PublishOptions]
    ) -> Image: ...

    @overload
    async def publish(self, instance: str, *, wait: Literal[False], **options: Unpack[_PublishOptions]) -> Response: ...

    async def publish(
        self,
        instance: str,
        *,
        snapshot: str | None = None,
        aliases: Iterable[str | Mapping[str, str]] | None = None,
        properties: Mapping[str, str] | None = None,
        public: bool = False,
        compression_algorithm: str | None = None,
        expires_at: datetime | str | None = None,
        filename: str | None = None,
        profiles: Iterable[str] | None = None,
        progress: ProgressCallback | None = None,
        wait: bool = True,
    ) -> Image | Response:
        """Create an image from a stopped instance or from a snapshot.

        ``progress`` gets the operation's progress metadata
        (``create_image_from_container_pack_progress``).

        Args:
            instance: The instance name (in this client's project).
            snapshot: Publish this snapshot of it instead.
            compression_algorithm: ``"gzip"``, ``"xz"``, ``"none"``...
                (default: the server's ``images.compression_algorithm``).
            expires_at: When the image becomes obsolete.

        Raises:
            IncusOperationError: If publishing failed (e.g. the instance runs).
        """
        if compression_algorithm is not None:
            await self._core.require_extension("image_compression_algorithm", what="compression_algorithm")
        source = (
            {"type": "snapshot", "name": f"{instance}/{snapshot}"}
            if snapshot
            else {"type": "instance", "name": instance}
        )
        body: dict[str, Any] = {"source": source, "public": public}
        body.update(
            _optional(
                aliases=_alias_list(aliases) or None,
                properties=properties,
                compression_algorithm=compression_algorithm,
                expires_at=expires_at,
                filename=filename,
                profiles=list(profiles) if profiles is not None else None,
            )
        )
        return await self._new_image(body, wait=wait, progress=progress)

    async def receive_token(
        self,
        fingerprint: str,
        *,
        aliases: Iterable[str | Mapping[str, str]] | None = None,
        properties: Mapping[str, str] | None = None,
        public: bool = False,
        expires_at: datetime | str | None = None,
    ) -> Operation:
        """Prepare this server to receive an image another server pushes (push mode).

        Like a token, what this gives is the running operation the server
        keeps until the image arrives: its ``metadata["secret"]`` is what
        the pushing side passes to :meth:`push`. The image gets the options
        given here when it arrives.

        Args:
            fingerprint: The fingerprint of the image to expect.
            expires_at: When it becomes obsolete.

        Returns:
            Operation: The token operation (``op.metadata["secret"]``).
        """
        body: dict[str, Any] = {"source": {"mode": "push", "fingerprint": fingerprint}, "public": public}
        body.update(_optional(aliases=_alias_list(aliases) or None, properties=properties, expires_at=expires_at))
        return _started(await self._create((), None, body, {}, wait=False))

    async def push(
        self,
        fingerprint: str,
        target: str,
        secret: str,
        *,
        certificate: str | None = None,
        project: str | None = None,
        aliases: Iterable[str | Mapping[str, str]] | None = None,
        profiles: Iterable[str] | None = None,
        wait: bool = True,
    ) -> Response:
        """Make this server push an image to another server (``POST .../export``).

        ``aliases`` and ``profiles`` are set on the receiving server.

        Args:
            target: The receiving server's URL, e.g. ``https://host:8443``.
            secret: The secret of the receiver's :meth:`receive_token`.
            certificate: The receiver's PEM certificate, if not trusted by the
                system CAs.
            project: The project on the receiving server.
        """
        body = writable_body(
            _spec.ImageExportPost,
            {"target": target, "secret": secret},
            "push",
            certificate=certificate,
            project=project,
            aliases=_alias_list(aliases) or None,
            profiles=list(profiles) if profiles is not None else None,
        )
        response = await self._core.request("POST", self._url((), fingerprint, "export"), json=body)
        return await response.finish(wait)

    # -- exporting -----------------------------------------------------------

    async def export(
        self,
        fingerprint: str,
        target_path: PathLike,
        *,
        progress: ProgressCallback | None = None,
        verify: bool = True,
        secret: str | None = None,
    ) -> List[str]:
        """Download an image's file(s), streamed to disk.

        If ``target_path`` is an existing directory the files get the names
        the server gives them (``<fingerprint>.tar.xz``; for a split image
        also ``meta-<fingerprint>.tar.xz``). Otherwise the image (or the
        metadata of a split image) is written to ``target_path`` and the
        rootfs of a split image to ``target_path + ".root"``, as the ``incus``
        CLI does. Files are written under a temporary name and renamed when
        complete; the SHA-256 of what arrived must match the fingerprint.

        Args:
            fingerprint: The image fingerprint (or unique prefix).
            target_path: A file path or an existing directory.
            progress: Called with :class:`ImageProgress` (stage ``"export"``)
                as bytes arrive.
            verify: Hash what arrives and refuse it unless it matches the
                fingerprint (default). Hashing runs in a worker thread beside
                the download; ``False`` saves that CPU time.
            secret: For an untrusted client, the secret of a private image
                (see :meth:`create_secret`); public images need none.

        Returns:
            List[str]: The paths written: ``[image]`` or ``[metadata, rootfs]``.

        Raises:
            IncusNotFoundError: If there is no such image.
            OSError: If the target cannot be written (checked before the
                download starts).
            IncusError: If the data does not hash to the fingerprint.
        """
        target = os.fspath(target_path)
        into_dir = await _in_thread(os.path.isdir, target)
        digest = hashlib.sha256() if verify else None
        async with (
            contextlib.AsyncExitStack() as files,
            self._core.stream("GET", self._url((), fingerprint, "export"), params={"secret": secret}) as reply,
        ):
            counter = Counter(total=reply.content_length)
            written: list[str] = []

            async def save_part(chunks: AsyncIterator[bytes], server_name: str, *, rootfs: bool) -> None:
                final = _target(target, into_dir, server_name, rootfs=rootfs)
                # Written beside the target, renamed there only once the whole export is verified.
                partial = files.enter_context(replacing(final))
                await save_path(chunks, partial, digest=digest, progress=progress, stage="export", counter=counter)
                written.append(final)

            if reply.content_type == "multipart/form-data":
                parts = reply.parts()
                for index in range(2):
                    part = await anext(parts, None)
                    if part is None:
                        raise IncusError("invalid multipart image export: a part is missing")
                    name = part.filename or ("metadata" if index == 0 else "rootfs")
                    await save_part(part.iter_chunks(CHUNK_SIZE), name, rootfs=index == 1)
            else:
                name = _content_filename(reply.headers.get("Content-Disposition"), fingerprint)
                await save_part(reply.iter_any(), name, rootfs=False)
            if digest is not None and not digest.hexdigest().startswith(fingerprint.lower()):
                raise IncusError(
                    f"exported data hashes to {digest.hexdigest()}, not the image fingerprint {fingerprint}"
                )
        return written

    # -- images of the incus CLI's remotes ------------------------------------------

    async def resolve(
        self,
        reference: str,
        *,
        config_dir: str | os.PathLike[str] | None = None,
        instance_type: str | None = None,
    ) -> ResolvedImage:
        """Find the image a reference names, and the source that gives it to this server.

        What :meth:`~incus_sdk.api.instances.InstancesAPI.launch`,
        :meth:`~incus_sdk.api.instances.InstancesAPI.rebuild_from` and
        :meth:`copy_from_remote` do first: the image is looked up on its
        server (for a simplestreams server, for this server's
        architectures), so that a missing image fails before anything is
        created. An alias of a public server is kept as such in the source
        (the daemon records it and can refresh the image from it); a private
        image of another Incus server comes with a one-time secret from it.

        Args:
            reference: ``"remote:alias"`` or ``"remote:fingerprint"`` with a
                remote of the ``incus`` CLI configuration (``images:debian/12``),
                or an alias or fingerprint (12+ hex digits) on this server
                (in this client's project).
            config_dir: The CLI configuration directory, for ``remote:``
                (default: ``$INCUS_CONF`` or ``~/.config/incus``).
            instance_type: ``container`` or ``virtual-machine`` wanted, if
                known (a simplestreams alias may name both).

        Returns:
            The source, with what the image's server says of it.

        Raises:
            ValueError: If the reference is empty or names no remote or no
                image, or the remote cannot serve this server (a unix socket
                of another machine, an OCI registry).
            IncusConfigError: If the remote does not exist or cannot be used.
            IncusNotFoundError: If the image server has no such image.
        """
        if not reference or not reference.strip():
            raise ValueError("an image reference is needed, e.g. 'images:debian/12' or a local alias")
        remote_name, sep, image = reference.partition(":")
        if not sep:
            return await self._local_image(reference)
        if not remote_name or not image:
            raise ValueError(f"{reference!r} names no remote or no image: 'remote:alias' needs both")
        # Imported on first use, as simplestreams below: `import incus_sdk` needs neither.
        from .._cliconfig import load_config

        config = load_config(config_dir)
        remote = config.remote(remote_name)
        if remote.protocol == "simplestreams":
            return await self._simplestreams_image(config, remote, image, instance_type)
        if remote.protocol != "incus":
            raise ValueError(f"the remote {remote.name!r} speaks {remote.protocol}, which the SDK cannot launch from")
        if remote.is_unix:
            if self._core.transport.endpoint.is_unix:
                here = ImagesAPI(self._core.scoped(project=remote.project or self._core.project))
                resolved = await here._local_image(image)
                resolved.remote = remote.name
                return resolved
            raise ValueError(
                f"the remote {remote.name!r} is a unix socket, which the daemon at {self._where()} cannot reach"
            )
        return await self._incus_image(config, remote, image)

    def _where(self) -> str:
        endpoint = self._core.transport.endpoint
        return endpoint.socket_path or endpoint.base_url

    async def _local_image(self, image: str) -> ResolvedImage:
        """An image on this server: checked to exist, sent by fingerprint as the CLI does."""
        if is_fingerprint(image):
            found = await self.get(image)
        else:
            try:
                found = await self.get_by_alias(image)
            except IncusNotFoundError:
                raise IncusNotFoundError(f"no image alias {image!r} on {self._where()}") from None
        return _from_image(found, {"type": "image", "fingerprint": found.fingerprint})

    async def _simplestreams_image(
        self, config: CLIConfig, remote: Remote, image: str, instance_type: str | None
    ) -> ResolvedImage:
        from ..simplestreams import SimpleStreams

        environment = (await ServerAPI(self._core).get()).environment
        architectures = (environment.architectures if environment is not None else None) or None
        async with SimpleStreams.from_config(config, remote.name, architectures=architectures) as server:
            if is_fingerprint(image):
                found = await server.get(image)
            else:
                found = await server.resolve(image, type=instance_type)
            certificate = server.certificate
        source: dict[str, Any] = {"type": "image", "mode": "pull", "server": server.url, "protocol": "simplestreams"}
        # As the CLI: an alias of a public server is sent as such (the daemon then
        # records it and can refresh the image from it); else the fingerprint.
        source.update({"fingerprint": found.fingerprint} if is_fingerprint(image) else {"alias": image})
        if certificate:
            source["certificate"] = certificate
        return ResolvedImage(
            source=source, type=found.type, fingerprint=found.fingerprint, aliases=found.aliases, remote=remote.name
        )

    async def _incus_image(self, config: CLIConfig, remote: Remote, image: str) -> ResolvedImage:
        from .._cliconfig import connection

        there = connection(config, remote.name, public=True)
        there_core = Core(
            Transport(resolve_endpoint(there.endpoint), build_ssl_context(there.cert, there.verify, there.server_cert)),
            project=there.project,
            timeout=self._core.timeout,
        )
        try:
            images = ImagesAPI(there_core)
            alias = None
            if not is_fingerprint(image):
                alias = image
                image = (await images.aliases.get(alias)).target
            found = await images.get(image)
            here_info, there_info = await asyncio.gather(ServerAPI(self._core).get(), ServerAPI(there_core).get())
            same_server = _server_id(here_info) is not None and _server_id(here_info) == _server_id(there_info)
            if same_server and (there.project or "default") == (self._core.project or "default"):
                return _from_image(found, {"type": "image", "fingerprint": found.fingerprint}, remote.name)
            source: dict[str, Any] = {
                "type": "image",
                "mode": "pull",
                "server": remote.addresses[0],
                "protocol": "incus",
            }
            if there.server_cert:
                source["certificate"] = there.server_cert
            if there.project:
                source["project"] = there.project
            if alias is not None and found.public:
                source["alias"] = alias
            else:
                source["fingerprint"] = found.fingerprint
                if not found.public:
                    # A private image: the source server hands out a one-time secret.
                    secret = await images.create_secret(found.fingerprint)
                    source["secret"] = secret.metadata["secret"]
        finally:
            await there_core.transport.close()
        return _from_image(found, source, remote.name)

    async def copy_from_remote(
        self,
        image: str,
        *,
        aliases: Iterable[str] | None = None,
        copy_aliases: bool = False,
        public: bool = False,
        auto_update: bool = False,
        progress: ProgressCallback | None = None,
        config_dir: str | os.PathLike[str] | None = None,
    ) -> Image:
        """Copy an image from a remote into this server's store, as ``incus image copy REMOTE:IMAGE local:``.

        The image is ``"remote:alias"`` or ``"remote:fingerprint"`` with a
        remote of the ``incus`` CLI configuration (a simplestreams server
        such as ``images:``, or another Incus server); it is looked up there
        first, then the server downloads it (:meth:`copy_from`), into this
        client's project.

        Args:
            image: The image reference.
            copy_aliases: Also create the aliases it has on its server (as
                ``--copy-aliases``; for a simplestreams image, those that name
                it: ``debian/12``, ``debian/12/amd64``...).
            config_dir: The CLI configuration directory (default:
                ``$INCUS_CONF`` or ``~/.config/incus``).

        Returns:
            The new image.

        Raises:
            ValueError: If the image is on this server already.
            IncusConfigError: If the remote does not exist or cannot be used.
            IncusNotFoundError: If the remote has no such image.
            IncusConflictError: If an alias exists here already (nothing is copied).
            IncusOperationError: If the copy failed.
        """
        resolved = await self.resolve(image, config_dir=config_dir)
        source = resolved.source
        if "server" not in source:
            raise ValueError(f"{image!r} is an image of this server already: nothing to copy")
        names = list(dict.fromkeys([*(aliases or []), *(resolved.aliases if copy_aliases else [])]))
        return await self.copy_from(
            source["server"],
            alias=source.get("alias"),
            fingerprint=source.get("fingerprint"),
            protocol=source["protocol"],
            certificate=source.get("certificate"),
            secret=source.get("secret"),
            source_project=source.get("project"),
            image_type=resolved.type,
            public=public,
            auto_update=auto_update,
            aliases=names,
            progress=progress,
            wait=True,
        )

    # -- seed compatibility (incus-sdk 1.0.0) ---------------------------------

    async def create_alias(
        self, name: str, target: str, description: str | None = None, *, type: str | None = None, wait: bool = True
    ) -> Response:
        """Seed SDK name for :meth:`ImageAliasesAPI.create`; same arguments and reply."""
        return await self.aliases.create(name, target, description, type=type, wait=wait)

    async def delete_alias(self, name: str, *, wait: bool = True) -> Response:
        """Seed SDK name for :meth:`ImageAliasesAPI.delete`; same arguments and reply."""
        return await self.aliases.delete(name, wait=wait)

    async def get_alias(self, name: str) -> Response:
        """Seed SDK name for :meth:`ImageAliasesAPI.get`, with the seed's return: the reply envelope.

        Args:
            name: Name of the alias.

        Returns:
            Response: The server's reply; ``response.metadata`` is
            ``{"name", "description", "target", "type"}``
            (``images.aliases.get()`` gives it typed).
        """
        return await self._core.request("GET", self.aliases._url((), name))

    async def update_alias(
        self,
        name: str,
        target: str | None = None,
        description: str | None = None,
        *,
        etag: str | None = None,
        wait: bool = True,
    ) -> Response:
        """Seed SDK name for :meth:`ImageAliasesAPI.update`, the fields as arguments: what is not given stays."""
        changes = _optional(target=target, description=description)
        return await self.aliases.update(name, changes, etag=etag, wait=wait)

    # -- deprecated aliases (incus_sdk 0.1.0) -----------------------------------

    fingerprints = deprecated_alias("images", FingerprintCollection.names)

    # get is the engine's generic verb, which an alias cannot take the types of.
    @deprecated("images.aliases.get(name)")
    async def alias(self, name: str) -> ImageAlias:
        """Get an image alias, typed (with ``etag`` set)."""
        return await self.aliases.get(name)

    list_aliases = deprecated_alias("images.aliases", ImageAliasesAPI.list)
    alias_names = deprecated_alias("images.aliases", ImageAliasesAPI.names)

    @deprecated("images.aliases.replace(name, {'target': ..., 'description': ...}, etag=...)")
    async def replace_alias(
        self, name: str, target: str, description: str = "", *, etag: str | None = None
    ) -> Response:
        """Replace an alias's target and description (``PUT``)."""
        return await self.aliases.replace(name, {"target": target, "description": description}, etag=etag)

    rename_alias = deprecated_alias("images.aliases", ImageAliasesAPI.rename)


__all__ = [
    "CHUNK_SIZE",
    "Image",
    "ImageAlias",
    "ImageAliasesAPI",
    "ImageFile",
    "ImageProgress",
    "ImagesAPI",
    "ProgressCallback",
]

# -- helpers ---------------------------------------------------------------------


def _optional(**fields: Any) -> dict[str, Any]:
    """The fields that were given (not None); an explicit ``{}`` stays."""
    return {k: v for k, v in fields.items() if v is not None}


async def _in_thread(func: Callable[..., T], *args: Any) -> T:
    """Run a blocking file-system call off the event loop."""
    return await asyncio.get_running_loop().run_in_executor(None, func, *args)


def _open_binary(path: PathLike, mode: str) -> IO[bytes]:
    return open(path, mode + "b" if "b" not in mode else mode)


def _display_name(item: PathLike | IO[bytes], default: str) -> str:
    if isinstance(item, (str, os.PathLike)):
        return os.path.basename(os.fspath(item))
    name = getattr(item, "name", None)
    return os.path.basename(name) if isinstance(name, str) else default


async def _multipart(
    files: list[IO[bytes]],
    framing: tuple[bytes, bytes, bytes],
    progress: ProgressCallback | None,
    sent: Counter,
) -> AsyncGenerator[bytes, None]:
    """Yield a two-part ``multipart/form-data`` body, the files read chunk by chunk."""
    head1, head2, tail = framing
    yield head1
    async with aclosing(read_chunks(files[0], progress=progress, counter=sent)) as chunks:
        async for chunk in chunks:
            yield chunk
    yield head2
    async with aclosing(read_chunks(files[1], progress=progress, counter=sent)) as chunks:
        async for chunk in chunks:
            yield chunk
    yield tail


def _content_filename(disposition: str | None, fingerprint: str) -> str:
    if disposition:
        for param in disposition.split(";")[1:]:
            key, _, value = param.strip().partition("=")
            if key.lower() == "filename" and value:
                return value.strip('"')
    return fingerprint


def _target(target: str, into_dir: bool, server_name: str, *, rootfs: bool) -> str:
    if into_dir:
        # Never let a server-chosen name leave the directory.
        return os.path.join(target, os.path.basename(server_name) or "image")
    return target + ".root" if rootfs else target


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def _from_image(image: Image, source: dict[str, Any], remote: str | None = None) -> ResolvedImage:
    return ResolvedImage(
        source=source,
        type=image.type or None,
        fingerprint=image.fingerprint,
        aliases=[a.name for a in image.aliases],
        remote=remote,
    )


def _server_id(info: Server) -> str | None:
    """What tells two servers apart: their certificate's fingerprint (None if unknown)."""
    env = info.environment
    return (env.certificate_fingerprint or None) if env is not None else None
