"""Sign-up applications, registered-field change requests and in-app notifications (issue 6).

An applicant's account is *limited to its application* until staff approve it: it has no area
and no membership, so every scoped query answers nothing. Approval links the application to an
organization and makes the applicant its administrator.
"""

import secrets
from pathlib import PurePath

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.crypto import EncryptedCharField
from apps.core.masking import mask_phone
from apps.core.scoping import ScopedQuerySet
from apps.organizations.models import ATTACHMENT_EXTENSIONS, LegalForm


class Decision(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ApplicationQuerySet(ScopedQuerySet):
    # Staff see the applications of their area; organization users never reach them this way
    # (an applicant sees only their own, through ``applicant=request.user``).
    area_lookup = "area"
    organization_lookup = None


class SignupApplication(models.Model):
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("applicant"), on_delete=models.PROTECT,
                                  related_name="signup_applications")
    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=24, choices=LegalForm.choices)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    filing_number = models.CharField(_("filing number"), max_length=50, blank=True)
    area = models.ForeignKey("areas.Area", verbose_name=_("community"), on_delete=models.PROTECT,
                             related_name="+", help_text=_("The community where the organization is based."))
    residence = models.CharField(_("registered address"), max_length=200, blank=True)
    representative = models.CharField(_("legal representative / person in charge"), max_length=50, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50)
    # Personal data (DOMAIN §6): encrypted at rest, shown masked; the organization approval
    # creates takes it over (``Organization.contact_phone``, encrypted as well).
    contact_phone = EncryptedCharField(_("contact phone"), max_length=20)
    contact_email = models.EmailField(_("contact e-mail"))
    status = models.CharField(_("status"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="signup_applications")
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-up application")
        verbose_name_plural = _("sign-up applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(credit_code="") | ~Q(filing_number=""),
                                   name="signupapplication_code_or_filing_number",
                                   violation_error_message=_("Enter the unified social credit code or, for a filed "
                                                             "group, the filing number.")),
            models.CheckConstraint(condition=Q(status=Decision.PENDING) | Q(decided_at__isnull=False),
                                   name="signupapplication_decided_has_time",
                                   violation_error_message=_("A decided application needs the time of the "
                                                             "decision.")),
            models.CheckConstraint(condition=~Q(status=Decision.REJECTED) | ~Q(decision_reason=""),
                                   name="signupapplication_rejection_has_reason",
                                   violation_error_message=_("A rejection needs its reason.")),
        ]
        indexes = [
            # The review queue: pending applications first, newest first, within the area.
            models.Index(fields=["status", "-created_at"], name="signupapp_status_created"),
        ]

    def __str__(self):
        return self.name

    @property
    def registry_number(self):
        return self.credit_code or self.filing_number

    @property
    def masked_contact_phone(self):
        return mask_phone(self.contact_phone)


class DocumentQuerySet(ScopedQuerySet):
    area_lookup = "application__area"
    organization_lookup = None


def document_path(instance, filename):
    """Random folder per file: never guessable, served only by a view that checks access."""
    return f"applications/{secrets.token_hex(8)}/{PurePath(filename).name}"


class ApplicationDocument(models.Model):
    application = models.ForeignKey(SignupApplication, verbose_name=_("application"), on_delete=models.CASCADE,
                                    related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path, max_length=255,
                            validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS)])
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["pk"]

    def __str__(self):
        return self.title

    @property
    def filename(self):
        return PurePath(self.file.name).name


class FieldGroup(models.TextChoices):
    """Registered fields change together in these groups; auto-approval is set per group."""

    IDENTITY = "identity", _("Name and registry number")
    REPRESENTATIVE = "representative", _("Legal representative")
    RESIDENCE = "residence", _("Registered address and area of activity")
    SCOPE = "scope", _("Purpose and business scope")
    CAPITAL = "capital", _("Registered funds")
    SUPERVISION = "supervision", _("Supervising unit and registration authority")


FIELDS_BY_GROUP = {
    FieldGroup.IDENTITY: ["name", "credit_code", "filing_number"],
    FieldGroup.REPRESENTATIVE: ["representative"],
    FieldGroup.RESIDENCE: ["residence", "activity_region"],
    FieldGroup.SCOPE: ["purpose"],
    FieldGroup.CAPITAL: ["registered_capital"],
    FieldGroup.SUPERVISION: ["supervisor", "registration_authority"],
}
REGISTERED_FIELDS = [name for names in FIELDS_BY_GROUP.values() for name in names]
GROUP_BY_FIELD = {name: group for group, names in FIELDS_BY_GROUP.items() for name in names}


class ChangeRequestQuerySet(ScopedQuerySet):
    area_lookup = "organization__area"
    organization_lookup = "organization"


class ChangeRequest(models.Model):
    """A proposed change of one field group's registered fields, kept as a before/after diff."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="change_requests")
    field_group = models.CharField(_("field group"), max_length=16, choices=FieldGroup.choices)
    #: {field name: {"old": text, "new": text}}
    changes = models.JSONField(_("changes"))
    note = models.TextField(_("explanation"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    auto_approved = models.BooleanField(_("approved automatically"), default=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(status=Decision.REJECTED) | ~Q(decision_reason=""),
                                   name="changerequest_rejection_has_reason",
                                   violation_error_message=_("A rejection needs its reason.")),
        ]
        indexes = [
            # The review queue and an organization's own list, newest first.
            models.Index(fields=["status", "-created_at"], name="changerequest_status_created"),
        ]

    def __str__(self):
        return f"{self.organization} · {self.get_field_group_display()}"

    def diff(self):
        """[(field label, old, new)] for the before/after table."""
        from apps.organizations.models import Organization

        return [(Organization._meta.get_field(name).verbose_name, values["old"], values["new"])
                for name, values in self.changes.items()]


class AutoApproval(models.Model):
    """Staff switch on auto-approval of a field group for the organizations in their area."""

    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.CASCADE, related_name="+")
    field_group = models.CharField(_("field group"), max_length=16, choices=FieldGroup.choices)
    enabled = models.BooleanField(_("approve automatically"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("auto-approval setting")
        verbose_name_plural = _("auto-approval settings")
        constraints = [
            models.UniqueConstraint(fields=["area", "field_group"], name="autoapproval_area_group_unique",
                                    violation_error_message=_("This area already has a rule for this group of "
                                                              "fields.")),
        ]

    def __str__(self):
        return f"{self.area} · {self.get_field_group_display()}"


class OrganizationContact(models.Model):
    """Contact details an organization keeps itself that the registry has no column for."""

    organization = models.OneToOneField("organizations.Organization", verbose_name=_("organization"),
                                        on_delete=models.CASCADE, related_name="portal_contact")
    mailing_address = models.CharField(_("address for correspondence"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("organization contact")
        verbose_name_plural = _("organization contacts")

    def __str__(self):
        return str(self.organization)


class Notification(models.Model):
    """A message to one user, shown in the portal (and also sent by e-mail)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="notifications")
    message = models.CharField(_("message"), max_length=500)
    link = models.CharField(_("link"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # A user's unread notifications on the portal home page.
            models.Index(fields=["user", "read_at", "-created_at"], name="notification_user_unread"),
        ]

    def __str__(self):
        return self.message


auditlog.register(SignupApplication, exclude_fields=["contact_phone"])  # never a plain phone in the trail
auditlog.register(ApplicationDocument)
auditlog.register(ChangeRequest)
auditlog.register(AutoApproval)
auditlog.register(OrganizationContact)
