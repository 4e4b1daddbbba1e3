"""Every public GET route answers HEAD with 200 and no body (link checkers, uptime monitors).

The routes come from the URL resolver, the admin aside. Each has examples below, built with
factories in both languages where the route has a language prefix; a new public route
without an example fails `test_every_public_route_has_a_head_example`. Wagtail's page route
(`wagtail_serve`) gets one page of each public type and the sub-routes of routable pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, PageViewRestriction

from events import registration
from events.registration_models import EventRegistration
from home.models import HomePage
from portal.signups import link_token
from portal.translation import publish_translations
from support.models import IntakeReceipt
from support.pages import ensure_city_intake_page
from support.services import thanks_token
from tests.events.factories import EventPageFactory, tokyo
from tests.home.factories import StandardPageFactory
from tests.places.factories import PlacePageFactory
from tests.routes import public_route_keys, public_routes
from tests.support.factories import SupportCaseFactory
from tests.volunteers.factories import (
    ShiftSignupFactory,
    VolunteerOpportunityPageFactory,
    VolunteerShiftFactory,
)
from volunteers import notifications
from volunteers.models import ShiftSignup

pytestmark = pytest.mark.django_db


@dataclass
class Objects:
    """One published object of each kind a route needs, and the tokens of its links."""

    daini: object
    place: dict[str, object]
    event: object
    session: str
    registration_thanks: str
    registration_cancel: str
    opportunity: object
    signup_thanks: str
    signup_cancel: str
    document_url: str
    intake_thanks: str
    document_restriction: int
    page_restriction: tuple[int, int]
    policy: object


#: Route name -> the example paths (without the language prefix) it is tried with, by language.
EXAMPLES: dict[str, Callable[[Objects, str], list[str]]] = {
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
    "places:place_map": lambda o, lang: [f"/maps/places/{o.place[lang].pk}/"],
    "volunteers:list": lambda o, lang: ["/volunteer/"],
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
    "wagtailcore_authenticate_with_password": lambda o, lang: [
        "/_util/authenticate_with_password/{}/{}/".format(*o.page_restriction)
    ],
    "wagtailcore_login": lambda o, lang: ["/_util/login/"],
    "wagtail_serve": lambda o, lang: [
        "/",
        "/districts/",
        "/districts/daini/",
        _path(o.place["ja"]),
        _path(o.event),
        _path(o.opportunity),
        _path(o.opportunity) + "signup/",
        _path(o.policy),
        "/support/",
    ],
}


def _path(page) -> str:
    """A default-locale page's path without the language prefix (the same slugs in /en/)."""
    return page.url_path[len(page.get_site().root_page.url_path) - 1 :]


def test_every_public_route_has_a_head_example():
    assert sorted(public_route_keys() - set(EXAMPLES)) == []


@pytest.fixture
def objects(daini, settings, tmp_path) -> Objects:
    settings.MEDIA_ROOT = tmp_path
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    soon = tokyo(tomorrow.year, tomorrow.month, tomorrow.day, 10, 0)

    place = PlacePageFactory(parent=daini, title="ふれあいサロン本庄", slug="salon-honjo")
    place.save_revision().publish()
    publish_translations(place, {"ふれあいサロン本庄": "Honjo community salon"})
    intake_page = ensure_city_intake_page(HomePage.objects.get(locale__language_code="ja"))
    receipt = IntakeReceipt.objects.create(
        case=SupportCaseFactory(intake_page=intake_page), token="head-example-token"
    )

    event = EventPageFactory(
        parent=daini,
        title="いきいき体操",
        slug="ikiiki",
        start=soon,
        end=soon + dt.timedelta(hours=1),
        registration_required=True,
        capacity=10,
    )
    event.save_revision().publish()
    event.refresh_from_db()
    publish_translations(event, {"いきいき体操": "Lively exercises"})
    occurrence = event.occurrences.get()
    registered = registration.register(
        event, occurrence, name="松本 花子", email="hanako@example.jp", party_size=1
    ).signup

    opportunity = VolunteerOpportunityPageFactory(
        parent=daini, title="サロンのお手伝い", slug="salon-helper"
    )
    shift = VolunteerShiftFactory(page=opportunity, start=soon, capacity=3)
    opportunity.save_revision().publish()
    publish_translations(opportunity, {"サロンのお手伝い": "Helping at the salon"})
    signup = ShiftSignupFactory(slot=shift)

    policy = StandardPageFactory(parent=daini.get_parent().get_parent(), slug="about-portal")
    policy.save_revision().publish()
    publish_translations(policy, {policy.title: "About the portal"})
    restricted = StandardPageFactory(parent=policy, slug="members")
    restricted.save_revision().publish()
    page_restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="合言葉"
    )

    document = get_document_model().objects.create(
        title="活動のしおり", file=ContentFile(b"%PDF-1.4\n", name="shiori.pdf")
    )
    private = Collection.get_first_root_node().add_child(name="非公開")
    document_restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )
    return Objects(
        daini=daini,
        place={"ja": place, "en": place.get_translation(Locale.objects.get(language_code="en"))},
        event=event,
        session=registration.session_key(occurrence),
        registration_thanks=link_token(registered, registration.THANKS, d=[False]),
        registration_cancel=link_token(registered, registration.CANCEL),
        opportunity=opportunity,
        signup_thanks=link_token(signup, notifications.THANKS, d=[False]),
        signup_cancel=link_token(signup, notifications.CANCEL),
        document_url=document.url,
        intake_thanks=thanks_token(receipt, health_withheld=False),
        document_restriction=document_restriction.pk,
        page_restriction=(page_restriction.pk, restricted.pk),
        policy=policy,
    )


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
