"""A place page carries OpenGraph meta data and schema.org JSON-LD with position and hours."""

import datetime as dt
import json
import re

import pytest

from places.models import PlaceOpeningHours

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


@pytest.fixture
def salon(make_place):
    place = make_place(title="本庄ふれあいサロン", slug="honjo-salon", phone="0263-36-7040")
    place.opening_hours = [
        PlaceOpeningHours(weekday=1, opens=dt.time(10), closes=dt.time(12), note="第1週")
    ]
    place.save_revision().publish()
    return place


def test_a_place_page_has_opengraph(client, salon):
    html = client.get(salon.url).content.decode()
    assert '<meta property="og:title" content="本庄ふれあいサロン">' in html
    assert (
        '<meta property="og:description" content="お茶を飲みながらおしゃべりする集まりです。">'
        in html
    )
    assert (
        '<meta property="og:url" content="http://127.0.0.1:8000/districts/daini/honjo-salon/">'
        in html
    )


def test_a_place_page_has_json_ld_with_geo_and_opening_hours(client, salon):
    data = json_ld(client.get(salon.url).content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] in ("Place", "CivicStructure")
    assert data["name"] == "本庄ふれあいサロン"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 36.22577, "longitude": 137.97198}
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Tuesday",
            "opens": "10:00",
            "closes": "12:00",
            "description": "第1週",
        }
    ]
    assert data["address"]["streetAddress"] == "長野県松本市本庄2-3-23"


def test_a_city_run_place_is_a_civic_structure(client, make_place):
    place = make_place(title="第二地区公民館", organiser_type="public")
    assert json_ld(client.get(place.url).content.decode())["@type"] == "CivicStructure"


def test_editor_text_cannot_end_the_json_ld_block(client, make_place):
    place = make_place(title="サロン</script><script>alert(1)</script>")
    html = client.get(place.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == "サロン</script><script>alert(1)</script>"


def test_the_place_page_keeps_its_content_security_policy(client, salon):
    response = client.get(salon.url)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
