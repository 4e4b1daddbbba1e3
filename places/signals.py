"""Cached maps go stale when a place or a district is published, unpublished, moved or deleted."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import DistrictPage

from .maps import bump_map_version
from .models import PlacePage


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_delete)
def purge_maps(sender, instance=None, **kwargs):
    if isinstance(instance, PlacePage | DistrictPage) or sender in (PlacePage, DistrictPage):
        bump_map_version()
