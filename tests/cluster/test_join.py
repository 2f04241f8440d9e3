"""Join tokens (create, list, revoke, expiry) and a new server joining with one."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from incus_sdk import Client
from incus_sdk.exceptions import IncusAPIError, IncusConnectionError, IncusNotFoundError, IncusOperationError
from incus_sdk.models.cluster import ClusterJoinToken

from .conftest import inc, inc_json, script, socket_of

JOINER = "j1"
JOINER_ADDRESS = "127.1.2.1:8443"
MEMBER_CONFIG = [{"entity": "storage-pool", "name": "default", "key": "source", "value": ""}]


@pytest.fixture
async def joiner() -> AsyncIterator[Client]:
    """A fresh, empty, non-clustered daemon (j1), removed afterwards."""
    script("remove", JOINER)
    script("spawn", JOINER)
    try:
        async with Client(socket_of(JOINER)) as c:
            yield c
    finally:
        async with Client(socket_of("m1")) as cl:
            if JOINER in await cl.cluster.members.names():
                await cl.cluster.members.delete(JOINER, force=True)
            for token in await cl.cluster.join_tokens.list():
                if token.server_name == JOINER:
                    await token.delete()
        script("remove", JOINER)


async def _certificate(cluster: Client) -> str:
    return (await cluster.get_server_info()).environment.certificate


async def test_tokens_create_list_revoke(cluster: Client, unique: Any) -> None:
    name = unique("n")
    token = await cluster.cluster.join_tokens.create(name)
    assert isinstance(token, ClusterJoinToken)
    assert token.server_name == name and token.secret and token.operation_id
    assert sorted(token.addresses) == ["127.1.0.1:8443", "127.1.0.2:8443", "127.1.0.3:8443"]
    assert not token.expired
    # The encoded token decodes to the same fields (snake_case JSON in base64).
    decoded = ClusterJoinToken.decode(str(token))
    assert (decoded.server_name, decoded.secret, decoded.fingerprint) == (name, token.secret, token.fingerprint)
    assert decoded.expires_at == token.expires_at
    listed = {t.server_name: t for t in await cluster.cluster.join_tokens.list()}
    assert listed[name].secret == token.secret
    assert name in await cluster.cluster.join_tokens.names()
    assert await cluster.cluster.join_tokens.exists(name) is True
    got = await cluster.cluster.join_tokens.get(name)
    assert (got.secret, got.operation_id, str(got)) == (token.secret, token.operation_id, str(token))
    assert name in inc("m1", "cluster", "list-tokens", "--format", "csv")
    # A new token for the same name replaces the old one.
    again = await cluster.cluster.join_tokens.create(name)
    assert again.secret != token.secret
    assert [t.secret for t in await cluster.cluster.join_tokens.list() if t.server_name == name] == [again.secret]
    reply = await again.delete()
    assert reply.operation is None  # the revocation is immediate
    assert name not in [t.server_name for t in await cluster.cluster.join_tokens.list()]
    assert await cluster.cluster.join_tokens.exists(name) is False
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.join_tokens.get(name)
    assert name not in inc("m1", "cluster", "list-tokens", "--format", "csv")
    with pytest.raises(IncusNotFoundError):
        await cluster.cluster.join_tokens.delete(name)
    # Seed name: add_member() gives the operation response, whose metadata carries the token.
    reply = await cluster.cluster.add_member(name)
    assert reply.operation is not None and reply.operation.metadata["serverName"] == name
    await cluster.cluster.join_tokens.delete(name)
    with pytest.raises(ValueError):
        await cluster.cluster.add_member(name, config={"x": "y"})
    with pytest.raises(IncusAPIError, match="already has a member"):
        await cluster.cluster.join_tokens.create("m2")
    with pytest.raises(ValueError):
        ClusterJoinToken.decode("not-a-token")
    with pytest.raises(ValueError):
        await cluster.cluster.join_tokens.create("")


async def test_join_with_token(cluster: Client, joiner: Client) -> None:
    assert (await joiner.cluster.get()).enabled is False
    token = await cluster.cluster.join_tokens.create(JOINER)
    await joiner.cluster.join(
        str(token),
        server_address=JOINER_ADDRESS,
        cluster_certificate=await _certificate(cluster),
        member_config=MEMBER_CONFIG,
    )
    info = await joiner.cluster.get()
    assert info.enabled is True and info.server_name == JOINER
    member = await cluster.cluster.members.get(JOINER)
    assert member.status == "Online" and member.url == f"https://{JOINER_ADDRESS}"
    assert JOINER in [m["server_name"] for m in inc_json("m1", "cluster", "list")]
    assert JOINER not in [t.server_name for t in await cluster.cluster.join_tokens.list()]
    # The new member sees the cluster's pools and can hold instances.
    assert "default" in [p["name"] for p in inc_json(JOINER, "storage", "list")]
    # Removing it resets it to a standalone server.
    await member.delete()
    assert JOINER not in await cluster.cluster.members.names()


async def test_join_with_revoked_or_expired_token_fails_cleanly(cluster: Client, joiner: Client) -> None:
    cert = await _certificate(cluster)
    members_before = sorted(await cluster.cluster.members.names())

    revoked = await cluster.cluster.join_tokens.create(JOINER)
    await revoked.delete()
    with pytest.raises(IncusOperationError):
        await joiner.cluster.join(
            revoked, server_address=JOINER_ADDRESS, cluster_certificate=cert, member_config=MEMBER_CONFIG
        )
    assert sorted(await cluster.cluster.members.names()) == members_before
    assert (await joiner.cluster.get()).enabled is False

    await _set_config(cluster, "cluster.join_token_expiry", "1S")
    try:
        expiring = await cluster.cluster.join_tokens.create(JOINER)
    finally:
        await _set_config(cluster, "cluster.join_token_expiry", None)
    await asyncio.sleep(1.5)
    assert expiring.expired
    # Refused as expired, or, once the daemon has cleaned the expired
    # token's operation up (its own timing), as matching no join operation.
    with pytest.raises(IncusOperationError, match=r"[Ee]xpired|No matching cluster join operation"):
        await joiner.cluster.join(
            expiring, server_address=JOINER_ADDRESS, cluster_certificate=cert, member_config=MEMBER_CONFIG
        )
    assert sorted(await cluster.cluster.members.names()) == members_before
    assert (await joiner.cluster.get()).enabled is False

    # Without the certificate the SDK fetches it from the token's addresses,
    # which this machine cannot reach (they live in the cluster's namespaces).
    fresh = await cluster.cluster.join_tokens.create(JOINER)
    with pytest.raises(IncusConnectionError):
        await joiner.cluster.join(fresh, server_address=JOINER_ADDRESS, member_config=MEMBER_CONFIG)
    assert (await joiner.cluster.get()).enabled is False
    # ... and the same server joins fine with a good token afterwards.
    await joiner.cluster.join(
        fresh, server_address=JOINER_ADDRESS, cluster_certificate=cert, member_config=MEMBER_CONFIG
    )
    assert (await cluster.cluster.members.get(JOINER)).status == "Online"
    await cluster.cluster.delete_member(JOINER)


async def _set_config(client: Client, key: str, value: str | None) -> None:
    """Set (or unset, with None) one server config key with a raw PATCH."""
    server = (await client.api.get("/1.0")).metadata
    config: dict[str, Any] = dict(server["config"])
    if value is None:
        config.pop(key, None)
        await client.api.put("/1.0", {"config": config})
    else:
        await client.api.patch("/1.0", {"config": {key: value}})
