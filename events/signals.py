"""Occurrence rows follow the published page: written on publish, dropped on unpublish.

Publishing the event in the default locale also carries its capacity to the
sessions that take registrations, and mails the registrants of sessions that
it newly cancels or moves (in the publish's transaction, through the outbox).

A moved page takes its new district with it (the column is derived from the tree).
Any of these makes the cached calendar feeds stale.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale
from wagtail.signals import page_published, page_unpublished, post_page_move

from .ics import bump_feed_version
from .models import EventOccurrence, EventPage, rebuild_occurrences
from .registration import notify_changed_sessions, sync_capacity
from .registration_models import EventRegistrationSlot


@receiver(page_published, sender=EventPage)
def write_occurrences(sender, instance, **kwargs):
    takes_registrations = (
        instance.locale_id == Locale.get_default().pk
        and EventRegistrationSlot.objects.filter(event_id=instance.pk).exists()
    )
    with transaction.atomic():
        before = {}
        if takes_registrations:
            before = {
                o.original_start: (o.start, o.end, o.cancelled)
                for o in EventOccurrence.objects.filter(page_id=instance.pk)
            }
        rebuild_occurrences(instance)
        if takes_registrations:
            sync_capacity(instance)
            notify_changed_sessions(instance, before)
    bump_feed_version()


@receiver(page_unpublished, sender=EventPage)
def drop_occurrences(sender, instance, **kwargs):
    EventOccurrence.objects.filter(page_id=instance.pk).delete()
    bump_feed_version()


@receiver(post_page_move, sender=EventPage)
def follow_the_move(sender, instance, parent_page_after=None, **kwargs):
    if parent_page_after is not None:
        EventPage.objects.filter(pk=instance.pk).update(district_id=parent_page_after.pk)
    bump_feed_version()


@receiver(post_delete, sender=EventPage)
def forget_occurrences(sender, instance, **kwargs):
    EventOccurrence.objects.filter(page_id=instance.pk).delete()
    bump_feed_version()


@receiver(post_save, sender="portal.CitySettings")
def purge_feeds_for_a_new_city_name(sender, **kwargs):
    """Feeds are named after the city."""
    bump_feed_version()
