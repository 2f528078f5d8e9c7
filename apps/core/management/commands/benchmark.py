"""Serve the app with gunicorn on 127.0.0.1 and measure the issue's pages (see README,
"City-scale benchmark"). Run it against a database seeded with ``seed_demo --scale city``."""

import os
import signal
import subprocess
import sys
import time
import urllib.request

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from apps.apiclients.services import api_client_revoke
from apps.areas.models import Area
from apps.core.bench import (
    api_benchmark_client, api_benchmark_pages, api_query_count, benchmark_pages, measure, measure_interleaved,
    query_count, session_cookie,
)

# Requests per page and case: (1 client, 8 clients); bounded in count and in time.
REQUESTS = {"small": (20, 40), "city": (60, 160)}


class Command(BaseCommand):
    help = ("Benchmark the back-office, portal and admin pages and the API's list endpoints under gunicorn "
            "(p50, p95, req/s, queries).")

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(REQUESTS), default="small",
                            help="Request counts; with --seed also the demo scale to load into an empty database.")
        parser.add_argument("--seed", action="store_true", help="Seed the demo data first when the database is empty.")
        parser.add_argument("--port", type=int, default=8120)
        parser.add_argument("--workers", type=int, default=4)
        parser.add_argument("--time-limit", type=float, default=30.0, help="Seconds at most per page and case.")

    def handle(self, *args, scale, seed, port, workers, time_limit, **options):
        self.workers = workers
        if not Area.objects.exists():
            if not seed:
                raise CommandError("The database is empty: run seed_demo --scale %s first (or pass --seed)." % scale)
            call_command("seed_demo", scale=scale, stdout=self.stdout)
        if connection.vendor != "postgresql":
            self.stdout.write(self.style.WARNING("Not PostgreSQL: the issue's targets are for PostgreSQL."))
        pages = benchmark_pages()
        self.load_before = os.getloadavg()[0]
        one, many = REQUESTS[scale]
        api_client, token = api_benchmark_client()
        server = self._start_gunicorn(port, workers)
        try:
            rows = [self._run(page, port, one, many, time_limit) for page in pages]
            api_rows = [self._run_api(page, port, token, one, many, time_limit) for page in api_benchmark_pages()]
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            api_client_revoke(actor=api_client.created_by, client=api_client, reason="benchmark finished")
        self._print(rows, workers)
        self._print_api(api_rows)

    def _start_gunicorn(self, port, workers):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.dev"),
               "DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
               "GONGZHI_DATA_KEYS": ",".join(settings.DATA_ENCRYPTION_KEYS), "GONGZHI_HASH_KEY": settings.DATA_HASH_KEY}
        command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
                   "--workers", str(workers), "--log-level", "warning"]
        server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
        for _ in range(100):
            time.sleep(0.2)
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2).read()
                return server
            except OSError:
                if server.poll() is not None:
                    raise CommandError("gunicorn did not start") from None
        server.terminate()
        raise CommandError("gunicorn did not answer within 20 s")

    def _run(self, page, port, one, many, time_limit):
        cookie = session_cookie(page.persona)
        self._warm_up(port, page.path, cookie, time_limit)
        row = {"page": page, "queries": query_count(page.path, page.persona)}
        if not page.admin_path:
            row["one"] = measure(port, page.path, cookie, clients=1, requests=one, time_limit=time_limit)
            row["many"] = measure(port, page.path, cookie, clients=8, requests=many, time_limit=time_limit)
        else:  # the list and its admin changelist interleaved: both under the same load
            admin_cookie = session_cookie("admin")
            self._warm_up(port, page.admin_path, admin_cookie, time_limit)
            row["admin_queries"] = query_count(page.admin_path, "admin")
            targets = [(page.path, cookie), (page.admin_path, admin_cookie)]
            row["one"], row["admin_one"] = measure_interleaved(port, targets, clients=1, requests=one,
                                                               time_limit=time_limit)
            row["many"], row["admin_many"] = measure_interleaved(port, targets, clients=8, requests=many,
                                                                 time_limit=time_limit)
        self.stderr.write(f"  measured {page.name}")
        return row

    def _run_api(self, page, port, token, one, many, time_limit):
        """An API list endpoint with a city client's token: every call authenticated, rate-counted
        and audited, as a partner system's."""
        headers = {"Authorization": f"Bearer {token}"}
        self._warm_up(port, page.path, headers, time_limit)
        row = {"page": page, "queries": api_query_count(page.path, token),
               "one": measure(port, page.path, headers, clients=1, requests=one, time_limit=time_limit),
               "many": measure(port, page.path, headers, clients=8, requests=many, time_limit=time_limit)}
        self.stderr.write(f"  measured {page.name}")
        return row

    def _print_api(self, rows):
        out = self.stdout.write
        out(f"\n{'API list endpoint (city client)':<44}{'queries':>8}{'1c p50':>9}{'1c p95':>9}{'1c r/s':>8}"
            f"{'8c p50':>9}{'8c p95':>9}{'8c r/s':>8}  status")
        for row in rows:
            status, queries = row["queries"]
            out(self._line(row["page"].name, queries, row["one"], row["many"], status))
        out("Times in ms; p95 targets as the list pages': ≤ 150 ms (1 client), ≤ 500 ms (8 clients).")

    def _warm_up(self, port, path, cookie, time_limit):
        """Three requests for every worker, from as many concurrent clients as there are workers
        (a sync worker serves one connection at a time, so each one gets some): a worker's first
        request of a page compiles its templates and fills its caches, which is not what is measured."""
        measure(port, path, cookie, clients=self.workers, requests=3 * self.workers, time_limit=time_limit)

    def _print(self, rows, workers):
        out = self.stdout.write
        out(f"\nGongzhi benchmark — {connection.vendor}, gunicorn {workers} workers, 127.0.0.1, "
            f"{os.cpu_count()} CPUs, load average {self.load_before:.1f} → {os.getloadavg()[0]:.1f}")
        out(f"{'page':<44}{'queries':>8}{'1c p50':>9}{'1c p95':>9}{'1c r/s':>8}"
            f"{'8c p50':>9}{'8c p95':>9}{'8c r/s':>8}  status")
        for row in rows:
            status, queries = row["queries"]
            out(self._line(row["page"].name, queries, row["one"], row["many"], status))
            if "admin_one" in row:
                admin_status, admin_queries = row["admin_queries"]
                out(self._line("  admin changelist, same filters", admin_queries, row["admin_one"],
                               row["admin_many"], admin_status))
                one, many = _ratios(row["one"], row["admin_one"]), _ratios(row["many"], row["admin_many"])
                out(f"  ratio Gongzhi/admin p95 (p50): 1 client {one[1]:.2f} ({one[0]:.2f}), "
                    f"8 clients {many[1]:.2f} ({many[0]:.2f})")
        out("Times in ms; p95 targets: ≤ 150 ms (1 client), ≤ 500 ms (8 clients).")

    @staticmethod
    def _line(name, queries, one, many, status):
        flag = "" if one.errors == 0 and many.errors == 0 else f" errors {one.errors + many.errors}"
        return (f"{name:<44}{queries:>8}{one.p50:>9.1f}{one.p95:>9.1f}{one.rps:>8.1f}"
                f"{many.p50:>9.1f}{many.p95:>9.1f}{many.rps:>8.1f}  {status}{flag}")


def _ratios(ours, admin):
    """(p50 ratio, p95 ratio) of two results; NaN without admin samples."""
    if not admin.samples:
        return float("nan"), float("nan")
    return ours.p50 / admin.p50, ours.p95 / admin.p95
