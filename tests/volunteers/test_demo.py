"""The demo loader: two opportunities per district, in both languages, idempotent."""

import datetime as dt

import jpholiday
import pytest
from django.utils import timezone

from volunteers.demo import TEMPLATES, load_demo_opportunities, shift_times
from volunteers.models import VolunteerOpportunityPage, VolunteerShift

pytestmark = pytest.mark.django_db


def test_each_district_gets_two_opportunities_with_coming_shifts_in_both_languages():
    list(load_demo_opportunities(["daini", "daisan"]))
    pages = VolunteerOpportunityPage.objects.filter(locale__language_code="ja")
    assert pages.count() == 4
    for page in pages:
        assert page.shifts.filter(start__gt=timezone.now()).count() >= 2
        english = page.get_translation(
            page.get_translations().get(locale__language_code="en").locale
        ).specific
        assert english.live and english.title != page.title


def test_the_shifts_are_within_the_next_two_months():
    list(load_demo_opportunities(["daini"]))
    page = VolunteerOpportunityPage.objects.filter(locale__language_code="ja").first()
    last = page.shifts.order_by("-start").first().start
    assert (last - timezone.now()).days <= 62


def test_loading_again_changes_nothing():
    list(load_demo_opportunities(["daini"]))
    lines = list(load_demo_opportunities(["daini"]))
    assert VolunteerOpportunityPage.objects.count() == 4  # 2 pages x 2 languages
    assert lines[-1].startswith("0 volunteer opportunities created")


CLOSED = [dt.date(2026, 12, d) for d in (29, 30, 31)] + [dt.date(2027, 1, d) for d in (1, 2, 3)]


@pytest.mark.parametrize("number", range(7))
def test_no_demo_shift_falls_on_a_holiday_or_the_new_year(number):
    """Loaded on 4 December 2026, the demo put shifts on 12/29, 12/31 and 元日."""
    starts = [
        timezone.localtime(start).date()
        for template in TEMPLATES
        for start, _end in shift_times(template, number, dt.date(2026, 12, 4))
    ]
    assert [day for day in starts if day in CLOSED or jpholiday.is_holiday(day)] == []


def test_the_loaded_demo_has_no_shift_over_the_new_year(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(2026, 12, 4))
    list(load_demo_opportunities(["daini", "daisan"]))
    days = {
        timezone.localtime(start).date()
        for start in VolunteerShift.objects.values_list("start", flat=True)
    }
    assert (len(days) > 4, days & set(CLOSED)) == (True, set())
