"""Registration for the sessions of an event, on the portal's sign-up mechanism.

A session's places are an `EventRegistrationSlot` (the event in the default
locale and the session's original start), created by the first registration;
`portal.signups` confirms, waitlists, cancels and promotes. Mails are written
to the outbox in the same transaction, in the language the person used, with
a signed link to cancel (nothing personal in any URL).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.dates import is_bounded
from portal.languages import current_language
from portal.signups import (
    ACTIVE_STATUSES,
    SignupResult,
    cancel,
    in_mail,
    link_token,
    promote_waitlisted,
    queue_signup_mail,
    sign_up,
    signup_mail,
    waitlist_position,
)
from portal.translation import live_translation

from .models import EventOccurrence, EventPage
from .recurrence import local_datetime
from .registration_models import (
    NO_LIMIT,
    SESSION_KEY_FORMAT,
    EventRegistration,
    EventRegistrationSlot,
)
from .templatetags import event_tags
from .templatetags.event_tags import occurrence_time

CANCEL = "cancel"
THANKS = "thanks"
MAX_PARTY = 10


# --- Sessions -------------------------------------------------------------------------


def session_key(occurrence: EventOccurrence) -> str:
    """How a session is named in its registration URL: 20261208T1000 (Tokyo time)."""
    return event_tags.session_key(occurrence)


def parse_session_key(key: str) -> dt.datetime | None:
    """20261208T1000 -> that start, Tokyo time; None for anything else (a year far outside
    the portal's, like 0001, cannot be converted to UTC for the database)."""
    try:
        naive = dt.datetime.strptime(key, SESSION_KEY_FORMAT)
    except ValueError:
        return None
    if not is_bounded(naive):  # 0001-01-01 in Tokyo cannot be converted to UTC
        return None
    return local_datetime(naive.date(), naive.time())


def registration_url(event: EventPage, occurrence: EventOccurrence) -> str:
    """The form for `occurrence`, in the active language (`event` may be a translation)."""
    return reverse("events:register", args=[event.pk, session_key(occurrence)])


def is_open(event: EventPage, occurrence: EventOccurrence | None) -> bool:
    """Whether the session takes registrations (`event` in the default locale)."""
    return bool(
        event.live
        and event.registration_required
        and not event.cancelled
        and occurrence is not None
        and not occurrence.cancelled
        and occurrence.start > timezone.now()
    )


def slot_for(event: EventPage, occurrence: EventOccurrence) -> EventRegistrationSlot:
    slot, _created = EventRegistrationSlot.objects.get_or_create(
        event=event,
        occurrence_start=occurrence.original_start,
        defaults={"capacity": event.capacity or NO_LIMIT},
    )
    return slot


def existing_slot(event: EventPage, occurrence: EventOccurrence) -> EventRegistrationSlot | None:
    return EventRegistrationSlot.objects.filter(
        event=event, occurrence_start=occurrence.original_start
    ).first()


# --- Registering and cancelling ----------------------------------------------------------


def register(
    event: EventPage, occurrence: EventOccurrence, *, party_size: int = 1, **fields
) -> SignupResult:
    """Register a party for a session and queue its confirmation, in one transaction.

    Raises portal.signups.SignupClosed when the session takes no registrations.
    """
    if not 1 <= party_size <= MAX_PARTY:
        raise ValueError(f"party_size must be between 1 and {MAX_PARTY}.")
    slot = slot_for(event, occurrence)
    with transaction.atomic():
        result = sign_up(slot, party_size=party_size, **fields)
        if not result.duplicate:
            queue_confirmation(result.signup)
    return result


def has_started(registration: EventRegistration) -> bool:
    """Whether the registration's session has begun (too late to cancel online)."""
    occurrence = registration.slot.occurrence()
    return occurrence is not None and occurrence.start <= timezone.now()


def cancel_registration(registration: EventRegistration) -> list[EventRegistration]:
    """Cancel, promote who now fits and mail them all; raises AlreadyCancelled."""
    with transaction.atomic():
        promoted = cancel(registration)
        queue_cancelled(registration)
        for other in promoted:
            queue_promoted(other)
    return promoted


def sync_capacity(event: EventPage) -> None:
    """Give the event's sessions its (new) capacity, never below what is confirmed;
    promote and mail whoever now fits."""
    capacity = event.capacity or NO_LIMIT
    slots = EventRegistrationSlot.objects.filter(event=event).exclude(capacity=capacity)
    for slot in slots:
        with transaction.atomic():
            EventRegistrationSlot.objects.filter(pk=slot.pk).update(
                capacity=Greatest(F("confirmed_count"), capacity)
            )
            for promoted in promote_waitlisted(slot):
                queue_promoted(promoted)


def notify_changed_sessions(event: EventPage, before: dict) -> int:
    """Mail the active registrants of sessions that are newly cancelled or moved.

    `before` maps each original start to (start, end, cancelled) as the
    occurrence rows stood before this publish. Returns the number of mails.
    """
    if not before:
        return 0
    after = {o.original_start: o for o in EventOccurrence.objects.filter(page_id=event.pk)}
    sent = 0
    slots = EventRegistrationSlot.objects.filter(
        event=event, occurrence_start__in=list(before), occurrence_start__gt=timezone.now()
    )
    for slot in slots:
        old_start, old_end, was_cancelled = before[slot.occurrence_start]
        now = after.get(slot.occurrence_start)
        cancelled = now is None or now.cancelled
        if cancelled and not was_cancelled:
            change = "cancelled"
        elif not cancelled and (now.start, now.end) != (old_start, old_end):
            change = "moved"
        else:
            continue
        for registration in slot.signups.filter(status__in=ACTIVE_STATUSES).exclude(email=""):
            queue_session_changed(registration, change)
            sent += 1
    return sent


# --- What a person is told ------------------------------------------------------------------


def cancel_path(registration: EventRegistration) -> str:
    return reverse("events:registration_cancel", args=[link_token(registration, CANCEL)])


def describe(registration: EventRegistration, language: str | None = None) -> dict:
    """What a person needs to know about one registration, in the active (or given) language."""
    language = language or current_language()
    slot = registration.slot
    event = slot.event
    page = live_translation(event, language)
    occurrence = slot.occurrence()
    if occurrence is not None:
        occurrence.page = event
        when = occurrence_time(occurrence)
    else:
        when = occurrence_time(
            EventOccurrence(page=event, start=slot.occurrence_start, end=slot.occurrence_start)
        )
    return {
        "registration": registration,
        "page": page,
        "title": page.title,
        "when": when,
        "party_size": registration.party_size,
        "status": registration.status,
        "position": waitlist_position(registration),
        "venue_title": page.venue_title,
        "venue_address": page.venue_address,
        "phone": event.phone,
        "cancel_url": cancel_path(registration) if registration.is_active else "",
    }


@signup_mail
def queue_confirmation(registration: EventRegistration) -> None:
    queue_signup_mail(
        registration,
        kind="event-registration",
        subject=_("We have received your event registration"),
        template="events/mail/registration_confirmation.txt",
        context={"name": registration.name, "item": in_mail(describe(registration))},
    )


@signup_mail
def queue_promoted(registration: EventRegistration) -> None:
    queue_signup_mail(
        registration,
        kind="event-registration-promoted",
        subject=_("A place has become free: your registration is now confirmed"),
        template="events/mail/registration_promoted.txt",
        context={"name": registration.name, "item": in_mail(describe(registration))},
    )


@signup_mail
def queue_cancelled(registration: EventRegistration) -> None:
    queue_signup_mail(
        registration,
        kind="event-registration-cancelled",
        subject=_("Your event registration has been cancelled"),
        template="events/mail/registration_cancelled.txt",
        context={"name": registration.name, "item": in_mail(describe(registration))},
    )


@signup_mail
def queue_session_changed(registration: EventRegistration, change: str) -> None:
    """A session the person registered for is cancelled or moved."""
    subject = (
        _("The event you registered for is cancelled")
        if change == "cancelled"
        else _("The date or time of the event you registered for has changed")
    )
    queue_signup_mail(
        registration,
        kind=f"event-session-{change}",
        subject=subject,
        template="events/mail/session_changed.txt",
        context={
            "name": registration.name,
            "item": in_mail(describe(registration)),
            "change": change,
        },
    )
