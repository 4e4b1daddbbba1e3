"""The page cache's hit rate over a simulated day of visits and publishes (not a test:
it prints figures).

    .venv/bin/python bench/cache_day.py [--requests 3000] [--publish-every 100] [--seed 1]

On `make run`'s demo data (the database of bench/render.py, var/bench-render/), with
the page cache on, anonymous visitors request public pages (the home page, the lists,
each district, place, event and volunteer page, in both languages; the popular ones
more often: a Zipf-like draw), and district staff publish a random place, event or
volunteer page of a random district every --publish-every requests (a real publish:
a revision, Wagtail's signals, the portal's purge). The same draw runs twice:

* **by tag** (the portal's purge: only what shows the published page);
* **everything** (the purge before: every publish emptied the whole cache).

Prints the share of requests answered from the cache for each, and writes
bench/results/cache_day.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)
os.environ.setdefault("PORTAL_VAR_DIR", str(ROOT / "var" / "bench-render"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
os.environ["DEBUG"] = "0"
os.environ["PAGE_CACHE_ENABLED"] = "1"


def public_paths() -> list[str]:
    """Every public page of the demo, most visited first (lists, then pages)."""
    from wagtail.models import Page

    lists = ["/", "/places/", "/events/", "/volunteer/", "/districts/", "/events/calendar/"]
    lists += ["/en" + path for path in lists]
    pages = [page.url for page in Page.objects.live().filter(depth__gte=3).order_by("path")]
    return lists + [url for url in pages if url and url not in lists]


def editable_pages() -> list:
    from events.models import EventPage
    from places.models import PlacePage
    from volunteers.models import VolunteerOpportunityPage

    pages = []
    for model in (PlacePage, EventPage, VolunteerOpportunityPage):
        pages += list(model.objects.live().filter(locale__language_code="ja"))
    return pages


def simulate(client, paths, pages, requests: int, every: int, seed: int) -> float:
    from django.core.cache import caches

    from portal import page_cache

    for cache in caches.all():
        cache.clear()
    page_cache.generation.forget()
    page_cache.clock.known.clear()
    draw = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(paths))]
    hits = 0
    for number in range(1, requests + 1):
        path = draw.choices(paths, weights)[0]
        hits += client.get(path).get("X-Page-Cache") == "hit"
        if number % every == 0:
            page = draw.choice(pages)
            page.save_revision().publish()
    return hits / requests


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--publish-every", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bench.render import load_demo
    from portal import page_cache

    setup_test_environment()
    load_demo()
    client = Client()
    paths, pages = public_paths(), editable_pages()
    by_tag = simulate(client, paths, pages, args.requests, args.publish_every, args.seed)

    original = page_cache.purge_tags
    page_cache.purge_tags = lambda tags: page_cache.purge()  # the purge before tags
    try:
        everything = simulate(client, paths, pages, args.requests, args.publish_every, args.seed)
    finally:
        page_cache.purge_tags = original
    results = {
        "requests": args.requests,
        "publish_every": args.publish_every,
        "public_paths": len(paths),
        "hit_rate_by_tag": round(by_tag, 3),
        "hit_rate_purging_everything": round(everything, 3),
    }
    for key, value in results.items():
        print(f"{key:<28} {value}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "cache_day.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
