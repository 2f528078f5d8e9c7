"""Default star thresholds (DOMAIN §3), created idempotently by the data migration and again
after every ``migrate`` or ``flush`` (post_migrate, see apps.py). Existing rows are never
changed: a city that edited the table keeps its values."""

from decimal import Decimal

# The national default; a city edits the table (Beijing: 100/200/500/800/1000).
DEFAULT_THRESHOLDS = {1: 100, 2: 300, 3: 600, 4: 1000, 5: 1500}


def ensure_star_thresholds(apps, using="default"):
    StarThreshold = apps.get_model("volunteers", "StarThreshold")
    manager = StarThreshold.objects.db_manager(using)
    for level, hours in DEFAULT_THRESHOLDS.items():
        manager.get_or_create(level=level, defaults={"min_hours": Decimal(hours)})


def create_defaults(sender, *, apps=None, using="default", **kwargs):
    """post_migrate receiver (also sent after ``flush``, without ``apps``: the live registry)."""
    if apps is None:
        from django.apps import apps
    from apps.organizations.defaults import has_table

    if has_table(apps, "volunteers", "StarThreshold", using):
        ensure_star_thresholds(apps, using)
