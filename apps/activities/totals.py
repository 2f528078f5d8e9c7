"""Kept totals of confirmed hours: per volunteer (on its row), organization, team and every
area above the activity's community (``HoursTotal``), and per (area, month) with the month's
distinct volunteers (``MonthTotal``/``MonthVolunteer``, see month_totals.py). Only the
services that move a record into or out of 已确认 call ``totals_apply``; ``totals_recount``
recomputes from the records (for tests and repairs) and ``totals_rebuild`` writes that recount
back; ``month_totals_fill`` writes the monthly figures with aggregate INSERT … SELECT (bulk
seeds, the migration that added them).
"""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db import connection
from django.db.models import Count, DateField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from apps.areas.models import Area, ancestor_paths
from apps.volunteers.models import Volunteer
from apps.volunteers.stars import star_awards_review_flag

from .models import HoursTotal, MonthTotal, MonthVolunteer, RecordStatus, ServiceRecord

#: Rows per multi-row INSERT … ON CONFLICT (4 parameters each; well under every backend's limit).
UPSERT_BATCH = 2000


def _area_chain(community, cache):
    """Ids of the community and every area above it (one query per community)."""
    if community.pk not in cache:
        cache[community.pk] = list(Area.objects.filter(path__in=ancestor_paths(community.path))
                                   .values_list("pk", flat=True))
    return cache[community.pk]


def _keys(record, cache):
    activity = record.activity
    keys = [(HoursTotal.Kind.AREA, pk) for pk in _area_chain(activity.community, cache)]
    if activity.organization_id:
        keys.append((HoursTotal.Kind.ORGANIZATION, activity.organization_id))
    if activity.team_id:
        keys.append((HoursTotal.Kind.TEAM, activity.team_id))
    return keys


def record_month(record):
    """The local month of the service (its first day), as the dashboard groups records."""
    return timezone.localtime(record.started_at).date().replace(day=1)


def totals_apply(records, sign: int, *, actor=None):
    """Add (sign=+1) or remove (sign=-1) records' hours from every kept total. Batched: a few
    queries per distinct volunteer, organization, team, area and month, not per record.
    Removing hours puts star awards the volunteers no longer reach under review (``actor``: who
    caused it, for that audit entry)."""
    records = list(records)
    per_volunteer = defaultdict(lambda: [Decimal(0), 0])
    per_key = defaultdict(lambda: [Decimal(0), 0])
    cache = {}
    _months_apply(records, sign, cache)
    for record in records:
        per_volunteer[record.volunteer_id][0] += record.hours
        per_volunteer[record.volunteer_id][1] += 1
        for key in _keys(record, cache):
            per_key[key][0] += record.hours
            per_key[key][1] += 1
    now = timezone.now()
    for volunteer_id, (hours, count) in per_volunteer.items():
        Volunteer.objects.filter(pk=volunteer_id).update(  # updated_at: the API shows the totals (core/updates.py)
            confirmed_hours=F("confirmed_hours") + sign * hours, confirmed_records=F("confirmed_records") + sign * count,
            updated_at=now,
        )
    if sign < 0 and per_volunteer:
        star_awards_review_flag(volunteer_ids=list(per_volunteer), actor=actor)
    if sign > 0:  # one INSERT … ON CONFLICT adding to the row, or creating it, for all keys
        ops = connection.ops
        rows = [(kind, key, ops.adapt_decimalfield_value(hours, 12, 2), count)
                for (kind, key), (hours, count) in sorted(per_key.items())]
        for start in range(0, len(rows), UPSERT_BATCH):
            _upsert(HoursTotal._meta.db_table, ["kind", "key", "hours", "records"], ["kind", "key"],
                    ["hours", "records"], rows[start:start + UPSERT_BATCH])
    else:  # the rows exist: the records being taken away were added to them
        for (kind, key), (hours, count) in per_key.items():
            HoursTotal.objects.filter(kind=kind, key=key).update(hours=F("hours") - hours,
                                                                 records=F("records") - count)


def _months_apply(records, sign, cache):
    """The monthly figures of every area in the records' chains, one membership per (area,
    month, volunteer): a volunteer counts in the month's ``volunteers`` while it has records."""
    members = defaultdict(Counter)                               # month -> {(area, volunteer): records}
    figures = defaultdict(lambda: [Decimal(0), 0])               # (area, month) -> [hours, records]
    for record in records:
        month = record_month(record)
        for area_id in _area_chain(record.activity.community, cache):
            members[month][(area_id, record.volunteer_id)] += 1
            figures[(area_id, month)][0] += record.hours
            figures[(area_id, month)][1] += 1
    joined = Counter()                                           # (area, month) -> members gained/lost
    for month, counts in sorted(members.items()):
        change = _members_add if sign > 0 else _members_remove
        for area_id in change(month, counts):
            joined[(area_id, month)] += 1
    if sign > 0:
        _month_totals_add(figures, joined)
    else:
        for (area_id, month), (hours, count) in sorted(figures.items()):
            MonthTotal.objects.filter(area_id=area_id, month=month).update(
                hours=F("hours") - hours, records=F("records") - count,
                volunteers=F("volunteers") - joined[(area_id, month)])


def _upsert(table, columns, conflict, updates, rows, returning=""):
    """Multi-row INSERT … ON CONFLICT DO UPDATE adding to the kept columns (PostgreSQL and SQLite),
    so concurrent confirmations never race on a missing row."""
    quote = connection.ops.quote_name
    table = quote(table)
    values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(rows))
    sql = (f"INSERT INTO {table} ({', '.join(map(quote, columns))}) VALUES {values} "
           f"ON CONFLICT ({', '.join(map(quote, conflict))}) DO UPDATE SET "
           + ", ".join(f"{quote(c)} = {table}.{quote(c)} + EXCLUDED.{quote(c)}" for c in updates)
           + (f" RETURNING {returning}" if returning else ""))
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])
        return cursor.fetchall() if returning else []


def _members_add(month, counts):
    """Add records to memberships of ``month``; yields the area of every membership created."""
    db_month = connection.ops.adapt_datefield_value(month)
    keys = sorted(counts)
    for start in range(0, len(keys), UPSERT_BATCH):
        rows = [(area_id, db_month, volunteer_id, counts[(area_id, volunteer_id)])
                for area_id, volunteer_id in keys[start:start + UPSERT_BATCH]]
        returned = _upsert(MonthVolunteer._meta.db_table, ["area_id", "month", "volunteer_id", "records"],
                           ["area_id", "month", "volunteer_id"], ["records"], rows,
                           returning="area_id, volunteer_id, records")
        for area_id, volunteer_id, records in returned:
            if records == counts[(area_id, volunteer_id)]:  # there were none before: 0 → n
                yield area_id


def _members_remove(month, counts):
    """Take records off memberships of ``month`` (locked first); yields the area of every
    membership that reached zero (deleted)."""
    areas = {area_id for area_id, _v in counts}
    volunteers = sorted({volunteer_id for _a, volunteer_id in counts})
    for start in range(0, len(volunteers), UPSERT_BATCH):
        rows = (MonthVolunteer.objects.select_for_update().order_by("pk")
                .filter(month=month, area_id__in=areas, volunteer_id__in=volunteers[start:start + UPSERT_BATCH]))
        gone, changed = [], []
        for row in rows:
            taken = counts.get((row.area_id, row.volunteer_id), 0)
            if not taken:
                continue
            row.records -= taken
            (changed if row.records > 0 else gone).append(row)
        MonthVolunteer.objects.filter(pk__in=[row.pk for row in gone]).delete()
        MonthVolunteer.objects.bulk_update(changed, ["records"])
        for row in gone:
            yield row.area_id


def _month_totals_add(figures, joined):
    ops = connection.ops
    rows = [(area_id, ops.adapt_datefield_value(month), ops.adapt_decimalfield_value(hours, 12, 2), count,
             joined[(area_id, month)])
            for (area_id, month), (hours, count) in sorted(figures.items())]
    for start in range(0, len(rows), UPSERT_BATCH):
        _upsert(MonthTotal._meta.db_table, ["area_id", "month", "hours", "records", "volunteers"],
                ["area_id", "month"], ["hours", "records", "volunteers"], rows[start:start + UPSERT_BATCH])


def totals_recount() -> dict:
    """{("volunteer", pk): (hours, records), (kind, key): (hours, records),
    ("month", area, month): (hours, records, volunteers), ("month_volunteer", area, month,
    volunteer): (None, records)} from the records."""
    result = defaultdict(lambda: (Decimal(0), 0))
    confirmed = ServiceRecord.objects.filter(status=RecordStatus.CONFIRMED)
    for row in confirmed.values("volunteer_id").annotate(hours=Sum("hours"), n=Count("pk")):
        result[("volunteer", row["volunteer_id"])] = (row["hours"], row["n"])
    cache = {}
    months = defaultdict(lambda: [Decimal(0), 0, set()])
    members = Counter()
    for record in confirmed.select_related("activity__community"):
        for key in _keys(record, cache):
            hours, count = result[key]
            result[key] = (hours + record.hours, count + 1)
        month = record_month(record)
        for area_id in _area_chain(record.activity.community, cache):
            figures = months[(area_id, month)]
            figures[0] += record.hours
            figures[1] += 1
            figures[2].add(record.volunteer_id)
            members[(area_id, month, record.volunteer_id)] += 1
    for (area_id, month), (hours, count, volunteers) in months.items():
        result[("month", area_id, month)] = (hours, count, len(volunteers))
    for (area_id, month, volunteer_id), count in members.items():
        result[("month_volunteer", area_id, month, volunteer_id)] = (None, count)
    return dict(result)


def totals_kept() -> dict:
    """The kept totals in the same shape as ``totals_recount`` (zero rows left out)."""
    kept = {("volunteer", pk): (hours, n) for pk, hours, n in
            Volunteer.objects.filter(confirmed_records__gt=0).values_list("pk", "confirmed_hours", "confirmed_records")}
    kept.update({(kind, key): (hours, n) for kind, key, hours, n in
                 HoursTotal.objects.filter(records__gt=0).values_list("kind", "key", "hours", "records")})
    kept.update({("month", area_id, month): (hours, n, volunteers) for area_id, month, hours, n, volunteers in
                 MonthTotal.objects.filter(records__gt=0).values_list("area_id", "month", "hours", "records",
                                                                      "volunteers")})
    kept.update({("month_volunteer", area_id, month, volunteer_id): (None, n) for area_id, month, volunteer_id, n in
                 MonthVolunteer.objects.values_list("area_id", "month", "volunteer_id", "records")})
    return kept


def totals_rebuild():
    recount = totals_recount()
    Volunteer.objects.update(confirmed_hours=0, confirmed_records=0)
    HoursTotal.objects.all().delete()
    MonthTotal.objects.all().delete()
    MonthVolunteer.objects.all().delete()
    rows, months, members = [], [], []
    for key, value in recount.items():
        kind = key[0]
        if kind == "volunteer":
            Volunteer.objects.filter(pk=key[1]).update(confirmed_hours=value[0], confirmed_records=value[1])
        elif kind == "month":
            months.append(MonthTotal(area_id=key[1], month=key[2], hours=value[0], records=value[1],
                                     volunteers=value[2]))
        elif kind == "month_volunteer":
            members.append(MonthVolunteer(area_id=key[1], month=key[2], volunteer_id=key[3], records=value[1]))
        else:
            rows.append(HoursTotal(kind=kind, key=key[1], hours=value[0], records=value[1]))
    HoursTotal.objects.bulk_create(rows)
    MonthTotal.objects.bulk_create(months, batch_size=5000)
    MonthVolunteer.objects.bulk_create(members, batch_size=5000)


def _insert_select(model, columns, queryset):
    """INSERT INTO model's table (columns) SELECT … of ``queryset`` (its columns in the same order)."""
    sql, params = queryset.query.sql_with_params()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) {sql}", params)


def month_totals_fill(record_model=ServiceRecord, month_model=MonthTotal, member_model=MonthVolunteer,
                      area_model=Area):
    """Write the monthly figures from the confirmed records in a few aggregate statements (one
    pair per area level): for bulk seeds and the migration that added them (historical models).
    Expects both tables empty."""
    communities = area_model.objects.filter(level="community").values_list("path", flat=True)
    depth = max((path.count("/") - 1 for path in communities), default=0)  # levels from a community up
    confirmed = record_model.objects.filter(status=RecordStatus.CONFIRMED).order_by()
    month = TruncMonth("started_at", output_field=DateField())
    lookup = "activity__community"
    for _level in range(depth):  # each level of the chain: the community, its parent, …
        level = confirmed.filter(**{f"{lookup}__isnull": False}).annotate(fill_area=F(lookup), fill_month=month)
        _insert_select(member_model, ["area_id", "month", "volunteer_id", "records"],
                       level.values("fill_area", "fill_month", "volunteer_id").annotate(n=Count("pk"))
                       .order_by("fill_area", "fill_month", "volunteer_id"))  # the unique index's order
        _insert_select(month_model, ["area_id", "month", "hours", "records", "volunteers"],
                       level.values("fill_area", "fill_month").annotate(h=Sum("hours"), n=Count("pk"), v=Value(0)))
        lookup += "__parent"
    members = (member_model.objects.filter(area=OuterRef("area"), month=OuterRef("month")).order_by()
               .values("area").annotate(n=Count("pk")).values("n"))
    month_model.objects.update(volunteers=Coalesce(Subquery(members), Value(0)))


def hours_for(kind: str, key: int) -> Decimal:
    total = HoursTotal.objects.filter(kind=kind, key=key).values_list("hours", flat=True).first()
    return total or Decimal(0)
