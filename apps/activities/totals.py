"""Kept totals of confirmed hours: per volunteer (on its row), organization, team and every
area above the activity's community (``HoursTotal``). Only the services that move a record
into or out of 已确认 call ``totals_apply``; ``totals_recount`` recomputes from the records
(for tests and repairs) and ``totals_rebuild`` writes that recount back.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, Sum

from apps.areas.models import Area
from apps.volunteers.models import Volunteer

from .models import HoursTotal, RecordStatus, ServiceRecord


def _area_chain(community, cache):
    """Ids of the community and every area above it (one query per community)."""
    if community.pk not in cache:
        codes = community.path.strip("/").split("/")
        cache[community.pk] = list(Area.objects.filter(code__in=codes, path__in=[
            "/" + "/".join(codes[: i + 1]) + "/" for i in range(len(codes))
        ]).values_list("pk", flat=True))
    return cache[community.pk]


def _keys(record, cache):
    activity = record.activity
    keys = [(HoursTotal.Kind.AREA, pk) for pk in _area_chain(activity.community, cache)]
    if activity.organization_id:
        keys.append((HoursTotal.Kind.ORGANIZATION, activity.organization_id))
    if activity.team_id:
        keys.append((HoursTotal.Kind.TEAM, activity.team_id))
    return keys


def totals_apply(records, sign: int):
    """Add (sign=+1) or remove (sign=-1) records' hours from every kept total."""
    per_volunteer = defaultdict(lambda: [Decimal(0), 0])
    per_key = defaultdict(lambda: [Decimal(0), 0])
    cache = {}
    for record in records:
        per_volunteer[record.volunteer_id][0] += record.hours
        per_volunteer[record.volunteer_id][1] += 1
        for key in _keys(record, cache):
            per_key[key][0] += record.hours
            per_key[key][1] += 1
    for volunteer_id, (hours, count) in per_volunteer.items():
        Volunteer.objects.filter(pk=volunteer_id).update(
            confirmed_hours=F("confirmed_hours") + sign * hours, confirmed_records=F("confirmed_records") + sign * count,
        )
    for (kind, key), (hours, count) in per_key.items():
        HoursTotal.objects.get_or_create(kind=kind, key=key)
        HoursTotal.objects.filter(kind=kind, key=key).update(
            hours=F("hours") + sign * hours, records=F("records") + sign * count,
        )


def totals_recount() -> dict:
    """{("volunteer", pk): (hours, records), (kind, key): (hours, records)} from the records."""
    result = defaultdict(lambda: (Decimal(0), 0))
    confirmed = ServiceRecord.objects.filter(status=RecordStatus.CONFIRMED)
    for row in confirmed.values("volunteer_id").annotate(hours=Sum("hours"), n=Count("pk")):
        result[("volunteer", row["volunteer_id"])] = (row["hours"], row["n"])
    cache = {}
    for record in confirmed.select_related("activity__community"):
        for key in _keys(record, cache):
            hours, count = result[key]
            result[key] = (hours + record.hours, count + 1)
    return dict(result)


def totals_kept() -> dict:
    """The kept totals in the same shape as ``totals_recount`` (zero rows left out)."""
    kept = {("volunteer", pk): (hours, n) for pk, hours, n in
            Volunteer.objects.filter(confirmed_records__gt=0).values_list("pk", "confirmed_hours", "confirmed_records")}
    kept.update({(kind, key): (hours, n) for kind, key, hours, n in
                 HoursTotal.objects.filter(records__gt=0).values_list("kind", "key", "hours", "records")})
    return kept


def totals_rebuild():
    recount = totals_recount()
    Volunteer.objects.update(confirmed_hours=0, confirmed_records=0)
    HoursTotal.objects.all().delete()
    rows = []
    for (kind, key), (hours, count) in recount.items():
        if kind == "volunteer":
            Volunteer.objects.filter(pk=key).update(confirmed_hours=hours, confirmed_records=count)
        else:
            rows.append(HoursTotal(kind=kind, key=key, hours=hours, records=count))
    HoursTotal.objects.bulk_create(rows)


def hours_for(kind: str, key: int) -> Decimal:
    total = HoursTotal.objects.filter(kind=kind, key=key).values_list("hours", flat=True).first()
    return total or Decimal(0)
