"""The events app's hooks: in the admin, the kinds of event and location warnings; through the
portal's hooks (docs/architecture.md, "Extension points"), its sections and navigation link,
events in the site search and in open data, and its demo content."""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import opendata, search
from portal.demo import DemoLoader
from portal.sections import LinkSource, Section

from . import sections
from .demo import load_demo_events
from .models import EventKind, EventPage
from .opendata import events_csv
from .search import next_dates


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


# --- What events show on the portal's pages (portal/sections.py) ----------------------------


@hooks.register("portal_district_sections")
def district_events_section():
    return Section(
        "events", "events/sections/district_events.html", sections.district_events, order=30
    )


@hooks.register("portal_home_sections")
def home_events_section():
    return Section("events", "events/sections/home_events.html", sections.home_events, order=20)


@hooks.register("portal_place_sections")
def place_events_section():
    return Section("events", "events/sections/place_events.html", sections.place_events, order=10)


@hooks.register("portal_main_navigation")
def events_link():
    return LinkSource("events", sections.events_link, order=25)


# --- The site search (portal/search.py) ------------------------------------------------------


@hooks.register("portal_search_types")
def events_search_type():
    """Events, found by their kind and target groups too, each result with its next date."""
    return search.SearchableType(
        EventPage,
        key="events",
        label=pgettext_lazy("search result type", "Events"),
        summary="summary",
        district=lambda page: page.get_parent(),
        next_dates=next_dates,
        order=30,
    )


# --- Open data (portal/opendata.py) ----------------------------------------------------------


@hooks.register("portal_open_data_sets")
def events_data_set():
    """Every upcoming session in the national イベント一覧 layout, beside the iCalendar feed."""
    return opendata.DataSet(
        key="events",
        title=gettext_lazy("Events"),
        description=gettext_lazy(
            "Every upcoming event on the portal, one line per date: when, where, fee, "
            "contact and how to apply."
        ),
        layout=gettext_lazy("イベント一覧 (national recommended data set layout)"),
        columns=tuple(opendata.EVENT_COLUMNS),
        files=(
            opendata.DataFile("events.csv", "CSV", build=events_csv),
            opendata.DataFile("events.ics", "iCalendar", url=lambda: reverse("events:feed")),
        ),
        order=30,
    )


@hooks.register("portal_demo_loaders")
def demo_events():
    """`manage.py load_demo` (portal/demo.py)."""
    return DemoLoader("events", load_demo_events, order=30)
