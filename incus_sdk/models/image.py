"""Image models: ``ImagePut`` (the writable fields), ``ImagesPost`` (the create
body), the alias bodies, and the resource classes ``Image`` and ``ImageAlias``
with ``ImageProgress`` (what transfer callbacks receive), which live with
their API in :mod:`incus_sdk.api.images`."""

from __future__ import annotations

from ..api.images import Image, ImageAlias, ImageProgress, ProgressCallback
from ._spec import (
    ImageAliasesEntryPost,
    ImageAliasesEntryPut,
    ImageAliasesPost,
    ImageExportPost,
    ImageMetadata,
    ImagePut,
    ImageSource,
    ImagesPost,
    ImagesPostSource,
)

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
