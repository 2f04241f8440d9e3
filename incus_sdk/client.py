"""The :class:`Client`: one connection to an Incus daemon and its sub-APIs."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ._core import UNSET, Core, Response
from ._paths import api_path
from ._transport import DEFAULT_MAX_REPLY_SIZE, Transport, build_ssl_context, resolve_endpoint
from .hooks import Hook, Observer, add_hooks
from .retry import Retry

if TYPE_CHECKING:
    # The sub-APIs (and their models) are imported when first used: a
    # program that only lists projects never loads the instance or
    # storage families.
    from .api.certificates import CertificatesAPI
    from .api.cluster import ClusterAPI
    from .api.events import EventsAPI
    from .api.images import ImagesAPI
    from .api.instances import InstancesAPI
    from .api.networks import NetworksAPI
    from .api.operations import OperationsAPI
    from .api.profiles import ProfilesAPI
    from .api.projects import ProjectsAPI
    from .api.server import ServerAPI
    from .api.storage_pools import StoragePoolsAPI
    from .models.server import Resources, Server
    from .operations import Operation


class RawAPI:
    """Low-level requests on the client's session, as the seed's ``client.api``.

    Paths are used as given: build them with :func:`incus_sdk.api_path` when
    they contain names. Each method returns the decoded reply envelope.
    """

    def __init__(self, core: Core) -> None:
        self._core = core

    async def request(self, method: str, path: str, params: dict[str, Any] | None = None, data: Any = None) -> Response:
        """Send a request and return the reply envelope (errors raised)."""
        return await self._core.request(method, path, params=params, json=UNSET if data is None else data)

    async def get(self, path: str, params: dict[str, Any] | None = None) -> Response:
        """Make a GET request."""
        return await self.request("GET", path, params)

    async def post(self, path: str, data: Any = None, params: dict[str, Any] | None = None) -> Response:
        """Make a POST request."""
        return await self.request("POST", path, params, data)

    async def put(self, path: str, data: Any = None, params: dict[str, Any] | None = None) -> Response:
        """Make a PUT request."""
        return await self.request("PUT", path, params, data)

    async def patch(self, path: str, data: Any = None, params: dict[str, Any] | None = None) -> Response:
        """Make a PATCH request."""
        return await self.request("PATCH", path, params, data)

    async def delete(self, path: str, data: Any = None, params: dict[str, Any] | None = None) -> Response:
        """Make a DELETE request."""
        return await self.request("DELETE", path, params, data)


class Client:
    """Main client for Incus API.

    ``async with Client() as client:`` talks to the local daemon over its unix
    socket; ``Client("https://host:8443", cert=(crt, key))`` to a remote one.

    The sub-APIs (``client.projects``, ``client.instances``...) are built
    when first used; ``with_project()`` / ``with_target()`` copies share the
    connection.

    Attributes:
        api: Raw requests (the seed's ``client.api``).
    """

    def __init__(
        self,
        endpoint: str | None = None,
        cert: tuple[str, str] | None = None,
        verify: bool | str = True,
        project: str | None = None,
        timeout: float | None = 30,
        *,
        server_cert: str | None = None,
        target: str | None = None,
        max_reply_size: int | None = DEFAULT_MAX_REPLY_SIZE,
        retry: Retry | None = None,
        hooks: Iterable[Hook] = (),
    ) -> None:
        """Initialize a new Incus client.

        Nothing is sent until the first request (or :meth:`connect`).

        Args:
            endpoint: The Incus API endpoint URL: ``https://host[:port]``,
                ``unix:///path/to/unix.socket`` or a socket path. By default
                ``INCUS_ENDPOINT``, else the local socket (``INCUS_SOCKET``,
                ``$INCUS_DIR/unix.socket``, ``/var/lib/incus/unix.socket``,
                ``/run/incus/unix.socket``).
            cert: Client certificate and key as a tuple ``(cert_path, key_path)``.
            verify: Whether to verify SSL certificates: ``True`` against the
                system store, ``False`` not at all, or the path of a CA bundle.
            project: The project to use (None: the server's default; ``""``
                is refused).
            timeout: Request timeout in seconds (None for none). It bounds a
                plain request in all; for streamed transfers and websockets
                (exec, console, events, files, exports) it bounds connecting,
                the handshake or the reply's headers, and each silence of the
                server in the middle of a transfer. Operation waits have
                their own ``timeout`` arguments.
            server_cert: The server certificate to pin (PEM text or path), as
                the ``incus`` CLI keeps per remote; it is then the only one
                accepted, whatever host name it bears.
            target: The cluster member (or ``@group``) requests are aimed at.
            max_reply_size: The largest JSON reply (and websocket message)
                accepted, in bytes (default 64 MiB; None for no limit). A
                larger one raises :class:`~incus_sdk.IncusProtocolError`
                without being held in memory. File and image transfers are
                streamed and not limited.
            retry: When to retry a failed request (see
                :class:`~incus_sdk.Retry`): ``Retry()`` retries what is safe
                to repeat on connection failures and 502/503/504, with
                backoff, for up to 30 s. None (default): one attempt.
            hooks: Hooks that see every request, reply and operation wait
                (see :mod:`incus_sdk.hooks`); more with :meth:`add_hook`.

        Raises:
            ValueError: For an empty ``project`` or ``target``, or one holding
                a control character.
            TypeError: For a hook that is not a :class:`~incus_sdk.hooks.Hook`.
        """
        resolved = resolve_endpoint(endpoint)
        ssl_context = None if resolved.is_unix else build_ssl_context(cert, verify, server_cert)
        observer = Observer()
        add_hooks(observer, hooks)
        transport = Transport(resolved, ssl_context, max_reply_size=max_reply_size, retry=retry, observer=observer)
        self._init_scope(Core(transport, project=project, target=target, timeout=timeout))

    def _init_scope(self, core: Core) -> None:
        self._core = core
        self.api = RawAPI(core)

    # -- the sub-APIs, built when first used (a scoped copy builds only what it uses)

    @cached_property
    def projects(self) -> ProjectsAPI:
        """Projects (``/1.0/projects``)."""
        from .api.projects import ProjectsAPI

        return ProjectsAPI(self._core, self)

    @cached_property
    def instances(self) -> InstancesAPI:
        """Instances, with their snapshots, backups, files, exec and console."""
        from .api.instances import InstancesAPI

        return InstancesAPI(self._core, self)

    @cached_property
    def images(self) -> ImagesAPI:
        """Images and their aliases."""
        from .api.images import ImagesAPI

        return ImagesAPI(self._core, self)

    @cached_property
    def networks(self) -> NetworksAPI:
        """Networks, with ACLs, zones, forwards, load balancers, peers, integrations."""
        from .api.networks import NetworksAPI

        return NetworksAPI(self._core, self)

    @cached_property
    def profiles(self) -> ProfilesAPI:
        """Profiles."""
        from .api.profiles import ProfilesAPI

        return ProfilesAPI(self._core, self)

    @cached_property
    def storage_pools(self) -> StoragePoolsAPI:
        """Storage pools, with their volumes and buckets."""
        from .api.storage_pools import StoragePoolsAPI

        return StoragePoolsAPI(self._core, self)

    @cached_property
    def certificates(self) -> CertificatesAPI:
        """Trusted certificates and trust tokens."""
        from .api.certificates import CertificatesAPI

        return CertificatesAPI(self._core, self)

    @cached_property
    def operations(self) -> OperationsAPI:
        """Background operations."""
        from .api.operations import OperationsAPI

        return OperationsAPI(self._core, self)

    @cached_property
    def cluster(self) -> ClusterAPI:
        """The cluster, its members, groups and join tokens."""
        from .api.cluster import ClusterAPI

        return ClusterAPI(self._core, self)

    @cached_property
    def server(self) -> ServerAPI:
        """Server configuration, resources, warnings and metrics."""
        from .api.server import ServerAPI

        return ServerAPI(self._core, self)

    @cached_property
    def events(self) -> EventsAPI:
        """The event stream (``/1.0/events``): calling it subscribes.

        ``client.events(types=["lifecycle"])`` is
        :meth:`client.events.subscribe(...) <incus_sdk.api.events.EventsAPI.subscribe>`:
        the same arguments, and the :class:`~incus_sdk.streams.EventStream`
        it gives connects when entered or iterated
        (``async for event in client.events(...)``).
        """
        from .api.events import EventsAPI

        return EventsAPI(self._core, self)

    # -- scope -------------------------------------------------------------------

    @property
    def project(self) -> str | None:
        """The project requests are scoped to (None: the server's default)."""
        return self._core.project

    @property
    def target(self) -> str | None:
        """The cluster member requests are aimed at, if any."""
        return self._core.target

    @property
    def endpoint(self) -> str:
        """Where the daemon is (socket path or HTTPS URL)."""
        ep = self._core.transport.endpoint
        return f"unix://{ep.socket_path}" if ep.socket_path else ep.base_url

    # -- operating: retries and hooks (shared with the scoped copies) ---------------

    @property
    def retry(self) -> Retry | None:
        """The retry policy (None: one attempt per request); settable, for this client and its copies."""
        return self._core.transport.retry

    @retry.setter
    def retry(self, policy: Retry | None) -> None:
        self._core.transport.retry = policy

    @property
    def hooks(self) -> tuple[Hook, ...]:
        """The hooks that see this client's requests (and its scoped copies'), in calling order."""
        return tuple(self._core.transport.observer.hooks)

    def add_hook(self, hook: Hook) -> None:
        """Add a hook that sees every request, reply and operation wait from now on.

        The hook is shared with this client's ``with_project()`` /
        ``with_target()`` copies (they share its connection).

        Args:
            hook: The hook (see :mod:`incus_sdk.hooks`).

        Raises:
            TypeError: If it is not a :class:`~incus_sdk.hooks.Hook`.
        """
        add_hooks(self._core.transport.observer, [hook])

    def remove_hook(self, hook: Hook) -> None:
        """Remove a hook added before.

        Raises:
            ValueError: If the hook is not there.
        """
        self._core.transport.observer.hooks.remove(hook)

    def _copy(self, core: Core) -> Client:
        clone = object.__new__(Client)
        clone._init_scope(core)
        return clone

    def with_project(self, project: str | None) -> Client:
        """Return a client for another project, sharing this one's connection.

        Args:
            project: The project (None for the server's default).

        Returns:
            A new client; closing either closes the shared session.

        Raises:
            ValueError: For ``""`` (the daemon would read it as the default
                project: say so with None) or a name holding a control character.
        """
        return self._copy(self._core.scoped(project=project))

    def with_target(self, target: str | None) -> Client:
        """Return a client aimed at a cluster member or ``@group``, sharing the connection.

        Args:
            target: Member name, ``@group``, or None for no target.

        Returns:
            A new client.

        Raises:
            ValueError: For ``""`` or a name holding a control character.
        """
        return self._copy(self._core.scoped(target=target))

    # -- lifecycle -------------------------------------------------------------

    async def __aenter__(self) -> Client:
        """Enter the async context manager (connects)."""
        await self.connect()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        """Exit the async context manager (disconnects)."""
        await self.disconnect()

    async def connect(self) -> None:
        """Connect to the Incus API: open the session and check the daemon answers.

        Raises:
            IncusConnectionError: If the daemon cannot be reached.
        """
        try:
            server = (await self._core.request("GET", api_path(), scoped=False)).metadata
            if isinstance(server, dict):
                # The extension checks of later calls need no request of their own.
                self._core.learn_extensions(server)
        except BaseException:
            # __aexit__ does not run when __aenter__ fails: close here.
            await self.disconnect()
            raise

    async def disconnect(self) -> None:
        """Disconnect from the Incus API, closing all pooled connections."""
        await self._core.transport.close()

    @property
    def connected(self) -> bool:
        """Whether the session is open."""
        return self._core.transport.connected

    # -- server ----------------------------------------------------------------

    async def get_server_info(self) -> Server:
        """Get information about the server.

        Returns:
            Server: API version and extensions, auth state, config and the
            server environment (``info.environment.server_version``...);
            the same as :meth:`~incus_sdk.api.server.ServerAPI.get`.
        """
        return await self.server.get()

    async def get_resources(self) -> Resources:
        """Get server resources.

        Returns:
            Resources: CPU, memory, GPU, network, storage, USB, PCI and system details.
        """
        from .models.server import Resources

        return await self._core.get_model(Resources, api_path("resources"))

    async def has_extension(self, name: str) -> bool:
        """Return whether the server supports an API extension."""
        return name in await self._core.extensions()

    async def wait_for_operation(self, operation_id: str, timeout: float | None = 60) -> Operation:
        """Wait for an operation to complete.

        Args:
            operation_id: The operation ID.
            timeout: Timeout in seconds.

        Returns:
            The finished operation.
        """
        return await self.operations.wait(operation_id, timeout)

    # -- the incus CLI's remotes (incus_sdk.remotes) ---------------------------

    @classmethod
    def from_remote(
        cls,
        name: str | None = None,
        *,
        config_dir: str | os.PathLike[str] | None = None,
        project: str | None = None,
        timeout: float | None = 30,
    ) -> Client:
        """Build a client for a remote of the ``incus`` CLI's configuration.

        Reads ``config.yml`` in ``config_dir`` (default: ``$INCUS_CONF``, else
        ``~/.config/incus``; plus the system-wide ``/etc/incus/config.yml``)
        as the CLI does: ``local`` is the unix socket; an HTTPS remote uses
        the client certificate and key (``clientcerts/NAME.*`` or
        ``client.crt`` / ``client.key``) and the pinned
        ``servercerts/NAME.crt`` (the system CAs if there is none); the
        remote's project is the client's. Nothing is sent before the first
        request (``async with Client.from_remote("prod") as client:``).

        Args:
            name: The remote (default: the default remote, or ``INCUS_REMOTE``).
            config_dir: The CLI's configuration directory.
            project: The project to use instead of the remote's.
            timeout: Request timeout in seconds.

        Returns:
            The client.

        Raises:
            IncusConfigError: If the remote does not exist, is an image server
                (simplestreams: see :class:`~incus_sdk.simplestreams.SimpleStreams`),
                or its certificate, key or configuration is missing or
                malformed (the message names the file and key).
        """
        from . import _cliconfig  # on first use: `import incus_sdk` needs no CLI configuration

        remote = _cliconfig.connection(_cliconfig.load_config(config_dir), name, project=project)
        return cls(
            remote.endpoint,
            cert=remote.cert,
            verify=remote.verify,
            project=remote.project,
            timeout=timeout,
            server_cert=remote.server_cert,
        )
