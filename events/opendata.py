"""Events as open data: the national イベント一覧 CSV (portal/opendata.py), one row per upcoming
occurrence, listed on /opendata/ beside the iCalendar feed (events/wagtail_hooks.py)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from wagtail.models import Locale

from places.facilities import split_address
from portal import opendata
from portal.japanese import katakana_reading

from .models import EventOccurrence, EventPage
from .recurrence import to_local

WINDOW = dt.timedelta(days=365)


AMOUNT_RE = re.compile(r"(\d[\d,]*)円")


def basic_fee(page: EventPage) -> str:
    """料金(基本): the basic amount (100円), 無料 for a free event, else the fee as written;
    what the amount is for stays in 料金(詳細)."""
    if page.is_free:
        return "無料"
    amount = AMOUNT_RE.search(unicodedata.normalize("NFKC", page.fee or ""))
    if amount:
        return f"{amount.group(1)}円"
    return page.fee


def event_rows() -> Iterator[dict]:
    """The next 12 months of live, public events in the default language, none cancelled."""
    now = timezone.now()
    default = Locale.get_default()
    occurrences = (
        EventOccurrence.objects.filter(
            page__locale=default,
            page__live=True,
            page__cancelled=False,
            cancelled=False,
            end__gte=now,
            start__lt=now + WINDOW,
        )
        .select_related("page", "page__venue", "page__district")
        .order_by("start", "pk")
    )
    pages = {occurrence.page_id for occurrence in occurrences}
    public = set(EventPage.objects.filter(pk__in=pages).public().values_list("pk", flat=True))
    english = dict(
        EventPage.objects.filter(
            locale__language_code="en",
            translation_key__in=[o.page.translation_key for o in occurrences],
        ).values_list("translation_key", "title")
    )
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for occurrence in occurrences:
        page = occurrence.page
        if page.pk not in public:
            continue
        start, end = to_local(occurrence.start), to_local(occurrence.end)
        address, building = split_address(page.venue_address)
        position = page.venue_position or (None, None)
        title_en = english.get(page.translation_key, "")
        yield {
            "NO": f"{page.pk}-{start:%Y%m%d%H%M}",
            "イベント名": page.title,
            "イベント名_カナ": katakana_reading(page.title),
            "イベント名_英語": title_en if title_en != page.title else "",
            "開始日": start.date(),
            "終了日": end.date(),
            "開始時間": None if page.all_day else start.time(),
            "終了時間": None if page.all_day else end.time(),
            "開始日時特記事項": occurrence.note,
            "説明": page.summary,
            "料金(基本)": basic_fee(page),
            "料金(詳細)": page.fee,
            "連絡先電話番号": page.phone,
            "主催者": page.organiser,
            "場所名称": page.venue_title,
            "住所": address,
            "方書": building,
            "緯度": position[0],
            "経度": position[1],
            "定員": page.capacity or "",
            "参加申込方法": "申込制" if page.registration_required else "",
            "URL": base + page.url if page.url else "",
        }


def events_csv(request: HttpRequest) -> HttpResponse:
    """`/opendata/events.csv`: the rows of `event_rows` in the イベント一覧 layout.

    Dates, times and coordinates are written by portal.opendata (YYYY-MM-DD, HH:MM, decimal
    degrees); a column a row leaves out is an empty cell, the municipality's columns are
    filled from settings and NO is numbered where a row has none.
    """
    return opendata.csv_response("events.csv", opendata.EVENT_COLUMNS, event_rows())
