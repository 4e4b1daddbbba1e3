"""The public pages every kind of sign-up shares: finding the page a form is for,
and cancelling by the link in a mail.

Both sign-up forms are plain routes keyed by the page's id
(`/events/<id>/register/<session>/`, `/volunteer/<id>/signup/`): their links
are built in long lists without routing each page, and the same link works
under every language prefix (`signup_page_or_404`).

Volunteer shifts and event sessions describe their own sign-ups, say when it is
too late and cancel them (with their mails); the steps and their order are one:

1. the link's signed token names the sign-up (`portal.signups.signup_from_token`);
   a forged, altered or foreign token gets the app's "link invalid" page (400);
2. an already cancelled sign-up says so; one whose activity has started says
   to call instead (no online cancelling once it has begun);
3. GET asks to confirm (mail scanners and link previews follow links), POST
   cancels; a second POST, or one racing another, finds it already cancelled.

Each app keeps its templates (`cancel_confirm.html`, `cancel_done.html`,
`cancel_already.html`, `cancel_started.html`, `link_invalid.html` in
`CancelFlow.template_dir`): their words differ ("registration", "sign-up").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from .languages import current_language
from .signups import AbstractSignup, AlreadyCancelled, InvalidLink, SignupStatus, signup_from_token
from .translation import live_translation


@dataclass(frozen=True)
class CancelFlow:
    """What one kind of sign-up brings to the shared cancel page."""

    model: type[AbstractSignup]
    #: The purpose the cancel link's token was signed for.
    purpose: str
    #: Folder of the app's templates, ending in "/".
    template_dir: str
    #: What the page shows of a sign-up (the app's `describe`).
    describe: Callable[[AbstractSignup], dict]
    #: Whether the activity has begun (then it is too late to cancel online).
    has_started: Callable[[AbstractSignup], bool]
    #: Cancel, promote and mail in one transaction; raises AlreadyCancelled.
    cancel: Callable[[AbstractSignup], object]
    #: Relations `describe` and `has_started` read, fetched with the sign-up.
    select_related: tuple[str, ...] = ()


def signup_page_or_404(model: type[Page], page_id: int) -> tuple[Page, Page]:
    """The page a sign-up route names: (its source, the page shown to the reader).

    The source (default locale) holds the slots that take sign-ups; the page
    shown is its live translation in the active language. A page that is not
    live, or whose source is not, is a 404, and so is one behind a privacy
    setting: a route by id must not open what the page tree keeps closed.
    """
    page = model.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    source = page.source_page()
    if not (page.live and source.live) or source.get_view_restrictions().exists():
        raise Http404
    return source, live_translation(source, current_language())


def invalid_link(request, template_dir: str) -> TemplateResponse:
    """The app's page for a link that is not (or no longer) one of ours."""
    return TemplateResponse(request, f"{template_dir}link_invalid.html", {}, status=400)


@never_cache
def cancel_by_link(request, token: str, flow: CancelFlow) -> TemplateResponse:
    """GET asks to confirm; POST cancels and promotes (see the module's steps)."""
    try:
        found = signup_from_token(flow.model, token, flow.purpose)
    except InvalidLink:
        return invalid_link(request, flow.template_dir)
    signup = flow.model.objects.select_related(*flow.select_related).get(pk=found.pk)
    context = {"item": flow.describe(signup)}

    def page(name: str) -> TemplateResponse:
        return TemplateResponse(request, f"{flow.template_dir}{name}.html", context)

    if signup.status == SignupStatus.CANCELLED:
        return page("cancel_already")
    if flow.has_started(signup):
        return page("cancel_started")
    if request.method != "POST":
        return page("cancel_confirm")
    try:
        flow.cancel(signup)
    except AlreadyCancelled:
        return page("cancel_already")
    context["item"] = flow.describe(signup)
    return page("cancel_done")
