"""Serving an intake page: the form, the rate limit, the redirect to the thanks page.

A valid post makes the case and sends the browser to the thanks page
(`/support/thanks/<signed token>/`, in the page's language), so reloading shows the
same reference and posts nothing again; the form's single-use token makes a second
post of the same form (a double click) show the same page too
(`support.services.submit_intake`). Nothing the person typed, and not even the
reference, goes into a URL: the token names a receipt by its secret. No answer is
cached, and the request is marked so that Django's error reports never show what was
posted.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from portal.ratelimit import is_limited
from portal.signups import InvalidLink

from .forms import UNKNOWN_DISTRICT
from .services import read_thanks_token, thanks_token


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


def serve_intake(page, request):
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
            token = thanks_token(submission.case.receipt, form.health_withheld)
            return redirect(reverse("support:thanks", args=[token]))
    else:
        form = page.get_form(page=page, user=request.user, initial=_initial(page, request))
    context = page.get_context(request)
    context["form"] = form
    context["unknown_district"] = UNKNOWN_DISTRICT
    response = TemplateResponse(request, page.get_template(request), context)
    if request.method == "POST":
        add_never_cache_headers(response)
    return response


@require_safe
def intake_thanks(request, token: str):
    """The thanks page: the reference and what happens next, on the intake page the form
    was sent from (in the language of the URL), for a day after sending."""
    try:
        receipt, health_withheld = read_thanks_token(token)
    except InvalidLink:
        receipt, health_withheld = None, False
    sent_from = receipt.case.intake_page if receipt is not None else None
    if sent_from is None:
        response = TemplateResponse(request, "support/intake_thanks_invalid.html", {}, status=400)
        add_never_cache_headers(response)
        return response
    page = sent_from.localized.specific
    return render_intake_landing(page, request, receipt.case, health_withheld)


def render_intake_landing(page, request, case=None, health_withheld=False):
    """The landing page (also the admin's "landing page" preview, without a case)."""
    context = page.get_context(request)
    context.update(
        {
            "reference": case.reference if case else "",
            "district": case.district.localized if case and case.district else None,
            "health_withheld": health_withheld,
        }
    )
    response = TemplateResponse(request, page.get_landing_page_template(request), context)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
