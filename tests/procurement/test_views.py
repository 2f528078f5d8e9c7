from datetime import date, timedelta
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.organizations.models import CreditListing, CreditListKind, OrgStatus
from apps.procurement import services
from apps.procurement.models import Contract, Project, ProjectStatus
from tests.personas import ANONYMOUS, COMMUNITY_WORKER, STREET_STAFF
from tests.procurement import factories


def _add_rows(world, project, template, count, prefix):
    """``count`` more published contracts and projects (bulk: the list pages must not care)."""
    Contract.objects.bulk_create([
        Contract(project=project, provider=world.org_a if i % 2 else world.org_a2, number=f"{prefix}-{i}",
                 amount=Decimal("1000"), signed_on=template.signed_on, start_date=template.start_date,
                 end_date=template.end_date, content="x", publication_due=template.publication_due,
                 filing_due=template.filing_due, published_on=template.signed_on + timedelta(days=1))
        for i in range(count)
    ])
    Project.objects.bulk_create([
        Project(purchaser=world.street_a, name=f"{prefix}项目{i}", catalogue_item=factories.catalogue_item(),
                fiscal_year=2025, budget_amount=Decimal("1000"), budget_reference="x", funding_source="own_budget",
                procurement_method="other")
        for i in range(count)
    ])


@pytest.mark.parametrize("url", [
    reverse("office:procurement_project_list"), reverse("office:procurement_contract_list"),
    reverse("office:procurement_catalogue"), reverse("public:disclosure"),
])
def test_list_query_count_does_not_grow_with_rows(world, client_for, url):
    client = client_for(STREET_STAFF)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    project = factories.project(world, budget="100000000")
    template = factories.contract(world, project, number="FIRST")
    _add_rows(world, project, template, 9, "TEN")
    with_ten = count_queries()
    _add_rows(world, project, template, 190, "MORE")
    assert count_queries() == with_ten


def test_public_disclosure_shows_published_contracts_and_lists_without_personal_data(world, client_for):
    org = world.org_a
    org.credit_code, org.representative, org.contact_name, org.contact_phone = (
        "51330106MJ0000000X", "张三丰", "李四光", "13812345678")
    org.save()
    published = factories.contract(world, factories.project(world))
    services.contract_disclosure_record(actor=world.user(STREET_STAFF), contract=published,
                                        published_on=date(2025, 3, 4))
    unpublished = factories.contract(world, factories.project(world, name="未公开项目"), number="XH-2025-002",
                                     provider=world.org_a2)
    CreditListing.objects.create(organization=world.org_b, kind=CreditListKind.ABNORMAL, reason="联系人王五失联",
                                 decision_document="杭民〔2025〕9号", listed_on=date(2025, 1, 2))
    page = client_for(ANONYMOUS).get(reverse("public:disclosure")).content.decode()
    assert published.number in page and org.name in page and "¥100,000.00" in page and "2025-03-04" in page
    assert unpublished.number not in page and "未公开项目" not in page
    assert world.org_b.name in page and "杭民〔2025〕9号" in page
    for personal in ["张三丰", "李四光", "13812345678", "王五", world.user(STREET_STAFF).username]:
        assert personal not in page


def test_project_created_and_moved_through_the_pages_with_the_actor_in_the_audit_trail(world, client_for):
    client = client_for(STREET_STAFF)
    response = client.post(reverse("office:procurement_project_create"), {
        "purchaser": world.street_a.pk, "name": "助餐服务", "catalogue_item": factories.catalogue_item().pk,
        "fiscal_year": 2025, "budget_amount": "50000", "budget_reference": "西财预〔2025〕1号",
        "funding_source": "own_budget", "procurement_method": "consultation",
    })
    project = Project.objects.get(name="助餐服务")
    assert response.status_code == 302 and response["Location"].endswith(f"/{project.pk}/")
    url = reverse("office:procurement_project_transition", args=[project.pk])
    response = client.post(url, {"to_status": "terminated", "reason": "", "confirm": "on"})
    assert response.status_code == 200 and "terminated" in response.content.decode()  # typed value kept
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED
    assert client.post(url, {"to_status": "procuring", "confirm": "on"}).status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.PROCURING
    entry = [e for e in LogEntry.objects.get_for_object(project) if "status" in e.changes_dict][0]
    assert entry.actor == world.user(STREET_STAFF)


def test_negative_list_items_are_not_offered_and_a_refused_award_says_why(world, client_for):
    client = client_for(STREET_STAFF)
    form_page = client.get(reverse("office:procurement_project_create")).content.decode()
    assert "货物和工程" not in form_page and "养老服务" in form_page
    world.org_a.status = OrgStatus.CHANGING
    world.org_a.save()
    project = factories.project(world)
    response = client.post(reverse("office:procurement_contract_award", args=[project.pk]), {
        "provider": world.org_a.pk, "number": "HT-1", "amount": "1000", "signed_on": "2025-03-03",
        "start_date": "2025-03-10", "end_date": "2026-03-09", "performance_bond": "0", "content": "服务",
    })
    # A changing organization is not offered; a forged choice is refused by the form.
    assert response.status_code == 200 and not Contract.objects.exists()
    world.org_a.status = OrgStatus.NORMAL
    world.org_a.save()
    CreditListing.objects.create(organization=world.org_a, kind=CreditListKind.ABNORMAL, reason="年报逾期",
                                 decision_document="杭民〔2025〕3号", listed_on=date(2025, 1, 2))
    response = client.post(reverse("office:procurement_contract_award", args=[project.pk]), {
        "provider": world.org_a.pk, "number": "HT-1", "amount": "1000", "signed_on": "2025-03-03",
        "start_date": "2025-03-10", "end_date": "2026-03-09", "performance_bond": "0", "content": "服务",
    })
    assert response.status_code == 200 and "杭民〔2025〕3号" in response.content.decode()
    assert not Contract.objects.exists()


def test_community_worker_reads_the_catalogue_but_cannot_post(world, client_for):
    client = client_for(COMMUNITY_WORKER)
    assert client.get(reverse("office:procurement_catalogue")).status_code == 200
    assert client.post(reverse("office:procurement_project_create"), {}).status_code == 403
