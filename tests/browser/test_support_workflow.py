"""A resident's request, end to end (issue 6): the resident sends the intake form, in Japanese
or in English; staff find the case in the Wagtail admin (参加支援, /admin/support/cases/) and
move it through the whole follow-up with the case page's own form, which shows each status.
Also axe-core on the staff screens (the case list and a case page).

The staff users are made by the server fixture (conftest): a member of 第二地区's staff group
and a coordinator (コーディネーター（福祉政策課）).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_violations, describe
from tests.browser.test_support_accessibility import RESIDENTS, send_intake_request

pytestmark = pytest.mark.browser

CASE_LIST = "/admin/support/cases/"
#: received → contacted → matching → participating → follow_up → closed (support/choices.py).
FOLLOW_UP_PATH = ["contacted", "matching", "participating", "follow_up", "closed"]
#: A case page with all its forms takes over a second to arrive and start on a loaded machine:
#: wait as long as the contexts' default timeout (conftest), not expect's 5 s.
PAGE_TIMEOUT = 10_000


def log_in(page, portal_server, username: str) -> None:
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(portal_server.staff_password)
    page.locator("form button[type='submit']").click()
    expect(page).to_have_url(f"{portal_server.url}/admin/")


@pytest.fixture(scope="module")
def signed_in_sessions() -> dict:
    """Each staff user's cookies once signed in, so each signs in once per module."""
    return {}


@pytest.fixture
def staff_page(new_context, portal_server, signed_in_sessions):
    """Open a page of the admin signed in as a staff user (context options as for `new_context`)."""

    def open_as(username: str, **options):
        if username in signed_in_sessions:
            return new_context(storage_state=signed_in_sessions[username], **options).new_page()
        page = new_context(**options).new_page()
        log_in(page, portal_server, username)
        signed_in_sessions[username] = page.context.storage_state()
        return page

    return open_as


def status_labels(page) -> dict[str, str]:
    """Each status's name as the admin shows it (in its language), from the list's filter."""
    options = page.locator("main form.support-filters select[name=status] option")
    return {
        option.get_attribute("value"): option.inner_text().strip()
        for option in options.element_handles()
    }


def find_case(page, reference: str) -> None:
    """Search the list for the reference (a POST: nothing typed goes into the URL) and open it."""
    search = page.locator("main form[role=search]")
    search.locator("input[name=q]").fill(reference)
    search.locator("button[type=submit]").first.click()
    page.locator("main table.support-table a", has_text=reference).click()
    expect(page.locator("main .support-summary strong").first).to_have_text(
        reference, timeout=PAGE_TIMEOUT
    )


def shown_status(page):
    """The case page's summary: Reference, then Status."""
    return page.locator("main .support-summary .support-facts > dd").nth(1)


def change_status(page, status: str) -> None:
    box = page.locator("main section#status")
    box.locator("select[name='status-to_status']").select_option(status)
    box.locator("textarea[name='status-note']").fill(f"ブラウザーテスト：{status}")
    box.locator("button[type=submit]").click()


@pytest.mark.parametrize(
    ("language", "staff"),
    [
        pytest.param("ja", "district_staff_username", id="ja-district-staff"),
        pytest.param("en", "coordinator_username", id="en-coordinator"),
    ],
)
def test_staff_move_a_residents_request_through_the_whole_follow_up(
    new_context, staff_page, portal_server, language, staff
):
    resident = new_context().new_page()
    reference = send_intake_request(resident, RESIDENTS[language])

    page = staff_page(getattr(portal_server, staff))
    page.goto(CASE_LIST)
    labels = status_labels(page)
    find_case(page, reference)
    expect(shown_status(page)).to_have_text(labels["received"], timeout=PAGE_TIMEOUT)

    for status in FOLLOW_UP_PATH:
        change_status(page, status)
        expect(shown_status(page), f"after moving {reference} to {status}").to_have_text(
            labels[status], timeout=PAGE_TIMEOUT
        )
    expect(page.locator("main .support-timeline")).to_contain_text("ブラウザーテスト：closed")


def assert_no_admin_violations(page, load_frames) -> None:
    # The admin's own chrome (Wagtail's menu, header, dialogs) currently has no
    # violation either, so nothing is excluded: axe runs on the whole document.
    violations = axe_violations(page, load_frames(page))
    assert not violations, f"{page.url}: {describe(violations)}"


@pytest.mark.parametrize("staff", ["district_staff_username", "coordinator_username"])
def test_case_list_has_no_wcag_21_aa_violations(staff_page, load_frames, portal_server, staff):
    axe_page = staff_page(getattr(portal_server, staff), bypass_csp=True)
    response = axe_page.goto(CASE_LIST)
    assert response is not None and response.status == 200

    assert_no_admin_violations(axe_page, load_frames)


def test_case_page_has_no_wcag_21_aa_violations(staff_page, load_frames, portal_server):
    """A demo case that is taking part: its page has every section filled (a proposed place too)."""
    axe_page = staff_page(portal_server.district_staff_username, bypass_csp=True)
    axe_page.goto(CASE_LIST)
    filters = axe_page.locator("main form.support-filters").first
    filters.locator("select[name=status]").select_option("participating")
    filters.locator("button[type=submit]").click()
    expect(axe_page).to_have_url(re.compile(r"status=participating"))
    axe_page.locator("main table.support-table tbody a").first.click()
    expect(axe_page.locator("main #matches .support-match").first).to_be_visible()

    assert_no_admin_violations(axe_page, load_frames)
