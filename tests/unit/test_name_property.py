"""Property: a name is refused before sending, or reaches exactly the path it denotes.

Issue 14, "Done means": for every family (every sub-API of the client), every
public method taking a name (found by introspection) is called with names
drawn from the whole Unicode range plus ``% / ? # . + \\x00``, against a
fake daemon that records each request and decodes it as incusd 6.0.4 does:

* each path segment is percent-decoded once, and the segment of an instance
  snapshot (``/1.0/instances/{i}/snapshots/{s}``) a second time with Go's
  ``url.QueryUnescape`` (``+`` is a space there);
* query strings are decoded as Go's ``url.ParseQuery`` does;
* every name is cut at its first NUL (the daemon's database reads C strings).

The same call with a plain name gives the expected requests; with the drawn
name, the requests the daemon decodes must be those, with the plain name
replaced by the drawn one. Or the call raises ``ValueError`` having sent
nothing (the ``GET /1.0`` of an extension check aside).
"""

from __future__ import annotations

import asyncio
import inspect
import io
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote, unquote_plus, urlsplit

import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incus_sdk import Client, IncusConfigError, IncusError

from .conftest import all_extensions, envelope

#: Names from the whole Unicode range (UTF-8 encodable), rich in what URLs treat specially.
NAMES = st.text(
    st.one_of(st.characters(codec="utf-8"), st.sampled_from("%/?#.\x00+&= ")),
    min_size=1,
    max_size=10,
)
PLAIN = "plainname"
#: Names the daemon would read as another (measured on 6.0.4), or that URLs treat specially.
KNOWN_BAD = (
    "victim\x00x",
    "0:0",
    "s0%00",
    "a%41",
    "a+b",
    "..",
    ".",
    "a/../b",
    "?x=1",
    "#f",
    "%",
    "_",
    "\x85",
    "ü",
    "aliases",
)
#: The plain name for slots that take only fingerprints (hex).
PLAIN_HEX = "abcdef0123"
#: The plain value of a path inside an instance (``client.instances.files``),
#: which must be absolute: a drawn name goes there as ``"/" + name``.
PLAIN_PATH = "/" + PLAIN

Request = tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]


def _families(client: Client) -> Iterator[tuple[str, Any]]:
    """Every sub-API reachable from the client (``client.api``, raw paths, aside)."""
    seen: set[int] = set()

    def walk(obj: Any, path: str) -> Iterator[tuple[str, Any]]:
        for attr in sorted(dir(obj)):
            if attr.startswith("_") or attr in ("api", "client"):
                continue
            value = getattr(obj, attr, None)
            if hasattr(value, "_core") and not isinstance(value, Client) and id(value) not in seen:
                seen.add(id(value))
                yield f"{path}.{attr}", value
                yield from walk(value, f"{path}.{attr}")

    yield from walk(client, "client")


def _filler(annotation: str) -> Any:
    """A harmless value for a required parameter that is not a name; raises LookupError if none."""
    ann = annotation.replace(" ", "")
    if "IO[" in ann or "FileTarget" in ann:
        return io.BytesIO()  # a local destination: never a path, so the test writes no file
    if "PathLike" in ann:
        raise LookupError(annotation)
    if ann in ("str", "str|None") or ann.startswith("str|"):
        return PLAIN
    for marker, value in (
        ("FileSource", b"x"),
        ("UploadSource", b"x"),
        ("BackupSource", b"x"),
        ("Mapping", {}),
        ("dict", {}),
        ("Dict", {}),
        ("IncusModel", {}),
        ("Sequence[str]", ["true"]),
        ("List[str]", ["true"]),
        ("Iterable[str]", ["x"]),
        ("int", 1),
        ("float", 1.0),
        ("bool", False),
    ):
        if marker in ann:
            return value
    raise LookupError(annotation)


Slot = tuple[str, Any]  # ("pos", index) or ("kw", name)
Call = tuple[str, str, list[Any], dict[str, Any], Slot]


def _calls() -> list[Call]:
    """(family, method, args, kwargs, name slot) for every required str parameter of every method."""
    client = Client("/nonexistent.sock")
    table: list[Call] = []
    for family, api in _families(client):
        for name, method in inspect.getmembers(api, inspect.iscoroutinefunction):
            # Deprecated aliases delegate to methods that are covered themselves.
            if name.startswith("_") or hasattr(method, "__deprecated__"):
                continue
            required = [
                p for p in inspect.signature(method).parameters.values() if p.default is inspect.Parameter.empty
            ]
            positional = [p for p in required if p.kind is not inspect.Parameter.KEYWORD_ONLY]
            keywords = [p for p in required if p.kind is inspect.Parameter.KEYWORD_ONLY]
            try:
                args = [_value(family, p) for p in positional]
                kwargs = {p.name: _value(family, p) for p in keywords}
            except LookupError:
                continue  # needs something this table cannot make (another client, a local path)
            slots: list[Slot] = [("pos", i) for i, v in enumerate(args) if v in (PLAIN, PLAIN_PATH)]
            slots += [("kw", k) for k, v in kwargs.items() if v in (PLAIN, PLAIN_PATH)]
            table.extend((family, name, args, kwargs, slot) for slot in slots)
    return table


def _value(family: str, param: inspect.Parameter) -> Any:
    """The plain value of a required parameter (see :func:`_filler`)."""
    if family == "client.instances.files" and param.name == "path":
        return PLAIN_PATH
    return _filler(str(param.annotation))


def _fill(args: list[Any], kwargs: dict[str, Any], slot: Slot, name: str) -> tuple[list[Any], dict[str, Any]]:
    """Put ``name`` in the slot, and a distinct plain name in every other str slot."""

    def put(key: Slot, value: Any, other: str) -> Any:
        text = name if key == slot else other
        return text if value == PLAIN else "/" + text if value == PLAIN_PATH else value

    pos = [put(("pos", i), a, f"other{i}") for i, a in enumerate(args)]
    kw = {k: put(("kw", k), v, f"other{k}") for k, v in kwargs.items()}
    return pos, kw


CALLS = _calls()
FAMILIES = sorted({family for family, *_ in CALLS})


def test_every_family_is_covered() -> None:
    # If introspection stopped finding methods, the property would pass vacuously.
    assert len(FAMILIES) >= 20, FAMILIES
    assert len(CALLS) >= 250, len(CALLS)
    for expected in ("client.profiles", "client.instances", "client.images", "client.storage_pools.volumes.snapshots"):
        assert expected in FAMILIES


def _decode(method: str, raw: str) -> Request:
    """What incusd reads from a request line."""
    parts = urlsplit(raw)
    segments = [unquote(s) for s in parts.path.split("/")]
    if len(segments) > 5 and segments[2] == "instances" and segments[4] == "snapshots":
        segments[5] = unquote_plus(segments[5])
    query = tuple((k, v.split("\x00")[0]) for k, v in parse_qsl(parts.query, keep_blank_values=True))
    return method, tuple(s.split("\x00")[0] for s in segments), query


class Recorder:
    def __init__(self) -> None:
        self.requests: list[Request] = []

    async def handle(self, request: web.Request) -> web.StreamResponse:
        await request.read()
        if request.path == "/1.0":
            return web.json_response(envelope({"api_extensions": all_extensions(), "auth": "trusted"}))
        self.requests.append(_decode(request.method, request.raw_path))
        return web.json_response(envelope({}))


async def _record(
    client: Client, recorder: Recorder, family: str, method: str, args: list[Any], kwargs: dict[str, Any] | None = None
) -> Any:
    recorder.requests.clear()
    api: Any = client
    for attr in family.split(".")[1:]:
        api = getattr(api, attr)
    try:
        await asyncio.wait_for(getattr(api, method)(*args, **(kwargs or {})), 0.3)
    except (ValueError, IncusError, asyncio.TimeoutError) as exc:
        return exc
    return None


def _substitute(requests: list[Request], plain: str, name: str) -> list[Request]:
    def sub(text: str) -> str:
        return text.replace(plain, name)

    return [(m, tuple(sub(s) for s in segs), tuple((k, sub(v)) for k, v in query)) for m, segs, query in requests]


@pytest.fixture
def daemon(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[asyncio.AbstractEventLoop, Client, Recorder]]:
    # Image references ("remote:alias") name the CLI's remotes: none but the
    # defaults here, whatever this machine's configuration holds.
    monkeypatch.setenv("INCUS_CONF", str(tmp_path / "conf"))
    monkeypatch.setenv("INCUS_GLOBAL_CONF", str(tmp_path / "global-conf"))
    loop = asyncio.new_event_loop()
    recorder = Recorder()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", recorder.handle)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    loop.run_until_complete(runner.setup())
    sock = str(tmp_path / "fake.sock")
    loop.run_until_complete(web.UnixSite(runner, sock).start())
    client = Client(sock, timeout=5)
    try:
        yield loop, client, recorder
    finally:
        loop.run_until_complete(client.disconnect())
        loop.run_until_complete(runner.cleanup())
        loop.close()


@pytest.mark.parametrize("family", FAMILIES)
def test_names_are_refused_or_reach_exactly_their_path(
    family: str, daemon: tuple[asyncio.AbstractEventLoop, Client, Recorder]
) -> None:
    loop, client, recorder = daemon
    calls = [(method, args, kwargs, slot) for fam, method, args, kwargs, slot in CALLS if fam == family]
    expected: dict[tuple[str, Slot], tuple[str, list[Request]]] = {}
    for method, args, kwargs, slot in calls:
        for plain in (PLAIN_HEX, PLAIN):
            outcome = loop.run_until_complete(
                _record(client, recorder, family, method, *_fill(args, kwargs, slot, plain))
            )
            requests = list(recorder.requests)
            if isinstance(outcome, asyncio.TimeoutError):
                requests = requests[:1]  # a wait that never ends here: how many polls is timing, not naming
            if not isinstance(outcome, ValueError):
                break
        expected[(method, slot)] = (plain, requests)

    def check(call: tuple[str, list[Any], dict[str, Any], Slot], name: str) -> None:
        method, args, kwargs, slot = call
        outcome = loop.run_until_complete(_record(client, recorder, family, method, *_fill(args, kwargs, slot, name)))
        plain, requests = expected[(method, slot)]
        want = _substitute(requests, plain, name)
        sent = recorder.requests[: len(want)] if isinstance(outcome, asyncio.TimeoutError) else recorder.requests
        # An image reference "remote:alias" names one of the CLI's remotes: an
        # unknown one is refused as a configuration error.
        if isinstance(outcome, (ValueError, IncusConfigError)):
            # Refused: nothing, or only what came before the name was needed, was sent.
            assert sent == want[: len(sent)], f"{family}.{method}({name!r}) raised {outcome!r} after sending {sent}"
        else:
            assert sent == want, f"{family}.{method}({name!r})"

    # Every method meets the worst names at least once...
    for call in calls:
        for name in KNOWN_BAD:
            check(call, name)

    # ...and drawn ones.
    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(call=st.sampled_from(calls), name=NAMES)
    def prop(call: tuple[str, list[Any], dict[str, Any], Slot], name: str) -> None:
        check(call, name)

    prop()


@given(name=NAMES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_project_and_target_are_refused_or_sent_exactly(
    name: str, daemon: tuple[asyncio.AbstractEventLoop, Client, Recorder]
) -> None:
    loop, client, recorder = daemon
    for scope, make in (("project", client.with_project), ("target", client.with_target)):
        maker: Callable[[str], Client] = make
        try:
            scoped = maker(name)
        except ValueError:
            continue
        loop.run_until_complete(_record(scoped, recorder, "client.profiles", "get", ["p"]))
        assert recorder.requests == [("GET", ("", "1.0", "profiles", "p"), ((scope, name),))]
