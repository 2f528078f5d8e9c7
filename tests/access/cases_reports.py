"""Dashboard (office:home, in cases_foundation) and the street report × every persona: staff
see the areas of their scope, other areas answer 404, organization users 403. Nothing here takes a POST."""

from tests.access.cases_foundation import OUTSIDE_COMMUNITY, OUTSIDE_STREET
from tests.access.matrix import REDIRECT, Case, read_only, staff_only

PERIOD = "period=year&year=2026"


def area(name):
    return lambda w: {"pk": getattr(w, name).pk}


def file_of(name, fmt):
    return lambda w: {"pk": getattr(w, name).pk, "fmt": fmt}


CASES = [
    Case("office:report_street", staff_only(REDIRECT, superuser=REDIRECT), post=read_only),
    Case("office:report_street_view", staff_only(OUTSIDE_COMMUNITY), kwargs=area("street_a"), label="street A",
         post=read_only),
    Case("office:report_street_view", staff_only(), kwargs=area("community_a1"), label="own community",
         query=PERIOD, post=read_only),
    Case("office:report_street_view", staff_only(OUTSIDE_STREET), kwargs=area("street_b"), label="street B",
         post=read_only),
    Case("office:report_street_download", staff_only(OUTSIDE_COMMUNITY), kwargs=file_of("street_a", "xlsx"),
         label="street A xlsx", query=PERIOD, post=read_only),
    Case("office:report_street_download", staff_only(OUTSIDE_COMMUNITY), kwargs=file_of("street_a", "pdf"),
         label="street A pdf", query=PERIOD, post=read_only),
    Case("office:report_street_download", staff_only(OUTSIDE_STREET), kwargs=file_of("street_b", "pdf"),
         label="street B pdf", query=PERIOD, post=read_only),
    Case("office:report_street_download", staff_only(404, superuser=404), kwargs=file_of("street_a", "doc"),
         label="unknown format", query=PERIOD, post=read_only),
]
