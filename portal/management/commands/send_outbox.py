"""manage.py send_outbox: send the mail that is due, retrying failures with backoff."""

from django.core.management.base import BaseCommand

from portal.outbox import send_due


class Command(BaseCommand):
    help = (
        "Send every outbox mail that is due (new, or failed earlier and due for a retry). "
        "Run it every minute from cron or a systemd timer; running it twice at once is safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="At most this many mails.")

    def handle(self, *args, limit, **options):
        sent, failed = send_due(limit)
        self.stdout.write(f"Outbox: {sent} sent, {failed} failed (will be retried).")
