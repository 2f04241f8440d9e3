"""Models of the ``metadata`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from pydantic import Field

from .._base import IncusModel


class MetadataConfig(IncusModel):
    """MetadataConfig repreents metadata about configuration keys"""



class MetadataConfigKey(IncusModel):
    """MetadataConfigKey describe a configuration key"""

    condition: str = ""
    """Condition specifies the condition that must be met for the option to be taken
    into account (example: container)
    """

    defaultdesc: str = ""
    """DefaultDesc specify default value for configuration (example: "`DHCP on
    eth0`")
    """

    liveupdate: str = ""
    """LiveUpdate specifies whether the server must be restarted for the option to be
    updated (example: "no")
    """

    longdesc: str = ""
    """LongDesc provides long description for the option (example: "Specify the
    kernel modules as a comma-separated list.")
    """

    scope: str = ""
    """Scope defines if option apply to cluster or to the local server (example:
    global)
    """

    shortdesc: str = ""
    """ShortDesc provides short description for the configuration (example: "Kernel
    modules to load before starting the instance")
    """

    type: str = ""
    """Type specifies the type of the option (example: string)"""


class MetadataConfigGroup(IncusModel):
    """MetadataConfigGroup represents a group of config keys"""

    keys: list[dict[str, MetadataConfigKey]] = Field(default_factory=list)


class MetadataConfiguration(IncusModel):
    """MetadataConfiguration represents a server's exposed configuration metadata"""

    configs: MetadataConfig | None = None


__all__ = [
    "MetadataConfig",
    "MetadataConfigKey",
    "MetadataConfigGroup",
    "MetadataConfiguration",
]
