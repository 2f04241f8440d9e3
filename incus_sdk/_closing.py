"""The async context manager of every object whose block ends with ``close()``."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from typing_extensions import Self


class ClosedOnExit:
    """An async context manager whose block ends with :meth:`close` (also on error or cancellation)."""

    if TYPE_CHECKING:

        async def close(self) -> None: ...

    async def __aenter__(self) -> Self:
        """Enter the block: the object itself."""
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Leave the block: :meth:`close`."""
        await self.close()


__all__ = ["ClosedOnExit"]
