"""At 320 CSS px (WCAG 1.4.10 Reflow) a district page needs no horizontal scrolling."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}


def test_district_page_reflows_at_320px_and_shows_hub_phone(new_context):
    page = new_context(viewport=NARROW).new_page()
    page.goto("/districts/daini/")

    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= NARROW["width"], f"page is {scroll_width}px wide at 320px"
    phone = page.locator(".hub a[href^='tel:']")
    expect(phone).to_be_visible()
    box = phone.bounding_box()
    assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= NARROW["width"], box


PHONES = [
    pytest.param({"width": 390, "height": 844}, id="390px"),
    pytest.param({"width": 320, "height": 640}, id="320px"),
]


@pytest.mark.parametrize("viewport", PHONES)
def test_month_calendar_needs_no_horizontal_scrolling_on_a_phone(new_context, viewport):
    page = new_context(viewport=viewport).new_page()
    page.goto("/events/calendar/")

    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= viewport["width"], f"page is {scroll_width}px wide"


@pytest.mark.parametrize("viewport", PHONES)
def test_month_calendar_on_a_phone_heads_each_day_with_its_full_date(new_context, viewport):
    page = new_context(viewport=viewport).new_page()
    page.goto("/events/calendar/")

    first_day = page.locator(".calendar td:has(.calendar__events)").first
    expect(first_day.locator(".calendar__full-date")).to_be_visible()


def test_month_calendar_is_still_a_grid_of_weeks_on_a_wide_screen(new_context):
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto("/events/calendar/")

    widths = page.evaluate(
        "() => [...document.querySelectorAll('.calendar tbody tr:first-child td')]"
        ".map(td => Math.round(td.getBoundingClientRect().width))"
    )
    assert len(widths) == 7 and min(widths) > 80, widths
