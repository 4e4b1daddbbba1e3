"""axe-core on the events pages (issue 4), found by following links as a resident would."""

import pytest

from tests.browser.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

LANGUAGES = [pytest.param("", id="ja"), pytest.param("/en", id="en")]


def assert_no_violations(page, load_frames, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} answered {response.status}"
    violations = axe_violations(page, load_frames(page))
    assert not violations, f"{url}: {describe(violations)}"


def first_event(page, prefix: str) -> str:
    """The first event a resident of 第二地区 finds in the list of events."""
    page.goto(f"{prefix}/events/?district=daini")
    return page.locator("main .card__title a").first.get_attribute("href")


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_event_list_has_no_wcag_21_aa_violations(axe_page, load_frames, prefix):
    assert_no_violations(axe_page, load_frames, f"{prefix}/events/")


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_month_calendar_has_no_wcag_21_aa_violations(axe_page, load_frames, prefix):
    assert_no_violations(axe_page, load_frames, f"{prefix}/events/calendar/")


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_next_month_calendar_has_no_wcag_21_aa_violations(axe_page, load_frames, prefix):
    axe_page.goto(f"{prefix}/events/calendar/")
    next_month = axe_page.locator("main .month-nav a[rel=next]").get_attribute("href")
    assert "?month=" in next_month

    assert_no_violations(axe_page, load_frames, next_month)


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_event_page_has_no_wcag_21_aa_violations(axe_page, load_frames, prefix):
    url = first_event(axe_page, prefix)
    assert url.startswith(f"{prefix}/districts/daini/")

    assert_no_violations(axe_page, load_frames, url)


def test_district_flyer_answers(page):
    response = page.goto("/districts/daini/events/print/")

    assert response is not None and response.status == 200


def test_district_flyer_has_no_wcag_21_aa_violations(axe_page, load_frames):
    assert_no_violations(axe_page, load_frames, "/districts/daini/events/print/")


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_month_calendar_on_a_phone_has_no_wcag_21_aa_violations(new_context, load_frames, prefix):
    page = new_context(bypass_csp=True, viewport={"width": 390, "height": 844}).new_page()
    assert_no_violations(page, load_frames, f"{prefix}/events/calendar/")
