"""Public route of the consultation windows (/consult/ and /en/consult/)."""

from django.urls import path

from . import views

app_name = "consult"
urlpatterns = [path("", views.consult_list, name="list")]
