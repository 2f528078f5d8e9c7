"""The database half of a backup: a consistent snapshot file and its restore, per vendor.

SQLite: Python's ``sqlite3`` backup API copies the live database in one step (holding a read
lock, so writers in WAL mode carry on and the copy is one consistent state); restore copies
the snapshot into the target the same way, so SQLite's own locking and WAL stay in charge.

PostgreSQL: a REPEATABLE READ transaction exports its snapshot and ``pg_dump --snapshot``
dumps exactly that state, so the row counts and migrations in the manifest describe the
dump; ``pg_restore --single-transaction`` loads it all or nothing. Connection parameters
come from Django's settings; the password goes in ``PGPASSWORD``, never on a command line
(other users can read command lines in ``ps``).
"""

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import transaction

from .archive import BackupError

# Tables that `migrate` itself fills, so a freshly migrated database still counts as empty:
# Django's bookkeeping, and the defaults the apps create in post_migrate receivers (the
# `defaults.py` modules). tests/backup/test_round_trip.py fails when a new default appears.
_BOOKKEEPING_TABLES = {"django_migrations", "django_content_type", "auth_permission"}
MIGRATE_DEFAULT_MODELS = ("organizations.ServiceDomain", "procurement.CatalogueItem", "volunteers.StarThreshold",
                          "holidays.HolidayYear", "holidays.HolidayDay")

# libpq reads these from the environment; Django passes them as OPTIONS.
_LIBPQ_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
                  "sslkey": "PGSSLKEY", "passfile": "PGPASSFILE", "service": "PGSERVICE"}


@dataclass
class Snapshot:
    path: Path
    arcname: str
    vendor: str
    server_version: str
    tables: dict[str, int]
    applied_migrations: list[tuple[str, str]]


class NotEmpty(BackupError):
    pass


def snapshot(connection, workdir: Path) -> Snapshot:
    if connection.in_atomic_block:
        # A snapshot taken inside a transaction would miss (PostgreSQL) or include (SQLite)
        # its uncommitted rows.
        raise BackupError("A backup cannot be taken inside a transaction.")
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return _sqlite_snapshot(connection, workdir / "database.sqlite3")
    if connection.vendor == "postgresql":
        return _pg_snapshot(connection, workdir / "database.pgdump")
    raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def _sqlite_snapshot(connection, path: Path) -> Snapshot:
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)  # pages=-1: one step, one consistent state
        cursor = target.cursor()
        tables = [row[0] for row in cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        counts = {table: cursor.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}
        migrations = _applied_migrations(cursor, tables)
    finally:
        target.close()
    return Snapshot(path, path.name, "sqlite", sqlite3.sqlite_version, counts, migrations)


def _pg_snapshot(connection, path: Path) -> Snapshot:
    server_major = connection.pg_version // 10000
    pg_dump = pg_tool("pg_dump", server_major)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot_id, server_version = cursor.fetchone()
        tables = sorted(connection.introspection.table_names(cursor))
        counts = _count_rows(connection, cursor, tables)
        migrations = _applied_migrations(cursor, tables)
        # The transaction stays open while pg_dump runs: the exported snapshot lives as long as it.
        # Uncompressed: the archive's gzip compresses everything once.
        _run([pg_dump, "--format=custom", "--compress=0", f"--snapshot={snapshot_id}", f"--file={path}",
              *_pg_target(connection.settings_dict)], connection.settings_dict, "pg_dump")
    return Snapshot(path, path.name, "postgresql", server_version, counts, migrations)


def _count_rows(connection, cursor, tables) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _applied_migrations(cursor, tables) -> list[tuple[str, str]]:
    if "django_migrations" not in tables:
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return [(app, name) for app, name in cursor.fetchall()]


def table_counts(connection) -> dict[str, int]:
    with connection.cursor() as cursor:
        return _count_rows(connection, cursor, sorted(connection.introspection.table_names(cursor)))


def ensure_empty(connection):
    """Refuse a target that holds anything but what `migrate` makes by itself.

    A database with no tables, or a freshly migrated one (rows only in the tables above),
    may be restored into; anything else might be someone's data, and restore never
    overwrites data.
    """
    allowed = _BOOKKEEPING_TABLES | {apps.get_model(label)._meta.db_table for label in MIGRATE_DEFAULT_MODELS}
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        holding = {table: count for table, count in
                   _count_rows(connection, cursor, [t for t in tables if t not in allowed]).items() if count}
    if holding:
        sample = ", ".join(f"{table} ({count})" for table, count in sorted(holding.items())[:5])
        raise NotEmpty(
            f"The target database {connection.settings_dict['NAME']!s} is not empty: rows in {len(holding)} "
            f"table(s), e.g. {sample}. Restore only into a new database (or one with a freshly migrated, "
            "unused schema)."
        )


def restore(connection, path: Path):
    """Load the snapshot at ``path`` into the (checked empty) database of ``connection``."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)  # replaces every page of the target
        finally:
            source.close()
        return
    pg_restore = pg_tool("pg_restore", connection.pg_version // 10000)
    _drop_migrated_schema(connection)
    # --no-owner/--no-acl: the new server's roles need not match the old one's.
    _run([pg_restore, "--no-owner", "--no-acl", "--single-transaction", "--exit-on-error",
          *_pg_target(connection.settings_dict), str(path)], connection.settings_dict, "pg_restore")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # pg_restore leaves no planner statistics behind


def _drop_migrated_schema(connection):
    """A freshly migrated target has the tables the dump is about to create: drop them first
    (they hold only migrate's own rows, ensure_empty() checked)."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if tables:
            cursor.execute("DROP TABLE " + ", ".join(connection.ops.quote_name(t) for t in tables) + " CASCADE")


def pg_tool(name: str, server_major: int) -> str:
    """The client tool of the server's major version (Debian keeps one per version under
    /usr/lib/postgresql), else the one on PATH if it is at least as new as the server."""
    candidate = Path(f"/usr/lib/postgresql/{server_major}/bin/{name}")
    if candidate.is_file():
        return str(candidate)
    found = shutil.which(name)
    hint = f"install the PostgreSQL {server_major} client tools (Debian: postgresql-client-{server_major})"
    if not found:
        raise BackupError(f"{name} was not found in /usr/lib/postgresql/{server_major}/bin or on PATH: {hint}.")
    version = subprocess.run([found, "--version"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", version)
    if not match or int(match.group(1)) < server_major:
        raise BackupError(f"{found} ({version.strip()}) is older than the server (PostgreSQL {server_major}): {hint}.")
    return found


def _pg_target(settings_dict) -> list[str]:
    args = ["--no-password"]  # never wait for a prompt (cron)
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args.append(f"{option}={settings_dict[key]}")
    return [*args, f"--dbname={settings_dict['NAME']}"]


def _run(command: list[str], settings_dict, label: str):
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    for option, variable in _LIBPQ_OPTIONS.items():
        if settings_dict.get("OPTIONS", {}).get(option):
            env[variable] = str(settings_dict["OPTIONS"][option])
    result = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{label} failed (exit code {result.returncode}): {result.stderr.strip()[-2000:]}")
