"""manage.py purge_expired_cases [--dry-run]: anonymise cases past their retention period."""

from django.core.management.base import BaseCommand

from support.conf import retention_days
from support.purge import purge_expired_cases


class Command(BaseCommand):
    help = (
        "Anonymise participation-support cases closed or withdrawn longer ago than "
        "SUPPORT_RETENTION_DAYS (default five years): personal fields are replaced, the "
        "figures reports need are kept. Idempotent; run it daily from cron. "
        "--dry-run only lists the references that would be anonymised."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Change nothing; list what would be done."
        )

    def handle(self, *args, dry_run, **options):
        references = purge_expired_cases(dry_run=dry_run)
        days = retention_days()
        if dry_run:
            self.stdout.write(
                f"Dry run: {len(references)} case(s) closed more than {days} days ago "
                "would be anonymised."
            )
            for reference in references:
                self.stdout.write(f"  {reference}")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(references)} case(s) closed more than {days} days ago anonymised."
            )
        )
