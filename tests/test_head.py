"""Every public GET route answers HEAD with 200 and no body (link checkers, uptime monitors).

The routes come from the URL resolver, the admin aside. Each has examples below, with the
objects of tests/world.py, in both languages where the route has a language prefix; a new
public route without an example fails `test_every_public_route_has_a_head_example`. Wagtail's
page route (`wagtail_serve`) gets one page of each public type and the sub-routes of routable
pages.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from events.registration_models import EventRegistration
from tests.routes import public_route_keys, public_routes
from tests.world import World, build_world, page_path
from volunteers.models import ShiftSignup

pytestmark = pytest.mark.django_db


#: Route name -> the example paths (without the language prefix) it is tried with, by language.
EXAMPLES: dict[str, Callable[[World, str], list[str]]] = {
    "healthz": lambda o, lang: ["/healthz"],
    "robots_txt": lambda o, lang: ["/robots.txt"],
    "sitemap": lambda o, lang: ["/sitemap.xml"],
    "wagtaildocs_serve": lambda o, lang: [o.document_url],
    "wagtaildocs_authenticate_with_password": lambda o, lang: [
        f"/documents/authenticate_with_password/{o.document_restriction}/"
    ],
    "search": lambda o, lang: ["/search/", "/search/?q=体操"],
    "opendata": lambda o, lang: ["/opendata/"],
    "opendata_file": lambda o, lang: [
        "/opendata/facilities.csv",
        "/opendata/places.geojson",
        "/opendata/events.csv",
    ],
    "places:list": lambda o, lang: ["/places/", "/places/?district=daini"],
    "places:map": lambda o, lang: ["/places/map/"],
    "places:export": lambda o, lang: ["/places/export.csv"],
    "places:districts_map": lambda o, lang: ["/maps/districts/"],
    "places:district_map": lambda o, lang: ["/maps/districts/daini/"],
    "places:place_map": lambda o, lang: [f"/maps/places/{o.place_in(lang).pk}/"],
    "places:which_district": lambda o, lang: ["/which-district/", "/which-district/?where=本庄"],
    "volunteers:list": lambda o, lang: ["/volunteer/"],
    "volunteers:signup": lambda o, lang: [f"/volunteer/{o.opportunity.pk}/signup/"],
    "volunteers:thanks": lambda o, lang: [f"/volunteer/thanks/{o.signup_thanks}/"],
    "volunteers:cancel": lambda o, lang: [f"/volunteer/cancel/{o.signup_cancel}/"],
    "events:list": lambda o, lang: ["/events/", "/events/?district=daini"],
    "events:calendar": lambda o, lang: ["/events/calendar/"],
    "events:feed": lambda o, lang: ["/events/feed.ics"],
    "events:event_ics": lambda o, lang: [f"/events/{o.event.pk}.ics"],
    "events:register": lambda o, lang: [f"/events/{o.event.pk}/register/{o.session}/"],
    "events:registration_thanks": lambda o, lang: [
        f"/events/registration/thanks/{o.registration_thanks}/"
    ],
    "events:registration_cancel": lambda o, lang: [
        f"/events/registration/cancel/{o.registration_cancel}/"
    ],
    "events:district_feed": lambda o, lang: ["/districts/daini/events.ics"],
    "events:flyer": lambda o, lang: ["/districts/daini/events/print/"],
    "support:thanks": lambda o, lang: [f"/support/thanks/{o.intake_thanks}/"],
    "consult:list": lambda o, lang: ["/consult/", "/consult/?field=elderly&district=daini"],
    "wagtailcore_authenticate_with_password": lambda o, lang: [
        "/_util/authenticate_with_password/{}/{}/".format(*o.page_restriction)
    ],
    "wagtailcore_login": lambda o, lang: ["/_util/login/"],
    "wagtail_serve": lambda o, lang: [
        "/",
        "/districts/",
        "/districts/daini/",
        page_path(o.place),
        page_path(o.event),
        page_path(o.recurring),
        page_path(o.opportunity),
        page_path(o.policy),
        "/support/",
    ],
}


def test_every_public_route_has_a_head_example():
    assert sorted(public_route_keys() - set(EXAMPLES)) == []


@pytest.fixture
def objects(db, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_public_get_route_answers_head_with_200_and_no_body(client, objects):
    assert EventRegistration.objects.count() == 1 and ShiftSignup.objects.count() == 1
    answers = {}
    for route in public_routes():
        for language, prefix in (("ja", ""), ("en", "/en")) if route.localised else (("ja", ""),):
            for path in EXAMPLES[route.key](objects, language):
                response = client.head(prefix + path)
                answers[prefix + path] = (response.status_code, body(response))

    assert {url: answer for url, answer in answers.items() if answer != (200, b"")} == {}
