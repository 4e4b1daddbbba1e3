"""axe-core on the participation-support intake form (issue 6): empty, with errors, filled
in, and the thank-you page with its reference number, in Japanese and English.

The server lifts the intake rate limit (conftest: RATE_LIMIT_INTAKE), since these
tests post the form more often than one resident may in an hour.
"""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

REFERENCE = re.compile(r"^S-[23456789A-HJ-NP-Z]{8}$")


@dataclass(frozen=True)
class Resident:
    """What one resident types into the intake form (all fictional)."""

    prefix: str
    name: str
    furigana: str
    district: str  # the district's name as the drop-down shows it in that language
    contact_method: str
    phone: str = ""
    email: str = ""


RESIDENTS = {
    "ja": Resident(
        prefix="",
        name="架空 花子",
        furigana="かくう はなこ",
        district="第二地区",
        contact_method="phone",
        phone="090-0000-1234",
    ),
    "en": Resident(
        prefix="/en",
        name="Kakuu Hanako",
        furigana="",
        district="Daini District",
        contact_method="email",
        email="hanako.kakuu@example.jp",
    ),
}
LANGUAGES = [pytest.param(language, id=language) for language in RESIDENTS]


def assert_no_violations(page, load_frames, state: str) -> None:
    violations = axe_violations(page, load_frames(page))
    assert not violations, f"{page.url} ({state}): {describe(violations)}"


def open_intake_form(page, resident: Resident) -> None:
    response = page.goto(f"{resident.prefix}/support/")
    assert response is not None and response.status == 200


def fill_intake_form(page, resident: Resident) -> None:
    """Answer the required questions (and a few optional ones) as a resident would."""
    form = page.locator("main form.intake-form")
    form.locator("input[name=requester_type][value=self]").check()
    form.locator("#id_name").fill(resident.name)
    if resident.furigana:
        form.locator("#id_furigana").fill(resident.furigana)
    form.locator("#id_district").select_option(label=resident.district)
    if resident.phone:
        form.locator("#id_phone").fill(resident.phone)
    if resident.email:
        form.locator("#id_email").fill(resident.email)
    form.locator(f"input[name=contact_method][value={resident.contact_method}]").check()
    form.locator("input[name=interests][value=salon]").check()
    form.locator("#id_consent_contact").check()


def submit_intake_form(page) -> None:
    page.locator("main form.intake-form button[type=submit]").click()
    page.wait_for_load_state()


def send_intake_request(page, resident: Resident) -> str:
    """Fill in and send the form; return the reference number the thank-you page shows."""
    open_intake_form(page, resident)
    fill_intake_form(page, resident)
    submit_intake_form(page)
    number = page.locator("main .reference-box__number")
    expect(number).to_have_text(REFERENCE)
    return number.inner_text().strip()


@pytest.mark.parametrize("language", LANGUAGES)
def test_empty_intake_form_has_no_wcag_21_aa_violations(axe_page, load_frames, language):
    open_intake_form(axe_page, RESIDENTS[language])

    assert_no_violations(axe_page, load_frames, "empty")


@pytest.mark.parametrize("language", LANGUAGES)
def test_intake_form_with_errors_has_no_wcag_21_aa_violations(axe_page, load_frames, language):
    open_intake_form(axe_page, RESIDENTS[language])

    submit_intake_form(axe_page)

    expect(axe_page.locator("main .error-summary")).to_have_count(1)
    assert_no_violations(axe_page, load_frames, "with errors")


@pytest.mark.parametrize("language", LANGUAGES)
def test_filled_in_intake_form_has_no_wcag_21_aa_violations(axe_page, load_frames, language):
    open_intake_form(axe_page, RESIDENTS[language])

    fill_intake_form(axe_page, RESIDENTS[language])

    assert_no_violations(axe_page, load_frames, "filled in")


@pytest.mark.parametrize("language", LANGUAGES)
def test_thank_you_page_has_no_wcag_21_aa_violations(axe_page, load_frames, language):
    send_intake_request(axe_page, RESIDENTS[language])

    assert_no_violations(axe_page, load_frames, "thank-you page")
