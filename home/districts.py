"""Loading a municipality's districts from a CSV file.

The file is checked whole before anything is written, and written in one
transaction, so a malformed file leaves the site exactly as it was. Every
problem names its line and column, in the language of the caller.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from portal.csv_files import UnreadableFile, decode_csv
from portal.translation import publish_translations
from portal.validators import is_phone_number

from .models import DistrictIndexPage, DistrictPage
from .permissions import (
    ensure_coordinators_group,
    ensure_district_group,
    grant_page_permissions,
)
from .site_structure import ensure_site_structure

COLUMNS = [
    "slug",
    "name_ja",
    "reading",
    "name_en",
    "hub_name_ja",
    "hub_name_en",
    "hub_postcode",
    "hub_address",
    "hub_phone",
    "hub_verified",
    "latitude",
    "longitude",
]
REQUIRED = {"slug", "name_ja", "name_en", "hub_name_ja", "latitude", "longitude"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
POSTCODE_RE = re.compile(r"^\d{3}-?\d{4}$")
TRUE_WORDS = {"yes", "true", "1", "y", ""}
FALSE_WORDS = {"no", "false", "0", "n"}


@dataclass(frozen=True)
class DistrictRow:
    """One checked line of a districts file."""

    line: int
    slug: str
    name_ja: str
    reading: str
    name_en: str
    hub_name_ja: str
    hub_name_en: str
    hub_postcode: str
    hub_address: str
    hub_phone: str
    hub_verified: bool
    latitude: float
    longitude: float

    @property
    def title_en(self) -> str:
        return f"{self.name_en} District"


class DistrictFileError(Exception):
    """A districts file that cannot be loaded; `problems` name line and column."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), or Shift_JIS/CP932 as Excel writes it."""
    try:
        return decode_csv(path.read_bytes())
    except UnreadableFile as error:
        raise DistrictFileError([str(error)]) from None


def parse_districts(text: str) -> list[DistrictRow]:
    """Check every line of a districts CSV and return its rows, or raise DistrictFileError."""
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise DistrictFileError(
            [
                _("Line 1: the header lacks the column(s) %(columns)s.")
                % {"columns": ", ".join(missing)}
            ]
        )
    rows: list[DistrictRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if None in record:
            problems.append(_("Line %(line)d: more values than columns.") % {"line": line})
            continue
        values = {key: (record.get(key) or "").strip() for key in COLUMNS}
        line_problems = _check_values(line, values, seen)
        problems.extend(line_problems)
        if not line_problems:
            seen[values["slug"]] = line
            rows.append(_row(line, values))
    if not rows and not problems:
        problems.append(_("The file has no districts."))
    if problems:
        raise DistrictFileError(problems)
    return rows


def _problem(line: int, column: str, message: str) -> str:
    return _("Line %(line)d, column %(column)s: %(message)s") % {
        "line": line,
        "column": column,
        "message": message,
    }


def _check_values(line: int, values: dict[str, str], seen: dict[str, int]) -> list[str]:
    problems = [
        _problem(line, column, _("a value is required."))
        for column in COLUMNS
        if column in REQUIRED and not values[column]
    ]
    slug = values["slug"]
    if slug and not SLUG_RE.match(slug):
        problems.append(
            _problem(
                line, "slug", _("use lower-case romaji, digits and hyphens only (e.g. daini).")
            )
        )
    elif slug in seen:
        message = _("“%(slug)s” is already used on line %(other)d.")
        problems.append(_problem(line, "slug", message % {"slug": slug, "other": seen[slug]}))
    for column, low, high in (("latitude", 20.0, 46.0), ("longitude", 122.0, 154.0)):
        if not values[column]:
            continue
        try:
            number = float(values[column])
        except ValueError:
            message = _("“%(value)s” is not a number.") % {"value": values[column]}
            problems.append(_problem(line, column, message))
            continue
        if not low <= number <= high:
            message = _("%(value)s is outside Japan (%(low)s to %(high)s).") % {
                "value": values[column],
                "low": low,
                "high": high,
            }
            problems.append(_problem(line, column, message))
    if values["hub_postcode"] and not POSTCODE_RE.match(values["hub_postcode"]):
        problems.append(_problem(line, "hub_postcode", _("write the postcode as 390-0000.")))
    if values["hub_phone"] and not is_phone_number(values["hub_phone"]):
        problems.append(_problem(line, "hub_phone", _("write the phone number as 0263-00-0000.")))
    if values["hub_verified"].lower() not in TRUE_WORDS | FALSE_WORDS:
        problems.append(_problem(line, "hub_verified", _("write yes or no.")))
    return problems


def _row(line: int, values: dict[str, str]) -> DistrictRow:
    postcode = values["hub_postcode"]
    if postcode and "-" not in postcode:
        postcode = f"{postcode[:3]}-{postcode[3:]}"
    return DistrictRow(
        line=line,
        slug=values["slug"],
        name_ja=values["name_ja"],
        reading=values["reading"],
        name_en=values["name_en"],
        hub_name_ja=values["hub_name_ja"],
        hub_name_en=values["hub_name_en"] or values["hub_name_ja"],
        hub_postcode=postcode,
        hub_address=values["hub_address"],
        hub_phone=values["hub_phone"],
        hub_verified=values["hub_verified"].lower() not in FALSE_WORDS,
        latitude=float(values["latitude"]),
        longitude=float(values["longitude"]),
    )


@transaction.atomic
def load_districts(rows: Iterable[DistrictRow]) -> LoadReport:
    """Create or update one DistrictPage per row (by slug), its English translation
    and its staff group; districts already on the site but not in the file are
    reported and left alone (they may hold content)."""
    structure = ensure_site_structure()
    index: DistrictIndexPage = structure.district_index
    ensure_coordinators_group(index)
    report = LoadReport()
    existing = {page.slug: page for page in index.districts()}
    rows = list(rows)
    for row in rows:
        page = existing.get(row.slug)
        fields = {
            "title": row.name_ja,
            "reading": row.reading,
            "hub_name": row.hub_name_ja,
            "hub_postcode": row.hub_postcode,
            "hub_address": row.hub_address,
            "hub_phone": row.hub_phone,
            "hub_verified": row.hub_verified,
            "latitude": row.latitude,
            "longitude": row.longitude,
        }
        if page is None:
            page = DistrictPage(slug=row.slug, **fields)
            index.add_child(instance=page)
            report.created.append(row.slug)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
            report.updated.append(row.slug)
        page.staff_group = ensure_district_group(page)
        page.save_revision().publish()
        publish_translations(page, {row.name_ja: row.title_en, row.hub_name_ja: row.hub_name_en})
        grant_page_permissions(page.staff_group, page)
    slugs = {row.slug for row in rows}
    report.not_in_file = sorted(set(existing) - slugs)
    return report
