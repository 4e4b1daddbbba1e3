"""/favicon.ico (no console error on any page) and compressed HTML."""

import gzip

import pytest

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_favicon_is_served_at_the_root(client):
    response = client.get("/favicon.ico")

    assert body(response)[:4] == b"\0\0\1\0"  # an ICO file's header


def test_the_favicon_answers_head(client):
    assert client.head("/favicon.ico").status_code == 200


def test_every_page_names_its_icon(client):
    html = client.get("/districts/daini/").content.decode()

    assert '<link rel="icon" href="/favicon.ico"' in html


def test_the_not_found_page_names_its_icon_too(client):
    html = client.get("/no-such-page/").content.decode()

    assert '<link rel="icon" href="/favicon.ico"' in html


def test_html_is_compressed_when_the_client_accepts_gzip(client):
    response = client.get("/districts/daini/", **GZIP)

    assert gzip.decompress(response.content).decode().startswith("<!DOCTYPE html>")


def test_html_is_plain_for_a_client_that_does_not_accept_gzip(client):
    response = client.get("/districts/daini/")

    assert response.content.decode().startswith("<!DOCTYPE html>")


def test_compressed_responses_say_they_vary_by_accepted_encoding(client):
    response = client.get("/districts/daini/", **GZIP)

    assert "Accept-Encoding" in response["Vary"]


def test_a_csv_download_is_compressed_too(client, make_place):
    for number in range(5):
        make_place(title=f"ふれあいサロン{number}", slug=f"salon-{number}")

    response = client.get("/opendata/facilities.csv", **GZIP)

    assert response["Content-Encoding"] == "gzip"


def compressed(content_type: str) -> bool:
    from django.http import HttpResponse
    from django.test import RequestFactory

    from portal.compression import TextGZipMiddleware

    response = HttpResponse(b"0" * 2000, content_type=content_type)
    request = RequestFactory().get("/", **GZIP)
    return TextGZipMiddleware(lambda request: response)(request).has_header("Content-Encoding")


def test_geojson_is_compressed():
    assert compressed("application/geo+json")


def test_an_image_is_sent_as_it_is():
    assert not compressed("image/png")


@pytest.mark.usefixtures("page_cache_on")
def test_a_page_from_the_cache_is_compressed_like_a_fresh_one(client):
    fresh = gzip.decompress(client.get("/districts/daini/", **GZIP).content)
    response = client.get("/districts/daini/", **GZIP)

    assert (response["X-Page-Cache"], gzip.decompress(response.content)) == ("hit", fresh)


@pytest.mark.usefixtures("page_cache_on")
def test_a_browser_holding_the_compressed_page_gets_304(client):
    etag = client.get("/districts/daini/", **GZIP)["ETag"]

    response = client.get("/districts/daini/", HTTP_IF_NONE_MATCH=etag, **GZIP)

    assert response.status_code == 304
