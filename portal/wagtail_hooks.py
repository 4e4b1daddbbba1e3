"""Admin wiring of the portal's own staff screens: two-factor login."""

from django.urls import include, path
from wagtail import hooks

from .two_factor import SetupView, VerifyView

two_factor_urls = [
    path("verify/", VerifyView.as_view(), name="verify"),
    path("setup/", SetupView.as_view(), name="setup"),
]


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("two-factor/", include((two_factor_urls, "two_factor"), namespace="two_factor"))]
