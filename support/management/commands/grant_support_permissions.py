"""manage.py grant_support_permissions: the case roles for the district and coordinator groups."""

from django.core.management.base import BaseCommand

from support.permissions import grant_support_permissions


class Command(BaseCommand):
    help = (
        "Give each district staff group the roles to view, open and work its district's "
        "participation-support cases, and the coordinators group those plus coordination, the "
        "audit log and the notification addresses. Runs by itself after migrate and when "
        "districts are loaded; safe to run again (it only adds)."
    )

    def handle(self, *args, **options):
        groups, coordinators = grant_support_permissions()
        self.stdout.write(
            f"Support roles given to {groups} district group(s)"
            + (" and the coordinators." if coordinators else "; no coordinators group yet.")
        )
