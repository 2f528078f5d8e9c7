"""Rule (issue 15.3): a provider's eligibility is judged on the signing date, which cannot be in
the future. A signing date before a listing or major penalty that the registry already records
on the day the contract is entered (a backdated contract would not see it) needs a justification,
kept on the contract, shown on its page and in its history with the user who awarded it."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.organizations.models import CreditListing, CreditListKind, Penalty
from apps.procurement.models import Contract
from tests.personas import STREET_STAFF
from tests.procurement import factories

pytestmark = pytest.mark.django_db

WHY = "合同已于签约当日线下签署，因系统故障延后录入，见签约会议纪要"


def _listing(organization, listed_on, **extra):
    return CreditListing.objects.create(organization=organization, kind=CreditListKind.ABNORMAL,
                                        reason="通过登记的住所无法联系", decision_document="西民异〔2026〕7号",
                                        listed_on=listed_on, **extra)


def _term(signed_on):
    start = signed_on + timedelta(days=7)
    return {"signed_on": signed_on, "start_date": start, "end_date": start + timedelta(days=300)}


def test_a_future_signing_date_is_refused(world):
    today = timezone.localdate()
    project = factories.project(world)
    with pytest.raises(ValidationError) as error:
        factories.contract(world, project, **_term(today + timedelta(days=1)))
    assert list(error.value.message_dict) == ["signed_on"]
    assert not Contract.objects.exists()
    assert factories.contract(world, project, **_term(today)).signed_on == today


def test_the_signing_date_is_judged_against_the_day_it_is_entered(world):
    with pytest.raises(ValidationError) as error:
        factories.contract(world, factories.project(world), signed_on=date(2025, 3, 3), today=date(2025, 3, 2))
    assert "signed_on" in error.value.message_dict


def test_eligibility_is_judged_on_the_signing_date(world):
    # Off the list before signing: eligible then, even though the listing is in the record.
    _listing(world.org_a, date(2024, 1, 10), removed_on=date(2024, 12, 1), removal_reason="已整改")
    assert factories.contract(world, factories.project(world), today=date(2025, 3, 3))
    # On the list on the signing day: refused whatever day it is entered.
    _listing(world.org_a2, date(2025, 3, 3))
    with pytest.raises(ValidationError) as error:
        factories.contract(world, factories.project(world, name="助残服务项目"), number="XH-2025-002",
                           provider=world.org_a2, today=date(2025, 3, 3))
    assert "provider" in error.value.message_dict


def test_backdating_before_a_listing_needs_a_justification(world):
    _listing(world.org_a, date(2025, 5, 1))  # after the signing date entered, before today
    project = factories.project(world)
    with pytest.raises(ValidationError) as error:
        factories.contract(world, project, signed_on=date(2025, 3, 3))
    message = " ".join(error.value.message_dict["backdating_justification"])
    assert "西民异〔2026〕7号" in message and "2025-05-01" in message
    assert not Contract.objects.exists()
    contract = factories.contract(world, project, signed_on=date(2025, 3, 3), backdating_justification=f"  {WHY} ")
    assert contract.backdating_justification == WHY and contract.awarded_by == world.user(STREET_STAFF)


def test_backdating_before_a_major_penalty_needs_a_justification(world):
    Penalty.objects.create(organization=world.org_a, decided_on=date(2025, 6, 1), kind="罚款", reason="虚报服务量",
                           decision_document="西民罚〔2025〕4号", is_major=True)
    with pytest.raises(ValidationError) as error:
        factories.contract(world, factories.project(world), signed_on=date(2025, 3, 3))
    assert "西民罚〔2025〕4号" in " ".join(error.value.message_dict["backdating_justification"])


def test_a_justification_where_none_is_needed_is_not_kept(world):
    contract = factories.contract(world, factories.project(world), backdating_justification=WHY)
    assert contract.backdating_justification == ""


def test_the_justification_is_shown_on_the_contract_and_in_its_history(world, client_for):
    today = timezone.localdate()
    signed_on = today - timedelta(days=40)
    _listing(world.org_a, today - timedelta(days=10))
    project = factories.project(world)
    client = client_for(STREET_STAFF)
    url = reverse("office:procurement_contract_award", args=[project.pk])
    term = {key: value.isoformat() for key, value in _term(signed_on).items()}
    data = {"provider": world.org_a.pk, "number": "HT-9", "amount": "1000", "performance_bond": "0", "content": "助餐",
            **term}
    refused = client.post(url, data)
    assert refused.status_code == 200 and refused.context["form"].has_error("backdating_justification")
    assert client.post(url, {**data, "backdating_justification": WHY}).status_code == 302
    contract = Contract.objects.get()
    page = client.get(reverse("office:procurement_contract_detail", args=[contract.pk])).content.decode()
    block = page.split('data-testid="award-exceptions"')[1].split("</div>")[0]
    assert WHY in block and "street" in block  # the awarding user
    entry = LogEntry.objects.get_for_object(contract).get()
    assert entry.actor == world.user(STREET_STAFF) and WHY in str(entry.changes)
