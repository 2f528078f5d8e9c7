"""The access matrix: every URL name of the project × every persona → expected answer.

Each ``cases_*.py`` module in this package contributes a ``CASES`` list. ``missing_rows``
reports URL names without a case and cases without an expectation for some persona; the
test in ``test_access_matrix.py`` fails on either, so a new URL cannot land without a row.

Expectations: an HTTP status (200, 403, 404, 405 …), ``LOGIN`` for "redirected to the log-in
page", or ``REDIRECT`` for any other redirect.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

from tests.personas import ANONYMOUS, ORG_USERS, PERSONAS, STAFF, SUPERUSER

LOGIN = "login"
REDIRECT = "redirect"


@dataclass(frozen=True)
class Case:
    url_name: str
    expect: dict
    kwargs: Callable | None = None  # world -> URL kwargs
    label: str = ""
    query: str = ""

    @property
    def id(self):
        return f"{self.url_name}[{self.label}]" if self.label else self.url_name


def expect(default, **overrides):
    """An expectation row: ``default`` for every persona, then per-persona overrides."""
    row = dict.fromkeys(PERSONAS, default)
    row.update(overrides)
    return row


def staff_only(staff=200, superuser=200):
    """A back-office page: staff see it, organization users are refused, anonymous log in."""
    row = expect(403, **{ANONYMOUS: LOGIN, SUPERUSER: superuser})
    row.update(dict.fromkeys(STAFF, staff) if not isinstance(staff, dict) else staff)
    return row


def any_logged_in(status=200):
    return expect(status, **{ANONYMOUS: LOGIN})


def all_cases():
    import tests.access as package

    cases = []
    for module_info in pkgutil.iter_modules(package.__path__):
        if module_info.name.startswith("cases_"):
            cases += importlib.import_module(f"tests.access.{module_info.name}").CASES
    return cases


def all_url_names(urlconf=None):
    """Every named URL pattern, with its namespace (``office:area_list``)."""
    names = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                walk(pattern.url_patterns, namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(prefix + pattern.name)

    walk(get_resolver(urlconf).url_patterns, "")
    return names


@dataclass
class Coverage:
    urls_without_case: list = field(default_factory=list)
    cases_missing_personas: list = field(default_factory=list)
    cases_for_unknown_urls: list = field(default_factory=list)

    @property
    def complete(self):
        return not (self.urls_without_case or self.cases_missing_personas or self.cases_for_unknown_urls)


def missing_rows(url_names, cases, personas=PERSONAS):
    covered = {case.url_name for case in cases}
    return Coverage(
        urls_without_case=sorted(url_names - covered),
        cases_missing_personas=sorted(
            f"{case.id}: {sorted(set(personas) - set(case.expect))}"
            for case in cases if set(personas) - set(case.expect)
        ),
        cases_for_unknown_urls=sorted(case.id for case in cases if case.url_name not in url_names),
    )


__all__ = ["Case", "LOGIN", "REDIRECT", "expect", "staff_only", "any_logged_in", "ORG_USERS", "STAFF"]
