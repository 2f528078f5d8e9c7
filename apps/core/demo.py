"""Shared pieces of the demo-data generator: scales, a seeded random source, name pools, and
the fast paths the large scales need (Zipf weights, seasonal days, bulk row insertion)."""

import bisect
import datetime
import itertools
import random
from dataclasses import dataclass, field

from django.db import connection

DEMO_PASSWORD = "Gongzhi-2026"


@dataclass(frozen=True)
class Scale:
    name: str
    districts: int
    streets_per_district: int
    communities_per_street: int
    grids_per_community: int
    organizations: int
    # Volunteers, activities, service records and contracts. ``bulk`` scales skip the per-row
    # services and compute the kept totals with aggregate queries at the end.
    volunteers: int = 300
    activities: int = 60
    records: int = 1500
    contracts: int = 20
    bulk: bool = False


SCALES = {
    "small": Scale("small", districts=2, streets_per_district=3, communities_per_street=4,
                   grids_per_community=3, organizations=40),
    # tiny and tiny_x4 exist for the query-count test (same code path as city, four times the rows).
    "tiny": Scale("tiny", districts=1, streets_per_district=2, communities_per_street=2, grids_per_community=1,
                  organizations=12, volunteers=120, activities=40, records=600, contracts=4, bulk=True),
    "tiny_x4": Scale("tiny_x4", districts=2, streets_per_district=2, communities_per_street=4, grids_per_community=1,
                     organizations=48, volunteers=480, activities=160, records=2400, contracts=16, bulk=True),
    "medium": Scale("medium", districts=2, streets_per_district=5, communities_per_street=15, grids_per_community=2,
                    organizations=1000, volunteers=20_000, activities=5_000, records=200_000, contracts=200,
                    bulk=True),
    "city": Scale("city", districts=2, streets_per_district=5, communities_per_street=15, grids_per_community=2,
                  organizations=5_000, volunteers=200_000, activities=50_000, records=2_000_000, contracts=2_000,
                  bulk=True),
}


@dataclass
class DemoContext:
    scale: Scale
    rng: random.Random
    stdout: object = None
    made: dict = field(default_factory=dict)  # what earlier seeders made, for later ones

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message)


COMMUNITY_STEMS = [
    "翠苑", "文鼎", "嘉绿", "古荡", "桂花", "星洲", "金都", "西溪", "蒋村", "文新", "府苑", "益乐",
    "北山", "灵隐", "转塘", "留下", "紫荆", "振华", "华星", "学院", "求是", "浙大", "黄龙", "松木场",
    "清波", "湖滨", "吴山", "南星", "紫阳", "望江", "采荷", "凯旋", "彭埠", "九堡", "丁桥", "笕桥",
    "四季青", "闸弄口", "景芳", "红梅", "钱江", "近江", "水澄", "复兴", "之江", "双浦", "袁浦", "龙坞",
]
COMMUNITY_SUFFIXES = ["社区", "一区社区", "二区社区", "新村社区", "花园社区", "家园社区"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美娥玉兰桂芬建国志红梅霞平刚桂英丹萍鹏辉俊浩宇欣怡佳琪思雨子轩梓涵一诺晨阳"


def person_name(rng):
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def zipf_cum_weights(n, exponent=1.1):
    """Cumulative weights of ranks 1..n ∝ 1/rank^exponent: a few large, most small."""
    return list(itertools.accumulate(1 / (rank ** exponent) for rank in range(1, n + 1)))


def weighted_index(rng, cum_weights):
    """One index drawn by cumulative weights (what rng.choices does, without building a list)."""
    return bisect.bisect(cum_weights, rng.random() * cum_weights[-1])


def seasonal_day_weights(today, days):
    """Weights of the past ``days`` days: 学雷锋 March, summer holidays and 重阳 October are
    busier, and weekends busier than weekdays. Index i is ``today - i days``."""
    month_factor = {3: 2.5, 7: 1.6, 8: 1.6, 10: 2.0, 2: 0.6}
    weights = []
    for back in range(days):
        day = today - datetime.timedelta(days=back)
        weights.append(month_factor.get(day.month, 1.0) * (1.8 if day.weekday() >= 5 else 1.0))
    return list(itertools.accumulate(weights))


def insert_rows(model, columns, rows, batch=20_000):
    """Insert plain tuples into ``model``'s table, fast: COPY on PostgreSQL, executemany elsewhere.

    ``columns`` are field names (attnames such as ``volunteer_id``); concrete fields not listed get
    their default (computed once). Values must already be what the database stores: this bypasses
    ``save()``, signals and field preparation, so never use it for encrypted or computed fields.
    """
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    by_attname = {f.attname: f for f in fields}
    missing = [f for f in fields if f.attname not in columns]
    extra = tuple(_default(f) for f in missing)
    names = [by_attname[c].column for c in columns] + [f.column for f in missing]
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(n) for n in names)
    adapt = _adapters([by_attname[c] for c in columns] + missing)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row + extra)
            return
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(['%s'] * len(names))})"
        chunk = []
        for row in rows:
            chunk.append(adapt(row + extra))
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)


def _default(field):
    from django.db import models

    if isinstance(field, (models.DateTimeField,)) and (field.auto_now or field.auto_now_add):
        from django.utils import timezone

        return timezone.now()
    return field.get_default()


def _adapters(fields):
    """Per-column adapters for the non-PostgreSQL path (datetimes and decimals as the backend stores them)."""
    from django.db import models

    funcs = []
    for f in fields:
        if isinstance(f, models.DateTimeField):
            cache = {}

            def dt(value, cache=cache):
                if value is None:
                    return None
                if value not in cache:
                    cache[value] = connection.ops.adapt_datetimefield_value(value)
                return cache[value]
            funcs.append(dt)
        elif isinstance(f, models.DecimalField):
            funcs.append(lambda v: None if v is None else str(v))
        elif isinstance(f, models.DateField):
            funcs.append(lambda v: None if v is None else v.isoformat())
        else:
            funcs.append(None)
    if not any(funcs):
        return lambda row: row
    return lambda row: tuple(v if fn is None else fn(v) for fn, v in zip(funcs, row, strict=True))
