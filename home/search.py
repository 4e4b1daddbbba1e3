"""District pages in the site search (portal/search.py): found by name, reading, hub and intro."""

from django.utils.translation import pgettext_lazy

from portal import search

from .models import DistrictPage

search.register(
    DistrictPage,
    key="districts",
    label=pgettext_lazy("search result type", "Districts"),
    fields=["hub_name", "hub_address", "intro"],
    summary=lambda page: page.intro or page.hub_name,
    district=lambda page: page,
    order=10,
)
