"""The districts a list's district filter offers (`portal.filters.DistrictFilter`)."""

from __future__ import annotations

from wagtail.models import Locale

from portal.languages import current_language
from portal.page_cache import kept_until_purged

from .models import DistrictPage


def district_choices() -> list[tuple[str, str]]:
    """(slug, title) of the active language's live districts, in the site's order.

    Every list's filter form asks for them, and only publishing a district changes
    them: kept until the `districts` tag is purged."""

    def read() -> list[tuple[str, str]]:
        districts = (
            DistrictPage.objects.live()
            .filter(locale=Locale.get_active())
            .order_by("path")
            .only("slug", "title")
        )
        return [(district.slug, district.title) for district in districts]

    return kept_until_purged("district-choices", ["districts"], [current_language()], read)
