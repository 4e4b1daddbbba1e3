"""The HTML snapshots' world at one frozen moment, and `--update-snapshots`.

`pytest tests/snapshots --update-snapshots` rewrites every snapshot file from what the
pages render now (each test is then skipped, naming its file): review the diff before
committing it.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import factory.random
import pytest
import time_machine

from tests.world import World, rolled_back_world

#: The moment the world is built and every page rendered: a Monday morning in Tokyo
#: (no national holiday in the weeks after it), in the future so that nothing of the
#: world is in the past for the validations that look at the real date.
MOMENT = dt.datetime(2030, 6, 3, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
#: The seed of `random` and of factory_boy's random (nothing of the world draws from
#: them today: set so that a factory default that does cannot make the pages vary).
SEED = 20300603


def pytest_addoption(parser):
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="rewrite tests/snapshots/html/ from the pages as they render now (and skip)",
    )


@pytest.fixture(scope="session")
def update_snapshots(pytestconfig) -> bool:
    # The option exists only when this conftest is loaded at start-up (a run naming
    # tests/snapshots or a file in it); otherwise it is off.
    return bool(pytestconfig.getoption("--update-snapshots", default=False))


@pytest.fixture(scope="module")
def frozen():
    """The clock stands still at MOMENT for the module (the world's build and every page)."""
    state = random.getstate()
    random.seed(SEED)
    factory.random.reseed_random(SEED)
    with time_machine.travel(MOMENT, tick=False):
        yield MOMENT
    random.setstate(state)


@pytest.fixture(scope="module")
def world(frozen, django_db_setup, django_db_blocker, tmp_path_factory) -> World:
    """tests/world.py built at MOMENT, once per module, rolled back after it."""
    with rolled_back_world(django_db_blocker, tmp_path_factory.mktemp("media")) as world:
        yield world
