"""Mails to volunteers, written to the outbox in the caller's transaction.

Every mail is in the language the person signed up in, and carries the link
to cancel (a signed token, nothing personal). People who gave only a phone
number get no mail: the district calls them if needed.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.dates import format_time_range
from portal.languages import current_language
from portal.signups import in_mail, link_token, queue_signup_mail, signup_mail, waitlist_position
from portal.translation import live_translation

from .models import ShiftSignup

CANCEL = "cancel"
THANKS = "thanks"


def cancel_path(signup: ShiftSignup) -> str:
    return reverse("volunteers:cancel", args=[link_token(signup, CANCEL)])


def describe(signup: ShiftSignup, language: str | None = None) -> dict:
    """What a person needs to know about one sign-up, in the active (or given) language."""
    language = language or current_language()
    shift = signup.slot
    page = live_translation(shift.page, language)
    district = shift.page.get_parent().specific
    return {
        "signup": signup,
        "page": page,
        "title": page.title,
        "when": format_time_range(shift.start, shift.end),
        "shift": shift,
        "status": signup.status,
        "status_label": signup.get_status_display(),
        "position": waitlist_position(signup),
        "venue_name": page.venue_name,
        "venue_address": page.venue_address,
        "contact_name": page.contact_name,
        "contact_phone": page.contact_phone or district.contact_phone,
        "cancel_url": cancel_path(signup) if signup.is_active else "",
    }


@signup_mail
def queue_confirmation(signups: list[ShiftSignup]) -> None:
    """One mail for the sign-ups made with one form (all the same person)."""
    first = signups[0]
    items = [in_mail(describe(signup)) for signup in signups]
    queue_signup_mail(
        first,
        kind="volunteer-confirmation",
        subject=_("We have received your volunteer sign-up"),
        template="volunteers/mail/confirmation.txt",
        context={"name": first.name, "items": items},
    )


@signup_mail
def queue_promoted(signup: ShiftSignup) -> None:
    queue_signup_mail(
        signup,
        kind="volunteer-promoted",
        subject=_("A place has become free: you are now confirmed"),
        template="volunteers/mail/promoted.txt",
        context={"name": signup.name, "item": in_mail(describe(signup))},
    )


@signup_mail
def queue_cancelled(signup: ShiftSignup, by_staff: bool = False) -> None:
    queue_signup_mail(
        signup,
        kind="volunteer-cancelled",
        subject=_("Your volunteer sign-up has been cancelled"),
        template="volunteers/mail/cancelled.txt",
        context={"name": signup.name, "item": describe(signup), "by_staff": by_staff},
    )


@signup_mail
def queue_reminder(signup: ShiftSignup) -> None:
    queue_signup_mail(
        signup,
        kind="volunteer-reminder",
        subject=_("Reminder: your volunteer activity is tomorrow"),
        template="volunteers/mail/reminder.txt",
        context={"name": signup.name, "item": in_mail(describe(signup))},
    )
