"""Small builders for purchasing tests: each goes through the services, like the views do."""

from datetime import date
from decimal import Decimal

from apps.procurement import services
from apps.procurement.models import CatalogueItem, ProjectStatus
from tests.personas import STREET_STAFF

SIGNED = date(2025, 3, 3)


def catalogue_item(code="01.01"):
    return CatalogueItem.objects.get(code=code)


def project(world, *, budget="200000.00", status=ProjectStatus.PROCURING, purchaser=None, name="居家养老服务项目"):
    actor = world.user(STREET_STAFF) if purchaser is None else world.user("superuser")
    made = services.project_create(
        actor=actor, purchaser=purchaser or world.street_a, name=name, catalogue_item=catalogue_item(),
        fiscal_year=2025, budget_amount=Decimal(budget), budget_reference="西财预〔2025〕12号",
        funding_source="own_budget", procurement_method="consultation",
    )
    if status == ProjectStatus.PROCURING:
        made = services.project_transition(actor=actor, project=made, to_status=ProjectStatus.PROCURING)
    return made


def contract(world, project_, *, provider=None, number="XH-2025-001", amount="100000.00", signed_on=SIGNED,
             start_date=date(2025, 3, 10), end_date=date(2026, 3, 9), bond="0", justification="", actor=None,
             **extra):
    """``extra``: further keywords of the service (e.g. ``today``, ``annual_report_exception``)."""
    return services.contract_award(
        actor=actor or world.user(STREET_STAFF), project=project_, provider=provider or world.org_a, number=number,
        amount=Decimal(amount), signed_on=signed_on, start_date=start_date, end_date=end_date,
        content="为辖区80岁以上独居老人提供助餐、助洁服务", performance_bond=Decimal(bond),
        term_justification=justification, **extra,
    )


def performing_contract(world, **kwargs):
    p = project(world)
    c = contract(world, p, **kwargs)
    services.project_transition(actor=world.user(STREET_STAFF), project=p, to_status=ProjectStatus.PERFORMING)
    c.refresh_from_db()
    return c


def access_fixture(world):
    """One street-A project with a contract and one row of each kind, and the same in street
    B, built once per world (the access matrix asks for their pks per case)."""
    cached = getattr(world, "_procurement", None)
    if cached is not None:
        return cached
    from apps.procurement.models import CatalogueItem as Item, PaymentCondition, TargetKind

    superuser = world.user("superuser")
    made = {}
    for key, street, provider in (("a", world.street_a, world.org_a), ("b", world.street_b, world.org_b)):
        p = project(world, purchaser=street, name=f"项目{key}")
        c = contract(world, p, provider=provider, number=f"HT-{key}", actor=superuser)
        services.project_transition(actor=superuser, project=p, to_status=ProjectStatus.PERFORMING)
        made[key] = {
            "project": p, "contract": c,
            "target": services.target_set(actor=superuser, contract=c, kind=TargetKind.CUSTOM, name="探访",
                                          target_value=Decimal("10")),
            "payment": services.payment_plan(actor=superuser, contract=c, name="首付", condition=PaymentCondition.SIGNING,
                                             planned_amount=Decimal("1000"), planned_on=date(2025, 3, 20)),
            "report": services.progress_report_submit(actor=superuser, contract=c, period_start=date(2025, 3, 10),
                                                      period_end=date(2025, 6, 9), summary="进展"),
            "item": services.catalogue_item_save(actor=superuser, item=Item(
                parent=catalogue_item("01"), code=f"01.{key}", name=f"街道自定{key}", area=street)),
        }
    world._procurement = made
    return made
