"""Importing places from the portal's own CSV format (see csv_format.py), or from the
national 公共施設一覧 layout that /opendata/facilities.csv writes (see facilities.py):
the layout is recognised from the header.

Each line is checked on its own: a line with a problem is rejected with its
line number and reason, and the others are imported. A problem with the file
itself (encoding, header) is fatal and imports nothing, as does any error
while writing: the whole import is one transaction. Places are matched by
`external_id`, so importing the same file again updates instead of adding.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Locale

from portal.csv_files import UnreadableFile, decode_csv, unescape_cell
from portal.opendata import FACILITY_COLUMNS
from portal.translation import publish_translations
from portal.validators import is_phone_number

from .. import facilities
from ..csv_format import COLUMNS, ORGANISER_TYPES, parse_hours
from ..geocoding import geocode
from ..models import PlaceKind, PlaceOpeningHours, PlacePage
from .rows import (
    ALL_FIELDS,
    ImportReport,
    PlaceImportError,
    PlaceRow,
    RejectedRow,
    WordLists,
    check_coordinates,
    check_required,
    check_valid,
)

REQUIRED_COLUMNS = {"external_id", "name", "kind"}
FACILITY_REQUIRED_COLUMNS = {"NO", "名称"}
SUMMARY_LENGTH = 200
POSTCODE_RE = re.compile(r"^\d{3}-?\d{4}$")


def decode(data: bytes) -> str:
    try:
        return decode_csv(data)
    except UnreadableFile as error:
        raise PlaceImportError(str(error)) from None


class RowChecker(WordLists):
    """Checks lines against the database's districts and word lists (read once)."""

    def _slugs(self, text: str, known: dict, column: str, reasons: list[str]) -> list:
        found = []
        for slug in filter(None, (part.strip() for part in text.split("|"))):
            if slug in known:
                found.append(known[slug])
            else:
                reasons.append(
                    _("%(column)s: “%(value)s” is not one of %(known)s.")
                    % {"column": column, "value": slug, "known": ", ".join(known)}
                )
        return found

    def check(
        self, line: int, values: dict[str, str], *, has_reading: bool = True
    ) -> PlaceRow | RejectedRow:
        reasons: list[str] = []
        check_required(values, REQUIRED_COLUMNS, reasons)
        latitude, longitude = check_coordinates(values["latitude"], values["longitude"], reasons)
        district = self.districts.get(values["district"])
        if values["district"] and district is None:
            reasons.append(
                _("district: “%(value)s” is not a district slug.") % {"value": values["district"]}
            )
        elif district is None and latitude is not None:
            district = self.nearest_district(latitude, longitude)
        elif district is None and not reasons:
            reasons.append(_("district: give the district's slug, or coordinates to find it."))
        kind = self.kinds.get(values["kind"])
        if values["kind"] and kind is None:
            reasons.append(
                _("kind: “%(value)s” is not one of %(known)s.")
                % {"value": values["kind"], "known": ", ".join(self.kinds)}
            )
        groups = self._slugs(values["target_groups"], self.groups, "target_groups", reasons)
        features = self._slugs(values["accessibility"], self.features, "accessibility", reasons)
        try:
            hours = parse_hours(values["opening_hours"])
        except ValueError as error:
            hours = []
            reasons.append(
                _("opening_hours: “%(value)s” should look like “tue 10:00-12:00”.")
                % {"value": error.args[0]}
            )
        if values["postcode"] and not POSTCODE_RE.match(values["postcode"]):
            reasons.append(_("postcode: write it as 390-0000."))
        if values["phone"] and not is_phone_number(values["phone"]):
            reasons.append(_("phone: write it as 0263-00-0000."))
        check_valid("email", values["email"], EmailValidator(), reasons)
        check_valid("website", values["website"], URLValidator(), reasons)
        if values["organiser_type"] and values["organiser_type"] not in ORGANISER_TYPES:
            reasons.append(
                _("organiser_type: use one of %(known)s.")
                % {"known": ", ".join(sorted(ORGANISER_TYPES))}
            )
        booking = values["booking_required"].lower()
        if booking not in ("", "yes", "no", "true", "false", "1", "0"):
            reasons.append(_("booking_required: write yes or no."))
        last_confirmed = None
        if values["last_confirmed"]:
            try:
                last_confirmed = dt.date.fromisoformat(values["last_confirmed"])
            except ValueError:
                reasons.append(_("last_confirmed: write the date as 2026-04-01."))
        if reasons:
            return RejectedRow(line, reasons)
        postcode = values["postcode"]
        if postcode and "-" not in postcode:
            postcode = f"{postcode[:3]}-{postcode[3:]}"
        return PlaceRow(
            line=line,
            external_id=values["external_id"],
            district=district,
            name=values["name"],
            name_en=values["name_en"],
            kind=kind,
            target_groups=groups,
            summary=values["summary"],
            summary_en=values["summary_en"],
            postcode=postcode,
            address=values["address"],
            latitude=latitude,
            longitude=longitude,
            opening_hours=hours,
            opening_note=values["opening_note"],
            fee=values["fee"],
            booking_required=booking in ("yes", "true", "1"),
            accessibility=features,
            accessibility_note=values["accessibility_note"],
            phone=values["phone"],
            email=values["email"],
            website=values["website"],
            organiser=values["organiser"],
            organiser_type=values["organiser_type"],
            how_to_join=values["how_to_join"],
            last_confirmed=last_confirmed,
            reading=values["reading"],
            fields=ALL_FIELDS if has_reading else ALL_FIELDS - {"reading"},
        )

    def check_facility(
        self, line: int, values: dict[str, str], *, kind: PlaceKind | None, is_new: bool
    ) -> PlaceRow | RejectedRow:
        """A line of the 公共施設一覧 layout (see facilities.py for the mapping)."""
        reasons: list[str] = []
        check_required(values, FACILITY_REQUIRED_COLUMNS, reasons)
        latitude, longitude = check_coordinates(values["緯度"], values["経度"], reasons)
        fields = set(ALL_FIELDS) - {
            "kind", "district", "target_groups", "postcode", "email", "organiser_type",
            "last_confirmed", "body",
        }  # fmt: skip
        district = None
        if is_new:
            fields |= {"kind", "district"}
            if kind is None:
                reasons.append(_("A new place needs its kind: give it with --kind."))
            if latitude is None and values["住所"] and not reasons:
                found = geocode(values["住所"])
                if found is not None:
                    latitude, longitude = found.latitude, found.longitude
            if latitude is not None:
                district = self.nearest_district(latitude, longitude)
            elif not reasons:
                reasons.append(
                    _("緯度/経度: a new place needs coordinates, or an address that can be found.")
                )
        if latitude is None:
            fields.discard("location")
        hours, note = self._facility_hours(values, reasons)
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
            values["バリアフリー情報"], self.features_by_name
        )
        fee, booking, how_to_join = facilities.parse_remarks(values["備考"])
        return PlaceRow(
            line=line,
            external_id=values["NO"],
            district=district,
            name=values["名称"],
            name_en="",
            kind=kind,
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

    def _facility_hours(self, values: dict[str, str], reasons: list[str]):
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
        loose = " ".join(
            filter(None, [days_text, "〜".join(filter(None, [opens_text, closes_text]))])
        )
        return [], "。".join(filter(None, [loose, note]))


def detect_layout(header: list[str]) -> str:
    """ "facility" for the 公共施設一覧 layout, "portal" for the portal's own."""
    if FACILITY_REQUIRED_COLUMNS <= set(header) and "external_id" not in header:
        return "facility"
    return "portal"


def _cell(record: dict, column: str) -> str:
    """A cell as typed: without the formula escape the portal's own export adds."""
    return unescape_cell(record.get(column) or "").strip()


def parse_rows(
    text: str, *, kind: PlaceKind | None = None, id_prefix: str = ""
) -> tuple[list[PlaceRow], list[RejectedRow]]:
    """Check every line; raises PlaceImportError for a header that cannot be read.

    The layout comes from the header: the portal's own (csv_format.COLUMNS) or
    the national 公共施設一覧 (portal.opendata.FACILITY_COLUMNS), whose new
    places take `kind` and whose NO, after `id_prefix`, is the external id.
    """
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in (reader.fieldnames or [])]
    layout = detect_layout(header)
    required = FACILITY_REQUIRED_COLUMNS if layout == "facility" else REQUIRED_COLUMNS
    missing = sorted(required - set(header))
    if missing:
        raise PlaceImportError(
            _("Line 1: the header lacks the column(s) %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = header
    checker = RowChecker()
    known_ids = _existing_ids() if layout == "facility" else set()
    rows: list[PlaceRow] = []
    rejected: list[RejectedRow] = []
    seen: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if None in record:
            rejected.append(RejectedRow(line, [_("more values than columns.")]))
            continue
        if layout == "facility":
            values = {column: _cell(record, column) for column in FACILITY_COLUMNS}
            values["NO"] = id_prefix + values["NO"] if values["NO"] else ""
            result = checker.check_facility(
                line, values, kind=kind, is_new=values["NO"] not in known_ids
            )
        else:
            values = {column: _cell(record, column) for column in COLUMNS}
            result = checker.check(line, values, has_reading="reading" in header)
        if isinstance(result, PlaceRow) and result.external_id in seen:
            result = RejectedRow(
                line,
                [
                    _("external_id: “%(id)s” is already on line %(other)d.")
                    % {"id": result.external_id, "other": seen[result.external_id]}
                ],
            )
        if isinstance(result, RejectedRow):
            rejected.append(result)
        else:
            seen[result.external_id] = line
            rows.append(result)
    return rows, rejected


def _existing_ids() -> set[str]:
    """The ids a file names existing places by (see import_rows)."""
    return {
        external_id or f"portal-{key}"
        for external_id, key in PlacePage.objects.filter(locale=Locale.get_default()).values_list(
            "external_id", "translation_key"
        )
    }


def _apply(page: PlacePage, row: PlaceRow) -> None:
    """Set what the row sets; a place being updated keeps everything else."""
    simple = {
        "title": row.name,
        "reading": row.reading,
        "kind": row.kind,
        "summary": row.summary,
        "body": row.body,
        "postcode": row.postcode,
        "address": row.address,
        "opening_note": row.opening_note,
        "fee": row.fee,
        "booking_required": row.booking_required,
        "accessibility_note": row.accessibility_note,
        "phone": row.phone,
        "email": row.email,
        "website": row.website,
        "organiser": row.organiser,
        "organiser_type": row.organiser_type,
        "how_to_join": row.how_to_join,
        "last_confirmed": row.last_confirmed,
    }
    for name, value in simple.items():
        if row.sets(name):
            setattr(page, name, value)
    if row.sets("location") and row.latitude is not None:
        page.latitude, page.longitude = row.latitude, row.longitude
        page.location_source = ""  # coordinates from the file count as set by hand
    if row.sets("target_groups"):
        page.target_groups.set(row.target_groups)
    if row.sets("accessibility_features"):
        page.accessibility_features.set(row.accessibility)
    if row.sets("opening_hours"):
        page.opening_hours = [
            PlaceOpeningHours(weekday=weekday, opens=opens, closes=closes, note=note)
            for weekday, opens, closes, note in row.opening_hours
        ]


def _unchanged_facility_columns(page: PlacePage, row: PlaceRow) -> set[str]:
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


def import_rows(
    rows: Iterable[PlaceRow],
    *,
    dry_run: bool = False,
    progress: Callable[[PlaceRow], None] | None = None,
    english: dict[str, str] | None = None,
) -> ImportReport:
    """Create or update one place per row (by external_id), published with its English title.

    `english` maps more of the rows' Japanese texts (fees, how to join, ...) to English,
    published with the English pages (the demo loader's translations)."""
    report = ImportReport()
    with transaction.atomic():
        # Places made in the admin have no external id; the export names them by
        # their translation key, so that file can be imported back.
        existing = {
            page.external_id or f"portal-{page.translation_key}": page
            for page in PlacePage.objects.filter(locale=Locale.get_default())
        }
        for row in rows:
            page = existing.get(row.external_id)
            if page is None:
                page = PlacePage(external_id=row.external_id, slug=_slug(row))
                _apply(page, row)
                row.district.add_child(instance=page)
                report.created += 1
            else:
                page.external_id = row.external_id
                unchanged = _unchanged_facility_columns(page, row)
                if unchanged:
                    row.fields = row.fields - unchanged
                _apply(page, row)
                if row.sets("district") and page.get_parent().pk != row.district.pk:
                    page.move(row.district, pos="last-child")
                report.updated += 1
            page.save_revision().publish()
            strings = dict(english or {})
            if row.name_en:
                strings[row.name] = row.name_en
            if row.summary and row.summary_en:
                strings[row.summary] = row.summary_en
            publish_translations(page, strings)
            if progress:
                progress(row)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _slug(row: PlaceRow) -> str:
    from django.utils.text import slugify

    base = slugify(row.name_en) or slugify(row.external_id) or "place"
    slug, n = base[:70], 2
    while PlacePage.objects.filter(slug=slug, path__startswith=row.district.path).exists():
        slug, n = f"{base[:66]}-{n}", n + 1
    return slug
