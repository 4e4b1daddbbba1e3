"""Factories for volunteering (wagtail-factories), with Japanese data."""

import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone

from volunteers.models import ShiftSignup, VolunteerOpportunityPage, VolunteerShift


def days_ahead(days: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A Tokyo time `days` from today, at hour:minute."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class VolunteerOpportunityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"ふれあいサロンのお手伝い{n}")
    slug = factory.Sequence(lambda n: f"salon-helper-{n}")
    role = "受付・お茶出し・片付け"
    description = "受付で参加者をお迎えし、お茶を出して、終わったら片付けをします。"
    conditions = "どなたでも参加できます。"
    venue_name = "第二地区公民館"
    venue_address = "長野県松本市本庄2-3-23"
    latitude = 36.22577
    longitude = 137.97198
    contact_name = "第二地区 地域づくりセンター"
    contact_phone = "0263-00-0000"

    class Meta:
        model = VolunteerOpportunityPage


class VolunteerShiftFactory(factory.django.DjangoModelFactory):
    start = factory.LazyFunction(lambda: days_ahead(7))
    end = factory.LazyAttribute(lambda shift: shift.start + dt.timedelta(hours=2))
    capacity = 3

    class Meta:
        model = VolunteerShift


class ShiftSignupFactory(factory.django.DjangoModelFactory):
    """A row written directly (tests of the mechanism use `portal.signups.sign_up`)."""

    name = factory.Sequence(lambda n: f"松本 花子{n}")
    furigana = "まつもと はなこ"
    email = factory.Sequence(lambda n: f"hanako{n}@example.jp")
    contact_key = factory.LazyAttribute(lambda signup: f"email:{signup.email}")
    consented_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ShiftSignup
