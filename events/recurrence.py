"""Recurring events: the rule staff pick, written as an RFC 5545 RRULE, and its occurrences.

Staff never type an RRULE. They choose a frequency (毎週・N週ごと, 毎月◯日,
毎月第N◯曜日), the weekdays or weeks where it applies, and an end (a date or a
number of times); `RecurrenceRule.to_rrule()` writes the RRULE string the
page stores and the calendar feeds publish, and `Series.occurrences()`
expands it with `dateutil.rrule` into `Occurrence` value objects.

A series is always bounded: it ends on a date at most `MAX_SPAN` after its
first occurrence or after at most `MAX_OCCURRENCES` times, and expansion stops
at `MAX_OCCURRENCES` whatever the rule says. Nothing here expands an
unbounded series.

Times are wall-clock times in the portal's time zone (Asia/Tokyo): a series
at 10:00 stays at 10:00 whatever the UTC offset; datetimes going in and out
are aware. The first occurrence is the series' start (DTSTART), as in RFC 5545.

Exceptions (`Change`) are keyed by the local date of the occurrence they
change: that occurrence is cancelled, or moved to another time (an iCalendar
RECURRENCE-ID override). Japanese national holidays (`jpholiday`, offline) and
the city's 年末年始 come from `portal.closures`; a series that skips them has
no occurrence on one unless a change explicitly moves that occurrence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from portal.closures import is_closed

#: Never expand more than this many occurrences of one series.
MAX_OCCURRENCES = 500
#: A series ends at most this long after its first occurrence.
MAX_SPAN = dt.timedelta(days=731)
#: A series with neither an end date nor a count runs for a year.
DEFAULT_SPAN = dt.timedelta(days=365)

RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
LAST = -1
UNTIL_RE = re.compile(r"UNTIL=(\d{8})(T\d{6}Z?)?")


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def to_local(value: dt.datetime) -> dt.datetime:
    """An aware datetime in the portal's zone (naive ones are taken as local)."""
    zone = local_zone()
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value.astimezone(zone)


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=local_zone())


class Frequency(models.TextChoices):
    NONE = "", _("Does not repeat")
    WEEKLY = "weekly", _("Weekly (or every few weeks)")
    MONTHLY_DATE = "monthly_date", _("Monthly on the same date")
    MONTHLY_WEEKDAY = "monthly_weekday", _("Monthly on a weekday of a week (e.g. 2nd Tuesday)")


class Nth(models.IntegerChoices):
    FIRST = 1, _("1st")
    SECOND = 2, _("2nd")
    THIRD = 3, _("3rd")
    FOURTH = 4, _("4th")
    LAST = LAST, _("Last")


def week_of_month(day: dt.date) -> int:
    """1 for the first seven days of a month, 2 for the next seven, ... (5 at most)."""
    return (day.day - 1) // 7 + 1


def is_last_of_month(day: dt.date) -> bool:
    return (day + dt.timedelta(days=7)).month != day.month


# --- The rule -----------------------------------------------------------------------


class RecurrenceError(ValueError):
    """A rule that cannot be stored: the message is for staff, in the active language."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class RecurrenceRule:
    """What staff choose in the admin; `to_rrule` writes it as RFC 5545."""

    frequency: str = Frequency.NONE
    interval: int = 1
    weekdays: tuple[int, ...] = ()  # 0 = Monday ... 6 = Sunday
    nths: tuple[int, ...] = ()  # 1-4, or -1 for the last
    until: dt.date | None = None
    count: int | None = None

    @property
    def repeats(self) -> bool:
        return bool(self.frequency)

    def completed(self, start: dt.datetime) -> RecurrenceRule:
        """The rule with what staff left blank taken from the first occurrence:
        its weekday, its week of the month, and a year's run when no end is given."""
        if not self.repeats:
            return RecurrenceRule()
        day = to_local(start).date()
        rule = replace(self, interval=max(1, self.interval or 1))
        if rule.frequency in (Frequency.WEEKLY, Frequency.MONTHLY_WEEKDAY) and not rule.weekdays:
            rule = replace(rule, weekdays=(day.weekday(),))
        if rule.frequency == Frequency.MONTHLY_WEEKDAY and not rule.nths:
            week = week_of_month(day)
            rule = replace(rule, nths=(LAST if week == 5 else week,))
        if rule.frequency not in (Frequency.WEEKLY, Frequency.MONTHLY_WEEKDAY):
            rule = replace(rule, weekdays=())
        if rule.frequency != Frequency.MONTHLY_WEEKDAY:
            rule = replace(rule, nths=())
        if rule.until is None and not rule.count:
            rule = replace(rule, until=day + DEFAULT_SPAN)
        return rule

    def validate(self, start: dt.datetime) -> None:
        """Raise RecurrenceError when the (completed) rule cannot be stored."""
        if not self.repeats:
            return
        day = to_local(start).date()
        if self.until is not None and self.count:
            raise RecurrenceError(
                gettext("Give either an end date or a number of times, not both."), "repeat_until"
            )
        if self.until is not None and self.until < day:
            raise RecurrenceError(
                gettext("The series cannot end before its first date."), "repeat_until"
            )
        if self.until is not None and self.until > day + MAX_SPAN:
            raise RecurrenceError(
                gettext(
                    "A series can run for at most two years from its first date. "
                    "Choose an earlier end date; you can extend it later."
                ),
                "repeat_until",
            )
        if self.count is not None and not 1 <= self.count <= MAX_OCCURRENCES:
            raise RecurrenceError(
                gettext("The number of times must be between 1 and %(max)d.")
                % {"max": MAX_OCCURRENCES},
                "repeat_count",
            )
        if not 1 <= self.interval <= 12:
            raise RecurrenceError(
                gettext("Repeat every 1 to 12 weeks or months."), "repeat_interval"
            )
        firsts = original_starts(start, self.to_rrule(), limit=1)
        if not firsts or firsts[0] != to_local(start):
            raise RecurrenceError(
                gettext(
                    "The start must be the first date of the series: %(date)s does not match "
                    "the repeat you chose. Change the start date or the weekdays."
                )
                % {"date": _format_date(day)},
                "start",
            )

    def to_rrule(self) -> str:
        """The RFC 5545 RRULE value (without "RRULE:"), or "" for a single event.

        UNTIL is the end of the last day, local time, written in UTC as RFC 5545
        requires with a DTSTART that has a time zone."""
        if not self.repeats:
            return ""
        if self.frequency == Frequency.WEEKLY:
            parts = ["FREQ=WEEKLY"]
        else:
            parts = ["FREQ=MONTHLY"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.frequency == Frequency.WEEKLY and self.weekdays:
            parts.append("BYDAY=" + ",".join(RRULE_DAYS[d] for d in sorted(self.weekdays)))
        elif self.frequency == Frequency.MONTHLY_WEEKDAY:
            days = [
                f"{n}{RRULE_DAYS[d]}" for n in _nth_order(self.nths) for d in sorted(self.weekdays)
            ]
            parts.append("BYDAY=" + ",".join(days))
        if self.until is not None:
            end_of_day = local_datetime(self.until, dt.time(23, 59, 59)).astimezone(dt.UTC)
            parts.append("UNTIL=" + end_of_day.strftime("%Y%m%dT%H%M%SZ"))
        elif self.count:
            parts.append(f"COUNT={self.count}")
        return ";".join(parts)

    def describe(self) -> str:
        """毎週火曜日, 2週ごとの火・金曜日, 毎月8日, 毎月第2・第4火曜日 (in the active language)."""
        if not self.repeats:
            return ""
        days = _weekday_names(self.weekdays)
        if self.frequency == Frequency.WEEKLY:
            if self.interval == 1:
                return gettext("Every week on %(days)s") % {"days": days}
            return gettext("Every %(n)d weeks on %(days)s") % {"n": self.interval, "days": days}
        if self.frequency == Frequency.MONTHLY_DATE:
            return ""  # needs the day: see describe_series()
        weeks = _nth_names(self.nths)
        if self.interval == 1:
            return gettext("Every month on the %(weeks)s %(days)s") % {"weeks": weeks, "days": days}
        return gettext("Every %(n)d months on the %(weeks)s %(days)s") % {
            "n": self.interval,
            "weeks": weeks,
            "days": days,
        }


def _nth_order(nths: Iterable[int]) -> list[int]:
    return sorted(nths, key=lambda n: 99 if n == LAST else n)


#: The weekdays as a repeat names them (火・金曜日 / Tuesday, Friday), Monday first.
REPEAT_WEEKDAYS = (
    pgettext_lazy("weekday of a repeat", "Monday"),
    pgettext_lazy("weekday of a repeat", "Tuesday"),
    pgettext_lazy("weekday of a repeat", "Wednesday"),
    pgettext_lazy("weekday of a repeat", "Thursday"),
    pgettext_lazy("weekday of a repeat", "Friday"),
    pgettext_lazy("weekday of a repeat", "Saturday"),
    pgettext_lazy("weekday of a repeat", "Sunday"),
)


def _weekday_names(weekdays: Iterable[int]) -> str:
    separator = pgettext("between weekdays of a repeat", ", ")
    names = separator.join(str(REPEAT_WEEKDAYS[d]) for d in sorted(weekdays))
    return pgettext("weekdays of a repeat", "%(days)s") % {"days": names}


def _nth_names(nths: Iterable[int]) -> str:
    separator = pgettext("between weeks of a month", " and ")
    return separator.join(str(Nth(n).label) for n in _nth_order(nths))


def _format_date(day: dt.date) -> str:
    from portal.dates import format_date

    return format_date(day)


def describe_series(rule: RecurrenceRule, start: dt.datetime) -> str:
    if rule.frequency == Frequency.MONTHLY_DATE:
        day = to_local(start).day
        if rule.interval == 1:
            return gettext("Every month on day %(day)d") % {"day": day}
        return gettext("Every %(n)d months on day %(day)d") % {"n": rule.interval, "day": day}
    return rule.describe()


# --- Expansion ------------------------------------------------------------------------


def _until_in_utc(rrule: str, start_local: dt.datetime) -> str:
    """A date-only UNTIL (as all-day feeds write it) becomes the end of that local day,
    so dateutil can compare it with an aware DTSTART."""

    def fix(match: re.Match) -> str:
        if match.group(2) and match.group(2).endswith("Z"):
            return match.group(0)
        day = dt.datetime.strptime(match.group(1), "%Y%m%d").date()
        time = dt.time(23, 59, 59)
        if match.group(2):
            time = dt.datetime.strptime(match.group(2)[1:], "%H%M%S").time()
        moment = dt.datetime.combine(day, time, tzinfo=start_local.tzinfo).astimezone(dt.UTC)
        return "UNTIL=" + moment.strftime("%Y%m%dT%H%M%SZ")

    return UNTIL_RE.sub(fix, rrule)


def original_starts(
    start: dt.datetime,
    rrule: str,
    *,
    before: dt.datetime | None = None,
    limit: int = MAX_OCCURRENCES,
) -> list[dt.datetime]:
    """The starts the rule gives (before any change), local and aware, in order.

    At most `limit` (and never more than MAX_OCCURRENCES); stops at `before`."""
    start_local = to_local(start)
    if not rrule:
        return [start_local] if before is None or start_local < before else []
    rule = rrulestr(_until_in_utc(rrule, start_local), dtstart=start_local)
    starts = []
    for value in islice(rule, min(limit, MAX_OCCURRENCES)):
        if before is not None and value >= before:
            break
        starts.append(value)
    return starts


@dataclass(frozen=True)
class Change:
    """An exception to a series: the occurrence on `date` is cancelled, or moved."""

    date: dt.date
    cancelled: bool = True
    new_start: dt.datetime | None = None
    new_end: dt.datetime | None = None
    note: str = ""

    @property
    def moved(self) -> bool:
        return not self.cancelled and self.new_start is not None


@dataclass(frozen=True)
class Occurrence:
    """One time an event takes place (a value: comparing two compares their fields)."""

    start: dt.datetime
    end: dt.datetime
    original_start: dt.datetime
    page: Any = field(default=None, compare=False)
    cancelled: bool = False
    moved: bool = False
    note: str = ""

    @property
    def local_date(self) -> dt.date:
        return to_local(self.start).date()

    @property
    def original_date(self) -> dt.date:
        return to_local(self.original_start).date()

    @property
    def note_language(self) -> str:
        """Notes of changes are copied, not translated: the default language's."""
        return settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Series:
    """An event's times: its first occurrence, its rule and its changes."""

    start: dt.datetime
    end: dt.datetime
    rrule: str = ""
    changes: Sequence[Change] = ()
    skip_holidays: bool = False
    cancelled: bool = False
    all_day: bool = False
    skip_year_end: bool = False

    @property
    def duration(self) -> dt.timedelta:
        return self.end - self.start

    @property
    def repeats(self) -> bool:
        return bool(self.rrule)

    def originals(self, before: dt.datetime | None = None) -> list[dt.datetime]:
        return original_starts(self.start, self.rrule, before=before)

    def _changes_by_date(self) -> dict[dt.date, Change]:
        return {change.date: change for change in self.changes}

    @property
    def skips_days(self) -> bool:
        return self.repeats and (self.skip_holidays or self.skip_year_end)

    def holiday_skips(self, originals: Iterable[dt.datetime] | None = None) -> list[dt.datetime]:
        """Original starts skipped for a national holiday or 年末年始 (as the series asks);
        a change to one of those dates (moving it) wins over the skip."""
        if not self.skips_days:
            return []
        changes = self._changes_by_date()
        return [
            start
            for start in (self.originals() if originals is None else originals)
            if start.date() not in changes
            and is_closed(start.date(), holidays=self.skip_holidays, year_end=self.skip_year_end)
        ]

    def occurrences(
        self,
        page: Any = None,
        *,
        after: dt.datetime | None = None,
        before: dt.datetime | None = None,
    ) -> list[Occurrence]:
        """Occurrences overlapping [after, before), in order of start.

        Cancelled ones are included, marked (lists show them as 中止); holidays
        skipped by the series are not. A moved occurrence is where it was moved
        to, whatever its original date. `note` is the change's own note (a whole
        cancelled event's reason stays on the event)."""
        changes = self._changes_by_date()
        duration = self.duration
        originals = self.originals()
        skipped = set(self.holiday_skips(originals))
        result = []
        for original in originals:
            if original in skipped:
                continue
            change = changes.get(original.date())
            start, end = original, original + duration
            cancelled, moved, note = self.cancelled, False, ""
            if change is not None:
                note = change.note
                if change.moved:
                    start = to_local(change.new_start)
                    end = to_local(change.new_end) if change.new_end else start + duration
                    moved = True
                elif change.cancelled:
                    cancelled = True
            if after is not None and end <= after:
                continue
            if before is not None and start >= before:
                continue
            result.append(
                Occurrence(
                    start=start,
                    end=end,
                    original_start=original,
                    page=page,
                    cancelled=cancelled,
                    moved=moved,
                    note=note,
                )
            )
        result.sort(key=lambda occurrence: occurrence.start)
        return result
