"""The demo loader: two opportunities per district, in both languages, idempotent."""

import pytest
from django.utils import timezone

from volunteers.demo import load_demo_opportunities
from volunteers.models import VolunteerOpportunityPage

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
