"""Background stages of large imports (run by ``manage.py db_worker``)."""

from django.tasks import task

from .models import ImportJob


@task
def run_import_stage(job_id: int, stage: str):
    from .services import import_check, import_commit

    job = ImportJob.objects.select_related("created_by", "area").get(pk=job_id)
    if stage == "check":
        import_check(job=job)
    else:
        import_commit(job=job)
    return job.status
