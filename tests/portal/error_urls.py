"""The portal's URLs and error handlers, plus a view that fails (tests of the 500 page)."""

from django.urls import path

from portal.urls import handler500
from portal.urls import urlpatterns as portal_urlpatterns


def fail(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("fail/", fail), *portal_urlpatterns]

__all__ = ["handler500", "urlpatterns"]
