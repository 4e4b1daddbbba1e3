"""CPU time of rendering the public pages people open most, on `make run`'s demo data
(not a test: it prints figures).

    .venv/bin/python bench/render.py [--repeat 20] [--profile 25]

Loads the demo as `make run` does (districts, site address, demo content) into its
own database (var/bench-render/, reused by later runs) and renders, with Django's
test client in this process and the whole-page cache off:

* the six pages of issue 15 (`/`, `/places/`, a place page, `/events/`,
  `/search/?q=体操`, a district page) and a bare page: a policy page (a rich-text
  page through the same base template);
* each **warm** (every other cache as a visitor after a publish finds it: the
  previous render left its fragments) and **cold** (all caches cleared first);
* as CPU milliseconds per render (`time.process_time`, median of --repeat: the
  database is SQLite in this process, so its work counts too) and as a ratio to a
  reference workload measured in the same run, before and after the pages: the
  kind of work a page does (20 ORM queries for pages, a 300-row Django template)
  and nothing of the portal's, so that a change to the portal cannot move it and
  a busy or slower machine moves both alike.

`--profile N` also runs each page under cProfile and prints where the time goes:
the share of Django's templates, the ORM and database, Wagtail, the portal's own
code and the rest, and the N functions with the most time of their own.

Results are printed and written to bench/results/render.json.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)
os.environ.setdefault("PORTAL_VAR_DIR", str(ROOT / "var" / "bench-render"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
os.environ["DEBUG"] = "0"
os.environ["PAGE_CACHE_ENABLED"] = "0"

#: Where a function's own time is counted, by the start of its file's path.
AREAS = [
    ("templates", ("django/template/", "django/templatetags/", "wagtail/templatetags/")),
    ("orm+db", ("django/db/", "sqlite3/", "psycopg")),
    ("wagtail", ("wagtail/", "modelcluster/", "wagtail_localize/", "treebeard/")),
    ("django other", ("django/",)),
    ("portal", ("/home/", "/places/", "/events/", "/volunteers/", "/support/", "/portal/")),
]


def load_demo() -> None:
    from django.core.management import call_command

    from home.models import DistrictPage

    call_command("migrate", verbosity=0, interactive=False)
    if not DistrictPage.objects.exists():
        call_command("load_districts", verbosity=0)
        call_command("sync_site", verbosity=0)
        call_command("load_demo", verbosity=0)


def pages() -> dict[str, str]:
    """The paths measured, found in the demo as a visitor finds them."""
    from home.models import DistrictPage, StandardPage
    from places.models import PlacePage

    place = PlacePage.objects.live().filter(locale__language_code="ja").order_by("path").first()
    district = DistrictPage.objects.live().filter(slug="daini", locale__language_code="ja").first()
    policy = StandardPage.objects.live().filter(locale__language_code="ja").order_by("path")
    return {
        "policy page (bare)": policy.first().url,
        "/": "/",
        "/places/": "/places/",
        "place page": place.url,
        "/events/": "/events/",
        "/search/?q=体操": "/search/?q=体操",
        "district page": district.url,
    }


REFERENCE_TEMPLATE = (
    "<table>{% for row in rows %}<tr><td>{{ row.id }}</td><td>{{ row.title|upper }}</td>"
    "<td>{% if row.live %}live{% else %}draft{% endif %}</td></tr>{% endfor %}</table>"
)


def reference_ms(repeat: int) -> float:
    """CPU ms of the reference workload (median of `repeat`): none of the portal's code."""
    from django.template import Context, Template
    from wagtail.models import Page

    template = Template(REFERENCE_TEMPLATE)
    ids = list(Page.objects.values_list("pk", flat=True)[:20])
    times = []
    for _ in range(repeat):
        started = time.process_time()
        rows = [Page.objects.only("title", "live").get(pk=pk) for pk in ids]
        template.render(Context({"rows": (rows * 15)[:300]}))
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def cpu_ms(client, path: str, repeat: int, cold: bool) -> tuple[float, int]:
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(repeat):
        if cold:
            for cache in caches.all():
                cache.clear()
        # Django keeps the last 9,000 queries only: once full, a capture counts none.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.process_time()
            response = client.get(path)
            times.append((time.process_time() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries = len(captured)
    return statistics.median(times), queries


def area_of(filename: str) -> str:
    for area, prefixes in AREAS:
        if any(prefix in filename for prefix in prefixes):
            if area == "portal" and ("site-packages" in filename or "python3." in filename):
                continue
            return area
    return "other"


def profile(client, path: str, repeat: int, top: int) -> dict:
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(repeat):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt or 1
    shares: dict[str, float] = {}
    own = []
    for (filename, line, name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        area = area_of(filename)
        shares[area] = shares.get(area, 0) + tottime
        own.append((tottime, f"{Path(filename).parent.name}/{Path(filename).name}:{line} {name}"))
    own.sort(reverse=True)
    return {
        "ms_per_render": round(total * 1000 / repeat, 1),
        "share": {area: round(100 * t / total) for area, t in sorted(shares.items())},
        "top": [(round(t * 1000 / repeat, 2), where) for t, where in own[:top]],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    load_demo()
    client = Client()
    paths = pages()
    for path in paths.values():
        client.get(path)  # imports, template loading, the first queries

    reference_before = reference_ms(args.repeat)
    results: dict = {"load": os.getloadavg()[0], "pages": {}}
    rows = []
    for name, path in paths.items():
        warm, warm_queries = cpu_ms(client, path, args.repeat, cold=False)
        cold, _ = cpu_ms(client, path, args.repeat, cold=True)
        rows.append((name, path, warm, warm_queries, cold))
    reference = (reference_before + reference_ms(args.repeat)) / 2
    results["reference_ms"] = round(reference, 1)
    print(f"reference workload: {reference:.1f} ms (before the pages {reference_before:.1f})")
    print(f"{'page':<28} {'warm ms':>8} {'ratio':>6} {'queries':>7} {'cold ms':>8} {'ratio':>6}")
    for name, path, warm, warm_queries, cold in rows:
        row = {
            "path": path,
            "warm_ms": round(warm, 1),
            "warm_ratio": round(warm / reference, 2),
            "warm_queries": warm_queries,
            "cold_ms": round(cold, 1),
            "cold_ratio": round(cold / reference, 2),
        }
        results["pages"][name] = row
        print(
            f"{name:<28} {row['warm_ms']:>8} {row['warm_ratio']:>6} {warm_queries:>7} "
            f"{row['cold_ms']:>8} {row['cold_ratio']:>6}"
        )
    if args.profile:
        results["profiles"] = {}
        for name, path in paths.items():
            found = profile(client, path, args.repeat, args.profile)
            results["profiles"][name] = found
            print(f"\n{name} ({path}): {found['ms_per_render']} ms under the profiler")
            print("  " + ", ".join(f"{area} {pct} %" for area, pct in found["share"].items()))
            for ms, where in found["top"]:
                print(f"  {ms:>7} ms  {where}")
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f} (before: {results['load']:.2f})")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "render.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
