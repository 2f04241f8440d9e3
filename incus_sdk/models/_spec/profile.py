"""Models of the ``profile`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from pydantic import Field

from .._base import IncusModel


class Profile(IncusModel):
    """Profile represents a profile"""

    config: dict[str, str] = Field(default_factory=dict)
    """Instance configuration map (refer to doc/instances.md)"""

    description: str = ""
    """Description of the profile (example: Medium size instances)"""

    devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """List of devices"""

    name: str = ""
    """The profile name (example: foo)"""

    project: str = ""
    """Project name (example: project1)"""

    used_by: list[str] = Field(default_factory=list)
    """List of URLs of objects using this profile"""


class ProfilePost(IncusModel):
    """ProfilePost represents the fields required to rename a profile"""

    name: str = ""
    """The new name for the profile (example: bar)"""


class ProfilePut(IncusModel):
    """ProfilePut represents the modifiable fields of a profile"""

    config: dict[str, str] = Field(default_factory=dict)
    """Instance configuration map (refer to doc/instances.md)"""

    description: str = ""
    """Description of the profile (example: Medium size instances)"""

    devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """List of devices"""


class ProfilesPost(IncusModel):
    """ProfilesPost represents the fields of a new profile"""

    config: dict[str, str] = Field(default_factory=dict)
    """Instance configuration map (refer to doc/instances.md)"""

    description: str = ""
    """Description of the profile (example: Medium size instances)"""

    devices: dict[str, dict[str, str]] = Field(default_factory=dict)
    """List of devices"""

    name: str = ""
    """The name of the new profile (example: foo)"""


__all__ = [
    "Profile",
    "ProfilePost",
    "ProfilePut",
    "ProfilesPost",
]
