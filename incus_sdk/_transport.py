"""Connecting to the daemon: socket discovery, TLS, the aiohttp session.

One :class:`Transport` owns one ``aiohttp.ClientSession`` (and so one
connection pool). Every request and websocket of a :class:`~incus_sdk.Client`
and of its ``with_project()`` / ``with_target()`` copies goes through it.
"""

from __future__ import annotations

import asyncio
import os
import ssl
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiohttp

from .exceptions import IncusConnectionError, IncusRedirectError
from .hooks import Observer, http_log

if TYPE_CHECKING:
    from .retry import Retry

#: Seconds :meth:`Transport.close` gives TLS connections of websockets to finish closing.
TLS_CLOSE_PAUSE = 0.25

#: Host name used in URLs sent over the unix socket (the daemon ignores it).
UNIX_BASE_URL = "http://incus.socket"

#: Default cap on the size of one JSON reply (and one websocket message).
DEFAULT_MAX_REPLY_SIZE = 64 * 2**20

DEFAULT_SOCKET_PATHS = ("/var/lib/incus/unix.socket", "/run/incus/unix.socket")


def discover_socket() -> str:
    """Find the local daemon's unix socket as the Go client does.

    Order: ``INCUS_SOCKET``, ``$INCUS_DIR/unix.socket``, then the first of
    ``/var/lib/incus/unix.socket`` and ``/run/incus/unix.socket`` that exists
    (the former if neither does).

    Returns:
        The socket path.
    """
    explicit = os.environ.get("INCUS_SOCKET")
    if explicit:
        return explicit
    incus_dir = os.environ.get("INCUS_DIR")
    if incus_dir:
        return os.path.join(incus_dir, "unix.socket")
    for path in DEFAULT_SOCKET_PATHS:
        if os.path.exists(path):
            return path
    return DEFAULT_SOCKET_PATHS[0]


@dataclass(frozen=True)
class Endpoint:
    """Where the daemon is.

    Attributes:
        base_url: The URL prefix requests are made against.
        socket_path: The unix socket path, or ``None`` for HTTPS.
    """

    base_url: str
    socket_path: str | None = None

    @property
    def is_unix(self) -> bool:
        """Whether requests go over a local unix socket."""
        return self.socket_path is not None


def resolve_endpoint(endpoint: str | None) -> Endpoint:
    """Turn the user's endpoint (or its absence) into an :class:`Endpoint`.

    Accepted forms: ``None`` (``INCUS_ENDPOINT`` if set, else socket
    discovery), ``unix:///path/to/socket``, a bare socket path, and
    ``https://host[:port]`` (port 8443 if omitted).

    Args:
        endpoint: The endpoint given to the client.

    Returns:
        The resolved endpoint.

    Raises:
        ValueError: If the endpoint has an unsupported scheme.
    """
    endpoint = endpoint or os.environ.get("INCUS_ENDPOINT") or None
    if endpoint is None:
        return Endpoint(UNIX_BASE_URL, discover_socket())
    if endpoint.startswith("unix://"):
        return Endpoint(UNIX_BASE_URL, endpoint[len("unix://") :] or discover_socket())
    if endpoint.startswith("/"):
        return Endpoint(UNIX_BASE_URL, endpoint)
    if endpoint.startswith("https://"):
        base = endpoint.rstrip("/")
        host = base[len("https://") :]
        has_port = "]:" in host if host.startswith("[") else ":" in host
        return Endpoint(base if has_port else base + ":8443")
    if endpoint.startswith("http://"):
        raise ValueError("plain http:// is not supported by Incus; use https:// or a unix socket")
    raise ValueError(f"unsupported endpoint {endpoint!r}: use https://host[:port] or unix:///path")


def _read_pem(value: str) -> str:
    """Return PEM text given either PEM text or a path to a PEM file."""
    if "-----BEGIN" in value:
        return value
    return Path(value).read_text()


def build_ssl_context(
    cert: tuple[str, str] | None,
    verify: bool | str,
    server_cert: str | None,
) -> ssl.SSLContext:
    """Build the TLS context for an HTTPS endpoint.

    Args:
        cert: ``(cert_path, key_path)`` of the client certificate, or None.
        verify: ``True`` to verify against the system store, ``False`` to skip
            verification, or a path to a CA bundle.
        server_cert: The server's own certificate (PEM text or path) to pin,
            as the ``incus`` CLI stores per remote; when given it is the only
            certificate trusted and the host name is not checked.

    Returns:
        The configured context.

    Raises:
        IncusConnectionError: If a certificate or key cannot be loaded.
    """
    try:
        if server_cert is not None:
            ctx = ssl.create_default_context(cadata=_read_pem(server_cert))
            # The pinned certificate is trusted by itself, whatever name it bears.
            ctx.check_hostname = False
            ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
        elif isinstance(verify, str):
            ctx = ssl.create_default_context(cafile=verify)
        else:
            ctx = ssl.create_default_context()
            if not verify:
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
        if cert is not None:
            ctx.load_cert_chain(cert[0], cert[1])
    except (OSError, ssl.SSLError, ValueError) as exc:
        raise IncusConnectionError(f"cannot load TLS material: {exc}", exc) from exc
    return ctx


#: The redirects aiohttp follows.
_FOLLOWED = frozenset({301, 302, 303, 307, 308})


async def _refuse_redirects(
    request: aiohttp.ClientRequest, handler: Callable[[aiohttp.ClientRequest], Awaitable[aiohttp.ClientResponse]]
) -> aiohttp.ClientResponse:
    """A middleware that stops aiohttp before it follows any redirect (for websocket handshakes).

    Requests are sent with ``allow_redirects=False`` and the core raises for
    a 3xx; but aiohttp's websocket handshake follows redirects with no way
    to turn that off, so this middleware, which sees each reply before
    aiohttp acts on it, raises instead. (A trace hook did so before: aiohttp
    then calls some ten trace signals per handshake, a middleware is one call.)
    """
    reply = await handler(request)
    if reply.status in _FOLLOWED:
        reply.close()
        raise IncusRedirectError(
            reply.status, reply.headers.get("Location", ""), method=request.method, url=str(request.url)
        )
    return reply


class Transport:
    """The shared HTTP/websocket session of a client and its scoped copies.

    Attributes:
        endpoint: Where requests go.
        ssl_context: The TLS context (HTTPS only).
        max_reply_size: The largest JSON reply (and websocket message)
            accepted, in bytes; None for no limit.
        retry: The retry policy, or None for one attempt per request.
        observer: The request hooks (and request logging).
    """

    def __init__(
        self,
        endpoint: Endpoint,
        ssl_context: ssl.SSLContext | None,
        *,
        pool_size: int = 100,
        max_reply_size: int | None = DEFAULT_MAX_REPLY_SIZE,
        retry: Retry | None = None,
        observer: Observer | None = None,
    ) -> None:
        if max_reply_size is not None and max_reply_size < 1:
            raise ValueError(f"max_reply_size must be positive (or None), not {max_reply_size!r}")
        self.endpoint = endpoint
        self.ssl_context = ssl_context
        self.max_reply_size = max_reply_size
        self.retry = retry
        self.observer = observer if observer is not None else Observer()
        self._pool_size = pool_size
        self._session: aiohttp.ClientSession | None = None
        self._ws_session: aiohttp.ClientSession | None = None
        self._locks: dict[Hashable, asyncio.Lock] = {}
        self._closers: list[Callable[[], Awaitable[None]]] = []

    @property
    def connected(self) -> bool:
        """Whether a session is open."""
        return self._session is not None and not self._session.closed

    def session(self) -> aiohttp.ClientSession:
        """Return the open session, creating it on first use.

        Returns:
            The aiohttp session.
        """
        if self._session is None or self._session.closed:
            connector: aiohttp.BaseConnector
            if self.endpoint.socket_path is not None:
                connector = aiohttp.UnixConnector(path=self.endpoint.socket_path, limit=self._pool_size)
            else:
                connector = aiohttp.TCPConnector(ssl=self.ssl_context or True, limit=self._pool_size)
            self._session = aiohttp.ClientSession(connector=connector, **self._options())
            self._ws_session = None
        return self._session

    def ws_session(self) -> aiohttp.ClientSession:
        """Return the session websockets are opened with: the same connections, redirects refused.

        Requests are sent with ``allow_redirects=False``, but aiohttp's
        websocket handshake follows redirects with no way to turn that off:
        its session carries a middleware that raises instead. Plain requests go
        through :meth:`session`, without it.
        """
        connector = self.session().connector
        if self._ws_session is None or self._ws_session.closed:
            self._ws_session = aiohttp.ClientSession(
                connector=connector, connector_owner=False, middlewares=(_refuse_redirects,), **self._options()
            )
        return self._ws_session

    @staticmethod
    def _options() -> dict[str, Any]:
        return {
            # Timeouts are set per request by the core; none here.
            "timeout": aiohttp.ClientTimeout(total=None),
            "auto_decompress": False,
            # Large reads for streamed transfers (the default 64 KiB made
            # 100 MiB downloads ~2.7x slower).
            "read_bufsize": 2**20,
            "skip_auto_headers": ("User-Agent",),
            # Bodies are read raw (auto_decompress off, so streamed files
            # arrive byte-exact): ask the daemon not to compress them.
            "headers": {"User-Agent": "incus_sdk", "Accept-Encoding": "identity"},
        }

    def drop_idle(self) -> None:
        """Close the idle pooled connections, after one to the daemon turned out dead.

        When a daemon dies without closing its connections (a host gone, a
        network cut), every idle one in the pool is as dead as the one that
        failed, and each would fail one more call. aiohttp has no public
        call for this; its pool (``_conns``, the same since aiohttp 1.x) is
        read defensively, and left alone if it is not what is expected.
        """
        connector = self._session.connector if self._session is not None else None
        pool = getattr(connector, "_conns", None)
        if not isinstance(pool, dict):
            return
        idle = [entry[0] for entries in pool.values() for entry in entries if isinstance(entry, tuple) and entry]
        if not idle:
            return
        pool.clear()
        for protocol in idle:
            close = getattr(protocol, "close", None)
            if callable(close):
                close()
        http_log.debug("dropped %d idle pooled connection(s) after a connection failure", len(idle))

    def lock(self, key: Hashable) -> asyncio.Lock:
        """Return the lock serialising read-modify-write cycles on ``key``.

        Shared by every scoped copy of a client, so one program's concurrent
        merges of the same object never overwrite each other.
        """
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    def on_close(self, closer: Callable[[], Awaitable[None]]) -> None:
        """Have :meth:`close` await ``closer()`` first (for what lives as long as the session: the event listener)."""
        self._closers.append(closer)

    def url(self, path: str) -> str:
        """Return the absolute URL for an API path."""
        return self.endpoint.base_url + path

    async def close(self) -> None:
        """Close the session and all its connections."""
        closers, self._closers = self._closers, []
        for closer in closers:
            await closer()
        tls_websockets = self._ws_session is not None and self.ssl_context is not None
        if self._ws_session is not None:
            ws_session, self._ws_session = self._ws_session, None
            await ws_session.close()  # not the connections: they are the session's
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()
        if tls_websockets:
            # A closed websocket's TLS connection finishes its shutdown
            # (close_notify) in the background; aiohttp's advice is a short
            # pause so that it ends before the event loop does (otherwise its
            # socket is reported unclosed when collected).
            await asyncio.sleep(TLS_CLOSE_PAUSE)

    def describe(self) -> dict[str, Any]:
        """Return a summary of the endpoint, for diagnostics."""
        return {
            "base_url": self.endpoint.base_url,
            "socket_path": self.endpoint.socket_path,
            "tls": self.ssl_context is not None,
        }
