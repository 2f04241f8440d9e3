"""The Server API: ``/1.0`` config, resources, warnings, metrics and the
configuration metadata.

``client.server`` is a :class:`ServerAPI`; the server's warnings are
``client.server.warnings`` (a :class:`WarningsAPI`), keyed by UUID.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import List
from warnings import warn

from .._core import Response
from .._paths import api_path
from .._protocol.metrics import MetricsParseError, parse_metrics
from ..exceptions import IncusProtocolError
from ..models import _spec
from ..models._base import Resource
from ..models.metrics import Metrics
from ._base import SubAPI, child
from ._bodies import writable_body
from ._collection import Body, Collection, Family, Member
from ._compat import deprecated
from ._extensions import requires_extension

ConfigValue = str | int | float | bool | None

#: What the config writes take: config keys, ``{"config": {...}}`` or a ``ServerPut``.
ServerConfig = Mapping[str, ConfigValue] | _spec.ServerPut

#: Server config keys (exact, or prefixes ending in ".") that only newer
#: servers know, with the API extension that brought them. Older servers
#: reject them with a bare "unknown key"; the SDK says why before sending.
CONFIG_KEY_EXTENSIONS: Mapping[str, str] = {
    "logging.": "server_logging",
    "core.shutdown_action": "server_shutdown_action",
    "authorization.openfga.": "authorization_config",
}


def _config_body(config: ServerConfig, method: str) -> dict[str, str]:
    """The config key map of ``config``, rendered as the server takes it (``None`` is ``""``)."""
    body: Body = config
    if isinstance(config, Mapping) and not (set(config) == {"config"} and isinstance(config["config"], Mapping)):
        body = {"config": config}  # flat keys, the usual form
    return dict(writable_body(_spec.ServerPut, body, method).get("config", {}))


class Server(Resource, _spec.Server):
    """``GET /1.0``: the server's description and configuration, with its ETag.

    What both :meth:`ServerAPI.get` and ``client.get_server_info()`` return.
    ``ServerInfo`` is another name for it.

    Attributes:
        api_extensions: The API extensions the server supports.
        auth: ``trusted`` or ``untrusted``: how the server sees this client.
        config: The server configuration keys.
        environment: The server environment (``server_version``,
            ``server_name``, ``certificate``...).
    """

    _family = "server"

    async def update(self, config: ServerConfig, *, wait: bool = True) -> Response:
        """Change the given server config keys, if the config is unchanged since read.

        Args:
            config: Keys to set (``None`` unsets a key), as for :meth:`ServerAPI.update`.
            wait: Wait until the server has finished (default).

        Returns:
            The server's reply.

        Raises:
            IncusPreconditionFailedError: If the config changed since it was read.
        """
        return await self._resolve(ServerAPI).update(config, etag=self.etag, wait=wait)

    async def replace(self, config: ServerConfig | None = None, *, wait: bool = True) -> Response:
        """Replace the whole server config, if unchanged since read.

        Args:
            config: The new config; by default this object's ``config``.
            wait: Wait until the server has finished (default).

        Returns:
            The server's reply.

        Raises:
            IncusPreconditionFailedError: If the config changed since it was read.
        """
        body = config if config is not None else dict(self.config)
        return await self._resolve(ServerAPI).replace(body, etag=self.etag, wait=wait)

    def __repr__(self) -> str:
        env = self.environment
        return f"<Server: {env.server_name if env else '?'} {env.server_version if env else ''}>"


#: The name :meth:`ServerAPI.get` gave its model in incus_sdk 0.1.0: the same class.
ServerInfo = Server


def _status_body(config: Body | str, method: str) -> Body:
    # incus_sdk 0.1.0 took the status itself: update(uuid, "acknowledged").
    if isinstance(config, str):
        warn(
            f"{method}(uuid, status) is deprecated; use {method}(uuid, {{'status': status}})",
            DeprecationWarning,
            stacklevel=4,
        )
        return {"status": config}
    return config


class IncusWarning(Member, _spec.Warning):
    """A warning the server raised (``/1.0/warnings/{uuid}``), bound to ``client.server.warnings``.

    (The spec's ``Warning``, renamed so as not to shadow Python's builtin.)

    Attributes:
        uuid: Its identifier.
        type: What kind of problem it reports.
        last_message: The latest message.
        status: ``new``, ``acknowledged`` or ``resolved``.
        severity: ``low``, ``moderate`` or ``high``.
        count: How often it occurred.
        project: The project it concerns ("" for the whole server).
        entity_url: The object it concerns, if any.
        location: The cluster member it occurred on (``none`` standalone).
    """

    _family = "server.warnings"

    async def acknowledge(self, *, wait: bool = True) -> Response:
        """Mark the warning acknowledged (:meth:`WarningsAPI.acknowledge`; same ``wait`` and reply)."""
        response = await self._resolve(WarningsAPI).acknowledge(self.uuid, wait=wait)
        self.status = "acknowledged"
        return response

    def __repr__(self) -> str:
        return f"<IncusWarning: {self.uuid} {self.type!r} {self.status}>"

    # -- deprecated aliases (incus_sdk 0.1.0) -----------------------------------

    @deprecated("warning.update({'status': status})")
    async def set_status(self, status: str) -> Response:
        """Set the warning's status (``new`` or ``acknowledged``)."""
        response = await self.update({"status": status})
        self.status = status
        return response


class WarningsAPI(Collection[IncusWarning]):
    """The server's warnings (``/1.0/warnings``), as ``client.server.warnings``, keyed by UUID.

    ``list`` / ``names`` / ``get`` / ``exists`` / ``update`` / ``patch`` /
    ``replace`` / ``delete`` mean what they mean in every family (see the
    Conventions page). The server raises warnings itself: there is no
    ``create``. A client scoped to a project sees that project's warnings
    only; an unscoped one sees them all. Clients may set the status to
    ``new`` or ``acknowledged``; ``resolved`` is the server's
    (``IncusPermissionError``). Incus 6.0 sends no ETag for warnings, so
    the writes take no ``etag=``.

    Every method but ``list`` / ``names`` takes the warning's ``uuid``
    first (one that names no warning raises
    :class:`~incus_sdk.IncusNotFoundError`); every write takes ``wait``
    (wait until the server has finished, the default) and returns the
    server's reply.
    """

    family = Family(("warnings",), put=_spec.WarningPut)
    key_field = "uuid"
    server_checks_etag = False

    @requires_extension("warnings")
    async def list(
        self, recursion: int = 1, *, filter: str | None = None, all_projects: bool = False
    ) -> List[IncusWarning]:
        """List the warnings, including acknowledged and resolved ones.

        Args:
            recursion: ``1`` (default) for full warnings; ``0`` for warnings
                carrying just their ``uuid``.
            filter: A server-side filter, e.g. ``"status eq new"``.
            all_projects: The warnings of every project, whatever the
                client's project.

        Returns:
            The warnings.
        """
        return await self._list((), recursion, {"filter": filter, "all-projects": all_projects or None})

    @requires_extension("warnings")
    async def names(self, *, filter: str | None = None) -> List[str]:
        """Return the warnings' UUIDs (one request, ``?recursion=0``).

        Args:
            filter: A server-side filter, e.g. ``"status eq new"``.
        """
        return await self._names((), {"filter": filter})

    @requires_extension("warnings")
    async def get(self, uuid: str) -> IncusWarning:
        """Get a warning."""
        return await self._get((), uuid)

    @requires_extension("warnings")
    async def exists(self, uuid: str) -> bool:
        """Return whether the warning exists (a 404 is False; other errors raise)."""
        return await self._exists((), uuid)

    @requires_extension("warnings")
    async def update(self, uuid: str, config: Body | str, *, wait: bool = True) -> Response:
        """Change the fields given (read, merge, ``PUT``): the ``status`` is all there is.

        Args:
            config: ``{"status": "acknowledged"}`` or ``{"status": "new"}``.
                (A bare status string, as incus_sdk 0.1.0 took, still works
                and warns.)

        Raises:
            IncusBadRequestError: If the status is unknown.
            IncusPermissionError: If the status may not be set by clients
                (``resolved``).
        """
        return await self._update((), uuid, _status_body(config, "update"), etag=None, wait=wait)

    @requires_extension("warnings")
    async def patch(self, uuid: str, config: Body, *, wait: bool = True) -> Response:
        """Send the server's own ``PATCH`` (one request).

        Args:
            config: ``{"status": ...}``.
        """
        return await self._patch((), uuid, config, etag=None, wait=wait)

    @requires_extension("warnings")
    async def replace(self, uuid: str, config: Body | str, *, wait: bool = True) -> Response:
        """Replace a warning's writable fields (``PUT``); the status is all there is.

        Args:
            config: ``{"status": ...}`` (or, deprecated, the bare status).
        """
        return await self._replace((), uuid, _status_body(config, "replace"), etag=None, wait=wait)

    async def acknowledge(self, uuid: str, *, wait: bool = True) -> Response:
        """Acknowledge a warning (as ``incus warning ack``): the CLI then hides it."""
        return await self.patch(uuid, {"status": "acknowledged"}, wait=wait)

    @requires_extension("warnings")
    async def delete(self, uuid: str, *, wait: bool = True) -> Response:
        """Delete a warning; the server raises it anew if the problem recurs."""
        return await self._delete((), uuid, wait=wait)


class ServerAPI(SubAPI):
    """API client for the Incus server: configuration, resources, metrics, warnings.

    Attributes:
        warnings: The server's warnings (a :class:`WarningsAPI`).
    """

    warnings = child(WarningsAPI)
    """The server's warnings (``/1.0/warnings``)."""

    async def get(self) -> Server:
        """Get the server's description and configuration (``GET /1.0``).

        Returns:
            Server: API extensions, auth state, ``config`` and
            ``environment``; its ``etag`` guards a later :meth:`update` /
            :meth:`replace` (``server.update(...)`` passes it).
        """
        return await self._core.get_model(Server, api_path(), client=self)

    async def api_versions(self) -> List[str]:
        """Return the API versions the server offers (``GET /``), e.g. ``["1.0"]``."""
        urls = await self._core.request("GET", "/", scoped=False)
        return [str(url).strip("/") for url in urls.metadata or []]

    async def get_config(self) -> dict[str, str]:
        """Return the server configuration keys (``GET /1.0``'s ``config``)."""
        return dict((await self.get()).config)

    async def _check_keys(self, keys: Iterable[str]) -> None:
        for key in keys:
            for prefix, extension in CONFIG_KEY_EXTENSIONS.items():
                if key == prefix or (prefix.endswith(".") and key.startswith(prefix)):
                    await self._core.require_extension(extension, what=f"server config key {key!r}")

    async def update(self, config: ServerConfig, *, etag: str | None = None, wait: bool = True) -> Response:
        """Change the config keys given; the others stay.

        The server's own ``PATCH /1.0`` merges key by key, which is what
        ``update`` promises, so it is sent as is. (Reading the config and
        writing it back whole would be unsafe here: after a failed write
        Incus 6.0 leaves member-local keys such as ``core.https_address``
        out of the config it reports, and writing that back removes them.)

        Args:
            config: The keys to set, e.g. ``{"images.remote_cache_expiry": "5"}``;
                a value of ``None`` unsets the key. Numbers and bools are
                sent as strings. ``{"config": {...}}`` and a ``ServerPut``
                are accepted too.
            etag: If given (from :meth:`get`), sent as ``If-Match``: the server
                refuses the change if its config changed since.
            wait: Wait until the server has finished (default; it answers at once).

        Returns:
            The server's reply.

        Raises:
            ValueError: If a value is not a string, number, bool or None.
            IncusExtensionMissingError: If a key needs a newer server (see
                ``CONFIG_KEY_EXTENSIONS``); nothing is sent.
            IncusBadRequestError: If a key is unknown or a value invalid
                (nothing is changed then).
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        body = _config_body(config, "update")
        await self._check_keys(body)
        response = await self._core.request(
            "PATCH", api_path(), json={"config": body}, etag=etag, params={"project": None}
        )
        return await response.finish(wait)

    async def replace(self, config: ServerConfig, *, etag: str | None = None, wait: bool = True) -> Response:
        """Replace the whole server config (``PUT /1.0``): keys left out are unset.

        That includes ``core.https_address`` and the like: start from
        :meth:`get` and pass its ``etag``, so a concurrent change is not
        silently undone. Beware an Incus 6.0.4 bug: after a *failed*
        ``PATCH /1.0`` the daemon leaves member-local keys such as
        ``core.https_address`` out of the config it reports (the listener
        keeps running), so a read-then-replace at that point removes them.

        Args:
            config: The complete new config (same forms as :meth:`update`).
            etag: If given, sent as ``If-Match``.
            wait: Wait until the server has finished (default; it answers at once).

        Returns:
            The server's reply.

        Raises:
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        body = {key: value for key, value in _config_body(config, "replace").items() if value != ""}
        await self._check_keys(body)
        response = await self._core.request(
            "PUT", api_path(), json={"config": body}, etag=etag, params={"project": None}
        )
        return await response.finish(wait)

    async def resources(self) -> _spec.Resources:
        """Get the server's hardware (``GET /1.0/resources``).

        Returns:
            Resources: CPU, memory, GPU, network, storage, USB, PCI and system.
        """
        return await self._core.get_model(_spec.Resources, api_path("resources"), params={"project": None})

    @requires_extension("metadata_configuration")
    async def metadata_configuration(self) -> _spec.MetadataConfiguration:
        """Get the description of every configuration key the server knows.

        Returns:
            MetadataConfiguration: ``configs`` by entity (``server``,
            ``instance``, ``devices``, ``storage-*``, ``network-*``...), then
            group, then ``keys`` (a list of ``{key: MetadataConfigKey}``).
        """
        return await self._core.get_model(
            _spec.MetadataConfiguration, api_path("metadata", "configuration"), params={"project": None}
        )

    @requires_extension("metrics")
    async def metrics_text(self) -> str:
        """Get the raw metrics exposition (``GET /1.0/metrics``, OpenMetrics text).

        A client scoped to a project gets that project's instances only.

        Returns:
            str: The text, for a Prometheus-style consumer.
        """
        text, _ = await self._read_metrics()
        return text

    @requires_extension("metrics")
    async def metrics(self) -> Metrics:
        """Get the metrics, parsed.

        Returns:
            Metrics: Families and samples; e.g.
            ``metrics.find("incus_memory_MemTotal_bytes", name="c1")``.

        Raises:
            IncusProtocolError: If the server's text is not a valid
                exposition (the parser's ``MetricsParseError``, naming the
                line, is its ``__cause__``).
        """
        text, url = await self._read_metrics()
        try:
            return parse_metrics(text)
        except MetricsParseError as exc:
            raise IncusProtocolError(f"the metrics are not a valid exposition: {exc}", method="GET", url=url) from exc

    async def _read_metrics(self) -> tuple[str, str]:
        """The exposition's text, and the URL it was read from."""
        # The session does not decompress (raw transfers stay raw), and Incus
        # gzips this reply when offered: ask for it uncompressed.
        async with self._core.stream(
            "GET", api_path("metrics"), headers={"Accept-Encoding": "identity"}, timeout=self._core.timeout
        ) as reply:
            return (await reply.read()).decode(), reply.url


__all__ = [
    "CONFIG_KEY_EXTENSIONS",
    "ConfigValue",
    "IncusWarning",
    "Server",
    "ServerAPI",
    "ServerConfig",
    "ServerInfo",
    "WarningsAPI",
]
