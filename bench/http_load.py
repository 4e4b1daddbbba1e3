"""HTTP benchmark of the portal's pages under load, against a static-file ceiling (issue 8).

    make bench-http          # installs Debian's wrk when missing, then runs this
    .venv/bin/python bench/http_load.py [--database sqlite|postgres|both] [--duration 10]
        [--connections 10] [--threads 2] [--workers 2] [--rounds 2]
        [--places 2000] [--series 1000] [--opportunities 500] [--small-factor 10]

For each database (an SQLite file under var/bench-http/ and the PostgreSQL
database `portal_bench_http` on 127.0.0.1:5432, both seeded once and reused):

1. a child process with the production settings seeds the 35 districts, the
   places, event series and volunteer opportunities (with shifts), builds the
   search index, runs `collectstatic`, and counts the SQL queries of each page
   with Django's test client (page cache off), with its CPU time in that process
   (median of 10: what a page costs a worker, however loaded the machine is).
   Queries are counted again on a database a tenth of the size
   (`var/bench-http/small.sqlite3`, `portal_bench_http_small`) to show that they
   do not grow with the data;
2. gunicorn (gunicorn.conf.py, `portal.settings.production`, configured only by
   the environment) is started with the page cache off and each page is
   measured with wrk (the uncached figures); its bytes are written to a static
   file of the same size under STATIC_ROOT;
3. gunicorn is started again with the page cache on (the default): each page is
   warmed, then measured (the cached figures), and so is its static file,
   served by WhiteNoise through the same gunicorn (the ceiling).

No network is needed at run time. Every gunicorn started here is stopped
(process group, also on Ctrl-C). Results are printed and written to
bench/results/http.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-http"
STATIC_ROOT = VAR / "static"
CEILING_DIR = "bench-ceiling"  # under STATIC_ROOT, served at /static/bench-ceiling/
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
# A Redis database of its own (not 0, which a developer's `make run` may use); flushed per run.
REDIS_URL = "redis://127.0.0.1:6379/7"
SEARCH_WORD = "体操"

# Printed by wrk after a run: latency percentiles (µs) and throughput as one JSON line.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"wrk": 1, "requests": %d, "duration_s": %.3f, "bytes": %d, "rps": %.1f, '
    .. '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, '
    .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\\n',
    summary.requests, summary.duration / 1e6, summary.bytes,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per URL")
    parser.add_argument("--connections", type=int, default=10, help="wrk's open connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="runs of each cached page and its static file, in turns (the fastest is kept)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="gunicorn sync workers (WEB_CONCURRENCY); 2 on 2 cores (docs/benchmarks.md)",
    )
    parser.add_argument("--places", type=int, default=2000)
    parser.add_argument("--series", type=int, default=1000)
    parser.add_argument("--opportunities", type=int, default=500)
    parser.add_argument(
        "--small-factor",
        type=int,
        default=10,
        help="the small database (for queries per page) has the sizes divided by this; 0: none",
    )
    # Internal: the child process that seeds and counts queries with Django set up.
    parser.add_argument("--prepare", metavar="OUT.json", help=argparse.SUPPRESS)
    parser.add_argument("--collectstatic", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=10, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# --- The child process: seed, index, collect static files, count queries ----------------


def prepare(args: argparse.Namespace) -> None:
    """Runs with Django set up from the environment the parent gives (production settings)."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import seeding
    from home.models import DistrictPage
    from places.models import PlacePage
    from portal import search
    from portal.models import SearchDocument

    # Distinct slug prefixes: places, series and opportunities are siblings under a district.
    seeded = seeding.seed_places(args.places, slug_prefix="place-")
    seeded += seeding.seed_events(args.series, slug_prefix="event-")
    seeded += seeding.seed_volunteers(args.opportunities, slug_prefix="volunteer-")
    if seeded or not SearchDocument.objects.exists():
        started = time.perf_counter()
        documents = search.rebuild()
        print(f"search index: {documents} documents in {time.perf_counter() - started:.0f} s")
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum keeps them on a city's server (it is off on this
        # machine's PostgreSQL, for the tests): without them /events/ sorted every joined
        # occurrence row (105 ms for its list query instead of 16 ms).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if args.collectstatic:
        call_command("collectstatic", interactive=False, verbosity=0)

    district = DistrictPage.objects.filter(locale__language_code="ja").order_by("path").first()
    place = PlacePage.objects.live().filter(district=district).order_by("pk").first()
    urls = {
        "home": "/",
        "district": district.url,
        "places": "/places/",
        "events": "/events/",
        "place": place.url,
        "search": "/search/?q=" + urllib.parse.quote(SEARCH_WORD),
    }
    # Queries of a page rendered, not served from the page cache (as with PAGE_CACHE_ENABLED=0).
    settings.PAGE_CACHE_ENABLED = False
    client = Client(HTTP_HOST="127.0.0.1")
    pages = {}
    for key, url in urls.items():
        client.get(url)  # the first request loads templates and the site's caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)  # now: the next request's start empties the connection's log
        # CPU time of this process per rendering: what a page costs a worker, whatever else
        # runs on the machine (wall time under load mostly measures the other processes).
        cpu, wall = [], []
        for _ in range(args.repeat):
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            client.get(url)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started_wall) * 1000)
        pages[key] = {
            "url": url,
            "queries": queries,
            "bytes": len(response.content),
            "cpu_ms_median": round(statistics.median(cpu), 1),
            "wall_ms_median": round(statistics.median(wall), 1),
        }
    result = {
        "vendor": connection.vendor,
        "places": PlacePage.objects.filter(locale__language_code="ja").count(),
        "series": _count("events.EventPage"),
        "opportunities": _count("volunteers.VolunteerOpportunityPage"),
        "shifts": _count("volunteers.VolunteerShift"),
        "occurrences": _count("events.EventOccurrence"),
        "pages": pages,
    }
    Path(args.prepare).write_text(json.dumps(result, ensure_ascii=False, indent=2))


def _count(label: str) -> int:
    from django.apps import apps

    return apps.get_model(label).objects.count()


# --- The parent: databases, gunicorn, wrk ------------------------------------------------


def database_env(database: str, small: bool = False) -> dict[str, str]:
    """The production settings' environment for one database (and nothing else)."""
    suffix = "_small" if small else ""
    if database == "sqlite":
        url = f"sqlite:///{VAR / ('small.sqlite3' if small else 'portal.sqlite3')}"
    else:
        url = f"{POSTGRES}portal_bench_http{suffix}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-http-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # wrk speaks plain HTTP to gunicorn; production sits behind a TLS-terminating proxy.
        "SECURE_SSL_REDIRECT": "0",
        "TRUSTED_PROXIES": "none",
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(STATIC_ROOT),
        "MEDIA_ROOT": str(VAR / "media"),
        "PORTAL_VAR_DIR": str(VAR),
    }


def ensure_postgres_database(name: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def run_prepare(database: str, args: argparse.Namespace, *, small: bool) -> dict:
    if database == "postgres":
        ensure_postgres_database("portal_bench_http" + ("_small" if small else ""))
    factor = args.small_factor if small else 1
    out = VAR / f"prepare-{database}{'-small' if small else ''}.json"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--prepare",
        str(out),
        "--places",
        str(args.places // factor),
        "--series",
        str(args.series // factor),
        "--opportunities",
        str(args.opportunities // factor),
    ]
    if not small:
        command.append("--collectstatic")
    env = database_env(database, small)
    env["PAGE_CACHE_ENABLED"] = "0"
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return json.loads(out.read_text())


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes, dict[str, str]]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int, log: Path) -> Iterator[str]:
    """A gunicorn in its own process group, stopped (group and all) however we leave."""
    port = free_port()
    env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
        # Recycling a worker every ~5,000 requests means importing Django again in the middle
        # of a 10-second run (a second of CPU on a 2-core machine): a leak guard, not
        # steady-state serving, so it is off here (see docs/benchmarks.md).
        "GUNICORN_MAX_REQUESTS": "0",
    }
    executable = Path(sys.executable).parent / "gunicorn"
    with log.open("ab") as output:
        process = subprocess.Popen(
            [str(executable), "-c", "gunicorn.conf.py", "portal.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the workers go with it
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log}")
            with contextlib.suppress(OSError):
                if fetch(base + "/healthz")[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer /healthz in 90 s; see {log}")
            time.sleep(0.3)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=25)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wrk(
    url: str,
    args: argparse.Namespace,
    *,
    duration: int | None = None,
    connections: int | None = None,
) -> dict:
    script = VAR / "report.lua"
    if not script.exists():
        script.write_text(WRK_SCRIPT)
    command = [
        "wrk",
        f"-t{min(args.threads, connections or args.connections)}",
        f"-c{connections or args.connections}",
        f"-d{duration or args.duration}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith('{"wrk"'))
    return json.loads(line)


def measure(
    base: str, path: str, args: argparse.Namespace, *, connections: int | None = None
) -> dict:
    # A second at the same concurrency first: every worker loads its templates (and, with the
    # page cache on, gets the page into its own per-process cache) before the measured run.
    wrk(base + path, args, duration=1, connections=connections)
    result = wrk(base + path, args, connections=connections)
    errors = sum(result["errors"].values())
    if errors:
        print(f"  warning: {errors} errors on {path}: {result['errors']}", flush=True)
    return result


def ceiling_name(database: str, key: str) -> str:
    return f"{CEILING_DIR}/{database}-{key}.html"


def load() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def run_database(database: str, args: argparse.Namespace) -> dict:
    print(f"\n== {database} ==", flush=True)
    prepared = run_prepare(database, args, small=False)
    small = run_prepare(database, args, small=True) if args.small_factor else None
    pages = prepared["pages"]
    env = database_env(database)
    log = VAR / f"gunicorn-{database}.log"
    result: dict = {
        "sizes": {k: prepared[k] for k in prepared if k not in ("pages", "vendor")},
        "small_sizes": (
            {k: small[k] for k in small if k not in ("pages", "vendor")} if small else None
        ),
        "load_before": load(),
        "pages": {},
    }

    print(f"uncached (PAGE_CACHE_ENABLED=0), load {load()}", flush=True)
    flush_redis()
    (STATIC_ROOT / CEILING_DIR).mkdir(parents=True, exist_ok=True)
    with gunicorn({**env, "PAGE_CACHE_ENABLED": "0"}, args.workers, log) as base:
        for key, page in pages.items():
            status, body, headers = fetch(base + page["url"])
            assert status == 200, (page["url"], status)
            # The ceiling: the page's own bytes as a static file, for the next gunicorn to serve.
            (STATIC_ROOT / ceiling_name(database, key)).write_bytes(body)
            uncached = measure(base, page["url"], args)
            # As many connections as workers: no request waits for a worker, so the latency is
            # the page's own (with --connections it includes the queue in front of the workers).
            alone = measure(base, page["url"], args, connections=args.workers)
            result["pages"][key] = {
                "url": page["url"],
                "bytes": len(body),
                "queries": page["queries"],
                "queries_small": small["pages"][key]["queries"] if small else None,
                "cpu_ms_in_process": page["cpu_ms_median"],
                "wall_ms_in_process": page["wall_ms_median"],
                "uncached": uncached,
                "uncached_unqueued": alone,
            }
            print(
                f"  {page['url']:<28} {len(body):>7} B  {uncached['rps']:7.1f} req/s"
                f"  p50 {uncached['p50_ms']:6.1f}  p95 {uncached['p95_ms']:6.1f} ms;"
                f" with {args.workers} connections p50 {alone['p50_ms']:6.1f}"
                f"  p95 {alone['p95_ms']:6.1f} ms",
                flush=True,
            )

    print(f"cached (the default) and the static-file ceiling, load {load()}", flush=True)
    flush_redis()
    with gunicorn(env, args.workers, log) as base:
        for key, page in pages.items():
            row = result["pages"][key]
            status, _body, headers = fetch(base + page["url"])
            fetch(base + page["url"])
            status, _body, headers = fetch(base + page["url"])
            row["page_cache"] = headers.get("X-Page-Cache", "not stored")
            static_url = "/static/" + ceiling_name(database, key)
            status, static_body, _ = fetch(base + static_url)
            assert status == 200 and len(static_body) == row["bytes"], (static_url, status)
            # Page and static file in turns, keeping each one's fastest run: other processes
            # (test suites) come and go on this machine, and the run they disturbed least is
            # the one that says what gunicorn can do.
            runs: dict[str, list[dict]] = {"cached": [], "ceiling": []}
            for _round in range(args.rounds):
                runs["cached"].append(measure(base, page["url"], args))
                runs["ceiling"].append(measure(base, static_url, args))
            for name, measured in runs.items():
                row[name] = max(measured, key=lambda run: run["rps"])
                row[name]["rps_all_rounds"] = [run["rps"] for run in measured]
            row["ratio"] = round(row["cached"]["rps"] / row["ceiling"]["rps"], 3)
            print(
                f"  {page['url']:<28} cached {row['cached']['rps']:7.1f} req/s"
                f" (X-Page-Cache: {row['page_cache']}), ceiling {row['ceiling']['rps']:7.1f}"
                f" req/s, ratio {row['ratio']:.0%}",
                flush=True,
            )
    result["load_after"] = load()
    return result


def print_table(database: str, result: dict) -> None:
    print(
        f"\n{database}: {result['sizes']['places']} places, {result['sizes']['series']} series, "
        f"{result['sizes']['opportunities']} opportunities; load {result['load_before']} → "
        f"{result['load_after']}"
    )
    header = (
        "URL",
        "bytes",
        "cached r/s",
        "p50",
        "p95",
        "ceiling r/s",
        "ratio",
        "uncached r/s",
        "p50",
        "p95",
        "p95 alone",
        "CPU ms",
        "queries",
    )
    print(
        "{:<26} {:>7} {:>10} {:>6} {:>6} {:>11} {:>6} {:>12} {:>6} {:>6} {:>9} {:>6} {:>8}".format(
            *header
        )
    )
    for row in result["pages"].values():
        cached, ceiling, uncached = row["cached"], row["ceiling"], row["uncached"]
        queries = f"{row['queries']}/{row['queries_small']}"
        print(
            f"{row['url'][:26]:<26} {row['bytes']:>7} {cached['rps']:>10.0f}"
            f" {cached['p50_ms']:>6.1f} {cached['p95_ms']:>6.1f} {ceiling['rps']:>11.0f}"
            f" {row['ratio']:>6.0%} {uncached['rps']:>12.1f} {uncached['p50_ms']:>6.1f}"
            f" {uncached['p95_ms']:>6.1f} {row['uncached_unqueued']['p95_ms']:>9.1f}"
            f" {row['cpu_ms_in_process']:>6.1f} {queries:>8}"
        )


def targets(results: dict) -> dict:
    """The issue's targets, per database: which pages miss them."""
    verdict = {}
    for database, result in results.items():
        rows = result["pages"].values()
        verdict[database] = {
            # /search/ says `Cache-Control: private, no-store` (queries can be personal), so the
            # page cache never stores it: it is reported, not counted against the target.
            "cached_at_least_half_of_ceiling": [
                r["url"] for r in rows if r["ratio"] < 0.5 and r["page_cache"] == "hit"
            ],
            "never_stored_by_the_page_cache": [r["url"] for r in rows if r["page_cache"] != "hit"],
            "uncached_p95_within_150ms": [r["url"] for r in rows if r["uncached"]["p95_ms"] > 150],
            "uncached_p95_within_150ms_unqueued": [
                r["url"] for r in rows if r["uncached_unqueued"]["p95_ms"] > 150
            ],
            "queries_constant_in_data_size": [
                r["url"]
                for r in rows
                if r["queries_small"] is not None and r["queries"] != r["queries_small"]
            ],
        }
    return verdict


def main() -> None:
    args = parse_args()
    if args.prepare:
        prepare(args)
        return
    VAR.mkdir(parents=True, exist_ok=True)
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results = {}
    for database in databases:
        results[database] = run_database(database, args)
    for database, result in results.items():
        print_table(database, result)
    verdict = targets(results)
    print("\ntargets (pages that miss them; none: the target holds):")
    for database, misses in verdict.items():
        for target, urls in misses.items():
            print(f"  {database:8} {target:40} {', '.join(urls) or 'none'}")
    report = {
        "settings": {
            "wrk": f"-t{args.threads} -c{args.connections} -d{args.duration}s",
            "rounds_cached_and_ceiling": args.rounds,
            "gunicorn_workers": args.workers,
            "cpu_count": os.cpu_count(),
            "queries_small": f"the same pages on a database 1/{args.small_factor} the size",
        },
        "results": results,
        "targets_missed": verdict,
    }
    out = ROOT / "bench" / "results" / "http.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        # A run of one database keeps the other's latest figures.
        previous = json.loads(out.read_text())
        for name in ("results", "targets_missed"):
            report[name] = {**previous.get(name, {}), **report[name]}
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


def keep_stdlib_http() -> None:
    """This file is named after what it measures, and a script's folder comes first on
    sys.path: `import http` (urllib.request, Django) would import this file instead of the
    standard library's package. Nothing here imports it before this runs."""
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]


if __name__ == "__main__":
    keep_stdlib_http()
    main()
