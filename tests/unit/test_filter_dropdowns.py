"""The filters' model dropdowns load only the columns of their labels (``LABEL_COLUMNS``): the
same options, one query per dropdown, and the chosen value is still a full row."""

import importlib
import io
import pkgutil
import re

import django_filters
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

import apps.backoffice.filters
import apps.portal.filters
from apps.accounts.models import Membership
from apps.areas.models import Area, AreaLevel
from apps.backoffice.filters.volunteers import VolunteerFilter
from apps.core import forms
from apps.web.filters import ScopedFilterSet
from apps.web.scope import OfficeScope, PortalScope
from tests.personas import STREET_STAFF


def _filter_sets():
    for package in (apps.backoffice.filters, apps.portal.filters):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return [fs for fs in subclasses(ScopedFilterSet) if fs.__module__.startswith("apps.")]  # not tests' own


def _is_portal(filter_set):
    return filter_set.__module__.startswith("apps.portal.")


def _dropdowns(filter_set):
    return {name: f for name, f in filter_set.base_filters.items() if isinstance(f, django_filters.ModelChoiceFilter)}


def test_every_dropdown_model_has_its_label_columns():
    models = {f.queryset.model._meta.label for fs in _filter_sets() for f in _dropdowns(fs).values()}
    assert len(models) >= 5
    assert models <= set(forms.LABEL_COLUMNS), models - set(forms.LABEL_COLUMNS)


def _request(username, portal):
    """A request and the scope its audience's list view would give the filter set."""
    user = get_user_model().objects.get(username=username)
    request = RequestFactory().get("/")
    request.user = user
    if portal:
        membership = Membership.objects.filter(user=user).order_by("pk").first()
        return request, PortalScope(membership.organization, membership)
    return request, OfficeScope(user)


def _render(filter_set, request_and_scope):
    """The form's HTML and the queries its rendering ran."""
    request, scope = request_and_scope
    with CaptureQueriesContext(connection) as queries:
        html = str(filter_set({}, queryset=filter_set._meta.model.objects.none(), request=request, scope=scope).form)
    return html, [q["sql"] for q in queries.captured_queries]


def test_dropdowns_give_the_same_options_with_one_query_each(db, monkeypatch):
    call_command("seed_demo", stdout=io.StringIO())  # dropdowns of many options of every model
    cases = [(fs, _request("org_a_admin" if _is_portal(fs) else "street", _is_portal(fs)))
             for fs in _filter_sets() if _dropdowns(fs) and fs._meta.model is not None]
    assert len(cases) >= 8
    for fs, request in cases:  # (loads each user's area, which the scoping uses)
        _render(fs, request)
    ours = [_render(fs, request) for fs, request in cases]
    monkeypatch.setattr(forms, "load_label_columns_only", lambda field: None)
    full = [_render(fs, request) for fs, request in cases]
    options = 0
    for (fs, _), (html, sql), (full_html, full_sql) in zip(cases, ours, full, strict=True):
        assert html == full_html, fs.__name__
        assert len(sql) == len(full_sql) == len(_dropdowns(fs)), fs.__name__  # no query per option
        for query in sql:
            selected = re.match(r'SELECT (.*?) FROM "(\w+)"', query).groups()
            columns = set(re.findall(r'"\w+"\."(\w+)"', selected[0]))
            assert columns <= {"id", "name", "number", "token_prefix"}, (fs.__name__, columns)  # no personal column
        options += html.count("<option")
    assert options > 300


def test_the_chosen_value_is_a_full_row(world):
    request = RequestFactory().get("/")
    request.user = world.user(STREET_STAFF)
    community = Area.objects.filter(level=AreaLevel.COMMUNITY).visible_to(request.user).first()
    filter_set = VolunteerFilter({"community": community.pk}, request=request, scope=OfficeScope(request.user))
    assert filter_set.is_valid()
    chosen = filter_set.form.cleaned_data["community"]
    assert chosen == community and chosen.get_deferred_fields() == set()  # its path serves the subtree
    assert 'selected>' in str(filter_set.form["community"])


def test_dropdown_options_are_one_plain_select_not_a_server_side_cursor(world):
    """``.iterator()`` would DECLARE a cursor on PostgreSQL (three round trips per dropdown)."""
    from apps.backoffice.filters.organizations import OrganizationFilter
    from apps.organizations.models import Organization

    request, scope = _request("street", False)
    form = OrganizationFilter(data={}, queryset=Organization.objects.all(), request=request, scope=scope).form
    with CaptureQueriesContext(connection) as queries:
        options = [choice for choice in form.fields["area"].choices]  # (list() would ask len(): a COUNT)
    assert [q["sql"].split()[0] for q in queries] == ["SELECT"], [q["sql"][:80] for q in queries]
    assert len(options) > 1
