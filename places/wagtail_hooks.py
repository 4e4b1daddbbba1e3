"""Admin wiring of the places app: word lists, location warnings, the confirmation panel."""

import datetime as dt

from django.contrib import messages
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CONFIRMATION_PERIOD, AccessibilityFeature, PlaceKind, PlacePage, TargetGroup


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
    page = page.specific
    if isinstance(page, PlacePage) and page.location_approximate:
        messages.warning(
            request,
            _(
                "The address could not be placed exactly, so the map shows this place at an "
                "approximate position. Check the address, or enter the latitude and longitude."
            ),
        )


class PlacesToConfirmPanel(Component):
    """Dashboard: the user's places not confirmed for a year, oldest first."""

    name = "places_to_confirm"
    order = 150

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        explorable = (
            Page.objects.filter(
                pk__in=[
                    p.pk for p in self.request.user.page_permissions.explorable_root_instances()
                ]
            )
            if hasattr(self.request.user, "page_permissions")
            else Page.objects.none()
        )
        places = PlacePage.objects.filter(locale=Locale.get_default())
        query = None
        for root in explorable:
            condition = places.filter(path__startswith=root.path)
            query = condition if query is None else query | condition
        if query is None and self.request.user.is_superuser:
            query = places
        cutoff = timezone.localdate() - CONFIRMATION_PERIOD
        due = []
        if query is not None:
            due = list(
                query.filter(last_confirmed__lt=cutoff).order_by("last_confirmed")[:20]
            ) + list(query.filter(last_confirmed__isnull=True).order_by("title")[:20])
        return render_to_string(
            "places/admin/places_to_confirm.html",
            {"places": due[:20], "cutoff": cutoff, "today": dt.date.today()},
        )


@hooks.register("construct_homepage_panels")
def add_places_to_confirm(request, panels):
    panels.append(PlacesToConfirmPanel(request))
