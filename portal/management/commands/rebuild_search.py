"""manage.py rebuild_search: write the site search's index again from the live pages."""

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from portal import search


class Command(BaseCommand):
    help = (
        "Rebuild the site search index (/search/) from every live page of the searchable "
        "types, in every language. Publishing keeps the index up to date; run this after "
        "importing pages without publishing them, after changing a word list (kinds, target "
        "groups), or when search results look wrong. Safe to run at any time: pages are "
        "re-indexed in batches, search keeps answering meanwhile, and documents of pages that "
        "are no longer live are removed at the end."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        with tqdm(disable=options["verbosity"] < 1, unit="page") as bar:
            count = search.rebuild(progress=bar.update)
        seconds = time.perf_counter() - started
        types = ", ".join(entry.key for entry in search.searchable_types())
        self.stdout.write(
            self.style.SUCCESS(f"{count} pages indexed ({types}) in {seconds:.1f} s.")
        )
