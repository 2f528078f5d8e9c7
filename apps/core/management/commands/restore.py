from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from apps.core.backup.archive import BackupError
from apps.core.backup.services import backup_restore


class Command(BaseCommand):
    help = ("Restore an archive written by `backup` into an empty database (no tables, or a freshly "
            "migrated unused schema) and an empty media directory.")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The .gzbak archive.")
        parser.add_argument("--yes", action="store_true",
                            help="Overwrite files in a non-empty media directory (the database must still be empty).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, path, yes, database, **options):
        try:
            result = backup_restore(path=path, using=database, overwrite_media=yes)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            f"Restored {path} (made {manifest['created_at']}, commit {manifest['app']['commit'] or 'unknown'}): "
            f"{len(manifest['tables'])} tables, {manifest['rows_total']:,} rows (counts match the manifest); "
            f"{result.media_files} media files ({result.media_replaced} replaced existing files)."
        )
        if result.pending_migrations:
            self.stdout.write(f"This code has {result.pending_migrations} migrations the archive lacks: "
                              "run `manage.py migrate` next.")
