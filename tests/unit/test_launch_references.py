"""Image references and readiness arguments refused before anything is sent (no daemon)."""

from __future__ import annotations

from pathlib import Path

import pytest

from incus_sdk import Client
from incus_sdk.exceptions import IncusConfigError
from incus_sdk.simplestreams import SimpleStreams

#: A client whose server nobody answers: any request would fail with IncusConnectionError.
UNREACHABLE = "https://127.0.0.1:9"

CONFIG = """\
default-remote: local
remotes:
  local:
    addr: unix://
  oci:
    addr: https://registry.example
    protocol: oci
    public: true
"""


@pytest.fixture
def conf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("INCUS_GLOBAL_CONF", str(tmp_path / "no-global"))
    monkeypatch.delenv("INCUS_REMOTE", raising=False)
    (tmp_path / "config.yml").write_text(CONFIG)
    return tmp_path


@pytest.mark.parametrize(
    ("reference", "error", "match"),
    [
        ("", ValueError, "image reference is needed"),
        ("local:", ValueError, "names no remote or no image"),
        (":", ValueError, "names no remote or no image"),
        ("local:busybox", ValueError, "unix socket"),
        ("oci:busybox", ValueError, "speaks oci"),
        ("nowhere:busybox", IncusConfigError, "'nowhere' doesn't exist"),
    ],
)
async def test_bad_references(conf: Path, reference: str, error: type[Exception], match: str) -> None:
    client = Client(UNREACHABLE)
    try:
        with pytest.raises(error, match=match):
            await client.instances.launch("c1", reference, config_dir=conf)
        assert not client.connected  # nothing was sent
    finally:
        await client.disconnect()


async def test_bad_readiness_arguments() -> None:
    client = Client(UNREACHABLE)
    try:
        with pytest.raises(ValueError, match="family"):
            await client.instances.wait_ready("c1", interface="eth0", family="ipv4")
        with pytest.raises(ValueError, match="interface"):
            await client.instances.wait_ready("c1", family="inet")
        assert not client.connected
    finally:
        await client.disconnect()


def test_simplestreams_from_a_remote_that_is_not(conf: Path) -> None:
    with pytest.raises(IncusConfigError, match="speaks oci") as err:
        SimpleStreams.from_remote("oci", config_dir=conf)
    assert err.value.key == "remotes.oci.protocol"
