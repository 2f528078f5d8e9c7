"""Supplementary contracts ≤ 10 % of the original amount (DOMAIN §5), all of them together and
exactly: the limit is ``rules.max_supplement_total`` (amount × 10 %, rounded down to the fen,
like the performance bond). Rounding the limit to the nearest fen let 10000.02 through on
100000.15, where 10 % is 10000.015."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.procurement import rules, services
from tests.personas import STREET_STAFF
from tests.procurement import factories

pytestmark = pytest.mark.django_db


def _add(world, contract, amount, number="BC-1"):
    return services.supplement_add(actor=world.user(STREET_STAFF), contract=contract, number=number,
                                   signed_on=date(2025, 6, 1), amount=Decimal(amount), content="增加服务次数")


def test_one_fen_over_ten_percent_is_refused(world):
    """Failed before: 10000.02 on 100000.15 was accepted (the limit rounded half to even)."""
    contract = factories.performing_contract(world, amount="100000.15")
    with pytest.raises(ValidationError) as refused:
        _add(world, contract, "10000.02")
    assert "10%" in refused.value.message_dict["amount"][0] and "10000.01" in refused.value.message_dict["amount"][0]
    _add(world, contract, "10000.01")


def test_the_total_of_several_agreements_counts(world):
    contract = factories.performing_contract(world, amount="100000.15")
    _add(world, contract, "5000.01", "BC-1")
    with pytest.raises(ValidationError):
        _add(world, contract, "5000.01", "BC-2")
    _add(world, contract, "5000.00", "BC-2")
    assert services.contract_total(contract) == Decimal("110000.16")


@settings(max_examples=200, deadline=None)
@given(fen=st.integers(min_value=1, max_value=10**10))
def test_the_limit_never_exceeds_ten_percent(fen):
    amount = Decimal(fen) / 100
    limit = rules.max_supplement_total(amount)
    assert limit * 10 <= amount < (limit + Decimal("0.01")) * 10
