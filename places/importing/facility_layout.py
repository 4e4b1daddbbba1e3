"""The national 公共施設一覧 layout (its columns in portal.opendata.FACILITY_COLUMNS,
their mapping in places/facilities.py): checking one of its lines, opening hours
included, and which fields of a place its lossy columns leave alone.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from portal.opendata import FACILITY_COLUMNS
from portal.validators import is_phone_number

from .. import facilities
from ..geocoding import geocode
from ..models import PlaceKind, PlacePage
from .rows import (
    ALL_FIELDS,
    PlaceRow,
    RejectedRow,
    WordLists,
    cell,
    check_coordinates,
    check_required,
    check_valid,
)

REQUIRED_COLUMNS = {"NO", "名称"}
SUMMARY_LENGTH = 200


class FacilityRowChecker:
    """Checks lines of the 公共施設一覧 layout: the external id is `id_prefix` + NO,
    and a place not among `known_ids` is new, so takes `kind` and needs a location."""

    def __init__(
        self, words: WordLists, *, kind: PlaceKind | None, id_prefix: str, known_ids: set[str]
    ):
        self.words = words
        self.kind = kind
        self.id_prefix = id_prefix
        self.known_ids = known_ids

    def check(self, line: int, record: dict) -> PlaceRow | RejectedRow:
        values = {column: cell(record, column) for column in FACILITY_COLUMNS}
        values["NO"] = self.id_prefix + values["NO"] if values["NO"] else ""
        is_new = values["NO"] not in self.known_ids
        reasons: list[str] = []
        check_required(values, REQUIRED_COLUMNS, reasons)
        latitude, longitude = check_coordinates(values["緯度"], values["経度"], reasons)
        fields = set(ALL_FIELDS) - {
            "kind", "district", "target_groups", "postcode", "email", "organiser_type",
            "last_confirmed", "body",
        }  # fmt: skip
        district = None
        if is_new:
            fields |= {"kind", "district"}
            if self.kind is None:
                reasons.append(_("A new place needs its kind: give it with --kind."))
            if latitude is None and values["住所"] and not reasons:
                found = geocode(values["住所"])
                if found is not None:
                    latitude, longitude = found.latitude, found.longitude
            if latitude is not None:
                district = self.words.nearest_district(latitude, longitude)
            elif not reasons:
                reasons.append(
                    _("緯度/経度: a new place needs coordinates, or an address that can be found.")
                )
        if latitude is None:
            fields.discard("location")
        hours, note = _opening_hours(values, reasons)
        phone = values["電話番号"]
        if phone and not is_phone_number(phone):
            reasons.append(_("%(column)s: write it as 0263-00-0000.") % {"column": "電話番号"})
        website = values["URL"]
        portal_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"
        if website.startswith(portal_url):
            website = ""  # the place's page on this portal: nothing to store
            fields.discard("website")
        else:
            check_valid("URL", website, URLValidator(), reasons)
        if reasons:
            return RejectedRow(line, reasons)
        summary = values["説明"]
        body = ""
        if len(summary) > SUMMARY_LENGTH:
            body = f"<p>{escape(summary)}</p>"
            summary = Truncator(summary).chars(SUMMARY_LENGTH)
            fields.add("body")
        features, accessibility_note = facilities.parse_accessibility(
            values["バリアフリー情報"], self.words.features_by_name
        )
        fee, booking, how_to_join = facilities.parse_remarks(values["備考"])
        return PlaceRow(
            line=line,
            external_id=values["NO"],
            district=district,
            name=values["名称"],
            name_en="",
            kind=self.kind,
            target_groups=[],
            summary=summary,
            summary_en="",
            postcode="",
            address=facilities.join_address(values["住所"], values["方書"]),
            latitude=latitude,
            longitude=longitude,
            opening_hours=hours,
            opening_note=note,
            fee=fee,
            booking_required=booking,
            accessibility=features,
            accessibility_note=accessibility_note,
            phone=phone,
            email="",
            website=website,
            organiser=values["団体名"],
            organiser_type="",
            how_to_join=how_to_join,
            last_confirmed=None,
            reading=facilities.reading_from_kana(values["名称_カナ"], values["名称"]),
            body=body,
            fields=frozenset(fields),
            facility_hours=(
                values["利用可能曜日"],
                values["開始時間"],
                values["終了時間"],
                values["利用可能日時特記事項"],
            ),
            facility_address=(values["住所"], values["方書"]),
        )


def _opening_hours(values: dict[str, str], reasons: list[str]):
    """Rows from 利用可能曜日, 開始時間, 終了時間; what cannot be rows goes to the note."""
    days_text, opens_text, closes_text = (
        values["利用可能曜日"],
        values["開始時間"],
        values["終了時間"],
    )
    note = values["利用可能日時特記事項"]
    opens, closes = facilities.parse_time(opens_text), facilities.parse_time(closes_text)
    for column, text, parsed in (
        ("開始時間", opens_text, opens),
        ("終了時間", closes_text, closes),
    ):
        if text and parsed is None:
            reasons.append(_("%(column)s: write the time as 10:00.") % {"column": column})
    days = facilities.parse_days(days_text)
    if days and opens and closes and closes > opens:
        return [(day, opens, closes, "") for day in days], note
    if opens and closes and closes <= opens:
        reasons.append(_("終了時間: the closing time must be after the opening time."))
    loose = " ".join(filter(None, [days_text, "〜".join(filter(None, [opens_text, closes_text]))]))
    return [], "。".join(filter(None, [loose, note]))


def unchanged_fields(page: PlacePage, row: PlaceRow) -> set[str]:
    """Fields whose 公共施設一覧 columns say what the place already says.

    The layout holds one time span and one address line: writing them back
    would flatten different times per day into one span. Left alone when the
    file has what the export would write.
    """
    unchanged = set()
    if row.facility_hours is not None and row.facility_hours == facilities.hours_columns(
        page.opening_hours.all(), page.opening_note
    ):
        unchanged |= {"opening_hours", "opening_note"}
    if row.facility_address is not None and row.facility_address == facilities.split_address(
        page.address
    ):
        unchanged.add("address")
    return unchanged
