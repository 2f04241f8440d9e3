"""The Server API: ``/1.0`` config, resources, warnings, metrics and the
configuration metadata.

``client.server`` is a :class:`ServerAPI`; its warnings are at
``client.server.warnings`` (a :class:`WarningsAPI`).
"""

from __future__ import annotations

from typing import Any, List, Mapping

from .._paths import api_path
from .._protocol.metrics import parse_metrics
from ..models.metrics import Metrics
from ..models.server import MetadataConfiguration, Resources, ServerInfo, ServerPut
from ..models.warning import IncusWarning
from ._base import SubAPI
from ._extensions import requires_extension

ConfigValue = str | int | float | bool | None

#: Server config keys (exact, or prefixes ending in ".") that only newer
#: servers know, with the API extension that brought them. Older servers
#: reject them with a bare "unknown key"; the SDK says why before sending.
CONFIG_KEY_EXTENSIONS: Mapping[str, str] = {
    "logging.": "server_logging",
    "core.shutdown_action": "server_shutdown_action",
    "authorization.openfga.": "authorization_config",
}


def _config_value(key: str, value: ConfigValue) -> str:
    # Server config values are strings on the wire; None unsets (PATCH takes "").
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    raise ValueError(f"server config value of {key!r} must be a string, number or bool, not {type(value).__name__}")


def _config_body(config: Mapping[str, ConfigValue] | ServerPut, method: str) -> dict[str, str]:
    """Accept config keys, ``{"config": {...}}`` or a ``ServerPut``; return the key map."""
    if isinstance(config, ServerPut):
        return dict(config.config)
    if not isinstance(config, Mapping):
        raise ValueError(f"{method}() takes a mapping of server config keys to values")
    if set(config) == {"config"} and isinstance(config["config"], Mapping):
        config = config["config"]  # the ServerPut body form
    return {str(key): _config_value(str(key), value) for key, value in config.items()}


class WarningsAPI(SubAPI):
    """The server's warnings (``/1.0/warnings``), as ``client.server.warnings``.

    A client scoped to a project sees that project's warnings only; an
    unscoped one sees them all.
    """

    @requires_extension("warnings")
    async def list(self, recursion: int = 1, *, filter: str | None = None) -> List[IncusWarning]:
        """List the warnings, including acknowledged and resolved ones.

        Args:
            recursion: ``1`` (default) for full warnings; ``0`` for warnings
                carrying just their ``uuid``.
            filter: A server-side filter, e.g. ``"status eq new"``.

        Returns:
            List[IncusWarning]: The warnings.
        """
        path, params = api_path("warnings"), {"filter": filter}
        return await self._core.get_models(
            IncusWarning, path, params=params, recursion=recursion, client=self.client, key="uuid"
        )

    @requires_extension("warnings")
    async def get(self, uuid: str) -> IncusWarning:
        """Get a warning.

        Args:
            uuid: The warning's UUID.

        Returns:
            IncusWarning: The warning.

        Raises:
            IncusNotFoundError: If there is no such warning.
        """
        return await self._core.get_model(IncusWarning, api_path("warnings", uuid), client=self.client)

    @requires_extension("warnings")
    async def update(self, uuid: str, status: str) -> dict[str, Any]:
        """Set a warning's status (``PATCH``).

        Args:
            uuid: The warning's UUID.
            status: ``new`` or ``acknowledged`` (``resolved`` is the server's to set).
                (Incus 6.0 sends no ETag for warnings, so there is no ``etag=``.)

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusNotFoundError: If there is no such warning.
            IncusBadRequestError: If the status is unknown.
            IncusPermissionError: If the status may not be set by clients
                (``resolved``).
        """
        return await self._core.request(
            "PATCH", api_path("warnings", uuid), json={"status": status}, params={"project": None}
        )

    @requires_extension("warnings")
    async def replace(self, uuid: str, status: str) -> dict[str, Any]:
        """Replace a warning's writable fields (``PUT``); the status is all there is.

        Args:
            uuid: The warning's UUID.
            status: ``new`` or ``acknowledged``.

        Returns:
            Dict[str, Any]: The operation response.
        """
        return await self._core.request(
            "PUT", api_path("warnings", uuid), json={"status": status}, params={"project": None}
        )

    async def acknowledge(self, uuid: str) -> dict[str, Any]:
        """Acknowledge a warning (as ``incus warning ack``): the CLI then hides it.

        Args:
            uuid: The warning's UUID.

        Returns:
            Dict[str, Any]: The operation response.
        """
        return await self.update(uuid, "acknowledged")

    @requires_extension("warnings")
    async def delete(self, uuid: str) -> dict[str, Any]:
        """Delete a warning; the server raises it anew if the problem recurs.

        Args:
            uuid: The warning's UUID.

        Returns:
            Dict[str, Any]: The operation response.
        """
        return await self._core.request("DELETE", api_path("warnings", uuid), params={"project": None})


class ServerAPI(SubAPI):
    """API client for the Incus server: configuration, resources, metrics, warnings.

    Attributes:
        warnings: The server's warnings (a :class:`WarningsAPI`).
    """

    def __init__(self, core: Any, client: Any = None) -> None:
        super().__init__(core, client)
        self.warnings = WarningsAPI(core, client)

    async def get(self) -> ServerInfo:
        """Get the server's description and configuration (``GET /1.0``).

        Returns:
            ServerInfo: API extensions, auth state, ``config`` and
            ``environment``; its ``etag`` guards a later :meth:`update` /
            :meth:`replace`.
        """
        return await self._core.get_model(ServerInfo, api_path(), client=self.client)

    async def api_versions(self) -> List[str]:
        """Return the API versions the server offers (``GET /``), e.g. ``["1.0"]``."""
        urls = await self._core.request("GET", "/", scoped=False)
        return [str(url).strip("/") for url in urls.metadata or []]

    async def get_config(self) -> dict[str, str]:
        """Return the server configuration keys (``GET /1.0``'s ``config``)."""
        return dict((await self.get()).config)

    async def _check_keys(self, keys: Any) -> None:
        for key in keys:
            for prefix, extension in CONFIG_KEY_EXTENSIONS.items():
                if key == prefix or (prefix.endswith(".") and key.startswith(prefix)):
                    await self._core.require_extension(extension, what=f"server config key {key!r}")

    async def update(self, config: Mapping[str, ConfigValue] | ServerPut, *, etag: str | None = None) -> dict[str, Any]:
        """Change some server config keys (``PATCH /1.0``); the others stay.

        Args:
            config: The keys to set, e.g. ``{"images.remote_cache_expiry": "5"}``;
                a value of ``None`` unsets the key. Numbers and bools are
                sent as strings. ``{"config": {...}}`` and a ``ServerPut``
                are accepted too.
            etag: If given (from :meth:`get`), sent as ``If-Match``: the server
                refuses the change if its config changed since.

        Returns:
            Dict[str, Any]: The operation response.

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
        return await self._core.request("PATCH", api_path(), json={"config": body}, etag=etag, params={"project": None})

    async def replace(
        self, config: Mapping[str, ConfigValue] | ServerPut, *, etag: str | None = None
    ) -> dict[str, Any]:
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

        Returns:
            Dict[str, Any]: The operation response.

        Raises:
            IncusPreconditionFailedError: If ``etag`` no longer matches.
        """
        body = {key: value for key, value in _config_body(config, "replace").items() if value != ""}
        await self._check_keys(body)
        return await self._core.request("PUT", api_path(), json={"config": body}, etag=etag, params={"project": None})

    async def resources(self) -> Resources:
        """Get the server's hardware (``GET /1.0/resources``).

        Returns:
            Resources: CPU, memory, GPU, network, storage, USB, PCI and system.
        """
        return await self._core.get_model(Resources, api_path("resources"), params={"project": None})

    @requires_extension("metadata_configuration")
    async def metadata_configuration(self) -> MetadataConfiguration:
        """Get the description of every configuration key the server knows.

        Returns:
            MetadataConfiguration: ``configs`` by entity (``server``,
            ``instance``, ``devices``, ``storage-*``, ``network-*``...), then
            group, then ``keys`` (a list of ``{key: MetadataConfigKey}``).
        """
        return await self._core.get_model(
            MetadataConfiguration, api_path("metadata", "configuration"), params={"project": None}
        )

    @requires_extension("metrics")
    async def metrics_text(self) -> str:
        """Get the raw metrics exposition (``GET /1.0/metrics``, OpenMetrics text).

        A client scoped to a project gets that project's instances only.

        Returns:
            str: The text, for a Prometheus-style consumer.
        """
        # The session does not decompress (raw transfers stay raw), and Incus
        # gzips this reply when offered: ask for it uncompressed.
        async with self._core.stream(
            "GET", api_path("metrics"), headers={"Accept-Encoding": "identity"}, timeout=self._core.timeout
        ) as reply:
            return (await reply.read()).decode()

    async def metrics(self) -> Metrics:
        """Get the metrics, parsed.

        Returns:
            Metrics: Families and samples; e.g.
            ``metrics.find("incus_memory_MemTotal_bytes", name="c1")``.

        Raises:
            MetricsParseError: If the server's text is not a valid exposition.
        """
        return parse_metrics(await self.metrics_text())
