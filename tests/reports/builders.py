"""Data for the dashboard and street-report tests, built through the domain models and
services in both streets, with dates relative to today (the dashboard looks at the last
12 months)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from apps.activities.services import records_confirm, records_enter
from apps.activities.models import ServiceRecord
from apps.organizations.models import (
    CreditListing, CreditListKind, EvaluationGrade, LegalForm, Organization, OrgStatus, PartyOrgType, ServiceDomain,
    add_months, add_years,
)
from apps.procurement import services as procurement
from apps.procurement.models import CatalogueItem, EvaluatorKind, PaymentCondition, ProjectStatus
from apps.volunteers.models import PoliticalStatus
from tests.volunteers.factories import make_activity, make_volunteer


@dataclass
class Built:
    today: datetime.date
    activity_a1: object
    activity_a2: object


def _at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _serve(actor, activity, volunteers, *, confirm=True):
    records_enter(actor=actor, activity=activity, entries=[{"volunteer": v} for v in volunteers])
    if confirm:
        records_confirm(actor=actor, records=ServiceRecord.objects.filter(activity=activity))


def _purchase(world, *, street, provider, number, budget, amount, paid, signed_on, score, evaluated_on,
              annual_report_exception=""):
    root = world.user("superuser")
    project = procurement.project_create(
        actor=root, purchaser=street, name=f"项目{number}", catalogue_item=CatalogueItem.objects.get(code="01.01"),
        fiscal_year=signed_on.year, budget_amount=Decimal(budget), budget_reference="西财预〔2026〕1号",
        funding_source="own_budget", procurement_method="consultation",
    )
    procurement.project_transition(actor=root, project=project, to_status=ProjectStatus.PROCURING)
    contract = procurement.contract_award(
        actor=root, project=project, provider=provider, number=number, amount=Decimal(amount), signed_on=signed_on,
        start_date=signed_on + datetime.timedelta(days=3), end_date=add_months(signed_on, 11), content="居家养老服务",
        annual_report_exception=annual_report_exception,
    )
    procurement.project_transition(actor=root, project=project, to_status=ProjectStatus.PERFORMING)
    payment = procurement.payment_plan(actor=root, contract=contract, name="首付", condition=PaymentCondition.SIGNING,
                                       planned_amount=Decimal(paid), planned_on=signed_on)
    procurement.payment_record(actor=root, payment=payment, paid_amount=Decimal(paid), paid_on=signed_on)
    procurement.evaluation_record(actor=root, contract=contract, evaluator_kind=EvaluatorKind.PURCHASER,
                                  evaluator_name="街道办", evaluated_on=evaluated_on, score=Decimal(score), report="良好")
    return contract


def build(world) -> Built:
    today = timezone.localdate()
    root = world.user("superuser")
    elderly = ServiceDomain.objects.get_or_create(name="养老")[0]
    # Street A: org A (independent Party organisation, 5 members, report overdue, grade expiring),
    # org A2 (no Party organisation, just listed), a deregistered institution, a filed group.
    Organization.objects.filter(pk=world.org_a.pk).update(
        party_org_type=PartyOrgType.INDEPENDENT, party_member_count=5, founded_on=datetime.date(2015, 4, 1))
    world.org_a.domains.add(elderly)
    Organization.objects.create(name="北山康养服务中心", area=world.community_a1, status=OrgStatus.DEREGISTERED,
                                legal_form=LegalForm.SERVICE_INSTITUTION, party_org_type=PartyOrgType.JOINT,
                                party_member_count=9)
    filed = Organization.objects.create(name="葛岭书画队", area=world.community_a2, legal_form=LegalForm.FILED_COMMUNITY,
                                        filing_number="XH-BA-001", party_org_type=PartyOrgType.JOINT,
                                        party_member_count=2, founded_on=today.replace(day=1))
    filed.domains.add(elderly)
    EvaluationGrade.objects.create(organization=world.org_a, grade=4, score=Decimal("820"),
                                   evaluated_on=add_years(today, -5) + datetime.timedelta(days=60))
    # Street B: org B with 10 Party members and a grade far from expiry.
    Organization.objects.filter(pk=world.org_b.pk).update(party_org_type=PartyOrgType.FUNCTIONAL,
                                                          party_member_count=10)
    EvaluationGrade.objects.create(organization=world.org_b, grade=3, score=Decimal("700"),
                                   evaluated_on=add_years(today, -5) + datetime.timedelta(days=20))

    # Purchases before the listing (a listed organization cannot be awarded).
    signed, evaluated = today - datetime.timedelta(days=40), today - datetime.timedelta(days=15)
    # Org A's report is overdue: its award needs a recorded exception (procurement.eligibility).
    _purchase(world, street=world.street_a, provider=world.org_a, number="A-1", budget="200000", amount="100000",
              paid="30000", signed_on=signed, score="88", evaluated_on=evaluated,
              annual_report_exception="辖区唯一具备资质的服务机构，经街道党工委会议研究同意")
    _purchase(world, street=world.street_b, provider=world.org_b, number="B-1", budget="500000", amount="400000",
              paid="150000", signed_on=signed, score="75", evaluated_on=evaluated)
    CreditListing.objects.create(organization=world.org_a2, kind=CreditListKind.ABNORMAL, reason="年报逾期",
                                 decision_document="西民〔2026〕3号", listed_on=today - datetime.timedelta(days=10))
    CreditListing.objects.create(organization=world.org_b, kind=CreditListKind.ABNORMAL, reason="年报逾期",
                                 decision_document="西民〔2026〕4号", listed_on=today - datetime.timedelta(days=5))

    # Volunteers and hours: in A, three volunteers (one Party member) serve twice; in B, one.
    a1 = [make_volunteer(world.community_a1, organization=world.org_a, name=f"甲{i}",
                         political_status=PoliticalStatus.PARTY_MEMBER if i == 0 else PoliticalStatus.MASSES)
          for i in range(3)]
    b1 = make_volunteer(world.community_b1, organization=world.org_b, name="乙")
    recent = make_activity(world.org_a, start=_at(today - datetime.timedelta(days=15)), hours=3, name="清洁")
    _serve(root, recent, a1[:2])
    older = make_activity(world.org_a2, start=_at(add_months(today, -2)), hours=2, name="探访")
    _serve(root, older, a1[2:])
    pending = make_activity(world.org_a, start=_at(today - datetime.timedelta(days=3)), hours=1, name="巡逻")
    _serve(root, pending, a1, confirm=False)
    cancelled = make_activity(world.org_a2, start=_at(today - datetime.timedelta(days=5)), hours=1, name="取消")
    cancelled.is_cancelled = True
    cancelled.save()
    b_activity = make_activity(world.org_b, start=_at(today - datetime.timedelta(days=15)), hours=5, name="文体")
    _serve(root, b_activity, [b1])
    return Built(today, recent, older)
