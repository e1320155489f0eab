"""A clock a test moves, for what follows the time (pages that change at a moment)."""

import datetime as dt
import time

from django.utils import timezone


class Clock:
    def __init__(self, start: dt.datetime):
        self.now = start.astimezone(dt.UTC)

    def advance(self, **delta) -> None:
        self.now += dt.timedelta(**delta)


def moving_clock(monkeypatch, start: dt.datetime) -> Clock:
    """`timezone.now` and `time.time` (the page cache's and the cache backend's expiry) read
    one clock, which starts at `start` and moves only when the test advances it."""
    clock = Clock(start)
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    monkeypatch.setattr(time, "time", lambda: clock.now.timestamp())
    return clock
