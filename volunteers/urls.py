"""Public routes of volunteering (under /volunteer/ and /en/volunteer/)."""

from django.urls import path

from . import views

app_name = "volunteers"
urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("thanks/<str:token>/", views.thanks, name="thanks"),
    path("cancel/<str:token>/", views.cancel_signup_by_link, name="cancel"),
]
