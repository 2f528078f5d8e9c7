"""Demo activities (~60) with ~1500 service records, most confirmed, and a few certificates."""

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count, Min, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from apps.core.demo import insert_rows, seasonal_day_weights, weighted_index

from .certificates import certificate_accept, certificate_issue, certificate_request
from .models import (
    Activity, ActivityCategory, ActivityPosition, HoursTotal, OrganizerKind, RecordStatus, ServiceRecord,
)
from .totals import month_totals_fill, totals_rebuild

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
    if ctx.scale.bulk:
        return seed_bulk(ctx)
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
            lead_person=volunteers[rng.randrange(len(volunteers))].name,
            # Risky work is always insured (志愿服务条例 §17); rng is drawn either way.
            is_insured=rng.random() < 0.7 or category == ActivityCategory.SAFETY,
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
            pool = [v for v in pool if (timezone.localtime(activity.starts_at).date() - v.birth_date).days >= 18 * 366]
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
    regulars = _weekly_visits(ctx, org_a, members, recorder, now) if org_a is not None else []
    totals_rebuild()
    _grant_stars(ctx, regulars)
    issued = 0
    if org_a is not None:
        confirmed_at_a = ServiceRecord.objects.filter(activity__organization=org_a, status=RecordStatus.CONFIRMED)
        for volunteer_id in confirmed_at_a.values_list("volunteer_id", flat=True).distinct()[:3]:
            volunteer = next(v for v in volunteers if v.pk == volunteer_id)
            certificate = certificate_request(actor=recorder, volunteer=volunteer, organization=org_a, community=None,
                                              period_start=timezone.localdate(now - datetime.timedelta(days=365)),
                                              period_end=timezone.localdate(now))
            certificate_accept(actor=recorder, certificate=certificate)
            certificate_issue(actor=recorder, certificate=certificate, responsible_person=org_a.name[:2] + "主任",
                              handler=recorder.full_name if recorder else "", contact="0571-87000000")
            issued += 1
    ctx.say(f"activities: {len(activities)}, service records: {len(records)}, certificates: {issued}")


def _weekly_visits(ctx, org_a, members, recorder, now):
    """Org A's weekly 独居老人探访 over the year before the one-off activities: its six regulars
    come (almost) every week, so the demo has volunteers who reached a star level."""
    rng = ctx.rng
    regulars = [v for v in members.get(org_a.pk, []) if (timezone.localdate(now) - v.birth_date).days >= 18 * 366][:6]
    turnout = [1.0, 1.0, 0.9, 0.8, 0.6, 0.5]
    records = []
    for week in range(45):
        start = (now - datetime.timedelta(days=205 + 7 * week)).replace(hour=9)
        activity = Activity.objects.create(
            name="独居老人探访（每周）", organizer_kind=OrganizerKind.ORGANIZATION, organization=org_a,
            community=org_a.area, place=org_a.area.name + "党群服务中心", starts_at=start,
            ends_at=start + datetime.timedelta(hours=4), category=ActivityCategory.ELDERLY,
            beneficiaries="独居老人", beneficiary_count=rng.randint(12, 20), lead_person=regulars[0].name if regulars
            else "负责人", is_insured=True)
        records += [ServiceRecord(volunteer=v, activity=activity, started_at=start, ended_at=activity.ends_at,
                                  hours=4, content=activity.name, recorded_by=recorder, status=RecordStatus.CONFIRMED,
                                  confirmed_by=recorder, confirmed_at=activity.ends_at)
                    for v, rate in zip(regulars, turnout, strict=False) if rng.random() < rate]
    ServiceRecord.objects.bulk_create(records)
    return regulars


def _grant_stars(ctx, volunteers):
    """Grant the star awards the regulars' confirmed hours reach, through the service."""
    from django.core.exceptions import ValidationError

    from apps.volunteers.models import Volunteer
    from apps.volunteers.services import star_award_grant

    actor = ctx.made.get("users", {}).get("street")
    granted = 0
    for volunteer in Volunteer.objects.filter(pk__in=[v.pk for v in volunteers]).order_by("pk"):
        try:
            granted += len(star_award_grant(actor=actor, volunteer=volunteer, granting_body="西湖区志愿服务联合会"))
        except ValidationError:
            continue  # not (yet) at a star level
    ctx.say(f"star awards: {granted}")


PLACES = ["广场", "活动室", "党群服务中心", "邻里中心", "文化家园", "养老服务中心"]
SLOTS = [(8, 3), (9, 3), (14, 3), (14, 2), (19, 2), (9, 4)]  # start hour, hours


def seed_bulk(ctx):
    """Large scales: activities over the past year (seasonal, weekends busier) sized by the
    organizer's membership, records inserted as plain rows, kept totals and stars in bulk."""
    rng, now = ctx.rng, timezone.now().replace(minute=0, second=0, microsecond=0)
    members, births = ctx.made["members"], ctx.made["volunteer_births"]
    organizers = [o for o in ctx.made["organizations_by_size"] if len(members.get(o.pk, [])) >= 5]
    cum_orgs = list(_accumulate(len(members[o.pk]) for o in organizers))
    days_back = seasonal_day_weights(timezone.localdate(now), 365)
    activities = []
    for _ in range(ctx.scale.activities):
        organization = organizers[weighted_index(rng, cum_orgs)]
        category = rng.choice(list(NAMES))
        hour, length = rng.choice(SLOTS)
        start = (now - datetime.timedelta(days=weighted_index(rng, days_back) + 1)).replace(hour=hour)
        activities.append(Activity(
            name=rng.choice(NAMES[category]), organizer_kind=OrganizerKind.ORGANIZATION, organization=organization,
            community_id=organization.area_id, place=rng.choice(PLACES), starts_at=start,
            ends_at=start + datetime.timedelta(hours=length), category=category,
            beneficiaries=rng.choice(["社区居民", "独居老人", "青少年", "残疾人"]), beneficiary_count=rng.randint(10, 200),
            lead_person=organization.contact_name or "负责人",
            is_insured=rng.random() < 0.7 or category == ActivityCategory.SAFETY,
            is_risky=category == ActivityCategory.SAFETY,
        ))
    Activity.objects.bulk_create(activities, batch_size=5000)
    recorder = ctx.made.get("users", {}).get("street")
    per_activity = 1.3 * ctx.scale.records / max(1, ctx.scale.activities)
    busy = {}  # volunteer id -> last day served: one activity a day, so nobody serves two at once
    totals = defaultdict(lambda: [Decimal(0), 0])
    rows = []
    held = Counter(a.organization_id for a in activities)
    for activity in activities:  # random order: stopping at the target leaves random activities unrecorded
        if len(rows) >= ctx.scale.records:
            break
        pool = members[activity.organization_id]
        day = timezone.localtime(activity.starts_at).date()
        wanted = min(len(pool), max(3, int(rng.gauss(per_activity, per_activity / 3))))
        confirmed_ok = (now - activity.ends_at).days > 14
        # The backbone (earliest ~2.5 % of members) turns up to ~90 of the organization's activities a year.
        backbone = pool[: max(1, len(pool) // 40)]
        rate = min(0.9, 90 / held[activity.organization_id])
        chosen = [v for v in backbone if rng.random() < rate] + rng.sample(pool, wanted)
        for volunteer_id in chosen:
            if busy.get(volunteer_id) == day or (activity.is_risky and (day - births[volunteer_id]).days < 18 * 366):
                continue
            busy[volunteer_id] = day
            started_at = activity.starts_at + datetime.timedelta(minutes=rng.choice([0, 0, 0, 15, 30]))
            hours = Decimal(round((activity.ends_at - started_at).total_seconds() / 3600, 2)).quantize(Decimal("0.01"))
            confirmed = confirmed_ok and rng.random() < 0.92
            rows.append((volunteer_id, activity.pk, started_at, activity.ends_at, hours, activity.name,
                         RecordStatus.CONFIRMED if confirmed else RecordStatus.PENDING,
                         recorder.pk if recorder else None, activity.ends_at,
                         recorder.pk if recorder and confirmed else None, activity.ends_at if confirmed else None))
            if confirmed:
                for key in (("organization", activity.organization_id), ("community", activity.community_id)):
                    totals[key][0] += hours
                    totals[key][1] += 1
    insert_rows(ServiceRecord, ["volunteer_id", "activity_id", "started_at", "ended_at", "hours", "content",
                                "status", "recorded_by_id", "recorded_at", "confirmed_by_id", "confirmed_at"], rows)
    _registered_before_service()
    _bulk_totals(totals)
    stars = _bulk_stars(ctx)
    ctx.made["activities"] = activities
    ctx.say(f"activities: {len(activities)}, service records: {len(rows)}, starred volunteers: {stars}")


def _registered_before_service():
    """No service before the registration (apps.activities.rules): a volunteer whose drawn
    registration date lies after their first record registered when they first served (their
    registration consent with it). Set-based, and without drawing from rng: the rest of the seed
    stays the same."""
    from apps.volunteers.models import Consent, ConsentPurpose, Volunteer

    first = (ServiceRecord.objects.filter(volunteer=OuterRef("pk")).order_by().values("volunteer")
             .annotate(first=Min("started_at")).values("first"))
    Volunteer.objects.filter(created_at__gt=Subquery(first)).update(created_at=Subquery(first))
    registered = Volunteer.objects.filter(pk=OuterRef("volunteer_id")).values("created_at")
    Consent.objects.filter(purpose=ConsentPurpose.REGISTRATION, given_at__gt=Subquery(registered)).update(
        given_at=Subquery(registered))


def _accumulate(values):
    total = 0
    for value in values:
        total += value
        yield total


def _bulk_totals(totals):
    """Kept totals written once: volunteers by one aggregate UPDATE, the monthly figures by
    aggregate INSERT … SELECT, the rest from the sums above."""
    from apps.areas.models import Area
    from apps.volunteers.models import Volunteer

    confirmed = ServiceRecord.objects.filter(volunteer=OuterRef("pk"), status=RecordStatus.CONFIRMED)
    confirmed = confirmed.order_by().values("volunteer")
    Volunteer.objects.update(
        confirmed_hours=Coalesce(Subquery(confirmed.annotate(s=Sum("hours")).values("s")), Value(Decimal(0))),
        confirmed_records=Coalesce(Subquery(confirmed.annotate(n=Count("pk")).values("n")), Value(0)),
    )
    per_area = defaultdict(lambda: [Decimal(0), 0])
    paths = dict(Area.objects.values_list("pk", "path"))
    pk_by_code = dict(Area.objects.values_list("code", "pk"))
    rows = []
    for (kind, key), (hours, count) in totals.items():
        if kind == "organization":
            rows.append(HoursTotal(kind=HoursTotal.Kind.ORGANIZATION, key=key, hours=hours, records=count))
            continue
        for code in paths[key].strip("/").split("/"):
            per_area[pk_by_code[code]][0] += hours
            per_area[pk_by_code[code]][1] += count
    rows += [HoursTotal(kind=HoursTotal.Kind.AREA, key=key, hours=h, records=n) for key, (h, n) in per_area.items()]
    HoursTotal.objects.bulk_create(rows, batch_size=5000)
    month_totals_fill()


def _bulk_stars(ctx):
    """Star levels and the awards they earn, set-based through the volunteers' service."""
    from apps.volunteers.models import Volunteer
    from apps.volunteers.services import star_awards_grant_bulk

    return star_awards_grant_bulk(actor=ctx.made.get("users", {}).get("city"), volunteers=Volunteer.objects.all(),
                                  granting_body="杭州市志愿服务联合会")
