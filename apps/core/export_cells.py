"""How ``apps.core.export.table_rows`` turns records into cells quickly (see that module's
docstring): one ``_Cell`` per exported column, prepared once per export, and the two ways of
reading the rows (``_value_rows``: ``values_list()`` without model instances; ``_only_read_fields``:
model instances without the fields no column reads)."""

import datetime
import functools
import inspect

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.html import strip_tags
from django_tables2 import columns as tables_columns
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.utils import Accessor, signature

from .tables import _DirectDateFormatMixin

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


_ARGUMENTS = ("value", "record", "column", "bound_column", "bound_row", "table")


class _Cell:
    """One column's export value for a record, as ``BoundRow.get_cell_value(name)`` computes it."""

    def __init__(self, table, bound_column):
        self.table, self.bound_column = table, bound_column
        self.column = column = bound_column.column
        self.accessor = accessor = Accessor(bound_column.accessor)
        self.bits = tuple(accessor.bits)
        path, _, self.remainder = accessor.rpartition(Accessor.SEPARATOR)
        self.path_bits = tuple(Accessor(path).bits)
        self.display_name = f"get_{self.remainder}_display"
        self.empty_values = column.empty_values
        self.many_to_many = isinstance(column, tables_columns.ManyToManyColumn)
        self.link_with_text = isinstance(column, BaseLinkColumn) and column.text is not None
        self._has_choices = {}  # record class -> does the accessor end in a field with choices?
        function = bound_column.value
        self.kind = _kind(function, column)
        self.arguments, catch_all = signature(function)
        if catch_all:
            self.arguments = _ARGUMENTS
        self.callable = catch_all is not None or all(a in _ARGUMENTS for a in self.arguments)
        self.function = function
        self.needs_bound_row = self.kind in ("call", "datetime", "date") and "bound_row" in self.arguments
        # Reads nothing of the record beyond its accessor (so unread columns need not be loaded).
        own = getattr(function, "__self__", None) is column
        self.reads_accessor_only = {
            "identity": True, "link": not callable(getattr(column, "text", None)),
            "datetime": _plain_date_column(column), "date": _plain_date_column(column),
            "call": own and type(column) in (tables_columns.BooleanColumn, tables_columns.ManyToManyColumn),
        }[self.kind]
        # apps.core.tables' date columns give ``bound_column.default`` for an empty value, which
        # TemplateColumn.value then strips of tags: computed once per default, not per cell.
        self.direct_date = self.kind in ("datetime", "date") and type(column).render is _DirectDateFormatMixin.render
        self._empty_default = (_FAILED, None)
        self._labels = {}  # (language, choices field) -> {value: label}

    def value(self, record, bound_row):
        value = None
        remainder = self.remainder
        if isinstance(record, Model):
            try:
                penultimate = _walk(record, self.path_bits)
            except Exception:
                penultimate = failed = _FAILED
            else:
                failed = None
        else:
            penultimate, failed = self.accessor.penultimate(record), None
        if isinstance(penultimate, Model):
            display = getattr(penultimate, self.display_name, None)
            if display and self._choices(record):
                value = self._display(penultimate, display)
                remainder = None
        if remainder:
            try:
                if failed is _FAILED:
                    raise ValueError(self.accessor)
                if not isinstance(record, Model):
                    value = self.accessor.resolve(record)
                elif penultimate is None:
                    value = None  # the path crossed a null relation: resolve() stops there too
                else:
                    value = _walk(penultimate, (remainder,))
            except Exception:
                if self.link_with_text:
                    return self._call(None, record, bound_row)
        if value in self.empty_values or (self.many_to_many and not value.exists()):
            return None
        return self._call(value, record, bound_row)

    def value_converter(self, model, annotations):
        """For ``_value_rows``: a function of the raw field value that returns this cell, or
        ``None`` if the cell needs more than the value of a field."""
        if not self.reads_accessor_only or self.kind == "call" or not self.bits or self.many_to_many:
            return None
        if self.kind in ("datetime", "date") and not self.direct_date:
            return None
        if len(self.bits) == 1 and self.bits[0] in annotations:
            field = None
        else:
            field = _forward_field(model, self.bits)
            if field is None:
                return None
        labels = None
        if field is not None and getattr(field, "choices", None):
            display = inspect.getattr_static(field.model, self.display_name, None)
            if not (isinstance(display, functools.partialmethod) and display.func is Model._get_FIELD_display
                    and not display.args and display.keywords == {"field": field}):
                return None
            if len(self.bits) > 1 and None in dict(make_hashable(field.flatchoices)):
                return None  # a null relation and a null field would not be told apart
            labels = self._labels_for(field)
        empty_values = self.empty_values
        kind, direct_date, text_value = self.kind, self.direct_date, getattr(self.column, "text_value", None)

        def convert(value, language):
            """The cell as ``escape_formula(_plain(...))`` of what ``value()`` gives."""
            if labels is not None:
                try:
                    value = labels(language)[value]
                except KeyError:
                    value = force_str(value, strings_only=True)
                except TypeError:
                    value = force_str(dict(make_hashable(field.flatchoices)).get(make_hashable(value), value),
                                      strings_only=True)
            if value in empty_values:
                return ""
            if kind == "link":
                value = text_value(None, value)
            elif kind == "datetime" and isinstance(value, datetime.datetime):
                return value.isoformat(sep=" ")
            elif kind == "date" and isinstance(value, datetime.date):
                return value.isoformat()
            elif kind != "identity" or (value is None and direct_date):
                value = self._call(value, None, None)
            return _cell(value)

        return convert

    def _labels_for(self, field):
        labels = {}

        def current(language):
            if language not in labels:
                with translation.override(language):
                    labels[language] = {make_hashable(k): force_str(v, strings_only=True)
                                        for k, v in dict(make_hashable(field.flatchoices)).items()}
            return labels[language]

        return current

    def _choices(self, record):
        kind = type(record)
        if kind not in self._has_choices:
            try:
                field = self.accessor.get_field(record)
            except FieldDoesNotExist:
                field = None
            self._has_choices[kind] = bool(getattr(field, "choices", ()))
        return self._has_choices[kind]

    def _display(self, instance, display):
        """``instance.get_FOO_display()``; Django's own (``Model._get_FIELD_display``) builds a dict
        of the translated choices on every call, so the labels are kept per language here."""
        if not (isinstance(display, functools.partial) and not display.args and list(display.keywords) == ["field"]
                and getattr(display.func, "__func__", None) is Model._get_FIELD_display):
            return display()  # a model's own get_FOO_display()
        field = display.keywords["field"]
        key = (translation.get_language(), field)
        labels = self._labels.get(key)
        if labels is None:
            labels = self._labels[key] = {make_hashable(k): force_str(v, strings_only=True)
                                          for k, v in dict(make_hashable(field.flatchoices)).items()}
        raw = getattr(instance, field.attname)
        try:
            return labels[raw]
        except (KeyError, TypeError):
            return display()

    def _call(self, value, record, bound_row):
        kind = self.kind
        if value is None and self.direct_date:
            default = self.bound_column.default
            cached, result = self._empty_default
            if cached is not default:
                result = strip_tags(default).strip() if isinstance(default, str) else default
                self._empty_default = (default, result)
            return result
        if kind == "identity":
            return value
        if kind == "link":
            return self.column.text_value(record, value)
        if kind == "datetime" and isinstance(value, datetime.datetime):
            return value.isoformat(sep=" ")
        if kind == "date" and isinstance(value, datetime.date):
            return value.isoformat()
        if not self.callable:
            return None  # call_with_appropriate: the function wants an argument nobody passes
        available = {"value": value, "record": record, "column": self.column, "bound_column": self.bound_column,
                     "bound_row": bound_row, "table": self.table}
        return self.function(**{name: available[name] for name in self.arguments})


_FAILED = object()


def _kind(function, column):
    """Which of django-tables2's own value functions ``function`` is (so it can be short-cut)."""
    implementation = getattr(function, "__func__", None)
    if getattr(function, "__self__", None) is not column:
        return "call"  # the table's value_<name> / render_<name>
    if implementation is tables_columns.Column.value and type(column).render is tables_columns.Column.render:
        return "identity"
    if implementation is BaseLinkColumn.value:
        return "link"
    if implementation is tables_columns.DateTimeColumn.value:
        return "datetime"
    if implementation is tables_columns.DateColumn.value:
        return "date"
    return "call"


def _plain_date_column(column):
    """A date column whose template / render shows nothing of the record but the value."""
    return (type(column) in (tables_columns.DateTimeColumn, tables_columns.DateColumn)
            or type(column).render is _DirectDateFormatMixin.render)


def _forward_field(model, bits):
    """The last field of ``bits`` if they are forward many-to-one / one-to-one relations ending
    in a concrete field that is not a relation (so one value per row), else ``None``."""
    field = None
    for position, bit in enumerate(bits):
        if bit == "pk":
            field = model._meta.pk
        else:
            try:
                field = model._meta.get_field(bit)
            except FieldDoesNotExist:
                return None
        if position < len(bits) - 1:
            if not (field.concrete and (field.many_to_one or field.one_to_one)):
                return None
            model = field.related_model
    if not field.concrete or field.is_relation or field.name != bits[-1] and bits[-1] != "pk":
        return None
    return field


def _walk(current, bits):
    """``Accessor.resolve`` (safe, not quiet) with the attribute look-up first for model instances
    (which have no item look-up, so the result is the same)."""
    for bit in bits:
        if isinstance(current, Model) and not hasattr(current, "__getitem__"):
            try:
                current = getattr(current, bit)
            except (TypeError, AttributeError):
                raise ValueError(f"Failed lookup for key [{bit}] in {type(current)!r}") from None
            if callable(current):
                if getattr(current, "alters_data", False):
                    raise ValueError(f"Refusing to call {current.__name__}() because `.alters_data = True`")
                if not getattr(current, "do_not_call_in_templates", False):
                    current = current()
        else:
            current = Accessor(bit).resolve(current)
        if current is None:
            break
    return current


def _value_rows(records, cells):
    """The rows straight from ``values_list()`` (no model instances at all), when every column
    shows a model field reached through forward relations, with django-tables2's own plain
    value functions (``Column``, a link column's text, the date columns of ``apps.core.tables``)
    and Django's own ``get_FOO_display()`` labels; ``None`` when some column needs the record.

    ``values_list`` gives the values the model instances would hold (the same converters and
    decryption), ``None`` where a nullable relation is empty (where ``Accessor.resolve`` stops).
    """
    if not isinstance(records, QuerySet) or records._iterable_class is not ModelIterable:
        return None
    query = records.query
    if records._prefetch_related_lookups or query.extra_select or query.combinator or query.distinct_fields:
        return None
    converters = []
    for cell in cells:
        converter = cell.value_converter(records.model, records.query.annotations)
        if converter is None:
            return None
        converters.append(converter)
    paths = ["__".join(cell.bits) for cell in cells]
    # DISTINCT over the shown values alone could merge two records that show the same: keep the pk.
    skip = 1 if query.distinct else 0
    rows = records.values_list(*(["pk"] * skip + paths)).iterator(chunk_size=CHUNK_SIZE)

    def generate():
        for row in rows:
            language = translation.get_language()
            yield [convert(raw, language) for convert, raw in zip(converters, row[skip:] if skip else row)]

    return generate()


def _only_read_fields(records, cells):
    """``records`` loading only the fields that the columns read, of the model and of its
    ``select_related`` models: a service-record export then neither builds ten datetimes per
    row nor decrypts the volunteer's ID number and phone, which it does not show.

    Conservative: nothing is deferred if a column's value comes from a function that gets the
    whole record (a table's ``value_<name>`` may read anything), and nothing of a model that a
    column reads through a property, a method or its ``__str__``. A deferred field that were
    read after all would be loaded by Django (the same value, one query per row), which the
    query-count tests catch.
    """
    if not isinstance(records, QuerySet) or records._iterable_class is not ModelIterable:
        return records
    if records.query.deferred_loading != (frozenset(), True) or not all(c.reads_accessor_only for c in cells):
        return records
    select = records.query.select_related
    accessors = [cell.bits for cell in cells]
    deferred = []

    def visit(model, path, tree):
        read = [bits[len(path):] for bits in accessors if bits[:len(path)] == path]
        fields = {f.name: f for f in model._meta.concrete_fields}
        if not all(rest and (rest[0] in fields or rest[0] == "pk") for rest in read):
            return  # read through a property, a method or __str__: it and its relations stay whole
        keep = {rest[0] for rest in read} | set(tree) | {model._meta.pk.name, "pk"}
        deferred.extend("__".join((*path, name)) for name in fields if name not in keep)
        for name, subtree in tree.items():
            visit(model._meta.get_field(name).related_model, (*path, name), subtree)

    visit(records.model, (), select if isinstance(select, dict) else {})
    return records.defer(*deferred) if deferred else records


def escape_formula(value):
    """Text a spreadsheet would read as a formula gets a leading apostrophe (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return force_str(value)


def _cell(value):
    """An export cell: plain (numbers stay numbers) and formula-escaped."""
    return escape_formula(_plain(value))
