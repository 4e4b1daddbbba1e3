"""Public pages keep their strict Content-Security-Policy and load nothing from other hosts.

docs/architecture.md: public pages carry no inline script or style and every asset comes
from the portal itself (no third-party CDN). The one exception is a map
document's tiles: a map is its own document, in an iframe, whose policy names
the tile server (and the hashes of its own inline blocks). So the page itself
loads only same-origin scripts, stylesheets, images and fonts; an embedded map
document loads only same-origin scripts, stylesheets and fonts, and images from
its own origin or a host its own policy names in img-src. This runs in a normal
context, so the browser enforces the policies the server sends.

Every public page type is covered, in both languages where it exists in both.
URLs come from following links in the demo content, as a resident would, so a
renamed demo page does not silently drop a page type. A violation is caught
twice over: chromium's console message, and the `securitypolicyviolation`
event, recorded by a script that runs first in every document (maps included).

Not covered: the .ics feeds and the CSV/open-data files (not HTML), and the
429 page: the rate limits count per client address, and every browser test
shares 127.0.0.1, so exhausting one would fail the other tests of the session.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Response, expect

from tests.browser.test_support_accessibility import (
    RESIDENTS,
    fill_intake_form,
    open_intake_form,
    submit_intake_form,
)

pytestmark = pytest.mark.browser

CHECKED_RESOURCE_TYPES = {"script", "stylesheet", "image", "font"}
LANGUAGES = {"ja": "", "en": "/en"}
# Runs before any of the document's own scripts, in every frame: a violation
# reported while the page loads is kept, whether or not anything logs it.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"}` +
    ` at ${event.sourceFile || document.URL}:${event.lineNumber} ${event.sample || ""}`
  );
}, true);
"""
# What a resident types into the public forms (all fictional).
NAME = {"ja": "架空 太郎", "en": "Taro Kakuu"}
FURIGANA = "かくう たろう"
EMAIL = "taro.kakuu@example.jp"


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return []


class CspWatch:
    """Everything a page reports about its Content-Security-Policy, and what it requested."""

    def __init__(self, page: Page):
        self.page = page
        self.messages: list[str] = []
        self.requests = []
        self.policies: dict[str, str] = {}
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", lambda message: self.messages.append(f"console: {message.text}"))
        page.on("pageerror", lambda error: self.messages.append(f"page error: {error}"))
        page.on("request", lambda request: self.requests.append(request))
        page.on(
            "response",
            lambda response: self.policies.__setitem__(
                response.url, response.header_value("content-security-policy") or ""
            ),
        )

    def violations(self) -> list[str]:
        """Violations of the documents now open (page and frames), and any logged before."""
        found = [text for text in self.messages if "content security policy" in text.lower()]
        for frame in self.page.frames:
            if not frame.url.startswith("http"):
                continue  # about:blank and the like run nothing of ours
            try:
                events = frame.evaluate("() => window.__cspViolations")
            except PlaywrightError as error:  # a frame that went away meanwhile
                found.append(f"{frame.url}: could not be read ({error})")
                continue
            if events is None:
                found.append(f"{frame.url}: the violation recorder did not run")
                continue
            found += [f"{frame.url}: {event}" for event in events]
        return found

    def foreign_assets(self, own_origin: str) -> list[str]:
        foreign = []
        for request in self.requests:
            if request.resource_type not in CHECKED_RESOURCE_TYPES:
                continue
            if urlsplit(request.url).scheme not in ("http", "https"):
                continue  # data: images
            if origin(request.url) == own_origin:
                continue
            frame = request.frame
            if request.resource_type == "image":
                frame_policy = self.policies.get(frame.url, "")
                if origin(request.url) in directive(frame_policy, "img-src"):
                    # Map tiles, named by the map document's own policy (whether the
                    # document is in an iframe or opened on its own); a page's policy
                    # names no other host.
                    continue
            where = "page" if frame == self.page.main_frame else f"frame {frame.url}"
            foreign.append(f"{request.resource_type} {request.url} (from {where})")
        return foreign


def assert_strict(policy: str, url: str) -> None:
    """script-src 'self' (a map document adds only hashes of its own blocks), nothing unsafe."""
    assert directive(policy, "script-src")[:1] == ["'self'"], f"{url}: {policy!r}"
    assert "unsafe" not in policy, f"{url} relaxes its policy: {policy!r}"
    assert directive(policy, "object-src") == ["'none'"], f"{url}: {policy!r}"


# --- Finding each page type as a resident would ---------------------------------------------
# Each takes the page and the language prefix and returns either a URL to open
# or the response of a navigation it made itself (a form sent).


def href(page: Page, url: str, selector: str, attribute: str = "href") -> str:
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    link = page.locator(selector).first
    expect(link).to_have_count(1)
    return link.get_attribute(attribute)


def iframe_src(page: Page, url: str) -> str:
    """The map document a page embeds, opened on its own."""
    return href(page, url, "main iframe[src]", "src")


def a_district(page: Page, prefix: str) -> str:
    return href(page, f"{prefix}/districts/", "main a[href*='/districts/daini/']")


def a_place(page: Page, prefix: str) -> str:
    return href(page, f"{prefix}/places/?district=daini", "main .card__title a")


def an_event(page: Page, prefix: str) -> str:
    return href(page, f"{prefix}/events/?district=daini", "main .card__title a")


def an_opportunity(page: Page, prefix: str) -> str:
    return href(page, f"{prefix}/volunteer/?district=daini", "main .opportunity-card__title a")


def a_signup_form(page: Page, prefix: str) -> str:
    """The sign-up form of the first opportunity that takes sign-ups on line."""
    page.goto(f"{prefix}/volunteer/?district=daini")
    links = page.locator("main .opportunity-card__title a")
    for opportunity in [link.get_attribute("href") for link in links.all()]:
        page.goto(opportunity)
        button = page.locator("main a[href$='/signup/']")
        if button.count():
            return button.first.get_attribute("href")
    pytest.fail("no demo opportunity takes sign-ups on line")


def a_registration_form(page: Page, prefix: str) -> str:
    """The form of the next session of a demo event that needs registration."""
    event = href(page, f"{prefix}/events/?kind=consultation", "main .card__title a")
    return href(page, event, "main a[href*='/register/']")


def send(page: Page) -> Response:
    """Press the form's submit button; the response of the page it leads to."""
    with page.expect_navigation() as navigation:
        page.locator("main form[method=post] button[type=submit]").last.click()
    return navigation.value


def fill_contact(page: Page, language: str) -> None:
    form = page.locator("main form[method=post]")
    shifts = form.locator("input[name=shifts]")
    if shifts.count() and not form.locator("input[name=shifts]:checked").count():
        shifts.first.check()
    form.locator("#id_name").fill(NAME[language])
    if language == "ja":
        form.locator("#id_furigana").fill(FURIGANA)
    form.locator("#id_email").fill(EMAIL)
    form.locator("#id_consent").check()


def language_of(prefix: str) -> str:
    return "en" if prefix else "ja"


def signed_up(page: Page, prefix: str) -> str:
    page.goto(a_signup_form(page, prefix))
    fill_contact(page, language_of(prefix))
    assert send(page).ok
    expect(page).to_have_url(re.compile(r"/volunteer/thanks/"))
    return page.url


def registered(page: Page, prefix: str) -> str:
    page.goto(a_registration_form(page, prefix))
    fill_contact(page, language_of(prefix))
    assert send(page).ok
    expect(page).to_have_url(re.compile(r"/events/registration/thanks/"))
    return page.url


def cancel_link(page: Page, thanks_url: str) -> str:
    return href(page, thanks_url, "main a[href*='/cancel/']")


def with_errors(form_url: Callable[[Page, str], str]) -> Callable[[Page, str], Response]:
    """The form sent empty: the same page again, with its error summary."""

    def reach(page: Page, prefix: str) -> Response:
        page.goto(form_url(page, prefix))
        response = send(page)
        expect(page.locator("main .error-summary")).to_have_count(1)
        return response

    return reach


def cancelled(thanks: Callable[[Page, str], str]) -> Callable[[Page, str], Response]:
    def reach(page: Page, prefix: str) -> Response:
        page.goto(cancel_link(page, thanks(page, prefix)))
        return send(page)

    return reach


def intake_sent(page: Page, prefix: str) -> Response:
    resident = RESIDENTS[language_of(prefix)]
    open_intake_form(page, resident)
    fill_intake_form(page, resident)
    with page.expect_navigation() as navigation:
        page.locator("main form.intake-form button[type=submit]").click()
    expect(page.locator("main .reference-box__number")).to_have_count(1)
    return navigation.value


def intake_with_errors(page: Page, prefix: str) -> Response:
    open_intake_form(page, RESIDENTS[language_of(prefix)])
    with page.expect_navigation() as navigation:
        submit_intake_form(page)
    expect(page.locator("main .error-summary")).to_have_count(1)
    return navigation.value


def path(url: str) -> Callable[[Page, str], str]:
    return lambda page, prefix: f"{prefix}{url}"


@dataclass(frozen=True)
class PageType:
    name: str
    reach: Callable[[Page, str], str | Response]
    languages: tuple[str, ...] = ("ja", "en")
    status: int = 200


PAGE_TYPES = [
    PageType("home", path("/")),
    PageType("district-index", path("/districts/")),
    PageType("district", a_district),
    PageType(
        "accessibility-policy",
        lambda page, prefix: href(page, f"{prefix}/", "footer a[href$='/accessibility/']"),
    ),
    PageType(
        "privacy-policy",
        lambda page, prefix: href(page, f"{prefix}/", "footer a[href$='/privacy/']"),
    ),
    PageType("places", path("/places/")),
    PageType("places-filtered", path("/places/?kind=salon&district=daini")),
    PageType("places-near-not-found", path(f"/places/?near={quote('火星')}")),
    PageType("place", a_place),
    # No page embeds the districts map today; it is a route, so open it by its URL.
    PageType("map-districts", path("/maps/districts/")),
    PageType("map-district", lambda page, prefix: iframe_src(page, a_district(page, prefix))),
    PageType("map-places", lambda page, prefix: iframe_src(page, f"{prefix}/places/")),
    PageType("map-place", lambda page, prefix: iframe_src(page, a_place(page, prefix))),
    PageType("events", path("/events/")),
    PageType("events-calendar", path("/events/calendar/")),
    PageType("event", an_event),
    PageType("district-flyer", path("/districts/daini/events/print/")),
    PageType("event-registration-form", a_registration_form),
    PageType("event-registration-errors", with_errors(a_registration_form)),
    PageType("event-registration-thanks", registered),
    PageType(
        "event-registration-cancel",
        lambda page, prefix: cancel_link(page, registered(page, prefix)),
    ),
    PageType("event-registration-cancelled", cancelled(registered)),
    PageType("volunteer-opportunities", path("/volunteer/")),
    PageType("volunteer-opportunity", an_opportunity),
    PageType("volunteer-signup-form", a_signup_form),
    PageType("volunteer-signup-errors", with_errors(a_signup_form)),
    PageType("volunteer-signup-thanks", signed_up),
    PageType(
        "volunteer-signup-cancel", lambda page, prefix: cancel_link(page, signed_up(page, prefix))
    ),
    PageType("volunteer-signup-cancelled", cancelled(signed_up)),
    PageType("support-intake-form", path("/support/")),
    PageType("support-intake-errors", intake_with_errors),
    PageType("support-intake-thanks", intake_sent),
    PageType("search", path(f"/search/?q={quote('体操')}")),
    PageType("consult", path("/consult/?district=daini")),
    PageType("which-district", path(f"/which-district/?where={quote('本庄')}")),
    PageType("search-no-results", path("/search/?q=zzqqxx")),
    PageType("opendata", path("/opendata/")),
    PageType("not-found", path("/no-such-page/"), status=404),
]


@pytest.mark.parametrize(
    ("page_type", "language"),
    [
        pytest.param(page_type, language, id=f"{page_type.name}-{language}")
        for page_type in PAGE_TYPES
        for language in page_type.languages
    ],
)
def test_public_page_loads_without_csp_violations_or_third_party_assets(
    page, portal_server, load_frames, page_type, language
):
    watch = CspWatch(page)

    target = page_type.reach(page, LANGUAGES[language])
    response = page.goto(target) if isinstance(target, str) else target
    frames = load_frames(page)
    page.wait_for_load_state("networkidle")  # late requests and console messages too

    url = page.url
    assert response is not None and response.status == page_type.status, (
        f"{url} answered {response and response.status}:\n{portal_server.log_tail()}"
    )
    assert_strict(response.header_value("content-security-policy") or "", url)
    for frame in frames:
        assert_strict(watch.policies.get(frame.url, ""), frame.url)
    violations = watch.violations()
    assert not violations, f"{url}:\n" + "\n".join(violations)
    foreign = watch.foreign_assets(origin(portal_server.url))
    assert not foreign, f"{url} loaded assets from another origin:\n" + "\n".join(foreign)
    stylesheets = [request for request in watch.requests if request.resource_type == "stylesheet"]
    assert stylesheets, "the page's stylesheet was not seen"


def test_the_recorder_sees_a_violation(page):
    """The recorder itself works: an inline style a page adds is reported, not ignored."""
    watch = CspWatch(page)
    page.goto("/")
    page.evaluate(
        """() => {
            const style = document.createElement("style");
            style.textContent = "body { color: red; }";
            document.head.append(style);
        }"""
    )
    page.wait_for_timeout(100)  # the event is queued as a task
    assert any("style-src" in violation for violation in watch.violations())


def test_admin_has_its_relaxed_policy_and_loads_without_violations(page, portal_server):
    """Wagtail's admin needs inline code: its policy is relaxed under /admin/ and nowhere else."""
    watch = CspWatch(page)
    page.goto("/admin/login/")
    page.locator("#id_username").fill(portal_server.admin_username)
    page.locator("#id_password").fill(portal_server.admin_password)
    with page.expect_navigation() as navigation:
        page.locator("form button[type='submit']").click()
    dashboard = navigation.value
    expect(page).to_have_url(f"{portal_server.url}/admin/")
    page.wait_for_load_state("networkidle")
    assert "'unsafe-inline'" in directive(
        dashboard.header_value("content-security-policy") or "", "script-src"
    )
    assert not watch.violations(), "/admin/:\n" + "\n".join(watch.violations())

    # A page's edit view, found the way an editor finds it: the page explorer's search.
    page.goto(f"/admin/pages/search/?q={quote('第二地区')}")
    edit = page.locator("main a[href*='/edit/']").first
    edit_url = edit.get_attribute("href")
    assert re.search(r"/admin/pages/\d+/edit/$", edit_url), edit_url
    response = page.goto(edit_url)
    assert response is not None and response.status == 200
    expect(page.locator("form#page-edit-form")).to_have_count(1)
    page.wait_for_load_state("networkidle")
    assert not watch.violations(), f"{edit_url}:\n" + "\n".join(watch.violations())

    # The same signed-in browser on a public page gets the strict policy again.
    public = page.goto("/districts/daini/")
    assert public is not None and public.status == 200
    assert_strict(public.header_value("content-security-policy") or "", page.url)
    # Wagtail's user bar ("edit this page", its accessibility checker) works under that policy.
    page.locator("wagtail-userbar").locator("#wagtail-userbar-trigger").click()
    expect(page.locator("wagtail-userbar").locator("#wagtail-userbar-items")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert not watch.violations(), "/districts/daini/ signed in:\n" + "\n".join(watch.violations())
