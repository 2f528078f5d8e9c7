"""The registry list: scoping for each persona, every filter, export of the filtered set, and a
query count that does not grow with the rows."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.audit.models import AuditAction, AuditEvent
from apps.organizations.models import (
    AnnualReport, CreditListing, CreditListKind, EvaluationGrade, LegalForm, Organization, OrgStatus, ServiceDomain,
)
from tests.organizations.helpers import code, make_org
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF, SUPERUSER

URL = reverse("office:organization_list")
TODAY = datetime.date.today()


def names(response):
    return sorted(row.record.name for row in response.context["table"].paginated_rows)


@pytest.mark.parametrize("persona, expected", [
    (CITY_STAFF, ["宝石邻里互助会", "白乐桥文体协会", "葛岭老年协会"]),
    (SUPERUSER, ["宝石邻里互助会", "白乐桥文体协会", "葛岭老年协会"]),
    (STREET_STAFF, ["宝石邻里互助会", "葛岭老年协会"]),
    (COMMUNITY_WORKER, ["宝石邻里互助会"]),
])
def test_each_persona_sees_its_area(world, client_for, persona, expected):
    assert names(client_for(persona).get(URL)) == expected


def test_filter_dropdowns_are_scoped(world, client_for):
    form = client_for(STREET_STAFF).get(URL).context["filter"].form
    assert world.community_b1 not in form.fields["area"].queryset
    assert world.community_a2 in form.fields["area"].queryset


@pytest.fixture
def registry(world):
    """Org A (world) plus organizations that each match one filter."""
    a1 = world.community_a1
    graded = make_org(a1, name="评级协会", credit_code=code("51330106", "MA2H3K4A"), founded_on=datetime.date(2015, 1, 1))
    EvaluationGrade.objects.create(organization=graded, grade=4, score=850, evaluated_on=TODAY - datetime.timedelta(days=30))
    for year in range(TODAY.year - 3, TODAY.year):
        AnnualReport.objects.create(organization=graded, year=year, submitted_on=datetime.date(year + 1, 3, 1))
    listed = make_org(a1, name="异常协会", legal_form=LegalForm.SERVICE_INSTITUTION, certificate_variant="legal_person",
                      credit_code=code("52330106"), founded_on=None)
    CreditListing.objects.create(organization=listed, kind=CreditListKind.ABNORMAL, reason="r", decision_document="d",
                                 listed_on=TODAY)
    filed = make_org(a1, name="备案书画队", legal_form=LegalForm.FILED_COMMUNITY, filing_number="西民备2026099",
                     status=OrgStatus.PREPARING)
    filed.domains.add(ServiceDomain.objects.get_or_create(name="文体")[0])
    overdue = make_org(a1, name="逾期协会", founded_on=datetime.date(2015, 1, 1))
    return {"graded": graded, "listed": listed, "filed": filed, "overdue": overdue}


@pytest.mark.parametrize("query, expected", [
    ("keyword=评级", ["评级协会"]),
    ("keyword=" + code("52330106")[:10], ["异常协会"]),
    ("keyword=西民备2026", ["备案书画队"]),
    ("legal_form=filed_community", ["备案书画队"]),
    ("status=preparing", ["备案书画队"]),
    ("credit_status=abnormal", ["异常协会"]),
    ("grade=4", ["评级协会"]),
    ("report_overdue=yes", ["逾期协会"]),
])
def test_filters(registry, client_for, query, expected):
    response = client_for(STREET_STAFF).get(f"{URL}?{query}")
    assert response.status_code == 200
    assert names(response) == expected


def test_domain_and_area_filters(world, registry, client_for):
    client = client_for(CITY_STAFF)
    domain = ServiceDomain.objects.get_or_create(name="文体")[0]
    assert names(client.get(f"{URL}?domain={domain.pk}")) == ["备案书画队"]
    assert names(client.get(f"{URL}?area={world.street_b.pk}")) == ["白乐桥文体协会"]
    assert "评级协会" not in names(client.get(f"{URL}?grade=none"))


def test_list_is_sortable_by_the_annotated_columns(registry, client_for):
    response = client_for(STREET_STAFF).get(f"{URL}?sort=-credit_status")
    assert response.status_code == 200
    assert response.context["table"].paginated_rows[0].record.name == "异常协会"


def test_csv_export_is_the_filtered_set_and_is_audited(registry, client_for, world):
    response = client_for(STREET_STAFF).get(f"{URL}?legal_form=social_group&_export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    exported = sorted(row[0] for row in rows[1:])
    assert exported == ["宝石邻里互助会", "葛岭老年协会", "评级协会", "逾期协会"]
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.row_count == 4 and event.actor == world.user(STREET_STAFF)


def test_xlsx_export(registry, client_for):
    response = client_for(STREET_STAFF).get(f"{URL}?credit_status=abnormal&_export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["异常协会"]


def test_export_masks_the_contact_phone(world, client_for):
    make_org(world.community_a1, name="电话协会", contact_phone="13800001234")
    content = b"".join(client_for(STREET_STAFF).get(f"{URL}?keyword=电话&_export=csv").streaming_content).decode("utf-8-sig")
    assert "138****1234" in content and "13800001234" not in content


def _bulk_organizations(area, count, offset):
    domain = ServiceDomain.objects.get_or_create(name="社区服务")[0]
    created = Organization.objects.bulk_create([
        Organization(name=f"批量协会{offset + n:05d}", area=area, legal_form=LegalForm.SOCIAL_GROUP,
                     founded_on=datetime.date(2015, 1, 1)) for n in range(count)
    ])
    Organization.domains.through.objects.bulk_create([
        Organization.domains.through(organization_id=o.pk, servicedomain_id=domain.pk) for o in created])
    CreditListing.objects.bulk_create([
        CreditListing(organization=o, kind=CreditListKind.ABNORMAL, reason="r", decision_document="d", listed_on=TODAY)
        for o in created[::3]])
    EvaluationGrade.objects.bulk_create([
        EvaluationGrade(organization=o, grade=3, score=750, evaluated_on=TODAY, valid_until=TODAY.replace(year=TODAY.year + 5))
        for o in created[::2]])


def _count_queries(client, query=""):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("query", ["", "credit_status=abnormal&report_overdue=yes", "sort=-current_grade"])
def test_query_count_does_not_grow_with_the_rows(world, client_for, query):
    client = client_for(STREET_STAFF)
    _bulk_organizations(world.community_a1, 10, 0)
    client.get(URL)  # warm up session and content-type caches
    with_ten = _count_queries(client, query)
    _bulk_organizations(world.community_a2, 990, 10)
    assert Organization.objects.count() > 1000
    with_thousand = _count_queries(client, query)
    assert with_ten == with_thousand
