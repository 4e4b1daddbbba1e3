"""Where a page is: the address and map position shared by places and events.

Both are geocoded the same way (places/geocoding.py `locate_place`): staff
give an address, and coordinates only if they know them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LocationSource(models.TextChoices):
    MANUAL = "manual", _("Set by hand")
    GEOCODER = "geocoder", _("From the address")
    DISTRICT = "district", _("District centre (approximate)")


class LocatedModel(models.Model):
    """Postcode, address and position, with how the position was found."""

    postcode = models.CharField(
        _("postcode"),
        max_length=8,
        blank=True,
        help_text="郵便番号を「390-0000」の形で入力します。",
    )
    address = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text="都道府県から番地・建物名まで、日本の順で入力します（例：長野県松本市本庄2-3-23）。"
        "緯度・経度が空欄なら、保存するときに住所から自動で地図の位置を求めます。",
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        help_text="地図の位置（緯度）です。わかる場合だけ入力してください。空欄なら住所から求めます。",
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, help_text="地図の位置（経度）です。"
    )
    location_source = models.CharField(
        _("location from"),
        max_length=20,
        choices=LocationSource.choices,
        blank=True,
        editable=False,
    )
    location_approximate = models.BooleanField(
        _("approximate location"), default=False, editable=False
    )
    geocoded_query = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def keep_coordinates_typed_by_hand(form, page: LocatedModel) -> None:
    """Coordinates typed by staff are theirs: the geocoder leaves them alone from then on.
    Clearing them asks the geocoder again. Call from an admin form's save()."""
    if {"latitude", "longitude"} & set(form.changed_data):
        page.location_source = LocationSource.MANUAL if page.has_location else ""
        page.geocoded_query = ""
