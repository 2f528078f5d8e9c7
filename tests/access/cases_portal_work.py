"""Access rows for the organization's work pages in the portal (issue 6 part B).

Roles: viewer reads; editor registers volunteers, teams, activities, records, certificate
requests, progress and annual reports; admin confirms and corrects records and accepts,
issues and revokes certificates. Every object is fetched through the organization in the
URL: org B's object under org A's code answers 404, org A's under org B's code 404.
POST-only endpoints answer a GET with 405 to those who pass the role check; their POSTs,
including cross-tenant ones, are tested in tests/portal_work/test_isolation.py."""

from tests.access.matrix import LOGIN, Case, expect
from tests.personas import ANONYMOUS, ORG_A_ADMIN, ORG_A_VIEWER, ORG_B_ADMIN
from tests.portal_work.world import portal_world


def org_a(admin=200, viewer=200):
    """A page under org A's code: its members by role, everybody else 404."""
    return expect(404, **{ANONYMOUS: LOGIN, ORG_A_ADMIN: admin, ORG_A_VIEWER: viewer})


def org_b(b_admin=200):
    return expect(404, **{ANONYMOUS: LOGIN, ORG_B_ADMIN: b_admin})


def _code(key):
    return lambda w: {"org": getattr(w, f"org_{key}").code}


def _obj(code_key, obj_key, attribute):
    def kwargs(w):
        obj = getattr(portal_world(w)[obj_key], attribute)
        return {"org": getattr(w, f"org_{code_key}").code, "pk": obj.pk}
    return kwargs


LISTS = ["work_volunteer_list", "work_team_list", "work_activity_list", "work_record_list", "work_certificate_list",
         "work_contract_list"]
EDITOR_FORMS = ["work_volunteer_register", "work_volunteer_add", "work_team_create", "work_activity_create",
                "work_certificate_request"]
#: (url name, world attribute, least role) of pages showing one object.
OBJECT_PAGES = [
    ("work_team_detail", "team", "viewer"), ("work_activity_detail", "activity", "viewer"),
    ("work_record_detail", "record", "viewer"), ("work_certificate_detail", "certificate", "viewer"),
    ("work_certificate_pdf", "certificate", "viewer"), ("work_contract_detail", "contract", "viewer"),
    ("work_file", "evidence", "viewer"), ("work_progress_report", "contract", "editor"),
]
POST_ONLY_OBJECTS = [
    ("work_team_member_add", "team", "editor"), ("work_activity_records", "activity", "editor"),
    ("work_activity_confirm", "activity", "admin"), ("work_record_correct", "record", "admin"),
    ("work_record_status", "record", "admin"), ("work_certificate_accept", "certificate", "admin"),
    ("work_certificate_issue", "certificate", "admin"), ("work_certificate_revoke", "certificate", "admin"),
]

CASES = []
for name in LISTS + ["work_annual_reports"]:
    CASES += [
        Case(f"portal:{name}", org_a(), kwargs=_code("a"), label="org A"),
        Case(f"portal:{name}", org_b(), kwargs=_code("b"), label="org B"),
    ]
for name in LISTS:
    CASES += [
        Case(f"portal:{name}", org_a(), kwargs=_code("a"), label="org A csv", query="_export=csv"),
        Case(f"portal:{name}", org_b(), kwargs=_code("b"), label="org B xlsx", query="_export=xlsx"),
    ]
for name in EDITOR_FORMS:
    CASES += [
        Case(f"portal:{name}", org_a(viewer=403), kwargs=_code("a"), label="org A"),
        Case(f"portal:{name}", org_b(), kwargs=_code("b"), label="org B"),
    ]
for name, attribute, role in OBJECT_PAGES:
    viewer = 200 if role == "viewer" else 403
    CASES += [
        Case(f"portal:{name}", org_a(viewer=viewer), kwargs=_obj("a", "a", attribute), label="own"),
        Case(f"portal:{name}", org_a(admin=404, viewer=404 if role == "viewer" else 403),
             kwargs=_obj("a", "b", attribute), label="org B's object under org A's code"),
        Case(f"portal:{name}", org_b(404), kwargs=_obj("b", "a", attribute), label="org A's object under org B's code"),
    ]
for name, attribute, role in POST_ONLY_OBJECTS:
    CASES += [
        Case(f"portal:{name}", org_a(admin=405, viewer=403), kwargs=_obj("a", "a", attribute), label="GET"),
        Case(f"portal:{name}", org_b(405), kwargs=_obj("b", "a", attribute), label="GET, org A's object, org B"),
    ]
for name in ["work_records_confirm", "work_annual_report_submit"]:
    CASES += [Case(f"portal:{name}", org_a(admin=405, viewer=403), kwargs=_code("a"), label="GET"),
              Case(f"portal:{name}", org_b(405), kwargs=_code("b"), label="GET org B")]
