"""Admin wiring of the events app: the kinds of event, location warnings."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EventKind, EventPage


class EventKindViewSet(SnippetViewSet):
    model = EventKind
    icon = "date"
    menu_label = "行事の種類"
    menu_name = "event-kinds"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name_ja", "name_en", "slug", "sort_order"]
    ordering = ["sort_order", "pk"]


register_snippet(EventKindViewSet)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_approximate_venue(request, page):
    page = page.specific
    if isinstance(page, EventPage) and page.location_approximate:
        messages.warning(
            request,
            _(
                "The venue's address could not be placed exactly, so its position is "
                "approximate. Check the address, or enter the latitude and longitude."
            ),
        )
