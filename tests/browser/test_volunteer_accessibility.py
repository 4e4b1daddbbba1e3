"""axe-core on the volunteering pages, found by following links as a resident would."""

import pytest

from tests.browser.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser


def first_opportunity(page) -> str:
    page.goto("/volunteer/?district=daini")
    link = page.locator("main .opportunity-card__title a").first
    return link.get_attribute("href")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_volunteer_list_has_no_wcag_21_aa_violations(axe_page, load_frames, prefix):
    assert axe_page.goto(f"{prefix}/volunteer/").status == 200
    violations = axe_violations(axe_page, load_frames(axe_page))
    assert not violations, describe(violations)


def test_opportunity_page_has_no_wcag_21_aa_violations(axe_page, load_frames):
    url = first_opportunity(axe_page)
    assert axe_page.goto(url).status == 200
    violations = axe_violations(axe_page, load_frames(axe_page))
    assert not violations, f"{url}: {describe(violations)}"


def test_signup_form_and_its_error_state_have_no_wcag_21_aa_violations(axe_page, load_frames):
    assert axe_page.goto(first_opportunity(axe_page)).status == 200
    url = axe_page.locator("main a[href$='/signup/']").first.get_attribute("href")
    assert axe_page.goto(url).status == 200
    violations = axe_violations(axe_page, load_frames(axe_page))
    assert not violations, f"{url} (empty): {describe(violations)}"

    axe_page.locator("main form button[type=submit]").last.click()
    axe_page.wait_for_load_state()
    assert axe_page.locator(".error-summary").count() == 1
    violations = axe_violations(axe_page, load_frames(axe_page))
    assert not violations, f"{url} (with errors): {describe(violations)}"
