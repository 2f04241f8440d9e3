"""Typed models following the Incus REST API spec, one module per family.

``incus_sdk.models._spec`` holds every definition of the spec, generated;
family modules re-export those and add the resource classes with
convenience methods (``Project.update()``, ``Instance.start()``...).
"""

from ._base import IncusModel, Resource
from .operation import OperationModel
from .project import Project, ProjectPost, ProjectPut, ProjectsPost, ProjectState, ProjectStateResource
from .server import Resources, Server, ServerEnvironment, ServerPut, ServerUntrusted

Model = IncusModel

__all__ = [
    "IncusModel",
    "Model",
    "OperationModel",
    "Project",
    "ProjectPost",
    "ProjectPut",
    "ProjectState",
    "ProjectStateResource",
    "ProjectsPost",
    "Resource",
    "Resources",
    "Server",
    "ServerEnvironment",
    "ServerPut",
    "ServerUntrusted",
]
