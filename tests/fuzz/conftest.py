"""Property-based tests of every public route and form (marker `fuzz`).

Two Hypothesis profiles, chosen by HYPOTHESIS_PROFILE:

- `ci` (the default: `make test`): 50 derandomised examples per target, plus each
  target's explicit boundary examples; the same examples on every run.
- `fuzz` (`make fuzz`): 1,000 random examples per target.

`make test-postgres` deselects the marker: the bounds are the views', the same on
both databases, and one pass keeps CI's share small.

Rate limits are off (RATE_LIMITS very high) and every POST carries the CSRF token of
its form, fetched as a browser does (`Client(enforce_csrf_checks=True)`), so examples
reach validation instead of a 429 or a 403. The counts of each target's outcomes
and statuses are printed at the end of the run (see harness.py).
"""

from __future__ import annotations

import os

import pytest
from django.test import Client
from hypothesis import HealthCheck, settings

from tests.world import rolled_back_world

from .harness import REACHED, REACHED_SHARE, TALLIES

_COMMON = {
    "deadline": None,  # no timed tests: a slow example is not a failure
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
}
settings.register_profile("ci", max_examples=50, derandomize=True, database=None, **_COMMON)
settings.register_profile("fuzz", max_examples=1_000, database=None, print_blob=True, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.RATE_LIMITS = {
        scope: "1000000/s" for scope in (*settings.RATE_LIMITS, "default", "signup", "intake")
    }


@pytest.fixture
def browser(db):
    """A client that enforces CSRF checks, as a real browser's requests meet them."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """What the routes and forms name (tests/world.py: one published object of each public
    kind, in Japanese and English), once per module, rolled back after it."""
    with rolled_back_world(django_db_blocker, tmp_path_factory.mktemp("media")) as world:
        yield world


def pytest_terminal_summary(terminalreporter):
    if not TALLIES:
        return
    write = terminalreporter.write_line
    terminalreporter.section("public routes and forms: examples and outcomes")
    total = reached = 0
    for name, tally in sorted(TALLIES.items()):
        outcomes = ", ".join(f"{key} {count}" for key, count in tally.outcomes.most_common())
        statuses = " ".join(f"{code}×{count}" for code, count in sorted(tally.statuses.items()))
        write(
            f"{name:<34} {tally.examples:>5} examples, {tally.share:6.1%} reached validation"
            f" | {outcomes} | {statuses}"
        )
        total += tally.examples
        reached += tally.reached
    write(
        f"{len(TALLIES)} targets, {total} examples, {reached / total:.1%} reached validation "
        f"({' / '.join(REACHED)}; each target needs {REACHED_SHARE:.0%})"
    )
