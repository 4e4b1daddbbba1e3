"""Running work in threads started together, for the tests of what the database
keeps right under concurrent requests (capacity, duplicates)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


def run_in_threads(count: int, work: Callable[[int], object]) -> tuple[list, list]:
    """Run work(i) in `count` threads started together; returns (results, errors).

    Each thread closes its own database connection when done, as a request would.
    """
    barrier = threading.Barrier(count)
    results, errors = [], []

    def worker(i):
        try:
            barrier.wait()
            results.append(work(i))
        except Exception as error:  # collected for the test to assert on
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
