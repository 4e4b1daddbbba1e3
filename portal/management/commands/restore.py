"""manage.py restore DIR [--no-input]: put back a backup made by `manage.py backup`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from portal import backup


class Command(BaseCommand):
    help = (
        "Replace the database and the media files with the backup in DIR (made by "
        "`manage.py backup`), then compare every table's rows with the backup's manifest. "
        "Stop the web server and the workers first. SQLite is written back with its backup "
        "API, PostgreSQL with pg_restore --clean --single-transaction (all or nothing). "
        "Asks for confirmation unless --no-input."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, metavar="DIR")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, directory, interactive, **options):
        alias = "default"
        try:
            manifest = backup.read_manifest(directory)
            backup.check_restorable(manifest, alias)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None

        database = connections[alias].settings_dict["NAME"]
        media = manifest.get("media", {})
        what = "the database" + (
            f" and every file in {backup.media_location()}"
            if media.get("included") and backup.media_location() is not None
            else ""
        )
        if interactive:
            answer = input(
                f"This replaces {what} ({manifest['engine']}: {database}) with the backup of "
                f"{manifest.get('created', '?')} in {directory}.\n"
                "Everything written since is lost. Type 'yes' to continue, or 'no' to cancel: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled: nothing was changed.")

        try:
            report = backup.restore(directory, manifest, alias=alias)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if report.mismatches:
            lines = "\n".join(
                f"  {label}: {expected} in the backup, {actual} now"
                for label, (expected, actual) in sorted(report.mismatches.items())
            )
            raise CommandError(
                f"The backup of {manifest.get('created', '?')} was restored, but "
                f"{len(report.mismatches)} tables do not hold the rows the manifest counts:\n"
                f"{lines}\nCheck that nothing wrote to the database during the restore (stop "
                "the web server and workers) and restore again."
            )
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest.get('created', '?')}: "
                f"{len(manifest['row_counts'])} tables, {rows:,} rows, as counted at backup"
                + (", and the media files." if report.media_restored else ".")
            )
        )
