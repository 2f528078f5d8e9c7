from django.conf import settings
from django.core.management.base import BaseCommand

from apps.imports.files import import_files_purge


class Command(BaseCommand):
    help = ("Delete uploaded import files that are no longer needed: those of ended jobs, those of jobs older than "
            "IMPORT_FILE_RETENTION_HOURS (waiting jobs are cancelled), and files no job names that old. Run it from "
            "cron, e.g. hourly.")

    def handle(self, *args, **options):
        removed = import_files_purge()
        self.stdout.write(f"Removed {removed} import file(s) (retention {settings.IMPORT_FILE_RETENTION_HOURS} h).")
