"""Certificate workflow: request → accept → issue (snapshot, number) → revoke with a reason.

谁记录谁证明: an organization certifies the confirmed hours of activities it organized; a
residents' committee (no organization) those its community organized itself.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.services import audit_batch_record

from .models import Certificate, CertificateStatus
from .models import OrganizerKind, RecordStatus, ServiceRecord
from .models.certificates import publicity_end


@transaction.atomic
def certificate_request(*, actor, volunteer, organization, community, period_start: datetime.date,
                        period_end: datetime.date) -> Certificate:
    certificate = Certificate(
        volunteer=volunteer, organization=organization, area=organization.area if organization else community,
        period_start=period_start, period_end=period_end, requested_by=actor,
    )
    certificate.full_clean()
    certificate.save()
    return certificate


def _require(certificate, status):
    if certificate.status != status:
        raise ValidationError(_("This certificate is “%(status)s”; that step is not possible now.")
                              % {"status": certificate.get_status_display()})


@transaction.atomic
def certificate_accept(*, actor, certificate: Certificate) -> Certificate:
    _require(certificate, CertificateStatus.REQUESTED)
    certificate.status, certificate.accepted_at = CertificateStatus.ACCEPTED, timezone.now()
    certificate.save(update_fields=["status", "accepted_at"])
    return certificate


def certified_records(certificate: Certificate):
    records = ServiceRecord.objects.filter(
        volunteer=certificate.volunteer, status=RecordStatus.CONFIRMED,
        started_at__date__gte=certificate.period_start, started_at__date__lte=certificate.period_end,
    ).select_related("activity")
    if certificate.organization_id:
        return records.filter(activity__organization=certificate.organization_id)
    return records.filter(activity__organizer_kind=OrganizerKind.COMMUNITY, activity__community=certificate.area_id)


def _next_number(issued_on: datetime.date) -> str:
    prefix = f"ZM{issued_on:%Y}"
    last = Certificate.objects.select_for_update().filter(number__startswith=prefix).aggregate(m=Max("number"))["m"]
    return f"{prefix}{int(last[len(prefix):]) + 1 if last else 1:06d}"


@transaction.atomic
def certificate_issue(*, actor, certificate: Certificate, responsible_person: str, handler: str, contact: str,
                      request=None) -> Certificate:
    """Freeze everything printed into ``snapshot``; later changes never alter a certificate."""
    _require(certificate, CertificateStatus.ACCEPTED)
    records = list(certified_records(certificate).order_by("started_at"))
    if not records:
        raise ValidationError(_("No confirmed hours in this period to certify."))
    volunteer = certificate.volunteer
    now = timezone.now()
    issued_on = timezone.localdate(now)
    certificate.number = _next_number(issued_on)
    certificate.status, certificate.issued_at, certificate.issued_by = CertificateStatus.ISSUED, now, actor
    certificate.responsible_person, certificate.handler, certificate.contact = responsible_person, handler, contact
    certificate.snapshot = {
        "volunteer_name": volunteer.name,
        "document_type": str(volunteer.get_document_type_display()),
        "id_number_public": volunteer.id_number_public,
        "volunteer_number": volunteer.number,
        "total_hours": str(sum((r.hours for r in records), Decimal(0))),
        "records": [
            {"date": f"{timezone.localtime(r.started_at):%Y-%m-%d}", "activity": r.activity.name,
             "hours": str(r.hours), "content": r.content or r.activity.get_category_display()}
            for r in records
        ],
        "issuer": certificate.organization.name if certificate.organization_id else certificate.area.name,
        "issued_on": issued_on.isoformat(),
        "publicity_until": publicity_end(issued_on).isoformat(),
    }
    certificate.full_clean()
    certificate.save()
    audit_batch_record(actor=actor, model=Certificate, row_count=len(records), request=request,
                       detail={"action": "issue", "certificate": certificate.number})
    return certificate


@transaction.atomic
def certificate_revoke(*, actor, certificate: Certificate, reason: str, request=None) -> Certificate:
    _require(certificate, CertificateStatus.ISSUED)
    if not reason.strip():
        raise ValidationError(_("Give the reason for revocation."))
    certificate.status, certificate.revoked_at, certificate.revoke_reason = (
        CertificateStatus.REVOKED, timezone.now(), reason.strip())
    certificate.save(update_fields=["status", "revoked_at", "revoke_reason"])
    audit_batch_record(actor=actor, model=Certificate, row_count=1, request=request,
                       detail={"action": "revoke", "certificate": certificate.number, "reason": reason})
    return certificate
