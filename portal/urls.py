from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import views

# Japanese error pages (404.html in the request's language; 500.html in both).
handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # For search engines: one of each for the whole site, every language in it.
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
]

if settings.DEBUG or settings.DEMO_SITE:
    # `make run` (portal.settings.dev): uploaded images without a web server in front.
    # A city's web server (or object storage) serves MEDIA_URL in production.
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# The portal's and the feature apps' own routes (search, open data, feeds,
# exports: anything with a dot, which Wagtail's page route cannot match) go
# before Wagtail's catch-all. Japanese, the default language, has no prefix;
# English lives under /en/.
urlpatterns += i18n_patterns(
    path("search/", views.search_view, name="search"),
    path("opendata/", views.opendata_index, name="opendata"),
    path("opendata/<str:filename>", views.opendata_file, name="opendata_file"),
    path("", include("places.urls")),
    path("volunteer/", include("volunteers.urls")),
    path("", include("events.urls")),
    path("", include("support.urls")),
    path("consult/", include("consult.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
