"""What `consult/` shows through the portal's hooks: the windows on each district page and
the navigation link (registered in consult/wagtail_hooks.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.sections import Link


def district_windows(page, request) -> dict:
    from .services import by_field, windows_for, with_areas

    windows = with_areas(list(windows_for(page).prefetch_related("districts")))
    return {
        "groups": by_field(windows),
        "consult_url": reverse("consult:list") + f"?district={page.slug}#answers",
    }


def navigation_links(request) -> list[Link]:
    return [Link(str(_("Where to ask")), reverse("consult:list"))]
