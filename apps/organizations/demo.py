"""Demo organizations: realistic legal forms, valid credit codes, statuses, reports, grades, a
few credit listings, Party building and incubation (deterministic for a given seed)."""

import datetime
import decimal

from django.utils import timezone
from stdnum.cn import uscc

from apps.core.demo import person_name

from .models import (
    CAPITAL_KIND_BY_FORM, MODE_BY_FORM, AnnualReport, AnnualReportResult, CertificateVariant, CreditListing,
    CreditListKind, EvaluationGrade, IncubationMode, IncubationRecord, LegalForm, ManagementMode, Organization,
    OrgStatus, PartyOrgType, ServiceDomain, StatusChange, add_years, authority_level_of_code,
)
from .validators import CATEGORY_BY_FORM

# (name pattern, legal form, service domains)
NAME_PATTERNS = [
    ("{c}邻里互助会", LegalForm.FILED_COMMUNITY, ["社区服务"]),
    ("{c}老年协会", LegalForm.SOCIAL_GROUP, ["养老"]),
    ("{c}睦邻志愿服务队", LegalForm.COMMUNITY_TEAM, ["社区服务"]),
    ("{c}文体协会", LegalForm.SOCIAL_GROUP, ["文体"]),
    ("{c}调解工作室", LegalForm.SERVICE_INSTITUTION, ["调解", "法律援助"]),
    ("杭州市西湖区{c}为老服务中心", LegalForm.SERVICE_INSTITUTION, ["养老", "社区服务"]),
    ("{c}青少年成长服务社", LegalForm.SERVICE_INSTITUTION, ["儿童青少年"]),
    ("{c}助残服务社", LegalForm.SERVICE_INSTITUTION, ["助残"]),
    ("{c}社会工作服务中心", LegalForm.SERVICE_INSTITUTION, ["社区服务", "社会心理服务"]),
    ("{c}书画协会", LegalForm.FILED_COMMUNITY, ["文体"]),
    ("{c}平安巡防队", LegalForm.COMMUNITY_TEAM, ["社区服务"]),
    ("{c}心理关爱服务站", LegalForm.SERVICE_INSTITUTION, ["社会心理服务"]),
    ("{c}法律援助工作站", LegalForm.SERVICE_INSTITUTION, ["法律援助"]),
    ("{c}慈善救助会", LegalForm.SOCIAL_GROUP, ["慈善救助"]),
    ("{c}社区发展基金会", LegalForm.FOUNDATION, ["慈善救助", "社区服务"]),
    ("{c}社会组织联合会", LegalForm.SOCIAL_GROUP, ["枢纽型", "社区协商"]),
]
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
PLACE_VARIANTS = ["东苑", "西苑", "南苑", "北苑", "一区", "二区", "三区", "四区", "新村", "花园", "锦苑", "嘉园",
                  "银杏", "香樟", "桂香", "和睦", "同心", "阳光", "夕阳红", "春晖", "彩虹", "启航", "乐龄", "安心"]
BASES = ["西湖区社会组织孵化园", "街道社会组织服务中心", "社区公益创投空间"]


def credit_code(rng, legal_form, area_code):
    body = f"5{CATEGORY_BY_FORM[legal_form]}{area_code[:6]}MJ" + "".join(rng.choice(ALPHABET) for _ in range(7))
    return body + uscc.calc_check_digit(body)


def seed(ctx):
    rng, today = ctx.rng, timezone.localdate()
    communities = ctx.made["communities"]
    domains = {d.name: d for d in ServiceDomain.objects.all()}
    names, codes, organizations, picked_domains = set(), set(), [], []
    while len(organizations) < ctx.scale.organizations:
        community = rng.choice(communities)
        pattern, form, domain_names = rng.choice(NAME_PATTERNS)
        name = pattern.format(c=community.name.removesuffix("社区"))
        if name in names and ctx.scale.bulk:  # a city has several of a kind per community
            name = pattern.format(c=community.name.removesuffix("社区") + rng.choice(PLACE_VARIANTS))
        if name in names:
            continue
        names.add(name)
        organizations.append(_organization(rng, today, name, form, community, codes))
        picked_domains.append([domains[d] for d in domain_names if d in domains])
    Organization.objects.bulk_create(organizations, batch_size=1000)
    through = Organization.domains.through
    through.objects.bulk_create([
        through(organization_id=org.pk, servicedomain_id=domain.pk)
        for org, chosen in zip(organizations, picked_domains, strict=True) for domain in chosen
    ])
    StatusChange.objects.bulk_create([
        StatusChange(organization=org, from_status="", to_status=OrgStatus.NORMAL, changed_on=org.founded_on,
                     reason="成立登记" if org.management_mode == ManagementMode.REGISTERED else "备案/纳入社区指导")
        for org in organizations
    ])
    _records(rng, today, organizations)
    ctx.made["organizations"] = list(Organization.objects.order_by("pk"))
    ctx.say(f"organizations: {len(organizations)}")


def _organization(rng, today, name, form, community, codes):
    founded = today - datetime.timedelta(days=rng.randint(200, 365 * 12))
    registered = MODE_BY_FORM[form] == ManagementMode.REGISTERED
    code = ""
    # Foundations are registered by the province (浙江省民政厅), the others by the district.
    authority_area = community.code[:2] + "0000" if form == LegalForm.FOUNDATION else community.code
    while registered and (not code or code in codes):
        code = credit_code(rng, form, authority_area)
    codes.add(code)
    return Organization(
        name=name, legal_form=form, management_mode=MODE_BY_FORM[form], area=community,
        certificate_variant=(rng.choice([CertificateVariant.LEGAL_PERSON] * 4 + [CertificateVariant.INDIVIDUAL])
                             if form == LegalForm.SERVICE_INSTITUTION else ""),
        credit_code=code,
        filing_number=f"西民备{founded.year}{rng.randint(1, 999):03d}" if form == LegalForm.FILED_COMMUNITY else "",
        residence=f"杭州市西湖区{community.name}{rng.randint(1, 200)}号",
        purpose="遵守宪法、法律、法规和国家政策，践行社会主义核心价值观，为社区居民提供服务。",
        activity_region="杭州市西湖区" if registered else community.name,
        representative=person_name(rng), contact_name=person_name(rng),
        contact_phone=f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
        registered_capital=(decimal.Decimal(rng.choice([3, 5, 10, 20, 200 if form == LegalForm.FOUNDATION else 30]))
                            if registered else None),
        capital_kind=CAPITAL_KIND_BY_FORM.get(form, ""),
        supervisor="",
        registration_authority="浙江省民政厅" if form == LegalForm.FOUNDATION else ("杭州市西湖区民政局" if registered else ""),
        registration_authority_level=authority_level_of_code(code),
        founded_on=founded, status=OrgStatus.NORMAL, status_changed_on=founded,
        party_org_type=rng.choice([PartyOrgType.INDEPENDENT, PartyOrgType.JOINT, PartyOrgType.JOINT,
                                   PartyOrgType.FUNCTIONAL, PartyOrgType.NONE, PartyOrgType.NONE]),
        party_member_count=rng.randint(0, 12),
    )


def _records(rng, today, organizations):
    reports, grades, listings, incubations = [], [], [], []
    for org in organizations:
        if org.management_mode != ManagementMode.REGISTERED:
            if rng.random() < 0.3:
                incubations.append(_incubation(rng, org, today))
            continue
        # Reports since establishment; a few recent ones missing (→ overdue).
        for year in range(max(org.founded_on.year, today.year - 4), today.year):
            if year == today.year - 1 and rng.random() < 0.15:
                continue
            result = rng.choices([AnnualReportResult.QUALIFIED, AnnualReportResult.BASICALLY_QUALIFIED,
                                  AnnualReportResult.UNQUALIFIED, AnnualReportResult.SUBMITTED], [70, 18, 4, 8])[0]
            submitted = datetime.date(year + 1, rng.randint(2, 5), rng.randint(1, 28))
            if submitted <= today:
                reports.append(AnnualReport(organization=org, year=year, submitted_on=submitted, result=result))
        if org.founded_on.year <= today.year - 3 and rng.random() < 0.45:
            grade = rng.choices([5, 4, 3, 2, 1], [5, 20, 45, 20, 10])[0]
            evaluated = today - datetime.timedelta(days=rng.randint(30, 365 * 6))
            score = {5: 920, 4: 830, 3: 740, 2: 650, 1: 560}[grade] + rng.randint(0, 50)
            grades.append(EvaluationGrade(organization=org, grade=grade, score=score, evaluated_on=evaluated,
                                          valid_until=add_years(evaluated, 5),
                                          certificate_number=f"西民评字〔{evaluated.year}〕{rng.randint(1, 300)}号",
                                          evaluator="西湖区社会组织评估委员会"))
        if rng.random() < 0.06:
            listed = today - datetime.timedelta(days=rng.randint(30, 900))
            listings.append(CreditListing(
                organization=org, kind=CreditListKind.ABNORMAL, reason="未按规定报送年度工作报告",
                decision_document=f"西民异〔{listed.year}〕{rng.randint(1, 60)}号", decided_by="杭州市西湖区民政局",
                listed_on=listed))
        if rng.random() < 0.2:
            incubations.append(_incubation(rng, org, today))
    AnnualReport.objects.bulk_create(reports, batch_size=1000)
    EvaluationGrade.objects.bulk_create(grades)
    CreditListing.objects.bulk_create(listings)
    IncubationRecord.objects.bulk_create(incubations)
    _one_serious_case(organizations, today)


def _incubation(rng, org, today):
    entered = max(org.founded_on, today - datetime.timedelta(days=rng.randint(60, 1000)))
    planned = add_years(entered, 1)
    exited = planned if planned < today and rng.random() < 0.7 else None
    return IncubationRecord(organization=org, base=rng.choice(BASES), mode=rng.choice(list(IncubationMode)),
                            entered_on=entered, planned_exit_on=planned, exited_on=exited,
                            exit_type="graduated" if exited else "", support="场地、能力建设培训、项目对接")


def _one_serious_case(organizations, today):
    """One organization on the serious list, revoked: the clerk's cautionary example."""
    candidates = [o for o in organizations if o.legal_form == LegalForm.SOCIAL_GROUP]
    if not candidates:
        return
    org = candidates[-1]
    listed = today - datetime.timedelta(days=400)
    CreditListing.objects.create(organization=org, kind=CreditListKind.SERIOUS, reason="弄虚作假骗取登记，被撤销登记",
                                 decision_document=f"西民严〔{listed.year}〕2号", decided_by="杭州市西湖区民政局",
                                 listed_on=listed)
    StatusChange.objects.create(organization=org, from_status=OrgStatus.NORMAL, to_status=OrgStatus.REVOKED,
                                changed_on=listed, reason="弄虚作假骗取登记", document=f"西民罚〔{listed.year}〕5号")
    org.status, org.status_changed_on = OrgStatus.REVOKED, listed
    org.save(update_fields=["status", "status_changed_on"])
