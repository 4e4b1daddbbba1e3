"""Factories for the page types of `home/` (wagtail-factories)."""

import factory
import wagtail_factories

from home.models import DistrictPage, StandardPage


class DistrictPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"テスト第{n}地区")
    slug = factory.Sequence(lambda n: f"test-district-{n}")
    reading = "てすとちく"
    hub_name = factory.LazyAttribute(lambda o: f"{o.title}公民館")
    hub_address = "長野県松本市丸の内3-7"
    hub_postcode = "390-8620"
    hub_phone = ""
    latitude = 36.238
    longitude = 137.972

    class Meta:
        model = DistrictPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"お知らせ{n}")
    intro = "テスト用のページです。"

    class Meta:
        model = StandardPage
