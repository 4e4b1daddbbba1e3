"""Shift series: the same shift every week (or every few weeks) until a date, in one go.

Staff add a series from the opportunity's editor ("繰り返しのシフトをまとめて追加");
the demo loader uses the same rule. Like event series, a shift series skips
national holidays and the city's 年末年始 (`portal.closures`) unless staff
untick them. What comes out are ordinary shift rows: each can be changed or
deleted on its own afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from portal.closures import is_closed

#: A series runs at most a year from its first shift.
MAX_SPAN = dt.timedelta(days=366)


@dataclass(frozen=True)
class ShiftSeries:
    """The first shift's times, how often it repeats and until when, and what it skips."""

    first_start: dt.datetime
    first_end: dt.datetime
    until: dt.date
    every_weeks: int = 1
    skip_holidays: bool = True
    skip_year_end: bool = True

    def times(self) -> list[tuple[dt.datetime, dt.datetime]]:
        """(start, end) of every shift, in order: wall-clock times kept across the weeks."""
        start = timezone.localtime(self.first_start)
        duration = self.first_end - self.first_start
        last = min(self.until, start.date() + MAX_SPAN)
        step = dt.timedelta(weeks=max(1, self.every_weeks))
        times = []
        day = start.date()
        while day <= last:
            if not is_closed(day, holidays=self.skip_holidays, year_end=self.skip_year_end):
                local = timezone.make_aware(dt.datetime.combine(day, start.time()))
                times.append((local, local + duration))
            day += step
        return times
