from decimal import Decimal, InvalidOperation

from django import template

from apps.core.formats import format_amount, format_date, format_datetime
from apps.core.tables import render_row

register = template.Library()

_SELECTS = {"select", "selectmultiple", "nullbooleanselect"}


@register.filter
def bootstrap(field):
    """Render a bound field's widget with Bootstrap's classes and its error state."""
    widget_type = field.widget_type
    if widget_type in _SELECTS:
        css = "form-select"
    elif widget_type in {"checkbox", "radioselect", "checkboxselectmultiple"}:
        css = ""
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    existing = field.field.widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{existing} {css}".strip()})


@register.simple_tag(takes_context=True)
def table_row(context, row):
    """A django-tables2 body row, written in Python (see ``apps.core.tables.render_row``)."""
    return render_row(context, row)


# The interface's one date and amount format (apps/core/formats.py): ``{{ day|day }}``,
# ``{{ moment|day_time }}``, ``{{ money|amount }}`` (``|amount:10000`` for a value kept in 10,000 yuan).

@register.filter
def day(value):
    return format_date(value)


@register.filter
def day_time(value):
    return format_datetime(value)


@register.filter
def amount(value, unit=None):
    if unit is not None and value is not None and value != "":
        try:
            value = Decimal(str(value)) * Decimal(str(unit))
        except InvalidOperation:
            return format_amount(None)
    return format_amount(value)
