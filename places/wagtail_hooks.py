"""The places app's hooks: in the admin, word lists, location warnings, the confirmation
panel; through the portal's hooks (docs/architecture.md, "Extension points"), its sections
and navigation link, /places/ in the sitemap, places in the site search and in open data,
and its demo content."""

from django.contrib import messages
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal import opendata, search
from portal.demo import DemoLoader
from portal.district_access import scope_filter, scope_paths
from portal.sections import LinkSource, Section
from portal.sitemaps import SitemapView

from . import sections
from .demo import load_demo_places
from .models import CONFIRMATION_PERIOD, AccessibilityFeature, PlaceKind, PlacePage, TargetGroup
from .opendata import facilities_csv, places_geojson
from .search import near_me_shortcut


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name_ja", "name_en", "slug", "sort_order"]
    ordering = ["sort_order", "pk"]
    add_to_admin_menu = False


class PlaceKindViewSet(TaxonomyViewSet):
    model = PlaceKind
    icon = "tag"
    menu_label = "場所の種類"


class TargetGroupViewSet(TaxonomyViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = "対象の方"


class AccessibilityFeatureViewSet(TaxonomyViewSet):
    model = AccessibilityFeature
    icon = "success"
    menu_label = "バリアフリー設備"


class WordListGroup(SnippetViewSetGroup):
    items = (PlaceKindViewSet, TargetGroupViewSet, AccessibilityFeatureViewSet)
    menu_icon = "list-ul"
    menu_label = "分類（場所・対象・設備）"
    menu_name = "word-lists"
    menu_order = 300


register_snippet(WordListGroup)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_approximate_location(request, page):
    """Say, once and naming the place, that its map position is approximate.

    Only on a response that shows messages: the editor's autosave answers in
    JSON, and a message added then waited in the session and appeared later on
    an unrelated screen, once per autosave."""
    page = page.specific
    if not isinstance(page, PlacePage) or not page.location_approximate:
        return
    if not request.accepts("text/html"):
        return
    messages.warning(
        request,
        _(
            "The address of “%(place)s” could not be placed exactly, so the map shows it at an "
            "approximate position. Check the address, or enter the latitude and longitude."
        )
        % {"place": page.title},
    )


class PlacesToConfirmPanel(Component):
    """Dashboard: the places of the user's districts not confirmed for a year, oldest first."""

    name = "places_to_confirm"
    order = 150
    template_name = "places/admin/places_to_confirm.html"
    limit = 20

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        cutoff = timezone.localdate() - CONFIRMATION_PERIOD
        # The districts whose pages the user edits: the portal's one scope rule.
        places = PlacePage.objects.filter(
            scope_filter(self.request.user), locale=Locale.get_default()
        ).filter(Q(last_confirmed__lt=cutoff) | Q(last_confirmed__isnull=True))
        due = places.order_by(F("last_confirmed").asc(nulls_first=True), "title")
        return {"places": due[: self.limit], "count": due.count(), "cutoff": cutoff}


@hooks.register("construct_homepage_panels")
def add_places_to_confirm(request, panels):
    if request.user.is_superuser or scope_paths(request.user):
        panels.append(PlacesToConfirmPanel(request))


# --- What places show on the portal's pages (portal/sections.py) ----------------------------


@hooks.register("portal_district_sections")
def district_places_section():
    return Section(
        "places", "places/sections/district_places.html", sections.district_places, order=20
    )


@hooks.register("portal_district_index_sections")
def which_district_section():
    return Section(
        "which-district", "places/sections/which_district.html", sections.which_district, order=10
    )


@hooks.register("portal_home_sections")
def home_places_section():
    return Section("places", "places/sections/home_places.html", sections.home_places, order=10)


@hooks.register("portal_main_navigation")
def places_link():
    return LinkSource("places", sections.places_link, order=20)


@hooks.register("portal_sitemap_views")
def places_list_in_sitemap():
    return SitemapView("places:list", changefreq="daily")


# --- The site search (portal/search.py) ------------------------------------------------------


@hooks.register("portal_search_types")
def places_search_type():
    """Besides their own text and organiser, places are found by the names of their kind,
    target groups and accessibility features, in both languages (サロン, 車椅子, salon)."""
    return search.SearchableType(
        PlacePage,
        key="places",
        label=pgettext_lazy("search result type", "Places"),
        summary="summary",
        # The parent, not the `district` column: right at once after a move in the admin.
        district=lambda page: page.get_parent(),
        order=20,
    )


hooks.register("portal_search_shortcuts", near_me_shortcut)


# --- Open data (portal/opendata.py) ----------------------------------------------------------


@hooks.register("portal_open_data_sets")
def places_data_set():
    """The national 公共施設一覧 CSV (the default language) and a GeoJSON (the page's language)."""
    return opendata.DataSet(
        key="facilities",
        title=gettext_lazy("Places and public facilities"),
        description=gettext_lazy(
            "Every place on the portal: district hubs, welfare hubs, salons, children's plazas "
            "and consultation windows, with address, position, opening days, accessibility and "
            "contact. The CSV is in Japanese; the GeoJSON is in the language of this page."
        ),
        layout=gettext_lazy("公共施設一覧 (national recommended data set layout)"),
        columns=tuple(opendata.FACILITY_COLUMNS),
        files=(
            opendata.DataFile("facilities.csv", "CSV", build=facilities_csv),
            opendata.DataFile("places.geojson", "GeoJSON", build=places_geojson),
        ),
        order=10,
    )


@hooks.register("portal_demo_loaders")
def demo_places():
    """`manage.py load_demo` (portal/demo.py)."""
    return DemoLoader("places", load_demo_places, order=20)
