"""CSV files: reading the ones municipalities already keep, and writing every one the portal serves.

Every CSV the portal serves or saves goes through the writer here, so that two things no
copy may forget hold for all of them:

- **No cell is a formula.** Spreadsheet programs run a cell that starts with `=`, `+`,
  `-` or `@` (and, after a tab or carriage return, whatever follows) as a formula:
  `=HYPERLINK(…)` typed into a public form would become a live link in a staff member's
  Excel. Such a cell is written with a leading apostrophe, which spreadsheets show as
  text. Full-width ＝＋－＠ are treated alike (Japanese input methods type them, and
  some programs fold them). A value that itself starts with an apostrophe gets a second
  one, so that `unescape_cell` restores every value exactly (the place import reads back
  what the export wrote). Numbers (int, float, Decimal) are data, never escaped.
- **Excel opens the Japanese.** UTF-8 with a byte-order mark, CRLF line ends.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
ESCAPE = "'"
BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet shows it as text, never runs it as a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES) or text.startswith(ESCAPE):
        return ESCAPE + text
    return text


def unescape_cell(text: str) -> str:
    """Undo exactly what `safe_cell` added (for reading back a file the portal wrote)."""
    if text.startswith(ESCAPE) and text[1:].startswith((*FORMULA_PREFIXES, ESCAPE)):
        return text[1:]
    return text


class SafeWriter:
    """`csv.writer` whose every cell goes through `safe_cell`."""

    def __init__(self, stream, **kwargs):
        kwargs.setdefault("lineterminator", "\r\n")
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter:
    """`csv.DictWriter` whose every cell goes through `safe_cell` (the header too)."""

    def __init__(self, stream, fieldnames: Sequence[str], **kwargs):
        kwargs.setdefault("lineterminator", "\r\n")
        self.fieldnames = list(fieldnames)
        self._writer = SafeWriter(stream, **kwargs)

    def writeheader(self) -> None:
        self._writer.writerow(self.fieldnames)

    def writerow(self, row: dict[str, Any]) -> None:
        unknown = set(row) - set(self.fieldnames)
        if unknown:
            raise ValueError(f"Not columns of this file: {', '.join(sorted(unknown))}")
        self._writer.writerow([row.get(name, "") for name in self.fieldnames])

    def writerows(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)


def write_csv(stream, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A whole CSV file to a text stream: BOM, header, rows."""
    stream.write(BOM)
    writer = SafeWriter(stream)
    writer.writerow(header)
    writer.writerows(rows)


def write_dict_csv(stream, fieldnames: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """A whole CSV file of dict rows, every column in `fieldnames` order."""
    stream.write(BOM)
    writer = SafeDictWriter(stream, fieldnames)
    writer.writeheader()
    writer.writerows(rows)


def csv_response(filename: str, *, private: bool = True) -> tuple[HttpResponse, SafeWriter]:
    """An attachment response with its BOM written, and the safe writer to fill it.

    `private` (the default) marks it `no-store`: staff exports hold personal data."""
    response = HttpResponse(content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "no-store, private"
    response.write(BOM)
    return response, SafeWriter(response)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A whole CSV file as text (for files saved rather than served)."""
    stream = io.StringIO()
    write_csv(stream, header, rows)
    return stream.getvalue()


def escape_formulas_in_wagtail_exports() -> None:
    """Route Wagtail's own CSV exports through `safe_cell` too.

    Wagtail's `SpreadsheetExportMixin` (the form builder's submissions, its reports, any
    viewset with `list_export`) neutralises formulas in XLSX but writes CSV cells raw, so a
    resident's `=HYPERLINK(…)` typed into an intake question would reach a staff member's
    spreadsheet live. Wagtail has no setting for it; one wrapper here covers every such view,
    the plug-ins' included. Called once from `PortalConfig.ready()`."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_portal_formulas_escaped", False):
        return
    preprocess = SpreadsheetExportMixin.preprocess_field_value
    heading = SpreadsheetExportMixin.get_heading

    def preprocess_field_value(self, field, value, export_format):
        result = preprocess(self, field, value, export_format)
        return safe_cell(result) if export_format == self.FORMAT_CSV else result

    def get_heading(self, queryset, field):
        return safe_cell(heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin._portal_formulas_escaped = True


# --- Reading ---------------------------------------------------------------------------------


class UnreadableFile(ValueError):
    """A file that is not text in any encoding we read."""


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel adds), else Shift_JIS/CP932 as Japanese Excel saves."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_("The file is neither UTF-8 nor Shift_JIS text."))
