"""A terminal progress bar for any ``progress=`` callback: :class:`ProgressBar`.

Every long transfer of the SDK reports through one callback shape
(:class:`~incus_sdk.Progress`); a :class:`ProgressBar` is such a callback
that draws what it is told with `tqdm <https://tqdm.github.io/>`_::

    from incus_sdk.progress import ProgressBar

    with ProgressBar("image") as bar:
        await client.images.export(fingerprint, "image.tar.xz", progress=bar)

Bytes this client moves (stages ``upload``, ``download``, ``export``) are
shown with their size and speed; the progress the server reports for its
own work (``download_progress``...) with its percentage and text. A new
stage starts a new bar.

It needs the ``progress`` extra (``pip install incus_sdk[progress]``,
which installs tqdm); nothing imports tqdm until a bar is made.
"""

from __future__ import annotations

import importlib
from types import TracebackType
from typing import IO, Any

from ._transfer import Progress


class ProgressBar:
    """A terminal progress bar (tqdm) to pass as ``progress=``.

    Attributes:
        description: The label in front of each bar.
    """

    def __init__(self, description: str | None = None, *, file: IO[str] | None = None, leave: bool = True) -> None:
        """Make the bar; it draws on the first report.

        Args:
            description: The label in front of the bar (default: the stage).
            file: Where to draw (default: standard error).
            leave: Keep the finished bars on the screen.

        Raises:
            ImportError: If tqdm is not installed (``pip install incus_sdk[progress]``).
        """
        try:
            # Imported here, so the SDK never needs tqdm (nor its type stubs) otherwise.
            self._tqdm: Any = importlib.import_module("tqdm").tqdm
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("ProgressBar needs tqdm: pip install 'incus_sdk[progress]'") from exc
        self.description = description
        self._file = file
        self._leave = leave
        self._bar: Any = None
        self._stage: str | None = None

    def __call__(self, event: Progress) -> None:
        """Draw one progress report (this is the callback)."""
        if event.stage != self._stage:
            self.close()
            self._stage = event.stage
            label = f"{self.description}: {event.stage}" if self.description else event.stage
            if event.done is not None:
                self._bar = self._tqdm(
                    desc=label, total=event.total, unit="B", unit_scale=True, file=self._file, leave=self._leave
                )
            else:
                self._bar = self._tqdm(desc=label, total=100, unit="%", file=self._file, leave=self._leave)
        bar = self._bar
        if event.done is not None:
            if event.total is not None and bar.total != event.total:
                bar.total = event.total
            bar.update(event.done - bar.n)
            return
        fraction = event.fraction
        if fraction is not None:
            bar.update(round(fraction * 100) - bar.n)
        if event.text:
            bar.set_postfix_str(event.text, refresh=True)

    @property
    def stage(self) -> str | None:
        """The stage the current bar shows, if any."""
        return self._stage

    def close(self) -> None:
        """Close the current bar (leaving it on the screen if ``leave``)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
            self._stage = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


__all__ = ["ProgressBar"]
