"""Import workflow: upload → check (preview, writes nothing) → import (one transaction).

The check and the import run the same per-row code (``Importer.prepare``); the import also
writes. Any row error during the import rolls the whole file back. Files above
``settings.IMPORT_BACKGROUND_ROWS`` rows run in the background (django.tasks + the
database-backed worker); smaller ones run in the request.
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
from .models import ENDED_STATUSES, ImportJob, ImportStatus
from .reading import FileFormatError, count_rows, data_rows

#: Errors kept for the preview page; the count is always exact.
MAX_KEPT_ERRORS = 1000
PROGRESS_EVERY = 200


class ImportRejected(Exception):
    """The import found errors and wrote nothing."""


@transaction.atomic
def import_job_create(*, actor, kind, upload) -> ImportJob:
    if kind not in IMPORTERS:
        raise ValueError(kind)
    job = ImportJob(kind=kind, filename=upload.name[:200], area=actor.area, created_by=actor,
                    language=translation.get_language() or settings.LANGUAGE_CODE)
    import_file_store(job=job, upload=upload)  # encrypted at rest
    job.save()
    return job


def runs_in_background(job) -> bool:
    return job.total_rows > settings.IMPORT_BACKGROUND_ROWS


def _error_dict(importer, number, error: CellError):
    return {"row": number, "column": importer.header(error.column), "message": error.message,
            "expected": error.expected}


def _progress(job, processed):
    ImportJob.objects.filter(pk=job.pk).update(processed_rows=min(processed, job.total_rows or processed))


def _limited(rows):
    """The file's data rows, refusing a file with more than ``IMPORT_MAX_ROWS`` of them."""
    for processed, item in enumerate(rows, start=1):
        if processed > settings.IMPORT_MAX_ROWS:
            raise FileFormatError(_("The file has more than %(max)d rows; split it.") % {"max": settings.IMPORT_MAX_ROWS})
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


def _walk(job, importer, *, write, report_progress):
    """Prepare (and with ``write`` write) every row; return counts, errors and warnings.

    Rows go through the importer in chunks of ``importer.chunk_rows`` (look-ups and writes per
    chunk, not per row); errors and warnings stay in file order."""
    seen, errors, warnings = {}, [], []
    counts = {"valid": 0, "new": 0, "update": 0, "errors": 0, "processed": 0}

    def add_error(number, error):
        counts["errors"] += 1
        if len(errors) < MAX_KEPT_ERRORS:
            errors.append(_error_dict(importer, number, error))

    rows = _limited(data_rows(import_file_open(job), job.filename, importer.columns))
    for chunk in _chunks(rows, importer.chunk_rows):
        before = counts["processed"]
        counts["processed"] += len(chunk)
        if report_progress and counts["processed"] // PROGRESS_EVERY > before // PROGRESS_EVERY:
            _progress(job, counts["processed"])
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


def _finish(job, status, counts, errors, warnings, message=""):
    job.status, job.errors, job.warnings, job.message = status, errors, warnings, message[:300]
    job.processed_rows = min(counts.get("processed", 0), job.total_rows)
    job.valid_rows, job.new_rows = counts.get("valid", 0), counts.get("new", 0)
    job.update_rows, job.error_count = counts.get("update", 0), counts.get("errors", 0)
    job.finished_at = timezone.now()
    job.save()
    if status in ENDED_STATUSES:  # never read again: not kept (apps.imports.files)
        import_file_delete(job)


def _importer(job):
    return IMPORTERS[job.kind](actor=job.created_by, area=job.area, filename=job.filename)


def import_check(*, job: ImportJob) -> ImportJob:
    """The preview: every row is validated, nothing is written."""
    with translation.override(job.language):
        job.status, job.processed_rows = ImportStatus.CHECKING, 0
        try:
            if not job.total_rows:  # import_start counted the rows already (to choose the worker)
                job.total_rows = count_rows(import_file_open(job), job.filename)
            job.save(update_fields=["status", "processed_rows", "total_rows"])
            counts, errors, warnings = _walk(job, _importer(job), write=False, report_progress=True)
        except FileFormatError as error:
            _finish(job, ImportStatus.INVALID, {"errors": 1}, [{"row": 0, "column": "", "message": str(error),
                                                                 "expected": ""}], [])
            return job
        status = ImportStatus.INVALID if counts["errors"] or not counts["valid"] else ImportStatus.CHECKED
        message = "" if counts["valid"] or counts["errors"] else _("The file has no data rows.")
        _finish(job, status, counts, errors, warnings, message)
    return job


def import_commit(*, job: ImportJob, request=None) -> ImportJob:
    """All or nothing: one transaction; a single bad row rolls back every row of the file."""
    with translation.override(job.language):
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.COMMITTING)
        importer = _importer(job)
        try:
            with transaction.atomic():
                counts, errors, warnings = _walk(job, importer, write=True, report_progress=False)
                if counts["errors"]:
                    raise ImportRejected
                audit_event_record(
                    actor=job.created_by, action=AuditAction.IMPORT, model=importer.model,
                    row_count=counts["valid"], request=request,
                    detail={"job": str(job.uuid), "file": job.filename, "kind": job.kind,
                            "new": counts["new"], "updated": counts["update"]},
                )
        except ImportRejected:
            _finish(job, ImportStatus.FAILED, counts, errors, warnings,
                    _("Nothing was imported: the file has errors."))
            return job
        except FileFormatError as error:
            _finish(job, ImportStatus.FAILED, {"errors": 1}, [{"row": 0, "column": "", "message": str(error),
                                                                "expected": ""}], [], str(error))
            return job
        _finish(job, ImportStatus.DONE, counts, [], warnings)
    return job


def import_start(*, job: ImportJob, stage: str, request=None) -> ImportJob:
    """Run a stage ("check" or "commit") now, or queue it for the worker for a large file."""
    from .tasks import run_import_stage

    if stage == "commit" and job.status != ImportStatus.CHECKED:
        raise ValidationError(_("Only a checked file without errors can be imported."))
    if stage == "check" and not job.total_rows:
        job.total_rows = count_rows_safely(job)
        job.save(update_fields=["total_rows"])
    if runs_in_background(job):
        job.status = ImportStatus.QUEUED if stage == "check" else ImportStatus.COMMITTING
        result = run_import_stage.enqueue(job_id=job.pk, stage=stage)
        job.task_id = str(result.id)
        job.save(update_fields=["status", "task_id"])
        return job
    if stage == "check":
        return import_check(job=job)
    return import_commit(job=job, request=request)


def count_rows_safely(job) -> int:
    try:
        return count_rows(import_file_open(job), job.filename)
    except FileFormatError:
        return 0


@transaction.atomic
def import_cancel(*, job: ImportJob) -> ImportJob:
    if job.status not in (ImportStatus.CHECKED, ImportStatus.INVALID):
        raise ValidationError(_("This import can no longer be cancelled."))
    job.status = ImportStatus.CANCELLED
    job.save(update_fields=["status"])
    import_file_delete(job)
    return job
