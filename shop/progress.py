"""A progress bar for long imports, drawn on a terminal only (no dependency needed).

When the output is not a terminal (a cron job, a log file, a test) it draws nothing, so
logs hold the summary alone.
"""

from __future__ import annotations

import time
from typing import TextIO

BAR_WIDTH = 30
REDRAW_EVERY_SECONDS = 0.1


class ProgressBar:
    def __init__(self, *, total: int, stream: TextIO, label: str = ""):
        self.total = max(total, 0)
        self.stream = stream
        self.label = label
        self.done = 0
        self.enabled = bool(getattr(stream, "isatty", lambda: False)()) and self.total > 0
        self._drawn_at = 0.0

    def advance(self, count: int = 1) -> None:
        self.done = min(self.done + count, self.total)
        now = time.monotonic()
        if self.enabled and (
            now - self._drawn_at >= REDRAW_EVERY_SECONDS or self.done == self.total
        ):
            self._drawn_at = now
            self._draw()

    def finish(self) -> None:
        if self.enabled:
            self.done = self.total
            self._draw()
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self) -> None:
        filled = BAR_WIDTH * self.done // self.total
        percent = 100 * self.done // self.total
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} ({percent}%)")
        self.stream.flush()
