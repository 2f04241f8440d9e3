"""What the SDK's websockets hand to ``receive()``, recorded in the tests."""

from __future__ import annotations

import pytest

from incus_sdk._wire import Message, WebSocket


def record_receives(monkeypatch: pytest.MonkeyPatch) -> list[Message | None]:
    """Record what every ``WebSocket.receive()`` returns (None: the websocket ended), for the test's duration."""
    returned: list[Message | None] = []
    receive = WebSocket.receive

    async def recording(self: WebSocket) -> Message | None:
        message = await receive(self)
        returned.append(message)
        return message

    monkeypatch.setattr(WebSocket, "receive", recording)
    return returned
