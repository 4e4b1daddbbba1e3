"""Capacity holds when residents register for one session at once (SQLite file and PostgreSQL).

These tests commit for real (transaction=True): the database is flushed
afterwards, so they build their own small site.
"""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import Page

from events import registration
from events.models import EventKind
from events.registration_models import EventRegistration, EventRegistrationSlot
from home.site_structure import ensure_locales, ensure_site_structure
from portal.models import OutboxMessage
from portal.signups import SignupStatus
from tests.home.factories import DistrictPageFactory
from tests.threads import run_in_threads

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def session_of_ten():
    """A published event with one session tomorrow and 10 places (its occurrence row)."""
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=ensure_locales()))
    structure = ensure_site_structure()
    district = DistrictPageFactory(parent=structure.district_index, slug="heiwa", title="平和地区")
    kind, _ = EventKind.objects.get_or_create(
        slug="exercise", defaults={"name_ja": "運動・体操", "name_en": "Exercise"}
    )
    start = timezone.now() + dt.timedelta(days=1)
    event = EventPageFactory(
        parent=district,
        kind=kind,
        title="いきいき体操",
        start=start,
        end=start + dt.timedelta(hours=1),
        registration_required=True,
        capacity=10,
    )
    event.save_revision().publish()
    event.refresh_from_db()
    return event, event.occurrences.get()


def test_thirty_parallel_registrations_for_ten_places_confirm_exactly_ten(session_of_ten):
    event, occurrence = session_of_ten
    results, errors = run_in_threads(
        30,
        lambda i: (
            registration.register(
                event,
                occurrence,
                name=f"参加者{i}",
                furigana="さんかしゃ",
                email=f"sanka{i}@example.jp",
            ).signup.status
        ),
    )
    assert errors == []
    assert results.count(SignupStatus.CONFIRMED) == 10
    assert results.count(SignupStatus.WAITLISTED) == 20
    slot = EventRegistrationSlot.objects.get()
    assert slot.confirmed_count == 10
    assert EventRegistration.objects.filter(status=SignupStatus.CONFIRMED).count() == 10
    assert OutboxMessage.objects.filter(kind="event-registration").count() == 30
