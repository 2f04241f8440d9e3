"""Remotes of the incus CLI against the real daemon's HTTPS listener (127.0.0.1).

Each test has its own CLI configuration directory (``INCUS_CONF``), never the
real ``~/.config/incus``; every trust token made is revoked and every
certificate it added removed afterwards.
"""

from __future__ import annotations

import base64
import datetime
import json
import ssl
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from incus_sdk import Client
from incus_sdk.exceptions import (
    IncusCertificateError,
    IncusConfigError,
    IncusConnectionError,
    IncusPermissionError,
)
from incus_sdk.remotes import add_remote, certificate_fingerprint, load_config

from .conftest import incus_with_config, make_cert

pytestmark = pytest.mark.usefixtures("isolated_cli_config")


def cli(conf: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return incus_with_config(conf, *args, check=check)


def listing(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*")) if directory.exists() else []


async def test_remote_added_by_the_cli_is_used_by_the_sdk(
    tokens: Any, tmp_path: Path, make_project: Callable[..., Any], https_endpoint: Any
) -> None:
    conf = tmp_path / "conf"
    scoped: Client = await make_project()
    token = await tokens()
    # No --accept-certificate: the token carries the server's fingerprint.
    cli(conf, "remote", "add", "srv", str(token), "--project", str(scoped.project))

    async with Client.from_remote("srv", config_dir=conf) as remote:
        info = await remote.get_server_info()
        assert info.auth == "trusted"
        assert remote.endpoint == https_endpoint[0]
        assert remote.project == scoped.project
        assert await remote.instances.names() == []
    # The default remote is still local, over the unix socket.
    async with Client.from_remote(config_dir=conf) as local:
        assert local.endpoint.startswith("unix://")
        assert (await local.get_server_info()).auth == "trusted"


async def test_remote_added_by_the_sdk_is_used_by_the_cli(
    tokens: Any, tmp_path: Path, client: Client, https_endpoint: Any, make_project: Callable[..., Any]
) -> None:
    conf = tmp_path / "conf"
    scoped: Client = await make_project()
    token = await tokens()

    remote = await add_remote("srv", str(token), config_dir=conf, project=scoped.project)

    assert (remote.addr, remote.project, remote.auth_type) == (https_endpoint[0], scoped.project, "tls")
    # The CLI's files, as the CLI makes them.
    for name in ("client.crt", "client.key"):
        assert stat.S_IMODE((conf / name).stat().st_mode) == 0o600
    pinned = (conf / "servercerts" / "srv.crt").read_text()
    assert certificate_fingerprint(pinned) == token.fingerprint
    listed = json.loads(cli(conf, "remote", "list", "--format", "json").stdout)
    assert listed["srv"]["Addr"] == https_endpoint[0] and listed["srv"]["Project"] == scoped.project
    assert listed["images"]["Protocol"] == "simplestreams" and "local" in listed
    # The CLI reaches the server with them, in the remote's project.
    assert json.loads(cli(conf, "query", "srv:/1.0").stdout)["auth"] == "trusted"
    await scoped.instances.create("c1", image="sdk-busybox", wait=True)
    names = [i["name"] for i in json.loads(cli(conf, "list", "srv:", "--format", "json").stdout)]
    assert names == ["c1"]
    # The server trusts the new certificate under the token's name.
    client_crt = (conf / "client.crt").read_text()
    trusted = await client.certificates.get(certificate_fingerprint(client_crt))
    assert trusted.name == token.client_name


async def test_token_for_another_server_is_never_sent(tokens: Any, tmp_path: Path, client: Client) -> None:
    conf = tmp_path / "conf"
    token = await tokens()
    fields = json.loads(base64.b64decode(str(token)))
    fields["fingerprint"] = certificate_fingerprint(Path(make_cert(tmp_path, "other")[0]).read_text())
    forged = base64.b64encode(json.dumps(fields).encode()).decode()

    with pytest.raises(IncusCertificateError) as err:
        await add_remote("srv", forged, config_dir=conf)

    assert err.value.expected == fields["fingerprint"] and err.value.actual == token.fingerprint
    assert listing(conf) == []
    # The secret never reached the server: the token is still pending.
    assert token.secret in {t.secret for t in await client.certificates.tokens.list()}


@pytest.mark.parametrize("how", ["used", "revoked"])
async def test_dead_token_writes_nothing(tokens: Any, tmp_path: Path, client: Client, how: str) -> None:
    token = await tokens()
    if how == "used":
        await add_remote("first", str(token), config_dir=tmp_path / "first")
    else:
        await client.certificates.tokens.delete(token)
    conf = tmp_path / "conf"

    with pytest.raises(IncusPermissionError, match="No matching certificate add operation"):
        await add_remote("srv", str(token), config_dir=conf)

    assert listing(conf) == []


async def test_expired_token_is_refused_before_sending(tokens: Any, tmp_path: Path, client: Client) -> None:
    token = await tokens()
    fields = json.loads(base64.b64decode(str(token)))
    fields["expires_at"] = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=1)).isoformat()
    expired = base64.b64encode(json.dumps(fields).encode()).decode()
    conf = tmp_path / "conf"

    with pytest.raises(ValueError, match="expired"):
        await add_remote("srv", expired, config_dir=conf)

    assert listing(conf) == []
    assert token.secret in {t.secret for t in await client.certificates.tokens.list()}


async def test_existing_client_certificate_is_kept(tokens: Any, tmp_path: Path) -> None:
    conf = tmp_path / "conf"
    conf.mkdir()
    crt, _ = make_cert(conf, "client")
    before = Path(crt).read_bytes()
    token = await tokens()

    await add_remote("srv", str(token), config_dir=conf)

    assert Path(crt).read_bytes() == before
    async with Client.from_remote("srv", config_dir=conf) as remote:
        assert (await remote.get_server_info()).auth == "trusted"
    # A second remote for the same server: trusted already, no token needed.
    await add_remote("again", str(await tokens()), config_dir=conf)
    assert set(load_config(conf).remotes) == {"images", "local", "srv", "again"}


async def test_wrong_pinned_certificate_is_refused(tokens: Any, tmp_path: Path) -> None:
    conf = tmp_path / "conf"
    await add_remote("srv", str(await tokens()), config_dir=conf)
    other, _ = make_cert(tmp_path, "impostor")
    (conf / "servercerts" / "srv.crt").write_text(Path(other).read_text())

    with pytest.raises(IncusConnectionError) as err:
        async with Client.from_remote("srv", config_dir=conf):
            pass
    assert isinstance(err.value.cause, (ssl.SSLError, OSError)) or "certificate" in str(err.value).lower()
    assert cli(conf, "query", "srv:/1.0", check=False).returncode != 0  # the CLI refuses it too


async def test_add_by_address(tokens: Any, tmp_path: Path, https_endpoint: Any) -> None:
    url, server_pem = https_endpoint
    conf = tmp_path / "conf"
    host = url[len("https://") :]
    # Not verified by the system CAs, no fingerprint given: refused, nothing written.
    with pytest.raises(IncusCertificateError, match="not trusted by the system CAs"):
        await add_remote("srv", host, config_dir=conf)
    assert listing(conf) == []
    # With the fingerprint and a token (incus remote add srv HOST --token ...).
    token = await tokens()
    remote = await add_remote(
        "srv", host, token=str(token), fingerprint=certificate_fingerprint(server_pem), config_dir=conf
    )
    assert remote.addr == url
    async with Client.from_remote("srv", config_dir=conf) as c:
        assert (await c.get_server_info()).auth == "trusted"
    # Trusted already: accepting the certificate as the CLI's prompt does is enough.
    await add_remote("srv2", url, accept_certificate=True, config_dir=conf)
    assert (conf / "servercerts" / "srv2.crt").read_text() == (conf / "servercerts" / "srv.crt").read_text()
    with pytest.raises(IncusConfigError, match="exists already"):
        await add_remote("srv2", url, accept_certificate=True, config_dir=conf)


async def test_untrusted_address_without_token(tmp_path: Path, https_endpoint: Any) -> None:
    from incus_sdk.exceptions import IncusAuthenticationError

    conf = tmp_path / "conf"
    with pytest.raises(IncusAuthenticationError, match="trust token is needed"):
        await add_remote("srv", https_endpoint[0], accept_certificate=True, config_dir=conf)
    assert listing(conf) == []
