import csv
from pathlib import Path

from apps.core.demo import COMMUNITY_STEMS, COMMUNITY_SUFFIXES

from .models import Area, AreaLevel

CSV_PATH = Path(__file__).with_name("hangzhou-areas-2022.csv")
# Districts chosen first: 西湖区 is the seeds' "西湖样本", 上城区 the old city centre.
PREFERRED_DISTRICTS = ["330106000000", "330102000000", "330105000000", "330108000000", "330110000000"]


def seed(ctx):
    rows = list(csv.DictReader(CSV_PATH.open(encoding="utf-8")))
    city_row = next(r for r in rows if r["level"] == "city")
    city = Area.objects.create(code=city_row["code"], name=city_row["name"], level=AreaLevel.CITY)
    district_codes = PREFERRED_DISTRICTS[: ctx.scale.districts]
    stems = list(COMMUNITY_STEMS)
    ctx.rng.shuffle(stems)
    streets, communities, grids = [], [], []
    for district_code in district_codes:
        d_row = next(r for r in rows if r["code"] == district_code and r["level"] == "district")
        district = Area.objects.create(code=d_row["code"], name=d_row["name"], level=AreaLevel.DISTRICT, parent=city)
        street_rows = [r for r in rows if r["parent_code"] == district_code and r["level"] == "street"]
        for s_row in street_rows[: ctx.scale.streets_per_district]:
            street = Area.objects.create(code=s_row["code"], name=s_row["name"], level=AreaLevel.STREET, parent=district)
            streets.append(street)
            for n in range(1, ctx.scale.communities_per_street + 1):
                stem = stems[len(communities) % len(stems)]
                suffix = COMMUNITY_SUFFIXES[(len(communities) // len(stems)) % len(COMMUNITY_SUFFIXES)]
                community = Area.objects.create(
                    code=f"{s_row['code'][:9]}{n:03d}", name=f"{stem}{suffix}",
                    level=AreaLevel.COMMUNITY, parent=street,
                )
                communities.append(community)
                grids += [
                    Area(code=f"{community.code}{g:03d}", name=f"{community.name[:-2]}第{g}网格",
                         level=AreaLevel.GRID, parent=community, path=f"{community.path}{community.code}{g:03d}/")
                    for g in range(1, ctx.scale.grids_per_community + 1)
                ]
    Area.objects.bulk_create(grids, batch_size=1000)
    ctx.made.update(city=city, streets=streets, communities=communities)
    ctx.say(f"areas: 1 city, {len(district_codes)} districts, {len(streets)} streets, "
            f"{len(communities)} communities, {len(grids)} grids")
