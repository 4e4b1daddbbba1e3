"""manage.py create_demo_admin: a superuser for trying the portal on a laptop."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create the demo administrator 'admin' with a generated password, printed once. "
        "If it exists already, nothing changes (use --reset to print a new password)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--reset", action="store_true", help="Give it a new password.")

    def handle(self, *args, username, reset, **options):
        if not settings.DEMO_SITE:
            raise CommandError(
                "create_demo_admin is for the laptop demo only (portal.settings.dev, `make run`)."
            )
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None and not reset:
            self.stdout.write(
                f"Demo administrator {username} exists already; its password was printed when it "
                "was created (run `manage.py create_demo_admin --reset` for a new one)."
            )
            return
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User.objects.create_superuser(username=username, email="", password=password)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        self.stdout.write(self.style.SUCCESS(f"Demo administrator: {username} / {password}"))
