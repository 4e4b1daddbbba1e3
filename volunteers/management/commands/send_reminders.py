"""manage.py send_reminders: mail confirmed volunteers the day before their shift."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from volunteers.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Mail every confirmed volunteer whose shift is tomorrow (Asia/Tokyo). Each person is "
        "reminded once, however often this runs: run it daily from cron, e.g. at 9:00. The mails "
        "go through the outbox (send_outbox sends them)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Act as if today were this date (YYYY-MM-DD), e.g. to catch up a missed day.",
        )

    def handle(self, *args, today=None, **options):
        date = None
        if today:
            try:
                date = dt.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError("--today must be a date like 2026-12-08.") from error
        sent = send_reminders(date)
        self.stdout.write(f"Reminders: {sent} queued.")
