"""What `support/` adds to the pages of `home/`: the "Ask for help" sections and link.

Registered through the portal's hooks in support/wagtail_hooks.py (portal/sections.py),
so `home/` never imports us.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from portal.page_cache import STRUCTURE, kept_until_purged
from portal.sections import Link


def city_intake_page(locale):
    """The live intake page for the whole city in `locale` (the one nearest the root)."""
    from .models import SupportIntakePage

    return SupportIntakePage.objects.live().filter(locale=locale).order_by("depth", "path").first()


def district_intake_url(district, request) -> str | None:
    """The district's own intake page, or the city's with the district preselected.

    Kept until an intake page is published (it purges the `structure` tag, as a page
    type without tags of its own does), moved or deleted: every district page asks."""
    return kept_until_purged(
        "intake-url",
        [STRUCTURE],
        [district.pk, request.get_host()],
        lambda: _find_district_intake_url(district, request),
    )


def _find_district_intake_url(district, request) -> str | None:
    from .models import SupportIntakePage

    own = SupportIntakePage.objects.live().descendant_of(district).order_by("path").first()
    if own is not None:
        return own.get_url(request)
    city = city_intake_page(district.locale)
    if city is None:
        return None
    return f"{city.get_url(request)}?{urlencode({'district': district.slug})}"


def district_context(page, request) -> dict | None:
    url = district_intake_url(page, request)
    return {"url": url} if url else None


def home_context(page, request) -> dict | None:
    intake = city_intake_page(page.locale)
    return {"url": intake.get_url(request)} if intake else None


def navigation_links(request) -> list[Link]:
    intake = city_intake_page(Locale.get_active())
    if intake is None:
        return []
    return [Link(str(_("Ask for help")), intake.get_url(request))]
