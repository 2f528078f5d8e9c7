"""Writing audit entries.

Row-level creates, updates and status changes are recorded automatically by django-auditlog
for every registered model. These functions record what auditlog cannot see: reveals and
exports of personal data, bulk operations (one entry with the row count), imports.
"""

from django.contrib.contenttypes.models import ContentType

from apps.core.masking import mask_personal_numbers

from .models import AuditAction, AuditEvent


def _client_ip(request):
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def scrubbed(value):
    """``value`` (a detail: dicts, lists, strings, numbers) with every ID number and mobile number
    in its strings masked. Callers pass no personal values; this catches what slips through, such
    as a query string with a number someone searched for (DOMAIN §6: the audit log holds none)."""
    if isinstance(value, str):
        return mask_personal_numbers(value)
    if isinstance(value, dict):
        return {key: scrubbed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [scrubbed(item) for item in value]
    return value


def audit_event_record(
    *, actor, action: AuditAction, obj=None, model=None, row_count=None, detail=None, request=None
) -> AuditEvent:
    model = model or (type(obj) if obj is not None else None)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(model) if model is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        row_count=row_count,
        detail=scrubbed(detail or {}),
        remote_addr=_client_ip(request),
    )


def audit_batch_record(*, actor, model, row_count, detail=None, request=None) -> AuditEvent:
    """One entry for a bulk operation (bulk_update / queryset.update bypass auditlog)."""
    return audit_event_record(
        actor=actor, action=AuditAction.BATCH, model=model, row_count=row_count,
        detail=detail, request=request,
    )
