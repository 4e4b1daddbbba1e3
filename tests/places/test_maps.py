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
    assert "\\u003c/script\\u003e" in html


def test_place_names_become_text_not_html():
    data = encode_markers(
        [Marker(36.2, 137.9, "<b>太字</b>", "/districts/daini/a/")],
        cluster=False,
        approximate_label="",
    )
    assert "\\u003cb\\u003e太字\\u003c/b\\u003e" in data


TITLES_THAT_END_OR_COMMENT_OUT_A_SCRIPT = [
    "<!--<script>",
    "サロン<!-- 休止中 -->",
    "</script><script>alert(1)</script>",
    "お茶会 & 体操 -->",
    "行\u2028区切り\u2029",
]


def test_a_title_that_would_comment_out_the_script_leaves_the_map_whole(client, make_place):
    """The HTML parser, not JavaScript, finds a script's end: after `<!--<script>` it skips
    the next `</script>`. So no script body may hold `<!--` or `<script`, and each body
    the browser sees is the one whose hash the policy allows."""
    for n, title in enumerate(TITLES_THAT_END_OR_COMMENT_OUT_A_SCRIPT):
        make_place(title=title, slug=f"script-title-{n}")
    response = client.get("/maps/districts/daini/")
    html, policy = response.content.decode(), response["Content-Security-Policy"]
    scripts = inline_blocks(html, "script")
    assert not [body for body in scripts if "<!--" in body or "<script" in body.lower()]
    assert all(sha256(body) in policy for body in scripts)


def test_markers_with_such_titles_parse_back_equal(client, make_place):
    import json

    for n, title in enumerate(TITLES_THAT_END_OR_COMMENT_OUT_A_SCRIPT):
        make_place(title=title, slug=f"script-title-{n}")
    html = client.get("/maps/districts/daini/").content.decode()
    data = json.loads(re.search(r"var data = (\{.*?\});\n", html).group(1))
    assert sorted(row[2] for row in data["p"]) == sorted(TITLES_THAT_END_OR_COMMENT_OUT_A_SCRIPT)


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
