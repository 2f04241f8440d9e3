"""A fake daemon on a unix socket, for replies the real one cannot be made to give."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
#: The ``fake_daemon`` fixture: routes in, socket path out.
Start = Callable[[dict[str, Any]], Awaitable[str]]


def envelope(metadata: Any = None, *, status_code: int = 200) -> dict[str, Any]:
    """A sync success envelope."""
    return {
        "type": "sync",
        "status": "Success",
        "status_code": status_code,
        "operation": "",
        "error_code": 0,
        "error": "",
        "metadata": metadata,
    }


def error_envelope(code: int, message: str) -> dict[str, Any]:
    """An error envelope."""
    return {"type": "error", "status": "", "status_code": 0, "operation": "", "error_code": code, "error": message}


def all_extensions() -> list[str]:
    """Every API extension the SDK checks for (a fake daemon claiming them all lets every call through)."""
    import re
    from pathlib import Path

    import incus_sdk

    found: set[str] = set()
    for source in Path(incus_sdk.__file__).parent.rglob("*.py"):
        found.update(re.findall(r'require(?:s_extension|_extension)\(\s*"([a-z0-9_]+)"', source.read_text()))
    return sorted(found)


async def _server_info(request: web.Request) -> web.Response:
    return web.json_response(envelope({"api_version": "1.0", "api_extensions": ["etag"], "auth": "trusted"}))


async def serve(routes: dict[str, Handler], path: str) -> web.AppRunner:
    """Serve ``{"METHOD /path": handler}`` routes (and ``GET /1.0``) on a unix socket; clean the runner up after."""
    app = web.Application()
    if "GET /1.0" not in routes:
        app.router.add_get("/1.0", _server_info)
    for key, handler in routes.items():
        method, route = key.split(" ", 1)
        app.router.add_route(method, route, handler)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    await web.UnixSite(runner, path).start()
    return runner


@pytest.fixture
async def fake_daemon(tmp_path: Any) -> AsyncIterator[Callable[[dict[str, Handler]], Awaitable[str]]]:
    """Start a fake daemon with ``{"METHOD /path": handler}`` routes; returns its socket path."""
    runners: list[web.AppRunner] = []

    async def start(routes: dict[str, Handler]) -> str:
        path = str(tmp_path / f"fake{len(runners)}.sock")
        runners.append(await serve(routes, path))
        return path

    yield start
    for runner in runners:
        await runner.cleanup()
