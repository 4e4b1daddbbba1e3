"""What every page a journey visits must be (issue 12): the one checker all journeys share.

A `Checker` watches every page of a browser context through page events, and checks each
document when the journey has arrived on it (`check`). A journey fails on:

- a 5xx answer, to the page or to anything it loads (`response` events);
- a console error or an uncaught exception (`console`, `pageerror` events), except a
  failed load from another host (map tiles: the journeys' browser resolves no other host)
  and the admin's autosave refused while a form is incomplete (Wagtail's editor posts the
  form as staff type and answers 400 until it is valid; chromium logs that 400);
- a Content-Security-Policy violation (`securitypolicyviolation` events, recorded in
  every document by the script tests/browser/test_content_security_policy.py uses);
- an axe-core WCAG 2.1 A/AA violation (as tests/browser/test_accessibility.py runs it),
  in the page and its iframes (map documents);
- a horizontal scroll at a phone's width (390 px);
- Japanese (kanji, kana, Japanese punctuation) on an `/en/` page outside an element
  marked `lang="ja"`, in text or in text read aloud (alt, title, aria-label, placeholder);
- a link to another host than the portal's: `a`, `area`, `link`, a form's action, and URLs
  in JSON-LD (schema.org's own vocabulary aside). Only the page itself is searched: a map
  document, in its iframe, links to its tile server and map library by design; and the
  admin's Help menu links to Wagtail's editor guide.

Documents a journey loaded but never checked fail it too (`finish`), so a step cannot
slip past the checker. A checker made to keep going (JOURNEY_KEEP_GOING=1 for the journeys)
records what it finds and goes on, failing at the end with every problem (to survey
defects; CI stops at the first).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, ConsoleMessage, Frame, Page, Response
from playwright.sync_api import Error as PlaywrightError

from tests.browser.server import load_frames_of
from tests.browser.test_accessibility import axe_violations, describe
from tests.browser.test_content_security_policy import RECORD_VIOLATIONS

PHONE_WIDTH = 390
#: Text a reader sees or hears besides the text nodes.
READ_ATTRIBUTES = ["alt", "title", "aria-label", "placeholder"]
#: The admin's Help menu links to Wagtail's own editor guide (the one other host it may name).
ADMIN_LINK_HOSTS = {"guide.wagtail.org"}
#: JSON-LD names its types and enumerations by schema.org URLs: vocabulary, not links.
VOCABULARY = re.compile(r"^https?://schema\.org(/|$)")
#: How chromium reports a load from a host it cannot resolve (the journeys run offline).
UNRESOLVED = "net::ERR_NAME_NOT_RESOLVED"
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')]+")

# Kanji, kana, and Japanese punctuation and full-width forms (、。・「」（）〜 ２ …).
JAPANESE = (
    r"[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
FIND_UNMARKED_JAPANESE = """
([pattern, attributes]) => {
  const japanese = new RegExp(pattern);
  const isMarked = (element) => {
    const marked = element.closest("[lang]");
    return marked !== null && marked.lang.toLowerCase().split("-")[0] === "ja";
  };
  const where = (element) =>
    element.tagName.toLowerCase() + (element.className ? "." + element.className : "");
  const found = [];
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(element.tagName)) continue;
    if (japanese.test(node.data) && !isMarked(element)) {
      found.push(`${where(element)}: ${node.data.trim().slice(0, 80)}`);
    }
  }
  for (const attribute of attributes) {
    for (const element of document.querySelectorAll(`[${attribute}]`)) {
      const value = element.getAttribute(attribute);
      if (japanese.test(value) && !isMarked(element)) {
        found.push(`${where(element)} [${attribute}]: ${value.slice(0, 80)}`);
      }
    }
  }
  return found;
}
"""
FIND_LINKS = """
() => {
  const links = [];
  for (const element of document.querySelectorAll("a[href], area[href], link[href]")) {
    links.push(`${element.tagName.toLowerCase()} ${element.href}`);
  }
  for (const form of document.querySelectorAll("form[action]")) links.push(`form ${form.action}`);
  const walk = (value) => {
    if (typeof value === "string") {
      if (/^https?:/i.test(value)) links.push(`JSON-LD ${value}`);
    } else if (value && typeof value === "object") {
      Object.values(value).forEach(walk);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      walk(JSON.parse(script.textContent));
    } catch (error) {
      links.push(`JSON-LD unreadable: ${error}`);
    }
  }
  return links;
}
"""
# axe measures colours as they are: a message still fading in fails colour contrast. Finish
# the document's finite animations and transitions first (their end state is what stays).
SETTLE = """
() => document.getAnimations()
  .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
  .forEach((animation) => animation.finish())
"""
HORIZONTAL_OVERFLOW = """
() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]
"""


class JourneyProblem(AssertionError):
    """What the checker found wrong, one line per problem, each naming its page."""


def is_english(url: str) -> bool:
    path = urlsplit(url).path
    return path == "/en" or path.startswith("/en/")


class Checker:
    """Watches every page of `context` and checks the documents a journey arrives on."""

    def __init__(self, context: BrowserContext, portal_url: str, *, keep_going: bool = False):
        self.host = urlsplit(portal_url).netloc
        self.keep_going = keep_going
        self.pending: list[str] = []  # found by events, reported by the next check
        self.kept: list[str] = []  # found while keeping going
        self.loaded: list[str] = []
        self.autosaves_refused: set[str] = set()
        self.checked: set[str] = set()
        context.add_init_script(RECORD_VIOLATIONS)
        context.on("page", self.watch)
        for page in context.pages:
            self.watch(page)

    # --- Events, as they happen --------------------------------------------------------

    def watch(self, page: Page) -> None:
        page.on("response", self.on_response)
        page.on("console", lambda message: self.on_console(page, message))
        page.on("pageerror", lambda error: self.pending.append(f"{page.url}: uncaught {error}"))
        page.on("load", lambda loaded: self.loaded.append(loaded.url))

    def on_response(self, response: Response) -> None:
        if response.status >= 500:
            self.pending.append(f"{response.url}: answered {response.status}")
        elif (
            response.status == 400
            and response.request.resource_type in ("fetch", "xhr")
            and urlsplit(response.url).path.startswith("/admin/")
        ):
            self.autosaves_refused.add(response.url)

    def on_console(self, page: Page, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        source = message.location.get("url") or page.url
        if UNRESOLVED in message.text and urlsplit(source).netloc != self.host:
            return  # map tiles: the journeys' browser resolves no host but the portal's
        if "status of 400" in message.text and source in self.autosaves_refused:
            return  # the admin's autosave of a form not yet valid
        self.pending.append(f"{source}: console error: {message.text}")

    # --- Each document, once the journey is on it -------------------------------------

    def check(self, page: Page) -> None:
        """Check the document `page` shows now (and its iframes); fail on any problem."""
        page.wait_for_load_state("load")
        frames = load_frames_of(page)
        found = []
        for document in [page.main_frame, *frames]:
            found += [f"{document.url}: {text}" for text in self.csp_violations(document)]
        page.evaluate(SETTLE)
        violations = axe_violations(page, frames)
        if violations:
            found.append(f"{page.url}: {describe(violations)}")
        found += [f"{page.url}: {text}" for text in self.horizontal_scroll(page)]
        for document in [page.main_frame, *frames]:
            if is_english(document.url):
                found += [
                    f"{document.url}: Japanese not marked lang=ja: {text}"
                    for text in document.evaluate(
                        FIND_UNMARKED_JAPANESE, [JAPANESE, READ_ATTRIBUTES]
                    )
                ]
        found += [f"{page.url}: {text}" for text in self.foreign_links(page)]
        self.checked.add(page.url)
        self.report(found)

    def check_text(self, text: str, where: str) -> None:
        """Check the links in a text the portal sends other than a page (a mail, a feed)."""
        self.report(
            [
                f"{where}: links to another host: {url}"
                for url in URL_IN_TEXT.findall(text)
                if urlsplit(url).netloc != self.host
            ]
        )

    def csp_violations(self, document: Frame) -> list[str]:
        if not document.url.startswith("http"):
            return []  # about:blank and the like run nothing of ours
        try:
            events = document.evaluate("() => window.__cspViolations")
        except PlaywrightError as error:  # a frame that went away meanwhile
            return [f"CSP violations could not be read ({error})"]
        if events is None:
            return ["the CSP violation recorder did not run"]
        return [f"CSP violation: {event}" for event in events]

    def horizontal_scroll(self, page: Page) -> list[str]:
        viewport = page.viewport_size
        if viewport is None or viewport["width"] > PHONE_WIDTH:
            return []
        scroll_width, width = page.evaluate(HORIZONTAL_OVERFLOW)
        if scroll_width > width:
            return [f"scrolls sideways: {scroll_width} px of content in {width} px"]
        return []

    def foreign_links(self, page: Page) -> list[str]:
        allowed = {self.host}
        if urlsplit(page.url).path.startswith("/admin/"):
            allowed |= ADMIN_LINK_HOSTS
        found = []
        for link in page.evaluate(FIND_LINKS):
            kind, _, url = link.partition(" ")
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https"):
                continue  # tel:, mailto:, and the like
            if kind == "JSON-LD" and VOCABULARY.match(url):
                continue
            if parts.netloc not in allowed:
                found.append(f"links to another host: {kind} {url}")
        return found

    # --- Reporting ----------------------------------------------------------------------

    def report(self, found: list[str]) -> None:
        problems, self.pending = [*self.pending, *found], []
        if not problems:
            return
        if self.keep_going:
            self.kept += problems
            return
        raise JourneyProblem("\n".join(problems))

    def finish(self) -> None:
        """At the end of a journey: problems found since the last check, pages never checked."""
        unchecked = [url for url in dict.fromkeys(self.loaded) if url not in self.checked]
        self.report([f"{url}: loaded but never checked" for url in unchecked])
        if self.kept:
            problems, self.kept = self.kept, []
            raise JourneyProblem("\n".join(problems))
