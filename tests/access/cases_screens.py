"""Access rows for the screens of issue 16: the public home page's check-in by code, the back
office's audit log, evidence downloads, volunteer and team editing, the portal's training and award
records."""

from tests.access.matrix import Case, expect, same_as_get

CASES = [
    # Public: anyone may look an activity up by its code (limited per address); an empty POST is the
    # form again with its error.
    Case("public:checkin_find", expect(200), post=same_as_get),
]
