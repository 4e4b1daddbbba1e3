from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The ground every feature stands on; it imports no other app of ours."""

    name = "portal"
    verbose_name = "Portal"
