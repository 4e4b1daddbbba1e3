"""What `home/` contributes to the shared registries: the hub section, navigation, footer."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from portal.sections import (
    Link,
    LinkSource,
    Section,
    district_sections,
    footer_links,
    main_navigation,
)


def hub_context(page, request) -> dict:
    return {"district": page}


def district_links(request) -> list[Link]:
    from .models import DistrictIndexPage

    index_page = (
        DistrictIndexPage.objects.live().filter(locale=Locale.get_active()).only("url_path").first()
    )
    if index_page is None:
        return []
    return [Link(str(_("Districts")), index_page.get_url(request))]


def policy_links(request) -> list[Link]:
    from .models import StandardPage

    pages = (
        StandardPage.objects.live()
        .filter(locale=Locale.get_active())
        .exclude(footer_role="")
        .order_by("footer_role")
    )
    return [Link(page.title, page.get_url(request)) for page in pages]


district_sections.register(
    Section(
        name="hub", template="home/sections/district_hub.html", get_context=hub_context, order=10
    )
)
main_navigation.register(LinkSource(name="districts", get_links=district_links, order=10))
footer_links.register(LinkSource(name="policies", get_links=policy_links, order=10))
