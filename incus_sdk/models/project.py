"""Project models: ``ProjectPut`` (writable), ``ProjectsPost`` (create),
``ProjectPost`` (rename), ``Project`` (full read, bound to ``client.projects``)
and ``ProjectState``."""

from __future__ import annotations

from ..api.projects import Project
from ._spec import ProjectPost, ProjectPut, ProjectsPost, ProjectState, ProjectStateResource

__all__ = [
    "Project",
    "ProjectPost",
    "ProjectPut",
    "ProjectState",
    "ProjectStateResource",
    "ProjectsPost",
]
