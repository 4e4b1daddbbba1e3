"""manage.py load_demo: the demo content that `make run` shows."""

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo import demo_loaders


class Command(BaseCommand):
    help = (
        "Load every app's demo content (districts first, then places, events, volunteering), "
        "in Japanese and English. Safe to run again: a loader whose content is there "
        "already skips it."
    )

    def handle(self, *args, **options):
        for loader in demo_loaders():
            with transaction.atomic():
                for line in loader.load() or ():
                    self.stdout.write(f"[{loader.name}] {line}")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
