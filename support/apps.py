from django.apps import AppConfig


class SupportConfig(AppConfig):
    """Participation support: intake pages, follow-up cases, audit, reports."""

    name = "support"
    verbose_name = "Participation support"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import sections  # noqa: F401  (the "Ask for help" sections and link)
