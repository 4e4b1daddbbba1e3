from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EventsConfig(AppConfig):
    """Welfare-hub events: recurrence, calendars, feeds and the printable flyer."""

    name = "events"
    verbose_name = "Events"

    def ready(self):
        from . import signals  # noqa: F401  (occurrence rows)
        from .taxonomies import seed_event_kinds

        post_migrate.connect(seed_event_kinds, sender=self)
