"""Pieces of the cluster family that need no daemon: tokens, config filtering, certificate fetch."""

from __future__ import annotations

import asyncio
import hashlib
import ssl
from pathlib import Path

import pytest

from incus_sdk.api.cluster import fetch_certificate
from incus_sdk.exceptions import IncusConnectionError
from incus_sdk.migration import _copy_config
from incus_sdk.models.cluster import ClusterJoinToken

from .test_members import _server_cert


def test_join_token_round_trip() -> None:
    metadata = {
        "serverName": "new",
        "secret": "s3cr3t",
        "fingerprint": "ab" * 32,
        "addresses": ["127.1.0.1:8443"],
        "expiresAt": "2030-01-02T03:04:05.123456789Z",
    }
    token = ClusterJoinToken.from_operation(metadata, "op-id")
    assert token.operation_id == "op-id" and token.server_name == "new"
    assert not token.expired
    decoded = ClusterJoinToken.decode(f"  {token}\n")
    assert (decoded.server_name, decoded.secret, decoded.addresses) == ("new", "s3cr3t", ["127.1.0.1:8443"])
    assert decoded.expires_at is not None and decoded.expires_at.year == 2030
    import base64
    import json

    raw = json.loads(base64.b64decode(str(token)))
    assert raw["server_name"] == "new" and raw["expires_at"] == metadata["expiresAt"]
    for bad in ("", "!!!", base64.b64encode(b'{"server_name": "x"}').decode()):
        with pytest.raises(ValueError):
            ClusterJoinToken.decode(bad)
    assert ClusterJoinToken.from_operation({**metadata, "expiresAt": "2001-01-01T00:00:00Z"}, "x").expired


def test_copy_config_filters_volatile_keys() -> None:
    config = {
        "user.a": "1",
        "volatile.base_image": "abc",
        "volatile.uuid": "u",
        "volatile.last_state.power": "RUNNING",
        "volatile.idmap.base": "0",
    }
    assert _copy_config(config, keep_volatile=False) == {"user.a": "1", "volatile.base_image": "abc"}
    kept = _copy_config(config, keep_volatile=True)
    assert "volatile.uuid" in kept and "volatile.last_state.power" not in kept


async def test_fetch_certificate_checks_the_fingerprint(tmp_path: Path) -> None:
    cert, key = _server_cert()
    (tmp_path / "c.crt").write_text(cert)
    (tmp_path / "c.key").write_text(key)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tmp_path / "c.crt", tmp_path / "c.key")

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=context)
    port = server.sockets[0].getsockname()[1]
    try:
        der = ssl.PEM_cert_to_DER_cert(cert)
        fingerprint = hashlib.sha256(der).hexdigest()
        got = await fetch_certificate(f"127.0.0.1:{port}", fingerprint)
        assert ssl.PEM_cert_to_DER_cert(got) == der
        with pytest.raises(ValueError, match="does not match"):
            await fetch_certificate(f"127.0.0.1:{port}", "00" * 32)
    finally:
        server.close()
        await server.wait_closed()
    with pytest.raises(IncusConnectionError):
        await fetch_certificate(f"127.0.0.1:{port}", fingerprint, timeout=5)
