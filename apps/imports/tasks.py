"""Background stages of large imports (run by ``manage.py db_worker``)."""

import logging

from django.tasks import task
from django.utils import timezone

from .models import ImportJob, ImportStatus
from .runs import RUNNING

logger = logging.getLogger(__name__)


@task
def run_import_stage(job_id: int, stage: str, attempt: int | None = None):
    """Run ``stage`` of the job for the ``attempt`` it was queued for. A task whose job was
    cancelled or retried meanwhile does nothing."""
    from .services import import_check, import_commit

    job = ImportJob.objects.select_related("created_by", "area").filter(pk=job_id).first()
    if job is None:
        return None
    if attempt is None:  # queued by the code before attempts (migration 0003): the job's first
        attempt = job.attempt
    try:
        if stage == "check":
            job = import_check(job=job, attempt=attempt)
        else:
            job = import_commit(job=job, attempt=attempt)
    except Exception:
        # Nothing was written (an import is one transaction); the clerk sees the job stopped
        # now rather than when its heartbeat runs out, and may retry it. The task keeps the trace.
        logger.exception("Import job %s stopped in its %s stage", job_id, stage)
        ImportJob.objects.filter(pk=job_id, status=RUNNING.get(stage), attempt=job.attempt).update(
            status=ImportStatus.STALLED, finished_at=timezone.now())
        raise
    return job.status
