"""Access rows for the screens of issue 16: the public home page's check-in by code, the back
office's audit log, evidence downloads, volunteer and team editing, the portal's training and award
records."""

from tests.access.cases_foundation import OUTSIDE_STREET
from tests.access.cases_volunteers import _volunteer_pages
from tests.access.matrix import LOGIN, REDIRECT, Case, expect, org_a_page, read_only, same_as_get, staff_only
from tests.personas import ANONYMOUS, CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF
from tests.portal_work.world import portal_world
from tests.volunteers.world import volunteer_world

#: A street's purchases: its staff and the city's; community workers are below the purchaser.
STREET_A = {CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 404}
#: Staff at street level or above.
STREET_LEVEL = {CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 403}


def _team(attribute):
    return lambda w: {"pk": getattr(volunteer_world(w), attribute).pk}


def _portal_team(code_key, team_key):
    return lambda w: {"org": getattr(w, f"org_{code_key}").code, "pk": portal_world(w)[team_key].team.pk}


#: Dissolving: an empty POST dissolves the team today (the matrix rolls every request back).
DISSOLVES_A = staff_only({CITY_STAFF: REDIRECT, STREET_STAFF: REDIRECT, COMMUNITY_WORKER: REDIRECT},
                         superuser=REDIRECT)
DISSOLVES_B = staff_only({CITY_STAFF: REDIRECT, STREET_STAFF: 404, COMMUNITY_WORKER: 404}, superuser=REDIRECT)
NOT_THROUGH_B = expect(404, **{ANONYMOUS: LOGIN})


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
    # Teams: edit (an empty POST is the form again) and dissolve, in the back office and the portal.
    Case("office:team_update", staff_only(), kwargs=_team("team_a"), label="org A's team", post=same_as_get),
    Case("office:team_update", staff_only(OUTSIDE_STREET), kwargs=_team("team_b"), label="community B1's team",
         post=same_as_get),
    Case("office:team_dissolve", staff_only(), kwargs=_team("team_a"), label="org A's team", post=DISSOLVES_A),
    Case("office:team_dissolve", staff_only(OUTSIDE_STREET), kwargs=_team("team_b"), label="community B1's team",
         post=DISSOLVES_B),
    Case("portal:work_team_update", org_a_page("editor"), kwargs=_portal_team("a", "a"), label="own team",
         post=org_a_page("editor")),
    Case("portal:work_team_update", NOT_THROUGH_B, kwargs=_portal_team("b", "a"),
         label="org A's team under org B's code", post=NOT_THROUGH_B),
    Case("portal:work_team_dissolve", org_a_page("editor"), kwargs=_portal_team("a", "a"), label="own team",
         post=org_a_page("editor", REDIRECT)),
    Case("portal:work_team_dissolve", NOT_THROUGH_B, kwargs=_portal_team("b", "a"),
         label="org A's team under org B's code", post=NOT_THROUGH_B),
    # The portal's training and award records of its own volunteers: every member reads them.
    *[Case(f"portal:{name}", org_a_page("viewer"), kwargs=lambda w: {"org": w.org_a.code},
           post=org_a_page("viewer", 405))
      for name in ("work_training_list", "work_honour_list", "work_star_award_list")],
]
