"""Public routes of participation support (before Wagtail's page route in portal/urls.py):
the thanks page after an intake form, keyed by a signed token with a colon in it, which
Wagtail's page route (slugs only) cannot match. Under /en/ too."""

from django.urls import path

from . import views

app_name = "support"
urlpatterns = [
    path("support/thanks/<str:token>/", views.intake_thanks, name="thanks"),
]
