"""/consult/ on a phone without JavaScript: the resident picks a field and a district and
gets the hub and the windows with their phone numbers (consult/)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def narrow_page_without_script(new_context):
    return new_context(java_script_enabled=False, viewport=NARROW).new_page()


def test_choosing_a_field_and_a_district_without_javascript_shows_the_district_hub(
    narrow_page_without_script,
):
    page = narrow_page_without_script
    page.goto("/consult/")
    page.get_by_label("何について相談したいですか").select_option("hardship")
    page.get_by_label("お住まいの地区").select_option("daini")
    page.get_by_role("button", name="相談先を表示").click()

    expect(page.locator(".hub a[href^='tel:']")).to_be_visible()


def test_a_chosen_field_shows_a_window_with_a_phone_number_without_javascript(
    narrow_page_without_script,
):
    page = narrow_page_without_script
    page.goto("/consult/")
    page.get_by_label("何について相談したいですか").select_option("hardship")
    page.get_by_role("button", name="相談先を表示").click()

    expect(page.locator("#field-hardship ~ ul a[href^='tel:']").first).to_be_visible()


@pytest.mark.parametrize("path", ["/consult/?district=daini", "/en/consult/?district=daini"])
def test_the_consult_page_needs_no_horizontal_scrolling_at_320px(new_context, path):
    page = new_context(viewport=NARROW).new_page()
    page.goto(path)

    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= NARROW["width"], f"{path} is {scroll_width}px wide at 320px"
