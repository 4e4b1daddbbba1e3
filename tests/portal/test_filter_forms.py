"""The lists' filter forms kept in the fragment cache by the query they show
(portal.filters.form_cache_key), and the word lists that purge them."""

import pickle

import pytest
from django.core.cache import caches
from django.test import RequestFactory
from django.utils import translation

from places.models import PlaceKind
from portal.filters import form_cache_key

pytestmark = pytest.mark.django_db

FORM_TEMPLATE = "places/includes/filters.html"


def templates_of(response) -> list[str]:
    return [template.name for template in response.templates]


def test_a_private_answer_keeps_no_form():
    request = RequestFactory().get("/places/", {"near": "本庄2-3-23"})
    assert form_cache_key(request, private=True) == ""


def test_the_page_number_does_not_change_the_forms_key():
    first = RequestFactory().get("/places/", {"kind": "salon"})
    second = RequestFactory().get("/places/", {"kind": "salon", "page": "2"})
    assert form_cache_key(first) == form_cache_key(second)


def test_each_language_keeps_its_own_form():
    request = RequestFactory().get("/places/", {"kind": "salon"})
    with translation.override("en"):
        english = form_cache_key(request)
    assert form_cache_key(request) != english


def test_a_form_drawn_once_is_taken_from_the_cache(client, daini):
    client.get("/places/", {"kind": "salon"})
    assert FORM_TEMPLATE not in templates_of(client.get("/places/", {"kind": "salon"}))


def test_a_near_me_form_is_drawn_each_time(client, daini):
    client.get("/places/", {"near": "本庄"})
    assert FORM_TEMPLATE in templates_of(client.get("/places/", {"near": "本庄"}))


def test_the_address_typed_for_near_me_stays_out_of_the_fragment_cache(client, daini):
    client.get("/places/", {"near": "本庄2丁目の角の家"})
    kept = caches["page_local"]._cache.values()
    assert not any("本庄2丁目の角の家" in str(pickle.loads(value)) for value in kept)


def test_a_renamed_kind_shows_in_a_kept_form_at_once(client, daini):
    client.get("/places/")
    kind = PlaceKind.objects.get(slug="salon")
    kind.name_ja = "サロン（通いの場）"
    kind.save()
    assert "サロン（通いの場）" in client.get("/places/").content.decode()
