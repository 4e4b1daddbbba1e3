"""The districts a list's district filter offers (`portal.filters.DistrictFilter`)."""

from __future__ import annotations

from wagtail.models import Locale

from .models import DistrictPage


def district_choices() -> list[tuple[str, str]]:
    """(slug, title) of the active language's live districts, in the site's order."""
    districts = (
        DistrictPage.objects.live()
        .filter(locale=Locale.get_active())
        .order_by("path")
        .only("slug", "title")
    )
    return [(district.slug, district.title) for district in districts]
