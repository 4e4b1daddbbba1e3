"""The days a city's halls close: national holidays and 年末年始 (PORTAL_YEAR_END_CLOSURE)."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from portal.closures import in_year_end_closure, is_closed, year_end_closure_text
from portal.settings.base import closure_from_env


@pytest.mark.parametrize(
    "day", [dt.date(2031, 12, 29), dt.date(2031, 12, 31), dt.date(2032, 1, 1), dt.date(2032, 1, 3)]
)
def test_the_new_year_holidays_run_from_29_december_to_3_january(day):
    assert in_year_end_closure(day)


@pytest.mark.parametrize("day", [dt.date(2031, 12, 28), dt.date(2032, 1, 4)])
def test_the_days_around_the_new_year_holidays_are_open(day):
    assert not in_year_end_closure(day)


@override_settings(PORTAL_YEAR_END_CLOSURE=None)
def test_a_city_without_new_year_holidays_closes_no_day():
    assert not is_closed(dt.date(2031, 12, 30))


def test_a_national_holiday_is_closed_only_for_series_that_skip_holidays():
    # 2032-01-12 is 成人の日.
    assert (is_closed(dt.date(2032, 1, 12)), is_closed(dt.date(2032, 1, 12), holidays=False)) == (
        True,
        False,
    )


def test_the_closure_is_written_in_japanese():
    assert year_end_closure_text() == "12月29日〜1月3日"


def test_the_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORTAL_YEAR_END_CLOSURE", "12-28..01-04")
    assert closure_from_env("PORTAL_YEAR_END_CLOSURE", "12-29..01-03") == ((12, 28), (1, 4))


def test_an_empty_setting_means_no_closure(monkeypatch):
    monkeypatch.setenv("PORTAL_YEAR_END_CLOSURE", "")
    assert closure_from_env("PORTAL_YEAR_END_CLOSURE", "12-29..01-03") is None


def test_a_malformed_setting_stops_the_start(monkeypatch):
    monkeypatch.setenv("PORTAL_YEAR_END_CLOSURE", "12/29-1/3")
    with pytest.raises(ImproperlyConfigured):
        closure_from_env("PORTAL_YEAR_END_CLOSURE", "12-29..01-03")
