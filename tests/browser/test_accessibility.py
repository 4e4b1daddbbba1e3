"""axe-core finds no WCAG 2.1 A/AA violation on each page type.

See docs/architecture.md, "Conventions": accessibility.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS},
    "resultTypes": ["violations"],
}
TARGETS_SHOWN = 3
AXE_SCRIPT = Axe().axe_script  # axe.min.js as shipped by axe-playwright-python

PAGES = [
    pytest.param("/", id="home-ja"),
    pytest.param("/en/", id="home-en"),
    pytest.param("/districts/", id="district-index-ja"),
    pytest.param("/en/districts/", id="district-index-en"),
    pytest.param("/districts/daini/", id="district-ja"),
    pytest.param("/en/districts/daini/", id="district-en"),
    pytest.param("/accessibility/", id="accessibility-policy-ja"),
    pytest.param("/admin/login/", id="admin-login"),
    pytest.param("/places/", id="places-ja"),
    pytest.param("/search/?q=%E3%81%9F%E3%81%84%E3%81%9D%E3%81%86", id="search-with-results"),
    pytest.param("/search/?q=zzqqxx", id="search-without-results"),
    pytest.param("/en/search/?q=salon", id="search-en"),
    pytest.param("/opendata/", id="opendata-ja"),
    pytest.param("/en/opendata/", id="opendata-en"),
    pytest.param("/en/places/?kind=salon", id="places-en-filtered"),
    pytest.param("/places/?near=%E7%81%AB%E6%98%9F", id="places-near-not-found"),
    pytest.param("/en/places/?near=390-0812", id="places-en-near-postcode"),
    pytest.param("/search/?q=390-0812", id="search-postcode-near-me"),
    pytest.param("/districts/daini/daini-district-friendship-salon/", id="place-ja"),
    pytest.param("/en/districts/daini/daini-district-friendship-salon/", id="place-en"),
    pytest.param("/consult/?district=daini", id="consult-ja-district"),
    pytest.param("/en/consult/?field=elderly", id="consult-en-field"),
    pytest.param("/consult/?field=unknown", id="consult-ja-invalid"),
    pytest.param("/which-district/?where=%E6%9C%AC%E5%BA%84", id="which-district-ja"),
    pytest.param("/en/which-district/?where=honjo", id="which-district-en"),
    pytest.param("/which-district/?where=%E7%81%AB%E6%98%9F", id="which-district-not-found"),
]


def axe_violations(page, frames) -> list[dict]:
    """Run axe-core on the page and on its iframes (map documents), as one report."""
    for frame in [page.main_frame, *frames]:
        frame.evaluate(AXE_SCRIPT)
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]


def describe(violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s):"]
    for violation in violations:
        targets = [" >> ".join(map(str, node["target"])) for node in violation["nodes"]]
        shown = ", ".join(targets[:TARGETS_SHOWN])
        more = f" (+{len(targets) - TARGETS_SHOWN} more)" if len(targets) > TARGETS_SHOWN else ""
        lines.append(
            f"- {violation['id']} [{violation['impact']}] {violation['help']}: {shown}{more}"
        )
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_wcag_21_aa_violations(axe_page, load_frames, portal_server, path):
    response = axe_page.goto(path)
    assert response is not None and response.status == 200, (
        f"{path} answered {response and response.status}:\n{portal_server.log_tail()}"
    )
    frames = load_frames(axe_page)

    violations = axe_violations(axe_page, frames)

    assert not violations, f"{path}: {describe(violations)}"


def test_japanese_hub_address_on_english_page_is_marked_as_japanese(page):
    """WCAG 3.1.2 (which axe cannot check): the address is Japanese in every locale."""
    page.goto("/en/districts/daini/")

    address = page.locator(".hub .facts").get_by_text("長野県松本市本庄2-3-23")

    expect(address).to_have_attribute("lang", "ja")
