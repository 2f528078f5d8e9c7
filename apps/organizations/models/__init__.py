"""The social-organization registry (DOMAIN §2).

``organization`` holds the registered organization and its status history; ``records`` the
yearly and event records around it (annual reports, grades, credit listings, penalties,
incubation, attachments).
"""

from auditlog.registry import auditlog

from .organization import (
    ACTIVE_STATUSES, CAPITAL_KIND_BY_FORM, CLOSED_STATUSES, MODE_BY_FORM, REGISTERED_FORMS, CapitalKind,
    CertificateVariant, CreditStatus, LegalForm, ManagementMode, Organization, OrganizationQuerySet,
    OrganizationRecordQuerySet, OrgStatus, PartyOrgType, ServiceDomain, StatusChange, new_portal_code,
)
from .records import (
    ATTACHMENT_EXTENSIONS, FILED_RESULTS, GRADE_VALIDITY_YEARS, AnnualReport, AnnualReportDeadline, AnnualReportResult, Attachment,
    AttachmentKind, CreditListing, CreditListKind, EvaluationGrade, ExitType, Grade, IncubationMode,
    IncubationRecord, Penalty, add_months, add_years,
)

__all__ = [
    "ACTIVE_STATUSES", "CAPITAL_KIND_BY_FORM", "CLOSED_STATUSES", "MODE_BY_FORM", "REGISTERED_FORMS",
    "CapitalKind", "CertificateVariant", "CreditStatus", "LegalForm", "ManagementMode", "Organization",
    "OrganizationQuerySet", "OrganizationRecordQuerySet", "OrgStatus", "PartyOrgType", "ServiceDomain",
    "StatusChange", "new_portal_code", "FILED_RESULTS", "GRADE_VALIDITY_YEARS", "AnnualReport",
    "AnnualReportDeadline", "AnnualReportResult", "Attachment", "AttachmentKind", "CreditListing",
    "CreditListKind", "ATTACHMENT_EXTENSIONS", "EvaluationGrade", "ExitType", "Grade", "IncubationMode", "IncubationRecord", "Penalty",
    "add_months", "add_years",
]

auditlog.register(Organization, m2m_fields={"domains"})
auditlog.register(ServiceDomain)
auditlog.register(StatusChange)
auditlog.register(AnnualReportDeadline)
auditlog.register(AnnualReport)
auditlog.register(EvaluationGrade)
auditlog.register(CreditListing)
auditlog.register(Penalty)
auditlog.register(IncubationRecord)
auditlog.register(Attachment)
