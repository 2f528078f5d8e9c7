"""Access rows for the screens of issue 16: the public home page's check-in by code, the back
office's audit log, evidence downloads, volunteer and team editing, the portal's training and award
records."""

from tests.access.matrix import Case, expect, read_only, same_as_get, staff_only
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF

CASES = [
    # Public: anyone may look an activity up by its code (limited per address); an empty POST is the
    # form again with its error.
    Case("public:checkin_find", expect(200), post=same_as_get),
    # The audit log: staff at street level or above (community workers only read their records).
    Case("office:audit_log", staff_only({CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 403}), post=read_only),
    Case("office:audit_event_log", staff_only({CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 403}), post=read_only),
]
