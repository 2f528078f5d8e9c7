from tests.access.matrix import (
    LOGGED_OUT, LOGIN, REDIRECT, Case, any_logged_in, expect, read_only, same_as_get, staff_only,
)
from tests.personas import ANONYMOUS, CITY_STAFF, COMMUNITY_WORKER, ORG_USERS, STAFF, STREET_STAFF

# Another street's or community's object answers 404 to staff who may not see it.
OUTSIDE_STREET = {CITY_STAFF: 200, STREET_STAFF: 404, COMMUNITY_WORKER: 404}
OUTSIDE_COMMUNITY = {CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 404}


CASES = [
    Case("home", expect(REDIRECT, **{ANONYMOUS: LOGIN}), post=same_as_get),
    Case("login", expect(REDIRECT, **{ANONYMOUS: 200}), post=same_as_get),  # an empty form comes back
    Case("logout", expect(405, **{ANONYMOUS: LOGIN}), post=expect(LOGGED_OUT, **{ANONYMOUS: LOGIN})),
    Case("password_change", any_logged_in(), post=same_as_get),
    Case("password_change_done", any_logged_in(), post=read_only),
    Case("set_language", expect(REDIRECT), post=same_as_get),  # a GET changes nothing and goes back
    # Back office
    Case("office:home", staff_only(), post=read_only),
    Case("office:area_list", staff_only(), post=read_only),
    Case("office:area_list", staff_only(), label="export", query="_export=csv"),
    Case("office:area_detail", staff_only(), kwargs=lambda w: {"pk": w.community_a1.pk}, label="own community",
         post=read_only),
    Case("office:area_detail", staff_only(OUTSIDE_COMMUNITY), kwargs=lambda w: {"pk": w.community_a2.pk},
         label="other community, same street", post=read_only),
    Case("office:area_detail", staff_only(OUTSIDE_STREET), kwargs=lambda w: {"pk": w.community_b1.pk},
         label="other street", post=read_only),
    Case("office:area_detail", staff_only({CITY_STAFF: 200, STREET_STAFF: 404, COMMUNITY_WORKER: 404}),
         kwargs=lambda w: {"pk": w.city.pk}, label="above the user's area", post=read_only),
    # office:organization_* rows are in cases_organizations.py
    # Portal
    Case("portal:home", expect(200, **{ANONYMOUS: LOGIN, **dict.fromkeys(ORG_USERS, REDIRECT)}), post=read_only),
    # portal:org_home and portal:member_list rows are in cases_onboarding.py
]

assert all(set(case.expect) >= set(STAFF) for case in CASES)
