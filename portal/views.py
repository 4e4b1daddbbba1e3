"""Views of the ground floor: /search/, /opendata/, robots.txt and sitemap.xml (which list
several apps' content through the portal's Wagtail hooks and import no feature app), and
/healthz."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page, Site

from . import opendata, search
from .dates import format_date, format_datetime
from .forms import SearchForm
from .models import SearchDocument
from .page_cache import ANY_PAGE, kept_until_purged
from .site_address import absolute_url

SEARCH_PAGE_SIZE = 20


def _locale_root(request) -> tuple[str, str]:
    """(url_path, URL) of the active language's home page: page URLs come from url_path,
    one string operation per result instead of Page.get_url's look-ups."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    root = site.root_page.localized
    return root.url_path, root.get_url(request) or "/"


def page_url(root: tuple[str, str], url_path: str) -> str:
    root_path, root_url = root
    if not url_path.startswith(root_path):
        return ""
    return root_url + url_path[len(root_path) :]


@require_safe
def search_view(request):
    """`/search/?q=…&type=…&district=…`: every language searches its own pages.

    The query is never logged nor stored, and the response is not cached by
    shared caches (queries can be personal: 認知症 相談).
    """
    locale = Locale.get_active()
    form = SearchForm(request.GET or None, types=search.searchable_types())
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    query = data.get("q", "")
    doc_type = data.get("type", "")
    results = search.search(query, locale) if query else None
    districts = search_districts(locale)
    by_slug = {d["slug"]: d["pk"] for d in districts}
    district_slug = data.get("district", "")
    district_id = by_slug.get(district_slug, -1) if district_slug else None
    # Each filter's counts are those of the matches the other filter lets through.
    in_district = results.filtered("", district_id) if results else []
    of_type = results.filtered(doc_type, None) if results else []
    district_counts = Counter(m.district_id for m in of_type)
    form.set_districts([(d["slug"], d["title"], district_counts[d["pk"]]) for d in districts])
    context = {
        "form": form,
        "query": query,
        "results": results,
        "shortcuts": search.shortcuts(request, query) if query else [],
        "state": "empty",
        "meta_title": _title(query),
    }
    if results is not None and not results.words:
        context["state"] = "too_short"
    elif results is not None:
        context["state"] = "results"
        matches = [m for m in in_district if not doc_type or m.doc_type == doc_type]
        paginator = Paginator(matches, SEARCH_PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            paginator=paginator,
            page_obj=page_obj,
            items=_items(request, [m.page_id for m in page_obj.object_list]),
            type_facets=_type_facets(request, Counter(m.doc_type for m in in_district)),
            all_types_count=len(in_district),
            all_types_query=_query_string(request, drop=("page", "type")),
            filtered=bool(doc_type or district_slug),
            query_string=_query_string(request),
        )
    response = render(request, "portal/search.html", context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def search_districts(locale: Locale) -> list[dict]:
    """The districts with pages in the locale's search documents (pk, title, slug), in
    the tree's order: the search form's district choices. Kept until any purge (what
    is indexed changes with a publish, unpublish, move or delete, each of which purges)."""

    def read() -> list[dict]:
        with_documents = SearchDocument.objects.filter(locale=locale, district__isnull=False)
        return list(
            Page.objects.filter(pk__in=with_documents.values("district_id").distinct())
            .order_by("path")
            .values("pk", "title", "slug")
        )

    return kept_until_purged("search-districts", [ANY_PAGE], [locale.pk], read)


def _title(query: str) -> str:
    from django.utils.translation import gettext as _

    return _("Search") if not query else _("Search results")


def _query_string(request, drop=("page",)) -> str:
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


def _type_facets(request, type_counts: Counter) -> list[dict]:
    """One link per type found, with its count: the results grouped by type."""
    facets = []
    base = request.GET.copy()
    base.pop("page", None)
    for entry in search.searchable_types():
        count = type_counts.get(entry.key, 0)
        if not count:
            continue
        params = base.copy()
        params["type"] = entry.key
        facets.append(
            {
                "key": entry.key,
                "label": entry.label,
                "count": count,
                "url": "?" + params.urlencode(),
                "current": request.GET.get("type") == entry.key,
            }
        )
    return facets


def _items(request, page_ids: list[int]) -> list[dict]:
    """What the results page shows, in rank order: one query, plus one per type with dates."""
    # The URLs and the district's name, not the two Wagtail pages built for each result.
    documents = {
        doc.pk: doc
        for doc in SearchDocument.objects.filter(pk__in=page_ids).annotate(
            page_url_path=F("page__url_path"),
            district_title=F("district__title"),
            district_url_path=F("district__url_path"),
        )
    }
    root = _locale_root(request)
    entries = {entry.key: entry for entry in search.searchable_types()}
    dates: dict[int, object] = {}
    for key, entry in entries.items():
        ids = [pk for pk in page_ids if pk in documents and documents[pk].doc_type == key]
        if ids and entry.next_dates is not None:
            dates.update(entry.next_dates(ids))
    items = []
    for pk in page_ids:
        doc = documents.get(pk)
        if doc is None:
            continue
        entry = entries.get(doc.doc_type)
        in_district = doc.district_id and doc.district_id != doc.pk
        items.append(
            {
                "title": doc.title,
                "url": page_url(root, doc.page_url_path),
                "summary": doc.summary,
                "type_label": entry.label if entry else "",
                "district": doc.district_title if in_district else "",
                "district_url": page_url(root, doc.district_url_path) if in_district else "",
                "next_date": _date_text(dates.get(pk)),
            }
        )
    return items


def _date_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return format_datetime(timezone.localtime(value) if timezone.is_aware(value) else value)
    return format_date(value)


# --- Open data ----------------------------------------------------------------------------


@require_safe
def opendata_index(request):
    """`/opendata/`: each data set, its files, its layout and columns, the licence."""
    return render(
        request,
        "portal/opendata.html",
        {
            "datasets": opendata.data_sets(),
            "licence": opendata.licence(),
            "publisher": opendata.publisher(),
            "meta_title": opendata.index_title(),
        },
    )


@require_safe
def opendata_file(request, filename: str):
    """`/opendata/facilities.csv` and the other registered files (routes with a dot,
    before Wagtail's catch-all)."""
    data_file = opendata.data_file(filename)
    if data_file is None or data_file.build is None:
        raise Http404
    response = data_file.build(request)
    response.setdefault("Cache-Control", "public, max-age=600")
    response.setdefault("Access-Control-Allow-Origin", "*")
    return response


# --- For search engines -----------------------------------------------------------------------


@require_safe
def robots_txt(request):
    """Everything public may be crawled; not the admin, nor search results (an endless
    space of URLs); the sitemap lists every page in both languages."""
    lines = ["User-agent: *", "Disallow: /admin/"]
    for code, _name in settings.LANGUAGES:
        with_prefix = code != settings.LANGUAGE_CODE
        lines.append(f"Disallow: {'/' + code if with_prefix else ''}/search/")
    lines += ["Allow: /", "", f"Sitemap: {absolute_url(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def sitemap_xml(request):
    from django.contrib.sitemaps.views import sitemap

    from .sitemaps import PortalSitemap

    return sitemap(request, {"pages": PortalSitemap(request)})


def server_error(request):
    """500: the city's names and phone from settings only (no request data, no database,
    no context processor: whatever failed may fail again); never Django's debug page."""
    city = settings.MUNICIPALITY
    body = loader.get_template("500.html").render(
        {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "city_ja": city["name_ja"],
            "prefecture_ja": city["prefecture_ja"],
            "phone": city["phone"],
        }
    )
    return HttpResponseServerError(body)


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not (for the load balancer)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse({"database": "ok"})
