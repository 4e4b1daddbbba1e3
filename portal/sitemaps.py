"""`/sitemap.xml`: every live, public page in every language, with hreflang alternates.

Wagtail's sitemap lists the site root's descendants only, which is one
language's tree; here each locale's tree is listed, and a page with
translations names each of them (and x-default, the default language) as an
`xhtml:link rel="alternate"`. Addresses are PORTAL_BASE_URL's, the one public
address of the portal.

Django routes that are pages for people (`/places/`, `/opendata/`) come from a
Wagtail hook the apps register in their `wagtail_hooks.py`, read at each request
of the sitemap:

`portal_sitemap_views`
    `fn() -> SitemapView`: a Django route (by URL name, without arguments) listed
    in every language, with its `changefreq`. In the order of the hooks; a later
    registration of the same URL name replaces the earlier.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from wagtail import hooks
from wagtail.models import Page, Site


@dataclass(frozen=True)
class SitemapView:
    """A Django route listed in the sitemap, in every language."""

    url_name: str
    changefreq: str | None = None


def sitemap_views() -> list[SitemapView]:
    """The routes registered for `portal_sitemap_views`, one per URL name."""
    views: dict[str, SitemapView] = {}
    for hook in hooks.get_hooks("portal_sitemap_views"):
        view = hook()
        views[view.url_name] = view
    return list(views.values())


class PortalSitemap(Sitemap):
    def __init__(self, request):
        self.request = request
        # No Last-Modified header: the Django views in the map change without a publish date.
        self.latest_lastmod = None

    def get_urls(self, page=1, site=None, protocol=None):
        if str(page) != "1":
            from django.core.paginator import EmptyPage

            raise EmptyPage
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        return self.page_urls(base) + self.view_urls(base)

    def page_urls(self, base: str) -> list[dict]:
        site = Site.find_for_request(self.request) or Site.objects.get(is_default_site=True)
        roots = list(site.root_page.get_translations(inclusive=True))
        if not roots:
            return []
        root_urls = [
            (root.path, root.url_path, root.get_url(self.request) or "/") for root in roots
        ]
        in_roots = Q()
        for root in roots:
            in_roots |= Q(path__startswith=root.path)
        rows = (
            Page.objects.live()
            .public()
            .filter(in_roots)
            .order_by("path")
            .values_list(
                "path", "url_path", "translation_key", "locale__language_code", "last_published_at"
            )
        )
        entries = []
        by_key: dict[object, dict[str, str]] = defaultdict(dict)
        for path, url_path, key, language, lastmod in rows:
            for root_path, root_url_path, root_url in root_urls:
                if path.startswith(root_path):
                    location = base + root_url + url_path[len(root_url_path) :]
                    break
            else:  # pragma: no cover - filtered above
                continue
            by_key[key][language] = location
            entries.append({"location": location, "lastmod": lastmod, "key": key})
        urls = []
        for entry in entries:
            translations = by_key[entry["key"]]
            urls.append(
                {
                    "location": entry["location"],
                    "lastmod": entry["lastmod"],
                    "alternates": _alternates(translations) if len(translations) > 1 else [],
                }
            )
        return urls

    def view_urls(self, base: str) -> list[dict]:
        urls = []
        for view in sitemap_views():
            translations = {}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    translations[code] = base + reverse(view.url_name)
            for location in translations.values():
                urls.append(
                    {
                        "location": location,
                        "changefreq": view.changefreq,
                        "alternates": _alternates(translations),
                    }
                )
        return urls


def _alternates(translations: dict[str, str]) -> list[dict]:
    alternates = [
        {"lang_code": code, "location": translations[code]}
        for code, _name in settings.LANGUAGES
        if code in translations
    ]
    if settings.LANGUAGE_CODE in translations:
        alternates.append(
            {"lang_code": "x-default", "location": translations[settings.LANGUAGE_CODE]}
        )
    return alternates
