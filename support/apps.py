from django.apps import AppConfig


class SupportConfig(AppConfig):
    """Participation support: intake pages and follow-up cases (empty until its issue)."""

    name = "support"
