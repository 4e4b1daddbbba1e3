"""Reminders the day before a shift, sent once however often the job runs."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from portal.signups import SignupStatus, claim_reminder

from . import notifications
from .models import ShiftSignup


def tomorrow_bounds(today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The start and end of the day after `today`, in the portal's time zone (Asia/Tokyo)."""
    start = dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min)
    end = start + dt.timedelta(days=1)
    return timezone.make_aware(start), timezone.make_aware(end)


def send_reminders(today: dt.date | None = None) -> int:
    """Queue a reminder for every confirmed volunteer with an e-mail whose shift is tomorrow.

    Each sign-up is claimed by a conditional UPDATE in the same transaction as
    its outbox mail: a second run (or two runs at once) finds nothing to claim,
    and a crash leaves neither the claim nor the mail behind. Returns how many
    reminders were queued.
    """
    today = today or timezone.localdate()
    start, end = tomorrow_bounds(today)
    due = (
        ShiftSignup.objects.filter(
            status=SignupStatus.CONFIRMED,
            reminded_at__isnull=True,
            slot__start__gte=start,
            slot__start__lt=end,
        )
        .exclude(email="")
        .select_related("slot__page")
        .order_by("slot__start", "pk")
    )
    sent = 0
    for signup in due:
        with transaction.atomic():
            if claim_reminder(signup):
                notifications.queue_reminder(signup)
                sent += 1
    return sent
