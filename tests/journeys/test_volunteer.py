"""Journey 3: a volunteer at a desktop, in English, signs up for a shift and cancels from the
confirmation mail (read from the server's mail files); the place is free again afterwards.
"""

import re
import secrets

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import body_of, mails_to

pytestmark = pytest.mark.journey

OPPORTUNITY = "Planting the district flower beds"  # 第三地区's, 8 places a shift
CANCEL_LINK = re.compile(r"https?://\S+/cancel/\S+")


def places_left_on_first_date(journey) -> str:
    return journey.page.locator("main .shift-list__item .badge").first.inner_text()


def test_a_volunteer_signs_up_and_cancels_from_the_mail(new_journey, portal_server):
    journey = new_journey("en", 1280)
    journey.start()
    journey.follow(journey.page.locator("header nav a", has_text="Volunteer"))
    journey.follow(journey.page.locator("main a", has_text=OPPORTUNITY))
    places_before = places_left_on_first_date(journey)

    journey.follow(journey.page.locator("main a", has_text="Sign up"))
    address = f"volunteer-{secrets.token_hex(4)}@example.jp"
    form = journey.page.locator("main form[method=post]")
    form.locator("input[name=shifts]").first.check()
    form.get_by_label("Your name (required)").fill("Kakuu Jiro")
    form.get_by_label("E-mail address").fill(address)
    form.get_by_label("I agree").check()
    journey.follow(form.get_by_role("button", name="Send"))
    expect(journey.main()).to_contain_text("Confirmed")

    [confirmation] = mails_to(portal_server.mail_dir, address)
    body = body_of(confirmation)
    journey.checker.check_text(body, f"mail to {address}")
    journey.open_from_mail(CANCEL_LINK.search(body).group(0))
    journey.follow(journey.page.get_by_role("button", name="Yes, cancel my sign-up"))
    expect(journey.page.locator("main h1")).to_have_text("Your sign-up has been cancelled")

    journey.follow(journey.page.locator("main a", has_text="See all volunteer opportunities"))
    journey.follow(journey.page.locator("main a", has_text=OPPORTUNITY))
    assert places_left_on_first_date(journey) == places_before
