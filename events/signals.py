"""Occurrence rows follow the published page: written on publish, dropped on unpublish.

A moved page takes its new district with it (the column is derived from the tree).
Any of these makes the cached calendar feeds stale.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .ics import bump_feed_version
from .models import EventOccurrence, EventPage, rebuild_occurrences


@receiver(page_published, sender=EventPage)
def write_occurrences(sender, instance, **kwargs):
    rebuild_occurrences(instance)
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
