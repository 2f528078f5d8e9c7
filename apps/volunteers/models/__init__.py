"""Volunteers and teams (DOMAIN §3).

``volunteers`` holds the registered person, consents, organization memberships and teams;
``records`` the star thresholds and awards, training and honour records; ``areas`` the kept
relation of volunteers and the areas they count in (upkeep: ``apps.volunteers.areas``).
"""

from .areas import VolunteerArea
from .records import AwardQuerySet, HonourRecord, StarAward, StarAwardStatus, StarThreshold, TrainingRecord
from .volunteers import (
    EXTRA_FIELDS, Consent, ConsentPurpose, ConsentQuerySet, DocumentType, DuplicateReview, MembershipQuerySet,
    PoliticalStatus, Sex, Team, TeamMembership, TeamMembershipQuerySet, TeamQuerySet, Volunteer,
    VolunteerMembership, VolunteerQuerySet, new_volunteer_number, person_key,
)

__all__ = [
    "EXTRA_FIELDS", "AwardQuerySet", "Consent", "ConsentPurpose", "ConsentQuerySet", "DocumentType", "DuplicateReview",
    "HonourRecord", "MembershipQuerySet", "PoliticalStatus", "Sex", "StarAward", "StarAwardStatus", "StarThreshold",
    "Team", "TeamMembership", "TeamMembershipQuerySet", "TeamQuerySet", "TrainingRecord", "Volunteer", "VolunteerArea",
    "VolunteerMembership", "VolunteerQuerySet", "new_volunteer_number", "person_key",
]
