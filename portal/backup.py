"""Backup and restore of the database and the media files (`manage.py backup` / `restore`).

A backup is a directory:

- ``database.sqlite3`` (SQLite, copied with the sqlite3 online backup API) or
  ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``);
- ``media/``, a copy of MEDIA_ROOT (only when media live on the file system: object storage
  is backed up by its own versioning);
- ``manifest.json``, written last, so a directory without one is an unfinished backup. It
  records when and from which engine the backup was made, the Django version and the applied
  migrations, and the number of rows of every model's table.

The row counts are taken from exactly what was backed up (the copied SQLite file, or the
snapshot pg_dump reads), so they match the backup even while the site keeps writing; a
restore compares the restored database with them.

Models are found through ``django.apps``: this module names no app of ours.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.apps import apps
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MEDIA_DIR = "media"
FORMAT = 1
ENGINES = {
    "django.db.backends.sqlite3": "sqlite",
    "django.db.backends.postgresql": "postgresql",
}
#: The files a backup writes into its directory (what --force replaces).
BACKUP_NAMES = (MANIFEST, SQLITE_FILE, POSTGRES_FILE, MEDIA_DIR)


class BackupError(Exception):
    """A problem the person running the command can fix; the message says how."""


# --- What is in the database ---------------------------------------------------------


def model_tables() -> dict[str, str]:
    """{"app_label.Model": table} of every installed, managed, concrete model (m2m tables too)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            tables[meta.label] = meta.db_table
    return dict(sorted(tables.items()))


def existing_tables(cursor, engine: str) -> set[str]:
    """The tables the database has (a model whose migration has not run has none)."""
    if engine == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    else:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = ANY(current_schemas(false))"
        )
    return {row[0] for row in cursor.fetchall()}


def count_rows(cursor, engine: str, tables: dict[str, str], quote) -> dict[str, int]:
    """Rows per model, for the models whose table exists."""
    present = existing_tables(cursor, engine)
    counts = {}
    for label, table in tables.items():
        if table in present:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[label] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor) -> dict[str, list[str]]:
    """{app: [migration names]} from django_migrations, in the order they were applied."""
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _quote_sqlite(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- The database connection ---------------------------------------------------------------


def engine_of(alias: str = "default") -> str:
    engine = connections[alias].settings_dict["ENGINE"]
    try:
        return ENGINES[engine]
    except KeyError:
        raise BackupError(
            f"The database engine {engine} is not supported: backup and restore handle "
            "SQLite and PostgreSQL."
        ) from None


def sqlite_path(alias: str = "default") -> Path:
    name = str(connections[alias].settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError(f"The SQLite database {name} is not a file: nothing to back up.")
    return Path(name)


def postgres_environment(alias: str = "default") -> dict[str, str]:
    """libpq's environment for pg_dump/pg_restore: the password never goes on a command line."""
    settings_dict = connections[alias].settings_dict
    env = {**os.environ}
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        value = settings_dict.get(key)
        if value:
            env[variable] = str(value)
        else:
            env.pop(variable, None)
    options = settings_dict.get("OPTIONS") or {}
    for variable, key in (
        ("PGSSLMODE", "sslmode"),
        ("PGSSLROOTCERT", "sslrootcert"),
        ("PGSSLCERT", "sslcert"),
        ("PGSSLKEY", "sslkey"),
        ("PGSERVICE", "service"),
        ("PGPASSFILE", "passfile"),
    ):
        if options.get(key):
            env[variable] = str(options[key])
    return env


def postgres_program(name: str) -> str:
    """pg_dump or pg_restore: from PG_BIN_DIR when set, else the PATH."""
    bin_dir = os.environ.get("PG_BIN_DIR")
    if bin_dir:
        program = Path(bin_dir) / name
        if program.exists():
            return str(program)
        raise BackupError(f"{program} does not exist: check PG_BIN_DIR.")
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client of the server's version "
            "(e.g. apt-get install postgresql-client-15), or set PG_BIN_DIR to its bin directory."
        )
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(
            f"{Path(command[0]).name} failed (exit code {result.returncode}):\n"
            f"{result.stderr.strip() or result.stdout.strip()}"
        )


# --- Media ------------------------------------------------------------------------------------


def media_location() -> Path | None:
    """MEDIA_ROOT when the default storage is the file system; None for object storage."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location)
    return None


def _tree_size(root: Path) -> tuple[int, int]:
    files = size = 0
    for path in root.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return files, size


# --- Backup -----------------------------------------------------------------------------------


@dataclass
class BackupReport:
    directory: Path
    manifest: dict
    warnings: list[str] = field(default_factory=list)


def prepare_directory(directory: Path, *, force: bool) -> None:
    """Create DIR, or accept an empty one; a non-empty one only with force (our files replaced)."""
    if directory.exists() and not directory.is_dir():
        raise BackupError(
            f"{directory} is a file, not a directory: give a directory to back up to."
        )
    if directory.is_dir() and any(directory.iterdir()):
        if not force:
            raise BackupError(
                f"{directory} is not empty: give a new or empty directory, or add --force to "
                "overwrite the backup in it."
            )
        for name in BACKUP_NAMES:
            path = directory / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"Cannot create {directory}: {error.strerror}.") from None
    if not os.access(directory, os.W_OK):
        raise BackupError(f"Cannot write to {directory}: check its owner and permissions.")


def backup(directory: Path, *, force: bool = False, alias: str = "default") -> BackupReport:
    """Back up the database and media into `directory` (see the module docstring)."""
    engine = engine_of(alias)
    prepare_directory(directory, force=force)
    tables = model_tables()
    if engine == "sqlite":
        database_file, counts, migrations = _backup_sqlite(directory, tables, alias)
    else:
        database_file, counts, migrations = _backup_postgres(directory, tables, alias)

    warnings = []
    location = media_location()
    if location is None:
        media = {
            "included": False,
            "reason": "object storage: backed up by the bucket's own versioning",
        }
        warnings.append(
            "Media are on object storage, not in this backup: the bucket's own versioning "
            "(or replication) backs them up. Only the database was backed up."
        )
    else:
        target = directory / MEDIA_DIR
        if location.is_dir():
            shutil.copytree(location, target, symlinks=True)
        else:
            target.mkdir()
        files, size = _tree_size(target)
        media = {"included": True, "files": files, "bytes": size}

    manifest = {
        "format": FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "database_file": database_file,
        "django_version": django.get_version(),
        "migrations": migrations,
        "tables": {label: tables[label] for label in counts},
        "row_counts": counts,
        "media": media,
    }
    # Written last and renamed into place: a directory with a manifest holds a whole backup.
    partial = directory / (MANIFEST + ".partial")
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    partial.replace(directory / MANIFEST)
    return BackupReport(directory, manifest, warnings)


def _backup_sqlite(directory: Path, tables: dict[str, str], alias: str):
    source_path = sqlite_path(alias)
    if not source_path.exists():
        raise BackupError(f"The database file {source_path} does not exist: nothing to back up.")
    target_path = directory / SQLITE_FILE
    # The online backup API copies a consistent snapshot while other connections keep
    # reading and writing (WAL); a separate connection keeps Django's own untouched.
    source = sqlite3.connect(source_path, timeout=20)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        source.close()
    try:
        cursor = target.cursor()
        counts = count_rows(cursor, "sqlite", tables, _quote_sqlite)
        migrations = applied_migrations(cursor)
    finally:
        target.close()
    return SQLITE_FILE, counts, migrations


def _backup_postgres(directory: Path, tables: dict[str, str], alias: str):
    wrapper = connections[alias]
    env = postgres_environment(alias)
    pg_dump = postgres_program("pg_dump")
    # A connection of our own holds a REPEATABLE READ snapshot, exported to pg_dump: the row
    # counts are those of exactly the data pg_dump writes, even while the site keeps writing.
    raw = wrapper.get_new_connection(wrapper.get_connection_params())
    try:
        raw.autocommit = True
        cursor = raw.cursor()
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = count_rows(cursor, "postgresql", tables, wrapper.ops.quote_name)
        migrations = applied_migrations(cursor)
        _run(
            [
                pg_dump,
                "--format=custom",
                "--no-password",
                f"--snapshot={snapshot}",
                f"--file={directory / POSTGRES_FILE}",
            ],
            env,
        )
        cursor.execute("COMMIT")
    finally:
        raw.close()
    return POSTGRES_FILE, counts, migrations


# --- Restore ----------------------------------------------------------------------------------


def read_manifest(directory: Path) -> dict:
    """The backup's manifest; a clear error when DIR is not a complete backup."""
    if not directory.is_dir():
        raise BackupError(f"{directory} does not exist or is not a directory.")
    path = directory / MANIFEST
    if not path.exists():
        raise BackupError(
            f"{directory} has no {MANIFEST}: it is not a complete backup made by "
            "`manage.py backup` (the manifest is written last). Nothing was restored."
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{path} cannot be read ({error}). Nothing was restored.") from None
    missing = {"format", "engine", "database_file", "row_counts", "tables"} - set(manifest)
    if missing:
        raise BackupError(f"{path} lacks {', '.join(sorted(missing))}. Nothing was restored.")
    if manifest["format"] != FORMAT:
        raise BackupError(f"{path} has format {manifest['format']}; this portal reads {FORMAT}.")
    if not (directory / manifest["database_file"]).is_file():
        raise BackupError(
            f"{directory / manifest['database_file']} is missing: the backup is incomplete. "
            "Nothing was restored."
        )
    return manifest


def check_restorable(manifest: dict, alias: str = "default") -> None:
    engine = engine_of(alias)
    if manifest["engine"] != engine:
        raise BackupError(
            f"This is a backup of a {manifest['engine']} database, but DATABASE_URL points at "
            f"{engine}: restore into the same kind of database (to move between them, use "
            "dumpdata and loaddata). Nothing was restored."
        )


def migration_notes(manifest: dict) -> list[str]:
    """What differs between the backup's migrations and this code's (warnings for the report)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    on_disk = set(loader.disk_migrations)
    # The graph has squashed migrations in place of those they replace: what `migrate`
    # records on a fresh database.
    needed = set(loader.graph.nodes)
    in_backup = {
        (app, name) for app, names in manifest.get("migrations", {}).items() for name in names
    }
    notes = []
    newer = sorted(in_backup - on_disk)
    if newer:
        notes.append(
            "The backup has migrations this code does not know (made by a newer version of the "
            "portal?): " + ", ".join(f"{app}.{name}" for app, name in newer[:10])
        )
    missing = sorted(needed - in_backup)
    if missing:
        notes.append(
            f"{len(missing)} migrations of this code are not in the backup: run "
            "`manage.py migrate` after the restore."
        )
    return notes


@dataclass
class RestoreReport:
    manifest: dict
    mismatches: dict[str, tuple[int | None, int | None]]
    media_restored: bool
    warnings: list[str] = field(default_factory=list)


def restore(directory: Path, manifest: dict, *, alias: str = "default") -> RestoreReport:
    """Replace the database and media with the backup's; then compare the row counts."""
    check_restorable(manifest, alias)
    warnings = migration_notes(manifest)
    source = directory / manifest["database_file"]
    # Django's connections are closed first: the restore swaps the data under them.
    connections.close_all()
    if manifest["engine"] == "sqlite":
        _restore_sqlite(source, alias)
    else:
        _restore_postgres(source, alias)

    media_restored = False
    media = manifest.get("media", {})
    if media.get("included"):
        location = media_location()
        if location is None:
            warnings.append(
                "The backup holds media files but the media are now on object storage: "
                f"upload {directory / MEDIA_DIR} to the bucket yourself."
            )
        else:
            _replace_tree(directory / MEDIA_DIR, location)
            media_restored = True
    else:
        warnings.append(
            "The backup holds no media (object storage): restore them from the bucket's "
            "versioning if needed."
        )

    _clear_caches(warnings)
    actual = _count_live(manifest["tables"], alias)
    mismatches = {
        label: (expected, actual.get(label))
        for label, expected in manifest["row_counts"].items()
        if actual.get(label) != expected
    }
    return RestoreReport(manifest, mismatches, media_restored, warnings)


def _restore_sqlite(source: Path, alias: str) -> None:
    target_path = sqlite_path(alias)
    # Read-only: a restore never changes the backup. as_uri() escapes "?" and "#" in the path.
    backup_db = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        result = backup_db.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"{source} is damaged ({result}). Nothing was restored.")
        target_path.parent.mkdir(parents=True, exist_ok=True)
        # The backup API writes the whole file into the live database in one step, under
        # its lock, so a process still connected sees the old or the new data, never a mix.
        live = sqlite3.connect(target_path, timeout=20)
        try:
            backup_db.backup(live)
        finally:
            live.close()
    finally:
        backup_db.close()


def _restore_postgres(source: Path, alias: str) -> None:
    env = postgres_environment(alias)
    database = connections[alias].settings_dict["NAME"]
    _run(
        [
            postgres_program("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--no-password",
            f"--dbname={database}",
            str(source),
        ],
        env,
    )


def _replace_tree(source: Path, target: Path) -> None:
    """Make `target` hold exactly what `source` holds; `target` itself is kept (it may be a
    mount point or have its own owner and permissions)."""
    target.mkdir(parents=True, exist_ok=True)
    for child in target.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if source.is_dir():
        shutil.copytree(source, target, symlinks=True, dirs_exist_ok=True)


def _clear_caches(warnings: list[str]) -> None:
    # Cached pages and counts describe the database before the restore.
    from django.core.cache import caches

    for cache in caches.all():
        try:
            cache.clear()
        except Exception as error:  # a cache that is down is no reason to fail the restore
            warnings.append(f"Could not clear the cache {cache!r}: {type(error).__name__}.")


def _count_live(tables: dict[str, str], alias: str) -> dict[str, int]:
    wrapper = connections[alias]
    with wrapper.cursor() as cursor:
        return count_rows(cursor, engine_of(alias), tables, wrapper.ops.quote_name)
