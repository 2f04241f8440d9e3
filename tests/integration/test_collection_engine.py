"""Promises of the collection engine that hold in every family, checked against the daemon."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from incus_sdk import Client, IncusNotFoundError


async def test_update_of_a_missing_member_raises_not_found_and_creates_nothing(
    scoped: Client, unique: Callable[[str], str]
) -> None:
    name = unique("p")
    with pytest.raises(IncusNotFoundError):
        await scoped.profiles.update(name, {"description": "x"})
    assert not await scoped.profiles.exists(name)

    zones = scoped.networks.zones
    zone = unique("z") + ".example.org"
    await zones.create(zone)
    try:
        with pytest.raises(IncusNotFoundError):
            await zones.records.update(zone, "www", {"description": "x"})
        assert await zones.records.names(zone) == []
    finally:
        await zones.delete(zone)
