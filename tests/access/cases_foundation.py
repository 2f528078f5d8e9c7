from tests.access.matrix import LOGIN, REDIRECT, Case, any_logged_in, expect, staff_only
from tests.personas import (
    ANONYMOUS, CITY_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, ORG_A_VIEWER, ORG_B_ADMIN, ORG_USERS, STAFF,
    STREET_STAFF, SUPERUSER,
)

# Another street's or community's object answers 404 to staff who may not see it.
OUTSIDE_STREET = {CITY_STAFF: 200, STREET_STAFF: 404, COMMUNITY_WORKER: 404}
OUTSIDE_COMMUNITY = {CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 404}


def portal_page(org_a=200, viewer=None):
    """A portal page of organization A: its members by role, everybody else 404."""
    return expect(404, **{ANONYMOUS: LOGIN, ORG_A_ADMIN: org_a, ORG_A_VIEWER: org_a if viewer is None else viewer})


CASES = [
    Case("home", expect(REDIRECT, **{ANONYMOUS: LOGIN})),
    Case("login", expect(REDIRECT, **{ANONYMOUS: 200})),
    Case("logout", expect(405, **{ANONYMOUS: LOGIN})),
    Case("password_change", any_logged_in()),
    Case("password_change_done", any_logged_in()),
    Case("set_language", expect(REDIRECT)),  # a GET changes nothing and goes back
    # Back office
    Case("office:home", staff_only()),
    Case("office:area_list", staff_only()),
    Case("office:area_list", staff_only(), label="export", query="_export=csv"),
    Case("office:area_detail", staff_only(), kwargs=lambda w: {"pk": w.community_a1.pk}, label="own community"),
    Case("office:area_detail", staff_only(OUTSIDE_COMMUNITY), kwargs=lambda w: {"pk": w.community_a2.pk},
         label="other community, same street"),
    Case("office:area_detail", staff_only(OUTSIDE_STREET), kwargs=lambda w: {"pk": w.community_b1.pk},
         label="other street"),
    Case("office:area_detail", staff_only({CITY_STAFF: 200, STREET_STAFF: 404, COMMUNITY_WORKER: 404}),
         kwargs=lambda w: {"pk": w.city.pk}, label="above the user's area"),
    # office:organization_* rows are in cases_organizations.py
    # Portal
    Case("portal:home", expect(200, **{ANONYMOUS: LOGIN, **dict.fromkeys(ORG_USERS, REDIRECT)})),
    # portal:org_home and portal:member_list rows are in cases_onboarding.py
]

assert all(set(case.expect) >= set(STAFF) for case in CASES)
