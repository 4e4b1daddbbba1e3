"""Journey: a resident worried about money finds where to ask, on a phone.

From the home page through the header's 相談窓口, they choose お金・仕事・暮らし and their
district (第二地区): the district's hub comes first with its phone, then まいさぽ松本 with
its phone and hours. Then the same answer in English through the language switcher.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.journey


def test_a_resident_finds_where_to_ask_about_money_in_their_district(new_journey):
    journey = new_journey("ja", 390)
    journey.start()
    journey.follow(journey.page.locator("header a[href='/consult/']"))

    form = journey.page.locator("main form.filters")
    form.get_by_label("何について相談したいですか").select_option(label="お金・仕事・暮らし")
    form.get_by_label("お住まいの地区").select_option(label="第二地区")
    journey.follow(form.get_by_role("button", name="相談先を表示"))

    expect(journey.page.locator(".hub a[href^='tel:']")).to_be_visible()
    window = journey.page.locator("#answers .card", has_text="まいさぽ松本")
    expect(window.locator("a[href='tel:0263-34-3041']")).to_be_visible()
    expect(window).to_contain_text("平日 8:30〜17:15")

    journey.follow(journey.page.locator("header a[hreflang=en]"))
    window = journey.page.locator("#answers .card", has_text="Maisapo Matsumoto")
    expect(window.locator("a[href='tel:0263-34-3041']")).to_be_visible()
    expect(window).to_contain_text("Weekdays 8:30–17:15")


def test_a_resident_finds_their_district_from_the_reading_of_their_town(new_journey):
    journey = new_journey("en", 390)
    journey.start()  # the home page, then English through the language switcher
    journey.follow(journey.page.locator("header a[href='/en/districts/']"))

    form = journey.page.locator("main form.filters")
    form.get_by_label("Your address, town or postcode").fill("honjo")
    journey.follow(form.get_by_role("button", name="Find my district"))

    answer = journey.page.locator("#answer")
    expect(answer).to_contain_text("Guide")
    expect(answer.locator(".card__title")).to_have_text("Daini District")
    expect(answer.locator("a[href^='tel:']")).to_be_visible()
