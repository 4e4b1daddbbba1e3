"""Django routes of the events app (placed before Wagtail's page route in portal/urls.py:
the feeds have a dot, which Wagtail's page route cannot match; registration is keyed
by page id and session, not by a page path)."""

from django.urls import path

import portal.converters  # noqa: F401  (registers <id:…>)

from . import registration_views, views

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/calendar/", views.event_calendar, name="calendar"),
    path("events/feed.ics", views.feed_all, name="feed"),
    path("events/<id:page_id>.ics", views.event_ics, name="event_ics"),
    path(
        "events/<id:page_id>/register/<str:session>/",
        registration_views.register,
        name="register",
    ),
    path(
        "events/registration/thanks/<str:token>/",
        registration_views.thanks,
        name="registration_thanks",
    ),
    path(
        "events/registration/cancel/<str:token>/",
        registration_views.cancel,
        name="registration_cancel",
    ),
    path("districts/<slug:slug>/events.ics", views.district_feed, name="district_feed"),
    path("districts/<slug:slug>/events/print/", views.district_flyer, name="flyer"),
]
