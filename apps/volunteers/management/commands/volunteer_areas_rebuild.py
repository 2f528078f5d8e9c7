from django.core.management.base import BaseCommand
from django.db import transaction

from apps.volunteers.areas import volunteer_areas_kept, volunteer_areas_rebuild, volunteer_areas_recount


class Command(BaseCommand):
    help = ("Write the areas every volunteer counts in (VolunteerArea, the dashboard's volunteer figures) anew "
            "from residences and memberships: after area paths changed, or to repair. --check only compares.")

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Report differences, change nothing.")

    def handle(self, *args, check, **options):
        if check:
            kept, recount = volunteer_areas_kept(), volunteer_areas_recount()
            wrong = {key for key in kept.keys() | recount.keys() if kept.get(key) != recount.get(key)}
            self.stdout.write(f"{len(recount)} rows expected, {len(wrong)} missing, extra or different.")
            return
        with transaction.atomic():
            rows = volunteer_areas_rebuild()
        self.stdout.write(f"Volunteer areas rebuilt: {rows} rows.")
