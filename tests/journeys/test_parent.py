"""Journey 2: a parent on a phone, in English, finds childcare events in 第二地区, subscribes
to exactly those in a calendar app, and registers for the district's parent-and-child class
(the demo's childcare event that takes registrations: events/demo.py, PARENTING).

The calendar app fetches the feed the page links to (as an app would, outside the browser):
its events are exactly the events the filtered list shows, and its links lead to the portal.
"""

import re
import secrets
from urllib.parse import urlsplit

import icalendar
import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import body_of, mails_to

pytestmark = pytest.mark.journey


def filter_events(journey, district: str, kind: str) -> None:
    filters = journey.page.locator("main form.filters")
    filters.get_by_label("District").select_option(label=district)
    filters.get_by_label("Kind of event").select_option(label=kind)
    journey.follow(filters.get_by_role("button", name="Show events"))


def listed_events(journey) -> set[str]:
    """The event pages the list shows (each session links to its event's page)."""
    links = journey.page.locator("main .card__title a")
    return {urlsplit(link.get_attribute("href")).path for link in links.all()}


def events_in_feed(feed: str) -> set[str]:
    calendar = icalendar.Calendar.from_ical(feed)
    return {urlsplit(str(event.get("URL", ""))).path for event in calendar.walk("VEVENT")}


def test_a_parent_subscribes_to_childcare_events_in_a_district_and_registers(
    new_journey, portal_server
):
    journey = new_journey("en", 390)
    journey.start()
    journey.follow(journey.page.locator("header nav a", has_text="Events"))

    filter_events(journey, "Daini District", "Children and parenting")
    shown = listed_events(journey)
    assert shown, "the demo has childcare events in 第二地区"
    subscribe = journey.page.locator("main a[href*='.ics']", has_text="Calendar feed")
    feed = journey.page.request.get(subscribe.get_attribute("href"))
    assert feed.ok, f"{feed.url} answered {feed.status}"
    unfolded = re.sub(r"\r?\n[ \t]", "", feed.text())  # long lines are folded (RFC 5545)
    journey.checker.check_text(unfolded, f"calendar feed {feed.url}")
    assert events_in_feed(feed.text()) == shown, (
        f"the feed {feed.url} has other events than the list it was offered on"
    )

    journey.follow(
        journey.page.locator("main .card__title a", has_text="Parent and Child Class").first
    )
    journey.follow(journey.page.locator("main a[href*='/register/']").first)
    address = f"parent-{secrets.token_hex(4)}@example.jp"
    form = journey.page.locator("main form[method=post]")
    form.get_by_label("Your name (required)").fill("Kakuu Hanako")
    form.get_by_label("E-mail address").fill(address)
    form.get_by_label("Number of people").select_option("2")
    form.get_by_label("I agree").check()
    journey.follow(form.get_by_role("button", name="Send"))

    expect(journey.page.locator("main h1")).to_have_text("Thank you for registering")
    expect(journey.main()).to_contain_text("Confirmed")
    [confirmation] = mails_to(portal_server.mail_dir, address)
    journey.checker.check_text(body_of(confirmation), f"mail to {address}")
