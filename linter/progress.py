"""A progress bar on standard error for long runs on a terminal, and nothing otherwise.

A bar that flashes by on a one-second run is noise, and bar control codes in a CI log
or a pre-commit capture are garbage, so the bar appears only once a run has taken
``DELAY`` seconds, only when standard error is a terminal, and never under ``CI``.
rich is imported only then.
"""
from __future__ import annotations

import os
import sys
import time
from typing import IO, Any

#: Seconds a run must last before a bar is worth showing.
DELAY = 2.0


def wanted(flag: bool | None, stream: IO[str] | None = None) -> bool:
    """``--progress``/``--no-progress`` win; otherwise only on an interactive terminal."""
    if flag is not None:
        return flag
    stream = stream or sys.stderr
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


class Progress:
    """Counts finished files; draws a transient rich bar once the run is slow enough."""

    def __init__(self, total: int, *, enabled: bool, delay: float = DELAY, stream: IO[str] | None = None) -> None:
        self.total = total
        self.done = 0
        self.enabled = enabled and total > 0
        self.delay = delay
        self.stream = stream or sys.stderr
        self._started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        if self._bar is None:
            if time.monotonic() - self._started < self.delay:
                return
            self._show()
        self._bar.update(self._task, completed=self.done)

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

        self._bar = Bar(TextColumn("linting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=Console(file=self.stream), transient=True)
        self._task = self._bar.add_task("lint", total=self.total, completed=self.done)
        self._bar.start()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
