"""The fuzzer behind ``test_hostile_input``: opens every access-matrix case's page as every persona
the matrix lets in (a persona it refuses or redirects has no page to fuzz), reads what each page lets a visitor send (``pages.read_page``) and sends hostile values
(``hostile``) through it: the page's query parameters (filters, ``page``, ``per_page``, ``sort``,
``_export``), every form on it, and the URL's own keywords. Every answer of 500 or more, and every
exception that escapes a view (the test client re-raises it), is kept as a ``Failure``.

Each case gets a fresh copy of the world inside a savepoint (its URL kwargs create what the case
needs, as in the access matrix), and every request runs in a savepoint of its own that is rolled
back: a hostile POST that succeeds changes nothing the next request sees, rate-limit counters never
fill up, and on PostgreSQL a failed statement does not poison the requests after it. The clients'
cookies are put back after each request, so a request that logs out or rotates the session does not
change the persona of the next one.

Deterministic: hypothesis runs ``derandomize=True`` with a fixed number of examples per target (a
page's query parameters, a form, a URL's keywords); a form found on many pages (the language
switch) is fuzzed once per persona. Past ``budget`` requests every further target gets
``examples_after_budget`` examples, so a growing site cannot make the run grow without bound."""

import copy
import logging
import re
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from django.contrib import admin
from django.db import transaction
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.access.matrix import ADMIN_LOGIN, LOGGED_OUT, LOGIN, REDIRECT

from .hostile import PATH_VALUES, Raw, hostile_query_value, hostile_value, submission, uploads
from .pages import read_page

# Access-matrix answers to a GET that leave nothing to fuzz (a refusal or a redirect).
NOTHING_TO_FUZZ = {LOGIN, ADMIN_LOGIN, LOGGED_OUT, REDIRECT, 403, 404}
# Query parameters every list page reads: django-tables2's page, page size and sort, the exports.
LIST_PARAMS = ("page", "per_page", "sort", "_export")
CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Failure:
    persona: str
    method: str
    path: str
    data: str
    error: str

    def __str__(self):
        return f"{self.error}\n    {self.persona} {self.method} {self.path} {self.data}"


@dataclass
class Tally:
    requests: Counter = field(default_factory=Counter)  # kind (page, query, form, path) -> requests
    seconds: float = 0.0
    pages: set = field(default_factory=set)  # (URL name, persona) that answered a page
    fuzzed: set = field(default_factory=set)  # (URL name, persona) whose parameters or forms were fuzzed
    targets: int = 0
    failures: list = field(default_factory=list)

    @property
    def total(self):
        return sum(self.requests.values())

    def report(self):
        """The failures grouped by error, most frequent first, with one example request each."""
        groups = {}
        for failure in self.failures:
            groups.setdefault(failure.error, []).append(failure)
        return "\n".join(f"{len(found)} × {found[0]}" for found in sorted(groups.values(), key=len, reverse=True))


def _describe(error):
    """The exception, the last frames in the project's code and the innermost frame at all."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f"{Path(frame.filename).relative_to(ROOT)}:{frame.lineno}"
            for frame in frames if frame.filename.startswith(str(ROOT / "apps"))][-3:]
    innermost = [f"{Path(frame.filename).name}:{frame.lineno}" for frame in frames[-1:]]
    return f"{type(error).__name__}: {str(error)[:200]} at {' < '.join(reversed(dict.fromkeys(ours + innermost)))}"


def _query_string(data):
    return "&".join(f"{quote(name, safe='')}={value if isinstance(value, Raw) else quote(value, safe='')}"
                    for name, values in data.items() for value in values)


def _view_name(path):
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return urlsplit(path).path


def _has_table(response):
    try:
        return response.context is not None and "table" in response.context
    except (KeyError, AttributeError):
        return False


class Fuzzer:
    def __init__(self, clients, tally, *, examples, budget, examples_after_budget=1):
        self.clients, self.tally = clients, tally
        self.examples, self.budget, self.examples_after_budget = examples, budget, examples_after_budget
        self.done = set()  # what was fuzzed already: (persona, kind, view name, field names)

    # --- one request ---------------------------------------------------------------------------

    def send(self, kind, persona, method, path, data=None, urlencoded=False):
        """One request in a rolled-back savepoint: the response, or None when it failed (kept)."""
        client = self.clients[persona]
        cookies = copy.deepcopy(client.cookies)
        self.tally.requests[kind] += 1
        try:
            with transaction.atomic():
                if method == "get":
                    response = client.get(path)
                elif urlencoded:
                    response = client.post(path, urlencode(data or {}, doseq=True),
                                           content_type="application/x-www-form-urlencoded")
                else:
                    response = client.post(path, data or {})
                if response.streaming:  # exports and files can fail while streaming, after the view returned
                    b"".join(response.streaming_content)  # (the test client closes the response)
                transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - every escaping exception is a finding
            self._fail(persona, method, path, data, _describe(error))
            return None
        finally:
            client.cookies = cookies
        if response.status_code >= 500:
            self._fail(persona, method, path, data, f"HTTP {response.status_code}")
        return response

    def _fail(self, persona, method, path, data, error):
        shown = {name: [value[:40] if isinstance(value, str) else f"<upload {value.name[:40]!r}>" for value in values]
                 for name, values in (data or {}).items()}
        self.tally.failures.append(Failure(persona, method.upper(), path[:300], repr(shown)[:400], error))

    # --- hypothesis-driven rounds ----------------------------------------------------------------

    def _rounds(self, strategy, act, examples=None):
        if examples is None:
            examples = self.examples if self.tally.total < self.budget else self.examples_after_budget

        @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                  phases=[Phase.generate], suppress_health_check=list(HealthCheck))
        @given(strategy)
        def run(value):
            act(value)

        run()

    def fuzz_query(self, persona, path, fields, choices):
        """GET ``path`` with hostile values for its query parameters (raw %-fragments included)."""
        base, _, own_query = path.partition("?")

        def act(data):
            query = "&".join(part for part in (own_query, _query_string(data)) if part)
            self.send("query", persona, "get", f"{base}?{query}" if query else base)

        self._rounds(submission(fields, choices, hostile_query_value), act)

    def fuzz_form(self, persona, path, fields, choices, files=()):
        """POST hostile values through a form, as multipart or url-encoded; its file inputs get
        hostile uploads (multipart only)."""
        def act(drawn):
            data, urlencoded, files_drawn = drawn
            if not urlencoded:
                data = {**data, **{name: value for name, value in files_drawn.items() if value}}
            self.send("form", persona, "post", path, data, urlencoded=urlencoded)

        self._rounds(st.tuples(submission(fields, choices, hostile_value), st.booleans(), uploads(files)), act)

    def target(self, persona, method, path, fields, page_name, choices=None, files=()):
        key = (persona, method, _view_name(path), tuple(sorted(fields)))
        if key in self.done or not fields:
            return
        self.done.add(key)
        self.tally.targets += 1
        self.tally.fuzzed.add((page_name, persona))
        if method == "get":
            self.fuzz_query(persona, path, fields, choices or {})
        else:
            self.fuzz_form(persona, path, fields, choices or {}, files)

    def fuzz_path(self, persona, url_name, kwargs):
        """Hostile values in the URL's keywords, one at a time (what their converters let through:
        a huge number for ``<int:pk>``, NUL or odd digits for ``<str:code>``), by GET and POST.
        Once per URL name, as the first persona that reaches the view."""
        key = ("path", url_name)
        if key in self.done or not kwargs:
            return
        self.done.add(key)
        route = resolve(reverse(url_name, kwargs=kwargs)).route
        converters = {match["name"]: match["converter"] or "str" for match in CONVERTER.finditer(route)}
        names = sorted(name for name in kwargs if converters.get(name) in PATH_VALUES)
        if not names:
            return
        self.tally.targets += 1

        def act(drawn):
            name, value = drawn
            try:
                path = reverse(url_name, kwargs={**kwargs, name: value})
            except NoReverseMatch:  # the converter refuses it: the resolver answers 404 itself
                return
            self.send("path", persona, "get", path)
            self.send("path", persona, "post", path, {})

        strategy = st.sampled_from(names).flatmap(lambda name: st.tuples(st.just(name), PATH_VALUES[converters[name]]))
        self._rounds(strategy, act, max(2, self.examples // 3))

    # --- a page and what it offers ---------------------------------------------------------------

    def visit(self, persona, url_name, url, kwargs):
        response = self.send("page", persona, "get", url)
        if response is None or response.status_code >= 300 and response.status_code != 405:
            return  # refused, redirected or failed: nothing of the page to fuzz for this persona
        self.tally.pages.add((url_name, persona))
        self.fuzz_path(persona, url_name, kwargs)
        if response.status_code == 405 or not response.get("Content-Type", "").startswith("text/html"):
            return  # a POST-only step (fuzzed through the form that posts to it) or a file
        forms, link_params = read_page(response.content.decode(), url)
        path = urlsplit(url).path
        # The page's own query parameters (its filter form, its links' parameters, and on a list
        # the table's), absent unless the hostile value is drawn.
        query_fields, query_choices = dict.fromkeys(link_params, ()), {}
        for form in forms:
            if form.method != "post" and urlsplit(form.action).path == path:
                query_fields.update(dict.fromkeys(form.baseline(), ()))
                query_choices.update(form.choices)
        if _has_table(response):
            query_fields.update(dict.fromkeys(LIST_PARAMS, ()))
        self.target(persona, "get", url, query_fields, url_name, query_choices)
        for form in forms:
            if form.method == "post":
                self.target(persona, "post", form.action, form.baseline(), url_name, form.choices, form.files)
            elif urlsplit(form.action).path != path:
                self.target(persona, "get", form.action, form.baseline(), url_name, form.choices)


def _admin_object_kwargs(url_name, kwargs):
    """The access matrix opens the admin's object pages (change, delete, history) with ``object_id``
    1, which need not exist; the sweep takes the model's first row instead, so that its change form
    is fuzzed as well."""
    if not url_name.startswith("admin:") or "object_id" not in kwargs:
        return kwargs
    name = url_name.removeprefix("admin:")
    for model in admin.site._registry:
        if name.startswith(f"{model._meta.app_label}_{model._meta.model_name}_"):
            first = model._default_manager.order_by("pk").first()
            return {**kwargs, "object_id": str(first.pk)} if first is not None else kwargs
    return kwargs


def fuzz_cases(cases, world, clients, *, examples, budget):
    """Every case's page for every persona in ``clients``, each case in a fresh copy of ``world``."""
    tally = Tally()
    started = time.monotonic()
    fuzzer = Fuzzer(clients, tally, examples=examples, budget=budget)
    # Thousands of refused requests would each be logged (403, 404, 400 with a traceback): the
    # fuzzer keeps what matters itself.
    logging.disable(logging.CRITICAL)
    try:
        for case in cases:
            # Whom the access matrix (which checks these answers) sends away or refuses has no page to
            # fuzz: the sweep would only repeat the matrix's requests.
            personas = [persona for persona in clients if case.expect.get(persona) not in NOTHING_TO_FUZZ]
            if not personas:
                continue
            with transaction.atomic():
                kwargs = _admin_object_kwargs(case.url_name, case.kwargs(copy.deepcopy(world)) if case.kwargs else {})
                url = reverse(case.url_name, kwargs=kwargs or None) + (f"?{case.query}" if case.query else "")
                for persona in personas:
                    fuzzer.visit(persona, case.url_name, url, kwargs)
                transaction.set_rollback(True)
    finally:
        logging.disable(logging.NOTSET)
    tally.seconds = time.monotonic() - started
    return tally
