"""Factories for the events app (wagtail-factories); Japanese data."""

import datetime as dt

import factory
import wagtail_factories

from events.models import EventException, EventKind, EventPage, ExceptionKind
from events.recurrence import local_datetime


def tokyo(year, month, day, hour=10, minute=0):
    """An aware datetime, wall-clock Asia/Tokyo."""
    return local_datetime(dt.date(year, month, day), dt.time(hour, minute))


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"健康体操教室{n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = factory.LazyFunction(lambda: EventKind.objects.get(slug="exercise"))
    summary = "椅子に座ってできる体操です。"
    start = factory.LazyFunction(lambda: tokyo(2030, 12, 10, 10, 0))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(minutes=90))
    skip_holidays = False
    skip_year_end = False

    class Meta:
        model = EventPage


class EventExceptionFactory(factory.django.DjangoModelFactory):
    change = ExceptionKind.CANCELLED
    note = "会場の点検のため休みます。"

    class Meta:
        model = EventException
