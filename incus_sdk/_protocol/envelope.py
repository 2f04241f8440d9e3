"""Decoding the Incus response envelope, without doing any I/O.

Every ``/1.0`` reply is a JSON object of one of three types::

    {"type": "sync",  "status_code": 200, "metadata": ...}
    {"type": "async", "status_code": 100, "operation": "/1.0/operations/<id>", "metadata": {...}}
    {"type": "error", "error_code": 404, "error": "not found", "metadata": ...}
"""

from __future__ import annotations

import json
from typing import Any

from ..exceptions import IncusAPIError, error_from_status

ENVELOPE_TYPES = ("sync", "async", "error")


def decode_envelope(
    http_status: int,
    body: bytes,
    *,
    method: str | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """Decode a reply body into its envelope, raising for errors.

    Args:
        http_status: The HTTP status of the reply.
        body: The raw reply body.
        method: The request method, for error messages.
        url: The request URL, for error messages.

    Returns:
        The envelope of a ``sync`` or ``async`` reply.

    Raises:
        IncusAPIError: (or a subclass) if the reply is an error envelope, an
            HTTP error, or not a valid envelope at all.
    """
    try:
        envelope = json.loads(body) if body else None
    except (ValueError, UnicodeDecodeError):
        envelope = None
    if not isinstance(envelope, dict) or envelope.get("type") not in ENVELOPE_TYPES:
        text = body[:200].decode("utf-8", "replace").strip()
        if http_status >= 400:
            raise error_from_status(http_status, text or f"HTTP {http_status}", text, method=method, url=url)
        raise IncusAPIError(
            f"malformed reply from server (HTTP {http_status}): {text!r}",
            http_status,
            text,
            method=method,
            url=url,
        )
    raise_for_envelope(envelope, http_status, method=method, url=url)
    return envelope


def raise_for_envelope(
    envelope: dict[str, Any],
    http_status: int,
    *,
    method: str | None = None,
    url: str | None = None,
) -> None:
    """Raise the matching error if an envelope (or its HTTP status) is an error.

    Args:
        envelope: A decoded envelope.
        http_status: The HTTP status it came with.
        method: The request method, for error messages.
        url: The request URL, for error messages.

    Raises:
        IncusAPIError: (or a subclass) for error replies.
    """
    if envelope.get("type") == "error" or http_status >= 400:
        code = envelope.get("error_code") or http_status
        message = envelope.get("error") or f"HTTP {http_status}"
        raise error_from_status(int(code), str(message), envelope, method=method, url=url)
