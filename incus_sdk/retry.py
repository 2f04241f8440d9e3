"""Retrying requests that failed for a passing reason: :class:`Retry`.

``Client(retry=Retry())`` retries, with exponential backoff and jitter and
within a total deadline, the requests it is safe to send twice, when the
failure is one a later attempt may not meet:

* **the connection could not be opened** (the daemon is restarting: its
  socket refuses connections; a connect timeout): nothing was sent, so
  *every* request is retried, writes included;
* **the connection broke before a reply, or the reply is 502, 503 or
  504**: the daemon may have acted on the request, so only the requests
  whose repetition changes nothing are retried: ``GET``, ``HEAD`` and
  ``OPTIONS``; ``PUT`` with ``If-Match`` (a second attempt applies only to
  the object as it was read, so it can never overwrite someone else's
  change; after a first attempt that did succeed, it is refused with 412,
  which :meth:`update <incus_sdk.api.projects.ProjectsAPI.update>` answers
  by reading and merging again); and ``DELETE`` (the object ends up gone
  either way; if the first attempt had deleted it, the second raises
  :class:`~incus_sdk.IncusNotFoundError`, which the SDK never hides).
  ``POST``, ``PATCH`` and a ``PUT`` without ``If-Match`` (``PUT .../state``
  starts or stops an instance) are never repeated then.

Nothing else is retried: no other 4xx or 5xx, no timeout of a daemon that
accepted the request but did not answer, no failure in the middle of a
streamed body. Streams and websockets are retried only while connecting,
before any byte of the body or any message was handed to the caller, and
an upload only when nothing of it was sent.

Without ``retry=`` (the default) a client makes one attempt per request.
In both cases, aiohttp re-sends a ``GET``, ``HEAD``, ``PUT`` or ``DELETE``
once, at once, when the pooled keep-alive connection it used turns out to
have been closed by the server (as HTTP/1.1 allows), and after a
connection failure the client drops its other idle pooled connections to
that daemon, so the call after a daemon restart opens fresh ones.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

import aiohttp

from .exceptions import IncusAPIError, IncusConnectionError

#: Methods that read: repeating them changes nothing.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: How a failed attempt failed: nothing sent, sent (maybe acted on), or final.
Failure = Literal["unsent", "sent", "final"]


@dataclass(frozen=True)
class Retry:
    """When and how often a client retries a failed request.

    The pause before retry ``n`` (1, 2, ...) is a random time between 0
    and ``min(max_backoff, backoff * 2 ** (n - 1))`` ("full jitter": many
    clients failing at once do not come back at once). No attempt starts,
    and no pause lasts, beyond ``deadline`` seconds after the first attempt
    started, nor beyond the timeout of an operation wait that made the
    request.

    Attributes:
        attempts: Attempts in all (the first included); at least 1.
        backoff: Seconds: the cap of the first pause.
        max_backoff: Seconds: the cap of any pause.
        deadline: Seconds all attempts and pauses of one request may take
            together (each attempt is also bound by the client's
            ``timeout``); None for no limit but ``attempts``.
        statuses: The HTTP statuses retried (for idempotent requests).
    """

    attempts: int = 5
    backoff: float = 0.25
    max_backoff: float = 5.0
    deadline: float | None = 30.0
    statuses: Collection[int] = frozenset({502, 503, 504})

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError(f"attempts must be at least 1, not {self.attempts!r}")
        if self.backoff < 0 or self.max_backoff < 0:
            raise ValueError("backoff and max_backoff must not be negative")
        if self.deadline is not None and self.deadline <= 0:
            raise ValueError(f"deadline must be positive (or None), not {self.deadline!r}")
        object.__setattr__(self, "statuses", frozenset(self.statuses))

    def pause(self, retry: int) -> float:
        """Return the pause before retry number ``retry`` (1 for the first retry)."""
        return random.uniform(0, min(self.max_backoff, self.backoff * 2 ** (retry - 1)))


#: aiohttp's connect timeout (3.10+): nothing was sent.
_CONNECT_TIMEOUT: tuple[type[BaseException], ...] = tuple(
    t for t in (getattr(aiohttp, "ConnectionTimeoutError", None),) if isinstance(t, type)
)


def idempotent(method: str, headers: Mapping[str, str]) -> bool:
    """Whether a request may be repeated after it may have reached the daemon (see the module)."""
    if method in SAFE_METHODS or method == "DELETE":
        return True
    return method == "PUT" and "If-Match" in headers


def classify(error: BaseException, statuses: Collection[int]) -> Failure:
    """Say how an attempt failed, for the retry decision.

    Args:
        error: What the attempt raised.
        statuses: The statuses a retry policy retries.

    Returns:
        ``"unsent"`` when the connection could not even be opened,
        ``"sent"`` when the request may have reached the daemon but the
        failure may pass (a broken connection, a 502/503/504), ``"final"``
        for everything else.
    """
    if isinstance(error, IncusAPIError):
        return "sent" if error.status_code in statuses else "final"
    if not isinstance(error, IncusConnectionError):
        return "final"
    cause = error.cause
    if isinstance(cause, (aiohttp.ClientConnectorCertificateError, aiohttp.ClientSSLError)):
        return "final"  # a certificate or TLS problem does not pass
    if isinstance(cause, (aiohttp.ClientConnectorError, *_CONNECT_TIMEOUT)):
        return "unsent"
    if isinstance(cause, (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError)):
        return "sent"
    return "final"


def dead_connection(error: BaseException) -> bool:
    """Whether a failure says the daemon's connections are gone (so idle pooled ones are suspect)."""
    return isinstance(error, IncusConnectionError) and isinstance(
        error.cause, (aiohttp.ClientConnectorError, aiohttp.ServerDisconnectedError, aiohttp.ClientOSError)
    )


__all__ = ["Retry"]
