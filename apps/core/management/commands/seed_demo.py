import contextlib
import random
import time

from auditlog.context import disable_auditlog

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from apps.accounts import demo as accounts_demo
from apps.activities import demo as activities_demo
from apps.areas import demo as areas_demo
from apps.areas.models import Area
from apps.core.demo import DEMO_PASSWORD, SCALES, DemoContext
from apps.onboarding import demo as onboarding_demo
from apps.organizations import demo as organizations_demo
from apps.procurement import demo as procurement_demo
from apps.volunteers import demo as volunteers_demo
from apps.volunteers.areas import volunteer_areas_rebuild

# Order matters: each seeder may use what the earlier ones put in ctx.made.
SEEDERS = [areas_demo.seed, organizations_demo.seed, accounts_demo.seed]
SEEDERS += [volunteers_demo.seed, activities_demo.seed]  # after organizations and accounts
SEEDERS += [procurement_demo.seed]  # last: links contracts to the activities above
SEEDERS += [onboarding_demo.seed]  # pending sign-ups and change requests (needs org A and its admin)


class Command(BaseCommand):
    help = "Load deterministic, realistic demo data (杭州市 areas, organizations, personas)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=20261122, help="Random seed (same seed, same data).")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when data is already loaded.")

    def handle(self, *args, scale, seed, if_empty, **options):
        if Area.objects.exists():
            if if_empty:
                self.stdout.write("Demo data already loaded; nothing to do.")
                self.print_logins()
                return
            raise CommandError("The database already holds data; seed_demo only fills an empty database.")
        started = time.monotonic()
        ctx = DemoContext(scale=SCALES[scale], rng=random.Random(seed), stdout=self.stdout)
        # Large scales bypass per-row history: the seed is the starting state, not a change anyone made.
        quiet = disable_auditlog() if ctx.scale.bulk else contextlib.nullcontext()
        with transaction.atomic(), quiet:
            for seeder in SEEDERS:
                seeder(ctx)
                ctx.say(f"  ({seeder.__module__} done at {time.monotonic() - started:.1f} s)")
            # The areas every volunteer counts in (dashboard figures), from what the seeders wrote.
            rows = volunteer_areas_rebuild()
            ctx.say(f"  (volunteer areas: {rows} rows, done at {time.monotonic() - started:.1f} s)")
        if ctx.scale.bulk:
            # Planner statistics (and, on PostgreSQL, the visibility map that index-only scans need)
            # for the freshly loaded tables: without them PostgreSQL guesses one row per table until
            # autovacuum comes round, and picks plans 15x slower (records list). VACUUM cannot run
            # inside a transaction (a test's, say): there ANALYZE alone.
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
            ctx.say(f"  (planner statistics gathered at {time.monotonic() - started:.1f} s)")
        self.stdout.write(self.style.SUCCESS(f"Demo data ({scale}) loaded in {time.monotonic() - started:.1f} s."))
        self.print_logins()

    def print_logins(self):
        self.stdout.write("\nDemo logins (password for all: %s)" % DEMO_PASSWORD)
        for username, role, _name in accounts_demo.PERSONAS:
            self.stdout.write(f"  {username:<14} {role}")
