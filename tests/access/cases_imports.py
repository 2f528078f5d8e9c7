"""Access rows for imports (issue 7). Jobs belong to the uploader's area: another area's job is 404."""

from apps.imports.models import ImportJob
from tests.access.cases_foundation import OUTSIDE_COMMUNITY, OUTSIDE_STREET
from tests.access.matrix import REDIRECT, Case, read_only, staff_only
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF


def _job(area_attribute):
    def kwargs(world):
        area = getattr(world, area_attribute)
        job = ImportJob.objects.filter(area=area).first() or ImportJob.objects.create(
            kind="volunteers", filename="v.xlsx", file="imports/none/v.xlsx", area=area)
        return {"pk": job.pk}
    return kwargs


# A POST to another street's job: 404 below the city.
SHOWN_STREET_B = {CITY_STAFF: 200, STREET_STAFF: 404, COMMUNITY_WORKER: 404}

CASES = [
    Case("office:import_list", staff_only(), post=read_only),
    Case("office:import_upload", staff_only(405, superuser=405), label="no file", post=staff_only()),
    Case("office:import_template", staff_only(), kwargs=lambda w: {"kind": "volunteers"}, post=read_only),
    Case("office:import_detail", staff_only(), kwargs=_job("community_a1"), label="job of A1", post=read_only),
    Case("office:import_detail", staff_only(OUTSIDE_COMMUNITY), kwargs=_job("community_a2"), label="job of A2",
         post=read_only),
    Case("office:import_detail", staff_only(OUTSIDE_STREET), kwargs=_job("community_b1"), label="job of street B",
         post=read_only),
    # GET asks nothing and goes back to the job; an empty POST re-shows the confirmation.
    Case("office:import_commit", staff_only(REDIRECT, superuser=REDIRECT), kwargs=_job("community_a1"),
         label="job of A1", post=staff_only()),
    Case("office:import_commit", staff_only({CITY_STAFF: REDIRECT, STREET_STAFF: 404, COMMUNITY_WORKER: 404},
                                            superuser=REDIRECT), kwargs=_job("community_b1"), label="job of street B",
         post=staff_only(OUTSIDE_STREET)),
    # Cancelling needs its ticked confirmation: an empty POST shows the job's page with the error.
    Case("office:import_cancel", staff_only(405, superuser=405), kwargs=_job("community_a1"), label="job of A1",
         post=staff_only()),
    Case("office:import_cancel", staff_only(405, superuser=405), kwargs=_job("community_b1"), label="job of street B",
         post=staff_only(SHOWN_STREET_B)),
]
