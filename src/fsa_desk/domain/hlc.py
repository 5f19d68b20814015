"""Hybrid logical clock: timestamps that order changes across laptops without a server.

Format ``{wall_ms:013d}-{counter:04d}-{device_uuid_hex}`` (DESIGN.md §5), so that plain text
comparison orders them: first by wall time, then by counter, then by device as a tie-breaker.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

MAX_COUNTER = 9999
FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000


@dataclass(frozen=True, order=True)
class Timestamp:
    wall_ms: int
    counter: int
    device: str  # uuid hex, 32 characters

    def __str__(self) -> str:
        return f"{self.wall_ms:013d}-{self.counter:04d}-{self.device}"


def parse(text: str) -> Timestamp:
    """Parse an HLC string; raise ValueError for anything that is not one."""
    parts = text.split("-")
    if len(parts) != 3 or len(parts[0]) != 13 or len(parts[1]) != 4 or len(parts[2]) != 32:
        raise ValueError(f"not a hybrid logical clock value: {text!r}")
    wall, counter, device = parts
    if not (wall.isdigit() and counter.isdigit()):
        raise ValueError(f"not a hybrid logical clock value: {text!r}")
    uuid.UUID(hex=device)  # raises ValueError for a malformed device id
    return Timestamp(int(wall), int(counter), device)


def is_too_far_in_future(text: str, now_ms: int) -> bool:
    """True for an HLC more than 24 hours ahead of ``now_ms`` (import rejects those)."""
    return parse(text).wall_ms > now_ms + FUTURE_TOLERANCE_MS


def _wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


class Clock:
    """The device's clock: every ``tick`` is greater than every HLC produced or observed before."""

    def __init__(
        self, device: uuid.UUID, last: str | None = None, wall: Callable[[], int] = _wall_clock_ms
    ) -> None:
        self._device = device.hex
        self._wall = wall
        self._wall_ms, self._counter = (0, 0)
        if last is not None:
            self.observe(last)

    @property
    def device_hex(self) -> str:
        return self._device

    def tick(self) -> str:
        now = self._wall()
        if now > self._wall_ms:
            self._wall_ms, self._counter = now, 0
        elif self._counter < MAX_COUNTER:
            self._counter += 1
        else:  # a burst of 10,000 changes in one millisecond borrows the next millisecond
            self._wall_ms, self._counter = self._wall_ms + 1, 0
        return str(Timestamp(self._wall_ms, self._counter, self._device))

    def observe(self, other: str) -> None:
        """Advance past ``other`` so the next tick orders after it (imports, restarts)."""
        seen = parse(other)
        if (seen.wall_ms, seen.counter) > (self._wall_ms, self._counter):
            self._wall_ms, self._counter = seen.wall_ms, seen.counter
