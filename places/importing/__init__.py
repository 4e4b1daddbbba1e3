"""Importing places from the portal's own CSV format (see csv_format.py), or from the
national 公共施設一覧 layout that /opendata/facilities.csv writes (see facilities.py):
the layout is recognised from the header.

Each line is checked on its own: a line with a problem is rejected with its
line number and reason, and the others are imported. A problem with the file
itself (encoding, header) is fatal and imports nothing, as does any error
while writing: the whole import is one transaction. Places are matched by
`external_id`, so importing the same file again updates instead of adding.

Here: the entry points (decode, detect_layout, parse_rows, import_rows) and the
writing. Each layout's line check is in portal_layout.py and facility_layout.py;
what a check gives, and the checks both layouts make, in rows.py.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale

from portal.csv_files import UnreadableFile, decode_csv
from portal.translation import publish_translations

from ..models import PlaceKind, PlaceOpeningHours, PlacePage
from . import facility_layout, portal_layout
from .facility_layout import FacilityRowChecker, unchanged_fields
from .portal_layout import PortalRowChecker
from .rows import ImportReport, PlaceImportError, PlaceRow, RejectedRow, WordLists


def decode(data: bytes) -> str:
    try:
        return decode_csv(data)
    except UnreadableFile as error:
        raise PlaceImportError(str(error)) from None


def detect_layout(header: list[str]) -> str:
    """ "facility" for the 公共施設一覧 layout, "portal" for the portal's own."""
    if facility_layout.REQUIRED_COLUMNS <= set(header) and "external_id" not in header:
        return "facility"
    return "portal"


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
    required = (
        facility_layout.REQUIRED_COLUMNS if layout == "facility" else portal_layout.REQUIRED_COLUMNS
    )
    missing = sorted(required - set(header))
    if missing:
        raise PlaceImportError(
            _("Line 1: the header lacks the column(s) %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = header
    words = WordLists()
    if layout == "facility":
        checker = FacilityRowChecker(
            words, kind=kind, id_prefix=id_prefix, known_ids=_existing_ids()
        )
    else:
        checker = PortalRowChecker(words, has_reading="reading" in header)
    rows: list[PlaceRow] = []
    rejected: list[RejectedRow] = []
    seen: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if None in record:
            rejected.append(RejectedRow(line, [_("more values than columns.")]))
            continue
        result = checker.check(line, record)
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
                unchanged = unchanged_fields(page, row)
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
