"""manage.py import_places FILE.csv [--dry-run] [--kind SLUG] [--id-prefix TEXT]: places from
the portal's own CSV format or the national 公共施設一覧 layout (recognised from the header)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from places.csv_format import COLUMNS
from places.importing import PlaceImportError, decode, import_rows, parse_rows
from places.models import PlaceKind


class Command(BaseCommand):
    help = (
        "Import places from FILE (UTF-8 or Shift_JIS/CP932), matched by external_id. "
        f"Columns: {', '.join(COLUMNS)}. A file in the national 公共施設一覧 layout (what "
        "/opendata/facilities.csv writes) is recognised from its header: its NO is the "
        "external_id, new places take the kind given with --kind and the district whose hub "
        "is nearest. Lines with problems are reported and skipped; a fatal problem imports "
        "nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; change nothing."
        )
        parser.add_argument(
            "--kind",
            help="公共施設一覧 files: the kind (a slug of 場所の種類) of the places the file adds.",
        )
        parser.add_argument(
            "--id-prefix",
            default="",
            help="公共施設一覧 files: put before each NO to make the external_id, so that two "
            "files numbered from 1 do not overwrite each other (e.g. --id-prefix kominkan-).",
        )

    def handle(self, *args, file, dry_run, kind, id_prefix, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file.")
        place_kind = None
        if kind:
            place_kind = PlaceKind.objects.filter(slug=kind).first()
            if place_kind is None:
                known = ", ".join(PlaceKind.objects.values_list("slug", flat=True))
                raise CommandError(f"--kind {kind}: not a kind of place ({known}).")
        try:
            rows, rejected = parse_rows(
                decode(file.read_bytes()), kind=place_kind, id_prefix=id_prefix
            )
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
