"""Access rows for the social-organization registry (issue 3).

Reading and ordinary records: every staff member within their area. Decisions of the street
office (status changes, grades, credit listings, penalties): street level and above; a
community worker is refused with 403 before any look-up. Another street's organization or
record answers 404.
"""

import datetime

from django.core.files.base import ContentFile

from apps.organizations.models import AnnualReport, Attachment, CreditListing, CreditListKind, IncubationRecord
from tests.access.cases_foundation import OUTSIDE_COMMUNITY, OUTSIDE_STREET
from tests.access.matrix import Case, read_only, same_as_get, staff_only
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF

DECISION = staff_only({CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 403})
DECISION_OUTSIDE_STREET = staff_only({CITY_STAFF: 200, STREET_STAFF: 404, COMMUNITY_WORKER: 403})
NOT_FOUND = staff_only(404, superuser=404)
REVEAL_GET = staff_only({CITY_STAFF: 405, STREET_STAFF: 405, COMMUNITY_WORKER: 403}, superuser=405)
REVEAL = DECISION
REVEAL_OUTSIDE_STREET = DECISION_OUTSIDE_STREET
DECISION_NOT_FOUND = staff_only({CITY_STAFF: 404, STREET_STAFF: 404, COMMUNITY_WORKER: 403}, superuser=404)


def _org(name):
    return lambda w: getattr(w, name)


def _report(org):
    return AnnualReport.objects.create(organization=org, year=2024, submitted_on=datetime.date(2025, 4, 1))


def _listing(org):
    return CreditListing.objects.create(organization=org, kind=CreditListKind.ABNORMAL, reason="未按时年报",
                                        decision_document="西民异〔2026〕1号", listed_on=datetime.date(2026, 6, 1))


def _incubation(org):
    return IncubationRecord.objects.create(organization=org, base="北山街道社会组织孵化园",
                                           entered_on=datetime.date(2025, 3, 1))


def _attachment(org):
    attachment = Attachment(organization=org, title="章程")
    attachment.file.save("charter.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    attachment.save()
    return attachment


def _org_cases(url_name, own, other_community, other_street, post=same_as_get):
    """``post``: a rule for all three, or a tuple of three POST rows."""
    posts = post if isinstance(post, tuple) else (post,) * 3
    return [
        Case(url_name, own, kwargs=lambda w: {"pk": w.org_a.pk}, label="org A", post=posts[0]),
        Case(url_name, other_community, kwargs=lambda w: {"pk": w.org_a2.pk}, label="org in other community",
             post=posts[1]),
        Case(url_name, other_street, kwargs=lambda w: {"pk": w.org_b.pk}, label="org B in other street",
             post=posts[2]),
    ]


def _record_cases(url_name, make, own, other_street, mismatched):
    """Forms on one record of an organization; an empty POST re-shows the form."""
    return [
        Case(url_name, own, kwargs=lambda w: {"pk": w.org_a.pk, "record_pk": make(w.org_a).pk}, label="org A",
             post=same_as_get),
        Case(url_name, other_street, kwargs=lambda w: {"pk": w.org_b.pk, "record_pk": make(w.org_b).pk},
             label="org B", post=same_as_get),
        # A record of org B reached through org A's URL is not found either.
        Case(url_name, mismatched, kwargs=lambda w: {"pk": w.org_a.pk, "record_pk": make(w.org_b).pk},
             label="org B's record under org A", post=same_as_get),
    ]


CASES = [
    Case("office:organization_list", staff_only(), post=read_only),
    Case("office:organization_list", staff_only(), label="export csv", query="_export=csv"),
    Case("office:organization_list", staff_only(), label="export xlsx", query="_export=xlsx"),
    Case("office:organization_list", staff_only(), label="filtered",
         query="keyword=51&legal_form=social_group&credit_status=normal&grade=none&report_overdue=yes"),
    Case("office:organization_create", staff_only(), post=same_as_get),
    *_org_cases("office:organization_detail", staff_only(), staff_only(OUTSIDE_COMMUNITY), staff_only(OUTSIDE_STREET),
                post=read_only),
    Case("office:organization_detail", staff_only(404, superuser=404), kwargs=lambda w: {"pk": 999999},
         label="missing", post=read_only),
    *_org_cases("office:organization_update", staff_only(), staff_only(OUTSIDE_COMMUNITY),
                staff_only(OUTSIDE_STREET)),
    *_org_cases("office:organization_report_create", staff_only(), staff_only(OUTSIDE_COMMUNITY),
                staff_only(OUTSIDE_STREET)),
    *_org_cases("office:organization_party", staff_only(), staff_only(OUTSIDE_COMMUNITY),
                staff_only(OUTSIDE_STREET)),
    *_org_cases("office:organization_incubation_create", staff_only(), staff_only(OUTSIDE_COMMUNITY),
                staff_only(OUTSIDE_STREET)),
    *_org_cases("office:organization_attachment_create", staff_only(), staff_only(OUTSIDE_COMMUNITY),
                staff_only(OUTSIDE_STREET)),
    *_org_cases("office:organization_status", DECISION, DECISION, DECISION_OUTSIDE_STREET),
    *_org_cases("office:organization_grade_create", DECISION, DECISION, DECISION_OUTSIDE_STREET),
    *_org_cases("office:organization_listing_create", DECISION, DECISION, DECISION_OUTSIDE_STREET),
    *_org_cases("office:organization_penalty_create", DECISION, DECISION, DECISION_OUTSIDE_STREET),
    *_record_cases("office:organization_report_update", _report, staff_only(), staff_only(OUTSIDE_STREET),
                   NOT_FOUND),
    *_record_cases("office:organization_incubation_update", _incubation, staff_only(), staff_only(OUTSIDE_STREET),
                   NOT_FOUND),
    *_record_cases("office:organization_listing_remove", _listing, DECISION, DECISION_OUTSIDE_STREET,
                   DECISION_NOT_FOUND),
    Case("office:organization_attachment", staff_only(), kwargs=lambda w: {"pk": _attachment(w.org_a).pk},
         label="org A's file", post=read_only),
    Case("office:organization_attachment", staff_only(OUTSIDE_COMMUNITY),
         kwargs=lambda w: {"pk": _attachment(w.org_a2).pk}, label="file of org in other community", post=read_only),
    Case("office:organization_attachment", staff_only(OUTSIDE_STREET), kwargs=lambda w: {"pk": _attachment(w.org_b).pk},
         label="org B's file", post=read_only),
    Case("office:organization_attachment", staff_only(404, superuser=404), kwargs=lambda w: {"pk": 999999},
         label="missing", post=read_only),
    # POST only (GET answers 405 to those past the role check); the audit entry is tested in
    # tests/organizations/test_contact_phone.py.
    *_org_cases("office:organization_contact_reveal", REVEAL_GET, REVEAL_GET, REVEAL_GET,
                post=(REVEAL, REVEAL, REVEAL_OUTSIDE_STREET)),
]
