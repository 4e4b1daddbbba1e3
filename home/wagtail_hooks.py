"""What `home/` plugs into the portal's hooks (docs/architecture.md, "Extension points")."""

from django.utils.translation import pgettext_lazy
from wagtail import hooks

from portal.demo import DemoLoader
from portal.search import SearchableType
from portal.sections import LinkSource, Section

from . import sections
from .demo import load_demo_districts
from .models import DistrictPage


@hooks.register("portal_district_sections")
def district_hub_section():
    return Section("hub", "home/sections/district_hub.html", sections.hub_context, order=10)


@hooks.register("portal_main_navigation")
def districts_link():
    return LinkSource("districts", sections.district_links, order=10)


@hooks.register("portal_footer_links")
def policy_links():
    return LinkSource("policies", sections.policy_links, order=10)


@hooks.register("portal_search_types")
def district_search_type():
    """District pages in the site search: found by name, reading, hub and intro."""
    return SearchableType(
        DistrictPage,
        key="districts",
        label=pgettext_lazy("search result type", "Districts"),
        summary=lambda page: page.intro or page.hub_name,
        district=lambda page: page,
        order=10,
    )


@hooks.register("portal_demo_loaders")
def demo_districts():
    """`manage.py load_demo` (portal/demo.py)."""
    return DemoLoader("districts", load_demo_districts, order=10)
