import base64
import gzip
import hashlib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from places.maps import Marker, content_security_policy, encode_markers

pytestmark = pytest.mark.django_db


def inline_blocks(html: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_map_document_allows_exactly_its_own_inline_blocks(client, make_place):
    make_place()
    response = client.get("/maps/districts/daini/")
    html, policy = response.content.decode(), response["Content-Security-Policy"]
    for tag in ("script", "style"):
        for block in inline_blocks(html, tag):
            assert sha256(block) in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'self'" in policy


def test_map_document_loads_leaflet_from_the_portal_and_tiles_from_one_host(client, make_place):
    make_place()
    response = client.get("/places/map/")
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources)
    img_src = re.search(r"img-src ([^;]+)", response["Content-Security-Policy"]).group(1)
    assert img_src.split() == ["'self'", "data:", "https://tile.openstreetmap.org"]


def test_map_document_is_a_proper_document_without_zoom_lock(client, make_place):
    make_place()
    html = client.get("/en/maps/districts/daini/").content.decode()
    assert '<html lang="en">' in html and "<title>Map of places in Daini District</title>" in html
    assert "user-scalable" not in html
    assert "<noscript>" in html


def test_editor_text_cannot_break_out_of_the_map_script(client, make_place):
    make_place(title='</script><script>alert("x")</script>')
    html = client.get("/maps/districts/daini/").content.decode()
    assert '<script>alert("x")' not in html
    assert "<\\/script>" in html


def test_place_names_become_text_not_html():
    data = encode_markers(
        [Marker(36.2, 137.9, "<b>太字</b>", "/districts/daini/a/")],
        cluster=False,
        approximate_label="",
    )
    assert "<b>太字<\\/b>" in data


def test_a_cached_map_costs_no_database_query(client, make_place):
    make_place()
    client.get("/places/map/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/places/map/")
    assert len([q for q in queries if "places_placepage" in q["sql"]]) == 0


def test_publishing_a_place_refreshes_the_maps(client, make_place):
    make_place(title="最初のサロン")
    client.get("/places/map/")
    make_place(title="新しいサロン", slug="new-salon")
    assert "新しいサロン" in client.get("/places/map/").content.decode()


def test_5000_markers_fit_in_200_kb_gzipped():
    markers = [
        Marker(
            36 + i / 10000,
            137 + i / 10000,
            f"松本市第{i}地区ふれあいサロン",
            f"/districts/d{i % 35}/salon-{i}/",
        )
        for i in range(5000)
    ]
    data = encode_markers(markers, cluster=True, approximate_label="（おおよその位置）").encode()
    assert len(gzip.compress(data)) < 200_000


def test_policy_names_the_tile_host_only():
    policy = content_security_policy("<script>x</script>")
    assert "https://tile.openstreetmap.org" in policy
    assert policy.count("https://") == 1


def test_a_map_document_asked_with_an_address_is_private(client, make_place):
    make_place()
    control = client.get("/places/map/", {"near": "390-0812"})["Cache-Control"]
    assert {"private", "no-store"} <= {part.strip() for part in control.split(",")}


def test_a_map_document_without_an_origin_stays_public(client, make_place):
    make_place()
    assert "public" in client.get("/places/map/", {"kind": "salon"})["Cache-Control"]
