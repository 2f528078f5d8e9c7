"""Other government systems that read (and record work in) Gongzhi through the API (issue 17).

A client is bound to one area (and everything under it) or to one organization: the same scopes
as a staff member's area and an organization's portal (``apps.core.scoping``). Its token is shown
once; only a keyed hash and a short prefix (to recognise it in lists) are kept. A client never
logs in: its ``service_user`` is an inactive account that exists to be named as the recorder of
what the client writes and as the actor of its audit entries.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.audit.registration import own_fields
from apps.core.scoping import ScopedQuerySet


class Access(models.TextChoices):
    READ = "read", _("Read only")
    READ_WRITE = "read_write", _("Read and record work")


class ClientStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class ApiClientQuerySet(ScopedQuerySet):
    """Staff see the clients bound to their area's subtree: to an area in it, or to an organization
    based in it."""

    area_lookup = "area"
    organization_lookup = "organization"

    def in_area(self, area):
        from apps.areas.models import Area

        subtree = Area.objects.subtree(area)
        return self.filter(Q(area__in=subtree) | Q(organization__area__in=subtree))

    def usable(self, now=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ApiClient(models.Model):
    name = models.CharField(_("system name"), max_length=100,
                            help_text=_("The partner system, e.g. the district's data dashboard."))
    contact = models.CharField(_("responsible department"), max_length=200, blank=True,
                               help_text=_("Who runs the system and answers for its use of the data."))
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", help_text=_("The client sees this area and everything under it."))
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="api_clients",
        help_text=_("Or: the client sees what this organization sees in its portal."))
    access = models.CharField(_("access"), max_length=12, choices=Access.choices, default=Access.READ)
    # "gz_<prefix>_<secret>": the prefix names the token in lists and logs; the whole token is
    # kept only as a keyed hash (apps.core.crypto.keyed_hash), so a copy of the database opens nothing.
    token_prefix = models.CharField(_("token prefix"), max_length=16, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    rate_limit = models.PositiveIntegerField(
        _("requests per minute"), null=True, blank=True,
        help_text=_("Leave empty for the deployment's default."))
    service_user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client",
                                        editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    revoke_reason = models.CharField(_("reason for revocation"), max_length=200, blank=True, editable=False)

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(area__isnull=False, organization__isnull=True)
                | Q(area__isnull=True, organization__isnull=False),
                name="apiclient_one_binding",
                violation_error_message=_("Bind the client to an area or to an organization, not both."),
            ),
            models.CheckConstraint(condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                                   name="apiclient_revocation_has_reason",
                                   violation_error_message=_("Give the reason for revoking the client.")),
        ]

    def __str__(self):
        return f"{self.name} ({self.token_prefix})"

    def status(self, now=None) -> str:
        if self.revoked_at is not None:
            return ClientStatus.REVOKED
        if self.expires_at <= (now or timezone.now()):
            return ClientStatus.EXPIRED
        return ClientStatus.ACTIVE

    def get_status_display(self):
        return ClientStatus(self.status()).label

    @property
    def can_write(self) -> bool:
        return self.access == Access.READ_WRITE

    @property
    def binding(self):
        """The area or organization whose scope the client has."""
        return self.organization if self.organization_id else self.area


class IdempotencyKey(models.Model):
    """The reply to a write sent with an ``Idempotency-Key`` header, kept for
    ``API_IDEMPOTENCY_HOURS`` so that a retry of the same request gets the same reply and writes
    nothing again. ``status_code`` is empty while the first request is still at work."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64, help_text="SHA-256 of method, path and body.")
    status_code = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # One reply per client and key; concurrent retries meet here (the second one waits).
            models.UniqueConstraint(fields=["client", "key"], name="idempotencykey_client_key",
                                    violation_error_message=_("This idempotency key has already been used by the client.")),
        ]
        indexes = [models.Index(fields=["created_at"], name="idempotencykey_created")]  # the clean-up

    def __str__(self):
        return f"{self.client_id}:{self.key}"


auditlog.register(ApiClient, include_fields=own_fields(ApiClient), exclude_fields=["token_hash"])
