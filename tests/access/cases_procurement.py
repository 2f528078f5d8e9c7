"""Purchased services: every page × every persona. Projects belong to a street office, so
community workers (below the purchaser) do not see them (404) and may not create (403)."""

from tests.access.cases_foundation import OUTSIDE_STREET
from tests.access.matrix import REDIRECT, Case, expect, read_only, same_as_get, staff_only
from tests.personas import ANONYMOUS, CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF
from tests.procurement.factories import access_fixture

STREET_A = {CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 404}
MANAGERS_ONLY = {CITY_STAFF: 200, STREET_STAFF: 200, COMMUNITY_WORKER: 403}
CITY_ONLY = {CITY_STAFF: 200, STREET_STAFF: 403, COMMUNITY_WORKER: 403}


def pk_of(street, key):
    return lambda w: {"pk": access_fixture(w)[street][key].pk}


def general_item(w):
    from apps.procurement.models import CatalogueItem

    return {"pk": CatalogueItem.objects.get(code="01").pk}


CONTRACT_FORMS = [
    "procurement_supplement_create", "procurement_target_create",
    "procurement_payment_plan", "procurement_report_create", "procurement_acceptance_create",
    "procurement_evaluation_create",
]
PROJECT_FORMS = ["procurement_project_update", "procurement_project_transition", "procurement_contract_award"]
ROW_PAGES = [("procurement_target_count", "target"), ("procurement_payment_record", "payment"),
             ("procurement_report_review", "report")]

# Publishing a contract needs no input: an empty POST publishes it.
DISCLOSE_A = staff_only({CITY_STAFF: REDIRECT, STREET_STAFF: REDIRECT, COMMUNITY_WORKER: 404}, superuser=REDIRECT)
DISCLOSE_B = staff_only({CITY_STAFF: REDIRECT, STREET_STAFF: 404, COMMUNITY_WORKER: 404}, superuser=REDIRECT)


def _street_cases(names, key, post):
    """Pages of street A's and street B's ``key`` object; forms re-show an empty POST (``same_as_get``)."""
    cases = []
    for name in names:
        cases += [Case(f"office:{name}", staff_only(STREET_A), kwargs=pk_of("a", key), label="street A", post=post),
                  Case(f"office:{name}", staff_only(OUTSIDE_STREET), kwargs=pk_of("b", key), label="street B",
                       post=post)]
    return cases


CASES = [
    Case("office:procurement_catalogue", staff_only(), post=read_only),
    Case("office:procurement_catalogue", staff_only(), label="export", query="_export=csv"),
    Case("office:procurement_catalogue_create", staff_only(MANAGERS_ONLY), post=same_as_get),
    Case("office:procurement_catalogue_update", staff_only(CITY_ONLY), kwargs=general_item, label="general",
         post=same_as_get),
    Case("office:procurement_catalogue_update", staff_only(MANAGERS_ONLY), kwargs=pk_of("a", "item"),
         label="street A (communities read it)", post=same_as_get),
    Case("office:procurement_catalogue_update", staff_only(OUTSIDE_STREET), kwargs=pk_of("b", "item"),
         label="street B", post=same_as_get),
    Case("office:procurement_project_list", staff_only(), post=read_only),
    Case("office:procurement_project_list", staff_only(), label="export", query="_export=xlsx"),
    Case("office:procurement_project_create", staff_only(MANAGERS_ONLY), post=same_as_get),
    Case("office:procurement_contract_list", staff_only(), post=read_only),
    Case("office:procurement_contract_list", staff_only(), label="overdue export",
         query="overdue=publication&_export=csv"),
    Case("office:procurement_contract_detail", staff_only(404, superuser=404), kwargs=lambda w: {"pk": 999999},
         label="missing", post=read_only),
    *_street_cases(["procurement_contract_detail"], "contract", read_only),
    *_street_cases(["procurement_project_detail"], "project", read_only),
    *_street_cases(PROJECT_FORMS, "project", same_as_get),
    *_street_cases(CONTRACT_FORMS, "contract", same_as_get),
    Case("office:procurement_contract_disclosure", staff_only(STREET_A), kwargs=pk_of("a", "contract"),
         label="street A", post=DISCLOSE_A),
    Case("office:procurement_contract_disclosure", staff_only(OUTSIDE_STREET), kwargs=pk_of("b", "contract"),
         label="street B", post=DISCLOSE_B),
    *[case for name, key in ROW_PAGES for case in _street_cases([name], key, same_as_get)],
    # 信息公开: open to everybody, including visitors without an account.
    Case("public:disclosure", expect(200, **{ANONYMOUS: 200}), post=read_only),
]
