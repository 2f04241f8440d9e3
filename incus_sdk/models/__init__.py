"""Typed models following the Incus REST API spec, one module per family.

``incus_sdk.models._spec`` holds every definition of the spec, generated;
family modules re-export those and add the resource classes with
convenience methods (``Project.update()``, ``Instance.start()``...).
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_package

__getattr__, __dir__ = lazy_package(
    __name__,
    (
        "._base",
        ".certificate",
        ".cluster",
        ".event",
        ".image",
        ".instance",
        ".metrics",
        ".network",
        ".operation",
        ".profile",
        ".project",
        ".server",
        ".storage",
        ".warning",
    ),
)

if TYPE_CHECKING:
    from ._base import *  # noqa: F403
    from .certificate import *  # noqa: F403
    from .cluster import *  # noqa: F403
    from .event import *  # noqa: F403
    from .image import *  # noqa: F403
    from .instance import *  # noqa: F403
    from .metrics import *  # noqa: F403
    from .network import *  # noqa: F403
    from .operation import *  # noqa: F403
    from .profile import *  # noqa: F403
    from .project import *  # noqa: F403
    from .server import *  # noqa: F403
    from .storage import *  # noqa: F403
    from .warning import *  # noqa: F403
