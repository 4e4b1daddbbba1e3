"""Calendar feeds and event structured data link to PORTAL_BASE_URL once the Site follows it."""

import pytest
from django.core.management import call_command
from icalendar import Calendar

from .test_event_pages import json_ld

pytestmark = pytest.mark.django_db

PUBLIC = "https://portal.example.jp"


@pytest.fixture
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    call_command("sync_site", verbosity=0)


def feed_event(client):
    [vevent] = Calendar.from_ical(client.get("/events/feed.ics").content).walk("VEVENT")
    return vevent


def test_the_feed_links_each_event_at_the_public_address(client, public_address, make_event, soon):
    event = make_event(start=soon)
    assert str(feed_event(client)["URL"]) == f"{PUBLIC}{event.url}"


def test_the_feed_description_gives_the_public_address(client, public_address, make_event, soon):
    event = make_event(start=soon)
    assert f"{PUBLIC}{event.url}" in str(feed_event(client)["DESCRIPTION"])


def test_event_structured_data_links_to_the_public_address(
    client, public_address, make_event, soon
):
    event = make_event(start=soon)
    assert json_ld(client.get(event.url).content.decode())["url"] == f"{PUBLIC}{event.url}"
