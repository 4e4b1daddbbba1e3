"""One published object of each public kind, in Japanese and English: the world that the
HEAD test (tests/test_head.py), the property-based route and form tests (tests/fuzz/) and
the HTML snapshots (tests/snapshots/) request their routes with.

Everything is placed relative to today (`timezone.localdate()`), so that events and
shifts are upcoming whenever the suite runs; the snapshots freeze the clock before they
build it, and then every date on their pages is fixed too. Titles and slugs are given
here, never drawn from a factory's sequence (which depends on the tests before).

The document is written to MEDIA_ROOT: callers point it at a temporary folder. A module
of tests shares one world through `rolled_back_world` (a module-scoped fixture); a test of
its own calls `build_world` inside its transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone


@dataclass
class World:
    """What the public routes name, and the tokens of the links that mails carry."""

    home: object
    daini: object
    #: A place in 第二地区, and its English translation.
    place: object
    place_en: object
    #: A one-off event tomorrow at 10:00 that takes registrations (one made), and its
    #: English translation.
    event: object
    event_en: object
    #: The session key of the event's occurrence (its registration form's URL).
    session: str
    registration_thanks: str
    registration_cancel: str
    #: A weekly event on Tuesdays, ten times, one of them cancelled; not registered for.
    recurring: object
    #: A volunteer opportunity with shifts in 7 and 14 days (one sign-up on the first).
    opportunity: object
    opportunity_en: object
    shift_ids: list[int]
    signup_thanks: str
    signup_cancel: str
    #: The city's intake page (/support/) and the thanks link of one intake.
    intake: object
    intake_thanks: str
    #: A standard page under the home page (a policy page), and a password-protected
    #: page under it: (restriction pk, page pk).
    policy: object
    page_restriction: tuple[int, int]
    #: A document, and a password restriction on a collection of its own.
    document_url: str
    document_restriction: int

    @property
    def place_ids(self) -> list[int]:
        return [self.place.pk, self.place_en.pk]

    def place_in(self, language: str):
        return self.place_en if language == "en" else self.place


def page_path(page) -> str:
    """A default-locale page's path without the language prefix (the same slugs in /en/)."""
    return page.url_path[len(page.get_site().root_page.url_path) - 1 :]


def next_weekday(day: dt.date, weekday: int) -> dt.date:
    """The first `weekday` (Monday 0) after `day`."""
    return day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def build_world() -> World:
    from wagtail.documents import get_document_model
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Locale,
        PageViewRestriction,
    )

    from events import registration
    from events.models import EventPage
    from events.recurrence import Frequency
    from home.models import DistrictPage, HomePage
    from portal.signups import link_token, sign_up
    from portal.translation import publish_translations
    from support.models import IntakeReceipt
    from support.pages import ensure_city_intake_page
    from support.services import thanks_token
    from tests.events.factories import EventExceptionFactory, EventPageFactory, tokyo
    from tests.home.factories import StandardPageFactory
    from tests.places.factories import PlacePageFactory
    from tests.support.factories import SupportCaseFactory
    from tests.volunteers.factories import (
        VolunteerOpportunityPageFactory,
        VolunteerShiftFactory,
        days_ahead,
    )
    from volunteers import notifications
    from volunteers.models import VolunteerOpportunityPage

    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale__language_code="ja")
    daini = DistrictPage.objects.get(slug="daini", locale__language_code="ja")
    today = timezone.localdate()

    place = PlacePageFactory(parent=daini, title="本庄ふれあいサロン", slug="honjo-salon")
    place.save_revision().publish()
    publish_translations(place, {"本庄ふれあいサロン": "Honjo Salon"})

    tomorrow = today + dt.timedelta(days=1)
    start = tokyo(tomorrow.year, tomorrow.month, tomorrow.day, 10, 0)
    event = EventPageFactory(
        parent=daini,
        title="いきいき体操",
        slug="ikiiki",
        start=start,
        end=start + dt.timedelta(hours=1),
        registration_required=True,
        capacity=10,
    )
    event.save_revision().publish()
    publish_translations(event, {"いきいき体操": "Lively exercises"})
    event = EventPage.objects.get(pk=event.pk)
    occurrence = event.occurrences.get()
    registered = registration.register(
        event, occurrence, name="松本 花子", furigana="まつもと はなこ", email="hanako@example.jp"
    ).signup

    tuesday = next_weekday(today, 1)
    recurring = EventPageFactory(
        parent=daini,
        title="火曜の健康体操",
        slug="tuesday-exercises",
        start=tokyo(tuesday.year, tuesday.month, tuesday.day, 13, 30),
        end=tokyo(tuesday.year, tuesday.month, tuesday.day, 15, 0),
        repeat=Frequency.WEEKLY,
        repeat_weekdays="1",
        repeat_count=10,
        venue=place,
    )
    EventExceptionFactory(page=recurring, date=tuesday + dt.timedelta(weeks=2))
    recurring.save_revision().publish()
    publish_translations(recurring, {"火曜の健康体操": "Tuesday exercises"})
    recurring = EventPage.objects.get(pk=recurring.pk)

    opportunity = VolunteerOpportunityPageFactory(
        parent=daini, title="ふれあいサロンのお手伝い", slug="salon-helper"
    )
    for days in (7, 14):
        VolunteerShiftFactory(page=opportunity, start=days_ahead(days), capacity=3)
    opportunity.save_revision().publish()
    publish_translations(opportunity, {"ふれあいサロンのお手伝い": "Helping at the salon"})
    opportunity = VolunteerOpportunityPage.objects.get(pk=opportunity.pk)
    shifts = list(opportunity.shifts.order_by("start"))
    signed_up = sign_up(
        shifts[0], name="松本 太郎", furigana="まつもと たろう", email="taro@example.jp"
    ).signup

    intake = ensure_city_intake_page(home)
    case = SupportCaseFactory(district=daini, intake_page=intake)
    receipt = IntakeReceipt.objects.create(case=case, token="world-form-token")

    policy = StandardPageFactory(parent=home, title="このポータルについて", slug="about-portal")
    policy.save_revision().publish()
    publish_translations(policy, {"このポータルについて": "About the portal"})
    restricted = StandardPageFactory(parent=policy, title="関係者のページ", slug="members")
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

    return World(
        home=home,
        daini=daini,
        place=place,
        place_en=place.get_translation(english),
        event=event,
        event_en=event.get_translation(english),
        session=registration.session_key(occurrence),
        registration_thanks=link_token(registered, registration.THANKS, d=[False]),
        registration_cancel=link_token(registered, registration.CANCEL),
        recurring=recurring,
        opportunity=opportunity,
        opportunity_en=opportunity.get_translation(english),
        shift_ids=[shift.pk for shift in shifts],
        signup_thanks=link_token(signed_up, notifications.THANKS, d=[False]),
        signup_cancel=link_token(signed_up, notifications.CANCEL),
        intake=intake,
        intake_thanks=thanks_token(receipt, health_withheld=False),
        policy=policy,
        page_restriction=(page_restriction.pk, restricted.pk),
        document_url=document.url,
        document_restriction=document_restriction.pk,
    )


@contextmanager
def rolled_back_world(django_db_blocker, media_root: Path) -> Iterator[World]:
    """The world for a module-scoped fixture: built inside a transaction that is rolled back
    after the module (each test runs in a savepoint of it), its document in `media_root`."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
