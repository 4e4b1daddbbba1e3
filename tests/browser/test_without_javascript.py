"""Everything is reachable without JavaScript (docs/architecture.md: some residents have it off)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DISTRICT_COUNT = 35  # Matsumoto's districts, the shipped default (home/data)


def test_home_page_lists_every_district_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/")

    links = page.locator("main .district-list a")

    assert links.count() == DISTRICT_COUNT
    assert all(
        href.startswith("/districts/")
        for href in links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    )


def test_language_switcher_leads_to_english_district_page_without_javascript(
    new_context, portal_server
):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/districts/daini/")

    page.locator(".language-switcher a[hreflang='en']").click()

    expect(page).to_have_url(f"{portal_server.url}/en/districts/daini/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
