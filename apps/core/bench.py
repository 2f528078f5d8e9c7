"""The benchmark's page list and its HTTP measurements (``manage.py benchmark``).

``benchmark_pages()`` picks, from the seeded data, the pages of the issue: lists with their
filters, detail pages of big objects, the dashboard and the portal home of the largest
organization, each with the persona who uses it and (for lists) the Django admin changelist
of the same rows with the same filters. The query-count test walks the same list.
"""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count
from django.utils import timezone


@dataclass(frozen=True)
class Page:
    name: str
    persona: str  # username of the demo persona who opens it
    path: str
    admin_path: str = ""  # the admin changelist of the same rows, same filters ("" = none)


def benchmark_pages():
    from django.contrib.auth import get_user_model

    from apps.accounts.models import Membership
    from apps.activities.models import ServiceRecord
    from apps.areas.models import Area, AreaLevel
    from apps.organizations.models import Organization
    from apps.procurement.models import Contract
    from apps.volunteers.models import Volunteer

    large = Membership.objects.select_related("organization").get(user__username="org_a_admin").organization
    street_user = get_user_model().objects.select_related("area").get(username="street")
    community = (Area.objects.subtree(street_user.area).filter(level=AreaLevel.COMMUNITY)
                 .annotate(n=Count("volunteers")).order_by("-n", "pk").first())
    surname = Volunteer.objects.filter(community=community).order_by("pk").values_list("name", flat=True).first()
    keyword = (surname or "王")[:1]
    volunteer = Volunteer.objects.order_by("-confirmed_records", "pk").first()
    last = ServiceRecord.objects.filter(activity__organization=large).order_by("-started_at").first()
    month = timezone.localtime(last.started_at).date().replace(day=1) if last else None
    month_end = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1) if month else None
    contract = Contract.objects.order_by("-amount", "pk").first()
    # The organization detail with every section filled: the provider of contracts (their
    # evaluations and acceptances are prefetched only when there are contracts) with most members.
    provider = (Organization.objects.filter(pk__in=Contract.objects.values("provider"))
                .annotate(n=Count("volunteer_memberships")).order_by("-n", "pk").first()) or large
    street = Area.objects.filter(level=AreaLevel.STREET).order_by("code").first()
    org_filter = {"status": "normal", "legal_form": "service_institution"}
    pages = [
        Page("organization list (filtered, sorted)", "city",
             f"/office/organizations/?{urlencode({**org_filter, 'sort': 'name'})}",
             f"/admin/organizations/organization/?{urlencode({**_exact(org_filter), 'o': '1'})}"),
        Page("volunteer list (community + keyword)", "street",
             f"/office/volunteers/?{urlencode({'community': community.pk, 'keyword': keyword})}",
             f"/admin/volunteers/volunteer/?{urlencode({'community__id__exact': community.pk, 'q': keyword})}"),
        Page("service-record list (organization + month)", "street",
             f"/office/records/?{urlencode({'organization': large.pk, 'date_from': month, 'date_to': month_end})}",
             f"/admin/activities/servicerecord/?{urlencode(_month_hierarchy(large.pk, month))}" if month else ""),
        Page("volunteer detail", "city", f"/office/volunteers/{volunteer.pk}/"),
        Page("organization detail", "city", f"/office/organizations/{provider.pk}/"),
        Page("contract detail", "city", f"/office/procurement/contracts/{contract.pk}/" if contract else ""),
        Page("dashboard (/office/)", "street" if street else "city", "/office/"),
        Page("portal home (large organization)", "org_a_admin", f"/portal/{large.code}/"),
    ]
    return [p for p in pages if p.path]


@dataclass(frozen=True)
class ApiPage:
    name: str
    path: str


def api_benchmark_pages():
    """The API's list endpoints (issue 17, point 6) with the list pages' filters, for a client bound
    to the whole city (the largest scope), and the incremental sync of a day's changes."""
    from apps.accounts.models import Membership
    from apps.activities.models import ServiceRecord
    from apps.areas.models import Area, AreaLevel
    from apps.volunteers.models import Volunteer

    large = Membership.objects.select_related("organization").get(user__username="org_a_admin").organization
    community = (Area.objects.filter(level=AreaLevel.COMMUNITY).annotate(n=Count("volunteers"))
                 .order_by("-n", "pk").first())
    surname = Volunteer.objects.filter(community=community).order_by("pk").values_list("name", flat=True).first()
    last = ServiceRecord.objects.filter(activity__organization=large).order_by("-started_at").first()
    month = timezone.localtime(last.started_at).date().replace(day=1) if last else timezone.localdate()
    since = (timezone.now() - timedelta(days=1)).isoformat()
    api = "/api/v1"
    return [
        ApiPage("API areas (communities)", f"{api}/areas/?{urlencode({'level': 'community'})}"),
        ApiPage("API organizations (filtered)",
                f"{api}/organizations/?{urlencode({'status': 'normal', 'legal_form': 'service_institution'})}"),
        ApiPage("API volunteers (community + keyword)",
                f"{api}/volunteers/?{urlencode({'community': community.pk, 'keyword': (surname or '王')[:1]})}"),
        ApiPage("API teams", f"{api}/teams/"),
        ApiPage("API activities (organization)", f"{api}/activities/?{urlencode({'organization': large.pk})}"),
        ApiPage("API service records (organization + month)",
                f"{api}/service-records/?{urlencode({'organization': large.pk, 'date_from': month})}"),
        ApiPage("API service records (a day's changes)", f"{api}/service-records/?{urlencode({'updated_since': since})}"),
        ApiPage("API contracts", f"{api}/contracts/"),
        ApiPage("API disclosure: contracts", f"{api}/disclosure/contracts/"),
    ]


def api_benchmark_client():
    """(client, token): a read-only client of the city for a benchmark run, made by the demo's
    administrator, without a rate limit worth the name. The caller revokes it after the run."""
    from django.contrib.auth import get_user_model

    from apps.apiclients.services import api_client_create
    from apps.areas.models import Area

    city = Area.objects.filter(parent__isnull=True).order_by("pk").first()
    return api_client_create(actor=get_user_model().objects.get(username="admin"), name="benchmark",
                             area=city, valid_days=1, rate_limit=1_000_000)


def api_query_count(path, token):
    """SQL queries a repeated GET of the API ``path`` runs with ``token`` (in-process)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)


def _month_hierarchy(organization_pk, month):
    return {"organization": organization_pk, "started_at__year": month.year, "started_at__month": month.month}


def _exact(filters):
    return {f"{key}__exact": value for key, value in filters.items()}


def session_cookie(username):
    """A logged-in session for a demo persona, made the way ``login()`` makes one."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = next(b for b in settings.AUTHENTICATION_BACKENDS if "axes" not in b.lower())
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


@dataclass
class Result:
    samples: list
    seconds: float
    errors: int
    status: int

    @property
    def p50(self):
        return statistics.median(self.samples) * 1000 if self.samples else float("nan")

    @property
    def p95(self):
        if len(self.samples) < 2:
            return self.p50
        return statistics.quantiles(self.samples, n=20, method="inclusive")[18] * 1000

    @property
    def rps(self):
        return len(self.samples) / self.seconds if self.seconds else 0.0


def _headers(credential):
    """A session cookie (pages) or an ``Authorization`` header dict (the API)."""
    own = credential if isinstance(credential, dict) else {"Cookie": credential}
    return {"Host": "127.0.0.1", **own}


def measure(port, path, cookie, *, clients, requests, time_limit):
    """Run ``requests`` GETs spread over ``clients`` threads (each with its own keep-alive
    connection to 127.0.0.1), stopping early after ``time_limit`` seconds."""
    return measure_interleaved(port, [(path, cookie)], clients=clients, requests=requests, time_limit=time_limit)[0]


def measure_interleaved(port, targets, *, clients, requests, time_limit):
    """``measure`` for several (path, cookie) targets at once, ``requests`` GETs each: every client
    sends one request to each target in turn (which one goes first rotates), so the targets see the
    same moments of a noisy machine and their ratio compares like with like. One Result per target;
    its ``seconds`` is the run's time in proportion to the time spent on that target's requests."""
    per_target = [{"samples": [], "errors": 0, "statuses": set()} for _ in targets]
    lock = threading.Lock()
    deadline = time.monotonic() + time_limit
    per_client = [requests // clients + (1 if i < requests % clients else 0) for i in range(clients)]

    def client(index, count):
        connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=60) for _ in targets]
        for round_ in range(count):
            if time.monotonic() > deadline:
                break
            for offset in range(len(targets)):
                which = (round_ + index + offset) % len(targets)
                path, credential = targets[which]
                started = time.perf_counter()
                connections[which].request("GET", path, headers=_headers(credential))
                response = connections[which].getresponse()
                response.read()
                elapsed = time.perf_counter() - started
                with lock:
                    record = per_target[which]
                    record["statuses"].add(response.status)
                    if response.status == 200:
                        record["samples"].append(elapsed)
                    else:
                        record["errors"] += 1
        for connection in connections:
            connection.close()

    threads = [threading.Thread(target=client, args=(i, n)) for i, n in enumerate(per_client)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    busy = [sum(record["samples"]) for record in per_target]
    return [Result(record["samples"], seconds * (share / sum(busy)) if sum(busy) else seconds, record["errors"],
                   max(record["statuses"]) if record["statuses"] else 0)
            for record, share in zip(per_target, busy, strict=True)]


def query_count(path, username):
    """SQL queries a repeated GET of ``path`` runs for ``username`` (in-process, same database)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    client.get(path)  # warm the process caches (content types, settings rows) as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)
