"""The performance-bond rule (≤ 10 % of the amount) is one rule: the award service's check, its
message and the database constraint agree on every amount, including where rounding the limit
to the fen would not (10000.02 on 100000.15 is 10000.015 rounded half up: over 10 %)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from apps.procurement import rules
from apps.procurement.models import Contract
from apps.procurement.services.contracts import check_bond
from tests.procurement import factories

pytestmark = pytest.mark.django_db

# (amount, bond): on each side of the limit; the float traps of SQLite arithmetic included
# (0.70 × 0.10 < 0.07 and 0.07 × 100 > 7 in floating point).
CASES = [
    ("100000.15", "10000.01"), ("100000.15", "10000.02"), ("100000.00", "10000.00"), ("100000.00", "10000.01"),
    ("0.70", "0.07"), ("0.70", "0.08"), ("0.69", "0.06"), ("0.69", "0.07"), ("33333.33", "3333.33"),
    ("33333.33", "3333.34"), ("100000.05", "10000.00"), ("100000.05", "10000.01"),
]


def service_accepts(amount, bond):
    try:
        check_bond(Decimal(amount), Decimal(bond))
    except ValidationError:
        return False
    return True


def database_accepts(contract, amount, bond):
    try:
        with transaction.atomic():
            Contract.objects.filter(pk=contract.pk).update(amount=Decimal(amount), performance_bond=Decimal(bond))
    except IntegrityError:
        return False
    return True


def test_the_service_and_the_constraint_agree_on_every_amount(world):
    contract = factories.contract(world, factories.project(world), amount="1000.00", bond="0")
    for amount, bond in CASES:
        assert service_accepts(amount, bond) == database_accepts(contract, amount, bond), (amount, bond)
        assert service_accepts(amount, bond) == (Decimal(bond) <= Decimal(amount) * rules.MAX_BOND_SHARE)


def test_what_the_service_accepts_saves(world):
    contract = factories.contract(world, factories.project(world), amount="100000.15", bond="10000.01")
    contract.refresh_from_db()
    assert (contract.amount, contract.performance_bond) == (Decimal("100000.15"), Decimal("10000.01"))


def test_what_the_service_refuses_shows_the_rule_and_never_reaches_the_constraint(world):
    project = factories.project(world)
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as error:
        factories.contract(world, project, amount="100000.15", bond="10000.02")
    assert error.value.message_dict == {"performance_bond": [
        "The performance bond may not exceed 10% of the contract amount (¥10,000.01)."]}
    # Neither full_clean's constraint check (SELECT 1 AS "_check" …) nor an INSERT ran.
    sqls = [q["sql"] for q in queries.captured_queries]
    assert not any('"_check"' in sql or sql.startswith('INSERT INTO "procurement_contract"') for sql in sqls)
    assert not Contract.objects.exists()


def test_the_limit_and_the_message_follow_the_share(world, monkeypatch):
    monkeypatch.setattr(rules, "MAX_BOND_SHARE", Decimal("0.05"))
    assert rules.max_performance_bond(Decimal("100000.15")) == Decimal("5000.00")
    with pytest.raises(ValidationError) as error:
        check_bond(Decimal("100000.15"), Decimal("5000.01"))
    assert "5% of the contract amount (¥5,000.00)" in error.value.message_dict["performance_bond"][0]
    assert rules.percent(Decimal("0.125")) == "12.5"
