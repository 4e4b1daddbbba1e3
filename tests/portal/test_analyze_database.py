"""manage.py analyze_database gives the query planner its statistics."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db


def statistics_rows() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1")
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'wagtailcore_page'")
        return cursor.fetchone()[0]


def test_analyze_database_records_statistics_for_the_planner(daini):
    output = StringIO()

    call_command("analyze_database", stdout=output)

    assert statistics_rows() > 0
    assert "Statistics refreshed" in output.getvalue()
