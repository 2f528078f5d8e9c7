"""Access rows for volunteers, teams, activities, service records, certificates (issue 4).

POST-only endpoints answer a GET with 405 to those who pass the role check, before the object is
looked up; their POSTs (with an empty body: the action is refused with a message and a redirect)
are checked for an object in the user's area and for one in street B. The actions themselves are
tested in tests/volunteers and tests/activities."""

from tests.access.cases_foundation import OUTSIDE_COMMUNITY, OUTSIDE_STREET
from tests.access.matrix import LOGIN, REDIRECT, Case, expect, read_only, same_as_get, staff_only
from tests.personas import ANONYMOUS, CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF
from tests.volunteers.world import volunteer_world as vw

POST_ONLY = staff_only(405, superuser=405)


def _pk(attribute):
    return lambda w: {"pk": getattr(vw(w), attribute).pk}


def _post_only(url_name, attribute=None, attribute_b=None, **refused):
    """A POST-only action on the object ``attribute`` (in A1) and, if given, ``attribute_b`` (in street B):
    GET 405, POST redirects back for those who may act; ``refused`` states personas refused by role."""
    cases = [Case(url_name, {**POST_ONLY, **refused}, kwargs=_pk(attribute) if attribute else None,
                  label="in A1" if attribute else "",
                  post=staff_only(REDIRECT, superuser=REDIRECT) | refused)]
    if attribute_b:
        street_b = {CITY_STAFF: REDIRECT, STREET_STAFF: 404, COMMUNITY_WORKER: 404}
        cases.append(Case(url_name, {**POST_ONLY, **refused}, kwargs=_pk(attribute_b), label="in street B",
                          post=staff_only(street_b, superuser=REDIRECT) | refused))
    return cases


def _volunteer_pages(url_name, post=same_as_get):
    return [
        Case(url_name, staff_only(), kwargs=_pk("volunteer_a"), label="lives in A1", post=post),
        Case(url_name, staff_only(OUTSIDE_COMMUNITY), kwargs=_pk("volunteer_a2"), label="lives in A2", post=post),
        Case(url_name, staff_only(OUTSIDE_STREET), kwargs=_pk("volunteer_b"), label="street B", post=post),
    ]


def _consent(owner, consent_of):
    """URL kwargs for withdrawing ``consent_of``'s publication consent under ``owner``."""
    def kwargs(w):
        from apps.volunteers.models import Consent, ConsentPurpose

        consent, _ = Consent.objects.get_or_create(volunteer=getattr(vw(w), consent_of),
                                                   purpose=ConsentPurpose.PUBLICATION, withdrawn_at=None,
                                                   defaults={"version": "2026-01"})
        return {"pk": getattr(vw(w), owner).pk, "consent_pk": consent.pk}
    return kwargs


CASES = [
    Case("office:volunteer_list", staff_only(), post=read_only),
    Case("office:volunteer_list", staff_only(), label="export", query="_export=csv"),
    Case("office:volunteer_create", staff_only(), post=same_as_get),
    *_volunteer_pages("office:volunteer_detail", post=read_only),
    Case("office:volunteer_detail", staff_only(), kwargs=_pk("volunteer_b_serving_a"),
         label="lives in street B, serves with org A", post=read_only),
    *_post_only("office:volunteer_reveal", "volunteer_a", "volunteer_b", **{COMMUNITY_WORKER: 403}),
    *_post_only("office:volunteer_star_grant", "volunteer_a", "volunteer_b"),
    *[case for url_name in ("office:volunteer_training_create", "office:volunteer_honour_create",
                            "office:volunteer_consent_create") for case in _volunteer_pages(url_name)],
    # GET asks for confirmation; POST withdraws.
    Case("office:volunteer_consent_withdraw", staff_only(), kwargs=_consent("volunteer_a", "volunteer_a"),
         label="own consent", post=same_as_get),
    Case("office:volunteer_consent_withdraw", staff_only(404, superuser=404),
         kwargs=lambda w: {"pk": vw(w).volunteer_a.pk, "consent_pk": vw(w).volunteer_a.consents.get(
             purpose="registration").pk}, label="registration consent", post=same_as_get),
    Case("office:volunteer_consent_withdraw", staff_only(OUTSIDE_STREET), kwargs=_consent("volunteer_b", "volunteer_b"),
         label="street B", post=same_as_get),
    Case("office:volunteer_consent_withdraw", staff_only(404, superuser=404),
         kwargs=_consent("volunteer_a", "volunteer_b"), label="another volunteer's consent", post=same_as_get),
    *_post_only("office:certificate_request", "volunteer_a", "volunteer_b"),
    *_post_only("office:certificate_accept", "certificate_a", "certificate_b"),
    *_post_only("office:certificate_issue", "certificate_a", "certificate_b"),
    *_post_only("office:certificate_revoke", "certificate_a", "certificate_b"),
    Case("office:certificate_pdf", staff_only(), kwargs=_pk("certificate_a"), label="org A", post=read_only),
    Case("office:certificate_pdf", staff_only(OUTSIDE_STREET), kwargs=_pk("certificate_b"), label="org B",
         post=read_only),
    Case("office:team_list", staff_only(), post=read_only),
    Case("office:team_list", staff_only(), label="export", query="_export=xlsx"),
    Case("office:team_create", staff_only(), post=same_as_get),
    Case("office:team_detail", staff_only(), kwargs=_pk("team_a"), label="org A's team", post=read_only),
    Case("office:team_detail", staff_only(OUTSIDE_STREET), kwargs=_pk("team_b"), label="community B1's team",
         post=read_only),
    *_post_only("office:team_member_add", "team_a", "team_b"),
    Case("office:activity_list", staff_only(), post=read_only),
    Case("office:activity_list", staff_only(), label="export", query="_export=csv"),
    Case("office:activity_create", staff_only(), post=same_as_get),
    Case("office:activity_detail", staff_only(), kwargs=_pk("activity_a"), label="org A", post=read_only),
    Case("office:activity_detail", staff_only(OUTSIDE_STREET), kwargs=_pk("activity_b"), label="org B",
         post=read_only),
    *_post_only("office:activity_record_entry", "activity_a", "activity_b"),
    *_post_only("office:activity_confirm", "activity_a", "activity_b"),
    Case("office:record_list", staff_only(), post=read_only),
    Case("office:record_list", staff_only(), label="export", query="_export=xlsx"),
    *_post_only("office:records_confirm"),
    Case("office:record_national_export", staff_only(), post=read_only),
    Case("office:record_detail", staff_only(), kwargs=_pk("record_a"), label="org A", post=read_only),
    Case("office:record_detail", staff_only(OUTSIDE_STREET), kwargs=_pk("record_b"), label="org B", post=read_only),
    Case("office:record_detail", staff_only(404, superuser=404), kwargs=lambda w: {"pk": 999999}, label="missing",
         post=read_only),
    *_post_only("office:record_correct", "record_a", "record_b"),
    *_post_only("office:record_status", "record_a", "record_b"),
    # Public pages: no log-in. Check-in and verification are forms; an empty one comes back.
    Case("public:checkin", expect(200), kwargs=lambda w: {"token": vw(w).activity_a.checkin_token}, post=same_as_get),
    Case("public:checkin", expect(404), kwargs=lambda w: {"token": "forged-token"}, label="unknown", post=same_as_get),
    Case("public:verify", expect(200), post=same_as_get),
    Case("public:verify_code", expect(200), kwargs=lambda w: {"code": vw(w).certificate_a.verification_code},
         label="genuine", post=same_as_get),
    Case("public:verify_code", expect(404), kwargs=lambda w: {"code": "FORGED234567"}, label="forged",
         post=same_as_get),
]

assert all(case.expect[ANONYMOUS] in (LOGIN, 200, 404) for case in CASES)
