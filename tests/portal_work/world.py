"""Organization A's and organization B's work data for the portal tests, made once per world.

Every distinctive string of org A is in ``MARKERS_A`` (B's in ``MARKERS_B``): none may appear
on any of the other organization's pages, exports or dropdowns."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.activities.certificates import certificate_accept, certificate_issue, certificate_request
from apps.activities.models import ServiceRecord
from apps.activities.services import records_confirm, records_enter
from apps.organizations.portal_services import annual_report_submit
from apps.procurement import services as procurement
from apps.procurement.models import PaymentCondition, ProjectStatus, TargetKind
from apps.procurement.portal_services import progress_report_submit_with_evidence
from apps.volunteers.models import Team
from apps.volunteers.services import team_membership_join
from tests.personas import SUPERUSER
from tests.procurement.factories import catalogue_item
from tests.volunteers.factories import make_activity, make_volunteer

MARKERS = {
    "a": {"volunteer": "甲标记志愿者", "team": "甲标记服务队", "activity": "甲标记环保活动", "record": "甲标记记录内容",
          "contract": "甲标记合同", "project": "甲标记项目", "report": "甲标记进度报告", "annual": "甲标记年报说明",
          "evidence": "jia-marker-evidence.pdf"},
    "b": {"volunteer": "乙标记志愿者", "team": "乙标记服务队", "activity": "乙标记文艺活动", "record": "乙标记记录内容",
          "contract": "乙标记合同", "project": "乙标记项目", "report": "乙标记进度报告", "annual": "乙标记年报说明",
          "evidence": "yi-marker-evidence.pdf"},
}


@dataclass
class OrgWork:
    volunteer: object
    team: object
    activity: object
    record: object
    certificate: object
    contract: object
    report: object
    annual_report: object
    evidence: object


def portal_world(world) -> dict[str, OrgWork]:
    if getattr(world, "_portal_work", None) is None:
        world._portal_work = {"a": _build(world, world.org_a, world.street_a, "a"),
                              "b": _build(world, world.org_b, world.street_b, "b")}
    return world._portal_work


def pdf(name="file.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def _build(world, org, street, key):
    root = world.user(SUPERUSER)
    marks = MARKERS[key]
    volunteer = make_volunteer(org.area, name=marks["volunteer"], organization=org)
    team = Team.objects.create(name=marks["team"], organization=org, leader=volunteer)
    team_membership_join(team=team, volunteer=volunteer)
    start = timezone.make_aware(datetime.datetime(2026, 2, 10, 9, 0))
    activity = make_activity(org, start=start, name=marks["activity"])
    [record] = records_enter(actor=root, activity=activity,
                             entries=[{"volunteer": volunteer, "content": marks["record"]}])
    records_confirm(actor=root, records=ServiceRecord.objects.filter(pk=record.pk))
    record.refresh_from_db()
    certificate = certificate_request(actor=root, volunteer=volunteer, organization=org, community=None,
                                      period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 12, 31))
    certificate_accept(actor=root, certificate=certificate)
    certificate = certificate_issue(actor=root, certificate=certificate, responsible_person="陈伟", handler="王芳",
                                    contact="0571-88888888")
    project = procurement.project_create(
        actor=root, purchaser=street, name=marks["project"], catalogue_item=catalogue_item(), fiscal_year=2025,
        budget_amount=Decimal("200000"), budget_reference="西财预〔2025〕12号", funding_source="own_budget",
        procurement_method="consultation")
    project = procurement.project_transition(actor=root, project=project, to_status=ProjectStatus.PROCURING)
    contract = procurement.contract_award(
        actor=root, project=project, provider=org, number=marks["contract"], amount=Decimal("100000"),
        signed_on=datetime.date(2025, 3, 3), start_date=datetime.date(2025, 3, 10),
        end_date=datetime.date(2026, 3, 9), content="助餐服务", performance_bond=Decimal("0"), term_justification="")
    procurement.project_transition(actor=root, project=project, to_status=ProjectStatus.PERFORMING)
    procurement.target_set(actor=root, contract=contract, kind=TargetKind.CUSTOM, name="探访",
                           target_value=Decimal("10"))
    procurement.payment_plan(actor=root, contract=contract, name="首付", condition=PaymentCondition.SIGNING,
                             planned_amount=Decimal("1000"), planned_on=datetime.date(2025, 3, 20))
    report = progress_report_submit_with_evidence(
        actor=root, contract=contract, period_start=datetime.date(2025, 3, 10), period_end=datetime.date(2025, 6, 9),
        summary=marks["report"], files=[pdf(marks["evidence"])])
    annual = annual_report_submit(actor=root, organization=org, year=2025, note=marks["annual"], file=pdf(),
                                  today=datetime.date(2026, 4, 1))
    from apps.organizations.models import Attachment

    evidence = Attachment.objects.get(organization=org, title__endswith=marks["evidence"])
    return OrgWork(volunteer, team, activity, record, certificate, contract, report, annual, evidence)
