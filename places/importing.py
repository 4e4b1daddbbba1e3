"""Importing places from the portal's own CSV format (see csv_format.py).

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
from dataclasses import dataclass, field

from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.models import DistrictPage
from portal.csv_files import UnreadableFile, decode_csv
from portal.translation import publish_translations

from .csv_format import COLUMNS, ORGANISER_TYPES, parse_hours
from .geocoding import distance_km
from .models import AccessibilityFeature, PlaceKind, PlaceOpeningHours, PlacePage, TargetGroup

REQUIRED_COLUMNS = {"external_id", "name", "kind"}
PHONE_RE = re.compile(r"^0\d{1,4}-?\d{1,4}-?\d{3,4}$")
POSTCODE_RE = re.compile(r"^\d{3}-?\d{4}$")


class PlaceImportError(Exception):
    """A file that cannot be imported at all."""


@dataclass
class PlaceRow:
    line: int
    external_id: str
    district: DistrictPage
    name: str
    name_en: str
    kind: PlaceKind
    target_groups: list[TargetGroup]
    summary: str
    summary_en: str
    postcode: str
    address: str
    latitude: float | None
    longitude: float | None
    opening_hours: list[tuple[int, dt.time, dt.time, str]]
    opening_note: str
    fee: str
    booking_required: bool
    accessibility: list[AccessibilityFeature]
    accessibility_note: str
    phone: str
    email: str
    website: str
    organiser: str
    organiser_type: str
    how_to_join: str
    last_confirmed: dt.date | None


@dataclass
class RejectedRow:
    line: int
    reasons: list[str]

    def __str__(self) -> str:
        return _("Line %(line)d: %(reasons)s") % {
            "line": self.line,
            "reasons": " ".join(self.reasons),
        }


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)


def decode(data: bytes) -> str:
    try:
        return decode_csv(data)
    except UnreadableFile as error:
        raise PlaceImportError(str(error)) from None


class RowChecker:
    """Checks lines against the database's districts and word lists (read once)."""

    def __init__(self):
        locale = Locale.get_default()
        self.districts = {d.slug: d for d in DistrictPage.objects.filter(locale=locale)}
        self.kinds = {k.slug: k for k in PlaceKind.objects.all()}
        self.groups = {g.slug: g for g in TargetGroup.objects.all()}
        self.features = {f.slug: f for f in AccessibilityFeature.objects.all()}

    def nearest_district(self, latitude: float, longitude: float) -> DistrictPage | None:
        located = [d for d in self.districts.values() if d.latitude is not None]
        return min(
            located,
            key=lambda d: distance_km(latitude, longitude, d.latitude, d.longitude),
            default=None,
        )

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

    def check(self, line: int, values: dict[str, str]) -> PlaceRow | RejectedRow:
        reasons: list[str] = []
        for column in sorted(REQUIRED_COLUMNS):
            if not values[column]:
                reasons.append(_("%(column)s: a value is required.") % {"column": column})
        latitude = longitude = None
        if values["latitude"] or values["longitude"]:
            try:
                latitude, longitude = float(values["latitude"]), float(values["longitude"])
                if not (20 <= latitude <= 46 and 122 <= longitude <= 154):
                    raise ValueError
            except ValueError:
                reasons.append(_("latitude/longitude: give both, as decimal degrees in Japan."))
                latitude = longitude = None
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
        if values["phone"] and not PHONE_RE.match(values["phone"]):
            reasons.append(_("phone: write it as 0263-00-0000."))
        for column, validator in (("email", EmailValidator()), ("website", URLValidator())):
            if values[column]:
                try:
                    validator(values[column])
                except Exception:
                    reasons.append(_("%(column)s: not valid.") % {"column": column})
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
        )


def parse_rows(text: str) -> tuple[list[PlaceRow], list[RejectedRow]]:
    """Check every line; raises PlaceImportError for a header that cannot be read."""
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = sorted(REQUIRED_COLUMNS - set(header))
    if missing:
        raise PlaceImportError(
            _("Line 1: the header lacks the column(s) %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = header
    checker = RowChecker()
    rows: list[PlaceRow] = []
    rejected: list[RejectedRow] = []
    seen: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if None in record:
            rejected.append(RejectedRow(line, [_("more values than columns.")]))
            continue
        values = {column: (record.get(column) or "").strip() for column in COLUMNS}
        result = checker.check(line, values)
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


def _apply(page: PlacePage, row: PlaceRow) -> None:
    page.title = row.name
    page.kind = row.kind
    page.summary = row.summary
    page.postcode = row.postcode
    page.address = row.address
    if row.latitude is not None:
        page.latitude, page.longitude = row.latitude, row.longitude
        page.location_source = ""  # coordinates from the file count as set by hand
    page.opening_note = row.opening_note
    page.fee = row.fee
    page.booking_required = row.booking_required
    page.accessibility_note = row.accessibility_note
    page.phone = row.phone
    page.email = row.email
    page.website = row.website
    page.organiser = row.organiser
    page.organiser_type = row.organiser_type
    page.how_to_join = row.how_to_join
    page.last_confirmed = row.last_confirmed
    page.target_groups.set(row.target_groups)
    page.accessibility_features.set(row.accessibility)
    page.opening_hours = [
        PlaceOpeningHours(weekday=weekday, opens=opens, closes=closes, note=note)
        for weekday, opens, closes, note in row.opening_hours
    ]


def import_rows(
    rows: Iterable[PlaceRow],
    *,
    dry_run: bool = False,
    progress: Callable[[PlaceRow], None] | None = None,
) -> ImportReport:
    """Create or update one place per row (by external_id), published with its English title."""
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
                _apply(page, row)
                if page.get_parent().pk != row.district.pk:
                    page.move(row.district, pos="last-child")
                report.updated += 1
            page.save_revision().publish()
            english = {row.name: row.name_en} if row.name_en else {}
            if row.summary and row.summary_en:
                english[row.summary] = row.summary_en
            publish_translations(page, english)
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
