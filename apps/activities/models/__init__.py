"""Activities and service records (DOMAIN §4).

``activities`` holds activities, positions, service records, check-ins and the kept hour totals;
``certificates`` the certificates of service records; ``month_totals`` the kept monthly figures per
area (upkeep: ``apps.activities.totals``).
"""

from .activities import (
    LIVE_STATUSES, RISKY_UNINSURED, Activity, ActivityCategory, ActivityPosition, ActivityQuerySet, CheckIn,
    CheckInQuerySet, Evaluation, HoursTotal, OrganizerKind, PositionQuerySet, RecordStatus, ServiceRecord,
    ServiceRecordQuerySet, new_checkin_code, new_checkin_token,
)
from .certificates import Certificate, CertificateQuerySet, CertificateStatus, new_verification_code
from .month_totals import MonthTotal, MonthVolunteer

__all__ = [
    "LIVE_STATUSES", "RISKY_UNINSURED", "Activity", "ActivityCategory", "ActivityPosition", "ActivityQuerySet",
    "Certificate", "CertificateQuerySet", "CertificateStatus", "CheckIn", "CheckInQuerySet", "Evaluation", "HoursTotal",
    "MonthTotal", "MonthVolunteer", "OrganizerKind", "PositionQuerySet", "RecordStatus", "ServiceRecord",
    "ServiceRecordQuerySet", "new_checkin_code", "new_checkin_token", "new_verification_code",
]
