"""The Cluster API: ``/1.0/cluster``, its members, groups, join tokens and certificate.

Every call goes through the client's scope: a client made with
``client.with_target("m2")`` (or ``Client(target=...)``) sends
``?target=m2`` on each request, so member-local reads (a member's storage
pool state, its resources) and placements happen on that member.
"""

from __future__ import annotations

import asyncio
import hashlib
import ssl
from typing import Any, List, Mapping, Sequence

from .._core import Response
from .._paths import api_path
from ..exceptions import (
    IncusConflictError,
    IncusConnectionError,
    IncusNotFoundError,
    IncusPreconditionFailedError,
)
from ..models.cluster import (
    Cluster,
    ClusterGroup,
    ClusterGroupPut,
    ClusterJoinToken,
    ClusterMember,
    ClusterMemberConfigKey,
    ClusterMemberPut,
    ClusterMemberState,
)
from ._base import SubAPI
from ._bodies import writable_body
from ._collection import merge_update
from .migration import MigrationOperation, move_to_member

#: The operation class of join tokens.
_TOKEN_CLASS = "token"


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


def _check_etag(current: str | None, expected: str | None, what: str, url: str) -> None:
    if expected is not None and current != expected:
        raise IncusPreconditionFailedError(f"{what} changed since it was read (ETag mismatch)", method="PUT", url=url)


class ClusterAPI(SubAPI):
    """API client for Incus cluster."""

    # -- the cluster ----------------------------------------------------------

    async def get(self, *, members: bool = False) -> Cluster:
        """Get cluster information.

        Args:
            members: Also read the members into ``cluster.members`` (a second request).

        Returns:
            Cluster: Whether clustering is enabled, the answering member's
            name and the member-specific config keys a new member must provide.
        """
        cluster = await self._core.get_model(Cluster, api_path("cluster"), client=self.client)
        if members and cluster.enabled:
            cluster.members = await self.list_members()
        return cluster

    async def update(self, config: dict[str, Any], *, etag: str | None = None, wait: bool = True) -> Response:
        """Update cluster configuration (``PUT /1.0/cluster``).

        This is the low-level call behind :meth:`enable` (bootstrap),
        :meth:`join` and :meth:`disable`; the server picks which from the body.

        Args:
            config: A :class:`~incus_sdk.models.cluster.ClusterPut` body:
                ``server_name``, ``enabled``, ``cluster_address``,
                ``cluster_certificate``, ``cluster_token``, ``server_address``,
                ``member_config``.
            etag: Sent as ``If-Match``.
            wait: Wait for the operation the server starts (join, bootstrap).

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusBadRequestError: If the body does not make sense (e.g. no
                ``server_name`` when enabling).
            IncusOperationError: If the bootstrap or join failed.
        """
        response = await self._core.request("PUT", api_path("cluster"), json=config, etag=etag)
        if wait and response.operation is not None:
            await response.operation.wait()
        return response

    async def enable(self, server_name: str, *, wait: bool = True) -> Response:
        """Turn a standalone server into the first member of a new cluster.

        The server must listen on the network (``core.https_address``).

        Args:
            server_name: The name of this first member.
            wait: Wait for the bootstrap to finish.

        Returns:
            The operation response.
        """
        if not server_name:
            raise ValueError("enable() needs the name of the first member")
        return await self.update({"server_name": server_name, "enabled": True}, wait=wait)

    async def disable(self, *, wait: bool = True) -> Response:
        """Make this server leave clustering (``enabled: false``); Incus then resets it.

        Returns:
            The operation response.
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
        member_config: Sequence[Mapping[str, str] | ClusterMemberConfigKey] | None = None,
        wait: bool = True,
    ) -> Response:
        """Join the server this client talks to to a cluster, with a join token.

        Send this to the NEW server (not to the cluster). The new server must
        have no instances, images or storage pools of its own.

        Args:
            token: The join token from :meth:`create_join_token` on the cluster.
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
            wait: Wait for the join to finish.

        Returns:
            The operation response.

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
                entry.to_dict() if isinstance(entry, ClusterMemberConfigKey) else dict(entry)
                for entry in member_config or []
            ],
        }
        return await self.update(body, wait=wait)

    async def update_certificate(self, certificate: str, key: str, *, etag: str | None = None) -> Response:
        """Replace the cluster's certificate and key on every member.

        Args:
            certificate: The new certificate, PEM.
            key: Its private key, PEM.
            etag: Sent as ``If-Match``.

        Returns:
            The server's response.
        """
        body = {"cluster_certificate": certificate, "cluster_certificate_key": key}
        return await self._core.request("PUT", api_path("cluster", "certificate"), json=body, etag=etag)

    # -- members ----------------------------------------------------------------

    async def list_members(self, recursion: int = 1) -> List[ClusterMember]:
        """List all cluster members.

        Args:
            recursion: ``1`` (default) for full members, ``0`` for names only.

        Returns:
            List[ClusterMember]: List of cluster members.
        """
        return await self._core.get_models(
            ClusterMember, api_path("cluster", "members"), recursion=recursion, client=self.client, key="server_name"
        )

    async def member_names(self) -> List[str]:
        """Return the names of the cluster members."""
        return await self._core.get_names(api_path("cluster", "members"))

    async def get_member(self, name: str) -> ClusterMember:
        """Get a cluster member by name.

        Args:
            name: Name of the cluster member.

        Returns:
            ClusterMember: The member, with ``etag`` set for a later safe replace.

        Raises:
            IncusNotFoundError: If there is no such member.
        """
        return await self._core.get_model(ClusterMember, api_path("cluster", "members", name), client=self.client)

    async def add_member(self, name: str, url: str | None = None, config: dict[str, Any] | None = None) -> Response:
        """Ask the cluster for a join token for a new member named ``name``.

        Incus adds members by token: the new server then joins with it
        (:meth:`join` on that server). :meth:`create_join_token` returns the
        token typed.

        Args:
            name: Name of the cluster member to be.
            url: Unused: the new member chooses its address when it joins
                (``join(server_address=...)``). Kept for compatibility.
            config: Not supported by the server here; set member config with
                :meth:`update_member` once it has joined.

        Returns:
            Dict[str, Any]: The operation response; ``response.operation`` is
            the token's (running) operation and the metadata its fields.

        Raises:
            ValueError: If ``config`` is given.
            IncusConflictError: If a member or token of that name exists.
        """
        if config is not None:
            raise ValueError("add_member() cannot set config: use update_member() once the member has joined")
        return await self._core.request("POST", api_path("cluster", "members"), json={"server_name": name})

    async def update_member(self, name: str, config: dict[str, Any], *, etag: str | None = None) -> Response:
        """Update a cluster member: change only the fields given.

        Incus 6.0's ``PATCH`` merges only ``config`` and resets the other
        fields (and refuses a member without groups), so the SDK reads the
        member, merges, and writes it back with ``If-Match``, re-reading and
        retrying if another client changed it in between. Within ``config``
        a key set to ``None`` is removed.

        Args:
            name: Name of the cluster member.
            config: Fields to change, e.g. ``{"description": "rack 2"}``,
                ``{"config": {"scheduler.instance": "manual"}}``,
                ``{"groups": ["default", "gpu"]}``, ``{"failure_domain": "rack2"}``.
            etag: If given, apply only if the member still has this ETag; no retry.

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            ValueError: If ``config`` has keys that are not member fields.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        changes = writable_body(ClusterMemberPut, config, "update_member")
        return await merge_update(self._core, api_path("cluster", "members", name), ClusterMemberPut, changes, etag)

    async def replace_member(
        self, name: str, member: dict[str, Any] | ClusterMemberPut, *, etag: str | None = None
    ) -> Response:
        """Replace a member's writable fields (``PUT``).

        Args:
            name: Name of the cluster member.
            member: ``config``, ``description``, ``failure_domain``, ``groups``
                (at least one) and ``roles`` (the ``database`` role cannot be
                added or dropped this way).
            etag: Sent as ``If-Match``: refused if the member changed since read.

        Returns:
            The server's response.

        Raises:
            IncusPreconditionFailedError: If ``etag`` no longer matches.
            IncusBadRequestError: E.g. no groups.
        """
        body = writable_body(ClusterMemberPut, member, "replace_member")
        return await self._core.request("PUT", api_path("cluster", "members", name), json=body, etag=etag)

    async def rename_member(self, name: str, new_name: str) -> Response:
        """Rename a cluster member.

        Args:
            name: Current name of the cluster member.
            new_name: New name for the cluster member.

        Returns:
            Dict[str, Any]: The operation response.
        """
        return await self._core.request("POST", api_path("cluster", "members", name), json={"server_name": new_name})

    async def delete_member(self, name: str, *, force: bool = False, pending: bool = False) -> Response:
        """Remove a member from the cluster.

        The member must hold no instances or custom volumes (move them
        first); the removed server is reset to a standalone one.

        Args:
            name: Name of the cluster member.
            force: Remove it even if it does not answer (it is not reset).
            pending: Remove a member whose join never completed.

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusNotFoundError: If there is no such member.
        """
        params = {"force": 1 if force else None, "pending": 1 if pending else None}
        return await self._core.request("DELETE", api_path("cluster", "members", name), params=params)

    async def get_member_state(self, name: str) -> ClusterMemberState:
        """Return a member's state: its storage pools' usage and its system load."""
        return await self._core.get_model(ClusterMemberState, api_path("cluster", "members", name, "state"))

    async def set_member_state(self, name: str, action: str, *, mode: str | None = None, wait: bool = True) -> Response:
        """Evacuate or restore a member (``POST .../state``).

        Args:
            name: Name of the member.
            action: ``"evacuate"`` or ``"restore"``.
            mode: Override the instances' ``cluster.evacuate`` for this
                evacuation: ``auto``, ``migrate``, ``live-migrate``, ``stop``,
                ``stateful-stop``, ``force-stop``.
            wait: Wait for the instances to be moved / stopped / brought back.

        Returns:
            The operation response.

        Raises:
            ValueError: For an unknown action.
            IncusBadRequestError: For an invalid mode.
            IncusOperationError: If the evacuation or restore failed.
        """
        if action not in ("evacuate", "restore"):
            raise ValueError(f"action must be 'evacuate' or 'restore', not {action!r}")
        body = {"action": action, **({"mode": mode} if mode is not None else {})}
        response = await self._core.request("POST", api_path("cluster", "members", name, "state"), json=body)
        if wait and response.operation is not None:
            await response.operation.wait()
        return response

    async def evacuate_member(
        self, name: str, *, mode: str | None = None, wait: bool = True, check: bool = True
    ) -> Response:
        """Evacuate a member: move (or stop) its instances, and place nothing new on it.

        Without live migration (CRIU) a running instance is stopped, moved
        and started again on another member.

        Incus 6.0 stops an instance before looking for a member to move it
        to, and fails (leaving it stopped) when there is none, e.g. when the
        instance is pinned to a cluster group (placed with ``@group``) whose
        other members are all unavailable. With ``check`` the SDK looks for
        such instances first and refuses before anything happens.

        Args:
            name: Name of the member.
            mode: See :meth:`set_member_state`.
            wait: Wait for the evacuation to finish.
            check: Refuse up front if an instance that would be moved has
                nowhere to go.

        Returns:
            The operation response.

        Raises:
            IncusNotFoundError: If there is no such member.
            IncusConflictError: If ``check`` found an instance with nowhere to go.
            IncusOperationError: If the evacuation failed.
        """
        if check:
            await self._check_evacuation(name, mode)
        return await self.set_member_state(name, "evacuate", mode=mode, wait=wait)

    async def _check_evacuation(self, name: str, mode: str | None) -> None:
        members = {m.server_name: m for m in await self.list_members()}
        if name not in members:
            raise IncusNotFoundError(f"no cluster member {name!r}", url=api_path("cluster", "members", name))
        online = [m for m in members.values() if m.server_name != name and m.status == "Online"]
        # GET /1.0/instances?target=X does not filter by member: filter on location.
        instances = await self._core.get_metadata(
            api_path("instances"), params={"recursion": 1, "all-projects": True, "project": None, "target": None}
        )
        for inst in instances or []:
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
                    url=api_path("cluster", "members", name, "state"),
                )

    async def restore_member(self, name: str, *, mode: str | None = None, wait: bool = True) -> Response:
        """Bring an evacuated member back: its instances return and start again.

        Args:
            name: Name of the member.
            mode: ``"skip"`` on servers that support it (restore without moving back).
            wait: Wait for the restore to finish.

        Returns:
            The operation response.
        """
        return await self.set_member_state(name, "restore", mode=mode, wait=wait)

    # -- join tokens --------------------------------------------------------------

    async def create_join_token(self, name: str) -> ClusterJoinToken:
        """Issue a join token for a new member named ``name``.

        Args:
            name: The name the new member will have.

        Returns:
            ClusterJoinToken: ``str(token)`` is what the new server joins with.

        Raises:
            IncusConflictError: If a member of that name exists.
        """
        response = await self.add_member(name)
        op = response.operation
        metadata = op.metadata if op is not None else (response.metadata or {})
        return ClusterJoinToken.from_operation(metadata, op.id if op is not None else "", client=self.client)

    async def list_join_tokens(self) -> List[ClusterJoinToken]:
        """List the join tokens still usable (their operations are running)."""
        ops = await self._core.get_metadata(api_path("operations"), params={"recursion": 1, "project": "default"})
        tokens = []
        for op in _flatten_operations(ops):
            metadata = op.get("metadata") or {}
            if op.get("class") == _TOKEN_CLASS and op.get("status") == "Running" and "serverName" in metadata:
                tokens.append(ClusterJoinToken.from_operation(metadata, op.get("id", ""), client=self.client))
        return tokens

    async def get_join_token(self, name: str) -> ClusterJoinToken:
        """Return the usable join token issued for ``name``.

        Raises:
            IncusNotFoundError: If there is none.
        """
        for token in await self.list_join_tokens():
            if token.server_name == name:
                return token
        raise IncusNotFoundError(f"no join token for cluster member {name!r}")

    async def revoke_join_token(self, name: str) -> None:
        """Revoke the join token issued for ``name`` (cancel its operation).

        Args:
            name: The member name the token was issued for.

        Raises:
            IncusNotFoundError: If there is no usable token for that name.
        """
        token = await self.get_join_token(name)
        await self._core.request("DELETE", api_path("operations", token.operation_id))

    # -- groups -------------------------------------------------------------------

    async def list_groups(self, recursion: int = 1) -> List[ClusterGroup]:
        """List the cluster groups."""
        return await self._core.get_models(
            ClusterGroup, api_path("cluster", "groups"), recursion=recursion, client=self.client
        )

    async def group_names(self) -> List[str]:
        """Return the names of the cluster groups."""
        return await self._core.get_names(api_path("cluster", "groups"))

    async def get_group(self, name: str) -> ClusterGroup:
        """Get a cluster group, with ``etag`` set.

        Raises:
            IncusNotFoundError: If there is no such group.
        """
        return await self._core.get_model(ClusterGroup, api_path("cluster", "groups", name), client=self.client)

    async def create_group(
        self, name: str, *, description: str | None = None, members: Sequence[str] | None = None
    ) -> Response:
        """Create a cluster group.

        Args:
            name: The group name (instances are placed in it with target ``@name``).
            description: Its description.
            members: Members to put in it.

        Returns:
            The server's response.

        Raises:
            IncusConflictError: If the group exists.
            IncusNotFoundError: If a member does not exist.
        """
        body: dict[str, Any] = {"name": name}
        if description is not None:
            body["description"] = description
        if members is not None:
            body["members"] = list(members)
        return await self._core.request("POST", api_path("cluster", "groups"), json=body)

    async def update_group(self, name: str, config: dict[str, Any], *, etag: str | None = None) -> Response:
        """Change some of a group's fields: ``description`` and/or ``members``.

        The SDK reads the group, merges the changes and replaces it (see
        :meth:`replace_group`): Incus 6.0's own ``PATCH`` resets the
        description when only members are sent, and fails when it has to
        drop several members at once.

        Args:
            name: The group.
            config: The fields to change.
            etag: If given, apply only if the group still has this ETag (from
                :meth:`get_group`).

        Returns:
            The server's response.

        Raises:
            ValueError: For fields other than ``description`` / ``members``.
            IncusPreconditionFailedError: If ``etag`` no longer matches.
            IncusAPIError: E.g. a member would be left in no group.
        """
        changes = writable_body(ClusterGroupPut, config, "update_group")
        current = await self.get_group(name)
        _check_etag(current.etag, etag, f"cluster group {name!r}", api_path("cluster", "groups", name))
        body = {"description": current.description, "members": current.members, **changes}
        return await self._core.request("PUT", api_path("cluster", "groups", name), json=body)

    async def replace_group(self, name: str, config: dict[str, Any], *, etag: str | None = None) -> Response:
        """Replace a group's fields (``PUT``): an omitted field is emptied.

        Incus 6.0 does not check ``If-Match`` on this ``PUT``; with ``etag``
        the SDK compares it with a fresh read just before writing (a narrow
        window remains in which another writer can still win).

        Args:
            name: The group.
            config: ``{"description": ..., "members": [...]}``.
            etag: Refuse the write if the group no longer has this ETag.

        Returns:
            The server's response.

        Raises:
            IncusPreconditionFailedError: If ``etag`` no longer matches.
            IncusAPIError: E.g. a member would be left in no group.
        """
        body = writable_body(ClusterGroupPut, config, "replace_group")
        if etag is not None:
            current = await self.get_group(name)
            _check_etag(current.etag, etag, f"cluster group {name!r}", api_path("cluster", "groups", name))
        full = {"description": body.get("description", ""), "members": list(body.get("members") or [])}
        return await self._core.request("PUT", api_path("cluster", "groups", name), json=full)

    async def rename_group(self, name: str, new_name: str) -> Response:
        """Rename a cluster group."""
        return await self._core.request("POST", api_path("cluster", "groups", name), json={"name": new_name})

    async def delete_group(self, name: str) -> Response:
        """Delete a cluster group (not ``default``)."""
        return await self._core.request("DELETE", api_path("cluster", "groups", name))

    async def add_to_group(self, group: str, member: str) -> Response:
        """Put a member into a group (keeping its other groups).

        Raises:
            IncusNotFoundError: If the group or the member does not exist.
        """
        current = await self.get_member(member)
        # An unknown group must be a clear 404, not a failed member update.
        await self.get_group(group)
        if group in current.groups:
            return await self._core.request("GET", api_path("cluster", "members", member))
        return await self.update_member(member, {"groups": [*current.groups, group]}, etag=current.etag)

    async def remove_from_group(self, group: str, member: str) -> Response:
        """Take a member out of a group (a member stays in at least one group).

        Raises:
            IncusBadRequestError: If it is the member's only group.
        """
        current = await self.get_member(member)
        groups = [g for g in current.groups if g != group]
        return await self.update_member(member, {"groups": groups}, etag=current.etag)

    # -- in-cluster moves -----------------------------------------------------------

    async def move_instance(self, name: str, member: str, **kwargs: Any) -> MigrationOperation:
        """Move a stopped instance to another member or ``@group``.

        See :func:`incus_sdk.api.migration.move_to_member` for the options.

        Returns:
            The finished move (unless ``wait=False``).
        """
        return await move_to_member(self.client, name, member, **kwargs)


def _flatten_operations(ops: Any) -> List[dict[str, Any]]:
    """``GET /1.0/operations?recursion=1`` groups operations by status; flatten them."""
    if isinstance(ops, dict):
        return [op for group in ops.values() for op in group or [] if isinstance(op, dict)]
    return [op for op in ops or [] if isinstance(op, dict)]
