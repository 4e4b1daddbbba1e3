"""The rule staff pick, its RRULE, and the occurrences it gives (no database needed)."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import translation

from events.recurrence import (
    MAX_OCCURRENCES,
    Change,
    Frequency,
    RecurrenceError,
    RecurrenceRule,
    Series,
    describe_series,
    original_starts,
    to_local,
)

from .factories import tokyo


def series(start, rule: RecurrenceRule, minutes=90, **kwargs) -> Series:
    return Series(
        start=start,
        end=start + dt.timedelta(minutes=minutes),
        rrule=rule.completed(start).to_rrule(),
        **kwargs,
    )


def local_dates(occurrences) -> list[dt.date]:
    return [occurrence.local_date for occurrence in occurrences]


def test_weekly_series_repeats_on_the_start_weekday_until_the_end_date():
    rule = RecurrenceRule(Frequency.WEEKLY, until=dt.date(2030, 12, 31))
    dates = local_dates(series(tokyo(2030, 12, 3), rule).occurrences())
    assert dates == [dt.date(2030, 12, d) for d in (3, 10, 17, 24, 31)]


def test_every_two_weeks():
    rule = RecurrenceRule(Frequency.WEEKLY, interval=2, until=dt.date(2030, 12, 31))
    dates = local_dates(series(tokyo(2030, 12, 3), rule).occurrences())
    assert dates == [dt.date(2030, 12, 3), dt.date(2030, 12, 17), dt.date(2030, 12, 31)]


def test_weekly_on_two_weekdays():
    rule = RecurrenceRule(Frequency.WEEKLY, weekdays=(1, 4), count=4)  # 火・金
    dates = local_dates(series(tokyo(2030, 12, 3), rule).occurrences())
    assert dates == [dt.date(2030, 12, d) for d in (3, 6, 10, 13)]


def test_monthly_by_date():
    rule = RecurrenceRule(Frequency.MONTHLY_DATE, count=3)
    dates = local_dates(series(tokyo(2030, 11, 8), rule).occurrences())
    assert dates == [dt.date(2030, 11, 8), dt.date(2030, 12, 8), dt.date(2031, 1, 8)]


def test_monthly_on_the_second_tuesday():
    rule = RecurrenceRule(Frequency.MONTHLY_WEEKDAY, count=3)  # 第2火曜日, from the start
    dates = local_dates(series(tokyo(2030, 12, 10), rule).occurrences())
    assert dates == [dt.date(2030, 12, 10), dt.date(2031, 1, 14), dt.date(2031, 2, 11)]


def test_monthly_on_the_second_and_fourth_tuesday():
    rule = RecurrenceRule(Frequency.MONTHLY_WEEKDAY, weekdays=(1,), nths=(2, 4), count=4)
    dates = local_dates(series(tokyo(2030, 12, 10), rule).occurrences())
    assert dates == [
        dt.date(2030, 12, 10),
        dt.date(2030, 12, 24),
        dt.date(2031, 1, 14),
        dt.date(2031, 1, 28),
    ]


def test_monthly_on_the_last_friday():
    rule = RecurrenceRule(Frequency.MONTHLY_WEEKDAY, weekdays=(4,), nths=(-1,), count=2)
    dates = local_dates(series(tokyo(2030, 12, 27), rule).occurrences())
    assert dates == [dt.date(2030, 12, 27), dt.date(2031, 1, 31)]


def test_rule_is_stored_as_an_rfc5545_rrule_with_until_in_utc():
    rule = RecurrenceRule(
        Frequency.MONTHLY_WEEKDAY, weekdays=(1,), nths=(2, 4), until=dt.date(2031, 3, 31)
    )
    # The end of 31 March in Tokyo is 14:59:59 UTC.
    assert rule.to_rrule() == "FREQ=MONTHLY;BYDAY=2TU,4TU;UNTIL=20310331T145959Z"


def test_a_count_ends_the_series_instead_of_a_date():
    rule = RecurrenceRule(Frequency.WEEKLY, interval=2, count=5).completed(tokyo(2030, 12, 3))
    assert rule.to_rrule() == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=5"


def test_a_series_without_an_end_runs_for_a_year():
    rule = RecurrenceRule(Frequency.WEEKLY).completed(tokyo(2030, 12, 3))
    assert rule.until == dt.date(2031, 12, 3)


def test_expansion_never_goes_past_the_cap_whatever_the_rule_says():
    starts = original_starts(tokyo(2030, 12, 3), "FREQ=WEEKLY;COUNT=5000")
    assert len(starts) == MAX_OCCURRENCES


def test_a_cancelled_date_is_kept_and_marked():
    start = tokyo(2030, 12, 3)
    rule = RecurrenceRule(Frequency.WEEKLY, count=3)
    changes = [Change(dt.date(2030, 12, 10), cancelled=True, note="点検のため休み")]
    occurrences = series(start, rule, changes=changes).occurrences()
    assert [(o.local_date.day, o.cancelled, o.note) for o in occurrences] == [
        (3, False, ""),
        (10, True, "点検のため休み"),
        (17, False, ""),
    ]


def test_a_moved_date_takes_its_new_time_and_remembers_the_original():
    start = tokyo(2030, 12, 3)
    rule = RecurrenceRule(Frequency.WEEKLY, count=3)
    new_start = tokyo(2030, 12, 11, 13, 30)
    changes = [Change(dt.date(2030, 12, 10), cancelled=False, new_start=new_start)]
    moved = series(start, rule, changes=changes).occurrences()[1]
    assert moved.moved and not moved.cancelled
    assert moved.start == new_start
    assert moved.end == new_start + dt.timedelta(minutes=90)  # the usual length
    assert moved.original_start == tokyo(2030, 12, 10)


def test_national_holidays_are_skipped_when_the_series_says_so():
    # 2031-01-13 is 成人の日 (second Monday of January).
    rule = RecurrenceRule(Frequency.WEEKLY, count=3)
    start = tokyo(2031, 1, 6)
    skipping = local_dates(series(start, rule, skip_holidays=True).occurrences())
    keeping = local_dates(series(start, rule, skip_holidays=False).occurrences())
    assert dt.date(2031, 1, 13) not in skipping and skipping == [
        dt.date(2031, 1, 6),
        dt.date(2031, 1, 20),
    ]
    assert dt.date(2031, 1, 13) in keeping


def test_substitute_holidays_are_skipped_too():
    # 天皇誕生日 2031 falls on Sunday 23 February: Monday 24 is a substitute holiday.
    rule = RecurrenceRule(Frequency.WEEKLY, count=2)
    dates = local_dates(series(tokyo(2031, 2, 17), rule, skip_holidays=True).occurrences())
    assert dates == [dt.date(2031, 2, 17)]


def test_a_moved_date_on_a_holiday_is_not_skipped():
    rule = RecurrenceRule(Frequency.WEEKLY, count=3)
    changes = [Change(dt.date(2031, 1, 13), cancelled=False, new_start=tokyo(2031, 1, 14, 10, 0))]
    occurrences = series(tokyo(2031, 1, 6), rule, changes=changes, skip_holidays=True)
    assert dt.date(2031, 1, 14) in local_dates(occurrences.occurrences())


def test_an_event_at_23_30_in_tokyo_is_on_its_tokyo_date_and_stored_as_utc():
    start = tokyo(2030, 12, 8, 23, 30)
    occurrence = Series(start=start, end=start + dt.timedelta(minutes=30)).occurrences()[0]
    assert occurrence.local_date == dt.date(2030, 12, 8)
    assert occurrence.start.astimezone(dt.UTC) == dt.datetime(2030, 12, 8, 14, 30, tzinfo=dt.UTC)


def test_an_early_morning_event_is_on_its_tokyo_date_not_the_utc_one():
    start = tokyo(2030, 12, 9, 0, 30)  # 15:30 UTC on the 8th
    occurrence = Series(start=start, end=start + dt.timedelta(hours=1)).occurrences()[0]
    assert occurrence.start.astimezone(dt.UTC).date() == dt.date(2030, 12, 8)
    assert occurrence.local_date == dt.date(2030, 12, 9)


def test_weekly_series_late_at_night_keeps_its_wall_clock_time():
    rule = RecurrenceRule(Frequency.WEEKLY, count=3)
    occurrences = series(tokyo(2030, 12, 3, 23, 30), rule, minutes=60).occurrences()
    assert {to_local(o.start).time() for o in occurrences} == {dt.time(23, 30)}
    assert local_dates(occurrences) == [dt.date(2030, 12, d) for d in (3, 10, 17)]


def test_window_returns_only_overlapping_occurrences():
    rule = RecurrenceRule(Frequency.WEEKLY, count=10)
    occurrences = series(tokyo(2030, 12, 3), rule).occurrences(
        after=tokyo(2030, 12, 10, 11, 0), before=tokyo(2030, 12, 24, 0, 0)
    )
    # 10 December 10:00-11:30 is still going on at 11:00.
    assert local_dates(occurrences) == [dt.date(2030, 12, 10), dt.date(2030, 12, 17)]


def test_the_start_must_be_the_first_date_of_the_series():
    rule = RecurrenceRule(Frequency.WEEKLY, weekdays=(3,), count=3)  # 木曜日
    with pytest.raises(RecurrenceError) as error:
        rule.completed(tokyo(2030, 12, 3)).validate(tokyo(2030, 12, 3))  # a Tuesday
    assert error.value.field == "start"


def test_a_series_may_not_run_for_more_than_two_years():
    rule = RecurrenceRule(Frequency.WEEKLY, until=dt.date(2033, 1, 1))
    with pytest.raises(RecurrenceError) as error:
        rule.completed(tokyo(2030, 12, 3)).validate(tokyo(2030, 12, 3))
    assert error.value.field == "repeat_until"


def test_an_end_date_and_a_count_together_are_refused():
    rule = RecurrenceRule(Frequency.WEEKLY, until=dt.date(2031, 1, 1), count=3)
    with pytest.raises(RecurrenceError):
        rule.completed(tokyo(2030, 12, 3)).validate(tokyo(2030, 12, 3))


@pytest.mark.parametrize(
    ("rule", "start", "japanese"),
    [
        (RecurrenceRule(Frequency.WEEKLY), tokyo(2030, 12, 3), "毎週火曜日"),
        (RecurrenceRule(Frequency.WEEKLY, interval=2), tokyo(2030, 12, 3), "2週ごとの火曜日"),
        (RecurrenceRule(Frequency.MONTHLY_DATE), tokyo(2030, 12, 8), "毎月8日"),
        (
            RecurrenceRule(Frequency.MONTHLY_WEEKDAY, weekdays=(1,), nths=(2, 4)),
            tokyo(2030, 12, 10),
            "毎月第2・第4火曜日",
        ),
    ],
)
def test_the_rule_reads_in_plain_japanese(rule, start, japanese):
    with translation.override("ja"):
        assert describe_series(rule.completed(start), start) == japanese


@pytest.mark.parametrize(
    ("rule", "start", "english"),
    [
        (
            RecurrenceRule(Frequency.WEEKLY, weekdays=(1, 4)),
            tokyo(2030, 12, 3),
            "Every week on Tuesday, Friday",
        ),
        (
            RecurrenceRule(Frequency.MONTHLY_WEEKDAY, weekdays=(1,), nths=(2, 4)),
            tokyo(2030, 12, 10),
            "Every month on the 2nd and 4th Tuesday",
        ),
    ],
)
def test_the_rule_reads_in_english_without_japanese_punctuation(rule, start, english):
    with translation.override("en"):
        assert describe_series(rule.completed(start), start) == english


def test_the_new_year_holidays_are_skipped_when_the_series_says_so():
    # Mondays from 22 December 2031: 29 December is in the city's 年末年始 (12-29..01-03).
    rule = RecurrenceRule(Frequency.WEEKLY, count=3)
    dates = local_dates(series(tokyo(2031, 12, 22), rule, skip_year_end=True).occurrences())
    assert dates == [dt.date(2031, 12, 22), dt.date(2032, 1, 5)]


def test_the_new_year_holidays_are_kept_when_the_series_does_not_skip_them():
    rule = RecurrenceRule(Frequency.WEEKLY, count=3)
    dates = local_dates(series(tokyo(2031, 12, 22), rule, skip_year_end=False).occurrences())
    assert dt.date(2031, 12, 29) in dates


@override_settings(PORTAL_YEAR_END_CLOSURE=((12, 28), (1, 4)))
def test_the_new_year_holidays_are_the_citys_setting():
    # Sundays: 28 December 2031 and 4 January 2032 are closed in this city.
    rule = RecurrenceRule(Frequency.WEEKLY, count=3)
    dates = local_dates(series(tokyo(2031, 12, 21), rule, skip_year_end=True).occurrences())
    assert dates == [dt.date(2031, 12, 21)]
