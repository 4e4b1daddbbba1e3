"""What `home/` plugs into the portal's hooks (docs/architecture.md, "Extension points")."""

from wagtail import hooks

from portal.sections import LinkSource, Section

from . import sections


@hooks.register("portal_district_sections")
def district_hub_section():
    return Section("hub", "home/sections/district_hub.html", sections.hub_context, order=10)


@hooks.register("portal_main_navigation")
def districts_link():
    return LinkSource("districts", sections.district_links, order=10)


@hooks.register("portal_footer_links")
def policy_links():
    return LinkSource("policies", sections.policy_links, order=10)
