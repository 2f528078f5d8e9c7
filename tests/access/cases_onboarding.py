"""Access rows for issue 6 part A: sign-up, invitations, the organization's home, members,
profile and change requests (portal); review queues, auto-approval and view-as (back office).

Portal pages of organization A: its members by role, everybody else 404 (staff too, outside a
view-as session). Called with organization B's objects under A's code: 404.
"""

from tests.access.cases_foundation import OUTSIDE_STREET
from tests.access.matrix import LOGIN, REDIRECT, Case, expect, staff_only
from tests.onboarding.factories import make_application, make_change_request, make_document, make_invitation
from tests.personas import (
    ANONYMOUS, CITY_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, ORG_A_VIEWER, ORG_B_ADMIN, STREET_STAFF, SUPERUSER,
)
from apps.accounts.models import Membership, OrgRole

DECISION_GET = staff_only({CITY_STAFF: REDIRECT, STREET_STAFF: REDIRECT, COMMUNITY_WORKER: 403}, superuser=REDIRECT)
DECISION_GET_OUTSIDE = staff_only({CITY_STAFF: REDIRECT, STREET_STAFF: 404, COMMUNITY_WORKER: 403},
                                  superuser=REDIRECT)
DECISION_PAGE = staff_only({CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 403})


def portal_page(org_a=200, viewer=None):
    """A portal page of organization A: its members by role, everybody else 404."""
    return expect(404, **{ANONYMOUS: LOGIN, ORG_A_ADMIN: org_a, ORG_A_VIEWER: org_a if viewer is None else viewer})


def org_b_page(org_b=200):
    return expect(404, **{ANONYMOUS: LOGIN, ORG_B_ADMIN: org_b})


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


CASES = [
    # --- Portal: no organization in the URL ---
    Case("portal:signup", expect(REDIRECT, **{ANONYMOUS: 200})),
    Case("portal:invitation_accept", expect(200), label="valid link",
         kwargs=lambda w: {"token": make_invitation(w.org_a)[1]}),
    Case("portal:invitation_accept", expect(404), label="unknown link", kwargs=lambda w: {"token": "nope"}),
    Case("portal:switch", expect(404, **{ANONYMOUS: LOGIN, ORG_A_ADMIN: REDIRECT, ORG_A_VIEWER: REDIRECT}),
         kwargs=lambda w: {"code": w.org_a.code}, label="org A"),
    Case("portal:switch", expect(404, **{ANONYMOUS: LOGIN}), kwargs=lambda w: {"code": "nonexistent"},
         label="unknown code"),
    # --- Portal: organization A's pages ---
    Case("portal:org_home", portal_page(), kwargs=_a(), label="org A"),
    Case("portal:org_home", org_b_page(), kwargs=lambda w: {"org": w.org_b.code}, label="org B"),
    Case("portal:org_home", expect(404, **{ANONYMOUS: LOGIN}), kwargs=lambda w: {"org": "nonexistent"},
         label="unknown code"),
    Case("portal:member_list", portal_page(viewer=403), kwargs=_a(), label="org A"),
    Case("portal:member_list", org_b_page(), kwargs=lambda w: {"org": w.org_b.code}, label="org B"),
    Case("portal:member_invite", portal_page(org_a=REDIRECT, viewer=403), kwargs=_a()),
    Case("portal:member_role", portal_page(org_a=REDIRECT, viewer=403), kwargs=_a(_member("org_a", OrgRole.VIEWER)),
         label="own member"),
    Case("portal:member_role", portal_page(org_a=404, viewer=403), kwargs=_a(_member("org_b", OrgRole.ADMIN)),
         label="org B's member"),
    Case("portal:member_remove", portal_page(viewer=403), kwargs=_a(_member("org_a", OrgRole.VIEWER)),
         label="own member"),
    Case("portal:member_remove", portal_page(org_a=404, viewer=403), kwargs=_a(_member("org_b", OrgRole.ADMIN)),
         label="org B's member"),
    Case("portal:invitation_cancel", portal_page(viewer=403), kwargs=_a(_invitation("org_a")), label="own"),
    Case("portal:invitation_cancel", portal_page(org_a=404, viewer=403), kwargs=_a(_invitation("org_b")),
         label="org B's invitation"),
    Case("portal:profile", portal_page(), kwargs=_a(), label="org A"),
    Case("portal:profile", org_b_page(), kwargs=lambda w: {"org": w.org_b.code}, label="org B"),
    Case("portal:profile_contact", portal_page(viewer=403), kwargs=_a()),
    Case("portal:change_request_create", portal_page(viewer=403), kwargs=_a()),
    Case("portal:change_request_detail", portal_page(), kwargs=_a(_change("org_a")), label="own"),
    Case("portal:change_request_detail", portal_page(org_a=404), kwargs=_a(_change("org_b")),
         label="org B's change request"),
    # --- Back office ---
    Case("office:onboarding_application_list", staff_only()),
    Case("office:onboarding_application_detail", staff_only(), kwargs=_application("community_a1"), label="A1"),
    Case("office:onboarding_application_detail", staff_only(OUTSIDE_STREET), kwargs=_application("community_b1"),
         label="other street"),
    Case("office:onboarding_application_decide", DECISION_GET, kwargs=_application("community_a1"), label="A1"),
    Case("office:onboarding_application_decide", DECISION_GET_OUTSIDE, kwargs=_application("community_b1"),
         label="other street"),
    Case("office:onboarding_document", staff_only(), kwargs=_document("community_a1"), label="A1"),
    Case("office:onboarding_document", staff_only(OUTSIDE_STREET), kwargs=_document("community_b1"),
         label="other street"),
    Case("office:onboarding_change_list", staff_only()),
    Case("office:onboarding_change_detail", staff_only(), kwargs=_change("org_a"), label="org A"),
    Case("office:onboarding_change_detail", staff_only(OUTSIDE_STREET), kwargs=_change("org_b"), label="org B"),
    Case("office:onboarding_change_decide", DECISION_GET, kwargs=_change("org_a"), label="org A"),
    Case("office:onboarding_change_decide", DECISION_GET_OUTSIDE, kwargs=_change("org_b"), label="org B"),
    Case("office:onboarding_auto_approval", DECISION_PAGE),
    Case("office:organization_view_as", staff_only(), kwargs=lambda w: {"pk": w.org_a.pk}, label="org A"),
    Case("office:organization_view_as", staff_only(OUTSIDE_STREET), kwargs=lambda w: {"pk": w.org_b.pk},
         label="org B"),
    Case("office:view_as_end", staff_only(REDIRECT, superuser=REDIRECT)),
]

assert all(set(case.expect) >= {CITY_STAFF, STREET_STAFF, COMMUNITY_WORKER, SUPERUSER} for case in CASES)
