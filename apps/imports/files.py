"""Uploaded import files at rest (DOMAIN §6: a volunteer file holds thousands of ID numbers and
phones, so nothing of it is kept in plain text).

- The upload is stored as one Fernet token (``apps.core.crypto``, the personal-data keys) and
  decrypted into memory when a stage reads it (uploads are capped at 20 MB).
- It is deleted as soon as its job ends (imported, failed, invalid, cancelled): the job keeps
  its counts and errors, which hold no cell values.
- ``import_files_purge`` (``manage.py purge_import_files``, run from cron) deletes the files of
  jobs older than ``IMPORT_FILE_RETENTION_HOURS`` (cancelling those still waiting) and files no
  job names (e.g. left by a crash), once they are that old.
"""

import datetime
import io
import posixpath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core.crypto import decrypt_bytes, encrypt_bytes

from .models import ENDED_STATUSES, ImportJob, ImportStatus
from .reading import FileFormatError

#: Name of the encrypted file in the job's folder (``imports/<uuid>/``); the original name is
#: kept on the job (``filename``), whose suffix says how to read it.
STORED_NAME = "upload.enc"
FOLDER = "imports"


def import_file_store(*, job: ImportJob, upload) -> None:
    """Store ``upload`` encrypted as ``job``'s file (the job is saved by the caller)."""
    data = b"".join(upload.chunks())
    job.file.save(STORED_NAME, ContentFile(encrypt_bytes(data)), save=False)


def import_file_open(job: ImportJob) -> io.BytesIO:
    """The decrypted upload, in memory."""
    if not job.file or not job.file.storage.exists(job.file.name):
        raise FileFormatError(_("The uploaded file is no longer kept; upload it again."))
    with job.file.storage.open(job.file.name, "rb") as handle:
        return io.BytesIO(decrypt_bytes(handle.read()))


def import_file_delete(job: ImportJob) -> bool:
    """Delete the job's stored file and forget its name; whether there was one to delete."""
    if not job.file:
        return False
    existed = job.file.storage.exists(job.file.name)
    job.file.delete(save=False)
    ImportJob.objects.filter(pk=job.pk).update(file="")
    return existed


def _stored_files(storage, folder):
    if not storage.exists(folder):
        return
    folders, files = storage.listdir(folder)
    for name in files:
        yield posixpath.join(folder, name)
    for name in folders:
        yield from _stored_files(storage, posixpath.join(folder, name))


def import_files_purge(*, now=None) -> int:
    """Delete what the retention allows no longer; return the number of files deleted."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.IMPORT_FILE_RETENTION_HOURS)
    removed = 0
    for job in ImportJob.objects.exclude(file="").filter(Q(status__in=ENDED_STATUSES) | Q(created_at__lt=cutoff)):
        if job.status not in ENDED_STATUSES:
            with translation.override(job.language):
                message = _("The file was deleted after %(hours)d hours without being imported; upload it again.") \
                    % {"hours": settings.IMPORT_FILE_RETENTION_HOURS}
            ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CANCELLED, message=message,
                                                       finished_at=now)
        removed += import_file_delete(job)
    named = set(ImportJob.objects.exclude(file="").values_list("file", flat=True))
    for name in list(_stored_files(default_storage, FOLDER)):
        # Only old ones: a file just saved belongs to a job whose row is not committed yet.
        if name not in named and default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)
            removed += 1
    return removed
