"""The portal's own CSV layout (its columns in places/csv_format.py, as the
places export writes them): checking one of its lines.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from portal.validators import is_phone_number

from ..csv_format import COLUMNS, ORGANISER_TYPES, parse_hours
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

REQUIRED_COLUMNS = {"external_id", "name", "kind"}
POSTCODE_RE = re.compile(r"^\d{3}-?\d{4}$")


class PortalRowChecker:
    """Checks lines of the portal's own layout against the word lists; a file
    without the reading column leaves the places' readings alone."""

    def __init__(self, words: WordLists, *, has_reading: bool = True):
        self.words = words
        self.has_reading = has_reading

    def check(self, line: int, record: dict) -> PlaceRow | RejectedRow:
        values = {column: cell(record, column) for column in COLUMNS}
        reasons: list[str] = []
        check_required(values, REQUIRED_COLUMNS, reasons)
        latitude, longitude = check_coordinates(values["latitude"], values["longitude"], reasons)
        district = self.words.districts.get(values["district"])
        if values["district"] and district is None:
            reasons.append(
                _("district: “%(value)s” is not a district slug.") % {"value": values["district"]}
            )
        elif district is None and latitude is not None:
            district = self.words.nearest_district(latitude, longitude)
        elif district is None and not reasons:
            reasons.append(_("district: give the district's slug, or coordinates to find it."))
        kind = self.words.kinds.get(values["kind"])
        if values["kind"] and kind is None:
            reasons.append(
                _("kind: “%(value)s” is not one of %(known)s.")
                % {"value": values["kind"], "known": ", ".join(self.words.kinds)}
            )
        groups = _slugs(values["target_groups"], self.words.groups, "target_groups", reasons)
        features = _slugs(values["accessibility"], self.words.features, "accessibility", reasons)
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
            fields=ALL_FIELDS if self.has_reading else ALL_FIELDS - {"reading"},
        )


def _slugs(text: str, known: dict, column: str, reasons: list[str]) -> list:
    """What a |-separated list of slugs names in `known`; a reason for each unknown slug."""
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
