import pytest
from django.test import override_settings

from portal import page_cache

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(
    client, django_assert_num_queries
):
    assert client.get("/districts/daini/")["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get("/districts/daini/")
    assert response["X-Page-Cache"] == "hit"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_publishing_a_page_purges_the_cache(client, daini):
    client.get("/districts/daini/")
    daini.intro = "新しい紹介文です。"
    daini.save_revision().publish()
    response = client.get("/districts/daini/")
    assert response["X-Page-Cache"] == "miss"
    assert "新しい紹介文です。" in response.content.decode()


def test_a_visitor_with_a_session_is_never_served_from_the_cache(client, admin_user):
    client.get("/districts/daini/")
    client.force_login(admin_user)
    assert "X-Page-Cache" not in client.get("/districts/daini/")


def test_the_admin_is_never_cached(client):
    client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_a_response_that_sets_a_cookie_is_not_stored(client):
    from django.http import HttpResponse

    response = HttpResponse("x")
    response.set_cookie("csrftoken", "abc")
    assert not page_cache._cacheable_response(response)


def test_each_query_string_is_its_own_page(client):
    client.get("/places/?kind=salon")
    assert client.get("/places/?kind=community-dining")["X-Page-Cache"] == "miss"


@override_settings(PAGE_CACHE_GENERATION_SECONDS=3600)
def test_a_purge_from_another_node_is_seen_after_the_generation_ttl(client, monkeypatch):
    client.get("/districts/daini/")
    page_cache.GENERATION.bump()  # another node purged (its own Generation is not told)
    assert client.get("/districts/daini/")["X-Page-Cache"] == "hit"  # this node trusts its copy
    # ...until the TTL has passed:
    monkeypatch.setattr(page_cache.generation, "read_at", float("-inf"))
    assert client.get("/districts/daini/")["X-Page-Cache"] == "miss"
