"""Locale look-ups once per request (portal/locales.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from portal.locales import LocaleMemoMiddleware

pytestmark = pytest.mark.django_db


def locale_queries(captured) -> list[str]:
    return [q["sql"] for q in captured if 'FROM "wagtailcore_locale"' in q["sql"]]


def test_a_page_served_again_reads_no_locale(client):
    client.get("/districts/daini/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/districts/daini/")
    assert locale_queries(captured) == []


def count_default_locale_queries(request):
    with CaptureQueriesContext(connection) as captured:
        Locale.get_default()
    return len(locale_queries(captured))


def test_a_locale_read_in_one_request_is_kept_for_the_next():
    LocaleMemoMiddleware(count_default_locale_queries)(object())
    assert LocaleMemoMiddleware(count_default_locale_queries)(object()) == 0


def test_a_locale_saved_is_read_again_by_the_next_request():
    LocaleMemoMiddleware(count_default_locale_queries)(object())
    Locale.get_default().save()
    assert LocaleMemoMiddleware(count_default_locale_queries)(object()) == 1


def test_outside_a_request_every_look_up_asks_the_database():
    with CaptureQueriesContext(connection) as captured:
        Locale.get_default()
        Locale.get_default()
    assert len(locale_queries(captured)) == 2


def test_a_locale_saved_during_a_request_is_looked_up_again():
    def view(request):
        first = Locale.get_default()
        Locale.objects.filter(pk=first.pk).update(language_code="ja")  # no signal
        first.save()  # post_save: the memo is emptied
        with CaptureQueriesContext(connection) as captured:
            Locale.get_default()
        return len(locale_queries(captured))

    assert LocaleMemoMiddleware(view)(object()) == 1
