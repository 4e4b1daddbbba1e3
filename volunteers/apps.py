from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    """Volunteer opportunities, shifts, sign-ups, reminders and the staff roster."""

    name = "volunteers"
    verbose_name = "Volunteering"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save
        from wagtail.models import GroupPagePermission
        from wagtail.signals import page_published

        from .permissions import grant_roster_on_scope, grant_roster_permissions_after_migrate
        from .signals import promote_after_publish

        post_migrate.connect(
            grant_roster_permissions_after_migrate,
            sender=self,
            dispatch_uid="volunteers.grant_roster_permissions",
        )
        post_save.connect(
            grant_roster_on_scope,
            sender=GroupPagePermission,
            dispatch_uid="volunteers.grant_roster_on_scope",
        )
        page_published.connect(promote_after_publish, dispatch_uid="volunteers.promote")
