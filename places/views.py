"""/places/ (the list and its filters), the map documents and the CSV export."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Site

from home.models import DistrictPage
from portal.filters import filter_query_string, form_cache_key
from portal.municipality import city
from portal.page_cache import tagged
from portal.security import allow_geolocation
from portal.source_text import mark_source_text

from .cards import light, with_cards
from .csv_format import export_rows, write_csv
from .filters import PlaceFilterSet
from .geocoding import GeocodeResult, geocode
from .maps import Marker, cached_map, render_map
from .models import PlacePage
from .queries import ids_by_distance, live_places, with_details
from .which_district import which_district

PAGE_SIZE = 30
#: Where the resident is: an address or a position, personal enough to be kept out of
#: every shared cache, of the map's URL and of the export link.
NEAR_KEYS = ("near", "lat", "lon")


def _origin(
    filters: PlaceFilterSet,
) -> tuple[tuple[float, float] | None, GeocodeResult | None, str | None]:
    """Where "near me" is, what the typed address was matched to (None for the
    device's position), and a message when the address cannot be placed."""
    data = filters.valid_data
    if data.get("lat") is not None and data.get("lon") is not None:
        return (data["lat"], data["lon"]), None, None
    if data.get("near"):
        result = geocode(data["near"])
        if result is None:
            return (
                None,
                None,
                format_html(
                    _(
                        "We could not find “{near}”. Try a postcode (390-0000), a town name "
                        "with its block ({example}) or the name of a public building."
                    ),
                    near=data["near"],
                    example=mark_source_text("本庄2-3"),
                ),
            )
        return (result.latitude, result.longitude), result, None
    return None, None, None


def asks_near_me(request) -> bool:
    return any(request.GET.get(key) for key in NEAR_KEYS)


def keep_private(response: HttpResponse) -> HttpResponse:
    """A near-me answer carries the resident's address or position in its URL: no shared
    cache (the page cache included, which stores nothing `private`) and no disk may keep it.

    Chosen over a POST that redirects to a signed short token: near-me stays a GET
    filter of the same form, so it works without JavaScript, the back button and
    "page 2" work, and no token store is needed; the address then lives only in the
    resident's own browser history, as any other thing they typed into a search.
    """
    patch_cache_control(response, private=True, no_store=True)
    return response


# The only page with the near-me button, so the only one that may ask for the location.
@tagged("places", "districts")
@allow_geolocation
@require_safe
def place_list(request):
    """Every place, as an accessible list with filters; the map shows the same places."""
    filters = PlaceFilterSet.from_query(request.GET, live_places())
    origin, near_match, near_error = _origin(filters)
    queryset = filters.qs
    distances: dict[int, float] = {}
    if origin is not None:
        ranked = ids_by_distance(queryset, *origin)
        paginator = Paginator(ranked, PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        distances = dict(page_obj.object_list)
        by_id = {place.pk: place for place in light(live_places().filter(pk__in=distances))}
        places = [by_id[pk] for pk in distances if pk in by_id]
    else:
        paginator = Paginator(light(queryset).order_by("district__path", "title"), PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        places = list(page_obj.object_list)
    for place in places:
        place.distance_km = distances.get(place.pk)
    places = with_cards(request, places, show_district=True)
    # The map and the export show the filtered places whatever the origin: their URLs
    # (shared, cached) never carry the resident's address.
    filters_only = filter_query_string(request, *NEAR_KEYS)
    response = render(
        request,
        "places/place_list.html",
        {
            "form": filters.form,
            "filters_cache_key": form_cache_key(request, private=asks_near_me(request)),
            "places": places,
            "page_obj": page_obj,
            "paginator": paginator,
            "near_error": near_error,
            "sorted_by_distance": origin is not None,
            "near_match": near_match,
            "query_string": filter_query_string(request),
            "filters_query_string": filters_only,
            "map_url": reverse("places:map") + (f"?{filters_only}" if filters_only else ""),
            "meta_title": _("Places to go"),
        },
    )
    return keep_private(response) if asks_near_me(request) else response


def _map_response(html_and_policy: tuple[str, str]) -> HttpResponse:
    html, policy = html_and_policy
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = policy
    response["Cache-Control"] = "public, max-age=300"
    # Every other page refuses to be framed (DENY); map documents exist to be.
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


def place_markers(request, places) -> list[Marker]:
    """Markers straight from the columns: one query, and URLs from each page's url_path
    (Page.get_url per place costs a millisecond each: seconds at a city's scale)."""
    root = Site.find_for_request(request).root_page.localized
    root_path, root_url = root.url_path, root.get_url(request)
    rows = places.filter(latitude__isnull=False, longitude__isnull=False).values_list(
        "latitude", "longitude", "title", "url_path", "location_approximate"
    )
    return [
        Marker(lat, lon, title, root_url + url_path[len(root_path) :], approximate)
        for lat, lon, title, url_path, approximate in rows
    ]


def _approximate_label() -> str:
    return _(" (approximate location)")


@tagged("places", "districts")
@require_safe
def places_map(request):
    """The map document of /places/, with the same filters as the list."""

    def build():
        filters = PlaceFilterSet.from_query(request.GET, live_places())
        places = filters.qs.order_by("district__path", "title")
        return render_map(
            place_markers(request, places),
            title=_("Map of places"),
            noscript=_("This map needs JavaScript. The list beside it shows the same places."),
            approximate_label=_approximate_label(),
            centre=city().centre,
            zoom=11,
            cluster=True,
        )

    response = _map_response(cached_map(f"all:{filter_query_string(request, *NEAR_KEYS)}", build))
    # The list never links its map with an origin; a hand-made URL with one is still private.
    return keep_private(response) if asks_near_me(request) else response


@tagged("places", "districts")
@require_safe
def district_map(request, slug: str):
    district = DistrictPage.objects.live().filter(locale=Locale.get_active(), slug=slug).first()
    if district is None:
        raise Http404

    def build():
        places = live_places().filter(district=district).order_by("title")
        markers = place_markers(request, places)
        return render_map(
            markers,
            title=_("Map of places in %(district)s") % {"district": district.title},
            noscript=_("This map needs JavaScript. The list beside it shows the same places."),
            approximate_label=_approximate_label(),
            centre=(district.latitude, district.longitude),
            zoom=14,
            cluster=False,
        )

    return _map_response(cached_map(f"district:{slug}", build))


@tagged("places", "districts")
@require_safe
def districts_map(request):
    """The home page's map: one marker per district hub, linking to the district page."""

    def build():
        markers = [
            Marker(d.latitude, d.longitude, d.title, d.get_url())
            for d in DistrictPage.objects.live().filter(locale=Locale.get_active()).order_by("path")
            if d.latitude is not None
        ]
        return render_map(
            markers,
            title=_("Map of districts"),
            noscript=_("This map needs JavaScript. The list beside it shows the same districts."),
            approximate_label="",
            centre=city().centre,
            zoom=10,
            cluster=False,
        )

    return _map_response(cached_map("districts", build))


@tagged("places", "districts")
@require_safe
def place_map(request, page_id: int):
    place = live_places().filter(pk=page_id).first()
    if place is None or not place.has_location:
        raise Http404

    def build():
        return render_map(
            place_markers(request, live_places().filter(pk=place.pk)),
            title=_("Map of %(place)s") % {"place": place.title},
            noscript=_("This map needs JavaScript. The address is written beside it."),
            approximate_label=_approximate_label(),
            centre=(place.latitude, place.longitude),
            zoom=16,
            cluster=False,
        )

    return _map_response(cached_map(f"place:{page_id}", build))


@tagged("places", "districts")
@require_safe
def export_csv(request):
    """The public list in the portal's own place format (what import_places reads).

    Always the default language's places, with the English name and summary
    beside them, whatever the language of the URL: one line per place.
    """
    default = Locale.get_default()
    filters = PlaceFilterSet.from_query(request.GET, live_places(default))
    places = list(with_details(filters.qs.order_by("district__path", "title")))
    english = {
        key: (title, summary)
        for key, title, summary in PlacePage.objects.filter(
            locale__language_code="en", translation_key__in=[p.translation_key for p in places]
        ).values_list("translation_key", "title", "summary")
    }
    for place in places:
        title, summary = english.get(place.translation_key, ("", ""))
        place.english_title = title if title != place.title else ""
        place.english_summary = summary if summary != place.summary else ""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="places.csv"'
    write_csv(response, export_rows(places))
    return response


class WhichDistrictForm(forms.Form):
    where = forms.CharField(
        label=gettext_lazy("Your address, town or postcode"),
        max_length=100,
        # The help text with its Japanese examples is the template's (marked lang="ja").
        widget=forms.TextInput(attrs={"aria-describedby": "id_where_helptext"}),
    )


@require_safe
def which_district_view(request):
    """ "Which district am I in?": the candidate districts for what the resident typed, each
    with its hub's phone, as a guide (目安). What was typed is in the URL, as near me's is:
    the answer is private (`keep_private`), never kept by the page cache."""
    form = WhichDistrictForm(request.GET or None)
    answer, districts = None, []
    if form.is_bound and form.is_valid():
        answer = which_district(form.cleaned_data["where"])
        if answer is not None:
            by_slug = {
                d.slug: d
                for d in DistrictPage.objects.live().filter(
                    locale=Locale.get_active(), slug__in=answer.districts
                )
            }
            districts = [by_slug[slug] for slug in answer.districts if slug in by_slug]
        if not districts:
            form.add_error(
                "where",
                _(
                    "We could not tell the district of “%(where)s”. Try the town name as in "
                    "your address (本庄), its reading (ほんじょう) or your postcode, or ask "
                    "the city office."
                )
                % {"where": form.cleaned_data["where"]},
            )
    response = render(
        request,
        "places/which_district.html",
        {
            "form": form,
            "answer": answer,
            "districts": districts,
            "meta_title": _("Which district am I in?"),
        },
    )
    return keep_private(response) if form.is_bound else response
