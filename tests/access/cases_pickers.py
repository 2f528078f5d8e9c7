"""Access rows for the pickers' search URLs (issue 16.9): the back office's for staff, the portal's
for members of the organization in the URL (any role may see its volunteer list). A source the
audience does not search answers 404 to whoever passes the access check; POSTs are refused (405)."""

from tests.access.matrix import Case, org_a_page, org_b_page, read_only, staff_only


def _office(source):
    return lambda w: {"source": source}


def _portal(code_key, source):
    return lambda w: {"org": getattr(w, f"org_{code_key}").code, "source": source}


CASES = [
    Case("office:picker", staff_only(), kwargs=_office("volunteers"), label="volunteers", query="q=张",
         post=read_only),
    Case("office:picker", staff_only(), kwargs=_office("organizations"), label="organizations", query="q=宝石",
         post=read_only),
    Case("office:picker", staff_only(404, superuser=404), kwargs=_office("accounts"), label="unknown source",
         post=read_only),
    Case("portal:picker", org_a_page("viewer"), kwargs=_portal("a", "volunteers"), label="org A volunteers",
         query="q=张", post=org_a_page("viewer", 405)),
    Case("portal:picker", org_a_page("viewer", 404), kwargs=_portal("a", "organizations"),
         label="org A organizations", post=org_a_page("viewer", 405)),
    Case("portal:picker", org_b_page(), kwargs=_portal("b", "volunteers"), label="org B volunteers",
         post=org_b_page(405)),
]
