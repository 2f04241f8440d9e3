"""The Cluster API: ``/1.0/cluster`` and what hangs off it.

``client.cluster`` manages the cluster itself (read, bootstrap, join,
leave, its certificate); its attributes manage the rest:

* ``client.cluster.members`` — ``/1.0/cluster/members`` (with their state,
  evacuation and restore)
* ``client.cluster.groups`` — ``/1.0/cluster/groups``
* ``client.cluster.join_tokens`` — join tokens for new members (each one a
  running operation of the cluster)

Every call goes through the client's scope: a client made with
``client.with_target("m2")`` (or ``Client(target=...)``) sends
``?target=m2`` on each request, so member-local reads (a member's storage
pool state, its resources) and placements happen on that member.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import ssl
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, List, TypedDict

from pydantic import Field

from .._core import Response
from .._paths import api_path
from ..exceptions import IncusConflictError, IncusConnectionError, IncusNotFoundError
from ..models import _spec
from ..models._base import Resource
from ..operations import MigrationOperation, list_operations
from ._base import SubAPI, child
from ._bodies import instance_move_body, writable_body
from ._collection import Body, Family, Member, RenamableNamedCollection, RenamableNamedMembers
from ._compat import deprecated, deprecated_alias

#: The operation class of join tokens.
_TOKEN_CLASS = "token"


class _MemberMoveOptions(TypedDict, total=False):
    """The keywords of :meth:`ClusterAPI.move_instance`, for :func:`incus_sdk.migration.move_to_member`."""

    new_name: str | None
    pool: str | None
    project: str | None
    instance_only: bool
    live: bool
    wait: bool
    timeout: float | None


async def fetch_certificate(address: str, fingerprint: str | None = None, *, timeout: float = 10) -> str:
    """Fetch the TLS certificate a server presents at ``address`` and check its fingerprint.

    This is how a joining server learns the cluster certificate from a join
    token: the token carries the certificate's SHA-256 fingerprint, not the
    certificate itself.

    Args:
        address: ``host:port`` (an address from a join token).
        fingerprint: The expected SHA-256 fingerprint (hex); not checked if None.
        timeout: Seconds to wait for the TLS handshake.

    Returns:
        The certificate, PEM encoded.

    Raises:
        IncusConnectionError: If the address cannot be reached.
        ValueError: If the certificate's fingerprint does not match.
    """
    host, _, port = address.rpartition(":")
    host = host.strip("[]")
    context = ssl.create_default_context()
    context.check_hostname = False
    # The fingerprint check below is the verification; the certificate is self-signed.
    context.verify_mode = ssl.CERT_NONE
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, int(port), ssl=context), timeout)
    except (OSError, asyncio.TimeoutError) as exc:
        raise IncusConnectionError(f"cannot fetch the cluster certificate from {address}: {exc}", exc) from exc
    try:
        der = writer.get_extra_info("ssl_object").getpeercert(binary_form=True)
    finally:
        writer.close()
        await writer.wait_closed()
    if fingerprint is not None and hashlib.sha256(der).hexdigest() != fingerprint.lower():
        raise ValueError(f"the certificate at {address} does not match the token's fingerprint {fingerprint}")
    return ssl.DER_cert_to_PEM_cert(der)


# -- resources ---------------------------------------------------------------------


class ClusterMember(Member, _spec.ClusterMember):
    """Model representing an Incus cluster member (bound to ``client.cluster.members``).

    ``update`` / ``patch`` / ``replace`` / ``rename`` / ``delete`` act on
    the member itself (see :class:`ClusterMembersAPI`).

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

    _family = "cluster.members"

    def _members(self) -> ClusterMembersAPI:
        return self._resolve(ClusterMembersAPI)

    @property
    def name(self) -> str:
        """The member's name (``server_name``)."""
        return self.server_name

    def writable(self) -> dict[str, Any]:
        """The member's writable fields (a ``ClusterMemberPut`` body), as read."""
        return self._writable()

    async def delete(self, *, force: bool = False, pending: bool = False, wait: bool = True) -> Response:
        """Remove the member from the cluster (:meth:`ClusterMembersAPI.delete`; same options and reply)."""
        return await self._members().delete(self.server_name, force=force, pending=pending, wait=wait)

    async def state(self) -> _spec.ClusterMemberState:
        """Return the member's state (storage pools, system load), typed."""
        return await self._members().state(self.server_name)

    async def evacuate(self, *, mode: str | None = None, wait: bool = True, check: bool = True) -> Response:
        """Evacuate the member (:meth:`ClusterMembersAPI.evacuate`; same options and reply)."""
        return await self._members().evacuate(self.server_name, mode=mode, wait=wait, check=check)

    async def restore(self, *, mode: str | None = None, wait: bool = True) -> Response:
        """Restore the member after an evacuation (:meth:`ClusterMembersAPI.restore`; same options and reply)."""
        return await self._members().restore(self.server_name, mode=mode, wait=wait)


class ClusterGroup(Member, _spec.ClusterGroup):
    """Model representing a cluster group (bound to ``client.cluster.groups``).

    Attributes:
        name: The group's name (instances are placed in it with target ``@name``).
        description: Its description.
        members: The names of the members in it.
    """

    _family = "cluster.groups"

    def _groups(self) -> ClusterGroupsAPI:
        return self._resolve(ClusterGroupsAPI)

    async def add_member(self, member: str, *, wait: bool = True) -> Response:
        """Put a member into this group, keeping its others (:meth:`ClusterGroupsAPI.add_member`; same reply)."""
        return await self._groups().add_member(self.name, member, wait=wait)

    async def remove_member(self, member: str, *, wait: bool = True) -> Response:
        """Take a member out of this group (:meth:`ClusterGroupsAPI.remove_member`; same reply)."""
        return await self._groups().remove_member(self.name, member, wait=wait)


class ClusterJoinToken(Resource, _spec.ClusterMemberJoinToken):
    """A join token for a new member: its fields, the encoded token and its operation.

    The token is a background operation of the cluster; it is used up by the
    join, or expires (``cluster.join_token_expiry``), or is revoked
    (:meth:`delete`).

    Attributes:
        server_name: The name the new member must join with.
        secret: The join secret.
        fingerprint: The SHA-256 fingerprint of the cluster certificate.
        addresses: Addresses of cluster members the new member can contact.
        expires_at: When the token expires.
        token: The encoded token to give to the new server
            (``client.cluster.join(token, ...)``, ``incus admin init``).
        operation_id: The id of the operation that holds the token.
    """

    _family = "cluster.join_tokens"

    token: str = ""
    operation_id: str = ""

    @classmethod
    def from_operation(cls, metadata: Mapping[str, Any], operation_id: str, client: object = None) -> ClusterJoinToken:
        """Build the token from its operation's metadata.

        The operation's metadata names the fields ``serverName`` and
        ``expiresAt``; the encoded token itself (as the ``incus`` CLI prints
        it) is the base64 of JSON with ``server_name`` / ``expires_at``.

        Args:
            metadata: The operation's metadata.
            operation_id: The operation's id.
            client: What :meth:`delete` acts through (``client.cluster.join_tokens``,
                or the :class:`~incus_sdk.Client`).

        Returns:
            The token.
        """
        fields = {
            "server_name": metadata.get("serverName", ""),
            "secret": metadata.get("secret", ""),
            "fingerprint": metadata.get("fingerprint", ""),
            "addresses": list(metadata.get("addresses") or []),
            "expires_at": metadata.get("expiresAt", ""),
        }
        encoded = base64.b64encode(json.dumps(fields).encode()).decode()
        return cls.bound({**fields, "token": encoded, "operation_id": operation_id}, api=client)

    @classmethod
    def decode(cls, token: str) -> ClusterJoinToken:
        """Decode an encoded join token (base64 JSON) into its fields.

        Args:
            token: The token string.

        Returns:
            The token's fields (not bound to a client: it has no operation id).

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

    async def delete(self, *, wait: bool = True) -> Response:
        """Revoke the token (see :meth:`ClusterJoinTokensAPI.delete`).

        Args:
            wait: Accepted for symmetry (the revocation is immediate).

        Returns:
            The server's reply.

        Raises:
            IncusNotFoundError: If no usable token for this name is left.
        """
        return await self._resolve(ClusterJoinTokensAPI).delete(self.server_name, wait=wait)

    def __str__(self) -> str:
        return self.token

    def __repr__(self) -> str:
        return f"<ClusterJoinToken: {self.server_name}>"

    # -- deprecated aliases (incus_sdk 0.1.0) -----------------------------------

    @deprecated("token.delete()")
    async def revoke(self) -> None:
        """Revoke the token (cancel its operation)."""
        await self.delete()


class Cluster(Resource, _spec.Cluster):
    """Model representing an Incus cluster (``GET /1.0/cluster``).

    Attributes:
        enabled: Whether clustering is enabled on the server answering.
        server_name: The name of the member that answered.
        member_config: The member-specific keys a joining server must provide.
        members: Filled only by :meth:`ClusterAPI.get` with ``members=True``.
    """

    _family = "cluster"

    members: List[ClusterMember] = Field(default_factory=list)

    def _cluster(self) -> ClusterAPI:
        return self._resolve(ClusterAPI)

    def __repr__(self) -> str:
        return f"<Cluster: {self.server_name or 'not clustered'}>"

    # -- seed compatibility (incus-sdk 1.0.0) ---------------------------------

    async def get_member(self, name: str) -> ClusterMember:
        """Seed SDK name for :meth:`ClusterMembersAPI.get`; same argument and reply."""
        return await self._cluster().members.get(name)

    async def add_member(self, name: str, url: str | None = None, config: dict[str, Any] | None = None) -> Response:
        """Seed SDK name for :meth:`ClusterAPI.add_member` (a join token request); same arguments and reply."""
        return await self._cluster().add_member(name, url, config)

    # -- deprecated aliases (incus_sdk 0.1.0) -----------------------------------

    @deprecated("client.cluster.members.list()")
    async def list_members(self) -> List[ClusterMember]:
        """List the cluster's members."""
        return await self._cluster().members.list()


# -- sub-APIs ---------------------------------------------------------------------


class ClusterMembersAPI(RenamableNamedMembers[ClusterMember]):
    """The cluster's members (``client.cluster.members``), keyed by name.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``update`` / ``patch`` /
    ``replace`` / ``rename`` / ``delete`` mean what they mean in every
    family (see the Conventions page); ``state``, ``evacuate`` and
    ``restore`` are the members' own. Members are not created here: a new
    server joins with a token from :attr:`ClusterAPI.join_tokens`.

    Every method but ``list`` / ``names`` takes the member's ``name`` first
    (one that names no member raises :class:`~incus_sdk.IncusNotFoundError`);
    every write takes ``wait`` (wait until the server has finished, the
    default) and returns the server's reply; ``etag``, where taken, is sent
    as ``If-Match`` (a write to a member changed since it was read raises
    :class:`~incus_sdk.IncusPreconditionFailedError`).

    A member's writable fields are ``config``, ``description``,
    ``failure_domain``, ``groups`` and ``roles`` (``member.writable()``):
    ``update("m2", {"description": "rack 2"})``, ``{"config":
    {"scheduler.instance": "manual"}}``, ``{"groups": ["default",
    "gpu"]}``. Incus 6.0's member ``PATCH`` resets the roles and groups it
    is not given, so a :meth:`patch` without them is refused ("The
    "database" role cannot be dropped", or a member left in no group);
    :meth:`update` reads, merges and writes back with ``PUT`` and keeps
    them. A :meth:`replace` with no groups is refused
    (:class:`~incus_sdk.IncusBadRequestError`).
    """

    family = Family(("cluster", "members"), post=_spec.ClusterMembersPost, put=_spec.ClusterMemberPut)
    key_field = "server_name"

    async def list(self, recursion: int = 1) -> List[ClusterMember]:
        """List the cluster's members.

        Args:
            recursion: ``1`` (default) for whole members, ``0`` for members
                carrying only their name (one cheap request).

        Returns:
            The members.
        """
        return await self._list((), recursion)

    async def names(self) -> List[str]:
        """Return the members' names (one request)."""
        return await self._names(())

    async def delete(self, name: str, *, force: bool = False, pending: bool = False, wait: bool = True) -> Response:
        """Remove a member from the cluster.

        The member must hold no instances or custom volumes (move them
        first); the removed server is reset to a standalone one.

        Args:
            force: Remove it even if it does not answer (it is not reset).
            pending: Remove a member whose join never completed.
        """
        params = {"force": 1 if force else None, "pending": 1 if pending else None}
        return await self._delete((), name, wait=wait, params=params)

    async def state(self, name: str) -> _spec.ClusterMemberState:
        """Return a member's state: its storage pools' usage and its system load, typed."""
        return await self._core.get_model(_spec.ClusterMemberState, self._url((), name, "state"))

    async def evacuate(self, name: str, *, mode: str | None = None, wait: bool = True, check: bool = True) -> Response:
        """Evacuate a member: move (or stop) its instances, and place nothing new on it.

        Without live migration (CRIU) a running instance is stopped, moved
        and started again on another member.

        Incus 6.0 stops an instance before looking for a member to move it
        to, and fails (leaving it stopped) when there is none, e.g. when the
        instance is pinned to a cluster group (placed with ``@group``) whose
        other members are all unavailable. With ``check`` the SDK looks for
        such instances first and refuses before anything happens.

        Args:
            mode: Override the instances' ``cluster.evacuate`` for this
                evacuation: ``auto``, ``migrate``, ``live-migrate``, ``stop``,
                ``stateful-stop``, ``force-stop``.
            check: Refuse up front if an instance that would be moved has
                nowhere to go.

        Raises:
            IncusConflictError: If ``check`` found an instance with nowhere to go.
            IncusBadRequestError: For an invalid mode.
            IncusOperationError: If the evacuation failed.
        """
        if check:
            await self._check_evacuation(name, mode)
        return await self._set_state(name, "evacuate", mode, wait)

    async def restore(self, name: str, *, mode: str | None = None, wait: bool = True) -> Response:
        """Bring an evacuated member back: its instances return and start again.

        Args:
            mode: ``"skip"`` on servers that support it (restore without moving back).

        Raises:
            IncusOperationError: If the restore failed.
        """
        return await self._set_state(name, "restore", mode, wait)

    async def _set_state(self, name: str, action: str, mode: str | None, wait: bool) -> Response:
        body = {"action": action, **({"mode": mode} if mode is not None else {})}
        response = await self._core.request("POST", self._url((), name, "state"), json=body)
        return await response.finish(wait)

    async def _check_evacuation(self, name: str, mode: str | None) -> None:
        members = {m.server_name: m for m in await self.list()}
        if name not in members:
            raise IncusNotFoundError(f"no cluster member {name!r}", url=self._url((), name))
        online = [m for m in members.values() if m.server_name != name and m.status == "Online"]
        # GET /1.0/instances?target=X does not filter by member: filter on location.
        instances = await self._core.get_list(
            api_path("instances"), params={"recursion": 1, "all-projects": True, "project": None, "target": None}
        )
        for inst in instances:
            if inst.get("location") != name:
                continue
            how = mode or (inst.get("expanded_config") or {}).get("cluster.evacuate") or "auto"
            if how in ("stop", "stateful-stop", "force-stop"):
                continue
            group = (inst.get("config") or {}).get("volatile.cluster.group")
            targets = [m.server_name for m in online if not group or group in m.groups]
            if not targets:
                where = f"cluster group {group!r}" if group else "the cluster"
                raise IncusConflictError(
                    f"cannot evacuate {name!r}: instance {inst.get('name')!r} (project {inst.get('project')!r}) "
                    f"would have to move, but no other online member of {where} can take it; "
                    "nothing was changed (use mode='stop' to stop it instead)",
                    method="POST",
                    url=self._url((), name, "state"),
                )


class ClusterGroupsAPI(RenamableNamedCollection[ClusterGroup]):
    """The cluster's groups (``client.cluster.groups``), keyed by name.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``create`` / ``update`` /
    ``patch`` / ``replace`` / ``rename`` / ``delete`` mean what they mean in
    every family (see the Conventions page): ``create("gpu",
    description=..., members=[...])``; ``update("gpu", {"members":
    [...]})`` keeps the description and writes with ``PUT`` (Incus 6.0's
    own ``PATCH`` fails with a 500 when it drops one of several members).
    Incus 6.0 ignores ``If-Match`` on a group's ``PUT``: with ``etag=`` the
    SDK compares the ETag itself just before writing (a narrow race
    remains). Changing a member's groups from the member's side
    (:meth:`add_member`, :meth:`remove_member`) is ETag-safe. The
    ``default`` group cannot be deleted, and a member stays in at least one
    group.

    :meth:`add_member` and :meth:`remove_member` take the group's name,
    then the member's, and ``wait`` (wait until the server has finished,
    the default); they give the server's reply to the member's ``PUT``.
    """

    family = Family(("cluster", "groups"), post=_spec.ClusterGroupsPost, put=_spec.ClusterGroupPut)
    server_checks_etag = False

    _members = child(ClusterMembersAPI)

    async def add_member(self, group: str, member: str, *, wait: bool = True) -> Response:
        """Put a member into a group, keeping its other groups.

        The member's groups are written (``PUT`` with the ETag it was read
        with), so a concurrent change of the member is refused, not lost.

        Raises:
            IncusNotFoundError: If the group or the member does not exist.
            IncusPreconditionFailedError: If the member changed meanwhile.
        """
        current = await self._members.get(member)
        # An unknown group must be a clear 404, not a failed member update.
        await self.get(group)
        groups = current.groups if group in current.groups else [*current.groups, group]
        return await self._members.update(member, {"groups": groups}, etag=current.etag, wait=wait)

    async def remove_member(self, group: str, member: str, *, wait: bool = True) -> Response:
        """Take a member out of a group (a member stays in at least one group).

        Raises:
            IncusNotFoundError: If the member does not exist.
            IncusBadRequestError: If it is the member's only group.
            IncusPreconditionFailedError: If the member changed meanwhile.
        """
        current = await self._members.get(member)
        groups = [g for g in current.groups if g != group]
        return await self._members.update(member, {"groups": groups}, etag=current.etag, wait=wait)


class ClusterJoinTokensAPI(SubAPI):
    """Join tokens for new members (``client.cluster.join_tokens``), keyed by the new member's name.

    Incus keeps each token as a running operation of the cluster (``POST
    /1.0/cluster/members`` starts it; a join, the expiry or a revocation
    ends it), not as a collection of its own: ``list`` reads the running
    token operations and ``delete`` cancels one. A new token for a name
    replaces the previous one. A token is not changed once issued, so there
    is no ``update`` / ``replace`` / ``rename``.
    """

    async def create(self, name: str) -> ClusterJoinToken:
        """Issue a join token for a new member named ``name``.

        The token's operation runs until the token is used, expires or is
        revoked, so there is nothing to wait for: the token is returned at
        once.

        Args:
            name: The name the new member will have.

        Returns:
            ClusterJoinToken: ``str(token)`` is what the new server joins with
            (:meth:`ClusterAPI.join`, ``incus admin init``).

        Raises:
            ValueError: If ``name`` is empty.
            IncusConflictError: If a member of that name exists.
        """
        response = await self._request(name)
        op = response.operation
        metadata = op.metadata if op is not None else (response.metadata or {})
        return ClusterJoinToken.from_operation(metadata, op.id if op is not None else "", client=self)

    async def _request(self, name: str) -> Response:
        """``POST /1.0/cluster/members``: the server's reply, its operation holding the token."""
        if not name:
            raise ValueError("a join token needs the name of the new member")
        body = writable_body(_spec.ClusterMembersPost, {"server_name": name}, "create")
        return await self._core.request("POST", api_path("cluster", "members"), json=body)

    async def list(self) -> List[ClusterJoinToken]:
        """List the join tokens still usable (their operations are running).

        Returns:
            The tokens, bound to this sub-API.
        """
        # The cluster's token operations are in the default project, whatever the client's.
        ops = await list_operations(self._core.scoped(project="default"))
        return [
            ClusterJoinToken.from_operation(op.metadata, op.id, client=self)
            for op in ops
            if op.model.class_ == _TOKEN_CLASS and op.status == "Running" and "serverName" in op.metadata
        ]

    async def names(self) -> List[str]:
        """Return the names the usable tokens were issued for."""
        return [token.server_name for token in await self.list()]

    async def get(self, name: str) -> ClusterJoinToken:
        """Return the usable join token issued for ``name``.

        Args:
            name: The new member's name.

        Returns:
            The token.

        Raises:
            IncusNotFoundError: If there is none.
        """
        for token in await self.list():
            if token.server_name == name:
                return token
        raise IncusNotFoundError(f"no join token for cluster member {name!r}")

    async def exists(self, name: str) -> bool:
        """Return whether a usable token was issued for ``name``.

        Args:
            name: The new member's name.
        """
        return name in await self.names()

    async def delete(self, name: str, *, wait: bool = True) -> Response:
        """Revoke the join token issued for ``name`` (cancel its operation).

        Args:
            name: The new member's name.
            wait: Accepted for symmetry (the revocation is immediate).

        Returns:
            The server's reply.

        Raises:
            IncusNotFoundError: If there is no usable token for that name.
        """
        token = await self.get(name)
        response = await self._core.request("DELETE", api_path("operations", token.operation_id))
        return await response.finish(wait)


class ClusterAPI(SubAPI):
    """API client for an Incus cluster (``client.cluster``).

    The cluster itself is here (:meth:`get`, :meth:`enable`, :meth:`join`,
    :meth:`disable`, :meth:`update_certificate`); its members, groups and
    join tokens are the sub-APIs :attr:`members`, :attr:`groups` and
    :attr:`join_tokens`.
    """

    members = child(ClusterMembersAPI)
    """The cluster's members (``/1.0/cluster/members``)."""

    groups = child(ClusterGroupsAPI)
    """The cluster's groups (``/1.0/cluster/groups``)."""

    join_tokens = child(ClusterJoinTokensAPI)
    """Join tokens for new members."""

    # -- the cluster ----------------------------------------------------------

    async def get(self, *, members: bool = False) -> Cluster:
        """Get cluster information.

        Args:
            members: Also read the members into ``cluster.members`` (a second request).

        Returns:
            Cluster: Whether clustering is enabled, the answering member's
            name and the member-specific config keys a new member must provide.
        """
        response = await self._core.request("GET", api_path("cluster"))
        cluster = Cluster.bound(response.metadata or {}, api=self, etag=response.etag)
        if members and cluster.enabled:
            cluster.members = await self.members.list()
        return cluster

    async def update(
        self, config: Mapping[str, Any] | _spec.ClusterPut, *, etag: str | None = None, wait: bool = True
    ) -> Response:
        """Update the cluster (``PUT /1.0/cluster``): bootstrap, join or leave.

        This is the low-level call behind :meth:`enable` (bootstrap),
        :meth:`join` and :meth:`disable`; the server picks which from the body.

        Args:
            config: A ``ClusterPut`` body: ``server_name``, ``enabled``,
                ``cluster_address``, ``cluster_certificate``, ``cluster_token``,
                ``server_address``, ``member_config``.
            etag: Sent as ``If-Match``.
            wait: Wait for the operation the server starts (join, bootstrap).

        Returns:
            Dict[str, Any]: The server's reply.

        Raises:
            ValueError: If ``config`` has keys that are not ``ClusterPut`` fields.
            IncusBadRequestError: If the body does not make sense (e.g. no
                ``server_name`` when enabling).
            IncusOperationError: If the bootstrap or join failed.
        """
        body = writable_body(_spec.ClusterPut, config, "update")
        response = await self._core.request("PUT", api_path("cluster"), json=body, etag=etag)
        return await response.finish(wait)

    async def enable(self, server_name: str, *, wait: bool = True) -> Response:
        """Turn a standalone server into the first member of a new cluster.

        The server must listen on the network (``core.https_address``).

        Args:
            server_name: The name of this first member.
            wait: Wait for the bootstrap to finish (default).

        Returns:
            The server's reply.

        Raises:
            ValueError: If ``server_name`` is empty.
        """
        if not server_name:
            raise ValueError("enable() needs the name of the first member")
        return await self.update({"server_name": server_name, "enabled": True}, wait=wait)

    async def disable(self, *, wait: bool = True) -> Response:
        """Make this server leave clustering (``enabled: false``); Incus then resets it.

        Args:
            wait: Wait until the server has finished (default).

        Returns:
            The server's reply.
        """
        return await self.update({"server_name": "", "enabled": False}, wait=wait)

    async def join(
        self,
        token: str | ClusterJoinToken,
        *,
        server_address: str,
        server_name: str | None = None,
        cluster_address: str | None = None,
        cluster_certificate: str | None = None,
        member_config: Sequence[Mapping[str, str] | _spec.ClusterMemberConfigKey] | None = None,
        wait: bool = True,
    ) -> Response:
        """Join the server this client talks to to a cluster, with a join token.

        Send this to the NEW server (not to the cluster). The new server must
        have no instances, images or storage pools of its own.

        Args:
            token: The join token from ``join_tokens.create()`` on the cluster.
            server_address: ``host:port`` the new member will listen on for the cluster.
            server_name: Its name; by default the name the token was issued for.
            cluster_address: The member to contact; by default the token's first address.
            cluster_certificate: The cluster certificate (PEM). By default it
                is fetched from ``cluster_address`` and checked against the
                token's fingerprint (this needs the SDK's machine to reach
                that address); a cluster client has it as
                ``(await c.get_server_info()).environment.certificate``.
            member_config: Values for the cluster's member-specific keys
                (``Cluster.member_config``), e.g.
                ``[{"entity": "storage-pool", "name": "default", "key": "source", "value": ""}]``.
            wait: Wait for the join to finish (default).

        Returns:
            The server's reply.

        Raises:
            ValueError: If ``token`` is not a join token, or the fetched
                certificate does not match its fingerprint.
            IncusConnectionError: If the certificate must be fetched and the
                cluster cannot be reached.
            IncusOperationError: If the cluster refused the join (revoked,
                used or expired token, name taken...); the server then stays
                standalone.
        """
        decoded = ClusterJoinToken.decode(str(token))
        address = cluster_address or (decoded.addresses[0] if decoded.addresses else "")
        if not address:
            raise ValueError("the join token lists no cluster address; pass cluster_address=")
        if cluster_certificate is None:
            cluster_certificate = await fetch_certificate(address, decoded.fingerprint)
        body = {
            "server_name": server_name or decoded.server_name,
            "server_address": server_address,
            "enabled": True,
            "cluster_address": address,
            "cluster_certificate": cluster_certificate,
            "cluster_token": decoded.token,
            "member_config": [
                entry.to_dict() if isinstance(entry, _spec.ClusterMemberConfigKey) else dict(entry)
                for entry in member_config or []
            ],
        }
        return await self.update(body, wait=wait)

    async def update_certificate(
        self, certificate: str, key: str, *, etag: str | None = None, wait: bool = True
    ) -> Response:
        """Replace the cluster's certificate and key on every member.

        Args:
            certificate: The new certificate, PEM.
            key: Its private key, PEM.
            etag: Sent as ``If-Match``.
            wait: Wait until the server has finished (default).

        Returns:
            The server's reply.
        """
        body = {"cluster_certificate": certificate, "cluster_certificate_key": key}
        response = await self._core.request("PUT", api_path("cluster", "certificate"), json=body, etag=etag)
        return await response.finish(wait)

    # -- in-cluster moves -----------------------------------------------------------

    async def move_instance(
        self,
        name: str,
        member: str,
        *,
        new_name: str | None = None,
        pool: str | None = None,
        project: str | None = None,
        instance_only: bool = False,
        live: bool = False,
        wait: bool = True,
        timeout: float | None = None,
    ) -> MigrationOperation:
        """Move an instance to another member or ``@group`` (``incus move NAME --target MEMBER``).

        One request: ``POST /1.0/instances/NAME?target=MEMBER`` with
        ``migration: true``, in this client's project; the cluster moves it.

        Args:
            name: The instance.
            member: The member to move it to, or ``@group``.
            new_name: Rename it on the way.
            pool: Move its root volume to this storage pool.
            project: Move it into this project.
            instance_only: Leave its snapshots behind.
            live: Live-migrate a running instance (needs CRIU); otherwise it
                must be stopped.
            wait: Wait for the move (default).
            timeout: Seconds to wait at most.

        Returns:
            The operation (``mode == "cluster"``, its ``source`` the move's
            operation), finished unless ``wait=False``.

        Raises:
            ValueError: If ``member`` is empty.
            IncusNotFoundError: If the instance does not exist.
            IncusOperationError: If the move failed (unknown member, instance running...).
        """
        if not member:
            raise ValueError("moving within a cluster needs the member (or @group) to move to")
        body = instance_move_body(new_name or name, project=project, pool=pool, instance_only=instance_only, live=live)
        op = await self._core.scoped(target=member).operation("POST", api_path("instances", name), json=body)
        result = MigrationOperation(source=op, target=None, mode="cluster")
        if wait:
            await result.wait(timeout)
        return result

    # -- seed compatibility (incus-sdk 1.0.0) ---------------------------------

    async def list_members(self, recursion: int = 1) -> List[ClusterMember]:
        """Seed SDK name for :meth:`ClusterMembersAPI.list`; same argument and reply."""
        return await self.members.list(recursion)

    async def get_member(self, name: str) -> ClusterMember:
        """Seed SDK name for :meth:`ClusterMembersAPI.get`; same argument and reply."""
        return await self.members.get(name)

    async def add_member(self, name: str, url: str | None = None, config: dict[str, Any] | None = None) -> Response:
        """Seed SDK name for a join token request; :meth:`ClusterJoinTokensAPI.create` gives the token typed.

        Incus adds members by token: the new server then joins with it
        (:meth:`join` on that server).

        Args:
            name: Name of the cluster member to be.
            url: Unused: the new member chooses its address when it joins
                (``join(server_address=...)``).
            config: Not supported by the server here; set member config with
                ``members.update()`` once it has joined.

        Returns:
            Dict[str, Any]: The server's reply; ``response.operation`` is the
            token's (running) operation and its metadata the token's fields.

        Raises:
            ValueError: If ``config`` is given.
            IncusConflictError: If a member of that name exists.
        """
        if config is not None:
            raise ValueError("add_member() cannot set config: use members.update() once the member has joined")
        # The seed returned the server's reply, not the token built from it.
        return await self.join_tokens._request(name)

    async def update_member(self, name: str, config: Body, *, etag: str | None = None, wait: bool = True) -> Response:
        """Seed SDK name for :meth:`ClusterMembersAPI.update`; same arguments and reply."""
        return await self.members.update(name, config, etag=etag, wait=wait)

    async def delete_member(
        self, name: str, *, force: bool = False, pending: bool = False, wait: bool = True
    ) -> Response:
        """Seed SDK name for :meth:`ClusterMembersAPI.delete`; same arguments and reply."""
        return await self.members.delete(name, force=force, pending=pending, wait=wait)

    async def rename_member(self, name: str, new_name: str, *, wait: bool = True) -> Response:
        """Seed SDK name for :meth:`ClusterMembersAPI.rename`; same arguments and reply."""
        return await self.members.rename(name, new_name, wait=wait)

    # -- deprecated aliases (incus_sdk 0.1.0) -----------------------------------

    member_names = deprecated_alias("cluster.members", ClusterMembersAPI.names)
    replace_member = deprecated_alias("cluster.members", ClusterMembersAPI.replace, config="member")
    get_member_state = deprecated_alias("cluster.members", ClusterMembersAPI.state)

    @deprecated("client.cluster.members.evacuate(name) or client.cluster.members.restore(name)")
    async def set_member_state(self, name: str, action: str, *, mode: str | None = None, wait: bool = True) -> Response:
        """Evacuate or restore a member (``POST .../state``); ``action`` is ``evacuate`` or ``restore``."""
        if action == "evacuate":
            return await self.members.evacuate(name, mode=mode, wait=wait, check=False)
        if action == "restore":
            return await self.members.restore(name, mode=mode, wait=wait)
        raise ValueError(f"action must be 'evacuate' or 'restore', not {action!r}")

    evacuate_member = deprecated_alias("cluster.members", ClusterMembersAPI.evacuate)
    restore_member = deprecated_alias("cluster.members", ClusterMembersAPI.restore)
    create_join_token = deprecated_alias("cluster.join_tokens", ClusterJoinTokensAPI.create)
    list_join_tokens = deprecated_alias("cluster.join_tokens", ClusterJoinTokensAPI.list)
    get_join_token = deprecated_alias("cluster.join_tokens", ClusterJoinTokensAPI.get)

    @deprecated("client.cluster.join_tokens.delete(name)")
    async def revoke_join_token(self, name: str) -> None:
        """Revoke the join token issued for ``name``."""
        await self.join_tokens.delete(name)

    # list and get are the engine's generic verbs, which an alias cannot take the types of.
    @deprecated("client.cluster.groups.list()")
    async def list_groups(self, recursion: int = 1) -> List[ClusterGroup]:
        """List the cluster groups."""
        return await self.groups.list(recursion)

    group_names = deprecated_alias("cluster.groups", ClusterGroupsAPI.names)

    @deprecated("client.cluster.groups.get(name)")
    async def get_group(self, name: str) -> ClusterGroup:
        """Get a cluster group, with ``etag`` set."""
        return await self.groups.get(name)

    @deprecated("client.cluster.groups.create(name, description=..., members=[...])")
    async def create_group(
        self, name: str, *, description: str | None = None, members: Sequence[str] | None = None
    ) -> Response:
        """Create a cluster group."""
        return await self.groups.create(
            name, description=description, members=None if members is None else list(members)
        )

    update_group = deprecated_alias("cluster.groups", ClusterGroupsAPI.update)
    replace_group = deprecated_alias("cluster.groups", ClusterGroupsAPI.replace)
    rename_group = deprecated_alias("cluster.groups", ClusterGroupsAPI.rename)
    delete_group = deprecated_alias("cluster.groups", ClusterGroupsAPI.delete)
    add_to_group = deprecated_alias("cluster.groups", ClusterGroupsAPI.add_member)
    remove_from_group = deprecated_alias("cluster.groups", ClusterGroupsAPI.remove_member)


__all__ = [
    "Cluster",
    "ClusterAPI",
    "ClusterGroup",
    "ClusterGroupsAPI",
    "ClusterJoinToken",
    "ClusterJoinTokensAPI",
    "ClusterMember",
    "ClusterMembersAPI",
    "fetch_certificate",
]
