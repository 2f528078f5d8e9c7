"""Demo purchased services: about twenty projects of the first streets in every status, with
contracts, targets, payments, reports, acceptances and evaluations, all made through the
services so the demo obeys the same rules as the pages."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from apps.organizations.selectors import award_refusals

from . import selectors, services
from .eligibility import award_exceptions_needed
from .models import (
    AcceptanceResult, CatalogueItem, EvaluatorKind, PaymentCondition, ProjectStatus, TargetKind,
)

PROJECT_NAMES = [
    ("01.01", "居家养老上门服务"), ("01.01", "老年食堂助餐服务"), ("01.02", "残疾人康复照护服务"),
    ("01.03", "青少年四点半课堂"), ("01.04", "社区邻里节活动运营"), ("01.05", "社区文体团队培育"),
    ("01.06", "困难家庭帮扶服务"), ("02.01", "社区议事协商能力建设"), ("02.02", "矛盾纠纷调解服务"),
    ("02.03", "社区心理健康服务"), ("02.04", "志愿服务站点运营"), ("04.01", "社会组织第三方评估"),
]
FINAL_STEPS = [
    ProjectStatus.APPROVED, ProjectStatus.PROCURING, ProjectStatus.CONTRACTED, ProjectStatus.PERFORMING,
    ProjectStatus.PERFORMING, ProjectStatus.AWAITING_ACCEPTANCE, ProjectStatus.ACCEPTED, ProjectStatus.CLOSED,
    ProjectStatus.CLOSED, ProjectStatus.TERMINATED,
]
METHODS = ["consultation", "negotiation", "open_tender", "quotation", "single_source"]
PROJECTS = 20


def _link_activities(contract, rng):
    """Link some of the provider's activities to the contract, the way apps.activities does."""
    if not selectors.activity_link_available():
        return
    from apps.activities.models import Activity

    activities = list(Activity.objects.filter(organization=contract.provider).order_by("pk")[:rng.randint(2, 6)])
    for activity in activities:
        if hasattr(activity, "contract_id"):
            activity.contract = contract
        else:
            activity.contract_number = contract.number
    field = "contract"  # Activity.contract (FK) since activities 0003
    Activity.objects.bulk_update(activities, [field])


def seed(ctx):
    rng = ctx.rng
    actor = ctx.made["users"]["admin"]
    streets = ctx.made["streets"][:2]
    items = {item.code: item for item in CatalogueItem.objects.all()}
    made = 0
    for index in range(PROJECTS):
        street = streets[0] if index % 4 else streets[1]
        code, name = PROJECT_NAMES[index % len(PROJECT_NAMES)]
        year = 2025
        signed_on = date(year, rng.randint(1, 9), rng.randint(1, 28))
        budget = Decimal(rng.choice([80, 120, 150, 200, 300, 450])) * 1000
        project = services.project_create(
            actor=actor, purchaser=street, name=f"{street.name}{name}（{year}）", catalogue_item=items[code],
            fiscal_year=year, budget_amount=budget, budget_reference=f"{street.name[:2]}财预〔{year}〕{index + 1}号",
            funding_source=rng.choice(["own_budget", "own_budget", "transfer", "lottery"]),
            procurement_method=rng.choice(METHODS), description="面向辖区居民提供专业社会服务。",
        )
        made += 1
        final = FINAL_STEPS[index % len(FINAL_STEPS)]
        if final == ProjectStatus.APPROVED:
            continue
        services.project_transition(actor=actor, project=project, to_status=ProjectStatus.PROCURING)
        if final == ProjectStatus.TERMINATED:
            services.project_transition(actor=actor, project=project, to_status=final, reason="预算调减，项目取消")
            continue
        if final == ProjectStatus.PROCURING:
            continue
        candidates = [o for o in ctx.made["organizations"] if o.area.parent_id == street.pk or o.area_id == street.pk]
        # A provider the award takes without a recorded exception (see ``eligibility``).
        provider = next(o for o in rng.sample(candidates, len(candidates))
                        if not award_refusals(o, on_date=signed_on)
                        and not award_exceptions_needed(o, signed_on=signed_on, today=timezone.localdate()))
        amount = (budget * Decimal(rng.choice(["0.8", "0.9", "0.95"]))).quantize(Decimal("1"))
        contract = services.contract_award(
            actor=actor, project=project, provider=provider, number=f"GM-{year}-{index + 1:03d}", amount=amount,
            signed_on=signed_on, start_date=signed_on + timedelta(days=7),
            end_date=signed_on + timedelta(days=7 + 364), content=f"{name}：每月不少于4次服务。",
            performance_bond=(amount * Decimal("0.05")).quantize(Decimal("0.01")),
            quality_standard="服务对象满意率不低于90%", settlement_method="按节点分期支付",
        )
        if index % 3:
            services.contract_disclosure_record(
                actor=actor, contract=contract, published_on=contract.publication_due - timedelta(days=index % 2),
                filed_on=contract.filing_due if index % 5 else None)
        if final == ProjectStatus.CONTRACTED:
            continue
        services.project_transition(actor=actor, project=project, to_status=ProjectStatus.PERFORMING)
        _link_activities(contract, rng)
        for kind, value in [(TargetKind.SERVICE_SESSIONS, 24), (TargetKind.PEOPLE_SERVED, 300),
                            (TargetKind.VOLUNTEER_HOURS, 200)]:
            services.target_set(actor=actor, contract=contract, kind=kind, target_value=Decimal(value))
        custom = services.target_set(actor=actor, contract=contract, kind=TargetKind.CUSTOM, name="入户探访",
                                     unit="户次", target_value=Decimal(60))
        services.target_count_record(actor=actor, target=custom, manual_actual=Decimal(rng.randint(10, 60)))
        first = services.payment_plan(actor=actor, contract=contract, name="首期款", condition=PaymentCondition.SIGNING,
                                      planned_amount=amount * Decimal("0.4"), planned_on=contract.start_date)
        last = services.payment_plan(actor=actor, contract=contract, name="尾款", condition=PaymentCondition.ACCEPTANCE,
                                     planned_amount=amount * Decimal("0.6"), planned_on=contract.end_date)
        services.payment_record(actor=actor, payment=first, paid_amount=first.planned_amount,
                                paid_on=contract.start_date + timedelta(days=10), voucher=f"PZ{index + 1:04d}")
        report = services.progress_report_submit(
            actor=actor, contract=contract, period_start=contract.start_date,
            period_end=contract.start_date + timedelta(days=90), summary="按计划开展服务，服务对象反馈良好。")
        services.progress_report_review(actor=actor, report=report, accept=bool(index % 2),
                                        comment="" if index % 2 else "请补充服务对象签到表")
        if final == ProjectStatus.PERFORMING:
            continue
        services.project_transition(actor=actor, project=project, to_status=ProjectStatus.AWAITING_ACCEPTANCE)
        if final == ProjectStatus.AWAITING_ACCEPTANCE:
            continue
        accepted_on = contract.end_date + timedelta(days=10)
        services.acceptance_record(
            actor=actor, contract=contract, accepted_on=accepted_on, result=AcceptanceResult.PASSED,
            beneficiary_opinions="受访居民普遍满意，建议增加服务频次。", beneficiaries_consulted=rng.randint(20, 80),
            summary="各项指标基本完成，同意验收。", published_on=accepted_on + timedelta(days=3),
        )
        services.payment_record(actor=actor, payment=last, paid_amount=last.planned_amount,
                                paid_on=accepted_on + timedelta(days=15))
        for kind, evaluator in [(EvaluatorKind.PURCHASER, street.name), (EvaluatorKind.THIRD_PARTY, "杭州某评估中心"),
                                (EvaluatorKind.BENEFICIARIES, "居民代表")]:
            services.evaluation_record(actor=actor, contract=contract, evaluator_kind=kind, evaluator_name=evaluator,
                                       evaluated_on=accepted_on + timedelta(days=20),
                                       score=Decimal(rng.randint(78, 98)), report="评估报告摘要。")
        if final == ProjectStatus.CLOSED:
            services.project_transition(actor=actor, project=project, to_status=ProjectStatus.CLOSED)
    ctx.say(f"purchased-service projects: {made}")
    if ctx.scale.bulk:
        _bulk_contracts(ctx, items)


def _bulk_contracts(ctx, items):
    """Large scales: the remaining contracts as rows (one performing project each), over every
    street, to eligible providers (none on a credit list), each linked to a few activities."""
    from apps.activities.models import Activity
    from apps.organizations.models import CreditListing
    from apps.procurement.models import Contract, Project
    from apps.procurement.workdays import contract_deadlines

    rng, actor = ctx.rng, ctx.made["users"]["admin"]
    wanted = ctx.scale.contracts - Contract.objects.count()
    listed = set(CreditListing.objects.values_list("organization_id", flat=True))
    providers = [o for o in ctx.made.get("organizations_by_size", ctx.made["organizations"]) if o.pk not in listed]
    providers = providers[: max(10, len(providers) // 3)]  # the established third of organizations wins contracts
    streets = {s.pk: s for s in ctx.made["streets"]}
    street_of = {c.pk: c.parent_id for c in ctx.made["communities"]}
    plans = []
    for index in range(max(0, wanted)):
        provider = providers[min(len(providers) - 1, int(rng.paretovariate(1.2)) - 1)] if index % 3 == 0 \
            else rng.choice(providers)
        street = streets[street_of.get(provider.area_id, next(iter(streets)))]
        code, name = PROJECT_NAMES[index % len(PROJECT_NAMES)]
        year = rng.choice([2024, 2025, 2025, 2026])
        signed_on = date(year, rng.randint(1, 10), rng.randint(1, 28))
        budget = Decimal(rng.choice([50, 80, 120, 150, 200, 300, 450])) * 1000
        plans.append((street, code, name, year, signed_on, budget, provider, index))
    projects = Project.objects.bulk_create([
        Project(purchaser=street, name=f"{street.name}{name}（{year}-{index + 1}）", catalogue_item=items[code],
                fiscal_year=year, budget_amount=budget, budget_reference=f"{street.name[:2]}财预〔{year}〕{index + 100}号",
                funding_source="own_budget", procurement_method=rng.choice(METHODS),
                description="面向辖区居民提供专业社会服务。", status=ProjectStatus.PERFORMING, created_by=actor)
        for street, code, name, year, signed_on, budget, provider, index in plans], batch_size=2000)
    due = {}
    contracts = []
    for project, (_s, _c, name, year, signed_on, budget, provider, index) in zip(projects, plans, strict=True):
        if signed_on not in due:
            counted = contract_deadlines(signed_on)
            due[signed_on] = (counted.publication.due, counted.filing.due)
        amount = (budget * Decimal("0.9")).quantize(Decimal("1"))
        contracts.append(Contract(
            project=project, provider=provider, number=f"GM-{year}-B{index + 1:05d}", amount=amount,
            signed_on=signed_on, start_date=signed_on + timedelta(days=7), end_date=signed_on + timedelta(days=371),
            content=f"{name}：每月不少于4次服务。", provider_credit_code=provider.credit_code or "",
            performance_bond=(amount * Decimal("0.05")).quantize(Decimal("0.01")), quality_standard="服务对象满意率不低于90%",
            settlement_method="按节点分期支付", publication_due=due[signed_on][0], filing_due=due[signed_on][1],
            published_on=due[signed_on][0] if index % 4 else None, awarded_by=actor))
    Contract.objects.bulk_create(contracts, batch_size=2000)
    if hasattr(Activity, "contract_id"):
        by_provider = {}
        for activity in ctx.made.get("activities", []):
            by_provider.setdefault(activity.organization_id, []).append(activity.pk)
        for contract in contracts:
            pool = by_provider.get(contract.provider_id, [])
            chosen = [pool.pop() for _ in range(min(len(pool), rng.randint(2, 6)))]
            if chosen:
                Activity.objects.filter(pk__in=chosen).update(contract=contract)
    ctx.say(f"bulk contracts: {len(contracts)}")
