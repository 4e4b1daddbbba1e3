"""What `home/` shows through the portal's hooks (home/wagtail_hooks.py): the hub section,
the districts link of the navigation, the policy pages in the footer."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from portal.sections import Link


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
