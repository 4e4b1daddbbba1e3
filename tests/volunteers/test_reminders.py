"""Reminders the day before (Asia/Tokyo), exactly once."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from portal.models import OutboxMessage
from portal.signups import sign_up
from volunteers.reminders import send_reminders

from .conftest import publish_opportunity
from .factories import VolunteerShiftFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tomorrow_shift(daini):
    """A shift tomorrow at 10:00 with one place: 松本 花子 confirmed, 中町 一郎 waiting."""
    shift = publish_opportunity(daini, shifts=((1, 1),)).shifts.get()
    sign_up(shift, name="松本 花子", email="hanako@example.jp")
    sign_up(shift, name="中町 一郎", email="ichiro@example.jp")
    return shift


def test_confirmed_volunteers_are_reminded_the_day_before(tomorrow_shift):
    assert send_reminders() == 1
    message = OutboxMessage.objects.get(kind="volunteer-reminder")
    assert message.to == ["hanako@example.jp"]
    assert "明日" in message.subject


def test_reminders_are_sent_once_however_often_the_command_runs(
    tomorrow_shift, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            call_command("send_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert tomorrow_shift.signups.get(name="松本 花子").reminded_at is not None


def test_nobody_is_reminded_two_days_before(tomorrow_shift):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    assert send_reminders(yesterday) == 0


def test_a_shift_just_after_midnight_tokyo_time_counts_as_tomorrow(daini):
    page = publish_opportunity(daini, slug="early", shifts=())
    day_after = timezone.localdate() + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(day_after, dt.time(0, 30)))
    shift = VolunteerShiftFactory(page=page, start=start, capacity=2)
    sign_up(shift, name="松本 花子", email="hanako@example.jp")
    assert send_reminders() == 1


def test_people_without_an_email_address_are_not_reminded(daini):
    shift = publish_opportunity(daini, shifts=((1, 2),)).shifts.get()
    sign_up(shift, name="松本 花子", phone="0263-34-3000")
    assert send_reminders() == 0


def test_the_command_reports_what_it_queued(tomorrow_shift):
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "1 queued" in out.getvalue()
