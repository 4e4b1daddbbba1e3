"""manage.py backup DIR [--force]: the database and media files into a new directory."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import backup


class Command(BaseCommand):
    help = (
        "Back up the database and the media files into DIR (created; it must be new or empty "
        "unless --force). SQLite is copied with its online backup API and PostgreSQL with "
        "pg_dump --format=custom, both consistent while the site keeps running; media are "
        "copied from MEDIA_ROOT (media on object storage are left to the bucket's versioning). "
        "DIR/manifest.json, written last, records the time, the engine, the migrations and "
        "the rows of every table. Restore with `manage.py restore DIR`."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, metavar="DIR")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Back up into DIR even if it is not empty, replacing a backup there.",
        )

    def handle(self, *args, directory, force, **options):
        try:
            report = backup.backup(directory, force=force, alias=options.get("database", "default"))
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        manifest = report.manifest
        rows = sum(manifest["row_counts"].values())
        media = manifest["media"]
        media_text = (
            f"{media['files']} media files ({media['bytes']:,} bytes)"
            if media["included"]
            else "no media (object storage)"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {manifest['engine']} database ({len(manifest['row_counts'])} "
                f"tables, {rows:,} rows) and {media_text} into {directory}."
            )
        )
