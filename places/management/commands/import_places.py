"""manage.py import_places FILE.csv [--dry-run]: places from the portal's own CSV format."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from places.csv_format import COLUMNS
from places.importing import PlaceImportError, decode, import_rows, parse_rows


class Command(BaseCommand):
    help = (
        "Import places from FILE (UTF-8 or Shift_JIS/CP932), matched by external_id. "
        f"Columns: {', '.join(COLUMNS)}. Lines with problems are reported and skipped; "
        "a fatal problem imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; change nothing."
        )

    def handle(self, *args, file, dry_run, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file.")
        try:
            rows, rejected = parse_rows(decode(file.read_bytes()))
        except PlaceImportError as error:
            raise CommandError(f"{file}: nothing was imported. {error}") from None
        with tqdm(total=len(rows), disable=options["verbosity"] < 1, unit="place") as bar:
            report = import_rows(rows, dry_run=dry_run, progress=lambda row: bar.update())
        for row in rejected:
            self.stderr.write(self.style.WARNING(str(row)))
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created} places {verb} created, {report.updated} updated, "
                f"{len(rejected)} lines rejected."
            )
        )
