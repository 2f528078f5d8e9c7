"""The cached django-tables2 signature look-up gives the original's answers."""

import functools

from django_tables2 import utils

from apps.core import tables


class Renderer:
    def render(self, value, record):
        return value

    def render_all(self, value, **kwargs):
        return value

    def render_star(self, *args, bound_row=None):
        return bound_row

    @staticmethod
    def static(value):
        return value

    @classmethod
    def klass(cls, record, table=None):
        return record


def plain(value, column=None):
    return value


CALLABLES = [Renderer().render, Renderer().render_all, Renderer().render_star, Renderer.static, Renderer().klass,
             Renderer.klass, plain, lambda record: record, functools.partial(plain, column=1), Renderer.render]


def test_same_answers_as_the_original():
    assert utils.signature is tables.cached_signature  # installed by CoreConfig.ready
    for fn in CALLABLES:
        assert tables.cached_signature(fn) == tables._original_signature(fn), fn
        assert tables.cached_signature(fn) == tables._original_signature(fn), fn  # from the cache


def test_methods_of_different_instances_share_one_cache_entry():
    tables._function_signature.cache_clear()
    for _ in range(5):
        tables.cached_signature(Renderer().render)
    info = tables._function_signature.cache_info()
    assert (info.misses, info.hits) == (1, 4)


def test_call_with_appropriate_still_passes_only_wanted_arguments():
    kwargs = {"value": 1, "record": 2, "column": 3, "table": 4}
    assert utils.call_with_appropriate(Renderer().render, kwargs) == 1
    assert utils.call_with_appropriate(lambda record, table: (record, table), kwargs) == (2, 4)
    assert utils.call_with_appropriate(lambda missing: missing, kwargs) is None


# --- date columns ----------------------------------------------------------------------------

import datetime  # noqa: E402

import django_tables2  # noqa: E402
import pytest  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from apps.activities.models import ServiceRecord  # noqa: E402


class _Table(django_tables2.Table):
    class Meta:
        model = ServiceRecord
        fields = ["started_at", "recorded_at"]


def _cells(column, values):
    table_class = type("T", (django_tables2.Table,), {"when": column})
    return [str(row.get_cell("when")) for row in table_class([{"when": value} for value in values]).rows]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("kwargs", [{}, {"short": False}, {"format": "Y-m-d H:i"}])
def test_date_columns_render_what_the_stock_template_columns_render(language, kwargs):
    moments = [timezone.make_aware(datetime.datetime(2026, 3, 1, 23, 30)),
               datetime.datetime(2026, 3, 1, 16, 5, tzinfo=datetime.UTC),  # 00:05 on 2 March in Shanghai
               None]
    days = [datetime.date(2026, 12, 31), None]
    with translation.override(language):
        stock = _cells(django_tables2.DateTimeColumn(**kwargs), moments)
        assert _cells(tables.LocalDateTimeColumn(**kwargs), moments) == stock
        assert "00:05" in stock[1] or "12:05" in stock[1] or "0:05" in stock[1]  # shown in local time
        day_kwargs = {"format": "Y-m-d"} if "format" in kwargs else kwargs
        assert (_cells(tables.LocalDateColumn(**day_kwargs), days)
                == _cells(django_tables2.DateColumn(**day_kwargs), days))


def test_model_date_fields_get_the_direct_columns():
    columns = _Table([]).base_columns
    assert type(columns["started_at"]) is tables.LocalDateTimeColumn
    assert isinstance(columns["started_at"], django_tables2.DateTimeColumn)
