"""Network ACLs: ``/1.0/network-acls``."""

from __future__ import annotations

from collections.abc import AsyncIterator

from ..models import _spec
from ._collection import Family, NamedResource, RenamableNamedCollection


class NetworkACL(NamedResource, _spec.NetworkACL):
    """A network ACL: ingress/egress rules applied to NICs and networks."""

    _family = "networks.acls"


class NetworkACLsAPI(RenamableNamedCollection[NetworkACL]):
    """Network ACLs (``client.networks.acls``).

    Create one with ``create(name, ingress=[...], egress=[...])``, rules
    being :class:`~incus_sdk.models.network.NetworkACLRule` or dicts such as
    ``{"action": "allow", "source": "192.0.2.0/24", "state": "enabled"}``;
    ``update(name, {"ingress": [...]})`` replaces the ingress rules.
    """

    family = Family(("network-acls",), post=_spec.NetworkACLsPost, put=_spec.NetworkACLPut)

    async def log(self, name: str, *, chunk_size: int = 65536) -> AsyncIterator[bytes]:
        """Stream an ACL's log (``GET /1.0/network-acls/{name}/log``).

        Only OVN networks keep ACL logs; Incus 6.0 refuses for the others
        ("Only OVN log entries may be retrieved at this time").

        Args:
            name: Name of the ACL.
            chunk_size: Largest chunk yielded.

        Yields:
            The raw log, chunk by chunk (never held whole in memory).

        Raises:
            IncusNotFoundError: If there is no such ACL.
            IncusAPIError: If the server cannot give the log.
        """
        async with self._core.stream("GET", self._url((), name, "log")) as reply:
            async for chunk in reply.iter_chunks(chunk_size):
                yield chunk


__all__ = ["NetworkACL", "NetworkACLsAPI"]
