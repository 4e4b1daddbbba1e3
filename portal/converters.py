"""Bounded ids in routes (`<id:page_id>` instead of `<int:page_id>`) and forms.

Django's `int` converter takes any run of digits, so an id beyond the database's
64-bit integers reached a query and failed there (SQLite raises OverflowError: a
500). No row can have such an id, so the route simply does not match: a 404.
Importing this module registers the converter (the URL modules that use it do).
"""

from __future__ import annotations

from django.urls import register_converter
from django.urls.converters import IntConverter

#: The largest id a database row can have (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def is_id(value: int) -> bool:
    """Whether `value` can be a row's id (ids start at 1)."""
    return 0 < value <= MAX_ID


def fits_id(text) -> bool:
    """False for a number (text from a URL or a form) beyond what an id column holds,
    which would overflow in a query; anything else is for the field to judge."""
    try:
        return abs(int(text)) <= MAX_ID
    except (TypeError, ValueError):
        return True


class IdConverter(IntConverter):
    def to_python(self, value: str) -> int:
        number = int(value)
        if not is_id(number):
            raise ValueError("not an id")
        return number


register_converter(IdConverter, "id")
