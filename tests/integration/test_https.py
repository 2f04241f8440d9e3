"""The client over HTTPS against the same daemon exposed on 127.0.0.1."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

import pytest

from incus_sdk import Client, IncusConnectionError

from .conftest import make_cert


async def test_https_with_pinned_server_cert(https_endpoint: Any, trusted_cert: Any) -> None:
    url, server_cert = https_endpoint
    async with Client(url, cert=trusted_cert, server_cert=server_cert) as client:
        info = await client.get_server_info()
        assert info.auth == "trusted"
        names = await client.projects.names()
        assert "default" in names


async def test_https_with_ca_file(https_endpoint: Any, trusted_cert: Any, tmp_path: Any) -> None:
    url, server_cert = https_endpoint
    ca = tmp_path / "server.crt"
    ca.write_text(server_cert)
    # The daemon's self-signed certificate names 127.0.0.1 and ::1, so it can
    # serve as its own CA file with the host name checked.
    async with Client(url, cert=trusted_cert, verify=str(ca)) as client:
        assert (await client.get_server_info()).auth == "trusted"
    # Under a host name it does not bear, the same CA file is refused...
    other = url.replace("127.0.0.1", "localhost")
    with pytest.raises(IncusConnectionError):
        async with Client(other, cert=trusted_cert, verify=str(ca)):
            pass
    # ...and verify=False accepts anything (the user's explicit choice).
    async with Client(other, cert=trusted_cert, verify=False) as client:
        assert (await client.get_server_info()).auth == "trusted"


async def test_untrusted_client_cert_is_not_trusted(https_endpoint: Any, tmp_path: Any) -> None:
    url, server_cert = https_endpoint
    stranger = make_cert(tmp_path, "stranger")
    async with Client(url, cert=stranger, server_cert=server_cert) as client:
        info = await client.get_server_info()
        assert info.auth == "untrusted"


async def test_mismatching_server_cert_is_refused(https_endpoint: Any, trusted_cert: Any, tmp_path: Any) -> None:
    url, _ = https_endpoint
    other_crt, _ = make_cert(tmp_path, "not-the-server")
    wrong = Path(other_crt).read_text()
    with pytest.raises(IncusConnectionError) as err:
        async with Client(url, cert=trusted_cert, server_cert=wrong):
            pass
    assert isinstance(err.value.cause, (ssl.SSLError, OSError)) or "certificate" in str(err.value).lower()


async def test_system_store_refuses_self_signed_server(https_endpoint: Any, trusted_cert: Any) -> None:
    url, _ = https_endpoint
    with pytest.raises(IncusConnectionError):
        async with Client(url, cert=trusted_cert):
            pass
