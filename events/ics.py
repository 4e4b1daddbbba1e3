"""iCalendar (RFC 5545) feeds: all events, one district's, one event's.

A series is one VEVENT with its RRULE (as stored), EXDATEs for the dates that
are cancelled or skipped (a national holiday, 年末年始), and one overriding VEVENT
(same UID, RECURRENCE-ID = the original start) for each moved date. A whole
cancelled event keeps its VEVENT with STATUS:CANCELLED, so subscribed
calendars learn of it. Times carry TZID=Asia/Tokyo with its VTIMEZONE;
all-day events are DATE values. UIDs are stable: the page's translation key
and language, so the same event keeps its UID across edits and feeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vRecur, vText

from portal.cache import VersionCounter, safe_key
from portal.languages import current_language

from .models import EventPage
from .recurrence import to_local

PRODID = "-//community-participation-portal//events//JA"


def uid_domain() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "portal.invalid"


def event_uid(page: EventPage) -> str:
    language = page.locale.language_code if page.locale_id else "ja"
    return f"event-{page.translation_key}-{language}@{uid_domain()}"


def one_line(text: str) -> str:
    """A name on one line: staff may paste a title with a line break (CR, LF), which a
    calendar shows as a name anyway; multi-line texts (DESCRIPTION) stay as they are."""
    return " ".join((text or "").split())


def _when(value: dt.datetime, all_day: bool) -> dt.date | dt.datetime:
    local = to_local(value)
    return local.date() if all_day else local


def _all_day_end(value: dt.datetime) -> dt.date:
    """DTEND of an all-day event is the day after its last day (exclusive)."""
    return to_local(value).date() + dt.timedelta(days=1)


def _description(page: EventPage, url: str, note: str = "") -> str:
    lines = []
    if note:
        lines.append(note)
    if page.cancelled and page.cancellation_reason:
        lines.append(page.cancellation_reason)
    if page.summary:
        lines.append(page.summary)
    if page.fee:
        lines.append(page.fee)
    if page.what_to_bring:
        lines.append(page.what_to_bring)
    if page.phone:
        lines.append(f"TEL {page.phone}")
    lines.append(url)
    return "\n".join(lines)


def _location(page: EventPage) -> str:
    parts = [page.venue_title]
    if page.venue_address:
        parts.append(page.venue_address)
    return one_line(" ".join(part for part in parts if part))


def _common(component: Event, page: EventPage, url: str, stamp: dt.datetime, uid: str = "") -> None:
    component.add("uid", uid or event_uid(page))
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)
    component.add("summary", one_line(page.title))
    location = _location(page)
    if location:
        component.add("location", location)
    position = page.venue_position
    if position:
        component.add("geo", position)
    component.add("url", url)
    component.add("categories", [one_line(page.kind.name)])
    component.add("transp", "OPAQUE")


def _add_times(component: Event, start: dt.datetime, end: dt.datetime, all_day: bool) -> None:
    if all_day:
        component.add("dtstart", to_local(start).date())
        component.add("dtend", _all_day_end(end))
    else:
        component.add("dtstart", to_local(start))
        component.add("dtend", to_local(end))


def _stamp(page: EventPage) -> dt.datetime:
    return (page.last_published_at or timezone.now()).astimezone(dt.UTC)


def session_uid(page: EventPage, session: str) -> str:
    """A session on its own is another calendar entry than the series: its own UID."""
    language = page.locale.language_code if page.locale_id else "ja"
    return f"event-{page.translation_key}-{language}-{session}@{uid_domain()}"


def session_component(page: EventPage, occurrence, session: str, url: str) -> Event:
    """One VEVENT for one session (`occurrence`: where and when it takes place now)."""
    component = Event()
    _common(component, page, url, _stamp(page), uid=session_uid(page, session))
    _add_times(component, occurrence.start, occurrence.end, page.all_day)
    cancelled = page.cancelled or occurrence.cancelled
    component.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    component.add("description", _description(page, url, occurrence.note))
    return component


def event_components(page: EventPage, url: str) -> list[Event]:
    """The VEVENT of `page` and the overrides of its moved dates."""
    stamp = _stamp(page)
    series = page.series()
    master = Event()
    _common(master, page, url, stamp)
    _add_times(master, series.start, series.end, page.all_day)
    master.add("status", "CANCELLED" if page.cancelled else "CONFIRMED")
    master.add("description", _description(page, url))
    components = [master]
    if not series.repeats:
        return components

    rule = vRecur.from_ical(series.rrule)
    if page.all_day and "UNTIL" in rule:
        # With a DATE start, UNTIL is a DATE too (RFC 5545 3.3.10).
        rule["UNTIL"] = [to_local(until).date() for until in rule["UNTIL"]]
    master.add("rrule", rule)

    if not (series.changes or series.skips_days):
        return components
    originals = series.originals()
    changes = {change.date: change for change in series.changes}
    excluded = list(series.holiday_skips(originals))
    for original in originals:
        change = changes.get(original.date())
        if change is None:
            continue
        if change.moved:
            override = Event()
            _common(override, page, url, stamp)
            override.add("recurrence-id", _when(original, page.all_day))
            new_start = change.new_start
            new_end = change.new_end or new_start + series.duration
            _add_times(override, new_start, new_end, page.all_day)
            override.add("status", "CANCELLED" if page.cancelled else "CONFIRMED")
            override.add("description", _description(page, url, change.note))
            components.append(override)
        elif change.cancelled:
            excluded.append(original)
    if excluded:
        master.add("exdate", sorted(_when(value, page.all_day) for value in excluded))
    return components


def build_calendar(
    pages: Iterable[EventPage],
    *,
    name: str,
    url_for,
    description: str = "",
    components=None,
) -> bytes:
    """A VCALENDAR of `pages` (each with its series), or of the given `components`."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(one_line(name)))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if description:
        calendar.add("x-wr-caldesc", vText(description))
    calendar.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    calendar.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    if components is None:
        components = (
            component for page in pages for component in event_components(page, url_for(page))
        )
    for component in components:
        calendar.add_component(component)
    return calendar.to_ical()


# --- Caching ----------------------------------------------------------------------------

FEED_VERSION = VersionCounter("events:feed-version")
FEED_TIMEOUT = 60 * 60


def feed_version() -> int:
    return FEED_VERSION.current()


def bump_feed_version() -> None:
    """Called when an event is published, unpublished, moved or deleted."""
    FEED_VERSION.bump()


def cached_feed(scope: str, build) -> bytes:
    """A feed is built once and served from the cache until an event changes.

    The key holds the feed version (bumped by the signals), the day (the twelve
    months move on) and a fingerprint of the live events (their number and last
    publication), so a cache shared by several processes, or a database changed
    without signals, never serves a stale feed for long."""
    from .models import EventPage

    fingerprint = (
        EventPage.objects.live()
        .filter(locale__language_code=current_language())
        .aggregate(count=Count("pk"), last=Max("last_published_at"))
    )
    last = fingerprint["last"].timestamp() if fingerprint["last"] else 0
    # The scope holds the host and a district's slug (from the URL): hashed with the rest.
    key = safe_key(
        "events:feed",
        feed_version(),
        current_language(),
        scope,
        timezone.localdate().isoformat(),
        fingerprint["count"],
        f"{last:.6f}",
    )
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, FEED_TIMEOUT)
    return body
