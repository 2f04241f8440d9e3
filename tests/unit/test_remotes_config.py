"""The CLI configuration without a daemon: reading, writing, certificates, tokens, bad files."""

from __future__ import annotations

import base64
import datetime
import json
import ssl
import stat
import sys
from pathlib import Path

import pytest

from incus_sdk import Client, remotes
from incus_sdk._cliconfig import connection
from incus_sdk.exceptions import IncusConfigError
from incus_sdk.remotes import (
    add_image_server,
    add_remote,
    decode_token,
    generate_client_certificate,
    load_config,
    remove_remote,
    set_default_remote,
)

#: What ``incus remote add`` writes (Incus 6.0), for a remote named "prod".
CLI_WRITTEN = """\
default-remote: local
remotes:
  images:
    addr: https://images.linuxcontainers.org
    protocol: simplestreams
    public: true
  local:
    addr: unix://
    protocol: incus
    public: false
  prod:
    addr: https://10.0.0.1:8443
    auth_type: tls
    project: web
    protocol: incus
    public: false
aliases: {}
"""


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never read the real ~/.config/incus or /etc/incus."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("INCUS_GLOBAL_CONF", str(tmp_path / "etc-incus"))
    monkeypatch.delenv("INCUS_CONF", raising=False)
    monkeypatch.delenv("INCUS_REMOTE", raising=False)


def token(**fields: object) -> str:
    body = {
        "client_name": "laptop",
        "fingerprint": "ab" * 32,
        "addresses": ["127.0.0.1:18443"],
        "secret": "s3cret",
        "expires_at": "0001-01-01T00:00:00Z",
        **fields,
    }
    return base64.b64encode(json.dumps(body).encode()).decode()


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(tmp_path / "none")
    assert config.default_remote == "local"
    assert config.remote().is_unix and config.remote().socket_path is None
    images = config.remote("images")
    assert (images.protocol, images.public, images.addr) == (
        "simplestreams",
        True,
        "https://images.linuxcontainers.org",
    )


def test_default_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "home").mkdir()
    assert load_config().config_dir == tmp_path / "home" / ".config" / "incus"
    monkeypatch.setenv("INCUS_CONF", str(tmp_path / "conf"))
    assert load_config().config_dir == tmp_path / "conf"


def test_reads_and_writes_the_cli_format(tmp_path: Path) -> None:
    (tmp_path / "config.yml").write_text(CLI_WRITTEN)
    config = load_config(tmp_path)
    prod = config.remote("prod")
    assert (prod.addr, prod.project, prod.auth_type, prod.public) == ("https://10.0.0.1:8443", "web", "tls", False)
    config.save()
    assert (tmp_path / "config.yml").read_text() == CLI_WRITTEN


def test_unknown_keys_survive(tmp_path: Path) -> None:
    (tmp_path / "config.yml").write_text(
        CLI_WRITTEN.replace("aliases: {}", "aliases:\n  ll: list\ndefaults:\n  list_format: csv").replace(
            "    project: web\n", "    project: web\n    credentials_helper: pass\n"
        )
    )
    config = load_config(tmp_path)
    assert config.aliases == {"ll": "list"}
    config.save()
    written = (tmp_path / "config.yml").read_text()
    assert "credentials_helper: pass" in written and "list_format: csv" in written and "ll: list" in written


def test_global_remotes_and_env_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    etc = tmp_path / "etc-incus"
    etc.mkdir()
    (etc / "config.yml").write_text(
        "remotes:\n  corp:\n    addr: https://corp:8443\n  prod:\n    addr: https://elsewhere:8443\n"
    )
    (tmp_path / "config.yml").write_text(CLI_WRITTEN)
    monkeypatch.setenv("INCUS_REMOTE", "corp")
    config = load_config(tmp_path)
    assert config.default_remote == "corp"
    corp = config.remote("corp")
    assert corp.is_global and config.server_cert_path("corp") == etc / "servercerts" / "corp.crt"
    assert config.remote("prod").addr == "https://10.0.0.1:8443"  # the user's own wins
    config.save()
    written = (tmp_path / "config.yml").read_text()
    assert "corp" not in written and written.startswith("default-remote: local\n")


def test_parse_remote(tmp_path: Path) -> None:
    (tmp_path / "config.yml").write_text(CLI_WRITTEN)
    config = load_config(tmp_path)
    assert config.parse_remote("images:debian/12") == ("images", "debian/12")
    assert config.parse_remote("c1") == ("local", "c1")
    assert config.parse_remote("c1/snap:0") == ("local", "c1/snap:0")
    with pytest.raises(IncusConfigError, match="'nope' doesn't exist"):
        config.parse_remote("nope:c1")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("remotes: [1, 2]\n", "remotes"),
        ("remotes:\n  x:\n    addr: 3\n", "remotes.x.addr"),
        ("remotes:\n  x:\n    protocol: incus\n", "remotes.x.addr"),
        ("remotes:\n  x:\n    addr: https://h\n    public: 'yes'\n", "remotes.x.public"),
        ("remotes:\n  x:\n    addr: https://h\n    keepalive: true\n", "remotes.x.keepalive"),
        ("remotes:\n  x:\n    addr: https://h\n    protocol: ftp\n", "remotes.x.protocol"),
        ("default-remote: [a]\n", "default-remote"),
        ("- just\n- a list\n", "(top level)"),
    ],
)
def test_malformed_config_names_file_and_key(tmp_path: Path, text: str, key: str) -> None:
    (tmp_path / "config.yml").write_text(text)
    with pytest.raises(IncusConfigError) as err:
        load_config(tmp_path)
    assert err.value.key == key and err.value.path == str(tmp_path / "config.yml")
    assert str(tmp_path / "config.yml") in str(err.value) and key in str(err.value)


def test_invalid_yaml(tmp_path: Path) -> None:
    (tmp_path / "config.yml").write_text("remotes: {x: [\n")
    with pytest.raises(IncusConfigError, match="not valid YAML") as err:
        load_config(tmp_path)
    assert err.value.path == str(tmp_path / "config.yml")


def test_client_certificate_is_generated_as_the_cli_does(tmp_path: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec

    crt, key = generate_client_certificate(tmp_path / "conf")
    for path in (crt, key):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    cert = x509.load_pem_x509_certificate(crt.read_bytes())
    public = cert.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey) and public.curve.name == "secp384r1"
    usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH in usage
    assert key.read_text().startswith("-----BEGIN EC PRIVATE KEY-----")
    ssl.create_default_context().load_cert_chain(crt, key)  # usable as is
    before = crt.read_bytes()
    assert generate_client_certificate(tmp_path / "conf") == (crt, key)  # kept, not replaced
    assert crt.read_bytes() == before
    key.unlink()
    with pytest.raises(IncusConfigError, match=r"client\.key is missing"):
        generate_client_certificate(tmp_path / "conf")


def test_without_cryptography(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cryptography", None)
    with pytest.raises(ImportError, match=r"incus_sdk\[certs\]"):
        generate_client_certificate(tmp_path / "conf")
    assert not (tmp_path / "conf" / "client.key").exists()


def test_from_remote(tmp_path: Path) -> None:
    (tmp_path / "config.yml").write_text(CLI_WRITTEN)
    local = Client.from_remote(config_dir=tmp_path)
    assert local.endpoint.startswith("unix://")
    with pytest.raises(IncusConfigError, match="image server") as err:
        Client.from_remote("images", config_dir=tmp_path)
    assert err.value.key == "remotes.images"
    # An HTTPS remote needs the client certificate and key, named when missing.
    with pytest.raises(IncusConfigError, match="no client certificate") as err:
        Client.from_remote("prod", config_dir=tmp_path)
    generate_client_certificate(tmp_path)
    (tmp_path / "client.key").unlink()
    with pytest.raises(IncusConfigError, match=r"client\.key is missing") as err:
        Client.from_remote("prod", config_dir=tmp_path)
    assert err.value.path == str(tmp_path / "client.key")
    (tmp_path / "client.key").write_text("-----BEGIN ENCRYPTED PRIVATE KEY-----\n...\n")
    with pytest.raises(IncusConfigError, match="password-protected"):
        Client.from_remote("prod", config_dir=tmp_path)


def test_from_remote_project_and_certificates(tmp_path: Path) -> None:
    (tmp_path / "config.yml").write_text(CLI_WRITTEN)
    generate_client_certificate(tmp_path)
    client = Client.from_remote("prod", config_dir=tmp_path)
    assert client.project == "web" and client.endpoint == "https://10.0.0.1:8443"
    assert Client.from_remote("prod", config_dir=tmp_path, project="other").project == "other"
    (tmp_path / "config.yml").write_text(CLI_WRITTEN.replace("auth_type: tls", "auth_type: oidc"))
    with pytest.raises(IncusConfigError, match="oidc") as err:
        Client.from_remote("prod", config_dir=tmp_path)
    assert err.value.key == "remotes.prod.auth_type"


def test_connection_parameters(tmp_path: Path) -> None:
    # What Client.from_remote and a launch from an Incus image server are built from.
    mirror = "  mirror:\n    addr: https://10.0.0.2:8443\n    protocol: incus\n    public: true\n"
    (tmp_path / "config.yml").write_text(CLI_WRITTEN.replace("aliases: {}", "") + mirror + "aliases: {}\n")
    config = load_config(tmp_path)
    assert connection(config, "local").endpoint == "unix://"
    crt, _ = generate_client_certificate(tmp_path)
    pinned = crt.read_text()  # any certificate will do as the pinned one
    (tmp_path / "servercerts").mkdir()
    (tmp_path / "servercerts" / "prod.crt").write_text(pinned)
    prod = connection(config, "prod")
    assert (prod.endpoint, prod.project, prod.verify) == ("https://10.0.0.1:8443", "web", True)
    assert prod.server_cert == pinned
    assert prod.cert == (str(tmp_path / "client.crt"), str(tmp_path / "client.key"))
    assert connection(config, "prod", project="other").project == "other"
    # A public Incus server is an image server: refused, unless asked for (no client certificate then).
    with pytest.raises(IncusConfigError, match="image server"):
        connection(config, "mirror")
    public = connection(config, "mirror", public=True)
    assert (public.endpoint, public.cert, public.project) == ("https://10.0.0.2:8443", None, None)
    with pytest.raises(IncusConfigError, match="image server"):
        connection(config, "images", public=True)  # simplestreams: never an Incus server
    # remotes.connect is Client.from_remote.
    client = remotes.connect("prod", config_dir=tmp_path)
    assert isinstance(client, Client) and client.project == "web"


def test_decode_token() -> None:
    assert decode_token(token()).client_name == "laptop"
    assert decode_token(token()).expires_at is None
    with pytest.raises(ValueError, match="no server address"):
        decode_token(token(addresses=[]))
    with pytest.raises(ValueError, match="fingerprint"):
        decode_token(token(fingerprint="abc"))
    past = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)).isoformat()
    with pytest.raises(ValueError, match="expired"):
        decode_token(token(expires_at=past))
    with pytest.raises(ValueError):
        decode_token("not a token")


async def test_add_remote_refuses_bad_input_before_anything(tmp_path: Path) -> None:
    conf = tmp_path / "conf"
    with pytest.raises(ValueError, match="':'"):
        await add_remote("a:b", token(), config_dir=conf)
    with pytest.raises(ValueError, match="invalid remote name"):
        await add_remote("a/b", token(), config_dir=conf)
    with pytest.raises(ValueError, match="no server address"):
        await add_remote("r", token(addresses=[]), config_dir=conf)
    past = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)).isoformat()
    with pytest.raises(ValueError, match="expired"):
        await add_remote("r", token(expires_at=past), config_dir=conf)
    with pytest.raises(ValueError, match="not a certificate add token"):
        await add_remote("r", "eyJub3QiOiAiYSB0b2tlbiJ9" * 20, config_dir=conf)
    with pytest.raises(ValueError, match="scheme"):
        await add_remote("r", "http://127.0.0.1:1", config_dir=conf)
    with pytest.raises(IncusConfigError, match="exists already"):
        await add_remote("local", token(), config_dir=conf)
    assert not conf.exists()


def test_image_servers_default_and_removal(tmp_path: Path) -> None:
    pem = generate_client_certificate(tmp_path / "certs")[0].read_text()
    with pytest.raises(ValueError, match="https"):
        add_image_server("mirror", "http://127.0.0.1:1", config_dir=tmp_path)
    with pytest.raises(ValueError, match="PEM"):
        add_image_server("mirror", "https://127.0.0.1:1", server_cert="nonsense", config_dir=tmp_path)
    assert not (tmp_path / "config.yml").exists()
    remote = add_image_server("mirror", "https://127.0.0.1:1/", server_cert=pem, config_dir=tmp_path)
    assert (remote.addr, remote.public, remote.protocol) == ("https://127.0.0.1:1", True, "simplestreams")
    assert (tmp_path / "servercerts" / "mirror.crt").read_text() == pem
    config = load_config(tmp_path)
    assert config.remote("mirror") == remote and "images" in config.remotes
    set_default_remote("mirror", config_dir=tmp_path)
    assert load_config(tmp_path).default_remote == "mirror"
    with pytest.raises(IncusConfigError, match="default remote"):
        remove_remote("mirror", config_dir=tmp_path)
    set_default_remote("local", config_dir=tmp_path)
    with pytest.raises(IncusConfigError, match="static"):
        remove_remote("local", config_dir=tmp_path)
    remove_remote("mirror", config_dir=tmp_path)
    assert "mirror" not in load_config(tmp_path).remotes
    assert not (tmp_path / "servercerts" / "mirror.crt").exists()
    with pytest.raises(IncusConfigError, match="doesn't exist"):
        remove_remote("mirror", config_dir=tmp_path)
