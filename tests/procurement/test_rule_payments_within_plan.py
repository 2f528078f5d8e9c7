"""Rule (issue 15.6): a payment never exceeds what was planned for its milestone. Paying more is a
change of the contract's money: it needs a supplementary agreement (at most 10 % of the original
amount, the limit rounded down to the fen like the bond's: ``rules.max_supplement_total``) and a
payment planned for it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.procurement import rules, services
from apps.procurement.models import PaymentCondition, PaymentMilestone
from tests.personas import STREET_STAFF
from tests.procurement import factories

pytestmark = pytest.mark.django_db


def _plan(world, contract, amount, name="首付款"):
    return services.payment_plan(actor=world.user(STREET_STAFF), contract=contract, name=name,
                                 condition=PaymentCondition.SIGNING, planned_amount=Decimal(amount),
                                 planned_on=date(2025, 3, 20))


def _pay(world, payment, amount):
    return services.payment_record(actor=world.user(STREET_STAFF), payment=payment, paid_amount=Decimal(amount),
                                   paid_on=date(2025, 3, 20))


def test_a_payment_above_its_planned_amount_is_refused(world):
    contract = factories.performing_contract(world, amount="100000")
    first = _plan(world, contract, "30000")
    with pytest.raises(ValidationError) as error:
        _pay(world, first, "30000.01")  # the contract total (100000) would still allow it
    assert "supplementary agreement" in error.value.message_dict["paid_amount"][0]
    first.refresh_from_db()
    assert not first.is_paid
    assert _pay(world, first, "29000").paid_amount == Decimal("29000")  # less than planned is fine


def test_paying_more_than_planned_goes_through_a_supplementary_agreement(world):
    contract = factories.performing_contract(world, amount="100000")
    _pay(world, _plan(world, contract, "100000"), "100000")
    with pytest.raises(ValidationError, match="exceed the contract total"):
        _plan(world, contract, "5000", name="增加服务")  # no room without an agreement
    services.supplement_add(actor=world.user(STREET_STAFF), contract=contract, number="BC-1",
                            signed_on=date(2025, 6, 1), amount=Decimal("5000"), content="增加服务次数")
    extra = _plan(world, contract, "5000", name="增加服务")
    assert _pay(world, extra, "5000").is_paid
    assert services.contract_total(contract) == Decimal("105000")


def test_the_database_keeps_paid_within_planned(world):
    contract = factories.performing_contract(world, amount="100000")
    payment = _pay(world, _plan(world, contract, "30000"), "30000")
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentMilestone.objects.filter(pk=payment.pk).update(paid_amount=Decimal("30000.01"))


@pytest.mark.parametrize(("amount", "limit"), [
    ("100000.15", "10000.01"),  # 10000.015: rounded down, never half-even up to 10000.02
    ("100000.25", "10000.02"),
    ("100000.00", "10000.00"),
    ("0.70", "0.07"),
])
def test_supplement_limit_is_rounded_down_to_the_fen(amount, limit):
    assert rules.max_supplement_total(Decimal(amount)) == Decimal(limit)


def test_supplements_of_exactly_ten_percent_on_an_odd_amount(world):
    contract = factories.performing_contract(world, amount="100000.15")

    def add(number, amount):
        return services.supplement_add(actor=world.user(STREET_STAFF), contract=contract, number=number,
                                       signed_on=date(2025, 6, 1), amount=Decimal(amount), content="增加服务次数")

    with pytest.raises(ValidationError) as error:
        add("BC-1", "10000.02")  # 10.0000 % + 0.005 fen: over the share
    assert "¥10,000.01" in error.value.message_dict["amount"][0]
    assert add("BC-1", "10000.01").amount == Decimal("10000.01")
