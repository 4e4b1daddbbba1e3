"""Serving an intake page: the form, the rate limit, the landing page with the reference.

The landing page is rendered in answer to the POST itself: nothing the
person typed, and not even the reference, ever goes into a URL. The response
is not cached, and the request is marked so that Django's error reports never
show what was posted.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from portal.ratelimit import is_limited

from .forms import UNKNOWN_DISTRICT


def _initial(page, request) -> dict:
    """The district preselected by the page (a district's own page) or by ?district=<slug>."""
    from home.models import DistrictPage

    district = page.default_district()
    slug = request.GET.get("district", "")
    if district is None and slug:
        district = DistrictPage.objects.filter(
            slug=slug[:100], locale__language_code=settings.LANGUAGE_CODE
        ).first()
    return {"district": str(district.pk)} if district else {}


def serve_intake(page, request, *args, **kwargs):
    # Django's error reports then show no posted value (names, health answers).
    request.sensitive_post_parameters = "__ALL__"
    if request.method == "POST":
        if is_limited(request, "intake"):
            response = render(request, "portal/429.html", status=429)
            add_never_cache_headers(response)
            return response
        form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
        if form.is_valid():
            submission = page.process_form_submission(form)
            return render_intake_landing(page, request, submission, form=form)
    else:
        form = page.get_form(page=page, user=request.user, initial=_initial(page, request))
    context = page.get_context(request)
    context["form"] = form
    context["unknown_district"] = UNKNOWN_DISTRICT
    response = TemplateResponse(request, page.get_template(request), context)
    if request.method == "POST":
        add_never_cache_headers(response)
    return response


def render_intake_landing(page, request, submission=None, form=None):
    context = page.get_context(request)
    case = submission.case if submission is not None else None
    context.update(
        {
            "form_submission": submission,
            "reference": case.reference if case else "",
            "district": case.district.localized if case and case.district else None,
            "health_withheld": bool(form is not None and form.health_withheld),
        }
    )
    response = TemplateResponse(request, page.get_landing_page_template(request), context)
    add_never_cache_headers(response)
    return response
