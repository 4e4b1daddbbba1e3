from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class SupportConfig(AppConfig):
    """Participation support: intake pages, follow-up cases, audit, reports."""

    name = "support"
    verbose_name = "Participation support"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.models import DistrictPage

        from .permissions import after_migrate, district_page_saved

        post_save.connect(
            district_page_saved, sender=DistrictPage, dispatch_uid="support-district-roles"
        )
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="support-roles")
