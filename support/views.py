"""The thanks page after an intake form, a plain view (support/urls.py).

The form itself is Wagtail's: `SupportIntakePage.serve` is `FormMixin.serve` with the
page's hooks (support/models.py). A valid post makes the case and sends the browser here
(`/support/thanks/<signed token>/`, in the page's language), so reloading shows the same
reference and posts nothing again; the form's single-use token makes a second post of the
same form (a double click) show the same page too (`support.services.submit_intake`).
Nothing the person typed, and not even the reference, goes into a URL: the token names a
receipt by its secret. The page is not cached, nor indexed, and shows the reference for a
day after sending.
"""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from portal.signups import InvalidLink

from .services import read_thanks_token


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
    """The landing page: the thanks page of a case, or without one the admin's "landing page"
    preview (`SupportIntakePage.render_landing_page`)."""
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
