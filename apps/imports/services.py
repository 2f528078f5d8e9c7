"""Import workflow: upload → check (preview, writes nothing) → import (one transaction).

The check and the import run the same per-row code (``Importer.prepare``); the import also
writes. Any row error during the import rolls the whole file back. The upload request stores
the file and inspects the archive's directory (``inspection``), nothing more: a file whose
content is above ``settings.IMPORT_INLINE_MAX_BYTES`` is counted and parsed only by the
background worker (django.tasks + the database-backed worker); smaller ones run in the request.
Each run owns its job and keeps a heartbeat (``runs``): a job whose worker died is shown failed
and can be retried or cancelled.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.audit.models import AuditAction
from apps.audit.services import audit_event_record

from .files import import_file_delete, import_file_open, import_file_store
from .importers import IMPORTERS
from .importers.base import CellError, RowInvalid
from .inspection import content_bytes
from .models import CANCELLABLE_STATUSES, ENDED_STATUSES, ImportJob, ImportStage, ImportStatus
from .reading import FileFormatError, count_rows, data_rows, too_many_rows
from .runs import RunLost, run_claim, run_queue

#: Errors kept for the preview page; the count is always exact.
MAX_KEPT_ERRORS = 1000
PROGRESS_EVERY = 200


class ImportRejected(Exception):
    """The import found errors and wrote nothing."""


@transaction.atomic
def import_job_create(*, actor, kind, upload) -> ImportJob:
    """Store ``upload`` for a new job. Reads the archive's directory only (its size decides where
    the check runs); the rows are counted by the check."""
    if kind not in IMPORTERS:
        raise ValueError(kind)
    try:
        size = content_bytes(upload, upload.name)
    except FileFormatError:
        size = 0  # the check refuses it again, as cheaply (reading inspects before parsing), with its row-0 error
    job = ImportJob(kind=kind, filename=upload.name[:200], area=actor.area, created_by=actor,
                    language=translation.get_language() or settings.LANGUAGE_CODE, content_bytes=size)
    import_file_store(job=job, upload=upload)  # encrypted at rest
    job.save()
    return job


def runs_in_background(job) -> bool:
    """Rows are unknown before parsing, so the content's size decides: the request never counts
    or parses a file larger than ``IMPORT_INLINE_MAX_BYTES`` (XLSX: uncompressed, so a file that
    compresses well does not slip through)."""
    return job.content_bytes > settings.IMPORT_INLINE_MAX_BYTES


def _error_dict(importer, number, error: CellError):
    return {"row": number, "column": importer.header(error.column), "message": error.message,
            "expected": error.expected}


def _limited(rows):
    """The file's data rows, refusing a file with more than ``IMPORT_MAX_ROWS`` of them."""
    for processed, item in enumerate(rows, start=1):
        if processed > settings.IMPORT_MAX_ROWS:
            raise too_many_rows(settings.IMPORT_MAX_ROWS)
        yield item


def _chunks(rows, size):
    chunk = []
    for item in rows:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _write_chunk(importer, items, add_error):
    """Write a chunk's prepared rows in one savepoint; return the number of the row at fault, or
    None. If the chunk fails, it is written again row by row (``Importer.write``) to name the
    row; the file is rejected either way, so those writes are rolled back with the rest."""
    try:
        with transaction.atomic():
            importer.write_many([prepared for _number, prepared in items])
        return None
    except (ValidationError, DatabaseError) as error:
        failure, at_fault = error, items[0][0]
    if len(items) > 1:
        for number, prepared in items:
            try:
                with transaction.atomic():
                    importer.write(prepared)
            except (ValidationError, DatabaseError) as error:
                failure, at_fault = error, number
                break
    if isinstance(failure, ValidationError):
        for message in failure.messages:
            add_error(at_fault, CellError("", message))
    else:
        add_error(at_fault, CellError("", _("The database refused the row: %(error)s") % {"error": failure}))
    return at_fault


def _walk(run, importer, *, write, report_progress):
    """Prepare (and with ``write`` write) every row; return counts, errors and warnings.

    Rows go through the importer in chunks of ``importer.chunk_rows`` (look-ups and writes per
    chunk, not per row); errors and warnings stay in file order. Between chunks the run checks it
    still owns the job (``RunLost`` otherwise)."""
    job = run.job
    seen, errors, warnings = {}, [], []
    counts = {"valid": 0, "new": 0, "update": 0, "errors": 0, "processed": 0}

    def add_error(number, error):
        counts["errors"] += 1
        if len(errors) < MAX_KEPT_ERRORS:
            errors.append(_error_dict(importer, number, error))

    rows = _limited(data_rows(import_file_open(job), job.filename, importer.columns))
    for chunk in _chunks(rows, importer.chunk_rows):
        run.check()
        before = counts["processed"]
        counts["processed"] += len(chunk)
        if report_progress and counts["processed"] // PROGRESS_EVERY > before // PROGRESS_EVERY:
            run.update(processed_rows=min(counts["processed"], job.total_rows or counts["processed"]))
        to_write = []
        results = importer.prepare_many([raw for _number, raw in chunk])
        for (number, _raw), prepared in zip(chunk, results, strict=True):
            if isinstance(prepared, RowInvalid):
                for error in prepared.errors:
                    add_error(number, error)
                continue
            if prepared.key in seen:
                add_error(number, CellError("", _("Repeats row %(row)d (same record).") % {"row": seen[prepared.key]},
                                            _("each record once per file")))
                continue
            seen[prepared.key] = number
            for warning in prepared.warnings:
                if len(warnings) < MAX_KEPT_ERRORS:
                    warnings.append({"row": number, "message": str(warning)})
            to_write.append((number, prepared))
        at_fault = None
        if write and to_write and not counts["errors"]:
            at_fault = _write_chunk(importer, to_write, add_error)
        for number, prepared in to_write:
            if number != at_fault:
                counts["valid"] += 1
                counts["update" if prepared.existing is not None else "new"] += 1
    return counts, errors, warnings


def _finish(run, status, counts, errors, warnings, message=""):
    """Write the run's result, if the job is still the run's (``RunLost`` otherwise)."""
    job = run.job
    run.update(status=status, errors=errors, warnings=warnings, message=message[:300],
               processed_rows=min(counts.get("processed", 0), job.total_rows),
               valid_rows=counts.get("valid", 0), new_rows=counts.get("new", 0),
               update_rows=counts.get("update", 0), error_count=counts.get("errors", 0),
               finished_at=timezone.now())


def _file_error(error):
    return [{"row": 0, "column": "", "message": str(error), "expected": ""}]


def _ended(job):
    if job.status in ENDED_STATUSES:  # never read again: not kept (apps.imports.files)
        import_file_delete(job)
    return job


def _importer(job):
    return IMPORTERS[job.kind](actor=job.created_by, area=job.area, filename=job.filename)


def _lost(job):
    """What became of a job its run lost (retried, cancelled, given up): the run wrote nothing."""
    job.refresh_from_db()
    return job


def import_check(*, job: ImportJob, attempt=None) -> ImportJob:
    """The preview: every row is validated, nothing is written. ``attempt``: see ``runs.run_claim``."""
    run = run_claim(job=job, stage=ImportStage.CHECK, attempt=attempt)
    if run is None:
        return _lost(job)
    with translation.override(job.language), run:
        try:
            try:
                total = count_rows(import_file_open(job), job.filename, limit=settings.IMPORT_MAX_ROWS)
                run.update(total_rows=total, processed_rows=0)
                counts, errors, warnings = _walk(run, _importer(job), write=False, report_progress=True)
            except FileFormatError as error:
                _finish(run, ImportStatus.INVALID, {"errors": 1}, _file_error(error), [])
                return _ended(job)
            status = ImportStatus.INVALID if counts["errors"] or not counts["valid"] else ImportStatus.CHECKED
            message = "" if counts["valid"] or counts["errors"] else _("The file has no data rows.")
            _finish(run, status, counts, errors, warnings, message)
        except RunLost:
            return _lost(job)
    return _ended(job)


def import_commit(*, job: ImportJob, request=None, attempt=None) -> ImportJob:
    """All or nothing: one transaction; a single bad row rolls back every row of the file. The
    job's final status is written in the same transaction, only if the run still owns the job:
    otherwise every row is rolled back too."""
    run = run_claim(job=job, stage=ImportStage.COMMIT, attempt=attempt)
    if run is None:
        return _lost(job)
    with translation.override(job.language), run:
        importer = _importer(job)
        try:
            try:
                with transaction.atomic():
                    counts, errors, warnings = _walk(run, importer, write=True, report_progress=False)
                    if counts["errors"]:
                        raise ImportRejected
                    audit_event_record(
                        actor=job.created_by, action=AuditAction.IMPORT, model=importer.model,
                        row_count=counts["valid"], request=request,
                        detail={"job": str(job.uuid), "file": job.filename, "kind": job.kind,
                                "new": counts["new"], "updated": counts["update"]},
                    )
                    _finish(run, ImportStatus.DONE, counts, [], warnings)
            except ImportRejected:
                _finish(run, ImportStatus.FAILED, counts, errors, warnings,
                        _("Nothing was imported: the file has errors."))
            except FileFormatError as error:
                _finish(run, ImportStatus.FAILED, {"errors": 1}, _file_error(error), [], str(error))
        except RunLost:
            return _lost(job)
    return _ended(job)


def import_start(*, job: ImportJob, stage: str, request=None) -> ImportJob:
    """Run a stage ("check" or "commit") now, or queue it for the worker for a large file."""
    if stage == ImportStage.COMMIT and job.status != ImportStatus.CHECKED:
        raise ValidationError(_("Only a checked file without errors can be imported."))
    if runs_in_background(job):
        return _enqueue(job, stage, from_statuses=[job.status])
    if stage == ImportStage.CHECK:
        return import_check(job=job)
    return import_commit(job=job, request=request)


def _enqueue(job, stage, *, from_statuses):
    from .tasks import run_import_stage

    attempt = run_queue(job=job, stage=stage, from_statuses=from_statuses)
    if attempt is None:
        raise ValidationError(_("This import changed meanwhile; reload its page."))
    result = run_import_stage.enqueue(job_id=job.pk, stage=stage, attempt=attempt)
    job.task_id = str(result.id)
    ImportJob.objects.filter(pk=job.pk).update(task_id=job.task_id)
    return job


def _audit_step(job, actor, step, request):
    audit_event_record(actor=actor, action=AuditAction.IMPORT, obj=job, request=request,
                       detail={"job": str(job.uuid), "file": job.filename, "kind": job.kind, "step": step,
                               "stage": job.stage})


def import_retry(*, job: ImportJob, actor, request=None) -> ImportJob:
    """Queue the stage whose worker stopped again, from the stored file (nothing of the stopped
    run was written; the same checks run again)."""
    if job.status != ImportStatus.STALLED:
        raise ValidationError(_("Only an import whose background worker stopped can be retried."))
    if not job.file or not job.file.storage.exists(job.file.name):
        raise ValidationError(_("The uploaded file is no longer kept; upload it again."))
    with transaction.atomic():
        _enqueue(job, job.stage or ImportStage.CHECK, from_statuses=[ImportStatus.STALLED])
        _audit_step(job, actor, "retry", request)
    return job


@transaction.atomic
def import_cancel(*, job: ImportJob, actor, request=None) -> ImportJob:
    """Cancel a job nothing is being written for (never a running stage): its file is deleted."""
    cancelled = ImportJob.objects.filter(pk=job.pk, status__in=CANCELLABLE_STATUSES).update(
        status=ImportStatus.CANCELLED, finished_at=timezone.now())
    if not cancelled:
        raise ValidationError(_("This import can no longer be cancelled."))
    job.refresh_from_db()
    import_file_delete(job)
    _audit_step(job, actor, "cancel", request)
    return job
