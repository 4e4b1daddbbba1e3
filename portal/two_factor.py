"""Two-factor login for the staff who can read special-care personal data.

With TWO_FACTOR_REQUIRED (production's default), a user for whom any
registered rule says so, and every superuser, must confirm a one-time code
from an authenticator app (TOTP, django-otp) after the password before any
admin page opens:

* no confirmed device yet: the setup page (a QR code, the key to type by hand,
  one code to confirm it, then ten single-use backup codes shown once);
* a device: the code page, once per session.

The rules come from the apps that hold the data, so this module imports none;
each registers one for a Wagtail hook in its `wagtail_hooks.py`:

`portal_two_factor_required`
    `fn(user) -> bool`: True when this signed-in user must use the second factor
    (support: whoever can read a case). Asked at each admin request while the
    user has not confirmed a code this session.
"""

from __future__ import annotations

import logging
from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

logger = logging.getLogger("portal.two_factor")

#: Admin paths a user who still owes the second factor may open.
EXEMPT_PREFIXES = ("/admin/login/", "/admin/logout/", "/admin/two-factor/", "/admin/jsi18n/")
BACKUP_CODES = 10


def needs_two_factor(user) -> bool:
    """Whether this user must confirm a code before using the admin."""
    if not user.is_authenticated:
        return False
    rules = hooks.get_hooks("portal_two_factor_required")
    return user.is_superuser or any(rule(user) for rule in rules)


def has_confirmed_device(user) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


class RequireTwoFactorMiddleware:
    """Send admin users who owe the second factor to the setup or code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            settings.TWO_FACTOR_REQUIRED
            and path.startswith("/admin/")
            and not path.startswith(EXEMPT_PREFIXES)
            and not request.user.is_verified()
            and needs_two_factor(request.user)
        ):
            name = "verify" if has_confirmed_device(request.user) else "setup"
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse(f'two_factor:{name}')}?{query}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        help_text=_(
            "The six digits your authenticator app shows now, or one of your backup codes."
        ),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


@method_decorator([never_cache, sensitive_post_parameters("code")], name="dispatch")
class TwoFactorView(WagtailAdminTemplateMixin, FormView):
    form_class = CodeForm
    header_icon = "key"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": _next_url(self.request)}


class VerifyView(TwoFactorView):
    """The code page: one code from the app (or a backup code) per session."""

    template_name = "portal/two_factor/verify.html"
    page_title = _("Confirm it is you")

    def form_valid(self, form):
        device = match_token(self.request.user, form.cleaned_data["code"])
        if device is None:
            form.add_error("code", _("That code is not right, or has expired. Type the newest."))
            return self.form_invalid(form)
        otp_login(self.request, device)
        return redirect(_next_url(self.request))


class SetupView(TwoFactorView):
    """First login: connect an authenticator app, confirm it with one code."""

    template_name = "portal/two_factor/setup.html"
    page_title = _("Set up two-step login")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and has_confirmed_device(request.user):
            query = urlencode({"next": _next_url(request)})
            return redirect(f"{reverse('two_factor:verify')}?{query}")
        return super().dispatch(request, *args, **kwargs)

    def device(self) -> TOTPDevice:
        # One unconfirmed device per user, kept between the page and the post.
        device, _created = TOTPDevice.objects.get_or_create(
            user=self.request.user, confirmed=False, defaults={"name": "authenticator"}
        )
        return device

    def get_context_data(self, **kwargs):
        device = self.device()
        qr = segno.make(device.config_url, error="m")
        key = b32encode(device.bin_key).decode()
        return {
            **super().get_context_data(**kwargs),
            "qr_data_uri": qr.svg_data_uri(scale=4),
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        }

    def form_valid(self, form):
        device = self.device()
        if not device.verify_token(form.cleaned_data["code"]):
            form.add_error("code", _("That code is not right. Type the six digits shown now."))
            return self.form_invalid(form)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(self.request, device)
        codes = issue_backup_codes(self.request.user)
        return render(
            self.request,
            "portal/two_factor/backup_codes.html",
            {
                **super().get_context_data(),
                "codes": codes,
                "next": _next_url(self.request),
                "page_title": _("Your backup codes"),
            },
        )


def reset_two_factor(user) -> int:
    """Forget every device of the user (app and backup codes); the next login sets one up."""
    deleted = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        deleted += 1
    return deleted


def can_reset_two_factor(request_user) -> bool:
    """Who may reset another's two-step login: those who may edit users."""
    return request_user.has_perm("auth.change_user")


@method_decorator(never_cache, name="dispatch")
class ResetView(WagtailAdminTemplateMixin, TemplateView):
    """A staff member lost their phone and backup codes: forget their devices, after a confirm."""

    template_name = "portal/two_factor/reset.html"
    page_title = _("Reset two-step login")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not can_reset_two_factor(request.user):
            raise PermissionDenied
        self.target = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "target": self.target}

    def post(self, request, *args, **kwargs):
        reset_two_factor(self.target)
        logger.info("Two-step login reset for user %s by user %s.", self.target.pk, request.user.pk)
        messages.success(
            request,
            _("Two-step login reset for %(name)s: they set it up again at their next login.")
            % {"name": self.target.get_username()},
        )
        return redirect("wagtailusers_users:index")


def issue_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with BACKUP_CODES new single-use ones."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "backup", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
