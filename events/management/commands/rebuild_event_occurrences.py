"""Write the occurrence rows of every live event again.

Publishing an event writes its rows; run this after changing rows by other
means (a bulk import that publishes without signals) or after upgrading
`jpholiday` when a national holiday is added by law. Idempotent.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from events.models import EventPage, rebuild_occurrences


class Command(BaseCommand):
    help = "Rebuild the occurrence rows of every live event (idempotent)."

    def handle(self, *args, **options):
        pages = EventPage.objects.live().prefetch_related("exceptions")
        total = 0
        with transaction.atomic():
            for page in pages.iterator(chunk_size=200):
                total += rebuild_occurrences(page)
        self.stdout.write(f"{total} occurrences written for {pages.count()} events")
