"""Registration for sessions of an event: its places (one slot per session) and the registrations.

Kept apart from the event pages in `models.py`; the rules of signing up and
cancelling are `portal.signups`' own, the services `events.registration`.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.signups import (
    AbstractSignup,
    AbstractSignupSlot,
    active_contact_constraint,
    capacity_constraint,
)

from .models import EventOccurrence, EventPage
from .recurrence import to_local

#: The places of a session of an event that takes registrations without a capacity.
NO_LIMIT = 10_000
#: How a session is named in a registration URL: its original start, Tokyo time.
SESSION_KEY_FORMAT = "%Y%m%dT%H%M"


class EventRegistrationSlot(AbstractSignupSlot):
    """The places of one session of an event that takes registrations.

    Keyed by the event in the default locale and the session's original start:
    occurrence rows are rewritten on every publish, and a session that is moved
    keeps its original start, so its registrations follow it. Created with the
    first registration (capacity = the event's); publishing a new capacity
    updates it.
    """

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registration_slots",
    )
    occurrence_start = models.DateTimeField(
        _("session"), help_text="申込を受け付ける回の、もとの開始日時です。"
    )

    class Meta:
        verbose_name = _("event session places")
        verbose_name_plural = _("event session places")
        constraints = [
            capacity_constraint("events_registration_slot_within_capacity"),
            models.UniqueConstraint(
                fields=["event", "occurrence_start"], name="events_registration_slot_unique"
            ),
        ]

    def __str__(self):
        return f"{self.event.title} {to_local(self.occurrence_start):%Y-%m-%d %H:%M}"

    def occurrence(self) -> EventOccurrence | None:
        return EventOccurrence.objects.filter(
            page_id=self.event_id, original_start=self.occurrence_start
        ).first()

    def is_open(self) -> bool:
        """Open while the event is live, takes registrations and the session is to come."""
        event = EventPage.objects.filter(pk=self.event_id).first()
        if event is None or not (event.live and event.registration_required) or event.cancelled:
            return False
        occurrence = self.occurrence()
        return (
            occurrence is not None
            and not occurrence.cancelled
            and occurrence.start > timezone.now()
        )


class EventRegistration(AbstractSignup):
    """A resident's registration (for themselves and up to nine more) for one session."""

    slot = models.ForeignKey(
        EventRegistrationSlot,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="signups",
    )

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [
            active_contact_constraint("events_registration_one_active_per_contact"),
            models.CheckConstraint(
                condition=models.Q(party_size__gte=1, party_size__lte=10),
                name="events_registration_party_of_one_to_ten",
            ),
        ]
        indexes = [models.Index(fields=["slot", "status"])]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"
