"""Access rows for an organization's imports in the portal (issue 16.3): editors and admins of the
organization; a job is fetched through the organization in the URL (another organization's job:
404); staff do not see an organization's jobs in the back office (they have no area)."""

from apps.imports.models import ImportJob
from tests.access.matrix import LOGIN, REDIRECT, Case, expect, org_a_page, org_b_page, read_only, staff_only
from tests.personas import ANONYMOUS, ORG_A_MEMBERS, ROLES, SUPERUSER


def _code(key):
    return lambda w: {"org": getattr(w, f"org_{key}").code}


def _portal_job(world, key):
    organization = getattr(world, f"org_{key}")
    return ImportJob.objects.filter(organization=organization).first() or ImportJob.objects.create(
        kind="volunteers", filename="v.xlsx", file="imports/none/v.xlsx", organization=organization)


def _job(code_key, job_key):
    return lambda w: {"org": getattr(w, f"org_{code_key}").code, "pk": _portal_job(w, job_key).pk}


def _other_tenant(role, allowed):
    """Org B's job under org A's code: A's members with ``role`` get 404 (the job is not A's), or 405
    where the view lacks the method (answered before the job is looked up); lower roles 403."""
    row = expect(404, **{ANONYMOUS: LOGIN})
    for persona, member_role in ORG_A_MEMBERS.items():
        row[persona] = (405 if allowed == 405 else 404) if ROLES.index(member_role) >= ROLES.index(role) else 403
    return row


def _unknown(allowed):
    return 405 if allowed == 405 else 404


def _pages(name, get, post, kwargs=_job):
    """The page of org A's job under A's code, of B's job under A's code, of A's job under B's code."""
    return [
        Case(f"portal:{name}", org_a_page("editor", get), kwargs=kwargs("a", "a"), label="A's job",
             post=org_a_page("editor", post)),
        Case(f"portal:{name}", _other_tenant("editor", get), kwargs=kwargs("a", "b"), label="B's job under A",
             post=_other_tenant("editor", post)),
        Case(f"portal:{name}", org_b_page(_unknown(get)), kwargs=kwargs("b", "a"), label="A's job under B",
             post=org_b_page(_unknown(post))),
    ]


CASES = [
    Case("portal:work_import_list", org_a_page("editor"), kwargs=_code("a"), label="org A",
         post=org_a_page("editor", 405)),
    Case("portal:work_import_list", org_b_page(), kwargs=_code("b"), label="org B", post=org_b_page(405)),
    # No GET; an empty POST shows the import page again with the form's errors.
    Case("portal:work_import_upload", org_a_page("editor", 405), kwargs=_code("a"), label="org A",
         post=org_a_page("editor", 200)),
    Case("portal:work_import_upload", org_b_page(405), kwargs=_code("b"), label="org B", post=org_b_page(200)),
    Case("portal:work_import_template", org_a_page("editor"), kwargs=lambda w: {"org": w.org_a.code, "kind": "records"},
         label="records", post=org_a_page("editor", 405)),
    # Organizations are imported by staff only.
    Case("portal:work_import_template", org_a_page("editor", 404),
         kwargs=lambda w: {"org": w.org_a.code, "kind": "organizations"}, label="organizations",
         post=org_a_page("editor", 405)),
    *_pages("work_import_detail", 200, 405),
    # GET goes back to the job; an empty POST re-shows the confirmation.
    *_pages("work_import_commit", REDIRECT, 200),
    # Cancelling and retrying need their ticked confirmation: an empty POST shows the job's page.
    *_pages("work_import_cancel", 405, 200),
    *_pages("work_import_retry", 405, 200),
    # An organization's job is in no area: the back office shows it to superusers only.
    Case("office:import_detail", staff_only(404, superuser=200), kwargs=lambda w: {"pk": _portal_job(w, "a").pk},
         label="portal job of org A", post=read_only(staff_only(404, superuser=200))),
    Case("office:import_commit", staff_only(404, superuser=REDIRECT), kwargs=lambda w: {"pk": _portal_job(w, "a").pk},
         label="portal job of org A", post=staff_only(404, superuser=200)),
]
