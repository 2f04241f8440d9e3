"""Project models: ``ProjectPut`` (writable), ``ProjectsPost`` (create),
``ProjectPost`` (rename), ``Project`` (full read, bound to ``client.projects``)
and ``ProjectState``."""

from __future__ import annotations

from ..api.projects import Project
from . import _spec

ProjectPut = _spec.ProjectPut
ProjectsPost = _spec.ProjectsPost
ProjectPost = _spec.ProjectPost
ProjectState = _spec.ProjectState
ProjectStateResource = _spec.ProjectStateResource

__all__ = [
    "Project",
    "ProjectPost",
    "ProjectPut",
    "ProjectState",
    "ProjectStateResource",
    "ProjectsPost",
]
