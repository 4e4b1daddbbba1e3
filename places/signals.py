"""Cached maps go stale when a place or a district is published, unpublished, moved or deleted;
a place moved to another district in the admin takes that district (its `district` column)."""

from django.db.models.signals import post_delete, post_save
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


@receiver(post_save, sender="portal.CitySettings")
def purge_maps_for_a_new_centre(sender, **kwargs):
    bump_map_version()


@receiver(post_page_move)
def keep_district_in_step(sender, instance=None, parent_page_after=None, **kwargs):
    """Wagtail's move does not save the page, so PlacePage.save() does not run: set the
    column here, or /places/ would still filter the place under its old district."""
    if parent_page_after is not None and (sender is PlacePage or isinstance(instance, PlacePage)):
        PlacePage.objects.filter(pk=instance.pk).update(district_id=parent_page_after.pk)
