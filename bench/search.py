"""Benchmark of the site search and the open-data files (not a test: it prints figures).

    .venv/bin/python bench/search.py [--places 5000] [--repeat 15]
    .venv/bin/python bench/search.py --demo          # the `make run` database (127 demo places)
    .venv/bin/python bench/search.py --long-bodies   # places with varied 600-character descriptions
    DATABASE_URL=postgres://… .venv/bin/python bench/search.py

With --places it reuses bench/places.py's database (var/bench/portal.sqlite3, the
35 districts and N places, seeded once), rebuilds the search index, then measures
with Django's test client, in this process:

* `manage.py rebuild_search`: time and the number of bigram rows;
* indexing one page on publish;
* `/search/?q=…` for a few queries: median time, SQL queries, matches;
* the same matches found two other ways, to justify the choice: a LIKE scan of
  the folded text alone, and the token index alone (without the text check);
* `/opendata/facilities.csv` and `/opendata/places.geojson`: time and size.

Results are printed and written to bench/results/search.json.
"""

from __future__ import annotations

import argparse
import importlib.util
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
QUERIES = ["体操", "たいそう", "ﾀｲｿｳ", "サロン", "第二地区", "認知症", "書道 送迎", "畑", "かふぇ"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--demo", action="store_true", help="measure the `make run` database")
    parser.add_argument(
        "--long-bodies",
        action="store_true",
        help="give every place a varied description of about 600 characters (own database, "
        "var/bench-long/): queries then match a few per cent of the places, as in a real city",
    )
    return parser.parse_args()


ACTIVITIES = (
    "健康体操で体をほぐします。", "認知症カフェを開いています。", "子育て中の方の交流の場です。",
    "囲碁と将棋を楽しみます。", "手芸の作品を見せ合います。", "季節の料理を一緒に作ります。",
    "みんなで合唱をしています。", "畑で野菜を育てています。", "地域の見守り活動の拠点です。",
    "暮らしの相談を受け付けています。", "絵本の読み聞かせがあります。", "ヨガ教室を開いています。",
    "書道を習えます。", "ゲートボールの仲間を募集しています。", "カラオケで歌います。",
    "散歩の会が出発します。", "送迎の相談ができます。", "パソコン教室があります。",
)  # fmt: skip
FILLER = (
    "初めての方も歓迎します。", "参加費は無料です。", "予約はいりません。",
    "地区の公民館で開いています。", "開く日や時間は変わることがあります。",
    "詳しいことは地区の拠点にお問い合わせください。", "動きやすい服装でお越しください。",
    "飲み物は各自でご用意ください。", "天気の悪い日はお休みすることがあります。",
    "地域の皆さんが交代で運営しています。",
)  # fmt: skip


def add_long_bodies() -> None:
    """Once: three activities (each in about one place in six) and filler, ~600 characters."""
    import random

    from places.models import PlacePage

    places = PlacePage.objects.filter(body="")
    if not places.exists():
        return
    print("writing long descriptions (once)…", flush=True)
    for place in places.iterator(chunk_size=500):
        rng = random.Random(place.pk)
        sentences = rng.sample(ACTIVITIES, 3) + [rng.choice(FILLER) for _ in range(30)]
        PlacePage.objects.filter(pk=place.pk).update(body="<p>" + "".join(sentences) + "</p>")


def median_ms(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    args = parse_args()
    if args.demo:
        os.environ.setdefault("PORTAL_VAR_DIR", str(ROOT / "var"))
    elif args.long_bodies:
        os.environ.setdefault("PORTAL_VAR_DIR", str(ROOT / "var" / "bench-long"))
    else:
        os.environ.setdefault("PORTAL_VAR_DIR", str(ROOT / "var" / "bench"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Locale

    from places.models import PlacePage
    from portal import japanese, search
    from portal.models import SearchDocument, SearchToken

    settings.ALLOWED_HOSTS = ["*"]
    if not args.demo:
        spec = importlib.util.spec_from_file_location("bench_places", ROOT / "bench" / "places.py")
        bench_places = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bench_places)
        bench_places.seed(args.places)
        if args.long_bodies:
            add_long_bodies()

    results: dict = {
        "database": connection.vendor,
        "places": PlacePage.objects.filter(locale__language_code="ja").count(),
    }
    print(f"{results['database']}, {results['places']} places (Japanese)", flush=True)

    started = time.perf_counter()
    documents = search.rebuild()
    results["rebuild_s"] = round(time.perf_counter() - started, 2)
    results["documents"] = documents
    results["tokens"] = SearchToken.objects.count()
    print(
        f"rebuild_search: {documents} documents, {results['tokens']} bigram rows, "
        f"{results['rebuild_s']} s",
        flush=True,
    )

    place = PlacePage.objects.live().filter(locale__language_code="ja").first()
    results["index_one_page_ms"] = round(median_ms(lambda: search.index_page(place), 20), 1)
    print(f"index one page on publish: {results['index_one_page_ms']} ms")

    client = Client()
    locale = Locale.get_default()
    results["queries"] = {}
    header = ("query", "matches", "/search/", "SQL", "LIKE only", "tokens only")
    print("\n{:14} {:>7} {:>9} {:>4}  {:>9} {:>11}".format(*header))
    for query in QUERIES:
        client.get("/search/", {"q": query})  # warm up
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        found = search.search(query, locale)
        request_ms = median_ms(lambda q=query: client.get("/search/", {"q": q}), args.repeat)
        words = japanese.query_words(query)

        def like_only(words=words):
            queryset = SearchDocument.objects.filter(locale=locale)
            for word in words:
                queryset = queryset.filter(text__contains=word)
            return list(queryset.values_list("page_id", flat=True))

        def tokens_only(words=words):
            from django.db.models import Count

            tokens = set().union(*(japanese.bigrams(word) for word in words))
            if not tokens:
                return []
            return list(
                SearchToken.objects.filter(token__in=tokens, document__locale=locale)
                .values("document_id")
                .annotate(n=Count("token"))
                .filter(n=len(tokens))
                .values_list("document_id", flat=True)
            )

        like_ms = median_ms(like_only, args.repeat)
        token_ms = median_ms(tokens_only, args.repeat)
        row = {
            "matches": len(found.matches),
            "search_page_ms": round(request_ms, 1),
            "sql_queries": len(captured),
            "like_scan_ms": round(like_ms, 1),
            "token_index_ms": round(token_ms, 1),
            "token_index_matches": len(tokens_only()),
        }
        results["queries"][query] = row
        print(
            f"{query:14} {row['matches']:7} {row['search_page_ms']:7.1f}ms {row['sql_queries']:4}"
            f"  {row['like_scan_ms']:7.1f}ms {row['token_index_ms']:9.1f}ms"
            f" ({row['token_index_matches']})"
        )

    print()
    for path in ("/opendata/facilities.csv", "/opendata/places.geojson", "/sitemap.xml"):
        response = client.get(path)
        assert response.status_code == 200, path
        took = median_ms(lambda p=path: client.get(p), max(3, args.repeat // 5))
        results[path] = {"ms": round(took, 1), "kb": round(len(response.content) / 1024, 1)}
        print(f"{path:28} {took:7.1f} ms {len(response.content) / 1024:8.1f} KB")

    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "search.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
