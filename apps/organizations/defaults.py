"""Default rows the registry starts with, created idempotently by the data migration and again
after every ``migrate`` or ``flush`` (post_migrate, see apps.py): tests that flush the database
and fresh deployments always have them. Existing rows are never changed."""

DOMAINS = [
    "社区服务", "养老", "助残", "儿童青少年", "文体", "调解", "劳动关系", "行业协会商会", "社会心理服务",
    "法律援助", "慈善救助", "社区协商", "枢纽型",
]


def ensure_service_domains(apps, using="default"):
    """``apps``: the app registry (a migration's historical one, or django.apps.apps)."""
    ServiceDomain = apps.get_model("organizations", "ServiceDomain")
    manager = ServiceDomain.objects.db_manager(using)
    for order, name in enumerate(DOMAINS, start=1):
        manager.get_or_create(name=name, defaults={"sort_order": order * 10})


def create_defaults(sender, *, apps=None, using="default", **kwargs):
    """post_migrate receiver (also sent after ``flush``, without ``apps``: the live registry)."""
    if apps is None:
        from django.apps import apps
    if has_table(apps, "organizations", "ServiceDomain", using):
        ensure_service_domains(apps, using)


def has_table(apps, app_label, model_name, using):
    from django.db import connections

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:  # migrated backwards past the model
        return False
    return model._meta.db_table in connections[using].introspection.table_names()
