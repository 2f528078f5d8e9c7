"""Access rows for imports (issue 7). Jobs belong to the uploader's area: another area's job is 404."""

from apps.imports.models import ImportJob
from tests.access.cases_foundation import OUTSIDE_COMMUNITY, OUTSIDE_STREET
from tests.access.matrix import REDIRECT, Case, staff_only


def _job(area_attribute):
    def kwargs(world):
        area = getattr(world, area_attribute)
        job = ImportJob.objects.filter(area=area).first() or ImportJob.objects.create(
            kind="volunteers", filename="v.xlsx", file="imports/none/v.xlsx", area=area)
        return {"pk": job.pk}
    return kwargs


CASES = [
    Case("office:import_list", staff_only()),
    Case("office:import_upload", staff_only(405, superuser=405), label="GET"),
    Case("office:import_template", staff_only(), kwargs=lambda w: {"kind": "volunteers"}),
    Case("office:import_detail", staff_only(), kwargs=_job("community_a1"), label="job of A1"),
    Case("office:import_detail", staff_only(OUTSIDE_COMMUNITY), kwargs=_job("community_a2"), label="job of A2"),
    Case("office:import_detail", staff_only(OUTSIDE_STREET), kwargs=_job("community_b1"), label="job of street B"),
    Case("office:import_commit", staff_only(REDIRECT, superuser=REDIRECT), kwargs=_job("community_a1"),
         label="GET"),
    Case("office:import_commit", staff_only({"city_staff": REDIRECT, "street_staff": 404, "community_worker": 404},
                                            superuser=REDIRECT), kwargs=_job("community_b1"), label="GET street B"),
    Case("office:import_cancel", staff_only(405, superuser=405), kwargs=_job("community_a1"), label="GET"),
]
