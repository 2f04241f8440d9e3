"""Certificates and trust tokens against the real daemon.

Every certificate a test adds is removed by a finalizer, also on failure;
every token a test issues is revoked.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from incus_sdk import (
    Client,
    IncusBadRequestError,
    IncusConflictError,
    IncusExtensionMissingError,
    IncusNotFoundError,
    IncusOperationCancelledError,
    IncusPermissionError,
    IncusPreconditionFailedError,
    api_path,
)
from incus_sdk.api.certificates import certificate_to_base64
from incus_sdk.models.certificate import Certificate, TrustToken

from .conftest import TEST_IMAGE, cert_fingerprint, incus, incus_json, incus_query, make_cert


def trust_list() -> dict[str, dict[str, Any]]:
    """The trust store as the CLI sees it, by fingerprint."""
    return {c["fingerprint"]: c for c in incus_json("config", "trust", "list")}


@pytest.fixture
def cleanup_certs() -> Iterator[list[str]]:
    """Fingerprints appended here are removed from the trust store afterwards."""
    fingerprints: list[str] = []
    yield fingerprints
    for fp in fingerprints:
        incus("config", "trust", "remove", fp, check=False)


@pytest.fixture
def new_cert(tmp_path: Path, unique: Callable[[str], str], cleanup_certs: list[str]) -> tuple[str, str, str, str]:
    """A fresh (untrusted) certificate: ``(name, crt_path, key_path, fingerprint)``, removed afterwards."""
    name = unique("sdkcert")
    crt, key = make_cert(tmp_path, name)
    fp = cert_fingerprint(crt)
    cleanup_certs.append(fp)
    return name, crt, key, fp


@pytest.fixture
async def tokens(client: Client) -> AsyncIterator[list[TrustToken]]:
    """Tokens appended here are revoked afterwards if still pending."""
    issued: list[TrustToken] = []
    yield issued
    pending = set(await client.certificates.tokens.names())
    for token in issued:
        if token.operation_id in pending:
            await client.certificates.tokens.delete(token)


# -- adding, reading, deleting -------------------------------------------------


async def test_create_from_pem_text_get_list_delete(client: Client, new_cert: Any) -> None:
    name, crt, _, fp = new_cert
    pem = Path(crt).read_text()
    response = await client.certificates.create(pem, name=name, description="from pem text")
    assert response["status_code"] == 200
    assert response.fingerprint == fp  # no need to hash the DER to know what was added

    cert = await client.certificates.get(fp)
    assert isinstance(cert, Certificate)
    assert (cert.fingerprint, cert.name, cert.type, cert.restricted) == (fp, name, "client", False)
    assert cert.description == "from pem text"
    assert cert.certificate.strip() == pem.strip()
    assert cert.etag
    assert fp in {c.fingerprint for c in await client.certificates.list()}
    assert fp in {c.fingerprint for c in await client.certificates.list(recursion=0)}
    assert fp in await client.certificates.names()
    assert await client.certificates.exists(fp)
    cli = trust_list()[fp]
    assert (cli["name"], cli["type"], cli["description"]) == (name, "client", "from pem text")

    await cert.delete()
    assert not await client.certificates.exists(fp)
    assert fp not in trust_list()
    with pytest.raises(IncusNotFoundError):
        await client.certificates.get(fp)


async def test_create_from_path_restricted_with_projects(client: Client, new_cert: Any, project: Client) -> None:
    name, crt, _, fp = new_cert
    response = await client.certificates.create(crt, name, "client", True, [project.project or ""])
    assert response.fingerprint == fp
    cert = await client.certificates.get(fp[:16])  # a unique prefix does too
    assert cert.fingerprint == fp
    assert cert.restricted is True
    assert cert.projects == [project.project]
    cli = trust_list()[fp]
    assert cli["restricted"] is True and cli["projects"] == [project.project]
    await client.certificates.delete(fp)
    assert fp not in trust_list()


async def test_create_from_der_bytes_and_pathlike(client: Client, new_cert: Any) -> None:
    name, crt, _, fp = new_cert
    der_b64 = certificate_to_base64(Path(crt))
    assert certificate_to_base64(base64.b64decode(der_b64)) == der_b64
    assert certificate_to_base64(Path(crt).read_bytes()) == der_b64
    await client.certificates.create(base64.b64decode(der_b64), name=name, type="metrics")
    cert = await client.certificates.get(fp)
    assert cert.type == "metrics"
    assert trust_list()[fp]["type"] == "metrics"


async def test_create_twice_conflicts(client: Client, new_cert: Any) -> None:
    name, crt, _, fp = new_cert
    await client.certificates.create(crt, name=name)
    with pytest.raises(IncusConflictError):
        await client.certificates.create(crt, name=name + "-again")
    assert trust_list()[fp]["name"] == name


@pytest.mark.parametrize(
    "bad",
    [
        "not a certificate",
        "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
        "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",
        base64.b64encode(b"\x30" + b"\x00" * 10).decode(),
        b"\x01\x02\x03",
        "/nonexistent/cert.pem",
    ],
)
async def test_invalid_certificate_is_refused_before_sending(client: Client, bad: Any, unique: Any) -> None:
    # The trust store is shared with concurrent test sessions: look for our name only.
    name = unique("never")
    with pytest.raises(ValueError):
        await client.certificates.create(bad, name=name)
    assert name not in {c["name"] for c in trust_list().values()}


def test_missing_certificate_file_is_named() -> None:
    with pytest.raises(ValueError, match="no such certificate file"):
        certificate_to_base64("/nonexistent/cert.pem")


async def test_garbage_der_is_refused_by_the_server(client: Client, unique: Any) -> None:
    # Looks like DER to the SDK's cheap check; only the server can tell.
    name = unique("never")
    fake = base64.b64encode(b"\x30\x82\x01\x00" + b"\x00" * 300).decode()
    with pytest.raises(IncusBadRequestError):
        await client.certificates.create(fake, name=name)
    assert name not in {c["name"] for c in trust_list().values()}


async def test_unknown_fingerprint(client: Client) -> None:
    unknown = "0" * 64
    with pytest.raises(IncusNotFoundError):
        await client.certificates.get(unknown)
    with pytest.raises(IncusNotFoundError):
        await client.certificates.delete(unknown)
    with pytest.raises(IncusNotFoundError):
        await client.certificates.update(unknown, {"name": "x"})
    assert not await client.certificates.exists(unknown)


# -- updating ------------------------------------------------------------------


async def test_update_changes_only_given_fields(client: Client, new_cert: Any, project: Client) -> None:
    name, crt, _, fp = new_cert
    await client.certificates.create(crt, name=name, description="keep me")
    await client.certificates.update(fp, {"restricted": True, "projects": [project.project]})
    cert = await client.certificates.get(fp)
    assert (cert.name, cert.description, cert.restricted, cert.projects) == (
        name,
        "keep me",
        True,
        [project.project],
    )
    cli = trust_list()[fp]
    assert cli["restricted"] is True and cli["projects"] == [project.project] and cli["name"] == name

    # The seed's model method, keyword by keyword.
    await cert.update(name=name + "-renamed", restricted=False, projects=[])
    assert (cert.name, cert.restricted) == (name + "-renamed", False)  # the object follows
    again = await client.certificates.get(fp)
    assert (again.name, again.restricted, again.projects, again.description) == (
        name + "-renamed",
        False,
        [],
        "keep me",
    )
    assert trust_list()[fp]["name"] == name + "-renamed"

    # Like every bound object, it also takes the fields as one mapping.
    await again.update({"description": "via mapping"})
    cli = trust_list()[fp]
    assert (cli["description"], cli["name"], cli["restricted"]) == ("via mapping", name + "-renamed", False)


async def test_patch_sends_the_servers_patch(client: Client, new_cert: Any) -> None:
    name, crt, _, fp = new_cert
    await client.certificates.create(crt, name=name, description="kept by PATCH")
    await client.certificates.patch(fp, {"name": name + "-p"})
    assert (trust_list()[fp]["name"], trust_list()[fp]["description"]) == (name + "-p", "kept by PATCH")
    cert = await client.certificates.get(fp)
    await cert.patch({"restricted": True})
    assert trust_list()[fp]["restricted"] is True and trust_list()[fp]["name"] == name + "-p"


async def test_update_swaps_the_certificate_itself(
    client: Client, new_cert: Any, tmp_path: Path, cleanup_certs: list[str]
) -> None:
    # The server reads a replacement certificate as PEM; the SDK takes any form.
    name, crt, _, fp = new_cert
    other, _ = make_cert(tmp_path, name + "-other")
    other_fp = cert_fingerprint(other)
    cleanup_certs.append(other_fp)
    await client.certificates.create(crt, name=name)
    await client.certificates.update(fp, {"certificate": Path(other), "description": "swapped"})
    store = trust_list()
    assert fp not in store
    assert (store[other_fp]["name"], store[other_fp]["description"]) == (name, "swapped")
    with pytest.raises(ValueError):
        await client.certificates.update(other_fp, {"certificate": "not a certificate"})
    assert other_fp in trust_list()


async def test_replace_put_and_etag(client: Client, new_cert: Any) -> None:
    name, crt, _, fp = new_cert
    await client.certificates.create(crt, name=name, description="old")
    cert = await client.certificates.get(fp)
    await client.certificates.replace(fp, {"name": name, "type": "client", "description": "new"}, etag=cert.etag)
    assert (await client.certificates.get(fp)).description == "new"
    assert trust_list()[fp]["description"] == "new"

    # The first read's ETag is stale now: every write method refuses it.
    with pytest.raises(IncusPreconditionFailedError):
        await client.certificates.replace(fp, {"name": name, "type": "client", "description": "x"}, etag=cert.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await client.certificates.update(fp, {"description": "x"}, etag=cert.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await client.certificates.patch(fp, {"description": "x"}, etag=cert.etag)
    with pytest.raises(IncusPreconditionFailedError):
        await cert.replace()
    assert trust_list()[fp]["description"] == "new"

    fresh = await client.certificates.get(fp)
    fresh.description = "via model"
    await fresh.replace()
    assert trust_list()[fp]["description"] == "via model"


async def test_bound_certificate_acts_whatever_the_project(client: Client, new_cert: Any, project: Client) -> None:
    # The trust store is server-wide: a project-scoped client sees and changes the same one.
    name, crt, _, fp = new_cert
    response = await project.certificates.create(crt, name=name, wait=False)
    assert response.operation is None and response.fingerprint == fp  # answered at once
    assert await response.wait() is response
    cert = await project.certificates.get(fp)
    await cert.update({"description": "from a project"})
    assert trust_list()[fp]["description"] == "from a project"
    assert fp in await client.certificates.names()
    await cert.delete()
    assert fp not in trust_list()


async def test_update_rejects_unknown_fields(client: Client) -> None:
    with pytest.raises(ValueError, match="writable fields"):
        await client.certificates.update("0" * 64, {"fingerprint": "x"})


# -- trust tokens and HTTPS -----------------------------------------------------


async def test_token_create_list_get_delete(client: Client, https_endpoint: Any, unique: Any, tokens: Any) -> None:
    name = unique("sdktok")
    token = await client.certificates.tokens.create(name, restricted=True, projects=["default"])
    tokens.append(token)
    assert token.client_name == name and token.secret and token.addresses and token.operation_id
    assert token.fingerprint == incus_query("/1.0")["environment"]["certificate_fingerprint"]
    assert token.secret not in repr(token)
    decoded = TrustToken.decode(str(token))
    assert (decoded.client_name, decoded.secret, decoded.addresses) == (name, token.secret, token.addresses)
    # The token is a running operation on the server, keyed by its UUID.
    assert token.operation is not None and token.operation.status == "Running"
    assert incus_query(f"/1.0/operations/{token.operation_id}")["class"] == "token"

    listed = {t.operation_id: t for t in await client.certificates.tokens.list()}
    assert listed[token.operation_id].secret == token.secret
    assert token.operation_id in await client.certificates.tokens.names()
    assert name in {t["client_name"] for t in incus_json("config", "trust", "list-tokens")}
    for ref in (token.operation_id, str(token), token):
        assert (await client.certificates.tokens.get(ref)).secret == token.secret
        assert await client.certificates.tokens.exists(ref)

    await client.certificates.tokens.delete(str(token))  # by its text
    assert token.operation_id not in await client.certificates.tokens.names()
    cli_after = incus_json("config", "trust", "list-tokens")
    assert name not in {t["client_name"] for t in cli_after}
    assert not await client.certificates.tokens.exists(token)
    with pytest.raises(IncusNotFoundError):
        await client.certificates.tokens.delete(str(token))
    with pytest.raises(IncusNotFoundError):
        await client.certificates.tokens.get(token.operation_id)


async def test_tokens_delete_only_pending_tokens(client: Client, project: Client, unique: Any) -> None:
    # An operation that is not a trust token is never deleted through tokens.
    instance = unique("tok")
    incus("launch", TEST_IMAGE, instance, project=project.project)
    response = await project.api.post(
        api_path("instances", instance, "exec"), {"command": ["sleep", "2"], "record-output": True}
    )
    assert response.operation is not None
    with pytest.raises(IncusNotFoundError):
        await client.certificates.tokens.delete(response.operation.id)
    assert (await response.operation.wait(timeout=30)).status == "Success"


async def test_bound_token_delete_and_project_scope(
    client: Client, https_endpoint: Any, unique: Any, tokens: Any, project: Client
) -> None:
    # Tokens are server-wide: a project-scoped client issues, sees and revokes the same ones.
    name = unique("sdktok")
    token = await project.certificates.tokens.create(name)
    tokens.append(token)
    assert token.operation_id in await client.certificates.tokens.names()
    listed = {t.operation_id: t for t in await project.certificates.tokens.list()}
    await listed[token.operation_id].delete()
    assert name not in {t["client_name"] for t in incus_json("config", "trust", "list-tokens")}
    with pytest.raises(IncusOperationCancelledError):
        await token.operation.wait(timeout=10)  # type: ignore[union-attr]


async def test_token_adds_untrusted_https_client(
    client: Client, https_endpoint: Any, new_cert: Any, tokens: Any
) -> None:
    url, server_pem = https_endpoint
    name, crt, key, fp = new_cert
    token = await client.certificates.tokens.create(name)
    tokens.append(token)
    async with Client(url, cert=(crt, key), server_cert=server_pem) as stranger:
        assert (await stranger.get_server_info()).auth == "untrusted"
        with pytest.raises(IncusPermissionError):
            await stranger.projects.names()
        response = await stranger.certificates.add_with_token(str(token))
        assert response.fingerprint == fp  # the client's own certificate, named by the server
        # The same client is trusted from its next request on.
        assert (await stranger.get_server_info()).auth == "trusted"
        assert "default" in await stranger.projects.names()
    cert = await client.certificates.get(fp)
    assert (cert.name, cert.type) == (name, "client")
    assert trust_list()[fp]["name"] == name
    # The token was single use: its operation is over (Incus 6.0 ends it as
    # Cancelled, as when it is revoked) and it is gone from the pending list.
    assert token.operation is not None
    with pytest.raises(IncusOperationCancelledError):
        await token.operation.wait(timeout=10)
    assert token.operation_id not in await client.certificates.tokens.names()


async def test_used_or_bogus_token_is_refused(
    client: Client, https_endpoint: Any, new_cert: Any, tmp_path: Path, cleanup_certs: list[str], tokens: Any
) -> None:
    url, server_pem = https_endpoint
    name, crt, key, fp = new_cert
    token = await client.certificates.tokens.create(name)
    tokens.append(token)
    await token.delete()
    async with Client(url, cert=(crt, key), server_cert=server_pem) as stranger:
        with pytest.raises(IncusPermissionError):
            await stranger.certificates.add_with_token(token)
        with pytest.raises(ValueError):
            await stranger.certificates.add_with_token("garbage")
        assert (await stranger.get_server_info()).auth == "untrusted"
    assert fp not in trust_list()


async def test_seed_password_is_sent_as_trust_token(
    client: Client, https_endpoint: Any, new_cert: Any, tokens: Any
) -> None:
    url, server_pem = https_endpoint
    name, crt, key, fp = new_cert
    token = await client.certificates.tokens.create(name)
    tokens.append(token)
    async with Client(url, cert=(crt, key), server_cert=server_pem) as stranger:
        with pytest.warns(DeprecationWarning, match="trust_token"):
            await stranger.certificates.create(crt, password=str(token))
    assert fp in trust_list()


async def test_missing_extension_raises_before_sending(client: Client, monkeypatch: Any) -> None:
    have = await client._core.extensions()
    monkeypatch.setattr(client._core, "_extensions", have - {"certificate_token"})
    sent: list[str] = []
    original = client._core.send

    async def spy(method: str, path: str, **kwargs: Any) -> Any:
        sent.append(f"{method} {path}")
        return await original(method, path, **kwargs)

    # send(): every request, whichever layer it comes from.
    monkeypatch.setattr(client._core, "send", spy)
    with pytest.raises(IncusExtensionMissingError) as err:
        await client.certificates.tokens.create("never")
    assert err.value.extension == "certificate_token"
    assert "TrustTokensAPI.create()" in str(err.value)
    assert sent == []


async def test_cli_token_is_readable_and_revocable(client: Client, https_endpoint: Any, unique: Any) -> None:
    name = unique("sdkclitok")
    text = incus("config", "trust", "add", name, "--quiet").strip().splitlines()[-1]
    try:
        decoded = TrustToken.decode(text)
        assert decoded.client_name == name and decoded.secret
        pending = {t.secret: t for t in await client.certificates.tokens.list()}
        assert pending[decoded.secret].client_name == name
        assert pending[decoded.secret].encode() == text  # the SDK encodes exactly as the CLI does
        await client.certificates.tokens.delete(text)
        assert name not in {t["client_name"] for t in incus_json("config", "trust", "list-tokens")}
    finally:
        for t in incus_json("config", "trust", "list-tokens"):
            if t["client_name"] == name:
                incus("config", "trust", "revoke-token", name, check=False)


async def test_token_expiry_follows_server_config(
    client: Client, https_endpoint: Any, unique: Any, tokens: Any
) -> None:
    key = "core.remote_token_expiry"
    before = incus("config", "get", key).strip()
    await client.server.update({key: "1H"})
    try:
        token = await client.certificates.tokens.create(unique("sdkexp"))
        tokens.append(token)
        assert token.expires_at is not None
        assert TrustToken.decode(str(token)).expires_at == token.expires_at
    finally:
        await client.server.update({key: before or None})
    assert incus("config", "get", key).strip() == before


async def test_seed_style_model_built_by_hand(client: Client, new_cert: Any) -> None:
    name, crt, _, fp = new_cert
    await client.certificates.create(crt, name=name)
    cert = Certificate(client=client, fingerprint=fp)
    assert repr(cert) == f"<Certificate: {fp}>"
    await cert.update(name=name + "-2", description="by hand")
    assert (trust_list()[fp]["name"], trust_list()[fp]["description"]) == (name + "-2", "by hand")
    with pytest.raises(IncusBadRequestError, match="type cannot be changed"):
        await cert.update(type="metrics")
    assert trust_list()[fp]["type"] == "client"
    await cert.delete()
    assert fp not in trust_list()


async def test_deprecated_aliases_warn_and_work(
    client: Client, https_endpoint: Any, new_cert: Any, unique: Any
) -> None:
    name, crt, _, fp = new_cert
    await client.certificates.create(crt, name=name)
    with pytest.deprecated_call(match=r"certificates\.names\(\)"):
        assert fp in await client.certificates.fingerprints()
    token_name = unique("sdkold")
    with pytest.deprecated_call(match=r"certificates\.tokens\.create"):
        token = await client.certificates.create_token(token_name, description="old name")
    try:
        with pytest.deprecated_call(match=r"certificates\.tokens\.list\(\)"):
            assert token.operation_id in {t.operation_id for t in await client.certificates.list_tokens()}
        with pytest.deprecated_call(match=r"certificates\.tokens\.delete"):
            await client.certificates.revoke_token(token.operation_id)
        assert token_name not in {t["client_name"] for t in incus_json("config", "trust", "list-tokens")}
    finally:
        if await client.certificates.tokens.exists(token):
            await client.certificates.tokens.delete(token)
