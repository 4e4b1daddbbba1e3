import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from portal.ratelimit import client_ip, parse_rate, rate_limit


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    cache.clear()


@rate_limit("test")
def view(request):
    return HttpResponse("ok")


def post(address="203.0.113.5", **headers):
    request = RequestFactory().post("/", REMOTE_ADDR=address, **headers)
    request.LANGUAGE_CODE = "ja"
    return request


def test_parse_rate():
    assert parse_rate("10/h") == (10, 3600)
    assert parse_rate("5/m") == (5, 60)


@override_settings(RATE_LIMITS={"default": "20/h", "test": "2/h"})
def test_posts_beyond_the_limit_get_429_with_a_page(db):
    statuses = [view(post()).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@override_settings(RATE_LIMITS={"default": "20/h", "test": "1/h"})
def test_each_client_has_its_own_count(db):
    assert view(post("203.0.113.5")).status_code == 200
    assert view(post("203.0.113.6")).status_code == 200


@override_settings(RATE_LIMITS={"default": "20/h", "test": "1/h"})
def test_get_requests_are_not_counted(db):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.5")
    assert all(view(request).status_code == 200 for _ in range(3))


def test_forwarded_header_from_an_untrusted_client_is_ignored():
    request = post("203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == "203.0.113.5"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_forwarded_header_from_a_trusted_proxy_gives_the_client():
    request = post("10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9, 10.0.0.3")
    assert client_ip(request) == "203.0.113.9"
