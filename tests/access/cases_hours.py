"""Access rows for the volunteer reviews of issue 15 (star awards under review, likely
duplicates, star thresholds).

The decisions are POST-only: a GET answers 405 to those who pass the role check; community
workers read but do not decide (403). Decisions by POST, the city-only change of the thresholds
and the tenant checks are tested in tests/volunteers/test_rule_*.py."""

from tests.access.matrix import REDIRECT, Case, staff_only
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF
from tests.volunteers.world import volunteer_world as vw

DECISION = {**staff_only(405, superuser=405), COMMUNITY_WORKER: 403}
#: An empty POST is a decision without its choice: back to the volunteer with the error message.
DECIDED = {**staff_only(REDIRECT, superuser=REDIRECT), COMMUNITY_WORKER: 403}
#: Only city staff (and superusers) change the thresholds; an empty POST re-shows the form.
CITY_EDITS = staff_only({CITY_STAFF: 200, STREET_STAFF: 403, COMMUNITY_WORKER: 403})


def _volunteer_a(w):
    return {"pk": vw(w).volunteer_a.pk}


CASES = [
    # Every member of staff reads the table (read-only below city level).
    Case("office:volunteer_star_thresholds", staff_only(), post=CITY_EDITS),
    Case("office:volunteer_star_review", DECISION, kwargs=_volunteer_a, label="GET", post=DECIDED),
    Case("office:volunteer_duplicate_resolve", DECISION, kwargs=_volunteer_a, label="GET", post=DECIDED),
]
