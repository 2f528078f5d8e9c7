"""Onboarding workflows (keyword-only, atomic, audited).

Row changes are recorded by django-auditlog (actor from the request); decisions also keep
who decided, when and why on the row itself.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Membership, OrgRole
from apps.accounts.services import username_check_available
from apps.areas.models import ancestor_paths
from apps.core.scoping import ViewerKind, viewer_kind
from apps.organizations.models import Organization, OrgStatus
from apps.organizations.services import organization_create

from .conflicts import change_request_conflicts, field_text
from .models import (
    GROUP_BY_FIELD, ApplicationDocument, AutoApproval, ChangeRequest, Decision, FieldGroup, OrganizationContact,
    SignupApplication,
)
from .notify import notify


# --- Sign-up ----------------------------------------------------------------------------------

@transaction.atomic
def application_submit(*, username, password, email, full_name, documents=(), **fields) -> SignupApplication:
    """Create the applicant's account (limited to its application: no area, no membership)
    and the application with its documents."""
    User = get_user_model()
    username_check_available(username)
    applicant = User(username=username, email=email, full_name=full_name)
    applicant.set_password(password)
    applicant.full_clean()
    applicant.save()
    application = SignupApplication(applicant=applicant, contact_email=email, **fields)
    application.full_clean()
    application.save()
    for title, file in documents:
        document = ApplicationDocument(application=application, title=title or file.name, file=file)
        document.full_clean()
        document.save()
    return application


def _decide(application, *, actor, status, reason):
    application = SignupApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != Decision.PENDING:
        raise ValidationError(_("This application has already been decided."), code="decided")
    if not _may_decide(actor, application.area):
        raise PermissionDenied(_("This application is outside your area."))
    application.status = status
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.decision_reason = reason.strip()
    return application


def _may_decide(actor, area):
    """Whether the application's area lies in the actor's scope (the one scoping rule: inactive and
    organization users never may)."""
    kind = viewer_kind(actor)
    return kind is ViewerKind.SUPERUSER or (kind is ViewerKind.STAFF and area.is_within(actor.area))


def matching_organization(application):
    """The registry record the application names, by credit code or filing number."""
    if application.credit_code:
        return Organization.objects.filter(credit_code=application.credit_code).first()
    return Organization.objects.filter(filing_number=application.filing_number,
                                       legal_form=application.legal_form).first()


@transaction.atomic
def application_approve(*, application, actor, reason="", link="") -> SignupApplication:
    """Link to the registry record with the same code, or create one; the applicant becomes
    its administrator and is told in the app and by e-mail."""
    application = _decide(application, actor=actor, status=Decision.APPROVED, reason=reason)
    organization = matching_organization(application)
    if organization is not None and not _may_decide(actor, organization.area):
        raise ValidationError(_("The registry record with this code belongs to another area: ask its street "
                                "office to review the application."), code="other_area")
    if organization is None:
        organization = organization_create(
            actor=actor, status=OrgStatus.NORMAL, status_reason=_("Registered through portal sign-up"),
            name=application.name, legal_form=application.legal_form, credit_code=application.credit_code,
            filing_number=application.filing_number, area=application.area, residence=application.residence,
            representative=application.representative, contact_name=application.contact_name,
            contact_phone=application.contact_phone,
        )
    application.organization = organization
    application.full_clean()
    application.save()
    Membership.objects.update_or_create(user=application.applicant, organization=organization,
                                        defaults={"role": OrgRole.ADMIN})
    notify(user=application.applicant, email=application.contact_email,
           subject=_("Your organization's sign-up was approved"),
           message=_("The sign-up of %(name)s was approved. You are its administrator in the portal.")
           % {"name": organization.name}, link=link)
    return application


@transaction.atomic
def application_reject(*, application, actor, reason, link="") -> SignupApplication:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the rejection.")})
    application = _decide(application, actor=actor, status=Decision.REJECTED, reason=reason)
    application.full_clean()
    application.save()
    notify(user=application.applicant, email=application.contact_email,
           subject=_("Your organization's sign-up was not approved"),
           message=_("The sign-up of %(name)s was not approved: %(reason)s")
           % {"name": application.name, "reason": application.decision_reason}, link=link)
    return application


# --- Contact fields and change requests -------------------------------------------------------

@transaction.atomic
def contact_update(*, organization, actor, contact_name, contact_phone, mailing_address) -> Organization:
    """Contact fields are the organization's own: edited directly through the normal save."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    organization.contact_name = contact_name
    organization.contact_phone = contact_phone
    organization.full_clean()
    organization.save()
    contact, _created = OrganizationContact.objects.get_or_create(organization=organization)
    contact.mailing_address = mailing_address
    contact.save()
    return organization


def auto_approval_enabled(organization, field_group) -> bool:
    """On when the organization's own area or any area above it switched the group on."""
    return AutoApproval.objects.filter(area__path__in=ancestor_paths(organization.area.path),
                                       field_group=field_group, enabled=True).exists()


@transaction.atomic
def change_requests_submit(*, organization, actor, values: dict, note="") -> list[ChangeRequest]:
    """One change request per field group that differs; groups with auto-approval apply at once."""
    by_group = {}
    for name, new in values.items():
        old = getattr(organization, name)
        if field_text(old) != field_text(new):
            by_group.setdefault(GROUP_BY_FIELD[name], {})[name] = {"old": field_text(old), "new": field_text(new)}
    if not by_group:
        raise ValidationError(_("Nothing was changed."), code="unchanged")
    pending = ChangeRequest.objects.filter(organization=organization, status=Decision.PENDING,
                                           field_group__in=list(by_group))
    if pending.exists():
        raise ValidationError(_("A change of “%(group)s” is already awaiting review.")
                              % {"group": pending.first().get_field_group_display()}, code="pending")
    requests = []
    for group in FieldGroup.values:
        if group not in by_group:
            continue
        request = ChangeRequest.objects.create(organization=organization, field_group=group,
                                               changes=by_group[group], note=note, requested_by=actor)
        if auto_approval_enabled(organization, group):
            change_request_approve(change_request=request, actor=None, auto=True)
            request.refresh_from_db()
        requests.append(request)
    return requests


def _apply(change_request, organization):
    """Write the approved values through the organization's normal update path (full_clean,
    save, auditlog), so the registry's own validation and constraints hold."""
    for name, values in change_request.changes.items():
        field = Organization._meta.get_field(name)
        setattr(organization, name, field.to_python(values["new"]) if values["new"] != "" else
                (None if field.null else ""))
    try:
        organization.full_clean()
    except ValidationError as error:
        raise ValidationError(_("The change cannot be applied: %(errors)s")
                              % {"errors": "; ".join(error.messages)}, code="invalid") from error
    organization.save()


def _check_conflicts(change_request, organization, overwrite):
    """Refuse to overwrite a value changed since the request was made, unless ``overwrite``
    confirms replacing exactly that value; keep each replaced value on the request."""
    conflicts = change_request_conflicts(change_request, organization)
    unconfirmed = [row for row in conflicts if (overwrite or {}).get(row.field) != row.current]
    if unconfirmed:
        raise ValidationError([
            ValidationError(_("The registry changed after this request was made: reject it, or confirm that the "
                              "requested values replace the newer ones."), code="conflict"),
            *(ValidationError(_("%(field)s is now “%(current)s” (the request was made against “%(old)s”); approving "
                                "replaces it with “%(new)s”.")
                              % {"field": row.label, "current": row.current or "—", "old": row.old or "—",
                                 "new": row.new or "—"}, code="conflict") for row in unconfirmed),
        ])
    for row in conflicts:
        change_request.changes[row.field]["overwritten"] = row.current


@transaction.atomic
def change_request_approve(*, change_request, actor, auto=False, overwrite: dict | None = None) -> ChangeRequest:
    """Apply a pending request. A field staff changed since the request was made is a conflict
    (``conflicts``): refused unless ``overwrite`` ({field: the value now there}) confirms it;
    an automatic approval never overwrites."""
    change_request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if change_request.status != Decision.PENDING:
        raise ValidationError(_("This change request has already been decided."), code="decided")
    organization = Organization.objects.select_for_update().get(pk=change_request.organization_id)
    _check_conflicts(change_request, organization, None if auto else overwrite)
    _apply(change_request, organization)
    change_request.status = Decision.APPROVED
    change_request.auto_approved = auto
    change_request.decided_by = actor
    change_request.decided_at = timezone.now()
    change_request.save()
    if change_request.requested_by_id and not auto:
        notify(user=change_request.requested_by, subject=_("Change request approved"),
               message=_("The change of “%(group)s” of %(name)s was approved and applied.")
               % {"group": change_request.get_field_group_display(), "name": change_request.organization.name})
    return change_request


@transaction.atomic
def change_request_reject(*, change_request, actor, reason) -> ChangeRequest:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the rejection.")})
    change_request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if change_request.status != Decision.PENDING:
        raise ValidationError(_("This change request has already been decided."), code="decided")
    change_request.status = Decision.REJECTED
    change_request.decided_by = actor
    change_request.decided_at = timezone.now()
    change_request.decision_reason = reason.strip()
    change_request.save()
    if change_request.requested_by_id:
        notify(user=change_request.requested_by, subject=_("Change request rejected"),
               message=_("The change of “%(group)s” of %(name)s was rejected: %(reason)s")
               % {"group": change_request.get_field_group_display(), "name": change_request.organization.name,
                  "reason": change_request.decision_reason})
    return change_request


@transaction.atomic
def auto_approval_set(*, area, actor, enabled_groups) -> None:
    for group in FieldGroup.values:
        AutoApproval.objects.update_or_create(area=area, field_group=group,
                                              defaults={"enabled": group in enabled_groups, "updated_by": actor})
