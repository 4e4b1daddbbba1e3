"""/events/ (list and month calendar), the iCalendar feeds and the printable flyer."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from home.models import DistrictPage
from portal.closures import holidays_between
from portal.dates import format_month, weekday_abbreviation, weekday_name
from portal.filters import filter_query_string, form_cache_key
from portal.municipality import city_name
from portal.page_cache import tagged
from portal.punctuation import join_list, labelled

from .cards import light, with_cards
from .filters import DATE_FILTERS, EventFilterSet
from .ics import build_calendar, cached_feed, session_component
from .models import EventOccurrence, EventPage
from .qr import qr_svg
from .queries import add_months, live_events, month_bounds, occurrences
from .registration import parse_session_key
from .registration_models import SESSION_KEY_FORMAT

PAGE_SIZE = 20
#: The filters a calendar subscription keeps. Dates are not among them: a subscription
#: goes on, and the feed always covers the next twelve months.
FEED_KEYS = ("district", "kind", "target", "free")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
#: How far ahead the calendar goes (series end within two years).
CALENDAR_MONTHS_AHEAD = 24
#: The feeds cover the next twelve months.
FEED_HORIZON = dt.timedelta(days=366)
#: Sessions shown in one day of the month calendar; the rest are a link to that day's list.
CALENDAR_PER_DAY = 4
#: A flyer is one A4 page: this many events at most, the rest are counted.
FLYER_ROWS = 12


def feed_url(filters: EventFilterSet) -> str:
    """The city feed with the list's filters (those a subscription can keep)."""
    data = filters.valid_data
    params = QueryDict(mutable=True)
    for key in ("district", "kind", "target"):
        if data.get(key):
            params[key] = data[key]
    if data.get("free"):
        params["free"] = "on"
    query = params.urlencode()
    return reverse("events:feed") + (f"?{query}" if query else "")


def parse_month(value: str | None) -> dt.date | None:
    match = MONTH_RE.match(value or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        return None
    return dt.date(year, month, 1)


def group_by_day(items) -> list[tuple[dt.date, list]]:
    days: OrderedDict[dt.date, list] = OrderedDict()
    for occurrence in items:
        days.setdefault(occurrence.local_date, []).append(occurrence)
    return list(days.items())


@tagged("events", "districts")
@require_safe
def event_list(request):
    """Upcoming occurrences, soonest first, grouped by day; the filters work without JavaScript."""
    filters = EventFilterSet.from_query(request.GET, occurrences())
    paginator = Paginator(light(filters.qs), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    # The flags event_list.html gives each card.
    items = with_cards(
        request, list(page_obj.object_list), level=4, show_district=True, with_ics=True
    )
    query = filter_query_string(request)
    return render(
        request,
        "events/event_list.html",
        {
            "form": filters.form,
            "filters_cache_key": form_cache_key(request),
            "days": group_by_day(items),
            "occurrences": items,
            "page_obj": page_obj,
            "paginator": paginator,
            "query_string": query,
            "calendar_url": reverse("events:calendar") + (f"?{query}" if query else ""),
            "feed_url": feed_url(filters),
            "feed_filtered": feed_url(filters) != reverse("events:feed"),
        },
    )


@dataclass
class CalendarDay:
    date: dt.date
    in_month: bool
    today: bool
    holiday: str | None
    occurrences: list = field(default_factory=list)
    more: int = 0
    more_url: str = ""


def month_grid(
    month: dt.date, items, today: dt.date, per_day: dict | None = None, query: str = ""
) -> list[list[CalendarDay]]:
    """Weeks of the month, Sunday first as Japanese calendars are. A day with more
    sessions than it shows links to the list of that day."""
    first, last = month_bounds(month)
    holidays = holidays_between(first, last)
    by_day: dict[dt.date, list] = {}
    for occurrence in items:
        by_day.setdefault(occurrence.local_date, []).append(occurrence)
    weeks = calendar.Calendar(firstweekday=calendar.SUNDAY).monthdatescalendar(
        month.year, month.month
    )
    per_day = per_day or {}
    list_url = reverse("events:list")
    grid = []
    for week in weeks:
        row = []
        for day in week:
            shown = by_day.get(day, []) if day.month == month.month else []
            cell = CalendarDay(
                date=day,
                in_month=day.month == month.month,
                today=day == today,
                holiday=holidays.get(day),
                occurrences=shown,
                more=max(per_day.get(day, 0) - len(shown), 0),
            )
            if cell.more:
                cell.more_url = f"{list_url}?date_from={day}&date_to={day}" + (
                    f"&{query}" if query else ""
                )
            row.append(cell)
        grid.append(row)
    return grid


def weekday_headers() -> list[tuple[str, str]]:
    """(日曜日, 日) ... (土曜日, 土): Sunday first, as Japanese calendars are."""
    week = [dt.date(2026, 11, 29) + dt.timedelta(days=n) for n in range(7)]  # a Sunday on
    return [(weekday_name(day), weekday_abbreviation(day)) for day in week]


@tagged("events", "districts")
@require_safe
def event_calendar(request):
    """A month as an accessible table; previous and next month links; same filters as the list."""
    today = timezone.localdate()
    this_month = today.replace(day=1)
    month = parse_month(request.GET.get("month")) or this_month
    last_month = add_months(this_month, CALENDAR_MONTHS_AHEAD)
    month = min(max(month, this_month), last_month)
    first, last = month_bounds(month)
    in_month = occurrences().filter(local_date__gte=first, local_date__lte=last)
    filters = EventFilterSet.from_query(request.GET, in_month)
    month_occurrences = filters.filter_queryset(in_month, skip=DATE_FILTERS)
    per_day = dict(
        month_occurrences.order_by()
        .values_list("local_date")
        .annotate(count=Count("pk"))
        .values_list("local_date", "count")
    )
    # At most CALENDAR_PER_DAY a day, chosen by the database (a window function over
    # narrow rows): a city-wide month has thousands of sessions; a cell links to the rest.
    shown = (
        month_occurrences.order_by()
        .annotate(
            day_rank=Window(
                RowNumber(),
                partition_by=[F("local_date")],
                order_by=[F("start").asc(), F("page_id").asc(), F("pk").asc()],
            )
        )
        .filter(day_rank__lte=CALENDAR_PER_DAY)
        .values_list("pk", flat=True)
    )
    items = list(occurrences().filter(pk__in=list(shown)))
    query = filter_query_string(request, "month")

    def month_url(value: dt.date | None) -> str | None:
        if value is None:
            return None
        params = f"month={value:%Y-%m}"
        return reverse("events:calendar") + f"?{params}" + (f"&{query}" if query else "")

    previous_month = add_months(month, -1) if month > this_month else None
    next_month = add_months(month, 1) if month < last_month else None
    list_params = f"date_from={first}&date_to={last}"
    return render(
        request,
        "events/event_calendar.html",
        {
            "form": filters.form,
            "filters_cache_key": form_cache_key(request),
            "month": month,
            "month_label": format_month(month),
            "weeks": month_grid(month, items, today, per_day, query),
            "weekdays": weekday_headers(),
            "count": sum(per_day.values()),
            "previous_url": month_url(previous_month),
            "previous_label": format_month(previous_month) if previous_month else "",
            "next_url": month_url(next_month),
            "next_label": format_month(next_month) if next_month else "",
            "list_url": reverse("events:list") + f"?{list_params}" + (f"&{query}" if query else ""),
            "query_string": query,
            "month_value": f"{month:%Y-%m}",
            "feed_url": feed_url(filters),
            "feed_filtered": feed_url(filters) != reverse("events:feed"),
        },
    )


# --- Calendar feeds ----------------------------------------------------------------


def _feed_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def _feed_pages(filters: EventFilterSet | None = None):
    """Live events with an occurrence in the next twelve months (cancelled ones included,
    so that subscribed calendars learn of the cancellation) that the list's filters keep."""
    now = timezone.now()
    in_window = EventOccurrence.objects.filter(
        page_id=OuterRef("pk"), start__lt=now + FEED_HORIZON, end__gt=now
    )
    if filters is not None:
        in_window = filters.filter_queryset(in_window, skip=DATE_FILTERS)
    pages = live_events().filter(Exists(in_window))
    return (
        pages.select_related("kind", "district", "venue", "locale")
        .prefetch_related("exceptions")
        .order_by("start", "pk")
    )


def _url_for(request):
    def url_for(page: EventPage) -> str:
        return page.get_full_url(request)

    return url_for


@tagged("events", "districts")
@require_safe
def feed_all(request):
    """The city's feed, narrowed by the list's filters (district, kind, for whom, free)."""
    # _feed_pages narrows the occurrences of the feed's twelve months.
    filters = EventFilterSet.from_query(request.GET, EventOccurrence.objects.all(), keys=FEED_KEYS)
    form = filters.form
    if filters.is_bound and not filters.is_valid():
        problems = [
            labelled(form[name].label, " ".join(errors)) for name, errors in form.errors.items()
        ]
        return HttpResponseBadRequest(
            "\n".join(
                [_("This calendar address has a filter the portal does not know."), *problems]
            ),
            content_type="text/plain; charset=utf-8",
        )
    name = _("Events in %(city)s") % {"city": city_name()}
    chosen = filter_labels(filters)
    if chosen:
        name = labelled(name, join_list(chosen))
    data = filters.valid_data
    scope = ":".join(
        [
            request.get_host(),
            "all",
            *(data.get(key) or "" for key in ("district", "kind", "target")),
            str(bool(data.get("free"))),
        ]
    )
    body = cached_feed(
        scope,
        lambda: build_calendar(_feed_pages(filters), name=name, url_for=_url_for(request)),
    )
    return _feed_response(body, "events.ics")


def filter_labels(filters: EventFilterSet) -> list[str]:
    """What a filtered feed is narrowed to, in words (第二地区, 子育て, 無料のみ)."""
    data, fields = filters.valid_data, filters.form.fields
    labels = []
    for key in ("district", "kind", "target"):
        value = data.get(key)
        if value:
            labels.append(str(dict(fields[key].choices).get(value, value)))
    if data.get("free"):
        labels.append(str(fields["free"].label))
    return labels


def _district_or_404(slug: str) -> DistrictPage:
    district = DistrictPage.objects.live().filter(locale=Locale.get_active(), slug=slug).first()
    if district is None:
        raise Http404
    return district


@tagged("events", "districts")
@require_safe
def district_feed(request, slug: str):
    district = _district_or_404(slug)
    body = cached_feed(
        f"{request.get_host()}:district:{slug}",
        lambda: build_calendar(
            _feed_pages().filter(district__slug=slug),
            name=_("Events in %(district)s") % {"district": district.title},
            url_for=_url_for(request),
        ),
    )
    return _feed_response(body, f"{slug}-events.ics")


@tagged("events", "districts")
@require_safe
def event_ics(request, page_id: int):
    """The whole series (`/events/<id>.ics`), or one session of it (`?session=20261208T1000`,
    its original start as in registration links): one VEVENT without a rule."""
    page = (
        EventPage.objects.live()
        .public()
        .filter(pk=page_id)
        .select_related("kind", "district", "venue", "locale")
        .prefetch_related("exceptions")
        .first()
    )
    if page is None:
        raise Http404
    session = request.GET.get("session")
    if session is None:
        body = build_calendar([page], name=page.title, url_for=_url_for(request))
        return _feed_response(body, f"event-{page.pk}.ics")
    original_start = parse_session_key(session)
    if original_start is None:
        return HttpResponseBadRequest(
            _("This is not the address of a session: the date is written like 20261208T1000."),
            content_type="text/plain; charset=utf-8",
        )
    occurrence = page.occurrences.filter(original_start=original_start).first()
    if occurrence is None:
        raise Http404
    session = original_start.strftime(SESSION_KEY_FORMAT)
    url = page.get_full_url(request)
    body = build_calendar(
        [],
        name=page.title,
        url_for=None,
        components=[session_component(page, occurrence, session, url)],
    )
    return _feed_response(body, f"event-{page.pk}-{session}.ics")


# --- The printable monthly flyer ----------------------------------------------------


@dataclass
class FlyerRow:
    page: EventPage
    occurrences: list


@tagged("events", "districts")
@require_safe
def district_flyer(request, slug: str):
    """One A4 page of a district's events in a month, with the hub's contact and a QR code."""
    district = _district_or_404(slug)
    today = timezone.localdate()
    month = parse_month(request.GET.get("month")) or today.replace(day=1)
    first, last = month_bounds(month)
    items = (
        EventOccurrence.objects.filter(
            page_id__in=live_events().filter(district=district).values("pk"),
            local_date__range=(first, last),
        )
        .select_related("page", "page__kind", "page__venue", "page__district")
        .order_by("start", "page__title", "pk")
    )
    rows: OrderedDict[int, FlyerRow] = OrderedDict()
    for occurrence in items:
        rows.setdefault(occurrence.page_id, FlyerRow(occurrence.page, [])).occurrences.append(
            occurrence
        )
    rows_list = list(rows.values())
    district_url = request.build_absolute_uri(district.get_url(request))
    return render(
        request,
        "events/flyer.html",
        {
            "district": district,
            "month": month,
            "month_label": format_month(month),
            "rows": rows_list[:FLYER_ROWS],
            "more": max(len(rows_list) - FLYER_ROWS, 0),
            "qr": qr_svg(district_url, _("QR code: %(url)s") % {"url": district_url}),
            "district_url": district_url,
            "previous_url": reverse("events:flyer", kwargs={"slug": slug})
            + f"?month={add_months(month, -1):%Y-%m}",
            "next_url": reverse("events:flyer", kwargs={"slug": slug})
            + f"?month={add_months(month, 1):%Y-%m}",
        },
    )
