"""Models of the ``project`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from pydantic import Field

from .._base import IncusModel


class Project(IncusModel):
    """Project represents a project"""

    config: dict[str, str] = Field(default_factory=dict)
    """Project configuration map (refer to doc/projects.md)"""

    description: str = ""
    """Description of the project (example: My new project)"""

    name: str = ""
    """The project name (example: foo)"""

    used_by: list[str] = Field(default_factory=list)
    """List of URLs of objects using this project"""


class ProjectPost(IncusModel):
    """ProjectPost represents the fields required to rename a project"""

    name: str = ""
    """The new name for the project (example: bar)"""


class ProjectPut(IncusModel):
    """ProjectPut represents the modifiable fields of a project"""

    config: dict[str, str] = Field(default_factory=dict)
    """Project configuration map (refer to doc/projects.md)"""

    description: str = ""
    """Description of the project (example: My new project)"""


class ProjectStateResource(IncusModel):
    """ProjectStateResource represents the state of a particular resource in a
    project
    """

    limit: int = Field(default=0, alias="Limit")
    """Limit for the resource (-1 if none) (example: 10)"""

    usage: int = Field(default=0, alias="Usage")
    """Current usage for the resource (example: 4)"""


class ProjectsPost(IncusModel):
    """ProjectsPost represents the fields of a new project"""

    config: dict[str, str] = Field(default_factory=dict)
    """Project configuration map (refer to doc/projects.md)"""

    description: str = ""
    """Description of the project (example: My new project)"""

    name: str = ""
    """The name of the new project (example: foo)"""


class ProjectState(IncusModel):
    """ProjectState represents the current running state of a project"""

    resources: dict[str, ProjectStateResource] = Field(default_factory=dict)
    """Allocated and used resources"""


__all__ = [
    "Project",
    "ProjectPost",
    "ProjectPut",
    "ProjectStateResource",
    "ProjectsPost",
    "ProjectState",
]
