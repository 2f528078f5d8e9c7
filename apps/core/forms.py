"""The project's form renderer: Django's own, except that ``<select>`` widgets are written in
Python. Django renders a select through one template include per ``<option>``; a street's
organization dropdown (~500 options) then took most of a list page's time (volunteer list at
city scale: ~20 ms of ~80). The output is Django's markup (tested against it); a select whose
options use another template is left to Django."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs):
    """What ``django/forms/widgets/attrs.html`` writes: True → bare name, False → left out."""
    return format_html_join("", "{}", (
        (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
        for name, value in attrs.items() if value is not False
    ))


class Renderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            widget = context["widget"]
            groups = widget["optgroups"]
            if all(option["template_name"] == OPTION for _name, options, _index in groups for option in options):
                return self._select(widget, groups)
        return super().render(template_name, context, request=request)

    def _select(self, widget, groups):
        parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group_name, options, _index in groups:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                # (select_option.html ends with a newline, which the include keeps)
                parts.append(format_html('\n  <option value="{}"{}>{}</option>\n', str(option["value"]),
                                         _attrs(option["attrs"]), option["label"]))
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every piece went through format_html
