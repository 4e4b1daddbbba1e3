"""A series of shifts in one go: every week or few weeks until a date, skipping holidays and
年末年始 (PORTAL_YEAR_END_CLOSURE) as event series do."""

import datetime as dt

import pytest
from django.utils import timezone

from volunteers.models import VolunteerOpportunityPage
from volunteers.shifts import ShiftSeries

from .test_admin_editing import edit_data

pytestmark = pytest.mark.django_db


def tokyo(year, month, day, hour=10):
    return timezone.make_aware(dt.datetime(year, month, day, hour))


def days(times) -> list[dt.date]:
    return [timezone.localtime(start).date() for start, _end in times]


def mondays(**options) -> ShiftSeries:
    """Mondays from 22 December 2031 to 19 January 2032: 29 December is in 年末年始 and
    12 January is 成人の日."""
    return ShiftSeries(
        first_start=tokyo(2031, 12, 22, 10),
        first_end=tokyo(2031, 12, 22, 12),
        until=dt.date(2032, 1, 19),
        **options,
    )


def test_a_weekly_series_skips_national_holidays_and_the_new_year():
    assert days(mondays().times()) == [
        dt.date(2031, 12, 22),
        dt.date(2032, 1, 5),
        dt.date(2032, 1, 19),
    ]


def test_a_series_keeps_the_days_staff_do_not_skip():
    times = mondays(skip_holidays=False, skip_year_end=False).times()
    assert len(times) == 5


def test_every_shift_of_a_series_keeps_the_first_ones_hours():
    start, end = mondays().times()[-1]
    assert (timezone.localtime(start).hour, end - start) == (10, dt.timedelta(hours=2))


def test_a_series_every_two_weeks():
    assert days(mondays(every_weeks=2, skip_year_end=False).times()) == [
        dt.date(2031, 12, 22),
        dt.date(2032, 1, 5),
        dt.date(2032, 1, 19),
    ]


def series_data(page, **fields):
    data = edit_data(page)
    data.update(
        {
            "series_start": "2031-12-22 10:00",
            "series_end": "2031-12-22 12:00",
            "series_every": "1",
            "series_until": "2032-01-19",
            "series_capacity": "4",
            "series_skip_holidays": "on",
            "series_skip_year_end": "on",
        }
    )
    data.update(fields)
    return data


@pytest.fixture
def page(opportunity):
    return VolunteerOpportunityPage.objects.get(pk=opportunity.pk)


def test_staff_add_a_series_of_shifts_from_the_editor(daini_staff_client, page):
    response = daini_staff_client.post(f"/admin/pages/{page.pk}/edit/", series_data(page))
    assert response.status_code == 302
    added = page.shifts.filter(start__gte=tokyo(2031, 12, 1)).order_by("start")
    assert [(timezone.localtime(s.start).date(), s.capacity) for s in added] == [
        (dt.date(2031, 12, 22), 4),
        (dt.date(2032, 1, 5), 4),
        (dt.date(2032, 1, 19), 4),
    ]


def test_a_series_without_an_end_date_is_refused_and_adds_nothing(daini_staff_client, page):
    response = daini_staff_client.post(
        f"/admin/pages/{page.pk}/edit/", series_data(page, series_until="")
    )
    assert (response.status_code, page.shifts.count()) == (200, 1)


def test_the_editor_offers_the_series_with_japanese_help(daini_staff_client, page):
    html = daini_staff_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "年末年始" in html and 'name="series_skip_year_end"' in html
