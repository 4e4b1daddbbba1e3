"""Reading the CSV files municipalities already keep."""

from django.utils.translation import gettext as _


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
