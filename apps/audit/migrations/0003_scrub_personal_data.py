# Removes the personal values that audit entries written before issue 14 may hold: auditlog's
# row changes of fields that are excluded now (a volunteer's birth date, the sign-up's contact
# phone, and for safety every personal field of the models that have one), and ID numbers or
# phones in our own events' details (the query string of an export that searched for one).

from urllib.parse import parse_qsl, urlencode

from django.db import migrations

PERSONAL_FIELDS = {
    ("volunteers", "volunteer"): ["id_number", "id_number_hash", "phone", "phone_hash", "birth_date",
                                  "occupation", "education"],
    ("volunteers", "team"): ["contact_phone"],
    ("organizations", "organization"): ["contact_phone"],
    ("onboarding", "signupapplication"): ["contact_phone"],
}
#: Query parameters that hold a searched-for document number or phone.
PERSONAL_PARAMS = {"document"}
BATCH = 1000


def _without(data, names):
    if not isinstance(data, dict):
        return data
    return {key: value for key, value in data.items() if key not in names}


def scrub_log_entries(apps, schema_editor):
    import json

    from django.db.models import Q

    LogEntry = apps.get_model("auditlog", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for (app_label, model), names in PERSONAL_FIELDS.items():
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is None:
            continue
        text_has = Q()
        for name in names:
            text_has |= Q(changes_text__contains=f'"{name}"')
        entries = LogEntry.objects.filter(content_type=content_type).filter(
            Q(changes__has_any_keys=names) | text_has | Q(serialized_data__isnull=False))
        changed = []
        for entry in entries.iterator(chunk_size=BATCH):
            before = (entry.changes, entry.changes_text, entry.serialized_data)
            entry.changes = _without(entry.changes, names)
            if entry.changes_text:
                try:
                    entry.changes_text = json.dumps(_without(json.loads(entry.changes_text), names),
                                                    ensure_ascii=False)
                except ValueError:
                    pass
            if isinstance(entry.serialized_data, dict) and isinstance(entry.serialized_data.get("fields"), dict):
                entry.serialized_data = {**entry.serialized_data,
                                         "fields": _without(entry.serialized_data["fields"], names)}
            if (entry.changes, entry.changes_text, entry.serialized_data) != before:
                changed.append(entry)
            if len(changed) >= BATCH:
                LogEntry.objects.bulk_update(changed, ["changes", "changes_text", "serialized_data"])
                changed = []
        LogEntry.objects.bulk_update(changed, ["changes", "changes_text", "serialized_data"])


def _scrub_query(query):
    from apps.core.masking import mask_document_or_phone

    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(key, mask_document_or_phone(value) if key in PERSONAL_PARAMS else value)
                      for key, value in pairs])


def _scrub(value):
    from apps.core.masking import mask_personal_numbers

    if isinstance(value, str):
        return mask_personal_numbers(value)
    if isinstance(value, dict):
        return {key: _scrub(_scrub_query(item) if key == "query" and isinstance(item, str) else item)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    return value


def scrub_audit_events(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    changed = []
    for event in AuditEvent.objects.only("pk", "detail").iterator(chunk_size=BATCH):
        detail = _scrub(event.detail)
        if detail != event.detail:
            event.detail = detail
            changed.append(event)
        if len(changed) >= BATCH:
            AuditEvent.objects.bulk_update(changed, ["detail"])
            changed = []
    AuditEvent.objects.bulk_update(changed, ["detail"])


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_auditevent_lookup_action"),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(scrub_log_entries, migrations.RunPython.noop),
        migrations.RunPython(scrub_audit_events, migrations.RunPython.noop),
    ]
