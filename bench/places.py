"""Benchmark of /places/ and its map document at a city's scale (not a test: it prints figures).

    .venv/bin/python bench/places.py [--places 5000] [--repeat 20]

Seeds a separate SQLite database (var/bench/portal.sqlite3, reused by later
runs) with the 35 districts and N places, then measures with Django's test
client, in this process:

* `/places/`: render time (median of --repeat) and bytes;
* the map document of every place (`/places/map/`): first render (cache
  empty), cached serve, raw and gzipped bytes.

Results are printed and written to bench/results/places.json.
"""

from __future__ import annotations

import argparse
import gzip
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
os.environ.setdefault("PORTAL_VAR_DIR", str(ROOT / "var" / "bench"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"


def seed(count: int) -> None:
    from bench.seeding import seed_places

    seed_places(count)


def timed(client, path: str, repeat: int) -> tuple[float, bytes]:
    times = []
    content = b""
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        content = response.content
    return statistics.median(times), content


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--places", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    seed(args.places)
    from places.models import PlacePage

    client = Client()
    client.get("/places/")  # warm imports and template loading

    list_ms, list_body = timed(client, "/places/", args.repeat)

    first = []
    for _ in range(max(3, args.repeat // 4)):
        cache.clear()
        ms, map_body = timed(client, "/places/map/", 1)
        first.append(ms)
    cached_ms, _ = timed(client, "/places/map/", args.repeat)

    results = {
        "places": PlacePage.objects.filter(locale__language_code="ja").count(),
        "list_render_ms_median": round(list_ms, 1),
        "list_bytes": len(list_body),
        "map_first_render_ms_median": round(statistics.median(first), 1),
        "map_cached_ms_median": round(cached_ms, 2),
        "map_bytes_raw": len(map_body),
        "map_bytes_gzip": len(gzip.compress(map_body)),
    }
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "places.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
