"""Journey 1: a resident on a phone, in Japanese, finds a Tuesday salon near home.

First by postcode as a phone's keyboard types it (full-width digits: 県's, 390-0812), then as
a flyer prints it (本庄's, 390-0814): two different postcodes, so two look-ups from two of the
server's threads (a look-up that works in one thread only answers 500 the second time; the
same postcode twice would be answered from memory). Then by the town's name (本庄). Each time
the page says what the portal took the words to mean; near 本庄 the demo's
第二地区ふれあいサロン (本庄2-3-23, Tuesdays) comes first with its distance, and the results
are in view after the search (on a phone the filters fill the first screens: a list far below
looks like a button that did nothing).
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.journey

SALON = "第二地区ふれあいサロン"
# The text of the results, the filter form left out (its help text has example postcodes).
RESULTS_TEXT = """
() => {
  const main = document.querySelector("main").cloneNode(true);
  main.querySelector("form.filters")?.remove();
  return main.textContent;
}
"""


def search_tuesday_salons(journey, near: str) -> None:
    filters = journey.page.locator("main form.filters")
    filters.get_by_label("場所の種類").select_option(label="通いの場・サロン")
    filters.get_by_label("開いている曜日").select_option(label="火曜日")
    filters.get_by_label(re.compile("近くを探す")).fill(near)
    journey.follow(filters.get_by_role("button", name="この条件で表示"))


def assert_salon_comes_first(journey) -> None:
    first = journey.page.locator("main .card").first
    expect(first).to_be_in_viewport()
    expect(first.locator(".card__title")).to_have_text(SALON)
    expect(first).to_contain_text(re.compile(r"約\d+(\.\d+)? ?km"))


def nearness_line(journey) -> str:
    """The sentence saying from where the list is sorted (「…付近から近い順」)."""
    text = journey.page.evaluate(RESULTS_TEXT)
    return next((line for line in text.splitlines() if "近い順" in line), "")


def test_a_resident_finds_a_tuesday_salon_near_a_postcode_and_near_a_town(new_journey):
    journey = new_journey("ja", 390)
    journey.start()
    journey.follow(journey.page.locator("main a[href='/places/']").first)

    search_tuesday_salons(journey, "３９０－０８１２")
    line = nearness_line(journey)
    assert "県" in line and "390-0812" in line, f"does not say 390-0812 is 県: {line!r}"
    search_tuesday_salons(journey, "390-0814")
    assert_salon_comes_first(journey)
    line = nearness_line(journey)
    assert "本庄" in line and "390-0814" in line, f"does not say 390-0814 is 本庄: {line!r}"

    search_tuesday_salons(journey, "本庄")
    assert_salon_comes_first(journey)
    assert "本庄" in nearness_line(journey), nearness_line(journey)

    journey.follow(journey.page.locator("main .card__title a").first)
    expect(journey.page.locator("main h1")).to_have_text(SALON)
    expect(journey.main()).to_contain_text("火曜日")
