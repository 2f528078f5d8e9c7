"""Export specs: what a list's CSV/XLSX export shows, declared column by column next to its table.

A table that a list exports declares ``export_spec = ExportSpec(Model, [ExportColumn(...), ...])``.
Each ``ExportColumn`` has

- ``header``: a (lazy, translatable) string; ``ExportColumn.field(lookup)`` heads the column with
  the verbose name of the field the lookup ends in, capitalised, as django-tables2 heads a field's
  column (``field_header(field)`` for another field's);
- ``lookup``: a ``values_list`` path, or a tuple of paths (the formatter then gets one argument
  per path); ``many=True``: a path across a forward many-to-many field (``domains__name``), the
  formatter gets the list of values in the related model's default order, read with one query
  per chunk of rows;
- ``formatter``: a plain function of the value(s) (``None``: the value as it is), e.g.
  ``choice_label(field)``, ``local_datetime``, ``apps.core.masking.mask_phone``.

``ExportSpec.rows(queryset)`` reads ``queryset.values_list(*lookups).iterator(chunk_size=...)``:
no model instances, no django-tables2 row, and no column of the model that no lookup names (an
encrypted ID number is decrypted only where a formatter masks it). Every cell is then made plain
and formula-escaped: numbers (hours and amounts are decimals) stay numbers and dates and local
date-times stay dates, so a spreadsheet sums and sorts them (issue 16.5); ``None`` is empty.

The cells show what the table's own ``as_values()`` gives, in those types (compared for every
exported table in both languages in ``tests/exports/test_export_specs.py``), so a table and its
spec cannot drift apart unnoticed.
"""

import datetime
import decimal
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.html import conditional_escape
from django.utils.text import capfirst

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000

_FIELD_HEADER = object()  # ExportColumn.field(): the header comes from the model field


@dataclass(frozen=True)
class ExportColumn:
    header: Any
    lookup: str | tuple[str, ...]
    formatter: Callable[..., Any] | None = None
    many: bool = False

    @classmethod
    def field(cls, lookup: str, formatter: Callable[..., Any] | None = None, *, many: bool = False):
        """A column headed by the verbose name of the field that ``lookup`` ends in."""
        return cls(_FIELD_HEADER, lookup, formatter, many)

    @property
    def lookups(self) -> tuple[str, ...]:
        return (self.lookup,) if isinstance(self.lookup, str) else tuple(self.lookup)


class ExportSpec:
    """The columns of one table's export (see the module docstring)."""

    def __init__(self, model, columns: Iterable[ExportColumn]):
        self.model = model
        self.columns = tuple(columns)
        for column in self.columns:
            if column.many and len(column.lookups) != 1:
                raise ValueError(f"{column.lookup!r}: a many-valued column reads one path")
            if column.formatter is None and (column.many or len(column.lookups) > 1):
                raise ValueError(f"{column.lookup!r}: a column of several values needs a formatter")

    def headers(self) -> list[str]:
        return [force_str(self._header(column)) for column in self.columns]

    def _header(self, column):
        if column.header is not _FIELD_HEADER:
            return column.header
        return field_header(_field(self.model, column.lookups[0]))

    def rows(self, queryset: QuerySet) -> Iterator[list]:
        """One list of export cells per row of ``queryset``, in its order."""
        plain = [column for column in self.columns if not column.many]
        lookups = [lookup for column in plain for lookup in column.lookups]
        # The primary key first: many-valued columns are looked up by it, and a DISTINCT over the
        # shown values alone would merge two records that show the same.
        rows = (queryset.prefetch_related(None).values_list("pk", *lookups)
                .iterator(chunk_size=CHUNK_SIZE))
        related = {}  # index of a many-valued column -> {pk: [values]} of the current chunk
        readers, position = [], 1
        for index, column in enumerate(self.columns):
            if column.many:
                readers.append(_many_reader(index, column.formatter, related))
            else:
                readers.append(_reader(position, len(column.lookups), column.formatter))
                position += len(column.lookups)
        many = [(index, column.lookup) for index, column in enumerate(self.columns) if column.many]
        if not many:
            for row in rows:
                yield [export_cell(read(row)) for read in readers]
            return
        for chunk in itertools.batched(rows, CHUNK_SIZE):
            keys = [row[0] for row in chunk]
            for index, lookup in many:
                related[index] = _related_values(self.model, lookup, keys)
            for row in chunk:
                yield [export_cell(read(row)) for read in readers]


def _reader(position, width, formatter):
    if width == 1:
        if formatter is None:
            return operator.itemgetter(position)
        return lambda row: formatter(row[position])
    end = position + width
    return lambda row: formatter(*row[position:end])


def _many_reader(index, formatter, related):
    return lambda row: formatter(related[index].get(row[0], []))


def _related_values(model, lookup, keys):
    """{key: [values of ``lookup``'s related rows]} for the rows ``keys``, in the related model's
    default order (as ``instance.<relation>.all()`` lists them)."""
    relation, _, rest = lookup.partition("__")
    field = model._meta.get_field(relation)
    back = field.related_query_name()
    values = {}
    for key, value in (field.related_model._default_manager.filter(**{f"{back}__in": keys})
                       .values_list(back, rest or "pk")):
        values.setdefault(key, []).append(value)
    return values


def field_header(field):
    """A model field's verbose name, capitalised (lazily), as django-tables2 heads its column: for a
    column of a relation that shows a related field (``ExportColumn(field_header(Project.purchaser.field),
    "purchaser__name")``)."""
    return capfirst(field.verbose_name)


def _field(model, lookup):
    """The model field that ``lookup`` (``a__b__c``) ends in."""
    *path, last = lookup.split("__")
    for name in path:
        model = model._meta.get_field(name).related_model
    return model._meta.get_field(last)


# --- formatters -------------------------------------------------------------------------------


def choice_label(choices) -> Callable[[Any], Any]:
    """A formatter: the label of a choice in the active language, as ``get_FOO_display()`` gives it
    (a value that is not a choice stays as it is). ``choices``: a model field with choices
    (``Volunteer.sex.field``) or a ``Choices`` class (for an annotation)."""
    by_language = {}

    def label(value):
        language = translation.get_language()
        labels = by_language.get(language)
        if labels is None:
            pairs = choices.flatchoices if hasattr(choices, "flatchoices") else choices.choices
            labels = by_language[language] = {key: force_str(text, strings_only=True) for key, text in pairs}
        try:
            return labels.get(value, value)
        except TypeError:  # an unhashable value is no choice
            return value

    return label


def local_datetime(value: datetime.datetime | None) -> datetime.datetime | None:
    """A stored (UTC) date-time as the local wall-clock time of the deployment (``TIME_ZONE``,
    Asia/Shanghai; the project activates no other zone) without a zone: XLSX stores it as an Excel
    date-time (spreadsheets know no zones), CSV as ``2026-04-01 09:00:00``. ``None``: an empty cell.
    The zone is the cached default one: ``timezone.localtime`` looks up the active zone per call,
    which took most of this formatter's time (600,000 cells: 1.7 s against 0.3 s)."""
    if value is None:
        return None
    return value.astimezone(timezone.get_default_timezone()).replace(tzinfo=None)


def local_date(value: datetime.date | None) -> datetime.date | None:
    """A date as it is (an Excel date in XLSX); ``None``: an empty cell."""
    return value


def true_false(value) -> str:
    """``"True"`` / ``"False"``, what django-tables2's ``BooleanColumn`` exports."""
    return str(bool(value))


def escaped_list(values: list) -> str:
    """Items HTML-escaped and joined by ", ", as django-tables2's ``ManyToManyColumn`` exports them."""
    return ", ".join(conditional_escape(force_str(value)) for value in values)


# --- cells ------------------------------------------------------------------------------------


def escape_formula(value):
    """Text a spreadsheet would read as a formula gets a leading apostrophe (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


#: Cell values kept as they are: numbers (hours, amounts) and dates, which spreadsheets compute with.
KEPT_TYPES = (int, float, decimal.Decimal, datetime.date)  # datetime.datetime is a datetime.date


def export_cell(value):
    """An export cell: ``None`` empty, numbers and dates as they are (``KEPT_TYPES``), anything
    else text, formula-escaped."""
    if value is None:
        return ""
    if not isinstance(value, str):
        if isinstance(value, KEPT_TYPES) and not isinstance(value, bool):
            return value
        value = force_str(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value
