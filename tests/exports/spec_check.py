"""The cell-by-cell comparison of a table's export spec with the table itself: django-tables2's
public ``Table.as_values()`` (every cell through ``BoundRow.get_cell_value``) made into export
cells, against ``apps.core.export.table_rows`` (the spec's ``values_list`` rows)."""

import datetime
import decimal

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django_tables2 import RequestConfig

from apps.core.export import export_spec, table_rows
from apps.core.export_spec import ExportSpec, export_cell, local_date, local_datetime


def exported_list_views(patterns=None):
    """Every back-office and portal list view class that offers ?_export=."""
    from apps.backoffice.views.base import OfficeListView
    from apps.portal.views.lists import PortalListView

    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from exported_list_views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "view_class", None)
            if (view_class and issubclass(view_class, (OfficeListView, PortalListView))
                    and view_class.export_formats):
                yield view_class


def views_without_spec(views):
    """Names of the list views whose table declares no export spec."""
    return sorted(view.__name__ for view in views
                  if not isinstance(getattr(view.table_class, "export_spec", None), ExportSpec))


def view_table(view_class, request, table_class=None):
    """The table as the view's export builds it (the view's queryset, scope, annotations, table
    kwargs and the table's default ordering), with ties broken by pk: PostgreSQL may return tied
    rows in another order for another SELECT list."""
    view = view_class()
    view.setup(request)
    view.object_list = queryset = view.get_queryset()
    table = (table_class or view.get_table_class())(data=queryset, **view.get_table_kwargs())
    RequestConfig(request, paginate=False).configure(table)
    data = table.data.data
    table.data.data = data.order_by(*(data.query.order_by or data.model._meta.ordering), "pk")
    return table


def table_cells(table):
    """What the export showed when it went through django-tables2's rows."""
    rows = table.as_values()
    yield next(rows)
    for row in rows:
        yield [export_cell(value) for value in row]


def as_the_table_shows(cell, column):
    """A spec's cell as django-tables2 shows the same value: the spec gives local date-times, dates
    and decimals as such (issue 16.5), the table the stored UTC date-time, the date and the decimal
    as text, and "—" for no date."""
    if isinstance(cell, datetime.datetime):
        return timezone.make_aware(cell).astimezone(datetime.UTC).isoformat(sep=" ")
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if isinstance(cell, decimal.Decimal):
        return str(cell)
    if cell == "" and column.formatter in (local_datetime, local_date):
        return "—"
    return cell


def disagreements(table, limit=5):
    """Where the spec's rows differ from the table's, as readable lines (empty: they agree)."""
    columns = export_spec(table).columns
    expected = [[str(cell) if isinstance(cell, (decimal.Decimal, datetime.date)) else cell for cell in row]
                for row in table_cells(table)]
    actual = list(table_rows(table))
    actual[1:] = [[as_the_table_shows(cell, column) for cell, column in zip(row, columns, strict=False)]
                  for row in actual[1:]]
    name = type(table).__name__
    found = []
    if expected[0] != actual[0]:
        found.append(f"{name} headers: table {expected[0]} != spec {actual[0]}")
    if len(expected) != len(actual):
        found.append(f"{name}: table has {len(expected) - 1} rows, spec {len(actual) - 1}")
    for number, (mine, theirs) in enumerate(zip(expected[1:], actual[1:], strict=False), start=1):
        if mine == theirs:
            continue
        if len(mine) != len(theirs):
            found.append(f"{name} row {number}: table has {len(mine)} cells, spec {len(theirs)}")
        for header, cell, spec_cell in zip(expected[0], mine, theirs, strict=False):
            if cell != spec_cell:
                found.append(f"{name} row {number}, column {header!r}: table {cell!r} != spec {spec_cell!r}")
        if len(found) >= limit:
            break
    return found[:limit]
