"""The audit log page's rows: which row changes (auditlog's ``LogEntry``) and events (``AuditEvent``)
a staff member may read.

Staff at street level or above read the log of their area's subtree (superusers everything): an
entry is theirs when its record is visible to them (``visible_to(user)`` of the record's model,
organization-owned rows without a scoped manager through their organization, user accounts
through their area or memberships, reference lists such as service domains for all), or when it
was written by somebody of their area (staff of the subtree, members of its organizations), which
also covers records deleted since. Events without a record (exports, look-ups) are theirs by
their actor only.
"""

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from apps.core.scoping import ViewerKind, viewer_kind

from .models import AuditEvent

#: Models every staff member may read, whatever their area (reference lists of the whole city).
REFERENCE_LABELS = frozenset({
    "organizations.ServiceDomain", "organizations.AnnualReportDeadline", "volunteers.StarThreshold",
})


def can_read_audit_log(user) -> bool:
    """Staff at street level or above (and superusers) read the audit log; community workers do not."""
    return bool(user.is_authenticated and user.is_active
                and (user.is_superuser or user.acts_at_street_level_or_above))


def _users_of_area(user):
    """A subquery of the accounts of the user's area: staff of the subtree, members of its organizations."""
    from apps.accounts.models import User
    from apps.areas.models import Area
    from apps.organizations.models import Organization

    areas = Area.objects.subtree(user.area)
    organizations = Organization.objects.visible_to(user).values("pk")
    return User.objects.filter(Q(area__in=areas) | Q(memberships__organization__in=organizations)).values("pk")


def _visible_pks(model, user):
    """A subquery of the pks of ``model``'s rows the user may read, or None when only the actor decides."""
    from apps.accounts.models import User
    from apps.organizations.models import Organization

    if hasattr(model.objects, "visible_to"):
        return model.objects.visible_to(user).values("pk")
    if model is User:
        return _users_of_area(user)
    if any(field.name == "organization" for field in model._meta.concrete_fields):
        return model._base_manager.filter(organization__in=Organization.objects.visible_to(user).values("pk")) \
            .values("pk")
    if any(field.name == "area" for field in model._meta.concrete_fields):
        from apps.areas.models import Area

        return model._base_manager.filter(area__in=Area.objects.subtree(user.area)).values("pk")
    return None


def _scope_condition(user, *, id_field, as_text):
    """The ``Q`` of entries of the user's area: record visible or written by somebody of the area."""
    condition = Q(actor__in=_users_of_area(user))
    models = list(auditlog.get_models())
    types = ContentType.objects.get_for_models(*models)
    reference = [types[model].pk for model in models if model._meta.label in REFERENCE_LABELS]
    if reference:
        condition |= Q(content_type__in=reference)
    for model in models:
        if model._meta.label in REFERENCE_LABELS:
            continue
        pks = _visible_pks(model, user)
        if pks is None:
            continue
        if as_text:
            pks = pks.annotate(pk_text=Cast("pk", CharField())).values("pk_text")
        condition |= Q(content_type=types[model].pk, **{f"{id_field}__in": pks})
    return condition


def log_entries_visible_to(user):
    """Row changes the user may read in the audit log (none for those who may not read it)."""
    entries = LogEntry.objects.all()
    if not can_read_audit_log(user):
        return entries.none()
    if viewer_kind(user) is ViewerKind.SUPERUSER or user.area.parent_id is None:
        return entries
    return entries.filter(_scope_condition(user, id_field="object_id", as_text=False))


def audit_events_visible_to(user):
    """Events (reveals, exports, downloads, imports, look-ups) the user may read in the audit log."""
    events = AuditEvent.objects.all()
    if not can_read_audit_log(user):
        return events.none()
    if viewer_kind(user) is ViewerKind.SUPERUSER or user.area.parent_id is None:
        return events
    return events.filter(_scope_condition(user, id_field="object_id", as_text=True))
