"""The journeys' checker fails when it should: one tiny crafted page per condition.

The pages are served by the browser itself (Playwright routes) on a made-up host, so these
tests need chromium and no portal server.
"""

from __future__ import annotations

import pytest

from tests.journeys.checker import Checker, JourneyProblem
from tests.journeys.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.journey

PORTAL = "http://portal.test"
# A transparent 1×1 PNG.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
CLEAN_BODY = """<main><h1>Salons</h1>
<p>Tea and a chat on Tuesdays at <span lang="ja">本庄公民館</span>.</p>
<p><a href="/en/places/">All places</a> <a href="tel:0263-34-3000">0263-34-3000</a></p></main>"""


def html(body: str, *, lang: str = "en", head: str = "") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Salons</title>{head}</head><body>{body}</body></html>"
    )


@pytest.fixture
def crafted(browser):
    """Serve `pages` ({path: html or (status, content type, body, headers)}) and check one."""
    contexts = []

    def open_page(path: str, pages: dict, *, width: dict = DESKTOP):
        context = browser.new_context(**width)
        contexts.append(context)

        def serve(route):
            url_path = route.request.url.removeprefix(PORTAL)
            page = pages.get(url_path)
            if route.request.method == "POST":  # a form sent by a script, refused
                route.fulfill(status=400, content_type="application/json", body="{}")
            elif page is None:
                route.fulfill(status=404, body="not found")
            elif isinstance(page, str):
                route.fulfill(status=200, content_type="text/html; charset=utf-8", body=page)
            else:
                status, content_type, body, headers = page
                route.fulfill(status=status, content_type=content_type, body=body, headers=headers)

        context.route(f"{PORTAL}/**", serve)
        # Another host, unresolvable as in the journeys' browser (map tiles).
        context.route("https://tiles.example/**", lambda route: route.abort("namenotresolved"))
        checker = Checker(context, PORTAL)
        page = context.new_page()
        page.goto(f"{PORTAL}{path}")
        return checker, page

    yield open_page
    for context in contexts:
        context.close()


def test_a_clean_english_page_at_phone_width_passes(crafted):
    checker, page = crafted("/en/places/", {"/en/places/": html(CLEAN_BODY)}, width=PHONE)

    checker.check(page)  # raises on any problem


def test_a_server_error_in_what_the_page_loads_fails(crafted):
    pages = {
        "/en/": html(CLEAN_BODY + '<img src="/photo.png" alt="A salon">'),
        "/photo.png": (500, "text/plain", "boom", {}),
    }
    checker, page = crafted("/en/", pages)

    with pytest.raises(JourneyProblem, match=r"photo\.png: answered 500"):
        checker.check(page)


def test_a_console_error_fails(crafted):
    pages = {
        "/en/": html(CLEAN_BODY, head='<script src="/app.js"></script>'),
        "/app.js": (200, "text/javascript", 'console.error("map failed")', {}),
    }
    checker, page = crafted("/en/", pages)

    with pytest.raises(JourneyProblem, match="console error: map failed"):
        checker.check(page)


def test_a_tile_from_another_host_that_cannot_load_passes(crafted):
    tile = html(CLEAN_BODY + '<img src="https://tiles.example/14/1/2.png" alt="">')
    checker, page = crafted("/en/", {"/en/": tile})

    checker.check(page)  # raises on any problem


def test_an_admin_autosave_refused_for_an_incomplete_form_passes(crafted):
    script = 'fetch("/admin/pages/add/places/placepage/13/", {method: "POST"})'
    pages = {
        "/admin/pages/add/places/placepage/13/": html(CLEAN_BODY, lang="ja"),
        "/admin/autosave.js": (200, "text/javascript", script, {}),
    }
    checker, page = crafted("/admin/pages/add/places/placepage/13/", pages)
    page.add_script_tag(url=f"{PORTAL}/admin/autosave.js")
    page.wait_for_load_state("networkidle")

    checker.check(page)  # raises on any problem


def test_a_csp_violation_fails(crafted):
    policy = {"Content-Security-Policy": "default-src 'self'; style-src 'self'"}
    page_html = html(CLEAN_BODY.replace("<h1>", '<h1 style="color: red">'))
    pages = {"/en/": (200, "text/html; charset=utf-8", page_html, policy)}
    checker, page = crafted("/en/", pages)

    with pytest.raises(JourneyProblem, match="CSP violation: style-src"):
        checker.check(page)


def test_an_axe_violation_fails(crafted):
    pages = {
        "/en/": html(CLEAN_BODY + '<img src="/photo.png">'),
        "/photo.png": (200, "image/png", BLANK_PNG, {}),
    }
    checker, page = crafted("/en/", pages)

    with pytest.raises(JourneyProblem, match="image-alt"):
        checker.check(page)


def test_a_horizontal_scroll_at_phone_width_fails(crafted):
    wide = html(CLEAN_BODY + "<table><tr>" + "<td>Tuesday</td>" * 60 + "</tr></table>")
    checker, page = crafted("/en/", {"/en/": wide}, width=PHONE)

    with pytest.raises(JourneyProblem, match="scrolls sideways"):
        checker.check(page)


def test_japanese_text_on_an_english_page_outside_lang_ja_fails(crafted):
    mixed = html(CLEAN_BODY + "<p>Older people、Anyone</p>")
    checker, page = crafted("/en/places/", {"/en/places/": mixed})

    with pytest.raises(JourneyProblem, match="not marked lang=ja: p: Older people、Anyone"):
        checker.check(page)


def test_japanese_read_aloud_on_an_english_page_outside_lang_ja_fails(crafted):
    mixed = html(CLEAN_BODY + '<iframe src="/en/map/" title="地図"></iframe>')
    pages = {"/en/places/": mixed, "/en/map/": html("<p>Map</p>")}
    checker, page = crafted("/en/places/", pages)

    with pytest.raises(JourneyProblem, match=r"iframe \[title\]: 地図"):
        checker.check(page)


def test_japanese_text_on_a_japanese_page_passes(crafted):
    japanese = html("<main><h1>通いの場</h1><p>高齢の方、どなたでも</p></main>", lang="ja")
    checker, page = crafted("/places/", {"/places/": japanese})

    checker.check(page)  # raises on any problem


def test_a_link_to_another_host_fails(crafted):
    linked = html(CLEAN_BODY + '<p><a href="https://example.com/salon">More</a></p>')
    checker, page = crafted("/en/", {"/en/": linked})

    with pytest.raises(JourneyProblem, match=r"links to another host: a https://example\.com/"):
        checker.check(page)


def test_a_json_ld_url_on_another_host_fails(crafted):
    data = (
        '<script type="application/ld+json">{"@context": "https://schema.org",'
        ' "@type": "Event", "url": "http://localhost/en/events/1/"}</script>'
    )
    checker, page = crafted("/en/", {"/en/": html(CLEAN_BODY, head=data)})

    with pytest.raises(JourneyProblem, match=r"another host: JSON-LD http://localhost/"):
        checker.check(page)


def test_a_link_to_another_host_in_a_mail_or_feed_fails(crafted):
    checker, _ = crafted("/en/", {"/en/": html(CLEAN_BODY)})

    with pytest.raises(JourneyProblem, match=r"feed: links to another host: http://localhost/"):
        checker.check_text("URL:http://localhost/en/districts/daini/salon/\r\n", "feed")


def test_a_page_loaded_but_never_checked_fails(crafted):
    pages = {"/en/": html(CLEAN_BODY), "/en/places/": html(CLEAN_BODY)}
    checker, page = crafted("/en/", pages)
    page.goto(f"{PORTAL}/en/places/")
    checker.check(page)

    with pytest.raises(JourneyProblem, match=r"http://portal.test/en/: loaded but never checked"):
        checker.finish()
