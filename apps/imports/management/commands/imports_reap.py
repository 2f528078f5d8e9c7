from django.conf import settings
from django.core.management.base import BaseCommand

from apps.imports.runs import import_jobs_reap


class Command(BaseCommand):
    help = ("Mark as failed the checks and imports whose background worker stopped (no heartbeat for "
            "IMPORT_WORKER_TIMEOUT_SECONDS): nothing of them was written, and their page offers a retry. "
            "Run it from cron, e.g. every five minutes; a job's page does the same when it is viewed.")

    def handle(self, *args, **options):
        reaped = import_jobs_reap()
        self.stdout.write(f"Marked {reaped} import(s) whose worker stopped as failed "
                          f"(timeout {settings.IMPORT_WORKER_TIMEOUT_SECONDS} s).")
