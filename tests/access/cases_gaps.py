"""Access rows for the URLs added while closing DOMAIN gaps (issue 15, point 12).

Recording that a team member left is a POST: a GET answers 405 to those who pass the role
check (staff in the back office; editors and admins of the organization in the portal), before
the membership is looked up. The POSTs themselves, across tenants too, are tested in
tests/volunteers/test_rule_team_membership_dates.py."""

from tests.access.matrix import LOGIN, REDIRECT, Case, expect, org_a_page, staff_only
from tests.personas import ANONYMOUS, ORG_B_ADMIN
from tests.portal_work.world import portal_world
from tests.volunteers.world import volunteer_world


def _office(w):
    team = volunteer_world(w).team_a
    return {"pk": team.pk, "membership_pk": team.memberships.get().pk}


def _portal(code_key, obj_key):
    def kwargs(w):
        team = portal_world(w)[obj_key].team
        return {"org": getattr(w, f"org_{code_key}").code, "pk": team.pk,
                "membership_pk": team.memberships.get().pk}
    return kwargs


CASES = [
    # An empty POST records the leaving today and goes back to the team.
    Case("office:team_member_leave", staff_only(405, superuser=405), kwargs=_office, label="GET",
         post=staff_only(REDIRECT, superuser=REDIRECT)),
    Case("portal:work_team_member_leave", org_a_page("editor", 405), kwargs=_portal("a", "a"), label="GET",
         post=org_a_page("editor", REDIRECT)),
    # Org B's admin passes the role check (GET 405), then the membership is not found through B (404).
    Case("portal:work_team_member_leave", expect(404, **{ANONYMOUS: LOGIN, ORG_B_ADMIN: 405}),
         kwargs=_portal("b", "a"), label="GET, org A's membership under org B's code",
         post=expect(404, **{ANONYMOUS: LOGIN})),
]
