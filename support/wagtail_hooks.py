"""Participation support's hooks: in the admin, URLs, menu, dashboard panel, restrictions; through
the portal's hooks (docs/architecture.md, "Extension points"), the second factor for case
readers, the "Ask for help" sections and link, and its demo content."""

from __future__ import annotations

from django.db.models import Q
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from portal.demo import DemoLoader
from portal.sections import LinkSource, Section

from . import access, admin_views, sections
from .choices import OPEN_STATUSES, Status
from .demo import load_demo_support
from .models import DistrictMailbox, SupportIntakePage

urlpatterns = [
    path("cases/", admin_views.CaseListView.as_view(), name="list"),
    path("cases/new/", admin_views.CaseCreateView.as_view(), name="create"),
    path("cases/<int:pk>/", admin_views.CaseDetailView.as_view(), name="detail"),
    path("cases/<int:pk>/edit/", admin_views.CaseEditView.as_view(), name="edit"),
    path("cases/<int:pk>/status/", admin_views.StatusView.as_view(), name="status"),
    path("cases/<int:pk>/assign/", admin_views.AssignView.as_view(), name="assign"),
    path("cases/<int:pk>/contacts/add/", admin_views.ContactView.as_view(), name="contact"),
    path("cases/<int:pk>/team/add/", admin_views.MemberAddView.as_view(), name="team_add"),
    path(
        "cases/<int:pk>/team/<int:member_pk>/remove/",
        admin_views.MemberRemoveView.as_view(),
        name="team_remove",
    ),
    path("cases/<int:pk>/matches/add/", admin_views.MatchAddView.as_view(), name="match_add"),
    path(
        "cases/<int:pk>/matches/<int:match_pk>/",
        admin_views.MatchUpdateView.as_view(),
        name="match_update",
    ),
    path("cases/<int:pk>/escalate/", admin_views.EscalateView.as_view(), name="escalate"),
    path("cases/<int:pk>/take-up/", admin_views.TakeUpView.as_view(), name="take_up"),
    path("cases/<int:pk>/district/", admin_views.DistrictView.as_view(), name="district"),
    path("cases/<int:pk>/export/", admin_views.PersonExportView.as_view(), name="person_export"),
    path("reports/", admin_views.ReportView.as_view(), name="reports"),
    path("audit/", admin_views.AuditLogView.as_view(), name="audit"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("support/", include((urlpatterns, "support_cases"), namespace="support_cases"))]


# --- Notification addresses (coordinators) ----------------------------------------------------


class DistrictMailboxViewSet(ModelViewSet):
    model = DistrictMailbox
    form_fields = ["district", "email"]
    list_display = ["district", "email"]
    icon = "mail"
    add_to_admin_menu = False
    menu_label = _("Notification addresses")
    name = "support_mailboxes"


mailbox_viewset = DistrictMailboxViewSet()


@hooks.register("register_admin_viewset")
def register_mailbox_viewset():
    return mailbox_viewset


# --- The menu ---------------------------------------------------------------------------------


class SupportMenuItem(MenuItem):
    def __init__(self, *args, shown=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown = shown

    def is_shown(self, request):
        return self.shown(request.user)


def _can_see_mailboxes(user):
    return user.has_perm("support.view_districtmailbox")


def _can_read_audit(user):
    return user.is_active and user.has_perm(access.VIEW_AUDIT)


@hooks.register("register_admin_menu_item")
def register_support_menu():
    menu = Menu(
        items=[
            SupportMenuItem(
                _("Cases"),
                reverse("support_cases:list"),
                name="support-cases",
                icon_name="list-ul",
                order=10,
                shown=access.uses_support,
            ),
            SupportMenuItem(
                _("New case (call or visit)"),
                reverse("support_cases:create"),
                name="support-new-case",
                icon_name="plus",
                order=20,
                shown=access.can_open_cases,
            ),
            SupportMenuItem(
                _("Reports"),
                reverse("support_cases:reports"),
                name="support-reports",
                icon_name="table",
                order=30,
                shown=access.is_coordinator,
            ),
            SupportMenuItem(
                _("Audit log"),
                reverse("support_cases:audit"),
                name="support-audit",
                icon_name="history",
                order=40,
                shown=_can_read_audit,
            ),
            SupportMenuItem(
                _("Notification addresses"),
                reverse(mailbox_viewset.get_url_name("index")),
                name="support-mailboxes",
                icon_name="mail",
                order=50,
                shown=_can_see_mailboxes,
            ),
        ]
    )
    return SubmenuMenuItem(
        _("Participation support"), menu, name="support", icon_name="group", order=250
    )


# --- The dashboard ----------------------------------------------------------------------------


class SupportDashboardPanel(Component):
    """My open cases, overdue follow-ups, new intakes: references and dates only, no names."""

    name = "support_cases"
    order = 50
    template_name = "support/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        user = self.request.user
        today = timezone.localdate()
        cases = access.visible_cases(user).select_related("district")
        open_cases = cases.filter(status__in=OPEN_STATUSES)
        mine = open_cases.filter(
            Q(lead=user) | Q(members__user=user, members__removed_at__isnull=True)
        ).distinct()
        overdue = open_cases.filter(next_follow_up__lt=today).order_by("next_follow_up")
        new = cases.filter(status=Status.RECEIVED).order_by("created_at")
        return {
            "mine": mine[:10],
            "mine_count": mine.count(),
            "overdue": overdue[:10],
            "overdue_count": overdue.count(),
            "new": new[:10],
            "new_count": new.count(),
            "today": today,
            "list_url": reverse("support_cases:list"),
        }


@hooks.register("construct_homepage_panels")
def add_support_panel(request, panels):
    if access.uses_support(request.user):
        panels.append(SupportDashboardPanel(request))


# --- The form builder's own screens -----------------------------------------------------------


@hooks.register("filter_form_submissions_for_user")
def keep_intake_pages_out_of_the_forms_screens(user, form_pages):
    """Intake pages are not Wagtail "forms" to their editors: their submissions are cases.

    This takes them off the Forms index and refuses the form builder's delete
    view for them; their submissions list is `support.submissions`, reached
    from the cases list, and shows only the cases the user may see."""
    intake_pages = SupportIntakePage.objects.values("pk")
    return form_pages.exclude(pk__in=intake_pages)


@hooks.register("insert_global_admin_css")
def support_admin_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("support/css/admin.css"))


# --- What support shows on the portal's pages (portal/sections.py) ---------------------------


@hooks.register("portal_district_sections")
def district_support_section():
    return Section(
        "support", "support/sections/district_support.html", sections.district_context, order=90
    )


@hooks.register("portal_home_sections")
def home_support_section():
    return Section("support", "support/sections/home_support.html", sections.home_context, order=90)


@hooks.register("portal_main_navigation")
def ask_for_help_link():
    return LinkSource("support", sections.navigation_links, order=90)


@hooks.register("portal_demo_loaders")
def demo_support():
    """`manage.py load_demo` (portal/demo.py)."""
    return DemoLoader("support", load_demo_support, order=90)


@hooks.register("portal_two_factor_required")
def case_readers_need_two_factor(user) -> bool:
    """Whoever can read a case logs in with a second factor (when the settings require it,
    portal/two_factor.py)."""
    return access.uses_support(user)
