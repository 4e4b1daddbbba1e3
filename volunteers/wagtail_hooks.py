"""Volunteering's hooks: in the admin, the roster (menu and URLs), audit-log actions and a
guard against deleting opportunities that people are still signed up for; on the portal's
pages (docs/architecture.md, "Extension points"), its sections and navigation link,
opportunities in the site search, and its demo content."""

from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from portal import search
from portal.demo import DemoLoader
from portal.sections import LinkSource, Section
from portal.signups import ACTIVE_STATUSES

from . import roster, sections
from .demo import load_demo_opportunities
from .models import ShiftSignup, VolunteerOpportunityPage
from .permissions import VIEW_ROSTER
from .search import next_dates


class RosterMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_ROSTER)


@hooks.register("register_admin_urls")
def register_roster_urls():
    return [path("volunteers/roster/", include((roster.urlpatterns, "volunteers_roster")))]


@hooks.register("register_admin_menu_item")
def register_roster_menu_item():
    return RosterMenuItem(
        gettext_lazy("Volunteer rosters"),
        reverse("volunteers_roster:index"),
        name="volunteer-rosters",
        icon_name="group",
        order=250,
    )


@hooks.register("register_log_actions")
def register_roster_log_actions(actions):
    actions.register_action(
        "volunteers.roster.attendance",
        gettext_lazy("Record attendance"),
        gettext_lazy("Attendance and hours recorded"),
    )
    actions.register_action(
        "volunteers.roster.cancel",
        gettext_lazy("Cancel a sign-up"),
        gettext_lazy("A sign-up was cancelled by staff"),
    )
    actions.register_action(
        "volunteers.roster.export",
        gettext_lazy("Export a roster"),
        gettext_lazy("Roster exported as CSV"),
    )


@hooks.register("before_delete_page")
def keep_pages_with_signups(request, page):
    """People signed up for a coming shift must be told first: cancel them in the roster."""
    waiting = ShiftSignup.objects.filter(
        slot__page__path__startswith=page.path,
        slot__start__gt=timezone.now(),
        status__in=ACTIVE_STATUSES,
    ).count()
    if not waiting:
        return None
    messages.error(
        request,
        _(
            "This page cannot be deleted: %(count)d people are signed up for coming volunteer "
            "shifts under it. Cancel their sign-ups in the volunteer roster first (they are told "
            "by e-mail), or unpublish the page instead."
        )
        % {"count": waiting},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


# --- What volunteering shows on the portal's pages (portal/sections.py) ----------------------


@hooks.register("portal_district_sections")
def district_volunteering_section():
    return Section(
        "volunteering",
        "volunteers/sections/district_volunteering.html",
        sections.district_context,
        order=40,
    )


@hooks.register("portal_home_sections")
def home_volunteering_section():
    return Section(
        "volunteering",
        "volunteers/sections/home_volunteering.html",
        sections.home_context,
        order=40,
    )


@hooks.register("portal_main_navigation")
def volunteer_link():
    return LinkSource("volunteer", sections.navigation_links, order=40)


# --- The site search (portal/search.py) ------------------------------------------------------


@hooks.register("portal_search_types")
def volunteering_search_type():
    """Volunteer opportunities, each result with its next shift."""
    return search.SearchableType(
        VolunteerOpportunityPage,
        key="volunteering",
        label=pgettext_lazy("search result type", "Volunteering"),
        summary="role",
        district=lambda page: page.get_parent(),
        next_dates=next_dates,
        order=40,
    )


@hooks.register("portal_demo_loaders")
def demo_opportunities():
    """`manage.py load_demo` (portal/demo.py)."""
    return DemoLoader("volunteers", load_demo_opportunities, order=40)
