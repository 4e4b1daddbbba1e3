"""English pages carry no Japanese the portal itself wrote (issue 12).

What this covers: every text node of the demo's English event, place and volunteer
pages, of their lists (/en/events/, the month calendar, /en/places/, /en/volunteer/),
of a district page and of a district's flyer, outside elements marked `lang="ja"`
(addresses, holiday names, notes of changed dates) and outside scripts. The demo gives
every translatable field its English, and the one staff-written text the portal copies
rather than translates (a place's opening-hours note) is blanked first: so any Japanese
left is UI-generated (list separators, brackets, 〜, dates, weekdays, the rule of a
series, …), which must come from the English catalog. Not covered: attribute values
(placeholders, alt texts), the search page's Japanese search examples, and the near-me
field's example address on /en/places/ (`id_near_helptext`: an address as residents type
it, reworded by the places work of issue 12).
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import override_settings

from events.demo import load_demo_events
from events.models import EventPage
from places.demo import load_demo_places
from places.models import PlaceOpeningHours, PlacePage
from volunteers.demo import load_demo_opportunities
from volunteers.models import VolunteerOpportunityPage

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
NOT_COVERED = {"id_near_helptext"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class JapaneseOutsideLangJa(HTMLParser):
    """Collects text with CJK characters that is not inside a lang="ja" element."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        marked = (
            (attrs.get("lang") or "").startswith("ja")
            or tag in ("script", "style")
            or attrs.get("id") in NOT_COVERED
        )
        self.stack.append((tag, marked))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if CJK.search(data) and not any(marked for _tag, marked in self.stack):
            self.found.append(" ".join(data.split()))


def japanese_outside_lang_ja(html: str) -> list[str]:
    parser = JapaneseOutsideLangJa()
    parser.feed(html)
    return parser.found


def english_urls(model) -> list[str]:
    return [page.url for page in model.objects.live().filter(locale__language_code="en")]


def test_english_demo_pages_show_no_japanese_the_portal_wrote(client):
    with override_settings(DEMO_DISTRICTS="daini"):
        for load in (load_demo_places, load_demo_events, load_demo_opportunities):
            list(load())
    PlaceOpeningHours.objects.update(note="")  # copied, never translated: staff's text
    urls = [
        "/en/events/",
        "/en/events/calendar/",
        "/en/places/",
        "/en/volunteer/",
        "/en/districts/daini/",
        "/en/districts/daini/events/print/",
        *english_urls(EventPage),
        *english_urls(PlacePage),
        *english_urls(VolunteerOpportunityPage),
    ]
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts = japanese_outside_lang_ja(response.content.decode())
        if texts:
            found[url] = texts
    assert found == {}
