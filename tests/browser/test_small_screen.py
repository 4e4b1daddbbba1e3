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
