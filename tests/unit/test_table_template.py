"""The project's table template (rows written by ``apps.core.tables.render_row``) gives the HTML
of django-tables2's stock ``bootstrap5.html``, on every list page and on tables that use the
per-cell features (callable attributes, row attributes, localization, callable cells), with one
deliberate difference: every body cell carries its column's header as ``data-label`` (phones show
the rows as stacked cards, issue 16.8). The comparisons take that attribute out of our HTML after
checking that every cell has the right one."""

import importlib.metadata
import io
import re

import django_tables2 as tables
import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django_tables2 import RequestConfig, SingleTableMixin

from apps.accounts.models import Membership

STOCK = "django_tables2/bootstrap5.html"
PROJECT = "django_tables2/gz_bootstrap5.html"

#: The django-tables2 release whose ``bootstrap5.html`` the project's row copy (``PROJECT`` and
#: ``apps.core.tables.render_row``, with its cached ``signature``) was checked against. The HTML
#: comparisons below cover the pages and features they render; a new release can change what they
#: do not render (a block, an attribute, a new option), so it is read again by a person first.
CHECKED_DJANGO_TABLES2 = "3.0.1"


def row_copy_pin_problem(installed):
    """Why the pin does not hold for the ``installed`` version (``None`` when it does)."""
    if installed == CHECKED_DJANGO_TABLES2:
        return None
    return (f"django-tables2 {installed} is installed, the row template copy ({PROJECT}, "
            f"apps/core/tables.py:render_row) was checked against {CHECKED_DJANGO_TABLES2}: re-check the row "
            f"template copy against django-tables2 {installed}'s bootstrap5 template, then update the pin "
            f"(CHECKED_DJANGO_TABLES2 in tests/unit/test_table_template.py).")


def test_the_row_template_copy_was_checked_against_the_installed_django_tables2():
    problem = row_copy_pin_problem(importlib.metadata.version("django-tables2"))
    assert problem is None, problem


def test_another_django_tables2_release_fails_the_pin():
    problem = row_copy_pin_problem("3.1.0")
    assert "re-check the row template copy against django-tables2 3.1.0's bootstrap5 template, then update the pin" \
        in problem


def test_the_project_uses_its_template():
    assert django_settings.DJANGO_TABLES2_TEMPLATE == PROJECT
    from apps.backoffice.tables.organizations import OrganizationTable

    assert OrganizationTable([]).template_name == PROJECT


def _table_views():
    """(namespace:name, route keyword names) of every list view with a table."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                view_class = getattr(pattern.callback, "view_class", None)
                if view_class and issubclass(view_class, SingleTableMixin) and namespace in ("office", "portal"):
                    yield f"{namespace}:{pattern.name}", set(pattern.pattern.converters)

    return sorted(walk(get_resolver().url_patterns, None))


DATA_LABEL = re.compile(r' data-label="([^"]*)"')


def without_data_labels(html):
    """Our HTML with the one attribute the stock template does not write taken out, after checking
    that every body cell has it: ``(html, [label of each cell])``."""
    body = "".join(re.findall(r"<tbody.*?</tbody>", html, flags=re.S))
    cells = re.findall(r"<td [^>]*>", body)
    labels = [DATA_LABEL.search(cell) for cell in cells]
    empty_rows = len(re.findall(r'<td colspan="', body))
    assert sum(label is None for label in labels) == empty_rows, [c for c, lb in zip(cells, labels) if lb is None][:3]
    return DATA_LABEL.sub("", html), [label.group(1) for label in labels if label]


def test_without_data_labels_reports_a_cell_without_one():
    html = '<tbody><tr><td  data-label="名称">a</td><td class="x">b</td></tr></tbody>'
    with pytest.raises(AssertionError):
        without_data_labels(html)
    assert without_data_labels('<tbody><tr><td  data-label="名称">a</td></tr></tbody>') == (
        "<tbody><tr><td >a</td></tr></tbody>", ["名称"])


def _with_stock_template(monkeypatch):
    monkeypatch.setattr(tables.Table, "template_name", property(lambda self: STOCK, lambda self, value: None))


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    if not response["Content-Type"].startswith("text/html"):  # a table view that only exports
        return ""
    html = response.content.decode()
    assert 'class="table-container"' in html, url
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _client(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_every_list_page_is_the_same_as_with_the_stock_template(db, monkeypatch):
    call_command("seed_demo", stdout=io.StringIO())  # the demo data: lists with rows
    views = _table_views()
    assert {"office:organization_list", "office:volunteer_list", "office:record_list",
            "portal:work_record_list"} <= {name for name, _ in views}
    office, portal = _client("city"), _client("org_a_admin")
    org_a = Membership.objects.get(user__username="org_a_admin").organization
    pages = []
    for name, keywords in views:
        if keywords - {"org"}:
            continue
        client = portal if "org" in keywords else office
        url = reverse(name, kwargs={"org": org_a.code} if "org" in keywords else {})
        pages += [(client, url), (client, f"{url}?sort=-pk"), (client, f"{url}?keyword=%E6%97%A0%E6%AD%A4%E4%BA%BA")]
    # Each page twice in a row, ours then the stock template's: a page that writes (an export's audit
    # event) comes between no two renderings of another page (the audit log lists those events).
    ours, stock = [], []
    for client, url in pages:
        ours.append(_page(client, url))
        with monkeypatch.context() as patched:
            _with_stock_template(patched)
            stock.append(_page(client, url))
    labelled = 0
    for (_, url), mine, theirs in zip(pages, ours, stock, strict=True):
        mine, labels = without_data_labels(mine)
        assert mine == theirs, url
        headers = [re.sub(r"<[^>]+>", "", header).strip() for header in re.findall(
            r'<th [^>]*scope="col">(.*?)</th>', theirs, flags=re.S)]
        if labels:  # each cell is labelled with its column's header, in order
            assert labels == headers * (len(labels) // len(headers)), url
            labelled += 1
    assert labelled > len(pages) / 2
    assert sum("<td " in html for html in ours) > len(pages) / 2  # most pages have rows
    assert any("page-link" in html for html in ours)  # and some are paginated


class Everything(tables.Table):
    """Callable attributes, row attributes, localized columns and a callable cell."""

    name = tables.Column(attrs={"td": {"class": lambda record: f"n{record['n']}", "data-x": "a&b"}})
    n = tables.Column(localize=True, attrs={"th": {"class": "num"}, "cell": {"data-v": lambda value: value}})
    amount = tables.Column(localize=False)
    plain = tables.Column(attrs={"td": {"class": "fixed wide"}}, orderable=False)
    thing = tables.Column(empty_values=())
    markup = tables.TemplateColumn("<b>{{ value }}</b>")

    class Meta:
        row_attrs = {"data-id": lambda record: record["n"], "class": "r"}
        attrs = {"class": "table", "tbody": {"id": "b"}}

    def render_thing(self, record):
        return (lambda: f"called {record['n']}") if record["n"] % 2 else "<i>kept escaped</i>"


class Classy(Everything):
    class Meta(Everything.Meta):
        pass

    def get_column_class_names(self, classes_set, bound_column):
        return classes_set | {f"col-{bound_column.name}"}


ROWS = [{"name": f"名字 <{i}>", "n": 1000 + i, "amount": 1234.5 * i, "plain": None, "markup": "x&y"}
        for i in range(5)]


@pytest.mark.parametrize("table_class", [Everything, Classy])
@pytest.mark.parametrize("rows", [ROWS, []])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_per_cell_features_give_the_stock_html(table_class, rows, language, settings):
    settings.USE_THOUSAND_SEPARATOR = True
    request = RequestFactory().get("/", {"sort": "-n", "page": "2"}, HTTP_ACCEPT_LANGUAGE=language)

    def render(template_name):
        table = table_class(rows, empty_text="无 <数据>")
        RequestConfig(request, paginate={"per_page": 2}).configure(table)
        return Template("{% load django_tables2 %}{% render_table table name %}").render(
            Context({"table": table, "request": request, "name": template_name}))

    with translation.override(language):
        ours, stock = render(PROJECT), render(STOCK)
    ours, labels = without_data_labels(ours)
    assert ours == stock
    if rows:
        assert labels[:6] == ["Name", "N", "Amount", "Plain", "Thing", "Markup"]
    if rows:  # page 2 of the rows sorted by n, descending
        assert 'id="b"' in ours and 'data-id="1002" class="r even"' in ours and 'n1001" data-x="a&amp;b"' in ours
        assert "called 1001" in ours and "&lt;i&gt;kept escaped&lt;/i&gt;" in ours
    else:
        assert "无 &lt;数据&gt;" in ours
