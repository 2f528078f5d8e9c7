"""Certificates of volunteer service records (志愿服务记录证明)."""

import datetime
import secrets

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.audit.registration import own_fields
from apps.core.scoping import ScopedQuerySet

# Without 0/O/1/I/L so that a code read aloud or from paper is typed right.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_verification_code():
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))


def publicity_end(issued_on: datetime.date) -> datetime.date:
    """The last day of the publicity (公示, DOMAIN §4 "about 7 days", local:
    ``CERTIFICATE_PUBLICITY_DAYS``) that follows an issue on ``issued_on``. The only place that
    counts it: the issue freezes the result into the snapshot, and the PDF, the verification
    page and the staff pages all read it from there (``Certificate.publicity_ends_on``)."""
    return issued_on + datetime.timedelta(days=settings.CERTIFICATE_PUBLICITY_DAYS)


class CertificateStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    ISSUED = "issued", _("Issued")
    REVOKED = "revoked", _("Revoked")


class CertificateQuerySet(ScopedQuerySet):
    area_lookup = "area"
    organization_lookup = "organization"


class Certificate(models.Model):
    """Issued by the organization that recorded the hours. Everything printed is frozen in
    ``snapshot`` at issue and never recomputed; revoking keeps the row and gives a reason."""

    number = models.CharField(_("certificate number"), max_length=20, unique=True, null=True, blank=True,
                              editable=False)
    verification_code = models.CharField(_("verification code"), max_length=12, unique=True,
                                         default=new_verification_code, editable=False)
    volunteer = models.ForeignKey("volunteers.Volunteer", verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="certificates")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("issuing organization"),
                                     null=True, blank=True, on_delete=models.PROTECT, related_name="certificates")
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+",
                             help_text=_("The issuer's community (a residents' committee issues its own)."))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    status = models.CharField(_("status"), max_length=10, choices=CertificateStatus.choices,
                              default=CertificateStatus.REQUESTED)
    responsible_person = models.CharField(_("responsible person"), max_length=50, blank=True)
    handler = models.CharField(_("handled by"), max_length=50, blank=True)
    contact = models.CharField(_("contact phone"), max_length=30, blank=True)
    snapshot = models.JSONField(_("certified data"), default=dict, blank=True, editable=False)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("requested by"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("issued by"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.CharField(_("reason for revocation"), max_length=200, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("service certificate")
        verbose_name_plural = _("service certificates")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="certificate_period_order"),
            models.CheckConstraint(condition=~Q(status="issued") | Q(number__isnull=False, issued_at__isnull=False),
                                   name="certificate_issued_has_number"),
            models.CheckConstraint(condition=~Q(status="revoked") | ~Q(revoke_reason=""),
                                   name="certificate_revoked_has_reason"),
        ]

    def __str__(self):
        return self.number or _("Certificate request %(pk)s") % {"pk": self.pk}

    @property
    def publicity_ends_on(self) -> datetime.date | None:
        """Last day of the publicity (公示) that follows issue; objections go to the issuer.
        The day printed on the certificate: frozen at issue, so a later change of the local
        setting neither shortens nor lengthens a publicity already announced."""
        if self.issued_at is None:
            return None
        frozen = (self.snapshot or {}).get("publicity_until")
        if frozen:
            return datetime.date.fromisoformat(frozen)
        # A snapshot written before the day was frozen into it (none is, since issue writes it).
        return publicity_end(timezone.localtime(self.issued_at).date())

    def in_publicity(self, today: datetime.date | None = None) -> bool:
        ends = self.publicity_ends_on
        return (self.status == CertificateStatus.ISSUED and ends is not None
                and (today or timezone.localdate()) <= ends)


auditlog.register(Certificate, include_fields=own_fields(Certificate), exclude_fields=["snapshot"])
