"""Access rows for retrying an import whose background worker stopped (issue 14.12). POST only,
like cancelling; another area's job answers 404 (tests/imports/test_dead_workers.py)."""

from tests.access.cases_imports import _job
from tests.access.matrix import Case, staff_only
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF

CASES = [
    # An empty POST lacks the confirmation: the job's page again, with the error.
    Case("office:import_retry", staff_only(405, superuser=405), kwargs=_job("community_a1"), label="GET",
         post=staff_only()),
    Case("office:import_retry", staff_only(405, superuser=405), kwargs=_job("community_b1"), label="GET street B",
         post=staff_only({CITY_STAFF: 200, STREET_STAFF: 404, COMMUNITY_WORKER: 404})),
]
