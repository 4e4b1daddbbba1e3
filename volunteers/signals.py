"""When an opportunity is published with more places, people waiting are confirmed."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from portal.signups import SignupStatus, promote_waitlisted

from . import notifications
from .models import VolunteerOpportunityPage


def promote_after_publish(sender, instance, **kwargs):
    if not isinstance(instance, VolunteerOpportunityPage):
        return
    if instance.locale_id != Locale.get_default().pk:
        return  # the shifts of other locales are copies: they take no sign-ups
    with transaction.atomic():
        for shift in instance.shifts.filter(
            start__gt=timezone.now(), signups__status=SignupStatus.WAITLISTED
        ).distinct():
            for signup in promote_waitlisted(shift):
                notifications.queue_promoted(signup)
