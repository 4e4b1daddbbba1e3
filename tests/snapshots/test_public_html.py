"""A snapshot of each public page type's HTML, in Japanese and English: a refactoring's
safety net. A change to a template, a view, a query's order or a translation that shows
on a page fails here with the diff; a change that was meant is recorded with
`pytest tests/snapshots --update-snapshots` and reviewed in the commit (docs/testing.md).

Every page is rendered by the test client from one world (tests/world.py) built with the
clock frozen (conftest.py), so dates, titles and slugs are the same on every run. What
still varies between runs is normalised, and only that (`normalise`): see VOLATILE.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.world import World, page_path

SNAPSHOTS = Path(__file__).parent / "html"
DIFF_LINES = 60
UPDATE_HINT = "run `pytest tests/snapshots --update-snapshots` if the change is meant"


@dataclass(frozen=True)
class Page:
    name: str
    #: The path without the language prefix, from the world and the language.
    path: Callable[[World, str], str]
    status: int = 200


PAGES = [
    Page("home", lambda w, lang: "/"),
    Page("district-index", lambda w, lang: "/districts/"),
    Page("district", lambda w, lang: "/districts/daini/"),
    Page("place", lambda w, lang: page_path(w.place)),
    Page("places", lambda w, lang: "/places/"),
    Page("places-filtered", lambda w, lang: "/places/?district=daini&kind=salon&weekday=1"),
    Page("places-near", lambda w, lang: "/places/?near=390-0812"),
    Page("event", lambda w, lang: page_path(w.recurring)),
    Page("events", lambda w, lang: "/events/"),
    Page("events-calendar", lambda w, lang: "/events/calendar/"),
    Page(
        "event-registration",
        lambda w, lang: (
            f"/events/{(w.event_en if lang == 'en' else w.event).pk}/register/{w.session}/"
        ),
    ),
    Page("opportunity", lambda w, lang: page_path(w.opportunity)),
    Page("volunteers", lambda w, lang: "/volunteer/"),
    Page(
        "volunteer-signup",
        lambda w, lang: (
            f"/volunteer/{(w.opportunity_en if lang == 'en' else w.opportunity).pk}/signup/"
        ),
    ),
    Page("intake", lambda w, lang: "/support/"),
    Page("policy", lambda w, lang: page_path(w.policy)),
    # 体操 as a browser sends it, percent-encoded. (Sent raw, the language switcher's link
    # carries it encoded twice: Django's get_full_path reads the WSGI query as Latin-1.)
    Page("search", lambda w, lang: "/search/?" + urlencode({"q": "体操"})),
    Page("opendata", lambda w, lang: "/opendata/"),
    Page("not-found", lambda w, lang: "/no-such-page/", status=404),
]
LANGUAGES = {"ja": "", "en": "/en"}

#: What differs between two renderings of the same world, each replaced by a fixed mark.
#: Tokens are random per response; database ids depend on what ran before in the same
#: database (the tests before on this worker, SQLite or PostgreSQL sequences), so an id
#: is replaced where a page shows one: in the URLs keyed by a page id and in the values
#: of the choices that are rows. Nothing else is: a new number on a page is a change.
VOLATILE: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    # Django's CSRF token, masked anew for every response.
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*"'), r'\1CSRF-TOKEN"'),
    # The intake form's signed random token (support.forms.new_form_token).
    (re.compile(r'(name="form_token" value=")[^"]*"'), r'\1FORM-TOKEN"'),
    # Page ids in URLs: /events/<id>.ics, /events/<id>/register/…, /volunteer/<id>/signup/,
    # /maps/places/<id>/.
    (re.compile(r"(/events/)\d+(\.ics|/register/)"), r"\1ID\2"),
    (re.compile(r"(/volunteer/)\d+(/signup/)"), r"\1ID\2"),
    (re.compile(r"(/maps/places/)\d+/"), r"\1ID/"),
    # Rows chosen by pk: a volunteer opportunity's shifts, the intake form's districts.
    (re.compile(r'(name="shifts" value=")\d+"'), r'\1ID"'),
    (
        re.compile(r'<select name="district"[^>]*>.*?</select>', re.S),
        lambda select: re.sub(r'value="\d+"', 'value="ID"', select[0]),
    ),
]


def normalise(html: str) -> str:
    """The page with VOLATILE's parts replaced and its whitespace runs collapsed."""
    for pattern, replacement in VOLATILE:
        html = pattern.sub(replacement, html)
    # Whitespace runs (template indentation, blank lines from tags) are no change a
    # person sees: each run becomes one space or, with a line break in it, one newline.
    html = re.sub(r"[ \t]*\n\s*", "\n", html)
    html = re.sub(r"[ \t]+", " ", html)
    return html.strip() + "\n"


def first_lines_of_diff(expected: str, actual: str, name: str) -> str:
    diff = list(
        difflib.unified_diff(
            expected.splitlines(),
            actual.splitlines(),
            f"{name} (snapshot)",
            f"{name} (rendered now)",
            lineterm="",
        )
    )
    shown = diff[:DIFF_LINES]
    if len(diff) > DIFF_LINES:
        shown.append(f"… {len(diff) - DIFF_LINES} more lines of diff")
    return "\n".join(shown)


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_public_page_html_is_unchanged(client, db, world, update_snapshots, page, language):
    url = LANGUAGES[language] + page.path(world, language)
    response = client.get(url)
    assert response.status_code == page.status, url
    assert response["Content-Type"].startswith("text/html"), url
    actual = normalise(response.content.decode())

    snapshot = SNAPSHOTS / f"{page.name}-{language}.html"
    if update_snapshots:
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(actual, encoding="utf-8")
        pytest.skip(f"wrote tests/snapshots/html/{snapshot.name} ({url})")
    assert snapshot.exists(), f"no snapshot of {url} yet: {UPDATE_HINT}"
    expected = snapshot.read_text(encoding="utf-8")
    if actual != expected:
        pytest.fail(
            f"{url} renders differently from {snapshot.name}; {UPDATE_HINT}.\n"
            + first_lines_of_diff(expected, actual, snapshot.name),
            pytrace=False,
        )


def test_every_snapshot_file_is_a_page():
    """A page taken off PAGES takes its snapshots with it."""
    expected = {f"{page.name}-{language}.html" for page in PAGES for language in LANGUAGES}
    assert sorted(path.name for path in SNAPSHOTS.glob("*.html")) == sorted(expected)


def test_normalise_replaces_the_volatile_parts_only():
    html = (
        '<input type="hidden" name="csrfmiddlewaretoken" value="aB3x9">\n'
        '    <a href="/en/events/412.ics?session=20300604T1330">  ics</a>\n\n'
        '<iframe src="/maps/places/81/"></iframe>'
        '<input type="checkbox" name="shifts" value="7" id="id_shifts_0">'
        '<select name="district" id="id_district"><option value="79">安曇地区</option></select>'
        '<select name="weekday"><option value="1">月曜日</option></select>'
        "<p>定員 10 名 (2030年6月4日)</p>"
    )
    assert normalise(html) == (
        '<input type="hidden" name="csrfmiddlewaretoken" value="CSRF-TOKEN">\n'
        '<a href="/en/events/ID.ics?session=20300604T1330"> ics</a>\n'
        '<iframe src="/maps/places/ID/"></iframe>'
        '<input type="checkbox" name="shifts" value="ID" id="id_shifts_0">'
        '<select name="district" id="id_district"><option value="ID">安曇地区</option></select>'
        '<select name="weekday"><option value="1">月曜日</option></select>'
        "<p>定員 10 名 (2030年6月4日)</p>\n"
    )
