"""Factories for the places app (wagtail-factories); Japanese data."""

import factory
import wagtail_factories

from places.models import PlaceKind, PlacePage


class PlacePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"いきいきサロン{n}")
    slug = factory.Sequence(lambda n: f"salon-{n}")
    kind = factory.LazyFunction(lambda: PlaceKind.objects.get(slug="salon"))
    summary = "お茶を飲みながらおしゃべりする集まりです。"
    address = "長野県松本市本庄2-3-23"
    latitude = 36.22577
    longitude = 137.97198

    class Meta:
        model = PlacePage
