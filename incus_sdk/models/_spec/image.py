"""Models of the ``image`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from pydantic import Field

from .._base import IncusModel, Timestamp


class ImageAlias(IncusModel):
    """ImageAlias represents an alias from the alias list of an image"""

    description: str = ""
    """Description of the alias (example: Our preferred Ubuntu image)"""

    name: str = ""
    """Name of the alias (example: ubuntu-22.04)"""


class ImageAliasesEntry(IncusModel):
    """ImageAliasesEntry represents an image alias"""

    description: str = ""
    """Alias description (example: Our preferred Ubuntu image)"""

    name: str = ""
    """Alias name (example: ubuntu-22.04)"""

    target: str = ""
    """Target fingerprint for the alias (example:
    06b86454720d36b20f94e31c6812e05ec51c1b568cf3a8abd273769d213394bb)
    """

    type: str = ""
    """Alias type (container or virtual-machine) (example: container)"""


class ImageAliasesEntryPost(IncusModel):
    """ImageAliasesEntryPost represents the required fields to rename an image alias"""

    name: str = ""
    """Alias name (example: ubuntu-22.04)"""


class ImageAliasesEntryPut(IncusModel):
    """ImageAliasesEntryPut represents the modifiable fields of an image alias"""

    description: str = ""
    """Alias description (example: Our preferred Ubuntu image)"""

    target: str = ""
    """Target fingerprint for the alias (example:
    06b86454720d36b20f94e31c6812e05ec51c1b568cf3a8abd273769d213394bb)
    """


class ImageAliasesPost(IncusModel):
    """ImageAliasesPost represents a new image alias"""

    description: str = ""
    """Alias description (example: Our preferred Ubuntu image)"""

    name: str = ""
    """Alias name (example: ubuntu-22.04)"""

    target: str = ""
    """Target fingerprint for the alias (example:
    06b86454720d36b20f94e31c6812e05ec51c1b568cf3a8abd273769d213394bb)
    """

    type: str = ""
    """Alias type (container or virtual-machine) (example: container)"""


class ImageMetadataTemplate(IncusModel):
    """ImageMetadataTemplate represents a template entry in image metadata (used in
    image tarball)
    """

    create_only: bool = False
    """Whether to trigger only if the file is missing (example: False)"""

    gid: str = ""
    """The file owner gid. (example: 1000)"""

    mode: str = ""
    """The file permissions. (example: 644)"""

    properties: dict[str, str] = Field(default_factory=dict)
    """Key/value properties to pass to the template"""

    template: str = ""
    """The template itself as a valid pongo2 template (example: pongo2-template)"""

    uid: str = ""
    """The file owner uid. (example: 1000)"""

    when: list[str] = Field(default_factory=list)
    """When to trigger the template (create, copy or start) (example: create)"""


class ImagePut(IncusModel):
    """ImagePut represents the modifiable fields of an image"""

    auto_update: bool = False
    """Whether the image should auto-update when a new build is available (example:
    True)
    """

    expires_at: Timestamp | None = None
    """When the image becomes obsolete (example: 2025-03-23T20:00:00-04:00)"""

    profiles: list[str] = Field(default_factory=list)
    """List of profiles to use when creating from this image (if none provided by
    user)
    """

    properties: dict[str, str] = Field(default_factory=dict)
    """Descriptive properties"""

    public: bool = False
    """Whether the image is available to unauthenticated users (example: False)"""


class ImageSource(IncusModel):
    """ImageSource represents the source of an image"""

    alias: str = ""
    """Source alias to download from (example: jammy)"""

    certificate: str = ""
    """Source server certificate (if not trusted by system CA) (example: X509 PEM
    certificate)
    """

    image_type: str = ""
    """Type of image (container or virtual-machine) (example: container)"""

    protocol: str = ""
    """Source server protocol (example: simplestreams)"""

    server: str = ""
    """URL of the source server (example: https://images.linuxcontainers.org)"""


class ImagesPostSource(IncusModel):
    """ImagesPostSource represents the source of a new image"""

    alias: str = ""
    """Source alias to download from (example: jammy)"""

    certificate: str = ""
    """Source server certificate (if not trusted by system CA) (example: X509 PEM
    certificate)
    """

    fingerprint: str = ""
    """Source image fingerprint (for type "image") (example:
    8ae945c52bb2f2df51c923b04022312f99bbb72c356251f54fa89ea7cf1df1d0)
    """

    image_type: str = ""
    """Type of image (container or virtual-machine) (example: container)"""

    mode: str = ""
    """Transfer mode (push or pull) (example: pull)"""

    name: str = ""
    """Instance name (for type "instance" or "snapshot") (example: c1/snap0)"""

    project: str = ""
    """Source project name (example: project1)"""

    protocol: str = ""
    """Source server protocol (example: simplestreams)"""

    secret: str = ""
    """Source image server secret token (when downloading private images) (example:
    RANDOM-STRING)
    """

    server: str = ""
    """URL of the source server (example: https://images.linuxcontainers.org)"""

    type: str = ""
    """Type of image source (instance, snapshot, image or url) (example: instance)"""

    url: str = ""
    """Source URL (for type "url") (example: https://some-server.com/some-directory/)"""


class Image(IncusModel):
    """Image represents an image"""

    aliases: list[ImageAlias] = Field(default_factory=list)
    """List of aliases"""

    architecture: str = ""
    """Architecture (example: x86_64)"""

    auto_update: bool = False
    """Whether the image should auto-update when a new build is available (example:
    True)
    """

    cached: bool = False
    """Whether the image is an automatically cached remote image (example: True)"""

    created_at: Timestamp | None = None
    """When the image was originally created (example: 2021-03-23T20:00:00-04:00)"""

    expires_at: Timestamp | None = None
    """When the image becomes obsolete (example: 2025-03-23T20:00:00-04:00)"""

    filename: str = ""
    """Original filename (example:
    06b86454720d36b20f94e31c6812e05ec51c1b568cf3a8abd273769d213394bb.rootfs)
    """

    fingerprint: str = ""
    """Full SHA-256 fingerprint (example:
    06b86454720d36b20f94e31c6812e05ec51c1b568cf3a8abd273769d213394bb)
    """

    last_used_at: Timestamp | None = None
    """Last time the image was used (example: 2021-03-22T20:39:00.575185384-04:00)"""

    profiles: list[str] = Field(default_factory=list)
    """List of profiles to use when creating from this image (if none provided by
    user)
    """

    project: str = ""
    """Project name (example: project1)"""

    properties: dict[str, str] = Field(default_factory=dict)
    """Descriptive properties"""

    public: bool = False
    """Whether the image is available to unauthenticated users (example: False)"""

    size: int = 0
    """Size of the image in bytes (example: 272237676)"""

    type: str = ""
    """Type of image (container or virtual-machine) (example: container)"""

    update_source: ImageSource | None = None

    uploaded_at: Timestamp | None = None
    """When the image was added to this server (example:
    2021-03-24T14:18:15.115036787-04:00)
    """


class ImageExportPost(IncusModel):
    """ImageExportPost represents the fields required to export an image"""

    aliases: list[ImageAlias] = Field(default_factory=list)
    """List of aliases to set on the image"""

    certificate: str = ""
    """Remote server certificate (example: X509 PEM certificate)"""

    profiles: list[str] = Field(default_factory=list)
    """List of profiles to use"""

    project: str = ""
    """Project name (example: project1)"""

    secret: str = ""
    """Image receive secret (example: RANDOM-STRING)"""

    target: str = ""
    """Target server URL (example: https://1.2.3.4:8443)"""


class ImageMetadata(IncusModel):
    """ImageMetadata represents image metadata (used in image tarball)"""

    architecture: str = ""
    """Architecture name (example: x86_64)"""

    creation_date: int = 0
    """Image creation data (as UNIX epoch) (example: 1620655439)"""

    expiry_date: int = 0
    """Image expiry data (as UNIX epoch) (example: 1620685757)"""

    properties: dict[str, str] = Field(default_factory=dict)
    """Descriptive properties"""

    templates: dict[str, ImageMetadataTemplate] = Field(default_factory=dict)
    """Template for files in the image"""


class ImagesPost(IncusModel):
    """ImagesPost represents the fields available for a new image"""

    aliases: list[ImageAlias] = Field(default_factory=list)
    """Aliases to add to the image"""

    auto_update: bool = False
    """Whether the image should auto-update when a new build is available (example:
    True)
    """

    compression_algorithm: str = ""
    """Compression algorithm to use when turning an instance into an image (example:
    gzip)
    """

    expires_at: Timestamp | None = None
    """When the image becomes obsolete (example: 2025-03-23T20:00:00-04:00)"""

    filename: str = ""
    """Original filename of the image (example: image.tar.xz)"""

    profiles: list[str] = Field(default_factory=list)
    """List of profiles to use when creating from this image (if none provided by
    user)
    """

    properties: dict[str, str] = Field(default_factory=dict)
    """Descriptive properties"""

    public: bool = False
    """Whether the image is available to unauthenticated users (example: False)"""

    source: ImagesPostSource | None = None


__all__ = [
    "ImageAlias",
    "ImageAliasesEntry",
    "ImageAliasesEntryPost",
    "ImageAliasesEntryPut",
    "ImageAliasesPost",
    "ImageMetadataTemplate",
    "ImagePut",
    "ImageSource",
    "ImagesPostSource",
    "Image",
    "ImageExportPost",
    "ImageMetadata",
    "ImagesPost",
]
