"""Event cards: an occurrence's event, district, venue and target groups are fetched only
for the cards missing from the fragment cache (events/cards.py)."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.cards import card_fragment_key, light
from events.queries import occurrences
from places.models import TargetGroup
from portal.cards import CARD_CACHE
from tests.places.factories import PlacePageFactory

pytestmark = pytest.mark.django_db

#: A join only the full occurrences make: the event's district page.
DISTRICT_JOIN = '"home_districtpage"'
#: What only the full occurrences prefetch: the events' target groups.
TARGET_GROUPS = "events_eventpage_target_groups"


def sql_of(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return " ".join(query["sql"] for query in queries)


@pytest.fixture
def elderly_event(make_event, soon):
    return make_event(
        title="健康体操教室",
        start=soon,
        end=soon + dt.timedelta(hours=1),
        target_groups=[TargetGroup.objects.get(slug="elderly")],
    )


def test_a_list_whose_cards_are_all_kept_joins_none_of_their_pages(client, elderly_event):
    client.get("/events/")
    assert DISTRICT_JOIN not in sql_of(client, "/events/")


def test_a_card_missing_from_the_cache_fetches_its_event_with_its_district(client, elderly_event):
    assert DISTRICT_JOIN in sql_of(client, "/events/")


def test_a_card_fetched_for_a_miss_names_its_target_groups(client, elderly_event):
    assert "高齢の方" in client.get("/events/").content.decode()


def test_the_list_stores_each_card_under_the_key_the_list_checks(client, elderly_event):
    client.get("/events/")
    occurrence = light(occurrences()).get(page=elderly_event)
    key = card_fragment_key(occurrence, level=4, show_district=True, with_ics=True)
    assert caches[CARD_CACHE].get(key) is not None


def test_a_kept_card_shows_the_fee_published_after_it(client, elderly_event):
    client.get("/events/")
    elderly_event.fee = "300円"
    elderly_event.save_revision().publish()
    assert "300円" in client.get("/events/").content.decode()


def test_the_home_page_keeps_its_event_cards_without_their_target_groups(client, elderly_event):
    client.get("/")
    assert TARGET_GROUPS not in sql_of(client, "/")


def test_a_district_page_keeps_its_event_cards_without_their_target_groups(client, elderly_event):
    client.get("/districts/daini/")
    assert TARGET_GROUPS not in sql_of(client, "/districts/daini/")


def test_a_place_page_keeps_its_event_cards_without_their_target_groups(
    client, make_event, daini, soon
):
    place = PlacePageFactory(parent=daini, title="本庄ふれあいサロン")
    place.save_revision().publish()
    make_event(
        title="サロンの日",
        venue=place,
        start=soon,
        end=soon + dt.timedelta(hours=1),
        target_groups=[TargetGroup.objects.get(slug="elderly")],
    )
    client.get(place.url)
    assert TARGET_GROUPS not in sql_of(client, place.url)
