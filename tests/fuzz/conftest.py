"""Property-based tests of every public route and form (marker `fuzz`).

Two Hypothesis profiles, chosen by HYPOTHESIS_PROFILE:

- `ci` (the default: `make test`): 50 derandomised examples per target, plus each
  target's explicit boundary examples; the same examples on every run.
- `fuzz` (`make fuzz`): 1,000 random examples per target.

`make test-postgres` deselects the marker: the bounds are the views', the same on
both databases, and one pass keeps CI's share small.

Rate limits are off (RATE_LIMITS very high) and every POST carries the CSRF token of
its form, fetched as a browser does (`Client(enforce_csrf_checks=True)`), so examples
reach validation instead of a 429 or a 403. The counts of each target's outcomes
and statuses are printed at the end of the run (see harness.py).
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings

from .harness import REACHED, REACHED_SHARE, TALLIES

_COMMON = {
    "deadline": None,  # no timed tests: a slow example is not a failure
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
}
settings.register_profile("ci", max_examples=50, derandomize=True, database=None, **_COMMON)
settings.register_profile("fuzz", max_examples=1_000, database=None, print_blob=True, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.RATE_LIMITS = {
        scope: "1000000/s" for scope in (*settings.RATE_LIMITS, "default", "signup", "intake")
    }


@pytest.fixture
def browser(db):
    """A client that enforces CSRF checks, as a real browser's requests meet them."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """What the routes and forms name: a place, an event that takes registrations, a
    volunteer opportunity with two shifts, the intake page, one registration and one
    sign-up with their links; in Japanese and English. Built once per module inside a
    transaction that is rolled back after it (each test runs in a savepoint of it)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _build_world() -> dict:
    from wagtail.models import Locale

    from events import registration
    from events.models import EventPage
    from home.models import DistrictPage, HomePage
    from places.models import PlacePage
    from portal.signups import link_token, sign_up
    from portal.translation import publish_translations
    from support.models import IntakeReceipt
    from support.pages import ensure_city_intake_page
    from support.services import thanks_token
    from tests.events.factories import EventPageFactory, tokyo
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
    daini = DistrictPage.objects.get(slug="daini", locale__language_code="ja")
    home = HomePage.objects.get(locale__language_code="ja")

    place = PlacePageFactory(parent=daini, title="本庄ふれあいサロン", slug="honjo-salon")
    place.save_revision().publish()
    publish_translations(place, {"本庄ふれあいサロン": "Honjo Salon"})

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
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
    )
    signed_up = signed_up.signup

    intake = ensure_city_intake_page(home)
    case = SupportCaseFactory(district=daini, intake_page=intake)
    receipt = IntakeReceipt.objects.create(case=case, token="fuzz-form-token")
    return {
        "place": place,
        "place_ids": [
            p.pk for p in PlacePage.objects.filter(translation_key=place.translation_key)
        ],
        "event": event,
        "event_en": event.get_translation(english),
        "session": registration.session_key(occurrence),
        "registration_thanks": link_token(registered, registration.THANKS, d=[False]),
        "registration_cancel": link_token(registered, registration.CANCEL),
        "opportunity": opportunity,
        "opportunity_en": opportunity.get_translation(english),
        "shift_ids": [shift.pk for shift in shifts],
        "signup_thanks": link_token(signed_up, notifications.THANKS, d=[False]),
        "signup_cancel": link_token(signed_up, notifications.CANCEL),
        "intake": intake,
        "intake_thanks": thanks_token(receipt, health_withheld=False),
        "daini": daini,
    }


def pytest_terminal_summary(terminalreporter):
    if not TALLIES:
        return
    write = terminalreporter.write_line
    terminalreporter.section("public routes and forms: examples and outcomes")
    total = reached = 0
    for name, tally in sorted(TALLIES.items()):
        outcomes = ", ".join(f"{key} {count}" for key, count in tally.outcomes.most_common())
        statuses = " ".join(f"{code}×{count}" for code, count in sorted(tally.statuses.items()))
        write(
            f"{name:<34} {tally.examples:>5} examples, {tally.share:6.1%} reached validation"
            f" | {outcomes} | {statuses}"
        )
        total += tally.examples
        reached += tally.reached
    write(
        f"{len(TALLIES)} targets, {total} examples, {reached / total:.1%} reached validation "
        f"({' / '.join(REACHED)}; each target needs {REACHED_SHARE:.0%})"
    )
