"""schema.org `Event` data for an event page (a JSON-LD data block, never executed).

The next occurrence is the event's startDate; a series adds its `eventSchedule`.
The JSON is escaped for a script element: no `<`, `>` or `&` survives, so no
editor text can close the block.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from portal.languages import current_language
from portal.script_data import dumps_for_script

from .recurrence import LAST, Frequency, to_local

SCHEMA_DAYS = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
]


def _moment(value, all_day: bool) -> str:
    local = to_local(value)
    return local.date().isoformat() if all_day else local.isoformat(timespec="minutes")


def _schedule(page) -> dict | None:
    if not page.rrule:
        return None
    rule = page.recurrence_rule()
    unit = "W" if rule.frequency == Frequency.WEEKLY else "M"
    start = to_local(page.start)
    schedule = {
        "@type": "Schedule",
        "repeatFrequency": f"P{rule.interval}{unit}",
        "startDate": start.date().isoformat(),
        "scheduleTimezone": settings.TIME_ZONE,
    }
    if not page.all_day:
        schedule["startTime"] = start.strftime("%H:%M")
        schedule["endTime"] = to_local(page.end).strftime("%H:%M")
    if rule.until:
        schedule["endDate"] = rule.until.isoformat()
    if rule.count:
        schedule["repeatCount"] = rule.count
    if rule.weekdays:
        schedule["byDay"] = [SCHEMA_DAYS[day] for day in rule.weekdays]
    if rule.frequency == Frequency.MONTHLY_DATE:
        schedule["byMonthDay"] = start.day
    if rule.nths:
        schedule["byMonthWeek"] = [n for n in rule.nths if n != LAST] or [LAST]
    return schedule


def event_data(page, request, upcoming) -> dict:
    occurrence = next((o for o in upcoming if not o.cancelled), upcoming[0] if upcoming else None)
    start = occurrence.start if occurrence else page.start
    end = occurrence.end if occurrence else page.end
    if page.cancelled or (occurrence is not None and occurrence.cancelled):
        status = "https://schema.org/EventCancelled"
    elif occurrence is not None and occurrence.moved:
        status = "https://schema.org/EventRescheduled"
    else:
        status = "https://schema.org/EventScheduled"
    place: dict = {"@type": "Place", "name": page.venue_title}
    if page.venue_address:
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": page.venue_address,
            "addressCountry": "JP",
        }
        if page.venue_postcode:
            place["address"]["postalCode"] = page.venue_postcode
    position = page.venue_position
    if position:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": position[0],
            "longitude": position[1],
        }
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "startDate": _moment(start, page.all_day),
        "endDate": _moment(end, page.all_day),
        "eventStatus": status,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place,
        "url": page.get_full_url(request),
        "inLanguage": current_language(),
        "isAccessibleForFree": page.is_free,
    }
    if page.summary:
        data["description"] = page.summary
    organiser = page.organiser or (page.district.hub_name if page.district_id else "")
    if organiser:
        data["organizer"] = {"@type": "Organization", "name": organiser}
        if page.phone:
            data["organizer"]["telephone"] = page.phone
    if page.is_free:
        data["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "JPY"}
    groups = [group.name for group in page.target_groups.all()]
    if groups:
        data["audience"] = [{"@type": "Audience", "audienceType": name} for name in groups]
    if page.capacity:
        data["maximumAttendeeCapacity"] = page.capacity
    schedule = _schedule(page)
    if schedule:
        data["eventSchedule"] = schedule
    return data


def event_json_ld(page, request, upcoming) -> SafeString:
    # Escaped for a script data block (<, >, &, U+2028/2029) by the portal's one encoder.
    return mark_safe(dumps_for_script(event_data(page, request, upcoming)))
