"""The project's form renderer: Django's own, except that ``<select>`` widgets are written in
Python. Django renders a select through one template include per ``<option>``; a street's
organization dropdown (~500 options) then took most of a list page's time (volunteer list at
city scale: ~20 ms of ~80). The output is Django's markup (tested against it); a select whose
options use another template is left to Django.

``load_label_columns_only`` makes a model dropdown's options load only the columns of their
labels."""

import functools
import html
import string

from django.forms import ModelChoiceField
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _escape(value):
    """``conditional_escape`` (same result), without its lazy-argument check for every call: a
    dropdown writes a thousand of these."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs(attrs):
    """What ``django/forms/widgets/attrs.html`` writes: True → bare name, False → left out."""
    if not attrs:
        return ""
    return "".join(f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(value)}"'
                   for name, value in attrs.items() if value is not False)


class Renderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            widget = context["widget"]
            groups = widget["optgroups"]
            if all(option["template_name"] == OPTION for _name, options, _index in groups for option in options):
                return self._select(widget, groups)
        return super().render(template_name, context, request=request)

    def _select(self, widget, groups):
        parts = [f'<select name="{_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in groups:
            if group_name:
                parts.append(f'\n  <optgroup label="{_escape(group_name)}">')
            # (select_option.html ends with a newline, which the include keeps)
            parts += [f'\n  <option value="{_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                      f'{_escape(option["label"])}</option>\n' for option in options]
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every value and attribute went through _escape


# --- model dropdowns ---------------------------------------------------------------------------

#: What each model's ``__str__`` prints, as a format of the columns it reads. A dropdown of one of
#: these models loads only those columns (and the option value) as plain tuples: a street's
#: organization filter lists ~500 organizations of ~20 columns each to print their names.
#: Tested against ``__str__`` of fully loaded rows (tests/unit/test_filter_dropdowns.py).
LABELS = {
    "areas.Area": "{name}",
    "organizations.Organization": "{name}",
    "organizations.ServiceDomain": "{name}",
    "volunteers.Volunteer": "{name} ({number})",
    "volunteers.Team": "{name}",
    "activities.Activity": "{name}",
    "apiclients.ApiClient": "{name} ({token_prefix})",
}
#: The columns of each label.
LABEL_COLUMNS = {label: tuple(name for _text, name, _spec, _conv in string.Formatter().parse(text) if name)
                 for label, text in LABELS.items()}


class _PlainSelect(ModelChoiceIterator):
    """Django's iterator with one plain SELECT for the options: ``.iterator()`` opens a
    server-side cursor on PostgreSQL (DECLARE … WITH HOLD, FETCH, CLOSE: three round trips and a
    materialised copy) for what is a few hundred short rows. Rows come as tuples of the option
    value and the label's columns, not model instances (the option values carry no instance;
    nothing in the project reads it)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        label = self.queryset.model._meta.label
        text, columns = LABELS[label], LABEL_COLUMNS[label]
        value_column = self.field.to_field_name or "pk"
        for value, *labels in self.queryset.values_list(value_column, *columns):
            yield ModelChoiceIteratorValue(value, None), text.format(**dict(zip(columns, labels, strict=True)))


@functools.cache
def _label_columns_iterator(iterator_class):
    class LabelColumnsIterator(*((iterator_class,) if iterator_class is not ModelChoiceIterator else ()),
                               _PlainSelect):
        pass

    return LabelColumnsIterator


def load_label_columns_only(field):
    """Let the options of a ``ModelChoiceField`` load only the columns their labels need. Only
    the options change: the chosen value is still looked up as a full row (filters use more than
    its name, e.g. an area's path)."""
    queryset = field.queryset
    if (queryset is None or queryset.model._meta.label not in LABEL_COLUMNS or queryset.query.select_related
            or type(field).label_from_instance is not ModelChoiceField.label_from_instance):
        return  # unknown label columns, or a label computed otherwise: full rows as before
    field.iterator = _label_columns_iterator(type(field).iterator)
    field.queryset = queryset  # the widget's choices are an iterator made when the queryset is set


class LabelColumnsOnlyMixin:
    """For a ``FilterSet``: its form's model dropdowns load only their labels' columns."""

    @property
    def form(self):
        if not hasattr(self, "_form"):
            for field in super().form.fields.values():
                if isinstance(field, ModelChoiceField):
                    load_label_columns_only(field)
        return self._form
