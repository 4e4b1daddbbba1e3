"""Every admin URL, as every role that should not see district A's data: refused, or blind.

Reads `admin_url_table.txt` (see `url_table.py` and `table.py`). District A's
objects, with their canaries, are created once for the module (`world.py`,
in a transaction rolled back at the end); every request runs in a savepoint
rolled back after it, so a POST that got through cannot change what the next
request sees.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests.routes import admin_route_keys

from .table import canaries_of, check_row, fill, outcome_of, seen_text, url_of
from .url_table import POST_DATA, rows
from .world import ROLES, build_world

ROWS = rows()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def pks(world, db):
    values = {name: getattr(obj, "pk", obj) for name, obj in world.objects.items()}
    values["now"] = f"{timezone.localdate():%Y-%m-%d} 10:00"
    return values


def client_for(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def test_every_admin_route_has_a_row():
    missing = admin_route_keys() - {row.key for row in ROWS}
    assert not missing, f"admin URLs without a row in admin_url_table.txt: {sorted(missing)}"


def test_every_row_is_an_admin_route():
    unknown = {row.key for row in ROWS} - admin_route_keys()
    assert not unknown, f"rows of admin_url_table.txt for no admin URL: {sorted(unknown)}"


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_url_refuses_or_shows_nothing_of_district_a(world, pks, role):
    client = client_for(world, role)
    problems = []
    for row in ROWS:
        problems += check_row(client, world, role, row, pks, POST_DATA)
    assert not problems, f"{len(problems)} answers differ from the table:\n" + "\n".join(problems)


def test_district_a_staff_see_the_canaries_where_the_table_says(world, pks):
    """The positive control: the canaries are where the other roles would have found them."""
    client = client_for(world, "own")
    problems = []
    for row in (row for row in ROWS if row.own is not None):
        url = url_of(row, pks)
        with transaction.atomic():
            response = client.get(url)
            transaction.set_rollback(True)
        client.cookies.pop("messages", None)
        outcome, text = outcome_of(response), seen_text(response)
        if outcome != fill(row.own.outcome, pks):
            problems.append(f"{row.line}: GET {url}: answered {outcome}, table says {row.own}")
        if row.own.canary and not any(value in text for value in canaries_of(world).values()):
            problems.append(f"{row.line}: GET {url}: shows no canary")
    assert not problems, "\n".join(problems)
