"""Upkeep of ``VolunteerArea``: the areas each volunteer counts in (see ``models.areas``).

A volunteer's rows follow from three things: the community they live in, the organizations
they have memberships of (left ones included, as in ``VolunteerQuerySet.in_area``), and those
organizations' areas; the two kept columns follow from ``created_at`` and ``political_status``.
Whatever changes one of them calls ``volunteer_areas_refresh`` with the volunteers concerned,
in the same transaction: the registration and membership services, the volunteer import (one
call per chunk), an organization moving to another area. The refresh recomputes those
volunteers' rows from the source tables and writes only the difference, so calling it again
changes nothing. ``volunteer_areas_rebuild`` writes every row anew (bulk seeds, the migration
that added the table, after area paths changed); ``volunteer_areas_recount`` and
``volunteer_areas_kept`` are what the tests compare.
"""

from django.db import connection, transaction
from django.utils import timezone

from apps.areas.models import ancestor_paths

#: Volunteers per refresh step (a few queries each; the ids go into IN lists).
CHUNK = 2000
#: Volunteers per rebuild step (a pk range each).
REBUILD_CHUNK = 20_000


def _models():
    from apps.areas.models import Area

    from .models import PoliticalStatus, Volunteer, VolunteerArea, VolunteerMembership

    return Area, Volunteer, VolunteerMembership, VolunteerArea, {PoliticalStatus.PARTY_MEMBER,
                                                                 PoliticalStatus.PROBATIONARY}


def registered_month(created_at):
    """First day of the local month of a registration time."""
    return timezone.localtime(created_at).date().replace(day=1)


class _Chains:
    """Area ids of a path and of every area above it. ``load`` reads the areas of the paths it is
    given, once each (a registration reads its community's chain, a rebuild the whole table)."""

    def __init__(self, area_model):
        self.area_model, self.by_path, self.cache = area_model, {}, {}

    def load(self, paths):
        wanted = {p for path in paths if path not in self.cache for p in ancestor_paths(path)} - self.by_path.keys()
        if wanted:
            self.by_path.update(self.area_model.objects.filter(path__in=wanted).values_list("path", "pk"))
        for path in paths:
            if path not in self.cache:
                self.cache[path] = [self.by_path[p] for p in ancestor_paths(path) if p in self.by_path]

    def __call__(self, path):
        return self.cache[path]


def _wanted(models, chains, volunteers, memberships):
    """{(volunteer, area): (registered month, party)} of the volunteers of the ``volunteers``
    lookups, whose memberships the ``memberships`` lookups select."""
    _area, volunteer_model, membership_model, _kept, party_statuses = models
    rows = list(volunteer_model.objects.filter(**volunteers).order_by().values_list(
        "pk", "community__path", "created_at", "political_status"))
    served = list(membership_model.objects.filter(**memberships).order_by()
                  .values_list("volunteer_id", "organization__area__path").distinct())
    chains.load({path for _pk, path, *_rest in rows} | {path for _pk, path in served})
    wanted, attrs = {}, {}
    for pk, path, created_at, status in rows:
        attrs[pk] = (registered_month(created_at), status in party_statuses)
        for area_id in chains(path):
            wanted[(pk, area_id)] = attrs[pk]
    for pk, path in served:
        for area_id in chains(path):
            wanted[(pk, area_id)] = attrs[pk]
    return wanted


@transaction.atomic
def volunteer_areas_refresh(volunteer_ids) -> None:
    """Bring the rows of these volunteers in line with their residence, memberships,
    registration month and political status."""
    models = _models()
    volunteer_model, kept_model = models[1], models[3]
    ids = sorted(set(volunteer_ids))
    if not ids:
        return
    chains = _Chains(models[0])
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        # Two requests changing the same volunteer (two memberships at once) take turns here, so
        # the second one reads the rows the first one wrote.
        list(volunteer_model.objects.select_for_update().filter(pk__in=chunk).values_list("pk", flat=True))
        wanted = _wanted(models, chains, {"pk__in": chunk}, {"volunteer_id__in": chunk})
        existing = {(v, a): (pk, (month, party)) for pk, v, a, month, party in
                    kept_model.objects.filter(volunteer_id__in=chunk).values_list(
                        "pk", "volunteer_id", "area_id", "registered_month", "party")}
        gone = [pk for key, (pk, _value) in existing.items() if key not in wanted]
        if gone:
            kept_model.objects.filter(pk__in=gone).delete()
        changed = {}
        for key, value in wanted.items():
            if key in existing and existing[key][1] != value:
                changed.setdefault(value, []).append(existing[key][0])
        for (month, party), pks in changed.items():
            kept_model.objects.filter(pk__in=pks).update(registered_month=month, party=party)
        kept_model.objects.bulk_create(
            [kept_model(volunteer_id=v, area_id=a, registered_month=month, party=party)
             for (v, a), (month, party) in wanted.items() if (v, a) not in existing], batch_size=1000)


def volunteer_areas_refresh_for_organization(organization) -> None:
    """After ``organization`` moved to another area: its volunteers, past and present."""
    from .models import VolunteerMembership

    volunteer_areas_refresh(VolunteerMembership.objects.filter(organization=organization)
                            .values_list("volunteer_id", flat=True))


def volunteer_areas_rebuild(models=None) -> int:
    """Every row anew, in pk ranges of volunteers; returns the number of rows. ``models``: the
    historical models of a migration (Area, Volunteer, VolunteerMembership, VolunteerArea,
    party statuses)."""
    from apps.core.demo import insert_rows

    models = models or _models()
    area_model, volunteer_model, _membership, kept_model, _party = models
    chains = _Chains(area_model)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quote(kept_model._meta.db_table)}")
    ids = list(volunteer_model.objects.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), REBUILD_CHUNK):
        low, high = ids[start], ids[min(start + REBUILD_CHUNK, len(ids)) - 1]
        wanted = _wanted(models, chains, {"pk__gte": low, "pk__lte": high},
                         {"volunteer_id__gte": low, "volunteer_id__lte": high})
        insert_rows(kept_model, ["volunteer_id", "area_id", "registered_month", "party"],
                    [(v, a, month, party) for (v, a), (month, party) in sorted(wanted.items())])
        written += len(wanted)
    return written


def volunteer_areas_recount() -> dict:
    """{(volunteer, area): (registered month, party)} from the source tables."""
    models = _models()
    return _wanted(models, _Chains(models[0]), {}, {})


def volunteer_areas_kept() -> dict:
    """The kept rows in the shape of ``volunteer_areas_recount``."""
    from .models import VolunteerArea

    return {(v, a): (month, party) for v, a, month, party in
            VolunteerArea.objects.values_list("volunteer_id", "area_id", "registered_month", "party")}
