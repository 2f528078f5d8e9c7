"""Demo activities (~60) with ~1500 service records, most confirmed, and a few certificates."""

import datetime

from django.utils import timezone

from .certificates import certificate_accept, certificate_issue, certificate_request
from .models import Activity, ActivityCategory, ActivityPosition, OrganizerKind, RecordStatus, ServiceRecord
from .totals import totals_rebuild

ACTIVITIES = 60
NAMES = {
    ActivityCategory.ELDERLY: ["独居老人探访", "敬老助餐", "老年人智能手机教学"],
    ActivityCategory.ENVIRONMENT: ["垃圾分类督导", "西溪湿地清洁", "社区环境整治"],
    ActivityCategory.SAFETY: ["夜间平安巡防", "消防安全宣传"],
    ActivityCategory.CULTURE: ["社区文艺汇演", "邻里节", "书法进社区"],
    ActivityCategory.YOUTH: ["四点半课堂", "暑期托管"],
    ActivityCategory.COMMUNITY: ["便民服务日", "疫苗接种引导", "社区议事会服务"],
}


def seed(ctx):
    rng = ctx.rng
    volunteers = ctx.made["volunteers"]
    members = {}
    for membership in ctx.made["volunteer_memberships"]:
        members.setdefault(membership.organization_id, []).append(membership.volunteer)
    organizations = [o for o in ctx.made["organizations"] if len(members.get(o.pk, [])) >= 10]
    org_a = ctx.made.get("org_a")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    # One activity per day over the past months, so nobody serves two at once.
    days = rng.sample(range(3, 200), ACTIVITIES)
    activities = []
    for i, day in enumerate(days):
        organization = org_a if (org_a is not None and i % 6 == 0) else rng.choice(organizations)
        category = rng.choice(list(NAMES))
        start = (now - datetime.timedelta(days=day)).replace(hour=rng.choice([8, 9, 14, 19]))
        activity = Activity(
            name=rng.choice(NAMES[category]), organizer_kind=OrganizerKind.ORGANIZATION, organization=organization,
            community=organization.area, place=organization.area.name + rng.choice(["广场", "活动室", "党群服务中心"]),
            starts_at=start, ends_at=start + datetime.timedelta(hours=rng.choice([2, 3, 4])), category=category,
            beneficiaries=rng.choice(["社区居民", "独居老人", "青少年", "残疾人"]), beneficiary_count=rng.randint(10, 200),
            lead_person=volunteers[rng.randrange(len(volunteers))].name, is_insured=rng.random() < 0.7,
            is_risky=category == ActivityCategory.SAFETY,
        )
        activities.append(activity)
    Activity.objects.bulk_create(activities)
    ActivityPosition.objects.bulk_create([ActivityPosition(activity=a, name="志愿者", quota=30) for a in activities])
    users = ctx.made.get("users", {})
    recorder = users.get("org_a_admin") or users.get("street")
    records = []
    for activity in activities:
        pool = members.get(activity.organization_id, [])
        if activity.is_risky:
            pool = [v for v in pool if (activity.starts_at.date() - v.birth_date).days >= 18 * 366]
        for volunteer in rng.sample(pool, min(len(pool), rng.randint(25, 35))):
            late = datetime.timedelta(minutes=rng.choice([0, 0, 0, 15, 30]))
            started_at = activity.starts_at + late
            hours = round((activity.ends_at - started_at).total_seconds() / 3600, 2)
            confirmed = rng.random() < 0.85
            records.append(ServiceRecord(
                volunteer=volunteer, activity=activity, started_at=started_at, ended_at=activity.ends_at,
                hours=hours, content=activity.name, recorded_by=recorder,
                status=RecordStatus.CONFIRMED if confirmed else RecordStatus.PENDING,
                confirmed_by=recorder if confirmed else None, confirmed_at=activity.ends_at if confirmed else None,
            ))
    ServiceRecord.objects.bulk_create(records, batch_size=1000)
    totals_rebuild()
    issued = 0
    if org_a is not None:
        confirmed_at_a = ServiceRecord.objects.filter(activity__organization=org_a, status=RecordStatus.CONFIRMED)
        for volunteer_id in confirmed_at_a.values_list("volunteer_id", flat=True).distinct()[:3]:
            volunteer = next(v for v in volunteers if v.pk == volunteer_id)
            certificate = certificate_request(actor=recorder, volunteer=volunteer, organization=org_a, community=None,
                                              period_start=(now - datetime.timedelta(days=365)).date(),
                                              period_end=now.date())
            certificate_accept(actor=recorder, certificate=certificate)
            certificate_issue(actor=recorder, certificate=certificate, responsible_person=org_a.name[:2] + "主任",
                              handler=recorder.full_name if recorder else "", contact="0571-87000000")
            issued += 1
    ctx.say(f"activities: {len(activities)}, service records: {len(records)}, certificates: {issued}")
