"""Access rows for the organization's work pages in the portal (issue 6 part B).

Roles: viewer reads; editor registers volunteers, teams, activities, records, certificate
requests, progress and annual reports; admin confirms and corrects records and accepts,
issues and revokes certificates. Each URL below states the least role it needs, and its rows
follow from it (``org_a_page``), so the editor persona tells an editor view from an admin one.
Every object is fetched through the organization in the URL: org B's object under org A's code
answers 404, org A's under org B's code 404.

The portal middleware checks the tenant (404) and the role (403) before the view runs; the view
then answers a method it lacks with 405 before it looks the object up. POSTs carry an empty body:
forms come back with their errors (200), actions are refused with a message and a redirect.
Cross-tenant POSTs with a real body are in tests/portal_work/test_isolation.py."""

from tests.access.matrix import REDIRECT, Case, org_a_page, org_b_page
from tests.portal_work.world import portal_world


def _code(key):
    return lambda w: {"org": getattr(w, f"org_{key}").code}


def _obj(code_key, obj_key, attribute):
    def kwargs(w):
        obj = getattr(portal_world(w)[obj_key], attribute)
        return {"org": getattr(w, f"org_{code_key}").code, "pk": obj.pk}
    return kwargs


#: (url name, least role) of lists; exports of the filtered list are their ``_export`` variants.
LISTS = [("work_volunteer_list", "viewer"), ("work_team_list", "viewer"), ("work_activity_list", "viewer"),
         ("work_record_list", "viewer"), ("work_certificate_list", "viewer"), ("work_contract_list", "viewer")]
#: (url name, least role) of form pages without an object.
FORMS = [("work_volunteer_register", "editor"), ("work_volunteer_add", "editor"), ("work_team_create", "editor"),
         ("work_activity_create", "editor"), ("work_certificate_request", "editor")]
#: (url name, world attribute, least role) of read-only pages showing one object.
OBJECT_PAGES = [
    ("work_team_detail", "team", "viewer"), ("work_activity_detail", "activity", "viewer"),
    ("work_record_detail", "record", "viewer"), ("work_certificate_detail", "certificate", "viewer"),
    ("work_certificate_pdf", "certificate", "viewer"), ("work_contract_detail", "contract", "viewer"),
    ("work_file", "evidence", "viewer"),
]
#: (url name, world attribute, least role) of forms on one object.
OBJECT_FORMS = [("work_progress_report", "contract", "editor")]
#: (url name, world attribute, least role) of POST-only actions on one object.
POST_ONLY_OBJECTS = [
    ("work_team_member_add", "team", "editor"), ("work_activity_records", "activity", "editor"),
    ("work_activity_confirm", "activity", "admin"), ("work_record_correct", "record", "admin"),
    ("work_record_status", "record", "admin"), ("work_certificate_accept", "certificate", "admin"),
    ("work_certificate_issue", "certificate", "admin"), ("work_certificate_revoke", "certificate", "admin"),
]
#: (url name, least role, answer to an empty POST) of POST-only actions without an object.
POST_ONLY = [("work_records_confirm", "admin", REDIRECT), ("work_annual_report_submit", "editor", 200)]


def _org_cases(name, role, get, post, label=""):
    """The page under org A's code and under org B's, by role; ``get`` and ``post``: the allowed answers."""
    return [Case(f"portal:{name}", org_a_page(role, get), kwargs=_code("a"), label=f"org A{label}",
                 post=org_a_page(role, post)),
            Case(f"portal:{name}", org_b_page(get), kwargs=_code("b"), label=f"org B{label}", post=org_b_page(post))]


def _object_cases(name, attribute, role, get, post):
    """Own object; org B's object under org A's code (404 once past the role check, but a missing
    method answers 405 first); org A's object under org B's code."""
    mismatched_get = 404 if get == 200 else get
    mismatched_post = 405 if post == 405 else 404
    return [
        Case(f"portal:{name}", org_a_page(role, get), kwargs=_obj("a", "a", attribute), label="own",
             post=org_a_page(role, post)),
        Case(f"portal:{name}", org_a_page(role, mismatched_get), kwargs=_obj("a", "b", attribute),
             label="org B's object under org A's code", post=org_a_page(role, mismatched_post)),
        Case(f"portal:{name}", org_b_page(mismatched_get), kwargs=_obj("b", "a", attribute),
             label="org A's object under org B's code", post=org_b_page(mismatched_post)),
    ]


CASES = []
for name, role in LISTS:
    CASES += _org_cases(name, role, 200, 405)
    CASES += [Case(f"portal:{name}", org_a_page(role), kwargs=_code("a"), label="org A csv", query="_export=csv"),
              Case(f"portal:{name}", org_b_page(), kwargs=_code("b"), label="org B xlsx", query="_export=xlsx")]
# The list shows the submission form, but the form posts to work_annual_report_submit.
CASES += _org_cases("work_annual_reports", "viewer", 200, 405)
for name, role in FORMS:
    CASES += _org_cases(name, role, 200, 200)
for name, attribute, role in OBJECT_PAGES:
    CASES += _object_cases(name, attribute, role, 200, 405)
for name, attribute, role in OBJECT_FORMS:
    CASES += _object_cases(name, attribute, role, 200, 200)
for name, attribute, role in POST_ONLY_OBJECTS:
    CASES += _object_cases(name, attribute, role, 405, REDIRECT)
for name, role, answer in POST_ONLY:
    CASES += _org_cases(name, role, 405, answer)
