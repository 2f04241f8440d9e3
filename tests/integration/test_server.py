"""Server config, resources, configuration metadata and extension checks, against the daemon.

Only harmless keys are changed (``images.remote_cache_expiry``), each test
restores what it changed, and every write is ETag-guarded or a PATCH of
that one key, so concurrent sessions changing other keys (the HTTPS
fixture's ``core.https_address``) are never undone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from incus_sdk import (
    Client,
    IncusBadRequestError,
    IncusExtensionMissingError,
    IncusPreconditionFailedError,
)
from incus_sdk.api._base import SubAPI
from incus_sdk.api._extensions import extensions_of, requires_extension
from incus_sdk.api.server import CONFIG_KEY_EXTENSIONS, ServerAPI, WarningsAPI
from incus_sdk.models.server import MetadataConfiguration, Resources, Server, ServerInfo, ServerPut

from .conftest import incus, incus_query

KEY = "images.remote_cache_expiry"


def cli_get(key: str) -> str:
    return incus("config", "get", key).strip()


@pytest.fixture
def restore_key() -> Iterator[None]:
    """Put ``KEY`` back as it was before the test, and ``core.https_address`` too.

    Incus 6.0.4 drops the member-local keys (``core.https_address``) from the
    config it reports after a *failed* ``PATCH /1.0``; the next read-modify-
    write of the config (the CLI's ``config unset`` included) then removes
    the key for real and closes the HTTPS listener other tests use.
    """
    before = cli_get(KEY)
    https = cli_get("core.https_address")
    yield
    if before:
        incus("config", "set", KEY, before)
    else:
        incus("config", "unset", KEY, check=False)
    if https and cli_get("core.https_address") != https:
        incus("config", "set", "core.https_address", https)


@pytest.fixture
def spy(client: Client, monkeypatch: Any) -> list[str]:
    """Records every request the client's core sends from now on."""
    sent: list[str] = []
    original = client._core.send

    async def recording(method: str, path: str, **kwargs: Any) -> Any:
        sent.append(f"{method} {path}")
        return await original(method, path, **kwargs)

    monkeypatch.setattr(client._core, "send", recording)
    return sent


async def test_get_server_info(client: Client) -> None:
    info = await client.server.get()
    assert isinstance(info, ServerInfo) and isinstance(info, Server)
    assert info.etag
    assert info.auth == "trusted" and info.api_version == "1.0"
    raw = incus_query("/1.0")
    assert info.environment is not None
    assert info.environment.server_version == raw["environment"]["server_version"]
    assert set(info.api_extensions) == set(raw["api_extensions"])
    assert "warnings" in info.api_extensions
    assert isinstance(await client.server.get_config(), dict)


async def test_one_model_for_get_1_0(client: Client, restore_key: None) -> None:
    # client.get_server_info() and client.server.get() give the same bound model.
    assert ServerInfo is Server
    info = await client.get_server_info()
    assert type(info) is Server and info.etag
    assert info.config == (await client.server.get()).config
    await info.update({KEY: "4"})
    assert cli_get(KEY) == "4"


async def test_update_renders_values_and_waits(client: Client, restore_key: None) -> None:
    # A sync reply: wait=False changes nothing, and there is no operation.
    response = await client.server.update({KEY: 3}, wait=False)
    assert response.operation is None and await response.wait() is response
    assert cli_get(KEY) == "3"
    with pytest.raises(ValueError, match="string, number or bool"):
        await client.server.update({KEY: {"nested": "1"}})  # type: ignore[dict-item]
    assert cli_get(KEY) == "3"


async def test_api_versions(client: Client) -> None:
    assert await client.server.api_versions() == [url.strip("/") for url in incus_query("/")]
    assert "1.0" in await client.server.api_versions()


async def test_update_sets_and_unsets_one_key(client: Client, restore_key: None) -> None:
    others_before = {k: v for k, v in (await client.server.get_config()).items() if k != KEY}
    response = await client.server.update({KEY: "7"})
    assert response["status_code"] == 200
    assert (await client.server.get_config())[KEY] == "7"
    assert cli_get(KEY) == "7"
    # Numbers are sent as strings; the other keys are untouched by a PATCH.
    await client.server.update({"config": {KEY: 8}})
    assert cli_get(KEY) == "8"
    after = await client.server.get_config()
    assert all(after.get(k) == v for k, v in others_before.items() if k != "core.https_address")
    await client.server.update({KEY: None})
    assert KEY not in await client.server.get_config()
    assert cli_get(KEY) == ""


async def test_update_with_etag(client: Client, restore_key: None) -> None:
    info = await client.server.get()
    await client.server.update(ServerPut(config={KEY: "9"}), etag=info.etag)
    assert cli_get(KEY) == "9"
    # That write made the ETag stale: the server refuses it now.
    with pytest.raises(IncusPreconditionFailedError):
        await client.server.update({KEY: "10"}, etag=info.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await info.update({KEY: "10"})
    assert cli_get(KEY) == "9"
    fresh = await client.server.get()
    await fresh.update({KEY: "11"})
    assert cli_get(KEY) == "11"


async def test_replace_whole_config_with_etag(client: Client, restore_key: None) -> None:
    info = await client.server.get()
    await client.server.replace({**info.config, KEY: "12"}, etag=info.etag)
    after = await client.server.get()
    assert after.config[KEY] == "12"
    # Every other key kept (core.https_address aside: a concurrent session's HTTPS fixture may toggle it).
    mine = {KEY, "core.https_address"}
    assert {k: v for k, v in after.config.items() if k not in mine} == {
        k: v for k, v in info.config.items() if k not in mine
    }
    assert cli_get(KEY) == "12"
    with pytest.raises(IncusPreconditionFailedError):
        await client.server.replace({**info.config, KEY: "13"}, etag=info.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await info.replace()
    assert cli_get(KEY) == "12"
    # The model's own replace, with its config edited, from a fresh read.
    after.config[KEY] = "14"
    await after.replace()
    assert cli_get(KEY) == "14"


async def test_bad_key_or_value_changes_nothing(client: Client, restore_key: None) -> None:
    await client.server.update({KEY: "5"})
    with pytest.raises(IncusBadRequestError):
        await client.server.update({"no.such.key": "1"})
    with pytest.raises(IncusBadRequestError):
        await client.server.update({KEY: "not-a-number"})
    # One bad key in a batch: the good one is not applied either.
    with pytest.raises(IncusBadRequestError):
        await client.server.update({KEY: "6", "no.such.key": "1"})
    assert cli_get(KEY) == "5"
    assert "no.such.key" not in await client.server.get_config()
    with pytest.raises(ValueError, match="string, number or bool"):
        await client.server.update({KEY: ["6"]})  # type: ignore[dict-item]
    with pytest.raises(ValueError):
        await client.server.update("images.remote_cache_expiry=6")  # type: ignore[arg-type]
    assert cli_get(KEY) == "5"


async def test_newer_config_keys_raise_before_sending(client: Client, spy: list[str]) -> None:
    have = await client._core.extensions()  # read when the client connected: no request
    for key, extension in CONFIG_KEY_EXTENSIONS.items():
        if extension in have:
            continue  # a newer daemon: nothing to prove with this key
        full = key + "target.type" if key.endswith(".") else key
        with pytest.raises(IncusExtensionMissingError) as err:
            await client.server.update({full: "x"})
        assert err.value.extension == extension and full in str(err.value)
    assert "server_shutdown_action" not in have  # Incus 6.0.4 lacks it: the loop proved something
    assert spy == []  # no PATCH went out (nor a GET /1.0 for the extensions)


async def test_requires_extension_decorator(client: Client, spy: list[str]) -> None:
    class Probe(SubAPI):
        @requires_extension("warnings", "sdk_no_such_extension")
        async def call(self, value: int) -> int:
            """Docstring kept."""
            await self._core.request("GET", "/1.0")
            return value

        @requires_extension("warnings")
        async def ok(self) -> str:
            return "sent"

    probe = Probe(client._core, client)
    with pytest.raises(IncusExtensionMissingError) as err:
        await probe.call(1)
    assert err.value.extension == "sdk_no_such_extension"
    assert "Probe.call()" in str(err.value)
    assert not [s for s in spy if s != "GET /1.0"]  # at most the one-off extension read
    spy.clear()
    assert await probe.ok() == "sent"
    assert spy == []  # extensions are cached: nothing sent for the check
    assert Probe.call.__doc__ == "Docstring kept." and Probe.call.__name__ == "call"
    assert extensions_of(Probe.call) == ("warnings", "sdk_no_such_extension")
    assert extensions_of(WarningsAPI.list) == ("warnings",)
    assert extensions_of(ServerAPI.metrics_text) == ("metrics",)
    with pytest.raises(ValueError):
        requires_extension()


async def test_resources(client: Client) -> None:
    resources = await client.server.resources()
    assert isinstance(resources, Resources)
    raw = incus_query("/1.0/resources")
    assert resources.cpu is not None and resources.cpu.total == raw["cpu"]["total"] > 0
    assert resources.memory is not None and resources.memory.total == raw["memory"]["total"] > 0
    # Project scoping does not apply to resources.
    assert (await client.with_project("default").server.resources()).cpu.total == raw["cpu"]["total"]  # type: ignore[union-attr]


async def test_metadata_configuration(client: Client) -> None:
    meta = await client.server.metadata_configuration()
    assert isinstance(meta, MetadataConfiguration)
    configs = meta.to_dict()["configs"]
    raw = incus_query("/1.0/metadata/configuration")
    assert set(configs) == set(raw["configs"])
    server_keys = {key for group in configs["server"].values() for entry in group["keys"] for key in entry}
    assert "core.https_address" in server_keys and KEY in server_keys
    entry = next(e[KEY] for group in configs["server"].values() for e in group["keys"] if KEY in e)
    assert entry["type"] == "integer"
