"""The project's form renderer writes <select> exactly as Django's templates do."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from apps.core.forms import Renderer


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---------"), ("a", "甲 & <乙>"), ("b", 'say "hi"')], required=False)
    grouped = forms.ChoiceField(choices=[("第一组", [("1", "一"), ("2", "二")]), ("3", "三")])
    many = forms.MultipleChoiceField(choices=[(1, "x"), (2, "y"), (3, "z")], required=False)
    flagged = forms.ChoiceField(choices=[("x", "X")], widget=forms.Select(attrs={"disabled": True, "data-a": "1",
                                                                             "class": "form-select", "hidden": False}))
    lazy = forms.ChoiceField(choices=[("", gettext_lazy("All")), ("s", mark_safe("<b>safe</b>")), (1, 2.5)],
                             widget=forms.Select(attrs={"data-label": gettext_lazy("Search"), "title": "<&>"}))


@pytest.mark.parametrize("data", [{}, {"plain": "a", "grouped": "2", "many": ["1", "3"], "flagged": "x", "lazy": "s"},
                                  {"plain": "nope", "grouped": "3"}])
def test_selects_are_written_as_django_writes_them(data):
    for name in Sample.base_fields:
        ours = Sample(data or None, renderer=Renderer())[name].as_widget()
        django = Sample(data or None, renderer=DjangoTemplates())[name].as_widget()
        assert ours == django, name
    assert 'selected' in Sample({"plain": "a"}, renderer=Renderer())["plain"].as_widget()


def test_other_widgets_and_custom_option_templates_are_left_to_django():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    class Other(forms.Form):
        name = forms.CharField()
        odd = forms.ChoiceField(choices=[("a", "A")], widget=Custom)

    for name in ("name", "odd"):
        assert Other(renderer=Renderer())[name].as_widget() == Other(renderer=DjangoTemplates())[name].as_widget()


def test_the_project_uses_it():
    assert type(Sample().renderer) is Renderer
