"""Two per-cell costs of django-tables2, removed once for every table of the project.

1. django-tables2 inspects the signature of a column's ``render``/``value`` method for every
cell it renders (``django_tables2.utils.call_with_appropriate`` → ``signature``), which is about
a third of a list page's rendering time. A function's signature never changes, so it is
computed once per function, the way Django caches its own (``django.utils.inspect``).

``install()`` (from ``CoreConfig.ready``) replaces ``django_tables2.utils.signature`` with the
cached version; the results are the same tuples (tested against the original).

2. Its ``DateColumn``/``DateTimeColumn`` (used for every date field of a ``Meta.fields`` list)
are template columns that compile ``{{ value|date:"…" }}`` anew for every cell. The columns
below format the value directly, with the same output (tested), and are registered in the
column library after the stock ones, which makes the library choose them for model fields.

3. The stock ``bootstrap5.html`` computes ``column.attrs`` (the th, td and footer attributes and
their classes, through ``computed_values`` and ``get_column_class_names``) for every cell, and
renders every cell through three template tags. ``render_row`` writes a row as the template
writes it (``templates/django_tables2/gz_bootstrap5.html`` calls it; the HTML is the same apart
from ``data-label`` below, tested against the stock template): a column whose attributes contain
no callable, in a table that does not override ``get_column_class_names``, gets the same ``<td>``
attributes in every row, computed once per table; other columns are computed per cell as before. The copy was checked
against one django-tables2 release, pinned in ``tests/unit/test_table_template.py``. It adds one
attribute to every cell, ``data-label`` (the column's header), which phones' stacked rows show.

And one rule for every table: ``StableTable`` ends every ordering with the primary key, so rows
that tie on the sorted column keep their order from one page to the next (PostgreSQL returns
ties in any order; with a LazyPaginator a row could otherwise repeat on page 2 or never show).
"""

import functools
import inspect

import django_tables2 as tables
from django.db.models import QuerySet
from django.template.base import Variable, render_value_in_context
from django.templatetags import l10n
from django.utils import formats, timezone
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django_tables2 import utils
from django_tables2.columns import library

from apps.core.formats import format_amount

_original_signature = utils.signature


@functools.lru_cache(maxsize=2048)
def _function_signature(func, is_method: bool):
    args, keywords = _original_signature(func)
    # The original drops ``self`` of a bound method because inspect.signature does; for the
    # plain function behind it, drop the first parameter the same way.
    return (args[1:] if is_method else args), keywords


def cached_signature(fn):
    func = getattr(fn, "__func__", None) if inspect.ismethod(fn) else None
    target, is_method = (func, True) if func is not None else (fn, False)
    try:
        return _function_signature(target, is_method)
    except TypeError:  # an unhashable callable: not cached
        return _original_signature(fn)


class _DirectDateFormatMixin:
    """``render`` gives what the stock column's ``{{ value|date:format|default:default }}``
    template gives (the date filter converts aware datetimes to local time first)."""

    def __init__(self, format=None, short=True, *args, **kwargs):
        super().__init__(format, short, *args, **kwargs)
        self.date_format = format or (self.short_format if short else self.long_format)

    def render(self, value, bound_column, **kwargs):
        # Template columns render empty values too (``empty_values = ()``): the date filter
        # turns them, and anything that is not a date, into "", which ``default`` replaces.
        try:
            text = formats.date_format(timezone.template_localtime(value), self.date_format) if value else ""
        except AttributeError:
            text = ""
        return text or bound_column.default


@library.register
class LocalDateColumn(_DirectDateFormatMixin, tables.DateColumn):
    short_format, long_format = "SHORT_DATE_FORMAT", "DATE_FORMAT"


@library.register  # after LocalDateColumn: a DateTimeField is a DateField too, and is tried first
class LocalDateTimeColumn(_DirectDateFormatMixin, tables.DateTimeColumn):
    short_format, long_format = "SHORT_DATETIME_FORMAT", "DATETIME_FORMAT"


class AmountColumn(tables.Column):
    """An amount of yuan as the interface writes it, ``¥1,234,567.00`` (``apps.core.formats``),
    right-aligned; exports (``value``) keep the number itself, which a spreadsheet can add up."""

    def __init__(self, *args, attrs=None, **kwargs):
        aligned = {"th": {"class": "text-end"}, "td": {"class": "text-end"}}
        super().__init__(*args, attrs={**aligned, **(attrs or {})}, **kwargs)

    def render(self, value):
        return format_amount(value)

    def value(self, value):
        return value


# The whitespace of bootstrap5.html's ``table.tbody.row`` block.
_ROW_OPEN = "\n                    <tr "
_CELLS_OPEN = ">\n                        "
_CELL_OPEN = "\n                            <td "
_CELL_CLOSE = "</td>\n                        "
_ROW_CLOSE = "\n                    </tr>\n                    "
_PER_CELL = object()  # marks a column whose <td> attributes depend on the row
_CELL = Variable("cell")


def _has_callable(attrs):
    return any(callable(value) or (isinstance(value, dict) and _has_callable(value)) for value in attrs.values())


def _td_attributes(table, bound_column):
    """The column's ``<td>`` attributes as HTML, or ``_PER_CELL`` when a row could change them."""
    if (type(table).get_column_class_names is not tables.Table.get_column_class_names
            or _has_callable(table.attrs) or _has_callable(bound_column.column.attrs)):
        return _PER_CELL
    return bound_column.attrs["td"].as_html()


def _cell_html(context, column, cell):
    """What ``{% if column.localize == None %}{{ cell }}{% else %}…{% endif %}`` writes."""
    if callable(cell):  # the template calls a callable variable (or replaces it): leave that to it
        with context.push(cell=cell):
            cell = _CELL.resolve(context)
    localize = column.localize
    if localize is not None:
        cell = l10n.localize(cell) if localize else l10n.unlocalize(cell)
    return render_value_in_context(cell, context)


def _data_label(bound_column):
    """The column's header as plain text in a ``data-label`` attribute: on a phone the rows are
    stacked as cards (``static/css/gongzhi.css``), where CSS writes it before each cell."""
    return format_html(' data-label="{}"', strip_tags(str(bound_column.header)).strip())


def render_row(context, row):
    """One ``<tr>`` of the body, as the stock template's ``table.tbody.row`` block writes it, and
    each ``<td>`` with its column's header in ``data-label`` (the one difference)."""
    table = row.table
    td_attributes = table.__dict__.setdefault("_gz_td_attributes", {})
    labels = table.__dict__.setdefault("_gz_td_labels", {})
    parts = [_ROW_OPEN, row.attrs.as_html(), _CELLS_OPEN]
    for column, cell in row.items():  # (items() also sets current_record/current_value for attrs)
        attributes = td_attributes.get(column.name)
        if attributes is None:
            attributes = td_attributes[column.name] = _td_attributes(table, column)
            labels[column.name] = _data_label(column)
        if attributes is _PER_CELL:
            attributes = column.attrs["td"].as_html()
        parts += (_CELL_OPEN, attributes, labels[column.name], ">", _cell_html(context, column, cell), _CELL_CLOSE)
    parts.append(_ROW_CLOSE)
    return mark_safe("".join(parts))  # attributes from as_html(), cells escaped as the template does


class StableTable(tables.Table):
    """The project's base table: orderings end with the primary key, in the first key's direction
    (any fixed tie-break makes the pages stable; this one lets an index on (key, id) serve both)."""

    @property
    def order_by(self):
        return tables.Table.order_by.fget(self)

    @order_by.setter
    def order_by(self, value):
        tables.Table.order_by.fset(self, value)
        data = getattr(self.data, "data", None)
        if not isinstance(data, QuerySet):
            return
        ordering = list(data.query.order_by) or list(data.query.get_meta().ordering)
        if not ordering or any(isinstance(key, str) and key.lstrip("-") in ("pk", "id") for key in ordering):
            return
        first = ordering[0]
        descending = first.startswith("-") if isinstance(first, str) else getattr(first, "descending", False)
        self.data.data = data.order_by(*ordering, "-pk" if descending else "pk")


def install():
    utils.signature = cached_signature
