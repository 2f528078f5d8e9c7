"""Writes of the registry that touch several rows or enforce a rule (keyword-only, atomic).

Row changes are recorded by django-auditlog; file downloads by ``audit_event_record``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.volunteers.areas import volunteer_areas_refresh_for_organization

from .models import (
    AnnualReport, Attachment, AttachmentKind, CreditListing, CreditListKind, EvaluationGrade,
    ManagementMode, Organization, OrgStatus, StatusChange,
)
from .permissions import require_decider
from .selectors import earliest_serious_removal, grade_eligibility, serious_list_incidents

# Which status may follow which. Closed statuses are final: a closed organization stays in the
# registry with its history but is never reopened (a new registration is a new organization).
TRANSITIONS = {
    OrgStatus.PREPARING: {OrgStatus.NORMAL, OrgStatus.DEREGISTERED, OrgStatus.FILING_REVOKED},
    OrgStatus.NORMAL: {OrgStatus.CHANGING, OrgStatus.DEREGISTERED, OrgStatus.REVOKED, OrgStatus.LICENCE_REVOKED,
                       OrgStatus.FILING_REVOKED},
    OrgStatus.CHANGING: {OrgStatus.NORMAL, OrgStatus.DEREGISTERED, OrgStatus.REVOKED, OrgStatus.LICENCE_REVOKED,
                         OrgStatus.FILING_REVOKED},
}
# 注销/撤销/吊销 concern registered legal persons; filed groups and teams lose their filing instead.
REGISTERED_ONLY = {OrgStatus.DEREGISTERED, OrgStatus.REVOKED, OrgStatus.LICENCE_REVOKED}
UNREGISTERED_ONLY = {OrgStatus.FILING_REVOKED}


def allowed_next_statuses(organization) -> list[str]:
    allowed = TRANSITIONS.get(organization.status, set())
    if organization.management_mode == ManagementMode.REGISTERED:
        allowed = allowed - UNREGISTERED_ONLY
    else:
        allowed = allowed - REGISTERED_ONLY
    return [status for status in OrgStatus.values if status in allowed]


@transaction.atomic
def organization_create(*, actor, status, status_reason, domains=(), **fields) -> Organization:
    """A new organization and the first step of its status history."""
    organization = Organization(status=status, status_changed_on=fields.get("founded_on"), **fields)
    organization.full_clean()
    organization.save()
    organization.domains.set(domains)
    StatusChange.objects.create(
        organization=organization, from_status="", to_status=status,
        changed_on=organization.founded_on or timezone.localdate(), reason=status_reason, recorded_by=actor,
    )
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, domains=None) -> Organization:
    """Save an edit of the registered particulars (and the service domains when given). When the
    organization moved to another area, its volunteers now count there: their kept areas are
    refreshed in the same transaction."""
    stored_area_id = Organization.objects.select_for_update().values_list("area_id", flat=True) \
        .get(pk=organization.pk)
    organization.full_clean()
    organization.save()
    if domains is not None:
        organization.domains.set(domains)
    if organization.area_id != stored_area_id:
        volunteer_areas_refresh_for_organization(organization)
    return organization


@transaction.atomic
def organization_status_change(*, organization, to_status, changed_on, reason, actor, document="") -> StatusChange:
    """Only the street office (staff at street level or above, or a superuser) changes a
    status, whoever calls this."""
    require_decider(actor)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if to_status not in allowed_next_statuses(organization):
        raise ValidationError(
            _("An organization in status “%(from)s” cannot change to “%(to)s”.")
            % {"from": organization.get_status_display(), "to": OrgStatus(to_status).label},
            code="transition",
        )
    if not reason.strip():
        raise ValidationError(_("Give the reason for the change."), code="reason")
    if organization.founded_on and changed_on < organization.founded_on:
        # Nothing happens to an organization before it exists: above all, no deregistration
        # (or revocation) before the registration.
        raise ValidationError(
            _("The date cannot be before the organization was established (%(day)s).")
            % {"day": date_format(organization.founded_on, "Y-m-d")},
            code="before_established",
        )
    if organization.status_changed_on and changed_on < organization.status_changed_on:
        raise ValidationError(
            _("The date cannot be before the current status began (%(day)s).")
            % {"day": date_format(organization.status_changed_on, "Y-m-d")},
            code="date",
        )
    change = StatusChange.objects.create(
        organization=organization, from_status=organization.status, to_status=to_status, changed_on=changed_on,
        reason=reason.strip(), document=document, recorded_by=actor,
    )
    organization.status = to_status
    organization.status_changed_on = changed_on
    organization.save(update_fields=["status", "status_changed_on", "updated_at"])
    return change


def attachment_create(*, organization, kind, title, file, actor) -> Attachment:
    attachment = Attachment(organization=organization, kind=kind, title=title or file.name, file=file,
                            uploaded_by=actor)
    attachment.full_clean()
    attachment.save()
    return attachment


def _attach(record, *, organization, file, kind, title, actor):
    if file:
        record.attachment = attachment_create(organization=organization, kind=kind, title=title, file=file,
                                              actor=actor)


@transaction.atomic
def annual_report_save(*, report: AnnualReport, file=None, actor) -> AnnualReport:
    _attach(report, organization=report.organization, file=file, kind=AttachmentKind.ANNUAL_REPORT,
            title=_("Annual report %(year)s") % {"year": report.year}, actor=actor)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def grade_record(*, grade: EvaluationGrade, file=None, actor) -> EvaluationGrade:
    """Record a grade for an organization that was eligible for evaluation on the grade date
    (``selectors.grade_eligibility``, the reasons the grades tab shows)."""
    require_decider(actor)
    if grade.organization.is_closed:
        raise ValidationError(_("A closed organization cannot be graded."), code="closed")
    if grade.evaluated_on is not None and grade.evaluated_on > timezone.localdate():
        raise ValidationError({"evaluated_on": _("The grade date cannot be in the future.")}, code="future")
    if grade.evaluated_on is not None:
        reasons = grade_eligibility(grade.organization, on_date=grade.evaluated_on)
        if reasons:
            raise ValidationError(
                [ValidationError(_("Not eligible for evaluation on %(day)s:")
                                 % {"day": date_format(grade.evaluated_on, "Y-m-d")}, code="not_eligible"),
                 *(ValidationError(reason, code="not_eligible") for reason in reasons)])
    _attach(grade, organization=grade.organization, file=file, kind=AttachmentKind.GRADE_CERTIFICATE,
            title=_("Evaluation certificate %(number)s") % {"number": grade.certificate_number}, actor=actor)
    grade.recorded_by = actor
    grade.full_clean(exclude=["valid_until"])
    grade.save()
    return grade


@transaction.atomic
def credit_listing_add(*, listing: CreditListing, file=None, actor) -> CreditListing:
    require_decider(actor)
    # The office records decisions already taken: a listing dated after today would count as
    # open on every page (credit status derives from open listings) before it is in force.
    if listing.listed_on and listing.listed_on > timezone.localdate():
        raise ValidationError({"listed_on": _("A listing is recorded once it is decided: the listing date cannot "
                                              "be after today.")}, code="future")
    if CreditListing.objects.filter(organization=listing.organization, kind=listing.kind,
                                    removed_on__isnull=True).exists():
        raise ValidationError(_("The organization is already on this list."), code="already_listed")
    _attach(listing, organization=listing.organization, file=file, kind=AttachmentKind.DECISION,
            title=listing.decision_document, actor=actor)
    listing.full_clean()
    listing.save()
    return listing


@transaction.atomic
def credit_listing_remove(*, listing: CreditListing, removed_on, reason, actor) -> CreditListing:
    """Take an organization off a list. The serious list keeps it for at least two years."""
    require_decider(actor)
    listing = CreditListing.objects.select_for_update().get(pk=listing.pk)
    if listing.removed_on is not None:
        raise ValidationError(_("This listing was already removed."), code="removed")
    if removed_on < listing.listed_on:
        raise ValidationError(_("The removal date cannot be before the listing date."), code="date")
    # Likewise a removal dated after today would show the organization as clean while it is
    # still listed (and refused awards).
    if removed_on > timezone.localdate():
        raise ValidationError(_("A removal is recorded once it is decided: the removal date cannot be after today."),
                              code="future")
    if listing.kind == CreditListKind.SERIOUS:
        earliest = earliest_serious_removal(listing, until=removed_on)
        if removed_on < earliest:
            incidents = serious_list_incidents(listing, until=removed_on)
            message = _("An organization leaves the serious list only after two clean years on it: not before "
                        "%(day)s.") % {"day": date_format(earliest, "Y-m-d")}
            if incidents:
                day, what = incidents[-1]
                message += " " + _("Last incident on %(day)s: %(what)s.") % {"day": date_format(day, "Y-m-d"),
                                                                           "what": what}
            raise ValidationError(message, code="too_early")
    if not reason.strip():
        raise ValidationError(_("Give the reason for the removal."), code="reason")
    listing.removed_on = removed_on
    listing.removal_reason = reason.strip()
    listing.save(update_fields=["removed_on", "removal_reason"])
    return listing


__all__ = [
    "allowed_next_statuses", "organization_create", "organization_update", "organization_status_change",
    "attachment_create", "annual_report_save", "grade_record", "credit_listing_add", "credit_listing_remove",
]


def organization_contact_reveal(*, actor, organization: Organization, request=None, shown_in: str = "") -> str:
    """The full contact phone for an authorised user (same rule as volunteers' personal data),
    with the audit entry written first. ``shown_in`` names a page other than the reveal page that
    shows the full value (the edit form)."""
    from apps.audit.models import AuditAction
    from apps.audit.services import audit_event_record
    from apps.volunteers.permissions import can_reveal_personal_data

    if not can_reveal_personal_data(actor):
        raise PermissionDenied(_("Your role may not reveal personal data."))
    detail = {"field": "contact_phone", **({"shown_in": shown_in} if shown_in else {})}
    audit_event_record(actor=actor, action=AuditAction.REVEAL, obj=organization, detail=detail, request=request)
    return organization.contact_phone
