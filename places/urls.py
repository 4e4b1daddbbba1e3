"""Django routes of the places app (placed before Wagtail's page route in portal/urls.py)."""

from django.urls import path

import portal.converters  # noqa: F401  (registers <id:…>)

from . import views

app_name = "places"
urlpatterns = [
    path("places/", views.place_list, name="list"),
    path("places/map/", views.places_map, name="map"),
    path("places/export.csv", views.export_csv, name="export"),
    path("maps/districts/", views.districts_map, name="districts_map"),
    path("maps/districts/<slug:slug>/", views.district_map, name="district_map"),
    path("maps/places/<id:page_id>/", views.place_map, name="place_map"),
    path("which-district/", views.which_district_view, name="which_district"),
]
