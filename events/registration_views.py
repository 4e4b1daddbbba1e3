"""Public views of event registration: the form of one session, the confirmation, cancelling.

Everything works without JavaScript. Nothing personal goes in a URL: the
confirmation and cancel pages are keyed by signed tokens (`portal.signups`).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

from home.models import StandardPage
from portal.languages import current_language
from portal.ratelimit import rate_limit
from portal.signup_views import CancelFlow, cancel_by_link, invalid_link, signup_page_or_404
from portal.signups import (
    InvalidLink,
    SignupClosed,
    link_token,
    read_link_token,
)

from . import registration
from .forms import RegistrationForm
from .models import EventOccurrence, EventPage
from .registration_models import EventRegistration


@never_cache
@rate_limit("signup")
def register(request, page_id: int, session: str):
    """The registration form of one session: /events/<page id>/register/<20261208T1000>/."""
    source, shown = signup_page_or_404(EventPage, page_id)
    original_start = registration.parse_session_key(session)
    occurrence = (
        EventOccurrence.objects.filter(page=source, original_start=original_start)
        .select_related("page")
        .first()
        if original_start is not None
        else None
    )
    if occurrence is None:
        raise Http404
    slot = registration.existing_slot(source, occurrence)
    context = {
        "page": shown,
        "occurrence": occurrence,
        "slot": slot,
        "phone": source.phone,
        "limited": bool(source.capacity),
    }
    if not registration.is_open(source, occurrence):
        return TemplateResponse(request, "events/registration/closed.html", context)
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        privacy_url=StandardPage.privacy_policy_url(request),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = registration.register(
                source,
                occurrence,
                party_size=data["party_size"],
                name=data["name"].strip(),
                furigana=data["furigana"],
                email=data["email"],
                phone=data["phone"],
                language=current_language(),
            )
        except SignupClosed:
            return TemplateResponse(request, "events/registration/closed.html", context)
        token = link_token(result.signup, registration.THANKS, d=[result.duplicate])
        return redirect(reverse("events:registration_thanks", args=[token]))
    context["form"] = form
    return TemplateResponse(request, "events/registration/form.html", context)


@never_cache
def thanks(request, token: str):
    """The confirmation page after registering (keyed by a signed token, nothing personal)."""
    try:
        registrations, extra = read_link_token(EventRegistration, token, registration.THANKS)
    except InvalidLink:
        return invalid_link(request, CANCEL_FLOW.template_dir)
    if len(registrations) != 1:
        return invalid_link(request, CANCEL_FLOW.template_dir)
    item = registration.describe(registrations[0])
    duplicate = bool((extra.get("d") or [False])[0])
    return TemplateResponse(
        request,
        "events/registration/thanks.html",
        {"item": item, "duplicate": duplicate, "has_email": bool(registrations[0].email)},
    )


CANCEL_FLOW = CancelFlow(
    model=EventRegistration,
    purpose=registration.CANCEL,
    template_dir="events/registration/",
    describe=registration.describe,
    has_started=registration.has_started,
    cancel=registration.cancel_registration,
    select_related=("slot__event",),
)


def cancel(request, token: str):
    """Cancelling a registration by the link in its mail (`portal.signup_views`)."""
    return cancel_by_link(request, token, CANCEL_FLOW)
