import datetime as dt

import pytest
from django.utils import timezone

from .factories import EventExceptionFactory, EventPageFactory, tokyo


@pytest.fixture
def make_event(daini):
    """Create and publish an event (by default in 第二地区); exceptions as dicts."""

    def make(parent=None, exceptions=(), target_groups=(), **fields):
        event = EventPageFactory(parent=parent or daini, **fields)
        for values in exceptions:
            EventExceptionFactory(page=event, **values)
        if target_groups:
            event.target_groups.set(target_groups)
        event.save_revision().publish()
        event.refresh_from_db()
        return event

    return make


@pytest.fixture
def soon():
    """Tomorrow at 10:00, Asia/Tokyo: upcoming whenever the suite runs."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return tokyo(tomorrow.year, tomorrow.month, tomorrow.day, 10, 0)
