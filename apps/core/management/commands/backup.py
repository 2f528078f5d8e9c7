import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from apps.core.backup.archive import BackupError
from apps.core.backup.services import backup_create


class Command(BaseCommand):
    help = ("Write an encrypted archive of the database (consistent snapshot) and the uploaded files "
            "(default: settings.BACKUP_DIR/gongzhi-<time>.gzbak).")

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Archive path (never overwritten).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, output, database, **options):
        started = time.monotonic()
        try:
            result = backup_create(output=output, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            f"Wrote {result.path} ({_size(result.size)}) in {time.monotonic() - started:.1f} s: "
            f"{manifest['database']['vendor']} database, {len(manifest['tables'])} tables, "
            f"{manifest['rows_total']:,} rows; {manifest['media']['files']} media files "
            f"({_size(manifest['media']['bytes'])})."
        )


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
