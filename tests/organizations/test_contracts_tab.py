"""An organization's record shows its purchased-service contracts, acceptance and evaluation
results (DOMAIN §5: part of its credit information), in a query count that does not grow with
the number of contracts."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.procurement import services
from apps.procurement.models import EvaluatorKind
from tests.personas import COMMUNITY_WORKER, STREET_STAFF
from tests.procurement import factories

pytestmark = pytest.mark.django_db


def _evaluated_contract(world, number):
    contract = factories.performing_contract(world, number=number)
    services.evaluation_record(actor=world.user(STREET_STAFF), contract=contract,
                               evaluator_kind=EvaluatorKind.PURCHASER, evaluator_name="西湖街道",
                               evaluated_on=date(2025, 12, 1), score=Decimal("88.50"), report="服务到位")
    return contract


def _detail(client, world):
    return client.get(reverse("office:organization_detail", args=[world.org_a.pk]) + "?tab=contracts")


@pytest.mark.parametrize("persona", [STREET_STAFF, COMMUNITY_WORKER])
def test_contracts_tab_lists_contracts_and_evaluations(world, client_for, persona):
    contract = _evaluated_contract(world, "XH-2025-101")
    response = _detail(client_for(persona), world)
    content = response.content.decode()
    assert response.context["tab"] == "contracts"
    assert 'data-testid="tab-contracts"' in content
    assert contract.number in content and contract.project.name in content
    assert "88.50" in content and 'data-testid="weighted-total"' in content


def test_other_providers_contracts_are_not_on_the_record(world, client_for):
    factories.performing_contract(world, number="XH-2025-102", provider=world.org_a2)
    content = _detail(client_for(STREET_STAFF), world).content.decode()
    assert "XH-2025-102" not in content


def test_query_count_does_not_grow_with_contracts(world, client_for):
    client = client_for(STREET_STAFF)
    _evaluated_contract(world, "XH-2025-201")
    _detail(client, world)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as one:
        _detail(client, world)
    for n in range(4):
        _evaluated_contract(world, f"XH-2025-3{n:02d}")
    with CaptureQueriesContext(connection) as five:
        response = _detail(client, world)
    assert response.content.decode().count('data-testid="org-contract-row"') == 5
    assert len(five) == len(one)


def test_a_provider_of_many_contracts_shows_the_latest_and_links_to_the_rest(world, client_for, monkeypatch):
    from apps.backoffice.views import organizations as views

    monkeypatch.setattr(views, "CONTRACTS_SHOWN", 2)
    numbers = [f"XH-2025-4{n:02d}" for n in range(3)]
    for number in numbers:
        factories.performing_contract(world, number=number)
    response = _detail(client_for(STREET_STAFF), world)
    content = response.content.decode()
    assert content.count('data-testid="org-contract-row"') == 2
    assert response.context["contracts_total"] == 3
    assert 'data-testid="org-contracts-more"' in content and "共 3 份" in content
    assert f'{reverse("office:procurement_contract_list")}?provider={world.org_a.pk}' in content
