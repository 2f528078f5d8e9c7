"""Access rows for issue 6 part A: sign-up, invitations, the organization's home, members,
profile and change requests (portal); review queues, auto-approval and view-as (back office).

Portal pages of organization A: its members by role, everybody else 404 (staff too, outside a
view-as session). Called with organization B's objects under A's code: 404.
"""

from tests.access.cases_foundation import OUTSIDE_STREET
from tests.access.matrix import (
    LOGIN, REDIRECT, Case, expect, org_a_page, org_b_page, read_only, same_as_get, staff_only,
)
from tests.onboarding.factories import make_application, make_change_request, make_document, make_invitation
from tests.personas import (
    ANONYMOUS, CITY_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, ORG_A_EDITOR, ORG_A_VIEWER, STREET_STAFF, SUPERUSER,
)
from apps.accounts.models import Membership, OrgRole

DECISION_GET = staff_only({CITY_STAFF: REDIRECT, STREET_STAFF: REDIRECT, COMMUNITY_WORKER: 403}, superuser=REDIRECT)
DECISION_GET_OUTSIDE = staff_only({CITY_STAFF: REDIRECT, STREET_STAFF: 404, COMMUNITY_WORKER: 403},
                                  superuser=REDIRECT)
DECISION_PAGE = staff_only({CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 403})


def _a(extra=None):
    return lambda w: {"org": w.org_a.code, **(extra(w) if extra else {})}


def _member(org, role):
    return lambda w: {"pk": Membership.objects.get(organization=getattr(w, org), role=role).pk}


def _invitation(org):
    return lambda w: {"pk": make_invitation(getattr(w, org))[0].pk}


def _application(community):
    return lambda w: {"pk": make_application(getattr(w, community)).pk}


def _document(community):
    return lambda w: {"pk": make_document(make_application(getattr(w, community))).pk}


def _change(org):
    return lambda w: {"pk": make_change_request(getattr(w, org)).pk}


# Deciding: city and street staff; an empty POST re-shows the decision form.
DECISION_POST = staff_only({CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 403})
DECISION_POST_OUTSIDE = staff_only({CITY_STAFF: 200, STREET_STAFF: 404, COMMUNITY_WORKER: 403})


def _b(extra=None):
    return lambda w: {"org": w.org_b.code, **(extra(w) if extra else {})}


CASES = [
    # --- Portal: no organization in the URL ---
    Case("portal:signup", expect(REDIRECT, **{ANONYMOUS: 200}), post=same_as_get),
    # A logged-in user who follows a link joins with their account (org B's admin does; staff and
    # members of A are sent back with a message); a visitor's empty form comes back.
    Case("portal:invitation_accept", expect(200), label="valid link",
         kwargs=lambda w: {"token": make_invitation(w.org_a)[1]}, post=expect(REDIRECT, **{ANONYMOUS: 200})),
    Case("portal:invitation_accept", expect(404), label="unknown link", kwargs=lambda w: {"token": "nope"},
         post=same_as_get),
    Case("portal:switch", expect(404, **{ANONYMOUS: LOGIN, ORG_A_ADMIN: REDIRECT, ORG_A_EDITOR: REDIRECT,
                                         ORG_A_VIEWER: REDIRECT}),
         kwargs=lambda w: {"code": w.org_a.code}, label="org A", post=read_only),
    Case("portal:switch", expect(404, **{ANONYMOUS: LOGIN}), kwargs=lambda w: {"code": "nonexistent"},
         label="unknown code", post=read_only),
    # --- Portal: organization A's pages ---
    Case("portal:org_home", org_a_page("viewer"), kwargs=_a(), label="org A", post=org_a_page("viewer", 405)),
    Case("portal:org_home", org_b_page(), kwargs=_b(), label="org B", post=org_b_page(405)),
    Case("portal:org_home", expect(404, **{ANONYMOUS: LOGIN}), kwargs=lambda w: {"org": "nonexistent"},
         label="unknown code", post=same_as_get),
    Case("portal:member_list", org_a_page("admin"), kwargs=_a(), label="org A", post=org_a_page("admin", 405)),
    Case("portal:member_list", org_b_page(), kwargs=_b(), label="org B", post=org_b_page(405)),
    Case("portal:member_invite", org_a_page("admin", REDIRECT), kwargs=_a(), post=org_a_page("admin")),
    Case("portal:member_role", org_a_page("admin", REDIRECT), kwargs=_a(_member("org_a", OrgRole.VIEWER)),
         label="own member", post=org_a_page("admin", REDIRECT)),
    Case("portal:member_role", org_a_page("admin", 404), kwargs=_a(_member("org_b", OrgRole.ADMIN)),
         label="org B's member", post=same_as_get),
    Case("portal:member_remove", org_a_page("admin"), kwargs=_a(_member("org_a", OrgRole.VIEWER)),
         label="own member", post=org_a_page("admin", REDIRECT)),
    Case("portal:member_remove", org_a_page("admin", 404), kwargs=_a(_member("org_b", OrgRole.ADMIN)),
         label="org B's member", post=same_as_get),
    Case("portal:member_remove", org_b_page(404), kwargs=_b(_member("org_a", OrgRole.VIEWER)),
         label="org A's member under org B's code", post=same_as_get),
    Case("portal:invitation_cancel", org_a_page("admin"), kwargs=_a(_invitation("org_a")), label="own",
         post=org_a_page("admin", REDIRECT)),
    Case("portal:invitation_cancel", org_a_page("admin", 404), kwargs=_a(_invitation("org_b")),
         label="org B's invitation", post=same_as_get),
    Case("portal:profile", org_a_page("viewer"), kwargs=_a(), label="org A", post=org_a_page("viewer", 405)),
    Case("portal:profile", org_b_page(), kwargs=_b(), label="org B", post=org_b_page(405)),
    # Every contact field may be empty, so an empty POST saves.
    Case("portal:profile_contact", org_a_page("editor"), kwargs=_a(), post=org_a_page("editor", REDIRECT)),
    Case("portal:change_request_create", org_a_page("editor"), kwargs=_a(), post=same_as_get),
    Case("portal:change_request_detail", org_a_page("viewer"), kwargs=_a(_change("org_a")), label="own",
         post=org_a_page("viewer", 405)),
    Case("portal:change_request_detail", org_a_page("viewer", 404), kwargs=_a(_change("org_b")),
         label="org B's change request", post=org_a_page("viewer", 405)),
    # --- Back office ---
    Case("office:onboarding_application_list", staff_only(), post=read_only),
    Case("office:onboarding_application_detail", staff_only(), kwargs=_application("community_a1"), label="A1",
         post=read_only),
    Case("office:onboarding_application_detail", staff_only(OUTSIDE_STREET), kwargs=_application("community_b1"),
         label="other street", post=read_only),
    Case("office:onboarding_application_decide", DECISION_GET, kwargs=_application("community_a1"), label="A1",
         post=DECISION_POST),
    Case("office:onboarding_application_decide", DECISION_GET_OUTSIDE, kwargs=_application("community_b1"),
         label="other street", post=DECISION_POST_OUTSIDE),
    Case("office:onboarding_document", staff_only(), kwargs=_document("community_a1"), label="A1", post=read_only),
    Case("office:onboarding_document", staff_only(OUTSIDE_STREET), kwargs=_document("community_b1"),
         label="other street", post=read_only),
    Case("office:onboarding_change_list", staff_only(), post=read_only),
    Case("office:onboarding_change_detail", staff_only(), kwargs=_change("org_a"), label="org A", post=read_only),
    Case("office:onboarding_change_detail", staff_only(OUTSIDE_STREET), kwargs=_change("org_b"), label="org B",
         post=read_only),
    Case("office:onboarding_change_decide", DECISION_GET, kwargs=_change("org_a"), label="org A", post=DECISION_POST),
    Case("office:onboarding_change_decide", DECISION_GET_OUTSIDE, kwargs=_change("org_b"), label="org B",
         post=DECISION_POST_OUTSIDE),
    # An empty POST is a valid setting (every checkbox off) and is saved.
    Case("office:onboarding_auto_approval", DECISION_PAGE,
         post=staff_only({CITY_STAFF: REDIRECT, STREET_STAFF: REDIRECT, COMMUNITY_WORKER: 403}, superuser=REDIRECT)),
    # GET asks for confirmation; POST starts the view-as session.
    Case("office:organization_view_as", staff_only(), kwargs=lambda w: {"pk": w.org_a.pk}, label="org A",
         post=staff_only(REDIRECT, superuser=REDIRECT)),
    Case("office:organization_view_as", staff_only(OUTSIDE_STREET), kwargs=lambda w: {"pk": w.org_b.pk},
         label="org B", post=staff_only({CITY_STAFF: REDIRECT, STREET_STAFF: 404, COMMUNITY_WORKER: 404},
                                        superuser=REDIRECT)),
    Case("office:view_as_end", staff_only(REDIRECT, superuser=REDIRECT), post=same_as_get),
]

assert all(set(case.expect) >= {CITY_STAFF, STREET_STAFF, COMMUNITY_WORKER, SUPERUSER} for case in CASES)
