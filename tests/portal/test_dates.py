import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import translation

from portal.dates import format_date, format_time_range

TOKYO = ZoneInfo("Asia/Tokyo")


def test_japanese_date_has_the_weekday_in_brackets():
    with translation.override("ja"):
        assert format_date(dt.date(2026, 12, 8)) == "2026年12月8日(火)"


def test_japanese_time_range_uses_a_wave_dash():
    start = dt.datetime(2026, 12, 8, 10, 0, tzinfo=TOKYO)
    with translation.override("ja"):
        assert format_time_range(start, start + dt.timedelta(minutes=90)) == (
            "2026年12月8日(火) 10:00〜11:30"
        )


def test_utc_times_are_shown_in_tokyo_time():
    start = dt.datetime(2026, 12, 8, 14, 30, tzinfo=dt.UTC)  # 23:30 in Tokyo
    with translation.override("ja"):
        assert format_time_range(start) == "2026年12月8日(火) 23:30"


def test_english_date():
    with translation.override("en"):
        assert format_date(dt.date(2026, 12, 8)) == "Tue 8 December 2026"
