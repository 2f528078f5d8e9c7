"""Access rows for the screens of issue 16: the public home page's check-in by code, the back
office's audit log, evidence downloads, volunteer and team editing, the portal's training and award
records."""

from tests.access.matrix import Case, expect, read_only, same_as_get, staff_only
from tests.access.cases_foundation import OUTSIDE_STREET
from tests.access.cases_volunteers import _volunteer_pages
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF
from tests.portal_work.world import portal_world

#: A street's purchases: its staff and the city's; community workers are below the purchaser.
STREET_A = {CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 404}
#: Staff at street level or above.
STREET_LEVEL = {CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 403}


def _evidence(key):
    return lambda w: {"pk": portal_world(w)[key].report.pk, "attachment_pk": portal_world(w)[key].evidence.pk}


CASES = [
    # Public: anyone may look an activity up by its code (limited per address); an empty POST is the
    # form again with its error.
    Case("public:checkin_find", expect(200), post=same_as_get),
    # The audit log: staff at street level or above (community workers only read their records).
    Case("office:audit_log", staff_only(STREET_LEVEL), post=read_only),
    Case("office:audit_event_log", staff_only(STREET_LEVEL), post=read_only),
    # A progress report's evidence file, through the report (downloads only: a POST is 405).
    Case("office:procurement_report_evidence", staff_only(STREET_A), kwargs=_evidence("a"), label="street A",
         post=read_only),
    Case("office:procurement_report_evidence", staff_only(OUTSIDE_STREET), kwargs=_evidence("b"), label="street B",
         post=read_only),
    # Editing a volunteer: whoever sees the volunteer; an empty POST is the form again with its errors.
    *_volunteer_pages("office:volunteer_update"),
]
