"""The event stream (``GET /1.0/events``, a websocket), via ``client.events()``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

from .._paths import api_path
from .._protocol.events import events_params
from ..streams import EventStream
from ._base import SubAPI


class EventsAPI(SubAPI):
    """The daemon's event stream (``client.events``).

    Calling it is :meth:`subscribe`: ``client.events(types=["lifecycle"])``.
    """

    def subscribe(
        self,
        types: Iterable[str] | str | None = None,
        *,
        project: str | None = None,
        all_projects: bool = False,
        reconnect: bool = False,
        reconnect_delay: float = 0.5,
        max_reconnect_delay: float = 10.0,
        on_reconnect: Callable[[int], Awaitable[None] | None] | None = None,
    ) -> EventStream:
        """Subscribe to the daemon's events.

        Nothing is sent until the stream is entered or iterated::

            async for event in client.events(types=["lifecycle"]):
                print(event.action, event.lifecycle.source)

        Args:
            types: Event types: ``lifecycle`` (something was created,
                started, deleted...), ``operation`` (background operations
                changing state), ``logging`` (daemon log records; needs
                server-level rights); None for all the caller may see.
            project: The project to watch; by default the client's project
                (the server's default project if the client has none).
            all_projects: Watch every project.
            reconnect: Re-establish the stream when it drops (e.g. a daemon
                restart) instead of ending the iteration.
            reconnect_delay: First delay before reconnecting, in seconds; it
                doubles per failed attempt.
            max_reconnect_delay: Longest delay between attempts.
            on_reconnect: Called (or awaited) with the reconnection count after
                each reconnection, e.g. to re-read state that may have changed.

        Returns:
            The :class:`~incus_sdk.streams.EventStream`.

        Raises:
            ValueError: For both ``project`` and ``all_projects``, or an empty type name.
        """
        names, params = events_params(types, project=project, all_projects=all_projects)
        return EventStream(
            self._core,
            api_path("events"),
            params,
            types=names,
            reconnect=reconnect,
            reconnect_delay=reconnect_delay,
            max_reconnect_delay=max_reconnect_delay,
            on_reconnect=on_reconnect,
        )

    __call__ = subscribe


__all__ = ["EventsAPI"]
