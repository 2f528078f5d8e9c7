from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.organizations.models import CreditListing, CreditListKind, EvaluationGrade, OrgStatus, Penalty
from apps.procurement import services
from apps.procurement.models import Contract, ProjectStatus
from tests.personas import STREET_STAFF
from tests.procurement import factories


def _refusal(world, provider, **kwargs):
    with pytest.raises(ValidationError) as error:
        factories.contract(world, factories.project(world), provider=provider, **kwargs)
    return " ".join(error.value.message_dict["provider"])


def test_award_refused_to_a_deregistered_organization(world):
    world.org_a.status = OrgStatus.DEREGISTERED
    world.org_a.save()
    message = _refusal(world, world.org_a)
    assert world.org_a.name in message and "Deregistered" in message
    assert not Contract.objects.exists()


@pytest.mark.parametrize("kind", [CreditListKind.ABNORMAL, CreditListKind.SERIOUS])
def test_award_refused_to_a_listed_organization(world, kind):
    CreditListing.objects.create(organization=world.org_a, kind=kind, reason="未按时报送年报",
                                 decision_document="杭民〔2024〕8号", listed_on=date(2024, 7, 1))
    assert "杭民〔2024〕8号" in _refusal(world, world.org_a)


def test_award_refused_within_three_years_of_a_serious_listing_or_major_penalty(world):
    CreditListing.objects.create(organization=world.org_a, kind=CreditListKind.SERIOUS, reason="虚假登记",
                                 decision_document="杭民〔2022〕1号", listed_on=date(2022, 6, 1),
                                 removed_on=date(2024, 6, 1), removal_reason="期满移出")
    assert "three years" in _refusal(world, world.org_a)
    Penalty.objects.create(organization=world.org_a2, decided_on=date(2023, 1, 5), kind="罚款", reason="x",
                           decision_document="杭民罚〔2023〕2号", is_major=True)
    assert "杭民罚〔2023〕2号" in _refusal(world, world.org_a2)


def test_eligible_provider_gets_the_contract_with_credit_code_and_grade_snapshot(world):
    world.org_a.credit_code = "51330106MJ0000000X"
    world.org_a.save(update_fields=["credit_code"])
    EvaluationGrade.objects.create(organization=world.org_a, grade=4, score=820, evaluated_on=date(2023, 5, 1))
    project = factories.project(world)
    contract = factories.contract(world, project)
    project.refresh_from_db()
    assert project.status == ProjectStatus.CONTRACTED
    assert contract.provider_credit_code == "51330106MJ0000000X"
    assert contract.provider_grade == "4A"


def test_amount_within_the_remaining_budget(world):
    project = factories.project(world, budget="100000")
    with pytest.raises(ValidationError) as error:
        factories.contract(world, project, amount="100000.01")
    assert "amount" in error.value.message_dict
    factories.contract(world, project, amount="60000")
    with pytest.raises(ValidationError):
        factories.contract(world, project, number="XH-2025-002", amount="40000.01", provider=world.org_a2)
    factories.contract(world, project, number="XH-2025-002", amount="40000", provider=world.org_a2)


@pytest.mark.parametrize(("end_date", "justification", "error_field"), [
    (date(2026, 3, 9), "", None),  # exactly one year
    (date(2026, 3, 10), "", "term_justification"),  # a day over one year
    (date(2026, 3, 10), "居家养老服务需连续稳定提供", None),
    (date(2028, 3, 9), "居家养老服务需连续稳定提供", None),  # exactly three years
    (date(2028, 3, 10), "居家养老服务需连续稳定提供", "end_date"),  # over three years: never
    (date(2025, 3, 10), "", "end_date"),  # ends when it starts
])
def test_term_rules(world, end_date, justification, error_field):
    project = factories.project(world)
    if error_field is None:
        assert factories.contract(world, project, end_date=end_date, justification=justification)
    else:
        with pytest.raises(ValidationError) as error:
            factories.contract(world, project, end_date=end_date, justification=justification)
        assert error_field in error.value.message_dict


def test_performance_bond_at_most_ten_percent(world):
    project = factories.project(world)
    with pytest.raises(ValidationError) as error:
        factories.contract(world, project, amount="100000", bond="10000.01")
    assert "performance_bond" in error.value.message_dict
    contract = factories.contract(world, project, amount="100000", bond="10000")
    with pytest.raises(IntegrityError), transaction.atomic():  # the database keeps the rule too
        Contract.objects.filter(pk=contract.pk).update(performance_bond=Decimal("10000.01"))


def test_supplementary_agreements_total_at_most_ten_percent(world):
    contract = factories.performing_contract(world, amount="100000")
    actor = world.user(STREET_STAFF)

    def add(number, amount):
        return services.supplement_add(actor=actor, contract=contract, number=number, signed_on=date(2025, 6, 1),
                                       amount=Decimal(amount), content="增加服务次数")

    add("BC-1", "6000")
    add("BC-2", "4000")
    with pytest.raises(ValidationError) as error:
        add("BC-3", "0.01")
    assert "10%" in error.value.message_dict["amount"][0]
    assert services.contract_total(contract) == Decimal("110000")


def test_supplement_also_respects_the_project_budget(world):
    project = factories.project(world, budget="105000")
    factories.contract(world, project, amount="100000")
    contract = project.contracts.get()
    services.project_transition(actor=world.user(STREET_STAFF), project=project, to_status=ProjectStatus.PERFORMING)
    with pytest.raises(ValidationError, match="remaining budget"):
        services.supplement_add(actor=world.user(STREET_STAFF), contract=contract, number="BC-1",
                                signed_on=date(2025, 6, 1), amount=Decimal("5000.01"), content="x")


def test_no_award_outside_procurement(world):
    project = factories.project(world, status=ProjectStatus.APPROVED)
    with pytest.raises(ValidationError, match="procured"):
        factories.contract(world, project)


def test_disclosure_dates_are_recorded_once(world):
    contract = factories.contract(world, factories.project(world))
    actor = world.user(STREET_STAFF)
    with pytest.raises(ValidationError):
        services.contract_disclosure_record(actor=actor, contract=contract, published_on=date(2025, 3, 1))
    services.contract_disclosure_record(actor=actor, contract=contract, published_on=date(2025, 3, 4))
    with pytest.raises(ValidationError):
        services.contract_disclosure_record(actor=actor, contract=contract, published_on=date(2025, 3, 5))
