"""sitemap.xml, robots.txt and the meta data every page carries for search engines and previews."""

import xml.etree.ElementTree as ET

import pytest

from portal.templatetags.portal_tags import json_ld

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
BASE = "http://127.0.0.1:8000"


def sitemap(client) -> dict[str, dict[str, str]]:
    """{location: {hreflang: href}} of every URL in the sitemap."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_pages_in_both_languages(client):
    urls = sitemap(client)
    assert f"{BASE}/districts/daini/" in urls
    assert f"{BASE}/en/districts/daini/" in urls


def test_sitemap_gives_hreflang_alternates_for_translated_pages(client):
    alternates = sitemap(client)[f"{BASE}/districts/daini/"]
    assert alternates == {
        "ja": f"{BASE}/districts/daini/",
        "en": f"{BASE}/en/districts/daini/",
        "x-default": f"{BASE}/districts/daini/",
    }


def test_sitemap_lists_the_places_list_and_open_data(client):
    urls = sitemap(client)
    assert f"{BASE}/places/" in urls and f"{BASE}/en/opendata/" in urls


def test_sitemap_leaves_out_unpublished_pages(client, make_place):
    place = make_place(title="非公開のサロン", slug="hidden-salon")
    place.unpublish()
    assert not any("hidden-salon" in url for url in sitemap(client))


def test_robots_txt_allows_the_public_site_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {BASE}/sitemap.xml" in lines


def test_robots_txt_keeps_crawlers_out_of_search_results(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /search/" in lines and "Disallow: /en/search/" in lines


def test_a_page_has_description_and_opengraph(client):
    html = client.get("/districts/daini/").content.decode()
    assert '<meta property="og:title" content="第二地区">' in html
    assert '<meta property="og:type" content="website">' in html
    assert f'<meta property="og:url" content="{BASE}/districts/daini/">' in html
    assert '<meta property="og:locale" content="ja_JP">' in html
    assert '<meta name="description" content="' in html


def test_a_page_names_its_translations(client):
    html = client.get("/en/districts/daini/").content.decode()
    assert '<meta property="og:locale" content="en_US">' in html
    assert f'<link rel="alternate" hreflang="ja" href="{BASE}/districts/daini/">' in html


def test_a_django_view_has_opengraph_too(client):
    html = client.get("/opendata/").content.decode()
    assert '<meta property="og:title" content="オープンデータ">' in html
    assert f'<link rel="alternate" hreflang="en" href="{BASE}/en/opendata/">' in html


def test_json_ld_cannot_close_its_script_element():
    html = json_ld({"name": "</script><script>alert(1)</script> & more"})
    assert html.startswith('<script type="application/ld+json">')
    assert html.count("</script>") == 1 and "\\u003c/script\\u003e" in html
