"""A stage's run (a check or an import) owns its job while it works, and shows it is alive
(issue 14.12).

- Claiming: a run moves the job from a waiting status to the stage's running status in one
  conditional UPDATE. In the request (or from a caller of the services) that is a new attempt;
  a queued task claims only the attempt it was queued for, so a task left in the queue by a
  job cancelled or retried meanwhile does nothing.
- Owning: every later write of the run (progress, the result, the import's final status inside
  its transaction) is conditional on the job still being in that running status with that
  attempt. A run whose job was given up (below), cancelled or retried writes nothing more, and
  an import's transaction is rolled back: a run that only seemed dead cannot write later.
- Heartbeat: while it works, a thread of the run writes ``heartbeat_at`` every
  ``IMPORT_WORKER_TIMEOUT_SECONDS / 6`` seconds on a connection of its own (an import's rows
  are one transaction, whose writes nobody sees before its end); the check's progress updates
  beat too. On SQLite, which has one writer, an import's beats wait for its transaction.
- Giving up: a running job without a beat for ``IMPORT_WORKER_TIMEOUT_SECONDS`` lost its worker
  (killed, out of memory, machine restarted). ``import_jobs_reap`` marks it ``STALLED``: shown as
  failed, nothing written (an import is one transaction), its file kept for a retry. The job's
  page does it when viewed, ``manage.py imports_reap`` from cron for the others.
"""

import datetime
import threading

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from .models import RUNNING_STATUSES, ImportJob, ImportStage, ImportStatus

RUNNING = {ImportStage.CHECK: ImportStatus.CHECKING, ImportStage.COMMIT: ImportStatus.COMMITTING}
WAITING = {ImportStage.CHECK: ImportStatus.QUEUED, ImportStage.COMMIT: ImportStatus.COMMIT_QUEUED}
#: Where a new attempt of a stage may start from (in the request, or a direct call of the service).
STARTS_FROM = {ImportStage.CHECK: [ImportStatus.QUEUED], ImportStage.COMMIT: [ImportStatus.CHECKED]}


class RunLost(Exception):
    """The job is no longer this run's (given up, cancelled or retried): it writes nothing more."""


def heartbeat_interval() -> float:
    return settings.IMPORT_WORKER_TIMEOUT_SECONDS / 6


class Run:
    """One claimed run of a stage; a context manager that keeps the heartbeat while it is open."""

    def __init__(self, job, stage, attempt):
        self.job, self.stage, self.attempt = job, stage, attempt
        self.running_status = RUNNING[stage]
        self._stop, self._lost = threading.Event(), threading.Event()
        self._thread = None

    def _mine(self):
        return ImportJob.objects.filter(pk=self.job.pk, status=self.running_status, attempt=self.attempt)

    def update(self, **fields):
        """Write ``fields`` (and a beat) to the job if it is still this run's; else ``RunLost``."""
        fields.setdefault("heartbeat_at", timezone.now())
        if not self._mine().update(**fields):
            self._lost.set()
            raise RunLost
        for name, value in fields.items():
            setattr(self.job, name, value)

    def check(self):
        """Raise ``RunLost`` if a beat found the job taken away (called between chunks of rows)."""
        if self._lost.is_set():
            raise RunLost

    def _beat(self):
        try:
            while not self._stop.wait(heartbeat_interval()):
                try:
                    if not self._mine().update(heartbeat_at=timezone.now()):
                        self._lost.set()
                        return
                except DatabaseError:
                    pass  # e.g. SQLite's lock, held by this run's own transaction: try again later
        finally:
            connection.close()  # this thread's own connection

    def __enter__(self):
        self._thread = threading.Thread(target=self._beat, name=f"import-heartbeat-{self.job.pk}", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()
        return False


def run_claim(*, job, stage, attempt=None) -> Run | None:
    """Claim ``job`` for a run of ``stage``; None if it is not (or no longer) there to claim.

    ``attempt``: the one a queued task was queued for; None for a new attempt in this process."""
    if attempt is None:
        sources, expected, new = STARTS_FROM[stage], job.attempt, job.attempt + 1
    else:
        sources, expected, new = [WAITING[stage]], attempt, attempt
    now = timezone.now()
    claimed = ImportJob.objects.filter(pk=job.pk, status__in=sources, attempt=expected).update(
        status=RUNNING[stage], stage=stage, attempt=new, heartbeat_at=now)
    if not claimed:
        return None
    job.status, job.stage, job.attempt, job.heartbeat_at = RUNNING[stage], stage, new, now
    return Run(job, stage, new)


def run_queue(*, job, stage, from_statuses) -> int | None:
    """Move ``job`` to the stage's waiting status as a new attempt (None if it changed meanwhile);
    the caller enqueues the task with the attempt returned."""
    new = job.attempt + 1
    queued = ImportJob.objects.filter(pk=job.pk, status__in=from_statuses, attempt=job.attempt).update(
        status=WAITING[stage], stage=stage, attempt=new, heartbeat_at=None, finished_at=None, message="")
    if not queued:
        return None
    job.status, job.stage, job.attempt, job.heartbeat_at, job.finished_at, job.message = (
        WAITING[stage], stage, new, None, None, "")
    return new


def _dead(now=None):
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.IMPORT_WORKER_TIMEOUT_SECONDS)
    return ImportJob.objects.filter(status__in=RUNNING_STATUSES, heartbeat_at__lt=cutoff)


def import_jobs_reap(*, now=None) -> int:
    """Give up every running job whose worker stopped; return how many."""
    now = now or timezone.now()
    return _dead(now).update(status=ImportStatus.STALLED, finished_at=now, message="")


def import_job_reap(*, job) -> ImportJob:
    """``job``, given up if its worker stopped (the page shows it so). Writes only then, so the
    page of a job at work, reloaded every few seconds, stays a read."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.IMPORT_WORKER_TIMEOUT_SECONDS)
    if job.status in RUNNING_STATUSES and job.heartbeat_at is not None and job.heartbeat_at < cutoff:
        _dead().filter(pk=job.pk).update(status=ImportStatus.STALLED, finished_at=timezone.now(), message="")
        job.refresh_from_db()
    return job
