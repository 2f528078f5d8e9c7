"""Demo volunteers (~300) with valid synthetic ID numbers, memberships and teams."""

import datetime

from django.utils import timezone

from apps.core.crypto import encrypt, keyed_hash
from apps.core.demo import insert_rows, person_name, weighted_index, zipf_cum_weights

from .id_numbers import synthetic_resident_id
from .models import (
    Consent, ConsentPurpose, PoliticalStatus, Sex, Team, TeamMembership, Volunteer, VolunteerMembership, person_key,
)

VOLUNTEERS = 300
SKILLS = ["助老陪护", "文艺演出", "心理疏导", "法律咨询", "医疗急救", "垃圾分类宣传", "电脑维修", "书法绘画", "外语翻译", ""]
TIMES = ["工作日白天", "工作日晚上", "周末", "节假日", "随时"]
INTENTIONS = ["社区服务", "养老", "助残", "儿童青少年", "文体", "平安巡防"]
TEAM_SUFFIXES = ["志愿服务队", "党员先锋队", "巾帼志愿队", "青年志愿队"]
#: Bulk scales: volunteers registered within this many days (skewed to recent ones).
REGISTRATION_DAYS = 3 * 365
#: Small scale: volunteers registered at least this many days ago (before org A's weekly visits).
SMALL_REGISTERED_DAYS = 550


def seed(ctx):
    if ctx.scale.bulk:
        return seed_bulk(ctx)
    rng = ctx.rng
    communities = ctx.made["communities"]
    organizations = ctx.made["organizations"]
    today = timezone.localdate()
    volunteers = []
    for n in range(VOLUNTEERS):
        # Mostly adults, many retirees; a few teenagers (with a guardian's consent below).
        age = rng.choice([rng.randint(20, 45), rng.randint(45, 60), rng.randint(60, 78), rng.randint(15, 17)])
        birth = today - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
        id_number = synthetic_resident_id("330106", birth, n)
        phone = f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}"
        name = person_name(rng)
        volunteers.append(Volunteer(
            number=f"{today:%Y}{n + 1:08d}", name=name, sex=Sex.MALE if n % 2 else Sex.FEMALE,
            birth_date=birth, id_number=id_number, id_number_hash=keyed_hash(id_number),
            phone=phone, phone_hash=keyed_hash(phone), person_hash=person_key(name, birth),
            community=rng.choice(communities),
            political_status=rng.choice([PoliticalStatus.PARTY_MEMBER] * 2 + [PoliticalStatus.MASSES] * 5
                                        + [PoliticalStatus.LEAGUE_MEMBER]),
            skills=rng.choice(SKILLS), availability=rng.choice(TIMES), service_intention=rng.choice(INTENTIONS),
        ))
    Volunteer.objects.bulk_create(volunteers, batch_size=500)
    volunteers = list(Volunteer.objects.order_by("pk"))
    # Registered before any of their demo service (which goes back ~17 months): records never
    # precede the registration (apps.activities.rules). Spread without drawing from rng, so the
    # rest of the demo stays the same.
    now = timezone.now()
    for n, volunteer in enumerate(volunteers):
        volunteer.created_at = now - datetime.timedelta(days=SMALL_REGISTERED_DAYS + (n * 37) % 500)
    Volunteer.objects.bulk_update(volunteers, ["created_at"], batch_size=500)
    Consent.objects.bulk_create([
        Consent(volunteer=v, purpose=ConsentPurpose.REGISTRATION, version="2026-01",
                guardian_name=(v.name[0] + "家长") if (today - v.birth_date).days < 18 * 365 else "",
                guardian_relation="父母" if (today - v.birth_date).days < 18 * 365 else "")
        for v in volunteers
    ])
    # Each volunteer serves with one organization near home and one or two others (org A gets a good share).
    by_area = {}
    for organization in organizations:
        by_area.setdefault(organization.area_id, []).append(organization)
    org_a = ctx.made.get("org_a")
    memberships = []
    for volunteer in volunteers:
        nearby = by_area.get(volunteer.community_id) or organizations
        chosen = {rng.choice(nearby), *rng.sample(organizations, rng.randint(1, 2))}
        if org_a is not None and rng.random() < 0.15:
            chosen.add(org_a)
        memberships += [VolunteerMembership(volunteer=volunteer, organization=o,
                                            joined_on=today - datetime.timedelta(days=rng.randint(30, 900)))
                        for o in chosen]
    VolunteerMembership.objects.bulk_create(memberships)
    teams = []
    for organization in rng.sample(organizations, min(15, len(organizations))):
        team = Team(name=organization.name[:8] + rng.choice(TEAM_SUFFIXES), organization=organization,
                    contact_name=person_name(rng), contact_phone=f"139{rng.randint(0, 99999999):08d}",
                    founded_on=today - datetime.timedelta(days=rng.randint(200, 2000)))
        team.save()
        teams.append(team)
    members_of = {}
    for membership in memberships:
        members_of.setdefault(membership.organization_id, []).append(membership.volunteer)
    team_members = []
    for team in teams:
        pool = members_of.get(team.organization_id, [])
        for i, volunteer in enumerate(rng.sample(pool, min(len(pool), 8))):
            team_members.append(TeamMembership(team=team, volunteer=volunteer,
                                               role=TeamMembership.Role.LEADER if i == 0 else TeamMembership.Role.MEMBER))
            if i == 0:
                team.leader = volunteer
                team.save(update_fields=["leader"])
    TeamMembership.objects.bulk_create(team_members)
    ctx.made.update(volunteers=volunteers, teams=teams, volunteer_memberships=memberships)
    ctx.say(f"volunteers: {len(volunteers)}, teams: {len(teams)}")


def seed_bulk(ctx):
    """Large scales: plain rows (encrypted once here), Zipf-sized organizations (org A the largest)."""
    rng, today, now = ctx.rng, timezone.localdate(), timezone.now()
    communities = ctx.made["communities"]
    organizations = list(ctx.made["organizations"])
    org_a = ctx.made.get("org_a")
    if org_a is not None:  # org A is the large organization the benchmark's portal persona administers
        organizations.remove(org_a)
        organizations.insert(0, org_a)
    cum = zipf_cum_weights(len(organizations))
    by_area = {}
    for rank, organization in enumerate(organizations):
        by_area.setdefault(organization.area_id, []).append(rank)
    used_ids, rows, facts = set(), [], []
    politics = [PoliticalStatus.PARTY_MEMBER] * 2 + [PoliticalStatus.MASSES] * 5 + [PoliticalStatus.LEAGUE_MEMBER]
    for n in range(ctx.scale.volunteers):
        age = rng.choice([rng.randint(20, 45), rng.randint(45, 60), rng.randint(60, 78), rng.randint(15, 17)])
        birth = today - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
        sequence = n % 1000
        while (birth, sequence) in used_ids:
            sequence = (sequence + 1) % 1000
        used_ids.add((birth, sequence))
        id_number = synthetic_resident_id("330106", birth, sequence)
        phone = f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}"
        community = communities[rng.randrange(len(communities))]
        # Registered over the last three years, more of them recently (the registry grows).
        registered = now - datetime.timedelta(days=REGISTRATION_DAYS * rng.random() ** 1.6,
                                              seconds=rng.randint(0, 86_399))
        name = person_name(rng)
        rows.append((f"{today:%Y}{n + 1:08d}", name, Sex.MALE if sequence % 2 else Sex.FEMALE, birth,
                     encrypt(id_number), keyed_hash(id_number), encrypt(phone), keyed_hash(phone),
                     person_key(name, birth), community.pk, rng.choice(politics), rng.choice(SKILLS),
                     rng.choice(TIMES), rng.choice(INTENTIONS), registered, registered))
        facts.append((birth, community.pk, registered))
    insert_rows(Volunteer, ["number", "name", "sex", "birth_date", "id_number", "id_number_hash", "phone",
                            "phone_hash", "person_hash", "community_id", "political_status", "skills", "availability",
                            "service_intention", "created_at", "updated_at"], rows)
    del rows
    ids = list(Volunteer.objects.order_by("pk").values_list("pk", flat=True))
    minors = {pk for pk, (birth, _c, _r) in zip(ids, facts, strict=True) if (today - birth).days < 18 * 365}
    insert_rows(Consent, ["volunteer_id", "purpose", "version", "given_at", "guardian_name", "guardian_relation"],
                ((pk, ConsentPurpose.REGISTRATION, "2026-01", fact[2], "家长" if pk in minors else "",
                  "父母" if pk in minors else "") for pk, fact in zip(ids, facts, strict=True)))
    members = {}  # organization id -> [volunteer ids], in joining order
    membership_rows = []
    for pk, (_birth, community_id, registered) in zip(ids, facts, strict=True):
        registered_on = timezone.localtime(registered).date()
        chosen = {weighted_index(rng, cum) for _ in range(rng.choice([1, 1, 2, 2, 3]))}
        nearby = by_area.get(community_id)
        if nearby:
            chosen.add(rng.choice(nearby))
        for rank in chosen:
            organization_id = organizations[rank].pk
            members.setdefault(organization_id, []).append(pk)
            membership_rows.append((pk, organization_id, VolunteerMembership.Role.MEMBER,  # joined after registering
                                    today - datetime.timedelta(days=rng.randint(0, max(0, (today - registered_on).days)))))
    insert_rows(VolunteerMembership, ["volunteer_id", "organization_id", "role", "joined_on"], membership_rows)
    teams = _bulk_teams(rng, today, organizations[: max(3, len(organizations) // 10)], members)
    ctx.made.update(volunteer_ids=ids, volunteer_births=dict(zip(ids, (f[0] for f in facts), strict=True)),
                    members=members, teams=teams, organizations_by_size=organizations)
    ctx.say(f"volunteers: {len(ids)}, memberships: {len(membership_rows)}, teams: {len(teams)}")


def _bulk_teams(rng, today, organizations, members):
    teams = []
    for organization in organizations:
        pool = members.get(organization.pk, [])
        if not pool:
            continue
        team = Team(name=organization.name[:8] + rng.choice(TEAM_SUFFIXES), organization=organization,
                    contact_name=person_name(rng), contact_phone=f"139{rng.randint(0, 99999999):08d}",
                    founded_on=today - datetime.timedelta(days=rng.randint(200, 2000)), leader_id=pool[0])
        team.save()
        teams.append(team)
        picked = rng.sample(pool, min(len(pool), 12))
        if pool[0] not in picked:
            picked[0] = pool[0]
        TeamMembership.objects.bulk_create([
            TeamMembership(team=team, volunteer_id=pk,
                           role=TeamMembership.Role.LEADER if pk == pool[0] else TeamMembership.Role.MEMBER)
            for pk in picked])
    return teams
