from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    REVEAL = "reveal", _("Revealed personal data")
    EXPORT = "export", _("Exported data")
    BATCH = "batch", _("Batch operation")
    IMPORT = "import", _("Imported data")
    VIEW_AS = "view_as", _("Viewed as organization")
    DOWNLOAD = "download", _("Downloaded a file")
    # An exact search by a full ID number or phone (back office), or an organization's attempt to
    # add or register a person by document number: each one says whether a number is registered.
    LOOKUP = "lookup", _("Looked up by document number or phone")
    # A change of personal data that auditlog does not track (an encrypted field): the field, not the value.
    CHANGE_PERSONAL = "change_personal", _("Changed personal data")
    # One call of the data-sharing API by another system (apps/api): client, endpoint, rows.
    API = "api", _("API call")


class AuditEvent(models.Model):
    """Events that are not a single row's create/update (those are in auditlog's LogEntry):
    reveals and exports of personal data, batch operations with their row count, imports."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), null=True, blank=True, on_delete=models.PROTECT,
    )
    object_id = models.CharField(_("record ID"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    remote_addr = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # An object's history tab: events of one record, newest first.
            models.Index(fields=["content_type", "object_id", "-created_at"], name="auditevent_object"),
            # "Who revealed/exported what" reports filtered by action and time.
            models.Index(fields=["action", "-created_at"], name="auditevent_action_time"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_repr}"
