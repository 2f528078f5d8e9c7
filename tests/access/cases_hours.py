"""Access rows for the volunteer reviews of issue 15 (star awards under review, likely
duplicates, star thresholds).

The decisions are POST-only: a GET answers 405 to those who pass the role check; community
workers read but do not decide (403). Decisions by POST, the city-only change of the thresholds
and the tenant checks are tested in tests/volunteers/test_rule_*.py."""

from tests.access.matrix import Case, staff_only
from tests.personas import COMMUNITY_WORKER
from tests.volunteers.world import volunteer_world as vw

DECISION = {**staff_only(405, superuser=405), COMMUNITY_WORKER: 403}


def _volunteer_a(w):
    return {"pk": vw(w).volunteer_a.pk}


CASES = [
    # Every member of staff reads the table (read-only below city level).
    Case("office:volunteer_star_thresholds", staff_only()),
    Case("office:volunteer_star_review", DECISION, kwargs=_volunteer_a, label="GET"),
    Case("office:volunteer_duplicate_resolve", DECISION, kwargs=_volunteer_a, label="GET"),
]
