"""Models of the ``access`` family, generated from the Incus REST API spec (rest-api-6.0.4.yaml).

Do not edit: run ``python scripts/gen_models.py``. Family modules in
``incus_sdk.models`` re-export these and add convenience methods.
"""

from __future__ import annotations

from .._base import IncusModel


class AccessEntry(IncusModel):
    """AccessEntry represents an entity having access to the resource."""

    identifier: str = ""
    """Certificate fingerprint (example:
    636b69519d27ae3b0e398cb7928043846ce1e3842f0ca7a589993dd913ab8cc9)
    """

    provider: str = ""
    """Which authorization method the certificate uses (example: tls, openfga)"""

    role: str = ""
    """The role associated with the certificate (example: admin, view, operator)"""


__all__ = [
    "AccessEntry",
]
