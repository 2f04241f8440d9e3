"""Cluster models: the cluster itself, its members, groups and join tokens.

``ClusterPut`` (bootstrap / join / leave body), ``ClusterMemberPut``
(a member's writable fields), ``ClusterMembersPost`` (join-token request),
``ClusterMemberPost`` (rename), ``ClusterMemberStatePost`` (evacuate /
restore), ``ClusterGroupsPost`` / ``ClusterGroupPut`` / ``ClusterGroupPost``,
``ClusterCertificatePut``, and the bound resources :class:`Cluster`,
:class:`ClusterMember`, :class:`ClusterGroup` and :class:`ClusterJoinToken`.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, List

from pydantic import Field

from . import _spec
from ._base import Resource

if TYPE_CHECKING:
    from .._core import Response

ClusterPut = _spec.ClusterPut
ClusterCertificatePut = _spec.ClusterCertificatePut
ClusterMemberConfigKey = _spec.ClusterMemberConfigKey
ClusterMemberPut = _spec.ClusterMemberPut
ClusterMemberPost = _spec.ClusterMemberPost
ClusterMembersPost = _spec.ClusterMembersPost
ClusterMemberState = _spec.ClusterMemberState
ClusterMemberStatePost = _spec.ClusterMemberStatePost
ClusterMemberSysInfo = _spec.ClusterMemberSysInfo
ClusterGroupPut = _spec.ClusterGroupPut
ClusterGroupPost = _spec.ClusterGroupPost
ClusterGroupsPost = _spec.ClusterGroupsPost
ClusterMemberJoinToken = _spec.ClusterMemberJoinToken


class ClusterMember(Resource, _spec.ClusterMember):
    """Model representing an Incus cluster member.

    Attributes:
        server_name: The member's name.
        url: Where the member is reached (``https://address:port``).
        status: ``Online``, ``Offline``, ``Evacuated``, ``Blocked``...
        message: More about the status (``Fully operational``).
        roles: Roles held (``database``, ``database-leader``...).
        database: Whether it is a database voter.
        groups: The cluster groups it belongs to.
        config: Its member configuration (``scheduler.instance``...).
        failure_domain: Its failure domain.
        description: Its description.
        architecture: Its primary architecture.
    """

    @property
    def name(self) -> str:
        """The member's name (``server_name``)."""
        return self.server_name

    def writable(self) -> dict[str, Any]:
        """The member's writable fields (a ``ClusterMemberPut`` body), as read."""
        data = self.to_dict()
        return {key: data[key] for key in ClusterMemberPut.model_fields}

    async def update(self, config: dict[str, Any]) -> Response:
        """Change some of the member's fields (see :meth:`ClusterAPI.update_member`).

        Args:
            config: The fields to change, e.g. ``{"description": "rack 1"}``.

        Returns:
            The server's response.
        """
        return await self._api("cluster").update_member(self.server_name, config)  # type: ignore[no-any-return]

    async def replace(self, config: dict[str, Any] | None = None) -> Response:
        """Replace the member's writable fields, refusing if it changed since read.

        Args:
            config: The new writable fields; by default this object's own.

        Returns:
            The server's response.
        """
        body = config if config is not None else self.writable()
        return await self._api("cluster").replace_member(self.server_name, body, etag=self.etag)  # type: ignore[no-any-return]

    async def delete(self, *, force: bool = False) -> Response:
        """Remove the member from the cluster (see :meth:`ClusterAPI.delete_member`).

        Returns:
            The server's response.
        """
        return await self._api("cluster").delete_member(self.server_name, force=force)  # type: ignore[no-any-return]

    async def rename(self, new_name: str) -> Response:
        """Rename the member; this object takes the new name.

        Args:
            new_name: The new name.

        Returns:
            The server's response.
        """
        response = await self._api("cluster").rename_member(self.server_name, new_name)
        self.server_name = new_name
        return response  # type: ignore[no-any-return]

    async def state(self) -> ClusterMemberState:
        """Return the member's state (storage pools, system load), typed."""
        return await self._api("cluster").get_member_state(self.server_name)  # type: ignore[no-any-return]

    async def evacuate(self, *, mode: str | None = None, wait: bool = True, check: bool = True) -> Response:
        """Evacuate the member (see :meth:`ClusterAPI.evacuate_member`)."""
        return await self._api("cluster").evacuate_member(self.server_name, mode=mode, wait=wait, check=check)  # type: ignore[no-any-return]

    async def restore(self, *, mode: str | None = None, wait: bool = True) -> Response:
        """Restore the member after an evacuation (see :meth:`ClusterAPI.restore_member`)."""
        return await self._api("cluster").restore_member(self.server_name, mode=mode, wait=wait)  # type: ignore[no-any-return]


class Cluster(Resource, _spec.Cluster):
    """Model representing an Incus cluster (``GET /1.0/cluster``).

    Attributes:
        enabled: Whether clustering is enabled on the server answering.
        server_name: The name of the member that answered.
        member_config: The member-specific keys a joining server must provide.
        members: Filled only by :meth:`ClusterAPI.get` with ``members=True``.
    """

    members: List[ClusterMember] = Field(default_factory=list)

    def __repr__(self) -> str:
        return f"<Cluster: {self.server_name or 'not clustered'}>"

    async def get_member(self, name: str) -> ClusterMember:
        """Get a cluster member by name.

        Args:
            name: Name of the cluster member.

        Returns:
            ClusterMember: The cluster member.
        """
        return await self._api("cluster").get_member(name)  # type: ignore[no-any-return]

    async def list_members(self) -> List[ClusterMember]:
        """List the cluster's members."""
        return await self._api("cluster").list_members()  # type: ignore[no-any-return]

    async def add_member(self, name: str, url: str | None = None, config: dict[str, Any] | None = None) -> Response:
        """Issue a join token for a new member (see :meth:`ClusterAPI.add_member`).

        Returns:
            The server's response; its metadata holds the token's fields.
        """
        return await self._api("cluster").add_member(name, url, config)  # type: ignore[no-any-return]


class ClusterGroup(Resource, _spec.ClusterGroup):
    """Model representing a cluster group.

    Attributes:
        name: The group's name.
        description: Its description.
        members: The names of the members in it.
    """

    async def update(self, config: dict[str, Any]) -> Response:
        """Change some of the group's fields (see :meth:`ClusterAPI.update_group`)."""
        return await self._api("cluster").update_group(self.name, config)  # type: ignore[no-any-return]

    async def replace(self, config: dict[str, Any] | None = None) -> Response:
        """Replace the group's fields, refusing if it changed since read."""
        body = config if config is not None else {"description": self.description, "members": self.members}
        return await self._api("cluster").replace_group(self.name, body, etag=self.etag)  # type: ignore[no-any-return]

    async def rename(self, new_name: str) -> Response:
        """Rename the group; this object takes the new name."""
        response = await self._api("cluster").rename_group(self.name, new_name)
        self.name = new_name
        return response  # type: ignore[no-any-return]

    async def delete(self) -> Response:
        """Delete the group."""
        return await self._api("cluster").delete_group(self.name)  # type: ignore[no-any-return]


class ClusterJoinToken(Resource, ClusterMemberJoinToken):
    """A join token for a new member: its fields, the encoded token and its operation.

    The token is a background operation of the cluster; it is used up by the
    join, or expires (``cluster.join_token_expiry``), or is revoked.

    Attributes:
        server_name: The name the new member must join with.
        secret: The join secret.
        fingerprint: The SHA-256 fingerprint of the cluster certificate.
        addresses: Addresses of cluster members the new member can contact.
        expires_at: When the token expires.
        token: The encoded token to give to the new server
            (``ClusterAPI.join(token, ...)``, ``incus admin init``).
        operation_id: The id of the operation that holds the token.
    """

    token: str = ""
    operation_id: str = ""

    @classmethod
    def from_operation(cls, metadata: dict[str, Any], operation_id: str, client: Any = None) -> ClusterJoinToken:
        """Build the token from its operation's metadata.

        The operation's metadata names the fields ``serverName`` and
        ``expiresAt``; the encoded token itself (as the ``incus`` CLI prints
        it) is the base64 of JSON with ``server_name`` / ``expires_at``.

        Args:
            metadata: The operation's metadata.
            operation_id: The operation's id.
            client: What :meth:`revoke` acts through.
        """
        fields = {
            "server_name": metadata.get("serverName", ""),
            "secret": metadata.get("secret", ""),
            "fingerprint": metadata.get("fingerprint", ""),
            "addresses": list(metadata.get("addresses") or []),
            "expires_at": metadata.get("expiresAt", ""),
        }
        encoded = base64.b64encode(json.dumps(fields).encode()).decode()
        return cls.from_dict({**fields, "token": encoded, "operation_id": operation_id}, client=client)

    @classmethod
    def decode(cls, token: str) -> ClusterJoinToken:
        """Decode an encoded join token (base64 JSON) into its fields.

        Args:
            token: The token string.

        Raises:
            ValueError: If it is not a cluster join token.
        """
        try:
            data = json.loads(base64.b64decode(token.strip(), validate=True))
        except ValueError as exc:
            raise ValueError(f"not a cluster join token: {exc}") from None
        if not isinstance(data, dict) or not data.get("secret") or not data.get("fingerprint"):
            raise ValueError("not a cluster join token: no secret or fingerprint in it")
        return cls.from_dict({**data, "token": token.strip()})

    @property
    def expired(self) -> bool:
        """Whether the expiry time has passed (by this machine's clock)."""
        if self.expires_at is None:
            return False
        now = datetime.now(self.expires_at.tzinfo) if self.expires_at.tzinfo else datetime.now()
        return self.expires_at <= now

    async def revoke(self) -> None:
        """Revoke the token (cancel its operation)."""
        await self._api("cluster").revoke_join_token(self.server_name)

    def __str__(self) -> str:
        return self.token

    def __repr__(self) -> str:
        return f"<ClusterJoinToken: {self.server_name}>"


__all__ = [
    "Cluster",
    "ClusterCertificatePut",
    "ClusterGroup",
    "ClusterGroupPost",
    "ClusterGroupPut",
    "ClusterGroupsPost",
    "ClusterJoinToken",
    "ClusterMember",
    "ClusterMemberConfigKey",
    "ClusterMemberJoinToken",
    "ClusterMemberPost",
    "ClusterMemberPut",
    "ClusterMemberState",
    "ClusterMemberStatePost",
    "ClusterMemberSysInfo",
    "ClusterMembersPost",
    "ClusterPut",
]
