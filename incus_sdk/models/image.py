"""Image models: ``ImagePut`` (the writable fields), ``ImagesPost`` (the create
body), the alias bodies, and the resource classes ``Image`` and ``ImageAlias``
with ``ImageProgress`` (what transfer callbacks receive), which live with
their API in :mod:`incus_sdk.api.images`."""

from __future__ import annotations

from ..api.images import Image, ImageAlias, ImageProgress, ProgressCallback
from . import _spec

ImagePut = _spec.ImagePut
ImagesPost = _spec.ImagesPost
ImagesPostSource = _spec.ImagesPostSource
ImageSource = _spec.ImageSource
ImageExportPost = _spec.ImageExportPost
ImageMetadata = _spec.ImageMetadata
ImageAliasesPost = _spec.ImageAliasesPost
ImageAliasesEntryPut = _spec.ImageAliasesEntryPut
ImageAliasesEntryPost = _spec.ImageAliasesEntryPost

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
