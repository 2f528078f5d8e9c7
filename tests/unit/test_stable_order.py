"""Every list table ends its ordering with the primary key, so rows that tie on the sorted
column do not swap between pages (PostgreSQL returns ties in any order)."""

import pytest
from django.test import RequestFactory
from django_tables2 import RequestConfig

from apps.activities.models import ServiceRecord
from apps.backoffice.tables.organizations import OrganizationTable
from apps.backoffice.tables.records import ServiceRecordTable
from apps.core.tables import StableTable
from apps.organizations.models import Organization

pytestmark = pytest.mark.django_db


def _ordering(table_class, queryset, query=""):
    table = table_class(queryset)
    RequestConfig(RequestFactory().get("/" + query)).configure(table)
    return list(table.data.data.query.order_by)


def test_default_and_requested_orderings_end_with_the_primary_key():
    assert _ordering(ServiceRecordTable, ServiceRecord.objects.all()) == ["-started_at", "-pk"]
    assert _ordering(ServiceRecordTable, ServiceRecord.objects.all(), "?sort=started_at") == ["started_at", "pk"]
    assert _ordering(OrganizationTable, Organization.objects.all(), "?sort=-name") == ["-name", "-pk"]
    assert _ordering(OrganizationTable, Organization.objects.all(), "?sort=area")[-1] == "pk"


def test_every_list_table_is_a_stable_table():
    import importlib
    import pkgutil

    import apps.backoffice.tables
    import apps.portal.tables

    found = []
    for package in (apps.backoffice.tables, apps.portal.tables):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            found += [value for value in vars(module).values()
                      if isinstance(value, type) and value.__module__ == module.__name__
                      and hasattr(value, "_meta") and hasattr(value, "base_columns")]
    assert len(found) >= 15
    assert [t.__name__ for t in found if not issubclass(t, StableTable)] == []
