"""Capacity holds under concurrency, on SQLite (a real file) and on PostgreSQL.

These tests commit for real (transaction=True): the database is flushed
afterwards, so they build their own small site instead of using the 35
districts loaded for the session.
"""

import pytest
from wagtail.models import Page

from home.site_structure import ensure_locales, ensure_site_structure
from portal.signups import SignupStatus, sign_up
from tests.home.factories import DistrictPageFactory
from tests.threads import run_in_threads
from tests.volunteers.factories import VolunteerOpportunityPageFactory, VolunteerShiftFactory
from volunteers.models import ShiftSignup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shift_of_ten():
    # A flushed database has not even Wagtail's root page.
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=ensure_locales()))
    structure = ensure_site_structure()
    district = DistrictPageFactory(parent=structure.district_index, slug="heiwa", title="平和地区")
    page = VolunteerOpportunityPageFactory(parent=district)
    return VolunteerShiftFactory(page=page, capacity=10)


def test_fifty_parallel_sign_ups_for_ten_places_confirm_exactly_ten(shift_of_ten):
    results, errors = run_in_threads(
        50,
        lambda i: (
            sign_up(
                shift_of_ten,
                name=f"ボランティア{i}",
                furigana="ぼらんてぃあ",
                email=f"v{i}@example.jp",
            ).signup.status
        ),
    )
    assert errors == []
    assert results.count(SignupStatus.CONFIRMED) == 10
    assert results.count(SignupStatus.WAITLISTED) == 40
    shift_of_ten.refresh_from_db()
    assert shift_of_ten.confirmed_count == 10
    assert ShiftSignup.objects.filter(status=SignupStatus.CONFIRMED).count() == 10


def test_the_same_person_signing_up_ten_times_at_once_gets_one_sign_up(shift_of_ten):
    results, errors = run_in_threads(
        10,
        lambda i: (
            sign_up(
                shift_of_ten,
                name="松本 花子",
                furigana="まつもと はなこ",
                email="hanako@example.jp",
            ).duplicate
        ),
    )
    assert errors == []
    assert sorted(results) == [False] + [True] * 9
    assert ShiftSignup.objects.count() == 1
