"""Cancelling a volunteer's sign-up, by the volunteer's link or by staff, with its mails."""

from __future__ import annotations

from django.db import transaction

from portal.signups import CancelledBy, cancel

from . import notifications
from .models import ShiftSignup


def cancel_signup(signup: ShiftSignup, *, by: str = CancelledBy.PERSON) -> list[ShiftSignup]:
    """Cancel, promote who now fits and mail them all, in one transaction.

    Raises `portal.signups.AlreadyCancelled` when someone else cancelled it first.
    """
    with transaction.atomic():
        promoted = cancel(signup, by=by)
        notifications.queue_cancelled(signup, by_staff=by == CancelledBy.STAFF)
        for other in promoted:
            notifications.queue_promoted(other)
    return promoted
