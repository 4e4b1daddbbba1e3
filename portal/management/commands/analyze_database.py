"""manage.py analyze_database: refresh the query planner's statistics.

SQLite never gathers statistics by itself: without them it sorts all ~49,000
upcoming event occurrences of a city for `/events/` (11 ms) instead of reading
the (page, start) index (2 ms; bench/http_load.py). PostgreSQL's autovacuum
does this on its own, but not on a server where it is off, nor right after a
bulk load. Run it after loading data and daily from cron; it only reads and
writes statistics, so running it while the site serves is safe.
"""

from django.core.management.base import BaseCommand
from django.db import connection

#: Rows SQLite samples per index (PRAGMA analysis_limit): bounded time on a big database.
SQLITE_ANALYSIS_LIMIT = 2000


class Command(BaseCommand):
    help = "Refresh the database's query planner statistics (after loading data; daily from cron)."

    def handle(self, *args, **options):
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
            cursor.execute("ANALYZE")
        self.stdout.write(f"Statistics refreshed ({connection.vendor}).")
