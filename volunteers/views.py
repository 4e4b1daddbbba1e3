"""Public views of volunteering: the list, the sign-up form, the confirmation, cancelling.

Everything works without JavaScript. Nothing personal goes in a URL: the
confirmation and cancel pages are keyed by signed tokens (`portal.signups`).
"""

from __future__ import annotations

from collections import defaultdict

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Locale

from home.models import DistrictPage, StandardPage
from portal.languages import current_language
from portal.page_cache import tagged
from portal.ratelimit import rate_limit
from portal.signup_views import CancelFlow, cancel_by_link, invalid_link, signup_page_or_404
from portal.signups import (
    InvalidLink,
    SignupClosed,
    link_token,
    read_link_token,
    sign_up,
)

from . import notifications
from .filters import OpportunityFilterSet
from .forms import SignupForm
from .models import ShiftSignup, VolunteerOpportunityPage, VolunteerShift
from .signups import cancel_signup

PER_PAGE = 20
SHIFTS_SHOWN = 5


# --- /volunteer/ ---------------------------------------------------------------------


def open_shifts():
    """Shifts still to come, of live opportunities, in the default locale (the ones that count)."""
    return VolunteerShift.objects.filter(
        page__locale=Locale.get_default(), page__live=True, start__gt=timezone.now()
    )


@tagged("volunteers", "districts")
def opportunity_list(request):
    """Open opportunities across districts, filtered by district, dates and keyword.

    A constant number of queries whatever the number of opportunities: one for
    the districts, one count and one page of opportunities, one for their
    translations, one for their shifts.
    """
    default, active = Locale.get_default(), Locale.get_active()
    districts = list(
        DistrictPage.objects.live()
        .filter(locale__in={default.pk, active.pk})
        .only("title", "slug", "path", "url_path", "locale_id", "translation_key")
        .order_by("path")
    )
    source_districts = {d.path: d for d in districts if d.locale_id == default.pk}
    shown_districts = {d.translation_key: d for d in districts if d.locale_id == active.pk}
    choices = [shown_districts.get(d.translation_key, d) for d in source_districts.values()]
    filters = OpportunityFilterSet.from_query(
        request.GET,
        open_shifts(),
        districts=list(source_districts.values()),
        shown=choices,
        locale=active,
    )
    shifts = filters.qs
    pages = (
        VolunteerOpportunityPage.objects.live()
        .filter(locale=default, pk__in=shifts.values("page_id"))
        .annotate(
            next_start=Subquery(
                shifts.filter(page_id=OuterRef("pk")).order_by("start").values("start")[:1]
            )
        )
        .order_by("next_start", "pk")
    )
    page_obj = Paginator(pages, PER_PAGE).get_page(request.GET.get("page"))
    sources = list(page_obj.object_list)

    translations = {}
    if active.pk != default.pk and sources:
        translations = {
            p.translation_key: p
            for p in VolunteerOpportunityPage.objects.live().filter(
                locale=active, translation_key__in=[s.translation_key for s in sources]
            )
        }
    shifts_by_page = defaultdict(list)
    for shift in shifts.filter(page_id__in=[s.pk for s in sources]).order_by("start", "pk"):
        shifts_by_page[shift.page_id].append(shift)

    items = []
    for source in sources:
        page = translations.get(source.translation_key, source)
        source_district = source_districts.get(source.path[: -source.steplen])
        district = None
        if source_district is not None:
            district = shown_districts.get(source_district.translation_key, source_district)
        page_shifts = shifts_by_page[source.pk]
        items.append(
            {
                "page": page,
                "url": page.get_url(request),
                "district": district,
                "district_url": district.get_url(request) if district else "",
                "shifts": page_shifts[:SHIFTS_SHOWN],
                "more_shifts": max(len(page_shifts) - SHIFTS_SHOWN, 0),
            }
        )
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "volunteers/opportunity_list.html",
        {
            "form": filters.form,
            "items": items,
            "page_obj": page_obj,
            "paginator": page_obj.paginator,
            "filter_query": query.urlencode(),
            "filtered": any(filters.valid_data.values()),
        },
    )


# --- Sign-up ----------------------------------------------------------------------------


@never_cache
@rate_limit("signup")
def signup(request, page_id: int):
    """The sign-up form of one opportunity: /volunteer/<page id>/signup/."""
    source, page = signup_page_or_404(VolunteerOpportunityPage, page_id)
    shifts = source.shifts.filter(start__gt=timezone.now()).order_by("start", "pk")
    context = {"page": page, "district": page.district}
    if not source.online_signup or not shifts.exists():
        return TemplateResponse(request, "volunteers/signup_closed.html", context)
    form = SignupForm(
        request.POST if request.method == "POST" else None,
        shifts=shifts,
        privacy_url=StandardPage.privacy_policy_url(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            results = _sign_up(form.cleaned_data)
        except SignupClosed:
            form.add_error("shifts", _("That date is no longer open. Please choose another."))
        else:
            token = link_token(
                [r.signup for r in results], notifications.THANKS, d=[r.duplicate for r in results]
            )
            return redirect(reverse("volunteers:thanks", args=[token]))
    context["form"] = form
    return TemplateResponse(request, "volunteers/signup.html", context)


def _sign_up(data) -> list:
    """Sign up for every chosen shift and queue one mail, all in one transaction."""
    chosen = sorted(data["shifts"], key=lambda shift: shift.pk)  # one lock order: no deadlock
    fields = {
        "name": data["name"].strip(),
        "furigana": data["furigana"],
        "email": data["email"],
        "phone": data["phone"],
        "note": data["note"].strip(),
        "language": current_language(),
    }
    with transaction.atomic():
        results = [sign_up(shift, **fields) for shift in chosen]
        new = [result.signup for result in results if not result.duplicate]
        if new:
            notifications.queue_confirmation(new)
    return results


@never_cache
def thanks(request, token: str):
    """The confirmation page after signing up (keyed by a signed token, nothing personal)."""
    try:
        signups, extra = read_link_token(ShiftSignup, token, notifications.THANKS)
    except InvalidLink:
        return invalid_link(request, CANCEL_FLOW.template_dir)
    duplicates = extra.get("d") or [False] * len(signups)
    items = []
    for signup, duplicate in zip(signups, duplicates, strict=False):
        item = notifications.describe(signup)
        item["duplicate"] = bool(duplicate)
        items.append(item)
    return TemplateResponse(
        request,
        "volunteers/thanks.html",
        {
            "items": items,
            "has_email": any(s.email for s in signups),
            "all_duplicates": all(item["duplicate"] for item in items),
        },
    )


CANCEL_FLOW = CancelFlow(
    model=ShiftSignup,
    purpose=notifications.CANCEL,
    template_dir="volunteers/",
    describe=notifications.describe,
    has_started=lambda signup: not signup.slot.is_open(),
    cancel=cancel_signup,
    select_related=("slot__page",),
)


def cancel_signup_by_link(request, token: str):
    """Cancelling a sign-up by the link in its mail (`portal.signup_views`)."""
    return cancel_by_link(request, token, CANCEL_FLOW)
