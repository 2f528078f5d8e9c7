"""The working calendar (holiday arrangements): every member of staff reads it; only city staff
and superusers change it (street staff and community workers get 403, before any look-up, so a
missing day answers 403 to them and 404 to those who may change it)."""

from datetime import date

from tests.access.matrix import REDIRECT, Case, read_only, same_as_get, staff_only
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF

CITY_ONLY = {CITY_STAFF: 200, STREET_STAFF: 403, COMMUNITY_WORKER: 403}
#: A deletion by POST (no confirmation form): done and back to the year for those who may change it.
CITY_DELETES = {CITY_STAFF: REDIRECT, STREET_STAFF: 403, COMMUNITY_WORKER: 403}
CITY_ONLY_MISSING = {CITY_STAFF: 404, STREET_STAFF: 403, COMMUNITY_WORKER: 403}
NO_SUCH_YEAR = {CITY_STAFF: 404, STREET_STAFF: 404, COMMUNITY_WORKER: 404}


def national_day_2026(w):
    from apps.holidays.models import HolidayDay

    return {"pk": HolidayDay.objects.get(date=date(2026, 10, 1)).pk}


CASES = [
    Case("office:holiday_year_list", staff_only(), post=read_only),
    Case("office:holiday_year_list", staff_only(), label="export", query="_export=csv"),
    Case("office:holiday_year_detail", staff_only(), kwargs=lambda w: {"year": 2026}, label="entered",
         post=read_only),
    Case("office:holiday_year_detail", staff_only(), kwargs=lambda w: {"year": 2027}, label="no row yet",
         post=read_only),
    Case("office:holiday_year_detail", staff_only(NO_SUCH_YEAR, superuser=404), kwargs=lambda w: {"year": 1900},
         label="out of range", post=read_only),
    Case("office:holiday_day_create", staff_only(CITY_ONLY), kwargs=lambda w: {"year": 2027}, post=same_as_get),
    Case("office:holiday_day_create", staff_only(CITY_ONLY_MISSING, superuser=404), kwargs=lambda w: {"year": 3000},
         label="out of range", post=same_as_get),
    Case("office:holiday_year_enter", staff_only(CITY_ONLY), kwargs=lambda w: {"year": 2027}, post=same_as_get),
    Case("office:holiday_day_update", staff_only(CITY_ONLY), kwargs=national_day_2026, post=same_as_get),
    Case("office:holiday_day_update", staff_only(CITY_ONLY_MISSING, superuser=404), kwargs=lambda w: {"pk": 999999},
         label="missing", post=same_as_get),
    Case("office:holiday_day_delete", staff_only(CITY_ONLY), kwargs=national_day_2026,
         post=staff_only(CITY_DELETES, superuser=REDIRECT)),
    Case("office:holiday_day_delete", staff_only(CITY_ONLY_MISSING, superuser=404), kwargs=lambda w: {"pk": 999999},
         label="missing", post=same_as_get),
]
