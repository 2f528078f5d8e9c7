import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.scoping import ScopedQuerySet


class ImportKind(models.TextChoices):
    ORGANIZATIONS = "organizations", _("Social organizations")
    VOLUNTEERS = "volunteers", _("Volunteers")
    RECORDS = "records", _("Service records")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be checked")
    CHECKING = "checking", _("Checking")
    CHECKED = "checked", _("Checked: ready to import")
    INVALID = "invalid", _("Checked: has errors")
    COMMIT_QUEUED = "commit_queued", _("Waiting to be imported")
    COMMITTING = "committing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed: nothing was imported")
    # The check or import stopped without finishing (its worker died: no heartbeat for
    # IMPORT_WORKER_TIMEOUT_SECONDS). Nothing was written; the file is kept for a retry.
    STALLED = "stalled", _("Failed: the background worker stopped; nothing was imported")
    CANCELLED = "cancelled", _("Cancelled")


#: States in which a worker is (or will be) busy with the job: the page keeps polling.
BUSY_STATUSES = [ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.COMMIT_QUEUED, ImportStatus.COMMITTING]
#: States in which a run works on the job and keeps its heartbeat (``apps.imports.runs``).
RUNNING_STATUSES = [ImportStatus.CHECKING, ImportStatus.COMMITTING]
#: States after which the file is never read again (only a checked file can be imported; an
#: invalid one can only be discarded): it is deleted (``apps.imports.files``).
ENDED_STATUSES = [ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.INVALID, ImportStatus.CANCELLED]
#: States a clerk may cancel: nothing is being written then (a running stage is never cut short).
CANCELLABLE_STATUSES = [ImportStatus.CHECKED, ImportStatus.INVALID, ImportStatus.QUEUED,
                        ImportStatus.COMMIT_QUEUED, ImportStatus.STALLED]


class ImportStage(models.TextChoices):
    CHECK = "check", _("Check")
    COMMIT = "commit", _("Import")


class ImportJobQuerySet(ScopedQuerySet):
    """Jobs belong to the area of the staff member who uploaded them."""

    area_lookup = "area"
    organization_lookup = None


def import_upload_path(job, filename):
    return f"imports/{job.uuid}/{filename}"


class ImportJob(models.Model):
    """One uploaded file: checked (preview) first, then imported all-or-nothing."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("import of"), max_length=16, choices=ImportKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices,
                              default=ImportStatus.QUEUED)
    # Encrypted at rest, deleted when the job ends (empty then): apps.imports.files.
    file = models.FileField(_("file"), upload_to=import_upload_path, blank=True)
    filename = models.CharField(_("file name"), max_length=200)
    # Bytes of content (XLSX: the uncompressed parts), measured without parsing at upload: it
    # decides whether a stage may run in the request (``services.runs_in_background``).
    content_bytes = models.PositiveBigIntegerField(_("content size"), default=0)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), null=True, on_delete=models.PROTECT,
                             related_name="+", help_text=_("Rows may only name places within this area."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    language = models.CharField(max_length=10, default="zh-hans")
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    valid_rows = models.PositiveIntegerField(_("valid rows"), default=0)
    new_rows = models.PositiveIntegerField(_("new"), default=0)
    update_rows = models.PositiveIntegerField(_("updates"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    # [{"row": 5, "column": "证件号码", "value": "…", "message": "…", "expected": "…"}], capped.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    message = models.CharField(_("message"), max_length=300, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    # The stage last started, and which start it was: a run only writes while the job is still
    # in its running status with its attempt (``apps.imports.runs``), so a run whose job was
    # retried, cancelled or given up meanwhile writes nothing.
    stage = models.CharField(_("stage"), max_length=8, choices=ImportStage.choices, blank=True)
    attempt = models.PositiveIntegerField(default=0)
    # Written by the run every few seconds; a running job without one for
    # IMPORT_WORKER_TIMEOUT_SECONDS has lost its worker.
    heartbeat_at = models.DateTimeField(_("last sign of work"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(processed_rows__lte=models.F("total_rows"))
                                   | Q(total_rows=0), name="importjob_progress_within_total"),
        ]
        indexes = [
            # The import page: the area's recent jobs, newest first.
            models.Index(fields=["area", "-created_at"], name="importjob_area_recent"),
            # The reaper (``runs.import_jobs_reap``): running jobs whose heartbeat is too old.
            models.Index(fields=["heartbeat_at"], name="importjob_running_heartbeat",
                         condition=Q(status__in=RUNNING_STATUSES)),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filename}"

    @property
    def is_busy(self):
        return self.status in BUSY_STATUSES

    @property
    def is_stalled(self):
        return self.status == ImportStatus.STALLED

    @property
    def is_cancellable(self):
        return self.status in CANCELLABLE_STATUSES

    @property
    def percent(self):
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0
