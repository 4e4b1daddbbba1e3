"""Public routes of volunteering (under /volunteer/ and /en/volunteer/)."""

from django.urls import path

import portal.converters  # noqa: F401  (registers <id:…>)

from . import views

app_name = "volunteers"
urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("<id:page_id>/signup/", views.signup, name="signup"),
    path("thanks/<str:token>/", views.thanks, name="thanks"),
    path("cancel/<str:token>/", views.cancel_signup_by_link, name="cancel"),
]
