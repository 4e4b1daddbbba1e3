"""manage.py load_districts [FILE]: load a municipality's districts from a CSV file."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.districts import COLUMNS, DistrictFileError, load_districts, parse_districts, read_text


class Command(BaseCommand):
    help = (
        "Create or update one district page per line of FILE (default: settings.DISTRICTS_FILE, "
        "Matsumoto's 35 districts), with English translations and one staff group per district. "
        f"Columns: {', '.join(COLUMNS)}. Nothing is written if any line is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=None)

    def handle(self, *args, file=None, **options):
        path = file or settings.DISTRICTS_FILE
        if not path.exists():
            raise CommandError(f"{path}: no such file.")
        try:
            rows = parse_districts(read_text(path))
        except DistrictFileError as error:
            raise CommandError(
                f"{path}: nothing was loaded; fix these and run again:\n"
                + "\n".join(f"  {problem}" for problem in error.problems)
            ) from None
        report = load_districts(rows)
        self.stdout.write(
            self.style.SUCCESS(
                f"Districts: {len(report.created)} created, {len(report.updated)} updated "
                f"from {path.name}."
            )
        )
        if report.not_in_file:
            self.stdout.write(
                self.style.WARNING(
                    "On the site but not in the file (left unchanged): "
                    + ", ".join(report.not_in_file)
                )
            )
