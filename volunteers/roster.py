"""The volunteer roster in the Wagtail admin: who signed up for each shift.

Plain Django views (registered with `register_admin_urls`), each of which
reaches shifts and sign-ups only through `portal.district_access`: a
district's staff see and change their own district's rosters, coordinators
every district's, and anyone else gets 403 (no role) or 404 (another
district: the object does not exist for them). Every change and export is
written to Wagtail's audit log, on the shift, without names.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from wagtail.log_actions import log
from wagtail.models import Locale

from home.models import DistrictPage
from portal.csv_files import csv_response
from portal.dates import format_time_range
from portal.district_access import can_access, scope_queryset
from portal.signups import AlreadyCancelled, CancelledBy, SignupStatus

from . import signups
from .models import ShiftSignup, VolunteerShift
from .permissions import CHANGE_ROSTER, VIEW_ROSTER

PER_PAGE = 50


def roster_shifts(user, permission: str = VIEW_ROSTER):
    """The shifts whose roster `user` may see (default-locale pages: the ones with sign-ups)."""
    shifts = VolunteerShift.objects.filter(page__locale=Locale.get_default())
    return scope_queryset(shifts, user, permission, "page")


def roster_signups(user, permission: str = VIEW_ROSTER):
    signups = ShiftSignup.objects.filter(slot__page__locale=Locale.get_default())
    return scope_queryset(signups, user, permission, "slot__page")


def _require_role(user, permission: str = VIEW_ROSTER) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied


def _districts(user):
    return scope_queryset(
        DistrictPage.objects.filter(locale=Locale.get_default()).order_by("path"),
        user,
        VIEW_ROSTER,
        "",
    )


def _district_of(shift, districts_by_path) -> DistrictPage | None:
    return districts_by_path.get(shift.page.path[: -shift.page.steplen])


# --- List -------------------------------------------------------------------------


def index(request):
    _require_role(request.user)
    districts = list(_districts(request.user).only("title", "path", "slug"))
    by_path = {district.path: district for district in districts}
    shifts = roster_shifts(request.user)
    district = None
    if request.GET.get("district"):
        district = next((d for d in districts if str(d.pk) == request.GET["district"]), None)
        if district is None:
            raise Http404
        shifts = shifts.filter(page__path__startswith=district.path)
    today = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    past = request.GET.get("period") == "past"
    shifts = shifts.filter(start__lt=today) if past else shifts.filter(start__gte=today)
    shifts = (
        shifts.select_related("page")
        .annotate(
            waitlisted=Count("signups", filter=Q(signups__status=SignupStatus.WAITLISTED)),
        )
        .order_by("-start" if past else "start", "pk")
    )
    page_obj = Paginator(shifts, PER_PAGE).get_page(request.GET.get("p"))
    rows = [
        {
            "shift": shift,
            "district": _district_of(shift, by_path),
            "when": format_time_range(shift.start, shift.end),
        }
        for shift in page_obj.object_list
    ]
    return TemplateResponse(
        request,
        "volunteers/admin/roster_index.html",
        {
            "page_title": _("Volunteer rosters"),
            "header_icon": "group",
            "rows": rows,
            "page_obj": page_obj,
            "districts": districts,
            "district": district,
            "past": past,
        },
    )


# --- One shift ----------------------------------------------------------------------


ATTENDED_CHOICES = [
    ("", gettext_lazy("Not recorded")),
    ("yes", gettext_lazy("Came")),
    ("no", gettext_lazy("Did not come")),
]


class AttendanceForm(forms.Form):
    attended = forms.ChoiceField(
        label=gettext_lazy("Attendance"), choices=ATTENDED_CHOICES, required=False
    )
    hours = forms.DecimalField(
        label=gettext_lazy("Hours"),
        required=False,
        min_value=0,
        max_value=24,
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )

    @staticmethod
    def initial_for(signup) -> dict:
        attended = "" if signup.attended is None else ("yes" if signup.attended else "no")
        return {"attended": attended, "hours": signup.hours}

    def attended_value(self):
        return {"": None, "yes": True, "no": False}[self.cleaned_data["attended"]]


def detail(request, shift_id: int):
    _require_role(request.user)
    shift = get_object_or_404(roster_shifts(request.user).select_related("page"), pk=shift_id)
    can_change = can_access(request.user, shift, CHANGE_ROSTER, "page")
    signups = list(shift.signups.order_by("created_at", "pk"))
    confirmed = [s for s in signups if s.status == SignupStatus.CONFIRMED]
    waitlisted = [s for s in signups if s.status == SignupStatus.WAITLISTED]
    cancelled = [s for s in signups if s.status == SignupStatus.CANCELLED]
    bound = request.method == "POST"
    if bound and not can_change:
        raise PermissionDenied
    forms_by_signup = [
        (
            signup,
            AttendanceForm(
                request.POST if bound else None,
                prefix=f"s{signup.pk}",
                initial=AttendanceForm.initial_for(signup),
            ),
        )
        for signup in confirmed
    ]
    if bound and all(form.is_valid() for _signup, form in forms_by_signup):
        with transaction.atomic():
            for signup, form in forms_by_signup:
                signup.attended = form.attended_value()
                signup.hours = form.cleaned_data["hours"]
                signup.save(update_fields=["attended", "hours"])
            log(shift, "volunteers.roster.attendance", user=request.user)
        messages.success(request, _("Attendance and hours have been saved."))
        return redirect("volunteers_roster:detail", shift_id=shift.pk)
    district = DistrictPage.objects.filter(path=shift.page.path[: -shift.page.steplen]).first()
    return TemplateResponse(
        request,
        "volunteers/admin/roster_detail.html",
        {
            "page_title": _("Roster: %(title)s") % {"title": shift.page.title},
            "header_icon": "group",
            "shift": shift,
            "district": district,
            "when": format_time_range(shift.start, shift.end),
            "rows": forms_by_signup,
            "waitlisted": list(enumerate(waitlisted, start=1)),
            "cancelled": cancelled,
            "can_change": can_change,
        },
    )


def cancel_signup(request, signup_id: int):
    _require_role(request.user, CHANGE_ROSTER)
    signup = get_object_or_404(
        roster_signups(request.user, CHANGE_ROSTER).select_related("slot__page"), pk=signup_id
    )
    shift = signup.slot
    back = reverse("volunteers_roster:detail", args=[shift.pk])
    if signup.status == SignupStatus.CANCELLED:
        messages.info(request, _("This sign-up was already cancelled."))
        return redirect(back)
    if request.method == "POST":
        try:
            with transaction.atomic():
                promoted = signups.cancel_signup(signup, by=CancelledBy.STAFF)
                log(
                    shift,
                    "volunteers.roster.cancel",
                    user=request.user,
                    data={"signup": signup.pk, "promoted": [p.pk for p in promoted]},
                )
        except AlreadyCancelled:
            messages.info(request, _("This sign-up was already cancelled."))
            return redirect(back)
        message = _("The sign-up has been cancelled.")
        if promoted:
            message += " " + _(
                "%(count)d people on the waiting list have been confirmed and told by e-mail."
            ) % {"count": len(promoted)}
        messages.success(request, message)
        return redirect(back)
    return TemplateResponse(
        request,
        "volunteers/admin/roster_cancel.html",
        {
            "page_title": _("Cancel a sign-up"),
            "header_icon": "group",
            "signup": signup,
            "shift": shift,
            "when": format_time_range(shift.start, shift.end),
            "back": back,
        },
    )


# --- Export -----------------------------------------------------------------------------


def export_csv(request, shift_id: int):
    """The shift's roster as CSV, UTF-8 with a BOM so that Japanese Excel opens it."""
    _require_role(request.user)
    shift = get_object_or_404(roster_shifts(request.user).select_related("page"), pk=shift_id)
    start = timezone.localtime(shift.start)
    response, writer = csv_response(f"volunteer-roster-{shift.pk}-{start:%Y%m%d-%H%M}.csv")
    writer.writerow(
        [
            _("Activity"),
            _("Date and time"),
            pgettext("sign-up", "Status"),
            _("Waiting list number"),
            _("Name"),
            _("Furigana"),
            _("Phone"),
            _("E-mail"),
            _("Note"),
            _("Signed up at"),
            _("Attendance"),
            _("Hours"),
        ]
    )
    when = format_time_range(shift.start, shift.end)
    order = {SignupStatus.CONFIRMED: 0, SignupStatus.WAITLISTED: 1, SignupStatus.CANCELLED: 2}
    signups = sorted(
        shift.signups.order_by("created_at", "pk"), key=lambda s: order.get(s.status, 3)
    )
    attended = {None: "", True: _("Came"), False: _("Did not come")}
    waiting = [s.pk for s in signups if s.status == SignupStatus.WAITLISTED]
    for signup in signups:
        writer.writerow(
            [
                shift.page.title,
                when,
                signup.get_status_display(),
                waiting.index(signup.pk) + 1 if signup.pk in waiting else "",
                signup.name,
                signup.furigana,
                signup.phone,
                signup.email,
                signup.note,
                f"{timezone.localtime(signup.created_at):%Y-%m-%d %H:%M}",
                attended[signup.attended],
                signup.hours,
            ]
        )
    log(shift, "volunteers.roster.export", user=request.user)
    return response


app_name = "volunteers_roster"
urlpatterns = [
    path("", index, name="index"),
    path("<int:shift_id>/", detail, name="detail"),
    path("<int:shift_id>/export/", export_csv, name="export"),
    path("signup/<int:signup_id>/cancel/", cancel_signup, name="cancel"),
]
