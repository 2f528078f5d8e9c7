"""History entries of the rows an import writes in bulk (issue 16.2).

``bulk_create`` and an ``executemany`` UPDATE send no signals, so django-auditlog writes nothing for
them. The volunteer import writes its entries itself, in one ``bulk_create`` per chunk: each entry is
what auditlog's own signal receiver would have written for a ``save()`` of that row (auditlog's
``model_instance_diff``, so the model's registration decides which fields are kept: never an ID
number or a phone; a change of such a field is named without its values), with the uploader as
actor and the import as its cause in ``additional_data`` (``apps.audit.selectors.object_history``
shows it as the entry's note).
"""

from auditlog.cid import get_cid
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.encoding import smart_str


def log_entries_bulk_create(*, model, rows, actor, cause) -> int:
    """One auditlog entry per (old, new, changed field names) of ``model`` instances (``old`` None:
    created, every tracked field). A changed field the registration does not track (a phone) is
    named in ``additional_data["unlogged"]``, without its values, so the entry still says it
    changed. Returns the number of entries written."""
    content_type = ContentType.objects.get_for_model(model)
    now, cid = timezone.now(), get_cid()
    entries = []
    for old, new, changed in rows:
        changes = model_instance_diff(old, new, fields_to_check=changed if old is not None else None) or {}
        unlogged = [name for name in changed or () if name not in changes]
        if not changes and not unlogged:
            continue
        entries.append(LogEntry(
            content_type=content_type, object_pk=str(new.pk), object_id=new.pk, object_repr=smart_str(new),
            action=LogEntry.Action.CREATE if old is None else LogEntry.Action.UPDATE, changes=changes,
            actor=actor, actor_email=getattr(actor, "email", None), timestamp=now, cid=cid,
            additional_data={**cause, "unlogged": unlogged} if unlogged else cause,
        ))
    LogEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)
