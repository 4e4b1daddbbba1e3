from django.apps import AppConfig


class SupportConfig(AppConfig):
    """Participation support: intake pages, follow-up cases, audit, reports."""

    name = "support"
    verbose_name = "Participation support"
    default_auto_field = "django.db.models.BigAutoField"
