"""The places as open data: the national 公共施設一覧 CSV and GeoJSON (listed on /opendata/,
places/wagtail_hooks.py).

The facility CSV is always the default language's places (the national layout
is Japanese), one row per live, public place; the GeoJSON is the places of the
URL's language (`/opendata/places.geojson`, `/en/opendata/places.geojson`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from types import SimpleNamespace

from django.conf import settings
from django.http import HttpResponse
from wagtail.models import Locale, Site

from portal import opendata

from .facilities import accessibility_text, hours_columns, kana_name, remarks_text, split_address
from .models import PlaceOpeningHours, PlacePage
from .queries import live_places

#: What the files need of a place, read as plain values: model instances with their
#: children and word lists cost 0.7 s per 5,000 places for nothing.
FACILITY_FIELDS = (
    "pk", "external_id", "translation_key", "url_path", "title", "reading", "address",
    "latitude", "longitude", "phone", "organiser", "opening_note", "summary",
    "accessibility_note", "website", "fee", "booking_required", "how_to_join",
)  # fmt: skip


def place_id(place) -> str:
    """NO: the same identifier as the portal's own CSV, so that importing updates."""
    return place.external_id or f"portal-{place.translation_key}"


def _url_maker(request, locale: Locale):
    """Absolute page URLs from url_path (one string operation per place)."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    root = site.root_page.get_translation_or_none(locale) or site.root_page
    root_path, root_url = root.url_path, root.get_url(request) or "/"
    if root_url.startswith("/"):
        root_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + root_url

    def url(url_path: str) -> str:
        return root_url + url_path[len(root_path) :]

    return url


def facility_row(place, hours, feature_names: list[str], page_url: str) -> dict:
    """One 公共施設一覧 row; `place` has FACILITY_FIELDS as attributes, `hours` its
    opening rows (weekday, opens, closes, note)."""
    address, katagaki = split_address(place.address)
    days, opens, closes, note = hours_columns(hours, place.opening_note)
    return {
        "NO": place_id(place),
        "名称": place.title,
        "名称_カナ": kana_name(place.title, place.reading),
        "住所": address,
        "方書": katagaki,
        "緯度": place.latitude,
        "経度": place.longitude,
        "電話番号": place.phone,
        "団体名": place.organiser,
        "利用可能曜日": days,
        "開始時間": opens,
        "終了時間": closes,
        "利用可能日時特記事項": note,
        "説明": place.summary,
        "バリアフリー情報": accessibility_text(feature_names, place.accessibility_note),
        "URL": place.website or page_url,
        "備考": remarks_text(place.fee, place.booking_required, place.how_to_join),
    }


def facility_rows(request):
    """Every live place of the default language: three queries, whatever their number."""
    locale = Locale.get_default()
    url = _url_maker(request, locale)
    places = live_places(locale).order_by("district__path", "title", "pk")
    hours = defaultdict(list)
    for row in (
        PlaceOpeningHours.objects.filter(page__in=places.values("pk"))
        .order_by("sort_order", "pk")
        .values("page_id", "weekday", "opens", "closes", "note")
    ):
        hours[row.pop("page_id")].append(SimpleNamespace(**row))
    features = defaultdict(list)
    through = PlacePage.accessibility_features.through.objects
    for page_id, name in (
        through.filter(placepage__in=places.values("pk"))
        .order_by("accessibilityfeature__sort_order", "accessibilityfeature__pk")
        .values_list("placepage_id", "accessibilityfeature__name_ja")
    ):
        features[page_id].append(name)
    for values in places.values(*FACILITY_FIELDS).iterator(chunk_size=1000):
        place = SimpleNamespace(**values)
        yield facility_row(place, hours[place.pk], features[place.pk], url(place.url_path))


def facilities_csv(request) -> HttpResponse:
    return opendata.csv_response(
        "facilities.csv", opendata.FACILITY_COLUMNS, facility_rows(request)
    )


GEOJSON_FIELDS = (
    "external_id", "translation_key", "title", "kind__name_ja", "kind__name_en",
    "district__title", "address", "phone", "url_path", "latitude", "longitude",
    "location_approximate",
)  # fmt: skip


def places_geojson(request) -> HttpResponse:
    """A FeatureCollection of Points ([longitude, latitude], RFC 7946) in the URL's language."""
    locale = Locale.get_active()
    english = locale.language_code == "en"
    url = _url_maker(request, locale)
    places = (
        live_places(locale)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("district__path", "title", "pk")
    )
    features = []
    for values in places.values(*GEOJSON_FIELDS):
        place = SimpleNamespace(**values)
        kind = place.kind__name_en if english and place.kind__name_en else place.kind__name_ja
        features.append(
            {
                "type": "Feature",
                "id": place_id(place),
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(place.longitude, 6), round(place.latitude, 6)],
                },
                "properties": {
                    "name": place.title,
                    "kind": kind,
                    "district": place.district__title or "",
                    "address": place.address,
                    "phone": place.phone,
                    "url": url(place.url_path),
                    "approximate": place.location_approximate,
                },
            }
        )
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    response = HttpResponse(body.encode("utf-8"), content_type="application/geo+json")
    response["Content-Disposition"] = 'inline; filename="places.geojson"'
    return response
