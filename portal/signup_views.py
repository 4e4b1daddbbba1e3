"""The public pages every kind of sign-up shares: cancelling by the link in a mail.

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

from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from .signups import AbstractSignup, AlreadyCancelled, InvalidLink, SignupStatus, signup_from_token


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
