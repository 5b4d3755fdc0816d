"""A tiny progress bar on stderr with rate and ETA (tqdm is not available, and we need little).

On a terminal it redraws one line (at most every 0.5 s); when stderr is a file or pipe (CI logs,
`2> train.err`) it prints a plain line every `log_every` seconds instead, so logs stay readable.
"""

from __future__ import annotations

import sys
import time
from typing import Optional


def format_seconds(seconds: float) -> str:
    """12s / 3m05s / 1h02m."""
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{(seconds % 3600) // 60:02d}m"


class Progress:
    """Counts `total` units (windows); `update(n, **info)` after each batch."""

    def __init__(self, total: int, desc: str, unit: str = "win", stream=None, log_every: float = 30.0, start: int = 0) -> None:
        self.total = max(1, total)
        self.desc = desc
        self.unit = unit
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.min_interval = 0.5 if self.tty else log_every
        self.done = start
        self.start_done = start
        self.t0 = time.perf_counter()
        self.last_draw = 0.0
        self.info: dict = {}

    @property
    def rate(self) -> float:
        elapsed = time.perf_counter() - self.t0
        return (self.done - self.start_done) / elapsed if elapsed > 0 else 0.0

    def update(self, n: int, **info) -> None:
        self.done += n
        self.info.update(info)
        now = time.perf_counter()
        if now - self.last_draw >= self.min_interval:
            self.last_draw = now
            self._draw()

    def line(self) -> str:
        frac = min(1.0, self.done / self.total)
        width = 24
        filled = int(frac * width)
        bar = "#" * filled + "." * (width - filled)
        rate = self.rate
        eta = (self.total - self.done) / rate if rate > 0 else float("nan")
        extras = " ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}" for k, v in self.info.items())
        eta_s = format_seconds(eta) if eta == eta else "?"
        return f"{self.desc} [{bar}] {frac * 100:5.1f}% {self.done}/{self.total} {rate:,.0f} {self.unit}/s ETA {eta_s} {extras}".rstrip()

    def _draw(self) -> None:
        if self.tty:
            self.stream.write("\r\x1b[2K" + self.line())
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()

    def close(self, summary: Optional[str] = None) -> None:
        elapsed = time.perf_counter() - self.t0
        text = summary or f"{self.desc}: {self.done - self.start_done} {self.unit} in {format_seconds(elapsed)} ({self.rate:,.0f} {self.unit}/s)"
        if self.tty:
            self.stream.write("\r\x1b[2K")
        self.stream.write(text + "\n")
        self.stream.flush()
