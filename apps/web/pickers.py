"""Choosing among many (issue 16.9): a ``<select>`` whose options are searched as one types.

A street has ~500 organizations, a city 10,000 volunteers: drawing them all as ``<option>``s makes
pages heavy and the choice hard. A dropdown whose model is a picker *source* (below) is drawn
with at most ``INLINE_MAX`` options: when the scope has more, the page carries only the chosen
ones and ``static/js/picker.js`` turns the ``<select>`` into a searchable combobox that asks the
audience's picker URL (``apps.web.views.pickers``) for matches. A scope with few rows keeps the
whole plain ``<select>``, which works without JavaScript. The rows drawn and the rows searched
are the same: ``scope.rows(Model.objects)``, the query of every scoped dropdown.
"""

import copy
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from apps.core.forms import LABEL_COLUMNS, LABELS
from apps.organizations.models import Organization
from apps.volunteers.models import Volunteer

#: A dropdown of at most this many options is drawn whole, as a plain ``<select>``.
INLINE_MAX = 100
#: Matches per answer of the search URL (``more`` says whether another page follows).
PAGE_SIZE = 20
#: Pages one search may ask for: beyond 1,000 matches the person types more instead.
MAX_PAGE = 50
#: Characters a search needs, unless it holds a Chinese character (a surname alone is useful).
MIN_QUERY = 2
MAX_QUERY = 50
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Source:
    model: type
    #: Lookups a search matches, any of them (names contain it, numbers and codes start with it).
    lookups: tuple
    ordering: tuple

    @property
    def label(self):
        return LABELS[self.model._meta.label]

    @property
    def label_columns(self):
        return LABEL_COLUMNS[self.model._meta.label]


SOURCES = {
    "volunteers": Source(Volunteer, ("name__icontains", "number__startswith"), ("name", "pk")),
    "organizations": Source(Organization, ("name__icontains", "credit_code__istartswith"), ("name", "pk")),
}
_SOURCE_OF_MODEL = {source.model: name for name, source in SOURCES.items()}


def query_is_long_enough(query: str) -> bool:
    return len(query) >= MIN_QUERY or bool(_CJK.search(query))


def search(scope, source: Source, query: str, page: int):
    """One page of the scope's rows matching ``query``: ``([(value, label), ...], more)``."""
    condition = Q()
    for lookup in source.lookups:
        condition |= Q(**{lookup: query})
    start = (page - 1) * PAGE_SIZE
    rows = list(scope.rows(source.model.objects).filter(condition).order_by(*source.ordering)
                .values_list("pk", *source.label_columns)[start:start + PAGE_SIZE + 1])
    columns = source.label_columns
    found = [(str(pk), source.label.format(**dict(zip(columns, labels, strict=True)))) for pk, *labels in rows]
    return found[:PAGE_SIZE], len(found) > PAGE_SIZE


class PickerWidgetMixin:
    """A model ``<select>`` that draws at most ``INLINE_MAX`` options; beyond that only the chosen
    ones, with the search URL for ``picker.js``. Still one query: the first ``INLINE_MAX + 1``
    rows, the chosen ones first."""

    picker_url = None
    texts = {
        "data-picker-placeholder": _("Type a name or number to search"),
        "data-picker-short": _("Type at least two characters, or one Chinese character."),
        "data-picker-empty": _("No matches."),
        "data-picker-more": _("Show more matches"),
        "data-picker-remove": _("Unselect"),
        "data-picker-failed": _("The search did not answer. Try again."),
    }

    def optgroups(self, name, value, attrs=None):
        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        self.picker_active = False
        if queryset is None or self.picker_url is None:
            return super().optgroups(name, value, attrs)
        limited = copy.copy(iterator)
        limited.queryset = self._first_rows(queryset, value)
        options = list(iter(limited))  # (list(limited) would ask its len(): a COUNT query)
        rows = [option for option in options if option[0] != ""]
        if len(rows) > INLINE_MAX:
            self.picker_active = True
            chosen = {str(item) for item in value}
            options = [option for option in options if option[0] == "" or str(option[0]) in chosen]
        self.choices = options
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = iterator

    @staticmethod
    def _first_rows(queryset, value):
        chosen = []
        for item in value:
            try:
                chosen.append(queryset.model._meta.pk.to_python(item))
            except ValidationError:
                continue  # not a key: the form reports it, the options ignore it
        ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering) or ["pk"]
        if chosen:
            queryset = queryset.alias(_picker_chosen=Case(
                When(pk__in=chosen, then=Value(0)), default=Value(1), output_field=IntegerField()))
            ordering.insert(0, "_picker_chosen")
        return queryset.order_by(*ordering)[:INLINE_MAX + 1]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)  # (draws the options: optgroups)
        if getattr(self, "picker_active", False):
            context["widget"]["attrs"].update({
                "data-picker": self.picker_url, "data-picker-min": MIN_QUERY,
                **{key: str(text) for key, text in self.texts.items()},
            })
        return context


class PickerSelect(PickerWidgetMixin, forms.Select):
    pass


class PickerSelectMultiple(PickerWidgetMixin, forms.SelectMultiple):
    pass


def use_picker(field, scope):
    """Give a model choice field of a picker source the picker widget, with the scope's search
    URL (a scope without one, e.g. the portal's organizations, keeps the plain dropdown)."""
    source = _SOURCE_OF_MODEL.get(getattr(field.queryset, "model", None))
    url = scope.picker_url(source) if source else None
    if url is None:
        return
    widget_class = PickerSelectMultiple if isinstance(field.widget, forms.SelectMultiple) else PickerSelect
    widget = widget_class(attrs=dict(field.widget.attrs))
    widget.picker_url = url
    widget.is_required = field.widget.is_required
    widget.choices = field.choices
    field.widget = widget
