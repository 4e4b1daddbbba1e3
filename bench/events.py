"""Benchmark of /events/ and its month calendar at a city's scale (not a test: it prints figures).

    .venv/bin/python bench/events.py [--series 1000] [--repeat 20]

Seeds a separate SQLite database (var/bench-events/portal.sqlite3, reused by
later runs) with the 35 districts and N recurring series over the next year
(nine in ten weekly, one in ten on the 2nd and 4th weekday of the month;
every tenth has a cancelled date): about 50,000 occurrences for 1,000
series. Then measures with Django's test client in this process, the cache
cleared before every request (uncached):

* `/events/` (20 per page), a filtered list and a district's list;
* the month calendar of next month (`/events/calendar/?month=…`), city-wide and
  for one district;
* a district page (its next events section); the all-events feed, built
  (cache cleared) and served from the cache, and a district's feed;
* the alternative the occurrence table replaces: expanding every series with
  dateutil on each request to find the first page of upcoming occurrences
  (computation only, no rendering).

Results are printed and written to bench/results/events.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The repository instead of this script's folder (sys.path[0]): the apps are imported from
# there, and nothing in bench/ can shadow a standard library module.
sys.path[0] = str(ROOT)
os.environ.setdefault("PORTAL_VAR_DIR", str(ROOT / "var" / "bench-events"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"


def seed(count: int) -> None:
    from bench.seeding import seed_events

    seed_events(count)


def timed(client, path: str, repeat: int, *, uncached: bool = True) -> tuple[float, bytes]:
    from django.core.cache import cache

    times = []
    content = b""
    for _ in range(repeat):
        if uncached:
            cache.clear()
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        content = response.content
    return statistics.median(times), content


def naive_first_page(page_size: int = 20) -> tuple[int, list]:
    """What /events/ would compute without the occurrence table: every live series
    expanded on the request, sorted, counted and cut to the first page."""
    from django.utils import timezone

    from events.models import EventPage

    now = timezone.now()
    found = []
    pages = EventPage.objects.live().public().prefetch_related("exceptions")
    for page in pages.select_related("kind", "district"):
        found.extend(page.series().occurrences(page, after=now))
    found.sort(key=lambda occurrence: (occurrence.start, occurrence.page.title))
    return len(found), found[:page_size]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--series", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    setup_test_environment()
    seed(args.series)
    from events.models import EventOccurrence, EventPage
    from events.queries import add_months

    client = Client()
    client.get("/events/")  # warm imports and template loading
    month = add_months(timezone.localdate().replace(day=1), 1)
    year_ahead = timezone.now() + timezone.timedelta(days=365)

    list_ms, list_body = timed(client, "/events/", args.repeat)
    filtered_ms, _ = timed(client, "/events/?target=elderly&free=on", args.repeat)
    district_list_ms, _ = timed(client, "/events/?district=daini&page=2", args.repeat)
    calendar_ms, calendar_body = timed(
        client, f"/events/calendar/?month={month:%Y-%m}", args.repeat
    )
    district_ms, _ = timed(client, "/districts/daini/", args.repeat)
    feed_ms, feed_body = timed(client, "/events/feed.ics", max(3, args.repeat // 4))
    feed_cached_ms, _ = timed(client, "/events/feed.ics", args.repeat, uncached=False)
    district_calendar_ms, _ = timed(
        client, f"/events/calendar/?month={month:%Y-%m}&district=daini", args.repeat
    )
    district_feed_ms, _ = timed(client, "/districts/daini/events.ics", args.repeat)

    naive = []
    total = 0
    for _ in range(max(3, args.repeat // 4)):
        started = time.perf_counter()
        total, _first = naive_first_page()
        naive.append((time.perf_counter() - started) * 1000)

    results = {
        "series": EventPage.objects.count(),
        "occurrence_rows": EventOccurrence.objects.count(),
        "occurrences_next_12_months": EventOccurrence.objects.filter(
            start__gte=timezone.now(), start__lt=year_ahead
        ).count(),
        "list_render_ms_median": round(list_ms, 1),
        "list_bytes": len(list_body),
        "list_filtered_ms_median": round(filtered_ms, 1),
        "list_district_page2_ms_median": round(district_list_ms, 1),
        "calendar_month_ms_median": round(calendar_ms, 1),
        "calendar_bytes": len(calendar_body),
        "calendar_district_ms_median": round(district_calendar_ms, 1),
        "district_page_ms_median": round(district_ms, 1),
        "feed_all_ms_median": round(feed_ms, 1),
        "feed_all_bytes": len(feed_body),
        "feed_all_cached_ms_median": round(feed_cached_ms, 1),
        "feed_district_ms_median": round(district_feed_ms, 1),
        "naive_expand_every_series_ms_median": round(statistics.median(naive), 1),
        "naive_upcoming_occurrences": total,
    }
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "events.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
