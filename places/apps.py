from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PlacesConfig(AppConfig):
    """Gathering places, geocoding and maps."""

    name = "places"
    verbose_name = "Places"

    def ready(self):
        from . import signals  # noqa: F401  (purges)
        from .taxonomies import seed_taxonomies

        post_migrate.connect(seed_taxonomies, sender=self)
