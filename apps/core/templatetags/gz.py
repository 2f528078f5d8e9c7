from django import template

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
