import pytest
from wagtail.models import Locale

from events.demo import FICTIONAL, load_demo_events
from events.models import EventOccurrence, EventPage
from tests.places.factories import PlacePageFactory

pytestmark = pytest.mark.django_db


def test_demo_loads_two_fictional_series_per_district_in_both_languages():
    messages = list(load_demo_events(only={"daini", "daisan"}))
    assert messages == ["5 event series loaded"]  # and daini's parent-and-child class
    japanese = EventPage.objects.filter(locale__language_code="ja")
    assert japanese.count() == 5
    assert all(FICTIONAL in page.summary and page.rrule for page in japanese)
    english = Locale.objects.get(language_code="en")
    for page in japanese:
        translated = page.get_translation(english)
        assert translated.live and "Fictional" in translated.summary
        assert EventOccurrence.objects.filter(page=translated).exists()


def test_demo_is_idempotent():
    list(load_demo_events(only={"daini"}))
    assert list(load_demo_events(only={"daini"})) == ["demo events already loaded"]
    assert EventPage.objects.filter(locale__language_code="ja").count() == 3


def test_demo_salon_meets_at_the_districts_demo_salon(daini):
    salon = PlacePageFactory(
        parent=daini, title="第二地区ふれあいサロン", external_id="demo-salon-daini"
    )
    salon.save_revision().publish()
    list(load_demo_events(only={"daini"}))
    event = EventPage.objects.get(slug="demo-salon", locale__language_code="ja")
    assert event.venue_id == salon.pk


def test_demo_has_a_childcare_event_that_needs_registration():
    list(load_demo_events(only={"daini"}))
    event = EventPage.objects.get(
        locale__language_code="ja", kind__slug="childcare", registration_required=True
    )
    assert EventOccurrence.objects.filter(page=event).exists()
