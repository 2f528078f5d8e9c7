"""The social-organization registry (DOMAIN §2).

``organization`` holds the registered organization and its status history; ``records`` the
yearly and event records around it (annual reports, grades, credit listings, penalties,
incubation, attachments).
"""

from auditlog.registry import auditlog

from apps.audit.registration import own_fields

from .organization import (
    ACTIVE_STATUSES, CAPITAL_KIND_BY_FORM, CLOSED_STATUSES, FOUNDATION_AUTHORITY_LEVELS, MODE_BY_FORM,
    REGISTERED_FORMS, AuthorityLevel, CapitalKind, authority_level_of_code,
    CertificateVariant, CreditStatus, LegalForm, ManagementMode, Organization, OrganizationQuerySet,
    OrganizationRecordQuerySet, OrgStatus, PartyOrgType, ServiceDomain, StatusChange, new_portal_code,
)
from .records import (
    ATTACHMENT_EXTENSIONS, FILED_RESULTS, GRADE_VALIDITY_YEARS, AnnualReport, AnnualReportDeadline, AnnualReportResult, Attachment,
    AttachmentKind, CreditListing, CreditListKind, EvaluationGrade, ExitType, Grade, IncubationMode,
    IncubationRecord, Penalty, add_months, add_years, check_report_year,
)

__all__ = [
    "ACTIVE_STATUSES", "CAPITAL_KIND_BY_FORM", "CLOSED_STATUSES", "FOUNDATION_AUTHORITY_LEVELS", "MODE_BY_FORM",
    "REGISTERED_FORMS", "AuthorityLevel", "authority_level_of_code", "CapitalKind", "CertificateVariant", "CreditStatus", "LegalForm", "ManagementMode", "Organization",
    "OrganizationQuerySet", "OrganizationRecordQuerySet", "OrgStatus", "PartyOrgType", "ServiceDomain",
    "StatusChange", "new_portal_code", "FILED_RESULTS", "GRADE_VALIDITY_YEARS", "AnnualReport",
    "AnnualReportDeadline", "AnnualReportResult", "Attachment", "AttachmentKind", "CreditListing",
    "CreditListKind", "ATTACHMENT_EXTENSIONS", "EvaluationGrade", "ExitType", "Grade", "IncubationMode", "IncubationRecord", "Penalty",
    "add_months", "add_years", "check_report_year",
]

auditlog.register(Organization, include_fields=own_fields(Organization), m2m_fields={"domains"},
                  exclude_fields=["contact_phone"])
auditlog.register(ServiceDomain, include_fields=own_fields(ServiceDomain))
auditlog.register(StatusChange, include_fields=own_fields(StatusChange))
auditlog.register(AnnualReportDeadline, include_fields=own_fields(AnnualReportDeadline))
auditlog.register(AnnualReport, include_fields=own_fields(AnnualReport))
auditlog.register(EvaluationGrade, include_fields=own_fields(EvaluationGrade))
auditlog.register(CreditListing, include_fields=own_fields(CreditListing))
auditlog.register(Penalty, include_fields=own_fields(Penalty))
auditlog.register(IncubationRecord, include_fields=own_fields(IncubationRecord))
auditlog.register(Attachment, include_fields=own_fields(Attachment))
